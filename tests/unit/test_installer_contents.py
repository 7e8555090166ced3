"""What the frozen bundle carries comes from the feature contract (installer/contents.py),
and the setup program keeps its promises (installer/pcdesk.iss). The bundle itself is built
and run in tests/installed/test_frozen.py."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from pcdesk import installed, registry

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "installer"))
import contents  # noqa: E402  (installer/contents.py)

WITH_FAKE = [*installed.FEATURES, "tests.fake_feature"]


def test_a_new_feature_is_bundled_through_its_manifest_alone():
    with registry.installed(WITH_FAKE):
        datas = {(Path(src).name, dest) for src, dest in contents.datas()}
        hidden = contents.hidden_imports()
        assert contents.problems() == []
    assert ("f001_fake.py", "tests/fake_feature/migrations") in datas  # its Alembic branch
    assert ("fake_ledger.toml", "tests/fake_feature/forms") in datas  # definitions in its package
    # Named only in strings, so PyInstaller could not find them by itself:
    assert {"tests.fake_feature.manifest", "tests.fake_feature.service", "tests.fake_feature.ui.page",
            "tests.fake_feature.cli", "tests.fake_feature.model"} <= set(hidden)


def test_every_installed_feature_travels_with_its_files():
    datas = contents.datas()
    by_dest = {(Path(src).name, dest) for src, dest in datas}
    for f, folder in zip([f for f in registry.features() if f.migrations], registry.migration_folders()):
        for revision in folder.glob("*.py"):
            assert (revision.name, revision.parent.relative_to(contents.ROOT).as_posix()) in by_dest, f.name
    assert ("env.py", "pcdesk/store/migrations") in by_dest  # Alembic's environment
    for f, chapter in registry.guide_chapters():
        assert (f"{chapter}.md", "pcdesk/_shipped/guide") in by_dest, f.name
    for ledger_id in registry.ledgers():
        assert any(name == f"{ledger_id}.toml" for name, _dest in by_dest), ledger_id
    assert ("style.qss", "pcdesk/ui/resources") in by_dest
    assert all(Path(src).is_file() for src, _dest in datas)
    assert not any("__pycache__" in src or src.endswith(".pyc") for src, _dest in datas)
    hidden = set(contents.hidden_imports())
    assert {"alembic.op", "pcdesk.store.models", "pcdesk.foundation", "pcdesk.installed"} <= hidden
    assert {f"{f.package}.manifest" for f in registry.features() if f.name != "foundation"} <= hidden


def test_a_manifest_naming_files_that_are_missing_stops_the_build(tmp_path, monkeypatch):
    package = tmp_path / "broken_feature"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "manifest.py").write_text(textwrap.dedent('''
        from pcdesk.feature import Feature, Form, Ledger, Page
        FEATURE = Feature(name="broken", label="壊れた機能", package="broken_feature",
                          ledgers=(Ledger("no_such_ledger", "broken_feature.rows:rows"),),
                          forms=(Form("no_such_form"),), resources=("no_such_folder",), guide="no_such_chapter",
                          pages=(Page("p", "画面", "broken_feature.ui:Page", icon="no_such_icon"),))
    '''), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    with registry.installed([*installed.FEATURES, "broken_feature"]):
        found = "\n".join(contents.problems())
    for missing in ("forms/no_such_ledger.toml", "forms/no_such_form.toml", "resources/no_such_folder/",
                    "docs/guide/no_such_chapter.md", "no_such_icon.svg", "broken_feature.rows:rows",
                    "broken_feature.ui:Page"):
        assert missing in found


def test_version_resource_numbers_come_from_the_version():
    assert contents.version_tuple("0.1.0") == (0, 1, 0, 0)
    assert contents.version_tuple("1.2.3rc1") == (1, 2, 3, 0)
    assert contents.version_tuple("2026.11") == (2026, 11, 0, 0)


@pytest.mark.skipif(sys.platform != "win32", reason="PyInstaller の版情報リソースは Windows だけで作れます")
def test_version_resource_names_the_product_in_japanese():
    import pcdesk

    text = str(contents.version_info())
    assert pcdesk.APP_TITLE in text and pcdesk.__version__ in text and "041104B0" in text


def test_spec_keeps_no_list_of_its_own():
    spec = (ROOT / "installer" / "pcdesk.spec").read_text(encoding="utf-8")
    assert "datas=contents.datas()" in spec and "hiddenimports=contents.hidden_imports()" in spec
    assert "console=False" in spec  # windowed pcdesk.exe; pcdesk-cli.exe is the console twin


def test_setup_program_installs_per_user_in_japanese_and_keeps_the_data():
    iss = (ROOT / "installer" / "pcdesk.iss").read_text(encoding="utf-8-sig")
    assert "PrivilegesRequired=lowest" in iss  # no administrator rights
    assert 'MessagesFile: "compiler:Languages\\Japanese.isl"' in iss
    assert "OutputBaseFilename=pcdesk-setup-{#AppVersion}" in iss
    assert '{group}\\{#AppTitle}"; Filename: "{app}\\pcdesk.exe"' in iss  # Start menu
    assert 'Name: "desktopicon"; Description: "{cm:DesktopIcon}"; Flags: unchecked' in iss  # desktop: optional
    assert "{autodesktop}" in iss
    # The data folder is removed only when the person ticks the box (unticked) in the uninstaller,
    # never by a silent uninstall (an upgrade); an upgrade replaces the old program files whole.
    assert "Box.Checked := False;" in iss and "(not UninstallSilent())" in iss
    assert iss.count("DelTree(") == 1 and "if RemoveDataWanted() and" in iss
    assert "{localappdata}\\pcdesk" in iss and 'Type: filesandordirs; Name: "{app}\\_internal"' in iss
