"""設定 (administrators): company, departments, display and security, backups, and the
settings each feature declares."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from pcdesk.services import Workspace
from pcdesk.ui.page import page_layout
from pcdesk.ui.settings.backup_tab import BackupTab
from pcdesk.ui.settings.company_tab import CompanyTab
from pcdesk.ui.settings.departments_tab import DepartmentsTab
from pcdesk.ui.settings.features_tab import FeatureSettingsTab
from pcdesk.ui.settings.general_tab import GeneralTab


class SettingsPage(QWidget):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.company = CompanyTab(ws)
        self.departments = DepartmentsTab(ws)
        self.general = GeneralTab(ws)
        self.backup = BackupTab(ws)
        self.features = FeatureSettingsTab(ws)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.company, "会社情報")
        self.tabs.addTab(self.departments, "部門")
        self.tabs.addTab(self.general, "表示・セキュリティ")
        self.tabs.addTab(self.backup, "バックアップ")
        if self.features.has_settings():
            self.tabs.addTab(self.features, "機能ごとの設定")
        self.general.saved.connect(self._settings_saved)
        layout = page_layout(self, "設定")
        layout.addWidget(self.tabs, 1)

    def refresh(self) -> None:
        for tab in (self.company, self.departments, self.general, self.backup, self.features):
            tab.refresh()

    def _settings_saved(self) -> None:
        window = self.window()
        if hasattr(window, "reload_settings"):
            window.reload_settings()
        self.backup.refresh()
