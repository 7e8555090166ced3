"""Editing one risk row: the risk and its 脆弱性, its scores, the measures in place and those
to add (grouped 組織的・人的・物理的・技術的, the suggested ones marked 「推奨」), what it would
cause (想定される影響) and the residual risk; and choosing a risk from the catalogue."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QGridLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QPushButton, QSpinBox, QTabWidget,
                               QVBoxLayout, QWidget)

from pcdesk.errors import PcdeskError
from pcdesk.inventory.analysis import (add_risk, list_risks, measure_catalogue, missing_suggestions, risk_catalogue,
                                       update_risk)
from pcdesk.inventory.catalogue import CONDITIONS
from pcdesk.inventory.choices import (BASE_IMPACT_MAX, IMPACT_LABELS, IMPACT_MAX, LIKELIHOOD_LABELS, STAGES,
                                      THREATS)
from pcdesk.inventory.consequences import CONSEQUENCES, default_consequences
from pcdesk.inventory.model import InventoryEntry, RiskAssessment
from pcdesk.inventory.risk import conditions, effective_impact, impact_raise, level_of, suggested_residual
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
    """Edit `risk`, or (risk None) write a new risk for `entry_id` by hand. `saved` holds the row.

    At the top the risk, its 脆弱性 and scores; below, in tabs, the measures in place
    (現状の対策: `measures`), those to add (追加対策: `additional`) and what the risk would
    cause (想定される影響); then the residual risk with the measures in place."""

    def __init__(self, ws: Workspace, risk: RiskAssessment | None = None, entry_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.risk = risk
        self.saved: RiskAssessment | None = None
        self.entry: InventoryEntry = get_entry(ws, risk.entry_id if risk else entry_id)  # type: ignore[arg-type]
        self.raise_by = impact_raise(self.entry.values())
        self.setWindowTitle(("リスクの編集" if risk else "リスクの追加") + f" — {self.entry.number} {self.entry.name}")
        self.setMinimumSize(780, 640)
        self.resize(880, 780)

        self.label = QLineEdit(risk.label if risk else "")
        self.label.setPlaceholderText("例: 名刺の社外での置き忘れ")
        self.vulnerability = QLineEdit(risk.vulnerability if risk else "")
        self.vulnerability.setPlaceholderText("リスクが起こりうる理由（例: 名刺を机に出したまま打合せをする）")
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
        self.suggest_button = QPushButton("現状の対策から残留リスクを提案")
        self.suggest_button.setToolTip("現状の対策が1つで発生可能性を1、3つ以上で2下げ、暗号化で影響度を1下げた値にします。")
        self.suggest_button.clicked.connect(self.suggest_residual)
        self.notes = QLineEdit(risk.measure_notes if risk else "")
        self.notes.setPlaceholderText("カタログにない現状の対策や補足（例: 月1回の棚卸し）")
        self.additional_notes = QLineEdit(risk.additional_notes if risk else "")
        self.additional_notes.setPlaceholderText("追加対策の予定や担当（例: 来年3月までに実施、総務部）")
        self.acceptance = hint("")
        self.consequences = {key: QLineEdit(getattr(risk, key) if risk else "") for key in CONSEQUENCES}
        for key, edit in self.consequences.items():
            edit.setAccessibleName(CONSEQUENCES[key])

        template = next((t for t in risk_catalogue(ws, include_hidden=True) if risk and t.key == risk.risk_key), None)
        held = conditions(self.entry.values()) | ({template.condition} if template else set())
        if risk is not None:
            self.stage.setCurrentIndex(max(self.stage.findData(risk.stage), 0))
            self.threat.setCurrentIndex(max(self.threat.findData(risk.threat), 0))
            self.likelihood.setValue(risk.likelihood)
            self.base_impact.setValue(risk.base_impact)
            suggested = suggested_measures_for(ws, risk)
            chosen, planned = set(risk.measures), set(risk.additional_measures or [])
        else:
            self.likelihood.setValue(1)
            self.base_impact.setValue(1)
            suggested, chosen, planned = set(), set(), set()
        self.suggested = suggested
        catalogue = measure_catalogue(ws, include_hidden=True)
        self.measures = MeasureChecklist(measure_checklist(catalogue, self.entry.media, chosen, held),
                                         suggested, chosen)
        self.additional = MeasureChecklist(measure_checklist(catalogue, self.entry.media, planned, held),
                                           suggested - chosen, planned)
        for one, other in ((self.measures, self.additional), (self.additional, self.measures)):
            for key, box in one.boxes.items():
                box.toggled.connect(lambda on, k=key, o=other: self._one_or_the_other(on, k, o))
        self._update_ranges()
        if risk is not None:
            self.residual_likelihood.setValue(risk.residual_likelihood)
            self.residual_impact.setValue(risk.residual_impact)
        else:
            self.suggest_residual()
        if risk is not None and risk.accepted_at is not None:
            self.acceptance.setText(f"{risk.accepted_by} さんが承認済みです。点数や現状の対策を変えて保存すると承認は"
                                    "取り消され、もう一度承認が必要になります。")

        form = form_layout()
        form.addRow("想定されるリスク ＊", self.label)
        row = QHBoxLayout()
        row.addWidget(self.stage)
        row.addWidget(QLabel("脅威"))
        row.addWidget(self.threat)
        row.addStretch(1)
        form.addRow("取扱いの段階", row)
        form.addRow("脆弱性", self.vulnerability)
        for label, spin, text in (("発生可能性", self.likelihood, self.likelihood_text),
                                  ("影響度（判断）", self.base_impact, self.impact_text)):
            line = QHBoxLayout()
            line.addWidget(spin)
            line.addWidget(text, 1)
            form.addRow(label, line)
        form.addRow("評価点", self.score_text)
        residual = QHBoxLayout()
        residual.addWidget(QLabel("発生可能性"))
        residual.addWidget(self.residual_likelihood)
        residual.addWidget(QLabel("影響度"))
        residual.addWidget(self.residual_impact)
        residual.addWidget(self.residual_text)
        residual.addStretch(1)
        residual.addWidget(self.suggest_button)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._measure_tab(self.measures, self.notes,
                                           "いま実施している対策に印を付けます（緑の「推奨」は台帳の内容から提案されたもの）。"),
                         "現状の対策")
        self.tabs.addTab(self._measure_tab(self.additional, self.additional_notes,
                                           "これから実施する対策です。実施したら「現状の対策」に移します。"), "追加対策")
        effects = QWidget()
        effects_form = form_layout(effects)
        effects_form.addRow(hint("このリスクが起きたときに想定されることです（JIS Q 15001 の4つの観点）。"))
        for key, edit in self.consequences.items():
            effects_form.addRow(CONSEQUENCES[key], edit)
        self.tabs.addTab(effects, "想定される影響")

        self.problems = ProblemLabel()
        buttons = ok_cancel(self, "保存" if risk else "追加")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(heading(f"{self.entry.number}　{self.entry.name}"))
        layout.addLayout(form)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(subheading("残留リスク（現状の対策のもとで）"))
        layout.addLayout(residual)
        layout.addWidget(self.acceptance)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)

        if risk is None:  # a risk written by hand: suggest what the catalogue does for its stage and threat
            self._said = {key: "" for key in CONSEQUENCES}
            self.stage.currentIndexChanged.connect(self._suggest_for_new)
            self.threat.currentIndexChanged.connect(self._suggest_for_new)
            self._suggest_for_new()
        for spin in (self.likelihood, self.base_impact):
            spin.valueChanged.connect(self._update_ranges)
        for spin in (self.residual_likelihood, self.residual_impact):
            spin.valueChanged.connect(self._update_texts)
        self._update_texts()

    @staticmethod
    def _measure_tab(checklist: MeasureChecklist, notes: QLineEdit, note: str) -> QWidget:
        box = QWidget()
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 4, 8, 0)
        inner.addWidget(hint(note))
        inner.addWidget(checklist)
        inner.addWidget(notes)
        return scroll_area(box)

    @staticmethod
    def _one_or_the_other(on: bool, key: str, other: MeasureChecklist) -> None:
        """A measure is either in place or still to add, never both."""
        if on and key in other.boxes and other.boxes[key].isChecked():
            other.boxes[key].setChecked(False)

    def _suggest_for_new(self) -> None:
        sketch = RiskAssessment(entry_id=self.entry.id, stage=self.stage.currentData(), threat=self.threat.currentData(),
                                risk_key="")
        self.suggested = suggested_measures_for(self.ws, sketch)
        self.measures.set_suggested(self.suggested)
        self.additional.set_suggested(self.suggested)
        said = default_consequences(self.threat.currentData() or "", self.entry.values())
        for key, edit in self.consequences.items():
            if edit.text() == self._said[key]:  # not rewritten by the person: follow the threat
                edit.setText(said[key])
        self._said = said

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
                "vulnerability": self.vulnerability.text(),
                "likelihood": self.likelihood.value(), "base_impact": self.base_impact.value(),
                "measures": self.measures.chosen(), "measure_notes": self.notes.text(),
                "additional_measures": self.additional.chosen(), "additional_notes": self.additional_notes.text(),
                **{key: edit.text() for key, edit in self.consequences.items()},
                "residual_likelihood": self.residual_likelihood.value(),
                "residual_impact": self.residual_impact.value()}

    def accept(self) -> None:
        c = self.changes()
        try:
            if self.risk is not None:
                self.saved = update_risk(self.ws, self.risk.id, **c)
            else:
                said = {key: c.pop(key) for key in CONSEQUENCES}
                self.saved = add_risk(self.ws, self.entry.id, c.pop("stage"), c.pop("label"), c.pop("likelihood"),
                                      c.pop("base_impact"), consequences=said, **c)
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
