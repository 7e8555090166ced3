"""設定 › バックアップ: back up now, restore, and the automatic daily backups."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton,
                               QVBoxLayout, QWidget)

from pcdesk.dates import format_datetime
from pcdesk.services import Workspace
from pcdesk.settings import load_settings
from pcdesk.store.backup import backups_dir
from pcdesk.ui.shell.backup_actions import SERVER_DB, automatic_backups, backup_now, restore_backup
from pcdesk.ui.widgets import hint


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{max(size // 1024, 1)} KB"


class BackupTab(QWidget):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.backup_button = QPushButton("今すぐバックアップ…")
        self.backup_button.setObjectName("primary")
        self.backup_button.clicked.connect(lambda: backup_now(self, self.ws))
        self.restore_button = QPushButton("ファイルから復元…")
        self.restore_button.clicked.connect(lambda: self._restore(None))
        self.restore_auto_button = QPushButton("選んだ自動バックアップから復元…")
        self.restore_auto_button.clicked.connect(self._restore_selected)
        self.open_folder_button = QPushButton("フォルダを開く")
        self.open_folder_button.clicked.connect(self.open_folder)
        self.folder_label = QLabel()
        self.folder_label.setObjectName("hint")
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.list = QListWidget()
        self.list.currentRowChanged.connect(lambda row: self.restore_auto_button.setEnabled(row >= 0))
        self.keep_label = hint("")

        top = QHBoxLayout()
        top.addWidget(self.backup_button)
        top.addWidget(self.restore_button)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.restore_auto_button)
        bottom.addWidget(self.open_folder_button)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.addWidget(hint("バックアップは使用中でも作れます。復元の前には今のデータベースを自動で保存するので、"
                              "間違えて復元しても元に戻せます。"))
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addWidget(QLabel("自動バックアップ（毎日、最初の起動時に作成）"))
        layout.addWidget(self.keep_label)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.folder_label)
        layout.addLayout(bottom)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        server = self.ws.db.path is None
        for w in (self.backup_button, self.restore_button, self.open_folder_button, self.list):
            w.setEnabled(not server)
        self.restore_auto_button.setEnabled(False)
        if server:
            self.folder_label.setText(SERVER_DB)
            self.keep_label.clear()
            return
        settings = load_settings(self.ws)
        self.keep_label.setText(f"新しいものから {settings.backup_keep} 日分を残し、古いものは自動で削除します"
                                "（「表示・セキュリティ」で変更できます）。")
        self.folder_label.setText(f"保存先: {backups_dir(self.ws.db)}")
        for path in automatic_backups(self.ws):
            made = dt.datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
            item = QListWidgetItem(f"{format_datetime(made, settings.date_style)}　{path.name}　（{_size(path)}）")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.list.addItem(item)
        if not self.list.count():
            self.list.addItem(QListWidgetItem("（まだありません）"))
            self.list.setEnabled(False)

    def _restore_selected(self) -> None:
        item = self.list.currentItem()
        path = item.data(Qt.ItemDataRole.UserRole) if item else None
        if path:
            self._restore(Path(path))

    def _restore(self, path: Path | None) -> None:
        if restore_backup(self, self.ws, path):
            window = self.window()
            if hasattr(window, "logout"):
                window.logout(record=False)

    def open_folder(self) -> None:
        if self.ws.db.path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(backups_dir(self.ws.db))))
