"""The frozen program, as the Windows setup program installs it: installer/pcdesk.spec built
into a one-folder bundle once per run (a few minutes), then run from another folder — the
command line, the GUI to its first window, and an upgrade over an older database.

PCDESK_FROZEN_DIST=<folder holding pcdesk and pcdesk-cli> tests a bundle built already
(e.g. by installer/build.ps1 on Windows) instead of building one.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

import pcdesk
from pcdesk import registry
from tests.installed.programs import (SUMMARY, Program, assert_gui_reaches_its_windows, copy_source, exercise,
                                     in_ci)

pytestmark = pytest.mark.slow
EXE = ".exe" if sys.platform == "win32" else ""


@pytest.fixture(scope="session")
def bundle(tmp_path_factory) -> Path:
    prebuilt = os.environ.get("PCDESK_FROZEN_DIST")
    if prebuilt:
        return Path(prebuilt)
    if importlib.util.find_spec("PyInstaller") is None:
        message = "PyInstaller がありません: pip install -e \".[build]\"（test.sh は入れます）"
        if in_ci():
            pytest.fail(message)  # CI must never pass without having frozen the program
        pytest.skip(message)
    base = tmp_path_factory.mktemp("frozen")
    source = copy_source(base / "src")
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                           "--workpath", str(base / "work"), "--distpath", str(base / "dist"),
                           str(source / "installer" / "pcdesk.spec")],
                          cwd=source, capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-6000:]
    # Printed at the end of the run (tests/installed/conftest.py), so the CI log shows the build time.
    SUMMARY.append(f"PyInstaller bundle built in {time.monotonic() - started:.0f} s: {base / 'dist' / 'pcdesk'}")
    return base / "dist" / "pcdesk"


@pytest.fixture
def frozen(bundle, workdir) -> Program:
    return Program([str(bundle / f"pcdesk{EXE}")], workdir)


def test_both_programs_tell_their_version(bundle, workdir):
    for name in ("pcdesk", "pcdesk-cli"):
        done = Program([str(bundle / f"{name}{EXE}")], workdir).run("--version")
        assert done.stdout.strip() == f"pcdesk {pcdesk.__version__}", name


def test_the_bundle_carries_every_features_files(bundle):
    inside = next(p for p in (bundle / "_internal", bundle) if (p / "pcdesk").is_dir()) / "pcdesk"
    for f, chapter in registry.guide_chapters():
        assert (inside / "_shipped" / "guide" / f"{chapter}.md").is_file(), f.name
    for folder in registry.resource_folders():
        assert (inside / "_shipped" / "resources" / folder).is_dir(), folder
    with_branch = [f for f in registry.features() if f.migrations]
    for f, folder in zip(with_branch, registry.migration_folders()):
        frozen_branch = inside.parent.joinpath(*f.package.split("."), f.migrations.folder)
        assert {p.name for p in folder.glob("*.py")} <= {p.name for p in frozen_branch.glob("*.py")}, f.name
    for page in registry.pages():
        if page.icon:
            assert (inside / "ui" / "resources" / "icons" / f"{page.icon}.svg").is_file(), page.id


def test_frozen_command_line_from_another_folder(frozen):
    written = exercise(frozen)
    assert written["ledgers"] and written["forms"]


def test_frozen_gui_reaches_its_first_window(frozen):
    frozen.run("demo", "--db", frozen.workdir / "demo.sqlite3")
    assert_gui_reaches_its_windows(frozen)
    assert frozen.first_window("--db", frozen.workdir / "demo.sqlite3")["frozen"]


def test_upgrade_over_an_older_version_keeps_the_data(frozen):
    """A database from an older pcdesk (the inventory branch one revision back) is backed up and
    migrated when the new version starts; its accounts and audit trail are still there."""
    from pcdesk.store.engine import Database, resolve_url
    from pcdesk.store.migrate import applied_revisions, current_revision, downgrade

    db_file = frozen.workdir / "pcdesk.sqlite3"
    frozen.run("demo", "--db", db_file)
    before = _audit_count(frozen.run("check", "--db", db_file).stdout)
    old = Database(resolve_url(str(db_file)))
    downgrade(old, "inventory@-1")  # one revision back on one branch, as an older release left it
    assert applied_revisions(old) != registry.schema_heads()
    old.dispose()

    window = frozen.first_window("--db", db_file)
    assert window["class"] == "LoginDialog", window  # the demo accounts are still there to log in
    backups = list((frozen.workdir / "backups").glob("pre-migrate-*.sqlite3"))
    assert len(backups) == 1, "the old database was not backed up before migrating"
    # Going one revision back drops the risk analysis's newer columns; the upgrade rewrites those
    # rows and seals every row again in its transaction (a 移行 entry), so the check passes at
    # once, with no write in between (pcdesk/audit/migration.py).
    check = frozen.run("check", "--db", db_file).stdout
    assert "データベースの整合性: 正常" in check and _audit_count(check) > before
    assert "アンカー照合: 正常" in check and "データベースの構造: 正常" in check
    assert "業務データと監査証跡: 正常" in check
    upgraded = Database(resolve_url(str(db_file)))
    assert current_revision(upgraded) == ",".join(sorted(registry.schema_heads()))
    upgraded.dispose()


def _audit_count(check_output: str) -> int:
    found = re.search(r"監査証跡: 正常（([\d,]+) 件", check_output)
    assert found, check_output
    return int(found.group(1).replace(",", ""))


def test_frozen_program_works_on_a_shared_postgresql_server(frozen):
    """The shared multi-PC set-up: the PostgreSQL driver and dialect travel in the bundle."""
    from tests.postgres_cluster import Cluster

    cluster = Cluster()
    if not cluster.available:
        if in_ci():
            pytest.fail(cluster.reason)
        pytest.skip(cluster.reason)
    try:
        url = cluster.new_database()
        assert "デモ会社を作成しました" in frozen.run("demo", "--db", url).stdout
        out = frozen.workdir / "監査ログ.pdf"
        frozen.run("export", "audit_log", "--format", "pdf", "--out", out, "--db", url)
        assert out.is_file()
        assert "監査証跡: 正常" in frozen.run("check", "--db", url).stdout
    finally:
        cluster.stop()
