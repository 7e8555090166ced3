"""Start-up: opening the database with a way out on failure, the daily backup, logout → login."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from pcdesk.accounts.service import login
from pcdesk.audit.query import AuditFilter, fetch_page
from pcdesk.services import Workspace
from pcdesk.ui.application import daily_backup, explain_open_failure, open_or_explain
from pcdesk.ui.desk import Desk
from pcdesk.ui.shell.login_dialog import LoginDialog


def test_a_database_that_cannot_be_opened_is_explained_with_the_backup_to_restore(tmp_path, messages, office):
    db_file = tmp_path / "broken.sqlite3"
    db_file.write_bytes(b"this is not sqlite" * 100)
    backups = tmp_path / "backups"
    backups.mkdir()
    from pcdesk.store.backup import backup_to

    backup_to(office, backups / "pre-migrate-0001-20261120-101010.sqlite3")  # a whole one
    (backups / "auto-20261121.sqlite3").write_bytes(b"")  # newer but empty: never named
    assert open_or_explain(str(db_file)) is None
    kind, title, text = messages.calls[-1]
    assert kind == "critical" and title == "データベースを開けません"
    assert str(db_file) in text and "壊れています" in text  # names the file and what is wrong with it
    assert "pre-migrate-0001-20261120-101010.sqlite3" in text and "pcdesk restore" in text
    assert "auto-20261121" not in text


def test_server_database_failure_says_to_check_the_connection():
    text = explain_open_failure("postgresql+psycopg://u:secret@db.example/pcdesk", OSError("refused"))
    assert "secret" not in text
    assert "サーバーに接続できるか" in text


def test_daily_backup_once_a_day_and_recorded(office, login_as):
    made = daily_backup(office)
    assert made is not None and made.name.startswith("auto-")
    assert daily_backup(office) is None  # already done today
    entries = fetch_page(login_as(office, "admin"), AuditFilter(action="backup"))
    assert len(entries) == 1 and "自動バックアップを作成" in entries[0].summary


def test_logout_shows_the_login_again_and_a_new_window(qtbot, office, monkeypatch):
    logins = iter(["staff", "admin"])

    def log_in(self):
        self.login_id.setText(next(logins))
        self.password.setText("demo-pass-2026")
        self.try_login()
        return self.result()

    monkeypatch.setattr(LoginDialog, "exec", log_in)
    desk = Desk(office)
    first = desk.login()
    assert first.actor.roles == frozenset({"staff"})
    first.logout()
    qtbot.waitUntil(lambda: desk.window is not None and desk.window is not first)
    qtbot.addWidget(desk.window)
    assert desk.window.actor.is_admin


def test_cancelled_login_after_logout_quits(qtbot, office, monkeypatch):
    quits = []
    monkeypatch.setattr(Desk, "_quit", lambda self: quits.append(True))
    answers = iter([QDialog.DialogCode.Accepted, QDialog.DialogCode.Rejected])

    def log_in(self):
        if next(answers) == QDialog.DialogCode.Rejected:
            return QDialog.DialogCode.Rejected
        self.login_id.setText("staff")
        self.password.setText("demo-pass-2026")
        self.try_login()
        return self.result()

    monkeypatch.setattr(LoginDialog, "exec", log_in)
    desk = Desk(office)
    window = desk.login()
    window.logout()
    qtbot.waitUntil(lambda: quits == [True])


def test_closing_the_window_ends_the_application(qtbot, office, monkeypatch):
    quits = []
    monkeypatch.setattr(Desk, "_quit", lambda self: quits.append(True))
    desk = Desk(office)
    window = desk.open_main(login(Workspace(office), "admin", "demo-pass-2026").actor)
    window.close()
    assert quits == [True]


def test_long_work_runs_off_the_gui_thread_and_returns_or_raises(qtbot):
    import threading

    import pytest

    from pcdesk.errors import PcdeskError
    from pcdesk.ui.progress import run_task

    main = threading.get_ident()

    def work(progress):
        for i in range(3):
            progress(i + 1, 3)
        return threading.get_ident()

    assert run_task(None, "作業中…", work) != main

    def failing(_progress):
        raise PcdeskError("保存先に書き込めません。")

    with pytest.raises(PcdeskError, match="保存先に書き込めません"):
        run_task(None, "作業中…", failing)


def test_qt_file_dialog_speaks_japanese_after_make_app(qtbot, tmp_path):
    from PySide6.QtCore import QFileInfo
    from PySide6.QtGui import QAbstractFileIconProvider
    from PySide6.QtWidgets import QFileDialog, QLabel

    from pcdesk.ui.application import make_app

    make_app()
    dialog = QFileDialog(None, "復元するバックアップを選択", str(tmp_path), "pcdesk バックアップ (*.sqlite3)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # Qt's own dialog, as on Linux
    qtbot.addWidget(dialog)
    labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    assert labels["lookInLabel"] == "ファイルの場所(&L):"  # was "&Look in:"
    assert labels["fileTypeLabel"] == "ファイルの種類(&T):"  # was "Files of &type:"
    assert labels["fileNameLabel"] == "ファイル名(&N):"
    assert QAbstractFileIconProvider().type(QFileInfo(str(tmp_path))) == "フォルダ"  # was "Folder"
