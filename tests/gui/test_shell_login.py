"""Login: success, wrong password, waits after repeated failures, forced password change after a reset."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from pcdesk.accounts.service import list_users, reset_password
from pcdesk.demo import DEMO_PASSWORD
from pcdesk.services import Workspace
from pcdesk.ui.desk import Desk
from pcdesk.ui.shell.login_dialog import LoginDialog
from pcdesk.ui.shell.password_dialog import ChangePasswordDialog


def make_dialog(qtbot, db, login_id=""):
    dialog = LoginDialog(Workspace(db), login_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def attempt(qtbot, dialog, login_id, password):
    dialog.login_id.setText(login_id)
    dialog.password.setText(password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)  # Enter submits


def test_login_shows_company_and_succeeds(qtbot, office):
    dialog = make_dialog(qtbot, office)
    assert dialog.company_label.text() == "株式会社みなとソリューションズ"
    attempt(qtbot, dialog, "staff", DEMO_PASSWORD)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_login.actor.roles == frozenset({"staff"})


def test_wrong_password_is_refused_without_revealing_whether_the_id_exists(qtbot, office):
    dialog = make_dialog(qtbot, office)
    attempt(qtbot, dialog, "staff", "wrong-pass-1")
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.problems.isVisible()
    assert "ログインIDまたはパスワードが違います" in dialog.problems.text()
    wrong_password = dialog.problems.text()
    attempt(qtbot, dialog, "nobody", "wrong-pass-1")
    assert dialog.problems.text() == wrong_password
    assert dialog.password.text() == ""  # cleared for the next try


def test_repeated_failures_make_the_person_wait_and_the_dialog_counts_down(qtbot, office):
    dialog = make_dialog(qtbot, office)
    for _ in range(5):
        attempt(qtbot, dialog, "staff", "wrong-pass-1")
    assert "1秒待ってから、もう一度お試しください" in dialog.problems.text()
    assert not dialog.login_button.isEnabled() and dialog.login_button.text() == "あと1秒"
    from pathlib import Path

    dialog.grab().save(str(Path(__file__).parents[2] / "build" / "login-wait.png"))
    qtbot.waitUntil(dialog.login_button.isEnabled, timeout=3000)
    assert dialog.login_button.text() == "ログイン"


def test_a_wait_in_progress_is_explained_not_locked(qtbot, office):
    from pcdesk import clock
    import datetime as dt

    dialog = make_dialog(qtbot, office)
    for _ in range(7):
        attempt(qtbot, dialog, "staff", "wrong-pass-1")
        dialog.wait_timer.stop()
        dialog.login_button.setEnabled(True)  # someone trying again at once
    attempt(qtbot, dialog, "staff", DEMO_PASSWORD)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "秒待ってから" in dialog.problems.text() and "ロック" not in dialog.problems.text()
    clock.advance(dt.timedelta(minutes=1))
    dialog.login_button.setEnabled(True)
    attempt(qtbot, dialog, "staff", DEMO_PASSWORD)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_after_a_reset_the_person_must_choose_a_new_password(qtbot, office, monkeypatch, login_as):
    admin = login_as(office, "admin")
    staff_id = next(u.id for u in list_users(admin) if u.login_id == "staff")
    temporary = reset_password(admin, staff_id)
    forced = []

    def log_in(self):
        self.login_id.setText("staff")
        self.password.setText(temporary)
        self.try_login()
        return self.result()

    def change(self):
        forced.append(self.buttons.buttons()[-1].text())
        self.current.setText(temporary)
        self.new.setText("mine-only-42")
        self.confirm.setText("mine-only-4")
        self.accept()
        assert "新しいパスワード（確認）" in self.problems.text()  # stays open until fixed
        self.confirm.setText("mine-only-42")
        self.accept()
        return self.result()

    monkeypatch.setattr(LoginDialog, "exec", log_in)
    monkeypatch.setattr(ChangePasswordDialog, "exec", change)
    window = Desk(office).login()
    qtbot.addWidget(window)
    assert forced == ["ログアウト"]  # the forced dialog offers logging out, not skipping
    assert window.actor.name and "staff" in window.actor.roles
    login_as(office, "staff", "mine-only-42")


def test_error_text_grows_the_dialog_instead_of_squashing_the_fields(qtbot, office, squashed):
    dialog = make_dialog(qtbot, office, "yamada")
    qtbot.waitExposed(dialog)
    assert squashed(dialog) == []
    field_height = dialog.login_id.height()
    attempt(qtbot, dialog, "yamada", "wrong-pass-1")
    assert dialog.problems.isVisible()
    qtbot.waitUntil(lambda: squashed(dialog) == [])
    assert dialog.login_id.height() == field_height  # "yamada" keeps its descenders


def test_the_demo_password_in_the_notice_is_never_broken_across_lines(qtbot, office, monkeypatch):
    import pcdesk.ui.application as application
    from pcdesk.store.opening import open_database

    monkeypatch.setattr(application.messages, "info", lambda *a, **k: None)
    monkeypatch.setattr(application, "open_or_explain", lambda path, parent=None: open_database(office.path))  # demo already made
    desk = Desk(office)
    login_id, notice = desk.open_demo()
    dialog = LoginDialog(Workspace(desk.db), login_id, notice)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    line = next(text for text in dialog.notice.text().splitlines() if DEMO_PASSWORD in text)
    assert line == f"パスワードはすべて {DEMO_PASSWORD} です。"
    assert dialog.notice.fontMetrics().horizontalAdvance(line) <= dialog.notice.width()  # fits: not wrapped
