"""保存期間と設定: the feature's settings (retention, the reconciliation hour, the kiosk's area),
the entries past the retention period, and their purge after confirmation."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget

from pcdesk.errors import PcdeskError
from pcdesk.services import Workspace
from pcdesk.settings import feature_setting, save_feature_settings
from pcdesk.visitors.fields import (CLOSING_HOUR_KEY, DEFAULT_AREA_KEY, MAX_RETENTION_YEARS, MIN_RETENTION_YEARS,
                                    RETENTION_KEY, SETTINGS)
from pcdesk.visitors.retention import ExpiredSummary, expired_summary, purge_expired, retention_years
from pcdesk.visitors.service import date_style
from pcdesk.ui import messages
from pcdesk.ui.widgets import ProblemLabel, close_only, form_layout, heading, hint, subheading

SHOW = 2  # done(): show the expired entries in the list


class RetentionDialog(QDialog):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.summary: ExpiredSummary | None = None
        self.purged = 0
        self.setWindowTitle("保存期間と設定")
        self.setMinimumWidth(600)
        specs = {spec.key: spec for spec in SETTINGS}
        self.years = QSpinBox()
        self.years.setRange(MIN_RETENTION_YEARS, MAX_RETENTION_YEARS)
        self.years.setSuffix(" 年")
        self.years.setValue(retention_years(ws))
        self.closing = QSpinBox()
        self.closing.setRange(0, 23)
        self.closing.setSuffix(" 時")
        self.closing.setValue(int(feature_setting(ws, CLOSING_HOUR_KEY)))
        self.area = QLineEdit(str(feature_setting(ws, DEFAULT_AREA_KEY) or ""))
        self.area.setMaxLength(specs[DEFAULT_AREA_KEY].max_length or 100)
        self.save_button = QPushButton("設定を保存")
        self.save_button.clicked.connect(self.save_settings)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.show_button = QPushButton("一覧に表示")
        self.show_button.setToolTip("削除する前に、対象の記録を一覧で確かめます。")
        self.show_button.clicked.connect(lambda: self.done(SHOW))
        self.purge_button = QPushButton("削除…")
        self.purge_button.clicked.connect(self.purge)
        self.problems = ProblemLabel()

        settings = form_layout()
        for key, widget in ((RETENTION_KEY, self.years), (CLOSING_HOUR_KEY, self.closing), (DEFAULT_AREA_KEY, self.area)):
            widget.setAccessibleName(specs[key].label)
            widget.setToolTip(specs[key].help)
            settings.addRow(specs[key].label, widget)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        actions = QHBoxLayout()
        actions.addWidget(self.show_button)
        actions.addWidget(self.purge_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("外来者入退室記録の保存期間と設定"))
        layout.addLayout(settings)
        layout.addWidget(hint(specs[CLOSING_HOUR_KEY].help + " " + specs[DEFAULT_AREA_KEY].help))
        layout.addLayout(save_row)
        layout.addWidget(subheading("保存期間を過ぎた記録"))
        layout.addWidget(hint(specs[RETENTION_KEY].help + " 保存期間を過ぎた記録は、確かめてから削除します。"
                              "削除は元に戻せません。監査ログには件数と期間だけが残ります。"))
        layout.addWidget(self.state)
        layout.addLayout(actions)
        layout.addWidget(self.problems)
        layout.addWidget(close_only(self))
        self.refresh()

    def refresh(self) -> None:
        try:
            self.summary = expired_summary(self.ws)
        except PcdeskError as exc:
            self.problems.show_error(exc)
            return
        self.state.setText(self.summary.describe(date_style(self.ws)))
        for b in (self.show_button, self.purge_button):
            b.setEnabled(self.summary.count > 0)

    def save_settings(self) -> None:
        try:
            save_feature_settings(self.ws, {RETENTION_KEY: self.years.value(), CLOSING_HOUR_KEY: self.closing.value(),
                                            DEFAULT_AREA_KEY: self.area.text().strip()})
        except PcdeskError as exc:
            self.problems.show_error(exc)
            return
        self.problems.clear_problems()
        self.refresh()

    def purge(self) -> None:
        summary = self.summary
        if summary is None or not summary.count:
            return
        if not messages.ask(self, f"{summary.describe(date_style(self.ws))}\n\nこの {summary.count:,} 件を削除しますか？"
                                  "削除した記録は元に戻せません（バックアップには残ります）。", "保存期間を過ぎた記録の削除"):
            return
        try:
            self.purged = purge_expired(self.ws, summary.count)
        except PcdeskError as exc:
            self.problems.show_error(exc)
            self.refresh()
            return
        messages.info(self, f"{self.purged:,} 件を削除しました。監査ログに件数と期間を記録しました。", "削除")
        self.refresh()
