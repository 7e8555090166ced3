"""設定 › 部門: add, rename, retire (never delete: ledgers keep pointing at them)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QHBoxLayout, QInputDialog, QLineEdit, QListWidget, QListWidgetItem,
                               QPushButton, QVBoxLayout, QWidget)

from pcdesk.company.model import Department
from pcdesk.company.service import (add_department, list_departments, rename_department,
                                    set_department_active)
from pcdesk.services import Workspace
from pcdesk.ui.messages import user_errors
from pcdesk.ui.widgets import hint


class DepartmentsTab(QWidget):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.departments: list[Department] = []
        self.list = QListWidget()
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.list.itemDoubleClicked.connect(lambda _item: self.rename_selected())
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText("新しい部門名（例: 開発部）")
        self.new_name.returnPressed.connect(self.add)
        self.add_button = QPushButton("追加")
        self.add_button.clicked.connect(self.add)
        self.rename_button = QPushButton("名前を変更…")
        self.rename_button.clicked.connect(self.rename_selected)
        self.active_button = QPushButton("無効にする")
        self.active_button.clicked.connect(self.toggle_selected)

        add_row = QHBoxLayout()
        add_row.addWidget(self.new_name, 1)
        add_row.addWidget(self.add_button)
        side = QVBoxLayout()
        side.addWidget(self.rename_button)
        side.addWidget(self.active_button)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addLayout(side)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.addWidget(hint("使わなくなった部門は削除せず「無効」にします。過去の台帳や記録はその部門を指したまま残ります。"))
        layout.addLayout(add_row)
        layout.addLayout(body, 1)
        self.refresh()

    def refresh(self) -> None:
        current = self.selected()
        self.departments = list_departments(self.ws, include_inactive=True)
        self.list.clear()
        for dept in self.departments:
            item = QListWidgetItem(dept.name if dept.active else f"{dept.name}（無効）")
            if not dept.active:
                item.setForeground(QBrush(QColor("#8a96a3")))
            item.setData(Qt.ItemDataRole.UserRole, dept.id)
            self.list.addItem(item)
        if current is not None:
            self.select(current.id)
        self._update_buttons()

    def selected(self) -> Department | None:
        row = self.list.currentRow()
        return self.departments[row] if 0 <= row < len(self.departments) else None

    def select(self, dept_id: int) -> None:
        for row, dept in enumerate(self.departments):
            if dept.id == dept_id:
                self.list.setCurrentRow(row)

    def _update_buttons(self) -> None:
        dept = self.selected()
        self.rename_button.setEnabled(dept is not None)
        self.active_button.setEnabled(dept is not None)
        self.active_button.setText("有効に戻す" if dept is not None and not dept.active else "無効にする")

    def add(self) -> None:
        with user_errors(self) as guard:
            add_department(self.ws, self.new_name.text())
        if not guard.failed:
            self.new_name.clear()
            self.refresh()

    def rename_selected(self) -> None:
        dept = self.selected()
        if dept is None:
            return
        name, ok = QInputDialog.getText(self, "部門名の変更", "新しい部門名:", QLineEdit.EchoMode.Normal, dept.name)
        if not ok or name.strip() == dept.name:
            return
        with user_errors(self):
            rename_department(self.ws, dept.id, name)
        self.refresh()

    def toggle_selected(self) -> None:
        dept = self.selected()
        if dept is None:
            return
        with user_errors(self):
            set_department_active(self.ws, dept.id, not dept.active)
        self.refresh()
