"""アカウント page: add with a one-time password, edit, reset without seeing the password, unlock."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog

from pcdesk.accounts.service import list_users, login
from pcdesk.services import Workspace
from pcdesk.ui.accounts.accounts_page import COLUMNS, AccountsPage
from pcdesk.ui.accounts.user_dialog import UserDialog


def make_page(qtbot, ws):
    page = AccountsPage(ws)
    qtbot.addWidget(page)
    page.show()
    return page


def cell(page, login_id, name):
    row = next(i for i, u in enumerate(page.users) if u.login_id == login_id)
    return page.table.item(row, COLUMNS.index(name)).text()


def test_list_shows_roles_and_state(qtbot, office, login_as):
    page = make_page(qtbot, login_as(office, "admin"))
    assert page.table.rowCount() == 5
    assert cell(page, "approver", "権限") == "担当者・承認者"
    assert cell(page, "reception", "権限") == "受付"
    assert cell(page, "staff", "状態") == "有効"
    assert not page.edit_button.isEnabled()


def test_reset_password_shows_a_one_time_password_the_person_must_change(qtbot, office, login_as, messages):
    page = make_page(qtbot, login_as(office, "admin"))
    page.select_login("staff")
    assert page.reset_button.isEnabled()
    page.reset_button.click()
    assert "パスワードを再設定しますか" in messages.texts("question")[-1]
    dialog = page.otp_dialog
    assert dialog is not None and dialog.isVisible()
    temporary = dialog.password_label.text()
    assert len(temporary) == 12
    assert "次のログイン" in dialog.explanation.text()
    dialog.copy_button.click()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == temporary
    assert cell(page, "staff", "状態") == "有効（パスワード変更待ち）"
    assert not login(Workspace(office), "staff", "demo-pass-2026").ok
    result = login(Workspace(office), "staff", temporary)
    assert result.ok and result.must_change_password
    dialog.accept()
    assert page.otp_dialog is None  # shown once, then forgotten


def test_reset_is_not_done_when_the_administrator_says_no(qtbot, office, login_as, messages):
    page = make_page(qtbot, login_as(office, "admin"))
    page.select_login("staff")
    messages.answer = False
    page.reset_button.click()
    assert page.otp_dialog is None
    assert login(Workspace(office), "staff", "demo-pass-2026").ok


def test_add_user_validates_then_creates_with_a_temporary_password(qtbot, office, login_as):
    admin = login_as(office, "admin")
    dialog = UserDialog(admin)
    qtbot.addWidget(dialog)
    dialog.login_id.setText("suzuki")
    dialog.name.setText("鈴木 一郎")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "権限: 1つ以上選んでください" in dialog.problems.text()
    dialog.roles["staff"].setChecked(True)
    dialog.department.setCurrentIndex(dialog.department.findText("営業部"))
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.temporary
    result = login(Workspace(office), "suzuki", dialog.temporary)
    assert result.ok and result.must_change_password and result.actor.roles == frozenset({"staff"})


def test_duplicate_id_error_leaves_the_role_boxes_whole(qtbot, office, login_as, squashed):
    dialog = UserDialog(login_as(office, "admin"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.login_id.setText("admin")
    dialog.name.setText("重複 太郎")
    dialog.roles["admin"].setChecked(True)
    dialog.roles["approver"].setChecked(True)
    dialog.accept()
    assert "「admin」はすでに使われています" in dialog.problems.text()
    qtbot.waitUntil(lambda: squashed(dialog) == [])
    boxes = [dialog.roles[r].geometry() for r in ("admin", "staff", "approver")]
    assert all(a.bottom() < b.top() for a, b in zip(boxes, boxes[1:]))  # no overlap


def test_add_from_the_page_shows_the_temporary_password(qtbot, office, login_as, monkeypatch):
    page = make_page(qtbot, login_as(office, "admin"))

    def fill(self):
        self.login_id.setText("tanaka2")
        self.name.setText("田中 次郎")
        self.roles["approver"].setChecked(True)
        self.accept()
        return self.result()

    monkeypatch.setattr(UserDialog, "exec", fill)
    page.add_button.click()
    assert page.otp_dialog is not None and page.otp_dialog.title.text() == "田中 次郎 さんの仮のパスワード"
    assert cell(page, "tanaka2", "権限") == "承認者"


def test_reception_is_offered_only_once_a_page_uses_it(qtbot, office, login_as, monkeypatch):
    """受付 opens the visitor kiosk and nothing else: no kiosk installed, no 受付 to give."""
    import pcdesk.registry
    from pcdesk.feature import Page

    admin = login_as(office, "admin")
    without_kiosk = [p for p in pcdesk.registry.pages() if "reception" not in p.roles]
    monkeypatch.setattr(pcdesk.registry, "pages", lambda: without_kiosk)
    new = UserDialog(admin)
    qtbot.addWidget(new)
    assert list(new.roles) == ["admin", "staff", "approver"]  # the one order of roles
    assert "残留リスクを承認" in new.roles["admin"].text()  # as the リスク分析 page lets them
    assert "上長" in new.roles["approver"].text() and "残留リスク" not in new.roles["approver"].text()
    holder = next(u for u in list_users(admin) if u.login_id == "reception")
    kept = UserDialog(admin, holder)  # an account that has it keeps it
    qtbot.addWidget(kept)
    assert list(kept.roles) == ["admin", "staff", "approver", "reception"] and kept.roles["reception"].isChecked()

    kiosk = Page("kiosk", "来訪者受付", "PySide6.QtWidgets:QWidget", frozenset({"reception"}), 50, kiosk=True)
    monkeypatch.setattr(pcdesk.registry, "pages", lambda: [*without_kiosk, kiosk])
    later = UserDialog(admin)
    qtbot.addWidget(later)
    assert list(later.roles) == ["admin", "staff", "approver", "reception"]


def test_edit_user_roles_and_deactivate(qtbot, office, login_as):
    admin = login_as(office, "admin")
    staff = next(u for u in list_users(admin) if u.login_id == "staff")
    dialog = UserDialog(admin, staff)
    qtbot.addWidget(dialog)
    assert dialog.login_id.isReadOnly()
    dialog.name.setText("田中 真由美（退職）")
    dialog.active.setChecked(False)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    page = make_page(qtbot, admin)
    assert cell(page, "staff", "状態") == "無効"
    assert cell(page, "staff", "氏名") == "田中 真由美（退職）"
    assert not login(Workspace(office), "staff", "demo-pass-2026").ok


def test_last_administrator_cannot_lose_the_role(qtbot, office, login_as):
    admin = login_as(office, "admin")
    manager = next(u for u in list_users(admin) if u.login_id == "manager")
    dialog = UserDialog(admin, manager)
    dialog.roles["admin"].setChecked(False)
    dialog.accept()  # admin remains, so this works
    assert dialog.result() == QDialog.DialogCode.Accepted
    me = next(u for u in list_users(admin) if u.login_id == "admin")
    dialog = UserDialog(admin, me)
    qtbot.addWidget(dialog)
    dialog.roles["admin"].setChecked(False)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "最後の管理者です" in dialog.problems.text()


def test_lift_the_wait_of_an_account(qtbot, office, login_as, messages):
    for _ in range(5):
        login(Workspace(office), "staff", "wrong-pass-1")
    page = make_page(qtbot, login_as(office, "admin"))
    assert cell(page, "staff", "状態") == "ログイン制限中"
    page.select_login("staff")
    assert page.unlock_button.isEnabled()
    page.unlock_button.click()
    assert cell(page, "staff", "状態") == "有効"
    assert "ログイン制限を解除しました" in messages.last
    assert login(Workspace(office), "staff", "demo-pass-2026").ok


def test_a_new_recovery_code_is_shown_once(qtbot, office, login_as, messages):
    from pcdesk.accounts.recovery import recover_admin

    page = make_page(qtbot, login_as(office, "admin"))
    page.recovery_button.click()
    assert "今の回復コードは使えなくなります" in messages.texts("question")[-1]
    dialog = page.recovery_dialog
    qtbot.waitUntil(dialog.isVisible)
    code = dialog.view.code_label.text()
    assert len(code) == 29
    dialog.grab().save(str(Path(__file__).parents[2] / "build" / "recovery-code-dialog.png"))
    assert recover_admin(Workspace(office), "staff", code).login_id == "staff"
