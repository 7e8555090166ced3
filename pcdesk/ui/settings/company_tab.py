"""設定 › 会社情報: the same fields as the first-run wizard."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from pcdesk.company.model import COMPANY_FIELDS
from pcdesk.company.service import get_company, save_company
from pcdesk.errors import PcdeskError, ValidationError
from pcdesk.services import Workspace
from pcdesk.ui.setup.company_form import CompanyForm
from pcdesk.ui.widgets import ProblemLabel, hint


class CompanyTab(QWidget):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.form = CompanyForm()
        self.problems = ProblemLabel()
        self.saved = hint("")
        self.saved.setObjectName("ok")
        self.save_button = QPushButton("保存")
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.saved, 1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.addWidget(hint("＊の項目は必須です。個人情報保護方針、公表事項、台帳の表紙などに使われます。"))
        layout.addWidget(self.form)
        layout.addWidget(self.problems)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        company = get_company(self.ws)
        self.form.set_values({k: getattr(company, k) for k in COMPANY_FIELDS} if company else {})
        self.problems.clear_problems()
        self.saved.clear()

    def save(self) -> None:
        self.saved.clear()
        try:
            save_company(self.ws, self.form.values())
        except ValidationError as exc:
            self.problems.show_problems(exc)
            return
        except PcdeskError as exc:
            self.problems.show_text(str(exc))
            return
        self.problems.clear_problems()
        self.saved.setText("保存しました。")
        window = self.window()
        if hasattr(window, "refresh_header"):
            window.refresh_header()
