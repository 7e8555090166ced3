"""What the frozen bundle carries, read from the feature contract — never a hand-kept list.

installer/pcdesk.spec calls `datas()` and `hidden_imports()`; tests/unit/test_installer_contents.py
checks them with a throw-away feature installed. Every installed feature's (pcdesk.registry)
  - Alembic branch (registry.migration_folders()) and the Alembic environment,
  - ledger and form definitions, templates and texts, user guide (pcdesk.shipped: the same
    forms/, resources/ and docs/guide/ a wheel carries in pcdesk/_shipped/), and the
    definitions a feature keeps in its own package (<package>/forms/),
  - stylesheet and icons (pcdesk/ui/resources/, <package>/ui/resources/),
travels as data at the path the running code looks for it. Everything a manifest names as an
import string ("module:attribute"), and whatever the migration scripts import (Alembic loads
them from files, out of PyInstaller's sight), becomes a hidden import. `problems()` lists what a
manifest declares but the checkout lacks, so the build stops instead of a user meeting it.
Qt-free; importable without PyInstaller.
"""

from __future__ import annotations

import ast
import importlib.util
import re
from pathlib import Path

import pcdesk
from pcdesk import registry, shipped
from pcdesk.feature import Feature

PACKAGE = Path(pcdesk.__file__).resolve().parent
ROOT = PACKAGE.parent  # the folder holding the `pcdesk` package: the checkout or site-packages
SKIP = {"__pycache__"}


def _files(folder: Path, pattern: str = "*") -> list[Path]:
    return sorted(p for p in folder.rglob(pattern) if p.is_file() and not SKIP & set(p.parts) and p.suffix != ".pyc")


def _bundle_dir(path: Path) -> str:
    """Where a file's folder sits inside the bundle: the same place relative to the package root."""
    return path.resolve().parent.relative_to(ROOT).as_posix()


def _feature_dir(f: Feature, path: Path) -> str:
    """A file under a feature's package, at its package path (tests.fake_feature → tests/fake_feature)."""
    inside = path.resolve().parent.relative_to(registry.package_dir(f).resolve())
    return (Path(*f.package.split(".")) / inside).as_posix()


def migration_files() -> list[tuple[Path, str]]:
    """Every branch's revision files, plus the Alembic environment (env.py, template)."""
    from pcdesk.store.migrate import ENVIRONMENT

    found = [(p, _bundle_dir(p)) for p in _files(ENVIRONMENT) if p.suffix in (".py", ".mako")]
    with_branch = [f for f in registry.features() if f.migrations]
    for f, folder in zip(with_branch, registry.migration_folders()):
        found += [(p, _feature_dir(f, p)) for p in _files(folder, "*.py")]
    return sorted(set(found))


def shipped_files() -> list[tuple[Path, str]]:
    """forms/, resources/ and docs/guide/ as pcdesk/_shipped/<name>/, where pcdesk.shipped looks."""
    found = []
    for name in shipped.FOLDERS:
        folder = shipped._folder(name)
        found += [(p, (Path("pcdesk/_shipped") / name / p.parent.relative_to(folder)).as_posix())
                  for p in _files(folder)]
    return found


def package_files() -> list[tuple[Path, str]]:
    """Data inside the packages: the UI's style and icons, a feature's own forms/ and ui/resources/."""
    found = []
    for f in registry.features():
        base = registry.package_dir(f)
        for sub in ("forms", "ui/resources", "_bundled"):
            folder = base / sub
            if folder.is_dir():
                found += [(p, _feature_dir(f, p)) for p in _files(folder) if p.suffix != ".py"]
    return sorted(set(found))


def datas() -> list[tuple[str, str]]:
    """(source file, destination folder) pairs for PyInstaller's Analysis(datas=...)."""
    return [(str(src), dest) for src, dest in migration_files() + shipped_files() + package_files()]


def manifest_refs(f: Feature) -> list[str]:
    """Every import string a manifest holds."""
    refs = list(f.models) + [f.commands, f.demo, f.attention, f.checks]
    for ledger in f.ledgers:
        refs += [ledger.rows, ledger.filters, ledger.document]
    refs += [form.values for form in f.forms]
    refs += [page.factory for page in f.pages]
    refs += list(f.provides.values()) + [v for v in f.extra.values() if ":" in v]
    return [r for r in refs if r]


def _script_imports(path: Path) -> set[str]:
    """Modules a migration script (or env.py) imports."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            for alias in node.names:  # `from alembic import op`: op is a module
                candidate = f"{node.module}.{alias.name}"
                try:
                    if importlib.util.find_spec(candidate) is not None:
                        names.add(candidate)
                except (ImportError, ValueError):
                    pass
    return names


def hidden_imports() -> list[str]:
    """Modules PyInstaller cannot see: named only in strings or imported by files Alembic loads."""
    modules = {registry.FOUNDATION, "pcdesk.installed"}
    for f in registry.features():
        if f.name != "foundation":
            modules |= {f.package, f"{f.package}.manifest"}
        modules |= {ref.partition(":")[0] for ref in manifest_refs(f)}
    for path, _dest in migration_files():
        if path.suffix == ".py":
            modules |= _script_imports(path)
    return sorted(modules)


def _definitions() -> set[str]:
    folders = [shipped.forms_dir()] + [registry.package_dir(f) / "forms" for f in registry.features()]
    return {p.stem for folder in folders if folder.is_dir() for p in folder.glob("*.toml")}


def problems() -> list[str]:
    """What a manifest declares that the bundle would lack (the build stops on any)."""
    found = []
    definitions = _definitions()
    icons = PACKAGE / "ui" / "resources" / "icons"
    for f in registry.features():
        where = f"{f.package} ({f.label})"
        for item in [*f.ledgers, *f.forms]:
            if item.id not in definitions:
                found.append(f"{where}: forms/{item.id}.toml がありません")
        for folder in f.resources:
            if not (shipped.resources_dir() / folder).is_dir():
                found.append(f"{where}: resources/{folder}/ がありません")
        if f.guide and not (shipped.guide_dir() / f"{f.guide}.md").is_file():
            found.append(f"{where}: docs/guide/{f.guide}.md がありません")
        for page in f.pages:
            if page.icon and not (icons / f"{page.icon}.svg").is_file():
                found.append(f"{where}: アイコン {page.icon}.svg がありません")
        if f.migrations:
            folder = registry.package_dir(f) / f.migrations.folder
            if not any(folder.glob("*.py")):
                found.append(f"{where}: マイグレーション {folder} が空です")
        for ref in manifest_refs(f):
            module = ref.partition(":")[0]
            if importlib.util.find_spec(module) is None:
                found.append(f"{where}: {ref} のモジュールがありません")
    return found


def version_tuple(version: str = pcdesk.__version__) -> tuple[int, int, int, int]:
    """'0.1.0' → (0, 1, 0, 0) for the Windows version resource (numbers only)."""
    numbers = []
    for part in version.split(".")[:4]:
        digits = re.match(r"\d*", part).group()  # "3rc1" → 3: a pre-release counts as its release
        numbers.append(int(digits or 0))
    return tuple((numbers + [0, 0, 0, 0])[:4])  # type: ignore[return-value]


def version_info(version: str = pcdesk.__version__):  # -> PyInstaller VSVersionInfo
    """The Windows version resource (file properties → 詳細) from pcdesk.__version__."""
    from PyInstaller.utils.win32.versioninfo import (FixedFileInfo, StringFileInfo, StringStruct, StringTable,
                                                     VarFileInfo, VarStruct, VSVersionInfo)

    numbers = version_tuple(version)
    strings = [
        StringStruct("CompanyName", "pcdesk"),
        StringStruct("FileDescription", pcdesk.APP_TITLE),
        StringStruct("FileVersion", version),
        StringStruct("InternalName", "pcdesk"),
        StringStruct("OriginalFilename", "pcdesk.exe"),
        StringStruct("ProductName", pcdesk.APP_TITLE),
        StringStruct("ProductVersion", version),
    ]
    return VSVersionInfo(
        ffi=FixedFileInfo(filevers=numbers, prodvers=numbers),
        kids=[StringFileInfo([StringTable("041104B0", strings)]),  # 0x0411 Japanese, 1200 = Unicode
              VarFileInfo([VarStruct("Translation", [0x0411, 1200])])],
    )
