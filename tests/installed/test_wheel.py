"""pcdesk installs like a product: the wheel, installed (not editable) into a new virtual
environment, works from another folder — its forms/, resources/, user guide, migrations and
icons travel inside the package (setup.py → pcdesk/_shipped/, pcdesk.shipped)."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

import pcdesk
from pcdesk import registry
from tests.installed.programs import Program, assert_gui_reaches_its_windows, copy_source, exercise, in_ci

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Built as `python -m build` does: a source distribution from a clean copy of the
    checkout, then the wheel from that (so a file MANIFEST.in forgets is missed here too)."""
    setuptools = tuple(int(p) for p in metadata.version("setuptools").split(".")[:2])
    if setuptools < (77, 0):  # pyproject.toml's build-system requirement
        message = f"setuptools {metadata.version('setuptools')} は古すぎます: pip install -e \".[build]\"（test.sh は入れます）"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    base = tmp_path_factory.mktemp("wheel")
    source = copy_source(base / "src")
    sdist = subprocess.run([sys.executable, "-c", "import sys; from setuptools import build_meta; "
                            "print(build_meta.build_sdist(sys.argv[1]))", str(base / "sdist")],
                           cwd=source, check=True, capture_output=True, text=True, timeout=600).stdout.split()[-1]
    with tarfile.open(base / "sdist" / sdist) as archive:
        archive.extractall(base / "unpacked", filter="data")
    (unpacked,) = (base / "unpacked").iterdir()
    # --no-build-isolation: the test environment already has setuptools (the [build] extra), so
    # the build needs no package index.
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(base / "dist"), str(unpacked)], check=True, capture_output=True, timeout=600)
    (found,) = (base / "dist").glob("pcdesk-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A new venv with only the wheel installed; the test venv's libraries are reachable
    through a .pth line (its own .pth files, such as the editable pcdesk, are not run)."""
    venv = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=300)
    python = venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    (site / "test-venv-libraries.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
                    "-q", str(wheel)], check=True, capture_output=True, timeout=600)
    return venv


def _program(venv: Path, workdir: Path) -> Program:
    return Program([str(venv / ("Scripts/pcdesk.exe" if sys.platform == "win32" else "bin/pcdesk"))], workdir)


def test_the_wheel_carries_every_features_files(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for f, chapter in registry.guide_chapters():
        assert f"pcdesk/_shipped/guide/{chapter}.md" in names, f.name
    for ledger_id in registry.ledgers():
        assert f"pcdesk/_shipped/forms/{ledger_id}.toml" in names or any(
            n.endswith(f"/forms/{ledger_id}.toml") for n in names), ledger_id
    for folder in registry.resource_folders():
        assert any(n.startswith(f"pcdesk/_shipped/resources/{folder}/") for n in names), folder
    for f in registry.features():
        if f.migrations:
            branch = "/".join([*f.package.split("."), f.migrations.folder])
            assert any(n.startswith(branch + "/") and n.endswith(".py") for n in names), f.name
    assert "pcdesk/ui/resources/style.qss" in names


def test_installed_program_runs_from_another_folder(installed, workdir):
    program = _program(installed, workdir)
    where = subprocess.run([str(installed / "bin" / "python"), "-c", "import pcdesk; print(pcdesk.__file__)"],
                           cwd=workdir, capture_output=True, text=True, check=True).stdout
    assert str(installed) in where  # the wheel's copy, not the checkout
    assert program.run("--version").stdout.strip() == f"pcdesk {pcdesk.__version__}"
    written = exercise(program)
    assert written["ledgers"] and written["forms"]
    assert_gui_reaches_its_windows(program)
