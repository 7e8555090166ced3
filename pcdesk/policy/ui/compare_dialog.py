"""版の比較: two versions side by side, clause by clause, the changed lines marked."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from pcdesk.policy.compare import comparison_html
from pcdesk.policy.model import STATUSES
from pcdesk.policy.service import compare_versions, list_versions
from pcdesk.services import Workspace
from pcdesk.ui.messages import user_errors
from pcdesk.ui.widgets import close_only, heading, hint


class CompareDialog(QDialog):
    def __init__(self, ws: Workspace, before_id: int | None = None, after_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle("版の比較")
        self.resize(1000, 680)
        versions = list_versions(ws)
        self.before, self.after = QComboBox(), QComboBox()
        for combo in (self.before, self.after):
            for v in versions:
                combo.addItem(f"{v.label}（{STATUSES[v.status]}）", v.id)
        ids = [v.id for v in versions]
        if ids:
            self.before.setCurrentIndex(ids.index(before_id) if before_id in ids else max(len(ids) - 2, 0))
            self.after.setCurrentIndex(ids.index(after_id) if after_id in ids else len(ids) - 1)
        self.only_changed = QCheckBox("変更のある条項だけ")
        self.only_changed.setChecked(True)
        self.summary = QLabel()
        self.view = QTextBrowser()
        self.view.setOpenLinks(False)

        choose = QHBoxLayout()
        choose.addWidget(QLabel("古い版"))
        choose.addWidget(self.before)
        choose.addWidget(QLabel("→ 新しい版"))
        choose.addWidget(self.after)
        choose.addSpacing(16)
        choose.addWidget(self.only_changed)
        choose.addStretch(1)
        choose.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("版の比較"))
        layout.addWidget(hint("個人情報保護方針と「個人情報の取扱いについて」を条項ごとに並べます。"
                              "左が古い版、右が新しい版で、変わった行に色が付きます（赤: 削除・変更前、緑: 追加・変更後）。"))
        layout.addLayout(choose)
        layout.addWidget(self.view, 1)
        layout.addWidget(close_only(self))
        for combo in (self.before, self.after):
            combo.currentIndexChanged.connect(self.refresh)
        self.only_changed.toggled.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        before, after = self.before.currentData(), self.after.currentData()
        if before is None or after is None:
            self.view.setHtml("<p>比べる版がありません。</p>")
            return
        with user_errors(self):
            changes = compare_versions(self.ws, before, after)
            changed = sum(c.changed for c in changes)
            self.summary.setText(f"変更のある条項: {changed} 件")
            self.changes = changes
            self.view.setHtml(comparison_html(changes, self.before.currentText(), self.after.currentText(),
                                              self.only_changed.isChecked()))
