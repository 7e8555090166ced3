"""The command line without a screen: version, demo data, settings."""

import subprocess
import sys

import pytest
from sqlalchemy import select

import pcdesk
from pcdesk.accounts.model import User
from pcdesk.accounts.service import login
from pcdesk.company.model import CompanyProfile
from pcdesk.demo import DEMO_PASSWORD, DemoError, create_demo
from pcdesk.services import Workspace, offered_roles
from pcdesk.settings import Settings, load_settings, save_settings
from pcdesk.errors import ValidationError
from pcdesk.store.opening import open_database


def cli(*args):
    return subprocess.run([sys.executable, "-m", "pcdesk", *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8")


def test_version_is_defined_once():
    result = cli("--version")
    assert result.stdout.strip() == f"pcdesk {pcdesk.__version__}"


def test_demo_prints_accounts_and_is_deterministic_for_a_seed(tmp_path):
    first = cli("demo", "--db", tmp_path / "a.sqlite3", "--seed", "7")
    assert first.returncode == 0, first.stderr
    assert DEMO_PASSWORD in first.stdout and "承認者・担当者" not in first.stdout  # roles in the one order
    assert ("reception" in first.stdout) == ("reception" in offered_roles())  # 受付 once the kiosk exists
    cli("demo", "--db", tmp_path / "b.sqlite3", "--seed", "7")

    def snapshot(name):
        db = open_database(tmp_path / name)
        with db.new_read_session() as s:
            company = s.get(CompanyProfile, 1)
            users = list(s.execute(select(User.login_id, User.display_name).order_by(User.login_id)))
        return company.name, company.representative, users

    assert snapshot("a.sqlite3") == snapshot("b.sqlite3")


def test_demo_accounts_log_in_with_their_roles(demo):
    ws, _ = demo
    result = login(Workspace(ws.db), "reception", DEMO_PASSWORD)
    assert result.ok and result.actor.kiosk_only


def test_demo_refuses_a_database_in_use(demo):
    ws, _ = demo
    with pytest.raises(DemoError, match="新しいファイル"):
        create_demo(Workspace(ws.db), seed=2)


def test_subcommand_error_is_japanese_and_exit_code_2(tmp_path):
    db = tmp_path / "x.sqlite3"
    cli("demo", "--db", db)
    result = cli("demo", "--db", db)
    assert result.returncode == 2 and "エラー:" in result.stderr


def test_settings_round_trip_and_validation(setup_ws):
    save_settings(setup_ws, Settings(date_style="wareki", idle_lock_minutes=5))
    loaded = load_settings(setup_ws)
    assert loaded.date_style == "wareki" and loaded.idle_lock_minutes == 5
    with pytest.raises(ValidationError, match="画面ロックまでの時間"):
        save_settings(setup_ws, Settings(idle_lock_minutes=-1))


def test_database_choice_precedence(tmp_path, monkeypatch):
    from pcdesk.store.engine import resolve_url
    from pcdesk.store.paths import default_database_path

    assert resolve_url(None).database == str(default_database_path())
    monkeypatch.setenv("PCDESK_DATABASE_URL", "postgresql+psycopg://u@server/pcdesk")
    assert resolve_url(None).get_backend_name() == "postgresql"
    assert resolve_url(tmp_path / "x.sqlite3").database == str(tmp_path / "x.sqlite3")


def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(db):
    from sqlalchemy import text

    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_command_line_help_and_usage_errors_are_japanese():
    helped = cli("--help")
    assert "使い方: pcdesk" in helped.stdout and "オプション" in helped.stdout and "usage" not in helped.stdout
    missing = cli("backup")
    assert missing.returncode == 2
    assert "次の指定が必要です: --out" in missing.stderr and "required" not in missing.stderr


def test_starting_the_gui_without_a_display_explains_itself(monkeypatch, capsys):
    from pcdesk import app

    monkeypatch.setattr(app.sys, "platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert app.main([]) == 2
    assert "xvfb-run pcdesk" in capsys.readouterr().err


def test_audit_changes_do_not_repeat_the_record_id():
    from pcdesk.audit.query import describe_changes

    text = describe_changes("department", '{"id": [null, 3], "name": [null, "総務部"]}')
    assert text == "部門名: 総務部"


@pytest.mark.parametrize("argv, expected", [
    ([], (True, None)),
    (["--db", "x.sqlite3"], (True, "x.sqlite3")),
    (["--db=x.sqlite3"], (True, "x.sqlite3")),
    (["--db", "x.sqlite3", "check"], (False, None)),
    (["check"], (False, None)),
])
def test_only_a_bare_db_choice_starts_the_gui(argv, expected):
    from pcdesk.app import _gui_database

    assert _gui_database(argv) == expected


def test_the_demo_company_is_where_its_address_says():
    from pcdesk.demo import COMPANIES

    for name, postcode, address, phone in COMPANIES:
        if "横浜市" in address:
            assert postcode.startswith("2") and phone.startswith("045-"), name  # 横浜: 〒220–247, 市外局番 045
        if "東京都" in address:
            assert postcode.startswith("1") and phone.startswith("03-"), name
        if "仙台市" in address:
            assert postcode.startswith("98") and phone.startswith("022-"), name


def test_the_demo_of_seed_1_is_in_yokohama(demo):
    from pcdesk.company.service import get_company

    ws, _ = demo
    company = get_company(ws)
    assert "横浜市" in company.address and company.postal_code == "231-0002" and company.contact_phone.startswith("045-")
