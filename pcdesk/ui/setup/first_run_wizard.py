"""The first-run wizard: a thin QWizard over pcdesk.company.setup_flow.FirstRunFlow.

Every rule (what is required, what comes next) lives in the flow; each page only copies
its widgets into the flow's answers and shows the problems the flow reports.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget, QWizard, QWizardPage

from pcdesk.accounts.passwords import RULES_TEXT
from pcdesk.company.setup_flow import FirstRunFlow
from pcdesk.services import Actor, Workspace
from pcdesk.ui import messages
from pcdesk.ui.accounts.recovery_code import RecoveryCodeView
from pcdesk.ui.setup.company_form import CompanyForm
from pcdesk.ui.widgets import SummaryForm, form_layout, hint
from pcdesk.ui.wizard import FlowPage, FlowWizard

DEFAULT_DEPARTMENTS = "総務部\n営業部"


class SetupPage(FlowPage):
    """A step of the first run: its widgets in `body`, the problems below them."""

    SUBTITLE = ""

    def __init__(self, step: str, title: str) -> None:
        super().__init__(step, title)
        if self.SUBTITLE:
            self.setSubTitle(self.SUBTITLE)
        self.body = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(self.body)
        layout.addWidget(self.problems)
        layout.addStretch(1)


class WelcomePage(SetupPage):
    def __init__(self, step: str, title: str) -> None:
        super().__init__(step, title)
        text = QLabel(
            "pcdesk へようこそ。\n\n"
            "はじめに、次の3つを設定します（5分ほどで終わります）。\n"
            "　1. 会社情報（社名、所在地、代表者、個人情報保護管理者、苦情・相談窓口など）\n"
            "　2. 部門\n"
            "　3. 最初の管理者アカウント（あなたのアカウント）\n\n"
            "ここで入力した内容は、あとから「設定」でいつでも変更できます。\n"
            "入力した内容と、その後の変更はすべて監査ログに記録されます。")
        text.setWordWrap(True)
        self.body.addWidget(text)


class CompanyPage(SetupPage):
    SUBTITLE = "＊の項目は必須です。個人情報保護方針や台帳の表紙に使われます。"

    def __init__(self, step: str, title: str) -> None:
        super().__init__(step, title)
        self.form = CompanyForm()
        self.body.addWidget(self.form)

    def collect(self) -> dict[str, Any]:
        return self.form.values()


class DepartmentsPage(SetupPage):
    SUBTITLE = "1行に1つの部門名を入力してください。あとから追加・名前の変更ができます。"

    def __init__(self, step: str, title: str) -> None:
        super().__init__(step, title)
        self.departments = QPlainTextEdit(DEFAULT_DEPARTMENTS)
        self.departments.setAccessibleName("部門（1行に1つ）")
        self.departments.setTabChangesFocus(True)
        self.clear_problems_on_edit(self.departments)
        self.body.addWidget(self.departments)
        self.body.addWidget(hint("例: 総務部、営業部、開発部、人事部。個人情報の台帳は部門ごとにまとめます。"))

    def collect(self) -> dict[str, Any]:
        return {"departments": self.departments.toPlainText()}


class AdminPage(SetupPage):
    SUBTITLE = "あなた自身のアカウントです。共用のアカウントは作らず、一人ひとりが自分のIDでログインします。"

    def __init__(self, step: str, title: str) -> None:
        super().__init__(step, title)
        self.login_id = QLineEdit()
        self.login_id.setPlaceholderText("例: yamada（半角英数字）")
        self.name = QLineEdit()
        self.name.setPlaceholderText("例: 山田 太郎")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_confirm = QLineEdit()
        self.password_confirm.setEchoMode(QLineEdit.EchoMode.Password)
        form = form_layout()
        form.addRow("ログインID ＊", self.login_id)
        form.addRow("氏名 ＊", self.name)
        form.addRow("パスワード ＊", self.password)
        form.addRow("パスワード（確認） ＊", self.password_confirm)
        self.body.addLayout(form)
        self.body.addWidget(hint(f"{RULES_TEXT}このアカウントには「管理者・担当者・承認者」の権限が付きます。"))

    def collect(self) -> dict[str, Any]:
        return {"admin_login": self.login_id.text(), "admin_name": self.name.text(),
                "admin_password": self.password.text(),
                "admin_password_confirm": self.password_confirm.text()}


class ConfirmPage(SetupPage):
    SUBTITLE = "内容を確かめて「設定を保存」を押してください。直すときは「戻る」で前の画面に戻れます。"

    def __init__(self, step: str, title: str) -> None:
        super().__init__(step, title)
        self.summary = SummaryForm()
        self.summary_form = self.summary.form
        self.body.addWidget(self.summary)
        self.setCommitPage(True)  # once saved there is no going back: the next page shows the code

    def initializePage(self) -> None:  # noqa: N802
        super().initializePage()
        self.summary.show_rows(self.flow.summary())

    def nextId(self) -> int:  # noqa: N802
        return RECOVERY_PAGE


RECOVERY_PAGE = 100  # after the flow's steps: shown once everything is saved


class RecoveryCodePage(QWizardPage):
    """The recovery code, shown this once (pcdesk.accounts.recovery)."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle("回復コード")
        self.setSubTitle("設定を保存しました。最後に、管理者の回復コードを控えてください。")
        self.view = RecoveryCodeView()
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802
        wizard = self.wizard()
        wizard.setOption(QWizard.WizardOption.NoCancelButton, True)  # saved: nothing left to cancel
        self.view.show_code(getattr(wizard, "recovery_code", ""))

    def nextId(self) -> int:  # noqa: N802
        return -1


PAGE_TYPES: dict[str, type[SetupPage]] = {
    "welcome": WelcomePage, "company": CompanyPage, "departments": DepartmentsPage,
    "admin": AdminPage, "confirm": ConfirmPage,
}


class FirstRunWizard(FlowWizard):
    """On success `admin` holds the new administrator, ready to be logged in."""

    flow: FirstRunFlow

    def __init__(self, ws: Workspace, flow: FirstRunFlow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(flow or FirstRunFlow(), "完了", "キャンセル", parent)
        self.ws = ws
        self.admin: Actor | None = None
        self.recovery_code = ""
        self.setWindowTitle("はじめての設定 — pcdesk")
        self.setMinimumSize(720, 600)
        self.setButtonText(QWizard.WizardButton.CommitButton, "設定を保存 >")
        total = len(FirstRunFlow.STEPS)
        for number, (step, title) in enumerate(FirstRunFlow.STEPS.items(), start=1):
            self.add_step(PAGE_TYPES[step](step, f"{title}（{number}/{total}）"))
        self.setPage(RECOVERY_PAGE, RecoveryCodePage())
        self.setStartId(self.page_number(self.flow.first_step()))

    def reject(self) -> None:
        if self.admin is not None:  # everything is saved: closing only leaves the code page
            self.accept()
            return
        if self.currentId() > 0 and not messages.ask(
                self, "初期設定を中止しますか？\n入力した内容は保存されません。次に起動したときに、もう一度設定できます。",
                "初期設定の中止"):
            return
        super().reject()

    def finish_flow(self) -> None:
        """Called by the last page: saves everything in one transaction or raises."""
        self.admin = self.flow.finish(self.ws)
        self.recovery_code = self.flow.recovery_code
