"""Editing one risk row: its scores, the measures (grouped 組織的・人的・物理的・技術的, the
suggested ones marked 「推奨」) and the residual risk; and choosing a risk from the catalogue."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QGridLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QPushButton, QSpinBox,
                               QVBoxLayout, QWidget)

from pcdesk.errors import PcdeskError
from pcdesk.inventory.analysis import (add_risk, list_risks, measure_catalogue, missing_suggestions, risk_catalogue,
                                       update_risk)
from pcdesk.inventory.catalogue import CONDITIONS
from pcdesk.inventory.choices import (BASE_IMPACT_MAX, IMPACT_LABELS, IMPACT_MAX, LIKELIHOOD_LABELS, STAGES,
                                      THREATS)
from pcdesk.inventory.model import InventoryEntry, RiskAssessment
from pcdesk.inventory.risk import effective_impact, impact_raise, level_of, suggested_residual
from pcdesk.inventory.screens import measure_checklist, suggested_measures_for
from pcdesk.inventory.service import add_catalogue_risk, get_entry
from pcdesk.services import Workspace
from pcdesk.ui.widgets import (DialogButtons, ProblemLabel, form_layout, heading, hint, ok_cancel, scroll_area,
                               subheading)

SUGGESTED_COLOR = "#1b6e3a"


class MeasureChecklist(QWidget):
    """Checkboxes per group; suggested measures read 「推奨」 in green."""

    def __init__(self, groups, suggested: set[str], chosen: set[str], parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.boxes: dict[str, QCheckBox] = {}
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for i, (group_label, measures) in enumerate(groups):
            box = QGroupBox(f"{group_label}安全管理措置")
            inner = QVBoxLayout(box)
            inner.setSpacing(2)
            for m in measures:
                check = QCheckBox(m.label)
                check.setAccessibleName(m.label)
                check.setChecked(m.key in chosen)
                self.boxes[m.key] = check
                inner.addWidget(check)
            inner.addStretch(1)
            layout.addWidget(box, i // 2, i % 2)
        self.set_suggested(suggested)

    def chosen(self) -> list[str]:
        return [k for k, b in self.boxes.items() if b.isChecked()]

    def set_suggested(self, suggested: set[str]) -> None:
        for key, check in self.boxes.items():
            label = check.accessibleName()
            on = key in suggested
            check.setText(label + ("　推奨" if on else ""))
            check.setStyleSheet(f"QCheckBox {{ color: {SUGGESTED_COLOR}; font-weight: bold; }}" if on else "")
            check.setToolTip("台帳の内容とこのリスクから推奨される対策です。" if on else "")

    def set_chosen(self, keys: set[str]) -> None:
        for k, b in self.boxes.items():
            b.setChecked(k in keys)


class RiskDialog(QDialog):
    """Edit `risk`, or (risk None) write a new risk for `entry_id` by hand. `saved` holds the row."""

    def __init__(self, ws: Workspace, risk: RiskAssessment | None = None, entry_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.risk = risk
        self.saved: RiskAssessment | None = None
        self.entry: InventoryEntry = get_entry(ws, risk.entry_id if risk else entry_id)  # type: ignore[arg-type]
        self.raise_by = impact_raise(self.entry.values())
        self.setWindowTitle(("リスクの編集" if risk else "リスクの追加") + f" — {self.entry.number} {self.entry.name}")
        self.setMinimumSize(780, 620)
        self.resize(860, 760)

        self.label = QLineEdit(risk.label if risk else "")
        self.label.setPlaceholderText("例: 名刺の社外での置き忘れ")
        self.stage = QComboBox()
        for key, text in STAGES.items():
            self.stage.addItem(text, key)
        self.threat = QComboBox()
        self.threat.addItem("（選んでください）", "")
        for t in THREATS:
            self.threat.addItem(t, t)
        self.likelihood = QSpinBox()
        self.likelihood.setRange(1, 3)
        self.base_impact = QSpinBox()
        self.base_impact.setRange(1, BASE_IMPACT_MAX)
        self.likelihood_text = hint("")
        self.impact_text = hint("")
        self.score_text = subheading()
        self.residual_likelihood = QSpinBox()
        self.residual_impact = QSpinBox()
        self.residual_text = subheading()
        self.suggest_button = QPushButton("対策から残留リスクを提案")
        self.suggest_button.setToolTip("対策が1つで発生可能性を1、3つ以上で2下げ、暗号化で影響度を1下げた値にします。")
        self.suggest_button.clicked.connect(self.suggest_residual)
        self.notes = QLineEdit(risk.measure_notes if risk else "")
        self.notes.setPlaceholderText("カタログにない対策や補足（例: 月1回の棚卸し）")
        self.acceptance = hint("")

        if risk is not None:
            self.stage.setCurrentIndex(max(self.stage.findData(risk.stage), 0))
            self.threat.setCurrentIndex(max(self.threat.findData(risk.threat), 0))
            self.likelihood.setValue(risk.likelihood)
            self.base_impact.setValue(risk.base_impact)
            suggested = suggested_measures_for(ws, risk)
            chosen = set(risk.measures)
        else:
            self.likelihood.setValue(1)
            self.base_impact.setValue(1)
            suggested, chosen = set(), set()
        self.suggested = suggested
        groups = measure_checklist(measure_catalogue(ws, include_hidden=True), self.entry.media, chosen)
        self.measures = MeasureChecklist(groups, suggested, chosen)
        self._update_ranges()
        if risk is not None:
            self.residual_likelihood.setValue(risk.residual_likelihood)
            self.residual_impact.setValue(risk.residual_impact)
        else:
            self.suggest_residual()
        if risk is not None and risk.accepted_at is not None:
            self.acceptance.setText(f"{risk.accepted_by} さんが承認済みです。点数や対策を変えて保存すると承認は取り消され、"
                                    "もう一度承認が必要になります。")

        form = form_layout()
        form.addRow("リスクの内容 ＊", self.label)
        row = QHBoxLayout()
        row.addWidget(self.stage)
        row.addWidget(QLabel("脅威"))
        row.addWidget(self.threat)
        row.addStretch(1)
        form.addRow("段階", row)
        for label, spin, text in (("発生可能性", self.likelihood, self.likelihood_text),
                                  ("影響度（判断）", self.base_impact, self.impact_text)):
            line = QHBoxLayout()
            line.addWidget(spin)
            line.addWidget(text, 1)
            form.addRow(label, line)
        form.addRow("スコア", self.score_text)
        residual = QHBoxLayout()
        residual.addWidget(QLabel("発生可能性"))
        residual.addWidget(self.residual_likelihood)
        residual.addWidget(QLabel("影響度"))
        residual.addWidget(self.residual_impact)
        residual.addWidget(self.residual_text)
        residual.addStretch(1)
        residual.addWidget(self.suggest_button)

        measures_box = QWidget()
        mlayout = QVBoxLayout(measures_box)
        mlayout.setContentsMargins(0, 0, 8, 0)
        mlayout.addWidget(self.measures)
        mlayout.addWidget(self.notes)
        scroll = scroll_area(measures_box)

        self.problems = ProblemLabel()
        buttons = ok_cancel(self, "保存" if risk else "追加")

        title = subheading("対策（緑の「推奨」は台帳の内容から提案されたもの）")
        rtitle = subheading("残留リスク（対策後）")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(heading(f"{self.entry.number}　{self.entry.name}"))
        layout.addLayout(form)
        layout.addWidget(title)
        layout.addWidget(scroll, 1)
        layout.addWidget(rtitle)
        layout.addLayout(residual)
        layout.addWidget(self.acceptance)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)

        if risk is None:  # a risk written by hand: suggest what the catalogue does for its stage and threat
            self.stage.currentIndexChanged.connect(self._suggest_for_new)
            self.threat.currentIndexChanged.connect(self._suggest_for_new)
            self._suggest_for_new()
        for spin in (self.likelihood, self.base_impact):
            spin.valueChanged.connect(self._update_ranges)
        for spin in (self.residual_likelihood, self.residual_impact):
            spin.valueChanged.connect(self._update_texts)
        self._update_texts()

    def _suggest_for_new(self) -> None:
        sketch = RiskAssessment(entry_id=self.entry.id, stage=self.stage.currentData(), threat=self.threat.currentData(),
                                risk_key="")
        self.suggested = suggested_measures_for(self.ws, sketch)
        self.measures.set_suggested(self.suggested)

    # -- live figures -------------------------------------------------------------
    def impact(self) -> int:
        return effective_impact(self.base_impact.value(), self.raise_by)

    def _update_ranges(self) -> None:
        for spin, top in ((self.residual_likelihood, self.likelihood.value()), (self.residual_impact, self.impact())):
            spin.setRange(1, top)  # the residual can be no worse than the risk before measures
        self._update_texts()

    def _update_texts(self) -> None:
        li, im = self.likelihood.value(), self.impact()
        self.likelihood_text.setText(LIKELIHOOD_LABELS.get(li, ""))
        added = f"＋台帳の内容による加算 {self.raise_by}（要配慮・特定個人情報、件数）" if self.raise_by else ""
        self.impact_text.setText(f"{IMPACT_LABELS.get(self.base_impact.value(), '')}　{added}→ 影響度 {im}"
                                 f"（{IMPACT_LABELS.get(im, '')}、最大 {IMPACT_MAX}）")
        self.score_text.setText(f"{li} × {im} = {li * im}（{level_of(li * im)}）")
        rl, ri = self.residual_likelihood.value(), self.residual_impact.value()
        self.residual_text.setText(f"= {rl * ri}（{level_of(rl * ri)}）")

    def suggest_residual(self) -> None:
        s = suggested_residual(self.likelihood.value(), self.impact(), self.measures.chosen())
        self.residual_likelihood.setValue(s.likelihood)
        self.residual_impact.setValue(s.impact)

    # -- saving ---------------------------------------------------------------------
    def changes(self) -> dict:  # type: ignore[type-arg]
        return {"label": self.label.text(), "stage": self.stage.currentData(), "threat": self.threat.currentData(),
                "likelihood": self.likelihood.value(), "base_impact": self.base_impact.value(),
                "measures": self.measures.chosen(), "measure_notes": self.notes.text(),
                "residual_likelihood": self.residual_likelihood.value(),
                "residual_impact": self.residual_impact.value()}

    def accept(self) -> None:
        c = self.changes()
        try:
            if self.risk is not None:
                self.saved = update_risk(self.ws, self.risk.id, **c)
            else:
                self.saved = add_risk(self.ws, self.entry.id, c.pop("stage"), c.pop("label"), c.pop("likelihood"),
                                      c.pop("base_impact"), **c)
        except PcdeskError as exc:
            self.problems.show_error(exc)
            return
        super().accept()


class CataloguePickDialog(QDialog):
    """「リスクを追加」: a catalogue risk (those that apply to the entry first) or one written by hand.
    After 追加, `saved` holds the new row; `write_by_hand` is True when the user chose to write one."""

    def __init__(self, ws: Workspace, entry_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.entry = get_entry(ws, entry_id)
        self.saved: RiskAssessment | None = None
        self.write_by_hand = False
        self.setWindowTitle(f"リスクの追加 — {self.entry.number} {self.entry.name}")
        self.resize(700, 520)
        applying = {s.template.key for s in missing_suggestions(ws, entry_id)}
        present = {r.risk_key for r in list_risks(ws, entry_id=entry_id) if r.risk_key}
        stages = list(STAGES)
        templates = sorted(risk_catalogue(ws), key=lambda t: (t.key not in applying, t.key in present,
                                                            stages.index(t.stage) if t.stage in stages else 9))
        self.templates = templates
        self.list = QListWidget()
        self.list.setAccessibleName("カタログのリスク")
        self.list.setStyleSheet("QListWidget::item { padding: 3px 2px; }")
        for t in templates:
            mark = "【該当】" if t.key in applying else ""
            done = "　（分析表にあり）" if t.key in present else ""
            item = QListWidgetItem(f"{mark}{STAGES.get(t.stage, t.stage)}　{t.label}（{t.threat}）{done}")
            item.setToolTip(f"対象: {CONDITIONS.get(t.condition, t.condition)}　発生可能性 {t.likelihood}・影響度 {t.impact}")
            if mark:
                item.setForeground(Qt.GlobalColor.darkGreen)
            elif done:
                item.setForeground(Qt.GlobalColor.gray)
            self.list.addItem(item)
        self.list.itemDoubleClicked.connect(lambda _i: self.accept())
        if templates:
            self.list.setCurrentRow(0)
        self.problems = ProblemLabel()
        buttons = DialogButtons(self)
        buttons.add_ok("追加", default=False)
        buttons.add_action("カタログにないリスクを書く…", self._by_hand)
        buttons.add_cancel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(heading("リスクの追加"))
        layout.addWidget(hint("【該当】はこの台帳項目の内容（媒体・委託・持出しなど）に当てはまり、まだ分析にないリスクです。"))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)

    def _by_hand(self) -> None:
        self.write_by_hand = True
        super().accept()

    def accept(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.templates):
            return
        try:
            self.saved = add_catalogue_risk(self.ws, self.entry.id, self.templates[row].key)
        except PcdeskError as exc:
            self.problems.show_text(str(exc))
            return
        super().accept()
