"""Start-up shows the login window before the database is open, and makes it usable after."""

from __future__ import annotations

import builtins
import subprocess
import sys
import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from pcdesk.demo import DEMO_PASSWORD
from pcdesk.services import Workspace
from pcdesk.store.paths import existing_database_file
from pcdesk.ui.desk import Desk
from pcdesk.ui.qt_free_imports import qt_free_imports
from pcdesk.ui.shell.login_dialog import OPENING, LoginDialog, remembered_company


def waiting_dialog(qtbot, office, name=""):
    dialog = LoginDialog(None, company_name=name, remember_as=office.path)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_waiting_login_cannot_be_used_until_the_database_is_open(qtbot, office):
    dialog = waiting_dialog(qtbot, office)
    assert not dialog.login_button.isEnabled() and dialog.notice.text() == OPENING
    assert QApplication.overrideCursor() is not None  # busy while the database opens
    dialog.login_id.setText("staff")
    dialog.password.setText(DEMO_PASSWORD)
    dialog.try_login()  # Enter pressed too early: nothing happens, nothing is recorded
    assert dialog.result_login is None and dialog.isVisible()

    dialog.ready(Workspace(office))
    assert QApplication.overrideCursor() is None
    assert dialog.login_button.isEnabled() and dialog.login_button.text() == "ログイン"
    assert not dialog.notice.isVisible()
    assert dialog.login_id.text() == "staff"  # what was typed meanwhile is kept
    assert dialog.company_label.text() == "株式会社みなとソリューションズ"
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_the_company_name_is_remembered_for_the_next_start(qtbot, office):
    assert remembered_company(office.path) == ""
    waiting_dialog(qtbot, office).ready(Workspace(office))
    assert remembered_company(office.path) == "株式会社みなとソリューションズ"
    again = waiting_dialog(qtbot, office, remembered_company(office.path))
    assert again.company_label.text() == "株式会社みなとソリューションズ"  # before the database is open


def test_desk_makes_the_shown_login_ready_instead_of_opening_another(qtbot, office, monkeypatch):
    dialog = waiting_dialog(qtbot, office)
    used = []

    def log_in(self):
        used.append(self)
        self.login_id.setText("admin")
        self.password.setText(DEMO_PASSWORD)
        self.try_login()
        return self.result()

    monkeypatch.setattr(LoginDialog, "exec", log_in)
    window = Desk(office, dialog).start()
    qtbot.addWidget(window)
    assert used == [dialog] and window.actor.is_admin


def test_closing_the_waiting_login_ends_the_start_once_the_database_is_open(qtbot, office, monkeypatch):
    dialog = waiting_dialog(qtbot, office)
    dialog.reject()  # 終了 or the window's × while the database was still opening
    monkeypatch.setattr(LoginDialog, "exec", lambda self: (_ for _ in ()).throw(AssertionError("shown again")))
    assert Desk(office, dialog).start() is None


def test_a_first_start_puts_the_start_choice_in_place_of_the_waiting_login(qtbot, db, monkeypatch):
    from pcdesk.ui.setup.start_choice import StartChoiceDialog

    dialog = LoginDialog(None, remember_as=db.path)
    qtbot.addWidget(dialog)
    dialog.show()
    seen = []

    def choose(self):
        seen.append(dialog.isVisible())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(StartChoiceDialog, "exec", choose)
    assert Desk(db, dialog).start() is None
    assert seen == [False]  # the login was put away before the start choice came


def test_the_login_window_needs_nothing_of_the_store_to_be_shown(tmp_path):
    (tmp_path / "x.sqlite3").write_bytes(b"x")
    code = ("import sys; import pcdesk.ui.application, pcdesk.ui.shell.login_dialog, pcdesk.store.paths;"
            f"print(pcdesk.store.paths.existing_database_file({str(tmp_path / 'x.sqlite3')!r}) is not None,"
            " sorted(m for m in ('sqlalchemy', 'pcdesk.services', 'pcdesk.accounts.service') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "[]"]


def test_only_a_used_sqlite_file_gets_the_login_first(tmp_path):
    assert existing_database_file(tmp_path / "new.sqlite3") is None
    (tmp_path / "empty.sqlite3").write_bytes(b"")
    assert existing_database_file(tmp_path / "empty.sqlite3") is None
    assert existing_database_file(tmp_path) is None  # a folder: opening it explains the mistake
    assert existing_database_file("postgresql+psycopg://u@server/pcdesk") is None  # may be a new server


def test_qt_free_imports_lift_pysides_hook_on_the_main_thread_only():
    hooked = builtins.__import__
    assert hooked is not getattr(builtins, "__orig_import__")  # PySide6 is loaded in this process
    with qt_free_imports():
        assert builtins.__import__ is builtins.__orig_import__  # type: ignore[attr-defined]
    assert builtins.__import__ is hooked
    seen = []
    worker = threading.Thread(target=lambda: seen.append(_lifted_here()))
    worker.start()
    worker.join()
    assert seen == [False] and builtins.__import__ is hooked  # another thread never swaps the hook


def _lifted_here() -> bool:
    with qt_free_imports():
        return builtins.__import__ is builtins.__orig_import__  # type: ignore[attr-defined]
