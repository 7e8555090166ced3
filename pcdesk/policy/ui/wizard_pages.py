"""The pages of the policy wizard: one per step of pcdesk.policy.flow.PolicyFlow.

Every page shows, in orange under its fields, what publishing will still need from it;
the flow, not the page, decides what that is. Nothing here blocks 「次へ」 but what cannot
be stored at all (too long, not an e-mail address).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from pcdesk.policy.fields import SECTION_FLAGS, SPECS
from pcdesk.policy.flow import STEP_FIELDS, SUBTITLES
from pcdesk.policy.ui.answer_fields import AnswerField, RowsEditor
from pcdesk.ui.widgets import hint, scroll_area, subheading
from pcdesk.ui.wizard import FlowPage

PENDING_STYLE = "color: #9a5b00;"  # orange: still needed before publishing, not an error
GAP_KINDS_ON_PURPOSES = ("missing_purpose", "unused_purpose", "no_purpose")


def _note_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(PENDING_STYLE)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


class AnswersPage(FlowPage):
    """Fields for the step's answers, in the order the flow lists them."""

    grows_at_end = True  # spare height goes below the fields (a table page gives it to its table)

    def __init__(self, step: str, title: str) -> None:
        super().__init__(step, title)
        self.setSubTitle(SUBTITLES.get(step, ""))
        self.fields: dict[str, AnswerField] = {}
        self.content = QWidget()
        self.body = QVBoxLayout(self.content)
        self.body.setContentsMargins(2, 2, 8, 2)
        self.body.setSpacing(4)
        self.inventory = hint("")
        self.inventory.hide()
        self.body.addWidget(self.inventory)
        self.build()
        self.pending = _note_label()
        self.body.addWidget(self.pending)
        if self.grows_at_end:
            self.body.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll_area(self.content), 1)
        layout.addWidget(self.problems)

    def build(self) -> None:
        for key in STEP_FIELDS.get(self.step, ()):
            self.add_field(key)

    def add_field(self, key: str) -> AnswerField:
        widget = AnswerField(SPECS[key])
        widget.changed.connect(self.answers_changed)
        self.fields[key] = widget
        self.body.addWidget(widget)
        return widget

    def collect(self) -> dict[str, Any]:
        return {key: w.value() for key, w in self.fields.items()}

    def initializePage(self) -> None:  # noqa: N802
        self._loading = True
        for key, widget in self.fields.items():
            widget.set_value(self.flow.get(key))
        self._loading = False
        super().initializePage()
        path = self.flow.path()
        if self.step in path:
            self.setSubTitle(f"{path.index(self.step) + 1} / {len(path)}　{SUBTITLES.get(self.step, '')}")
        notes = self.flow.inventory_notes(self.step)  # type: ignore[attr-defined]
        self.inventory.setText("個人情報管理台帳の記載:\n" + "\n".join(f"・{n}" for n in notes) if notes else "")
        self.inventory.setVisible(bool(notes))
        self.answers_changed()

    def answers_changed(self) -> None:
        if getattr(self, "_loading", False):
            return
        self.flow.set(**self.collect())
        self.show_pending()

    def show_pending(self) -> None:
        missing = self.flow.step_missing(self.step)  # type: ignore[attr-defined]
        self.pending.setText("公表までに入力が必要です:\n" + "\n".join(f"・{p.field}: {p.message}" for p in missing)
                             if missing else "")
        self.pending.setVisible(bool(missing))


class RowsPage(AnswersPage):
    """A list answer (利用目的, 外国の提供先) edited as a table."""

    rows_key = ""
    grows_at_end = False

    def build(self) -> None:
        self.rows = RowsEditor(self.rows_key)
        self.rows.setMinimumHeight(260)
        self.rows.changed.connect(self.answers_changed)
        self.body.addWidget(self.rows, 1)

    def collect(self) -> dict[str, Any]:
        return {**super().collect(), self.rows_key: self.rows.rows()}

    def initializePage(self) -> None:  # noqa: N802
        self._loading = True
        self.rows.set_rows(self.flow.get(self.rows_key) or [])
        super().initializePage()


class PurposesPage(RowsPage):
    rows_key = "purposes"

    def build(self) -> None:
        super().build()
        self.rows.table.setColumnWidth(0, 200)
        self.load_button = QPushButton("台帳から読み込む")
        self.load_button.setToolTip("個人情報管理台帳の保有個人データの利用目的のうち、まだ表にないものを加えます。")
        self.load_button.clicked.connect(self.load_from_inventory)
        self.rows.buttons.insertWidget(0, self.load_button)
        self.body.addWidget(hint("同じ本人の区分の行は、公表文で1つの見出しにまとまります。"
                                 "区分は台帳の言葉（顧客、従業者…）で書くと、公表文では「お客様」などと書き換わります。"))
        self.loaded = hint("")
        self.loaded.hide()
        self.body.addWidget(self.loaded)
        self.gaps = _note_label()
        self.body.addWidget(self.gaps)

    def load_from_inventory(self) -> None:
        self.flow.set(**self.collect())
        added = self.flow.load_inventory_purposes()  # type: ignore[attr-defined]
        self._loading = True
        self.rows.set_rows(self.flow.get("purposes") or [])
        self._loading = False
        self.answers_changed()
        self.loaded.setText(f"台帳から {added} 件の利用目的を加えました。" if added
                            else "台帳の保有個人データの利用目的は、すべて表にあります。")
        self.loaded.show()

    def show_pending(self) -> None:
        super().show_pending()
        gaps = [g for g in self.flow.warnings() if g.kind in GAP_KINDS_ON_PURPOSES]  # type: ignore[attr-defined]
        self.gaps.setText("個人情報管理台帳との食い違い:\n" + "\n".join(f"・{g.text}" for g in gaps) if gaps else "")
        self.gaps.setVisible(bool(gaps))


class AbroadPage(RowsPage):
    rows_key = "abroad_countries"

    def build(self) -> None:
        super().build()
        self.rows.table.setColumnWidth(0, 110)
        self.rows.table.setColumnWidth(1, 300)
        self.body.addWidget(hint("例: 米国／連邦法として包括的な個人情報保護法はなく、州法（カリフォルニア州消費者プライバシー法など）"
                                 "と分野ごとの法律がある／提供先は個人情報保護法の趣旨に沿った措置を契約で約束している。"
                                 "各国の制度は、個人情報保護委員会が公表している外国の制度の調査結果が参考になります。"))


class SectionsPage(AnswersPage):
    """Which optional sections apply; the ledger's answer is shown beside each."""

    def build(self) -> None:
        self.ledger_says: dict[str, QLabel] = {}
        for key in SECTION_FLAGS:
            field = self.add_field(key)
            said = hint("")
            said.hide()
            self.ledger_says[key] = said
            field.layout().addWidget(said)

    def initializePage(self) -> None:  # noqa: N802
        super().initializePage()
        suggested = self.flow.section_suggestions()  # type: ignore[attr-defined]
        for key, label in self.ledger_says.items():
            if key in suggested:
                label.setText("個人情報管理台帳: " + ("あり" if suggested[key] else "なし"))
                label.setVisible(True)


class RequestsPage(AnswersPage):
    def answers_changed(self) -> None:
        super().answers_changed()
        fee = self.fields["fee_amount"].value()
        self.fields["fee_method"].setVisible(bool(fee))


class SecurityPage(AnswersPage):
    def build(self) -> None:
        row = QHBoxLayout()
        self.reset_button = QPushButton("リスク分析から作り直す")
        self.reset_button.setToolTip("リスク分析表で選んだ対策から、組織的・人的・物理的・技術的安全管理措置の文を作り直します。")
        self.reset_button.clicked.connect(self.reset_from_risk_analysis)
        row.addWidget(self.reset_button)
        row.addStretch(1)
        self.body.addLayout(row)
        super().build()

    def initializePage(self) -> None:  # noqa: N802
        super().initializePage()
        self.fields["security_environment"].setVisible(bool(self.flow.get("abroad"))
                                                       or bool(self.flow.get("security_environment")))

    def reset_from_risk_analysis(self) -> None:
        self.flow.set(**self.collect())
        self.flow.reset_security()  # type: ignore[attr-defined]
        self._loading = True
        for key, widget in self.fields.items():
            widget.set_value(self.flow.get(key))
        self._loading = False
        self.answers_changed()


class AssociationPage(AnswersPage):
    def answers_changed(self) -> None:
        super().answers_changed()
        member = bool(self.fields["association_member"].value())
        for key in ("association_name", "association_contact"):
            self.fields[key].setVisible(member)


class ConfirmPage(AnswersPage):
    """What publishing still needs, and how the notice disagrees with the ledger."""

    def build(self) -> None:
        self.body.addWidget(subheading("公表に足りない項目"))
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.missing.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.addWidget(self.missing)
        self.body.addWidget(subheading("個人情報管理台帳との食い違い"))
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.addWidget(self.warnings)
        self.body.addWidget(hint("「保存」で下書きとして保存します。公表は、ページの「公表…」で"
                                 "公表日と改定内容を決めて行います（管理者のみ）。"))

    def initializePage(self) -> None:  # noqa: N802
        super().initializePage()
        missing = self.flow.missing()  # type: ignore[attr-defined]
        self.missing.setText("\n".join(f"・{p.field}: {p.message}" for p in missing) if missing
                             else "ありません。このまま公表できます。")
        self.missing.setStyleSheet(PENDING_STYLE if missing else "")
        gaps = self.flow.warnings()  # type: ignore[attr-defined]
        self.warnings.setText("\n".join(f"・{g.text}" for g in gaps) if gaps else "ありません。")
        self.warnings.setStyleSheet(PENDING_STYLE if gaps else "")

    def show_pending(self) -> None:
        self.pending.hide()


PAGES = {"purposes": PurposesPage, "abroad": AbroadPage, "sections": SectionsPage, "requests": RequestsPage,
         "security": SecurityPage, "association": AssociationPage, "confirm": ConfirmPage}
