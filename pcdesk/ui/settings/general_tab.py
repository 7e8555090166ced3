"""設定 › 表示・セキュリティ: date style, screen lock, login lockout, backups, PDF font."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (QButtonGroup, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QRadioButton,
                               QSpinBox, QWidget)

from pcdesk.dates import SEIREKI, WAREKI, format_date, today
from pcdesk.services import Workspace
from pcdesk.settings import Settings, load_settings, save_settings
from pcdesk.ui.settings.saving_tab import SavingTab
from pcdesk.ui.widgets import form_layout, hint


def _spin(lo: int, hi: int, suffix: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(lo, hi)
    spin.setSuffix(suffix)
    spin.setMinimumWidth(140)
    spin.setMaximumWidth(180)
    return spin


class GeneralTab(SavingTab):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        self.seireki = QRadioButton("西暦")
        self.wareki = QRadioButton("和暦")
        group = QButtonGroup(self)
        group.addButton(self.seireki)
        group.addButton(self.wareki)
        self.preview = QLabel()
        self.preview.setObjectName("hint")
        self.seireki.toggled.connect(self._update_preview)
        date_row = QHBoxLayout()
        date_row.addWidget(self.seireki)
        date_row.addWidget(self.wareki)
        date_row.addSpacing(16)
        date_row.addWidget(self.preview)
        date_row.addStretch(1)

        self.idle = _spin(0, 240, " 分")
        self.idle.setSpecialValueText("ロックしない")
        self.lockout_threshold = _spin(1, 20, " 回")
        self.lockout_minutes = _spin(1, 1440, " 分")
        self.backup_keep = _spin(1, 365, " 日分")
        self.review_months = _spin(1, 36, " か月")
        self.font_path = QLineEdit()
        self.font_path.setPlaceholderText("空欄なら、よくある場所から自動で探します")
        browse = QPushButton("参照…")
        browse.clicked.connect(self.browse_font)
        font_row = QHBoxLayout()
        font_row.addWidget(self.font_path, 1)
        font_row.addWidget(browse)

        labels = Settings.LABELS
        form = form_layout()
        form.addRow(labels["date_style"], date_row)
        form.addRow(labels["idle_lock_minutes"], self.idle)
        form.addRow(labels["lockout_threshold"], self.lockout_threshold)
        form.addRow(labels["lockout_minutes"], self.lockout_minutes)
        form.addRow(labels["backup_keep"], self.backup_keep)
        form.addRow(labels["review_interval_months"], self.review_months)
        form.addRow(labels["pdf_font_path"], font_row)

        self.lay_out(hint("この設定は、このデータベースを使う全員に共通です。"), form,
                     hint("画面ロック: 操作がない状態が続くと画面を隠し、本人のパスワードで再開します。"),
                     hint("PDF のフォント: 書類を他社に渡すときは、埋め込みのできる TrueType フォント"
                          "（BIZ UDゴシック、游ゴシック、メイリオ、IPAex ゴシックなど）を選んでください。"))
        self.refresh()

    def load(self) -> None:
        s = load_settings(self.ws)
        (self.wareki if s.date_style == WAREKI else self.seireki).setChecked(True)
        self.idle.setValue(s.idle_lock_minutes)
        self.lockout_threshold.setValue(s.lockout_threshold)
        self.lockout_minutes.setValue(s.lockout_minutes)
        self.backup_keep.setValue(s.backup_keep)
        self.review_months.setValue(s.review_interval_months)
        self.font_path.setText(s.pdf_font_path)
        self._update_preview()

    def date_style(self) -> str:
        return WAREKI if self.wareki.isChecked() else SEIREKI

    def _update_preview(self) -> None:
        self.preview.setText(f"表示例: {format_date(today(), self.date_style())}")

    def browse_font(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "PDF の日本語フォント", self.font_path.text(),
                                                "TrueType フォント (*.ttf *.ttc);;すべてのファイル (*)")
        if chosen:
            self.font_path.setText(chosen)

    def values(self) -> Settings:
        return replace(load_settings(self.ws), date_style=self.date_style(), idle_lock_minutes=self.idle.value(),
                       lockout_threshold=self.lockout_threshold.value(),
                       lockout_minutes=self.lockout_minutes.value(), backup_keep=self.backup_keep.value(),
                       review_interval_months=self.review_months.value(),
                       pdf_font_path=self.font_path.text().strip())

    def store(self) -> None:
        save_settings(self.ws, self.values())
