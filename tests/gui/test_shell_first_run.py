"""First run: the wizard driven end to end, and the start choice (own company or demo)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pathlib import Path

from PySide6.QtWidgets import QDialog, QLabel, QWizard

from pcdesk.accounts.service import login
from pcdesk.company.service import get_company, list_departments
from pcdesk.company.setup_flow import is_first_run
from pcdesk.services import Workspace
from pcdesk.ui.application import DEMO_FILE
from pcdesk.ui.desk import Desk
from pcdesk.ui.setup.first_run_wizard import FirstRunWizard
from pcdesk.ui.setup.start_choice import DEMO, SETUP, StartChoiceDialog
from pcdesk.ui.shell.login_dialog import LoginDialog

COMPANY = {"name": "株式会社みどり", "postal_code": "100-0001", "address": "東京都千代田区千代田1-1",
           "representative": "代表取締役 緑川 一郎", "pms_manager": "取締役 緑川 二郎",
           "audit_manager": "監査 三郎", "education_manager": "教育 四郎",
           "contact_name": "お客様相談室", "contact_phone": "03-0000-1111",
           "contact_email": "privacy-at-midori"}  # wrong on purpose; fixed in the test


def click(qtbot, wizard, which):
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def test_wizard_end_to_end(qtbot, db):
    wizard = FirstRunWizard(Workspace(db))
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.currentPage().step == "welcome"
    assert not wizard.button(QWizard.WizardButton.BackButton).isVisible()
    click(qtbot, wizard, QWizard.WizardButton.NextButton)

    page = wizard.currentPage()
    assert page.step == "company" and page.title() == "会社情報（2/5）"
    for key, value in COMPANY.items():
        page.form.fields[key].setText(value)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage().step == "company"  # stays, with the problem on the page
    assert page.problems.isVisible()
    assert "窓口メールアドレス: メールアドレスの形式ではありません" in page.problems.text()
    page.form.fields["contact_email"].clear()
    qtbot.keyClicks(page.form.fields["contact_email"], "privacy@midori.example.jp")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)

    page = wizard.currentPage()
    assert page.step == "departments"
    assert page.departments.toPlainText() == "総務部\n営業部"
    page.departments.setPlainText("総務部\n営業部\n開発部")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)

    page = wizard.currentPage()
    assert page.step == "admin"
    qtbot.keyClicks(page.login_id, "midori")
    page.name.setText("緑川 花子")
    qtbot.keyClicks(page.password, "midori-pass1")
    qtbot.keyClicks(page.password_confirm, "midori-pass2")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert "パスワード（確認）: パスワードと一致しません" in page.problems.text()
    page.password_confirm.clear()
    qtbot.keyClicks(page.password_confirm, "midori-pass1")
    qtbot.keyClick(page.password_confirm, Qt.Key.Key_Return)  # Enter goes on, like 次へ

    page = wizard.currentPage()
    assert page.step == "confirm"
    shown = [page.summary_form.itemAt(i).widget().text() for i in range(page.summary_form.count())]
    assert "株式会社みどり" in shown and "総務部、営業部、開発部" in shown and "緑川 花子（midori）" in shown

    click(qtbot, wizard, QWizard.WizardButton.BackButton)  # back keeps what was typed
    assert wizard.currentPage().step == "admin"
    assert wizard.currentPage().name.text() == "緑川 花子"
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.flow.current == "confirm"
    assert wizard.button(QWizard.WizardButton.CommitButton).text() == "設定を保存 >"
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)

    page = wizard.currentPage()  # saved; the recovery code is shown this once
    assert page.title() == "回復コード" and page.view.code_label.text() == wizard.recovery_code
    assert len(wizard.recovery_code) == 29 and "pcdesk recover" in page.view.findChildren(QLabel)[-1].text()
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled() \
        or not wizard.button(QWizard.WizardButton.BackButton).isVisible()
    wizard.grab().save(str(Path(__file__).parents[2] / "build" / "first-run-recovery-code.png"))
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)

    assert wizard.result() == QDialog.DialogCode.Accepted
    assert wizard.admin is not None and wizard.admin.name == "緑川 花子"
    ws = Workspace(db)
    assert not is_first_run(ws)
    assert get_company(ws).contact_email == "privacy@midori.example.jp"
    assert [d.name for d in list_departments(ws)] == ["総務部", "営業部", "開発部"]
    assert login(ws, "midori", "midori-pass1").ok


def test_start_on_empty_database_offers_the_wizard_and_opens_the_main_window(qtbot, db, monkeypatch):
    seen = []

    def choose_setup(self):
        seen.append(self.windowTitle())
        self.choice = SETUP
        return QDialog.DialogCode.Accepted

    def run_wizard(self):
        self.flow.set(**dict(COMPANY, contact_email="a@b.jp"), departments="総務部", admin_login="boss",
                      admin_name="社長 一郎", admin_password="boss-pass-1", admin_password_confirm="boss-pass-1")
        self.finish_flow()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(StartChoiceDialog, "exec", choose_setup)
    monkeypatch.setattr(FirstRunWizard, "exec", run_wizard)
    desk = Desk(db)
    window = desk.start()
    qtbot.addWidget(window)
    assert seen == ["pcdesk へようこそ"]
    assert window.windowTitle() == "株式会社みどり — pcdesk"
    assert window.user_label.text() == "ログイン中: 社長 一郎（管理者・担当者・承認者）"


def test_demo_choice_uses_a_separate_file_and_tells_the_demo_accounts(qtbot, db, monkeypatch, messages):
    import pcdesk.demo

    monkeypatch.setattr(pcdesk.registry, "demo_steps", lambda: ["pcdesk.demo:foundation_step"])
    monkeypatch.setattr(StartChoiceDialog, "exec", lambda self: (setattr(self, "choice", DEMO), 1)[1])
    prefilled = []

    def log_in(self):
        prefilled.append((self.login_id.text(), self.notice.text()))
        self.password.setText(pcdesk.demo.DEMO_PASSWORD)
        self.try_login()
        return self.result()

    monkeypatch.setattr(LoginDialog, "exec", log_in)
    desk = Desk(db)
    window = desk.start()
    qtbot.addWidget(window)
    assert desk.db.path.name == DEMO_FILE
    assert is_first_run(Workspace(db))  # the real database stays empty
    assert "デモ用アカウント" in messages.last and "demo-pass-2026" in messages.last
    assert prefilled[0][0] == "admin" and "demo-pass-2026" in prefilled[0][1]
    assert window.actor.is_admin


def test_cancelling_the_first_run_quits_cleanly(db, monkeypatch):
    monkeypatch.setattr(StartChoiceDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert Desk(db).start() is None
    assert is_first_run(Workspace(db))


def test_cancelling_half_way_asks_first(qtbot, db, messages):
    wizard = FirstRunWizard(Workspace(db))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    messages.answer = False
    click(qtbot, wizard, QWizard.WizardButton.CancelButton)
    assert wizard.isVisible() and "初期設定を中止しますか" in messages.texts("question")[-1]
    messages.answer = True
    click(qtbot, wizard, QWizard.WizardButton.CancelButton)
    assert wizard.result() == QDialog.DialogCode.Rejected and not wizard.isVisible()


def test_a_department_problem_goes_away_once_the_names_are_edited(qtbot, db):
    wizard = FirstRunWizard(Workspace(db))
    qtbot.addWidget(wizard)
    wizard.show()
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    company = wizard.currentPage()
    for key, value in COMPANY.items():
        company.form.fields[key].setText(value)
    company.form.fields["contact_email"].setText("privacy@midori.example.jp")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    page = wizard.currentPage()
    assert page.step == "departments"
    page.departments.setPlainText("総務部\n営業部\n営業部")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is page and page.problems.isVisible()
    assert "営業部" in page.problems.text()
    qtbot.keyClick(page.departments, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.departments, Qt.Key.Key_Backspace)  # the person starts fixing it
    assert not page.problems.isVisible()
