"""設定 › 会社情報: the same fields as the first-run wizard."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from pcdesk.company.model import COMPANY_FIELDS
from pcdesk.company.service import get_company, save_company
from pcdesk.services import Workspace
from pcdesk.ui.settings.saving_tab import SavingTab
from pcdesk.ui.setup.company_form import CompanyForm
from pcdesk.ui.widgets import hint


class CompanyTab(SavingTab):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        self.form = CompanyForm()
        self.lay_out(hint("＊の項目は必須です。個人情報保護方針、公表事項、台帳の表紙などに使われます。"), self.form)
        self.saved.connect(self._show_new_name)
        self.refresh()

    def load(self) -> None:
        company = get_company(self.ws)
        self.form.set_values({k: getattr(company, k) for k in COMPANY_FIELDS} if company else {})

    def store(self) -> None:
        save_company(self.ws, self.form.values())

    def _show_new_name(self) -> None:
        window = self.window()
        if hasattr(window, "refresh_header"):
            window.refresh_header()
