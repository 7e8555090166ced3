"""入館証の管理: the company's numbered passes, which are out, registering a run of numbers,
taking a lost or broken pass out of use."""

from __future__ import annotations

from PySide6.QtWidgets import (QDialog, QHBoxLayout, QInputDialog, QLabel, QLineEdit, QPushButton, QSpinBox,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from pcdesk.dates import format_datetime
from pcdesk.errors import PcdeskError
from pcdesk.services import Workspace
from pcdesk.visitors.passes import PassState, add_passes, list_passes, reactivate_pass, retire_pass
from pcdesk.visitors.rules import pass_numbers
from pcdesk.ui.messages import user_errors
from pcdesk.ui.widgets import ProblemLabel, close_only, heading, hint


class PassesDialog(QDialog):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.passes: list[PassState] = []
        self.setWindowTitle("入館証の管理")
        self.resize(620, 560)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["入館証番号", "状態", "貸出の日時・備考"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 110)
        self.table.setColumnWidth(1, 150)
        self.retire_button = QPushButton("使用を止める…")
        self.retire_button.setToolTip("紛失・破損した入館証を、受付端末が渡さないようにします。")
        self.reactivate_button = QPushButton("使用を再開")
        self.retire_button.clicked.connect(self.retire_selected)
        self.reactivate_button.clicked.connect(self.reactivate_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.first = QSpinBox()
        self.first.setRange(0, 99999)
        self.count = QSpinBox()
        self.count.setRange(1, 200)
        self.count.setValue(10)
        self.prefix = QLineEdit()
        self.prefix.setMaxLength(10)
        self.prefix.setPlaceholderText("例: V-")
        self.prefix.setFixedWidth(90)
        self.width_ = QSpinBox()
        self.width_.setRange(0, 5)
        self.width_.setSpecialValueText("そろえない")
        self.add_button = QPushButton("登録")
        self.add_button.setObjectName("primary")
        self.add_button.clicked.connect(self.add_run)
        self.preview = QLabel()
        self.preview.setObjectName("hint")
        for spin in (self.first, self.count, self.width_):
            spin.valueChanged.connect(self._update_preview)
        self.prefix.textChanged.connect(self._update_preview)
        self.problems = ProblemLabel()

        add_row = QHBoxLayout()
        for part in ("最初の番号", self.first, "枚数", self.count, "前に付ける文字", self.prefix, "桁数", self.width_):
            add_row.addWidget(QLabel(part) if isinstance(part, str) else part)
        add_row.addStretch(1)
        add_row.addWidget(self.add_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.retire_button)
        buttons.addWidget(self.reactivate_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("入館証の管理"))
        layout.addWidget(hint("受付端末は、登録された入館証のうち返却済みのものを番号の小さい順に渡します。"
                              "貸出中の入館証は、返却されるまで二重に渡されることはありません。"))
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(QLabel("連番で登録"))
        layout.addLayout(add_row)
        layout.addWidget(self.preview)
        layout.addWidget(self.problems)
        layout.addWidget(close_only(self))
        self.refresh()

    def refresh(self) -> None:
        with user_errors(self):
            self.passes = list_passes(self.ws)
        self.table.setRowCount(len(self.passes))
        for row, p in enumerate(self.passes):
            detail = p.note if not p.active else (format_datetime(p.held_since) if p.held_since else "")
            for col, text in enumerate((p.number, p.state, detail)):
                self.table.setItem(row, col, QTableWidgetItem(text))
        last = max((int(p.number) for p in self.passes if p.number.isdigit()), default=0)
        self.first.setValue(last + 1)
        self._update_buttons()
        self._update_preview()

    def selected(self) -> PassState | None:
        rows = self.table.selectionModel().selectedRows()
        return self.passes[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.retire_button.setEnabled(bool(chosen and chosen.active))
        self.reactivate_button.setEnabled(bool(chosen and not chosen.active))

    def numbers(self) -> list[str]:
        return pass_numbers(self.first.value(), self.count.value(), self.prefix.text().strip(), self.width_.value())

    def _update_preview(self) -> None:
        numbers = self.numbers()
        self.preview.setText(f"登録する番号: {numbers[0]}〜{numbers[-1]}（{len(numbers)}枚）")

    def add_run(self) -> None:
        try:
            add_passes(self.ws, self.numbers())
        except PcdeskError as exc:
            self.problems.show_error(exc)
            return
        self.problems.clear_problems()
        self.refresh()

    def retire_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        held = "（貸出中です。止めると未返却の一覧から外れます）" if chosen.held_by else ""
        reason, ok = QInputDialog.getText(self, "使用を止める", f"入館証 {chosen.number} の使用を止める理由{held}:",
                                          text="紛失")
        if not ok:
            return
        try:
            retire_pass(self.ws, chosen.id, reason)
        except PcdeskError as exc:
            self.problems.show_error(exc)
            return
        self.refresh()

    def reactivate_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        with user_errors(self):
            reactivate_pass(self.ws, chosen.id)
        self.refresh()
