"""The editable catalogues of risks and measures (管理者): add, rename, hide, show again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog, QFormLayout,
                               QHBoxLayout, QHeaderView, QLineEdit, QPushButton, QScrollArea, QSpinBox,
                               QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)

from pcdesk.errors import PcdeskError
from pcdesk.inventory.analysis import measure_catalogue, risk_catalogue, save_measure, save_risk_template
from pcdesk.inventory.catalogue import ANY, CONDITIONS, ELECTRONIC_MEDIA, PAPER_MEDIA, Measure, RiskTemplate
from pcdesk.inventory.choices import BASE_IMPACT_MAX, MEASURE_GROUPS, STAGES, THREATS
from pcdesk.services import Workspace
from pcdesk.inventory.ui.risk_dialog import MeasureChecklist
from pcdesk.inventory.ui.fields import fill_combo
from pcdesk.ui.messages import user_errors
from pcdesk.ui.widgets import ProblemLabel, close_only, heading, hint, ok_cancel

MEDIA_SCOPES = {ANY: "紙・電子とも", PAPER_MEDIA: "紙があるとき", ELECTRONIC_MEDIA: "電子データがあるとき"}
RISK_HEADERS = ["段階", "リスク", "脅威", "脆弱性", "対象となる条件", "発生可能性", "影響度", "種類", "状態"]
MEASURE_HEADERS = ["区分", "対策", "媒体", "対象となる条件", "種類", "状態"]
STRETCH = {"リスク", "脆弱性", "対策"}  # long texts take the spare width


def _state(active: bool) -> str:
    return "使用中" if active else "非表示"


class MeasureForm(QDialog):
    def __init__(self, ws: Workspace, measure: Measure | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.measure = ws, measure
        self.setWindowTitle("対策の編集" if measure else "対策の追加")
        self.setMinimumWidth(520)
        self.label = QLineEdit(measure.label if measure else "")
        self.label.setPlaceholderText("例: 個人情報を含む書類の机上放置禁止")
        self.group = fill_combo(QComboBox(), MEASURE_GROUPS, measure.group if measure else None)
        self.media = fill_combo(QComboBox(), MEDIA_SCOPES, measure.media if measure else ANY)
        self.condition = fill_combo(QComboBox(), CONDITIONS, measure.condition if measure else "always")
        self.problems = ProblemLabel()
        form = QFormLayout()
        form.addRow("対策 ＊", self.label)
        form.addRow("区分 ＊", self.group)
        form.addRow("当てはまる媒体", self.media)
        form.addRow("対象となる条件", self.condition)
        form.addRow("", hint("条件に当てはまる台帳の項目にだけ提案します（例: 持出し申請は「社外への持出しあり」）。"))
        buttons = ok_cancel(self, "保存")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)

    def accept(self) -> None:
        try:
            save_measure(self.ws, self.label.text(), self.group.currentData(),
                         key=self.measure.key if self.measure else None, media=self.media.currentData(),
                         active=self.measure.active if self.measure else True,
                         condition=self.condition.currentData())
        except PcdeskError as exc:
            self.problems.show_error(exc)
            return
        super().accept()


class RiskTemplateForm(QDialog):
    def __init__(self, ws: Workspace, template: RiskTemplate | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.template = ws, template
        t = template
        self.setWindowTitle("カタログのリスクの編集" if t else "カタログへのリスクの追加")
        self.resize(760, 640)
        self.label = QLineEdit(t.label if t else "")
        self.label.setPlaceholderText("例: 宅配便での誤配送")
        self.vulnerability = QLineEdit(t.vulnerability if t else "")
        self.vulnerability.setPlaceholderText("例: 送り状の宛先を確かめる手順がない")
        self.stage = fill_combo(QComboBox(), STAGES, t.stage if t else None)
        self.threat = fill_combo(QComboBox(), {x: x for x in THREATS}, t.threat if t else None)
        self.media = fill_combo(QComboBox(), MEDIA_SCOPES, t.media if t else ANY)
        self.condition = fill_combo(QComboBox(), CONDITIONS, t.condition if t else "always")
        self.likelihood = QSpinBox()
        self.likelihood.setRange(1, 3)
        self.likelihood.setValue(t.likelihood if t else 1)
        self.impact = QSpinBox()
        self.impact.setRange(1, BASE_IMPACT_MAX)
        self.impact.setValue(t.impact if t else 1)
        groups: dict[str, list[Measure]] = {}
        for m in measure_catalogue(ws):
            groups.setdefault(m.group, []).append(m)
        self.measures = MeasureChecklist([(MEASURE_GROUPS[g], groups[g]) for g in MEASURE_GROUPS if g in groups],
                                         set(), set(t.measures) if t else set())
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.measures)
        self.problems = ProblemLabel()
        form = QFormLayout()
        form.addRow("リスクの内容 ＊", self.label)
        form.addRow("脆弱性", self.vulnerability)
        form.addRow("段階", self.stage)
        form.addRow("脅威", self.threat)
        form.addRow("当てはまる媒体", self.media)
        form.addRow("対象となる条件", self.condition)
        scores = QHBoxLayout()
        scores.addWidget(self.likelihood)
        scores.addWidget(hint("影響度（判断）"))
        scores.addWidget(self.impact)
        scores.addStretch(1)
        form.addRow("発生可能性", scores)
        buttons = ok_cancel(self, "保存")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint("このリスクに提案する対策:"))
        layout.addWidget(scroll, 1)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)

    def accept(self) -> None:
        t = self.template
        try:
            save_risk_template(self.ws, self.label.text(), self.threat.currentData(), self.stage.currentData(),
                               key=t.key if t else None, media=self.media.currentData(),
                               condition=self.condition.currentData(), likelihood=self.likelihood.value(),
                               impact=self.impact.value(), measures=self.measures.chosen(),
                               active=t.active if t else True, vulnerability=self.vulnerability.text())
        except PcdeskError as exc:
            self.problems.show_error(exc)
            return
        super().accept()


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(False)
    for col, text in enumerate(headers):
        if text in STRETCH:
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
    return table


class CatalogueDialog(QDialog):
    """Two tabs, リスク and 対策; built-in items can be renamed or hidden, never deleted."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.changed = False
        self.risks: list[RiskTemplate] = []
        self.measures: list[Measure] = []
        self.setWindowTitle("リスク・対策カタログ — pcdesk")
        self.resize(980, 640)
        self.risk_table = _table(RISK_HEADERS)
        self.measure_table = _table(MEASURE_HEADERS)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._tab(self.risk_table, self.add_risk, self.edit_risk, self.toggle_risk), "リスク")
        self.tabs.addTab(self._tab(self.measure_table, self.add_measure, self.edit_measure, self.toggle_measure), "対策")
        self.show_hidden = QCheckBox("非表示にしたものも表示")
        self.show_hidden.setChecked(True)
        self.show_hidden.toggled.connect(self.refresh)
        close = close_only(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(heading("リスク・対策カタログ"))
        layout.addWidget(hint("リスク分析で提案されるリスクと対策の一覧です。自社に合わせて追加・名称の変更・非表示ができます。"
                              "非表示にしても、すでに分析表にある行はそのまま残ります。"))
        layout.addWidget(self.show_hidden)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(close)
        self.refresh()

    def _tab(self, table: QTableWidget, add, edit, toggle) -> QWidget:  # type: ignore[no-untyped-def]
        page = QWidget()
        buttons = QHBoxLayout()
        for text, slot in (("追加…", add), ("編集…", edit), ("非表示／表示", toggle)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            buttons.addWidget(b)
        buttons.addStretch(1)
        table.doubleClicked.connect(lambda _i: edit())
        layout = QVBoxLayout(page)
        layout.addLayout(buttons)
        layout.addWidget(table, 1)
        return page

    def refresh(self) -> None:
        hidden = self.show_hidden.isChecked()
        with user_errors(self):
            self.risks = risk_catalogue(self.ws, include_hidden=hidden)
            self.measures = measure_catalogue(self.ws, include_hidden=hidden)
        self._fill(self.risk_table, [
            (STAGES.get(t.stage, t.stage), t.label, t.threat, t.vulnerability, CONDITIONS.get(t.condition, t.condition),
             str(t.likelihood), str(t.impact), "標準" if t.builtin else "自社", _state(t.active)) for t in self.risks],
            [t.active for t in self.risks])
        self._fill(self.measure_table, [
            (MEASURE_GROUPS.get(m.group, m.group), m.label, MEDIA_SCOPES.get(m.media, m.media),
             CONDITIONS.get(m.condition, m.condition), "標準" if m.builtin else "自社", _state(m.active))
            for m in self.measures],
            [m.active for m in self.measures])

    @staticmethod
    def _fill(table: QTableWidget, rows: list[tuple[str, ...]], active: list[bool]) -> None:
        table.setRowCount(len(rows))
        for r, (cells, on) in enumerate(zip(rows, active)):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if not on:
                    item.setForeground(Qt.GlobalColor.gray)
                table.setItem(r, c, item)

    def _row(self, table: QTableWidget) -> int:
        rows = table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _run(self, dialog: QDialog) -> None:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.changed = True
            self.refresh()

    def add_risk(self) -> None:
        self._run(RiskTemplateForm(self.ws, parent=self))

    def edit_risk(self) -> None:
        r = self._row(self.risk_table)
        if 0 <= r < len(self.risks):
            self._run(RiskTemplateForm(self.ws, self.risks[r], self))

    def toggle_risk(self) -> None:
        self._toggle(self.risk_table, self.risks, lambda t: save_risk_template(
            self.ws, t.label, t.threat, t.stage, key=t.key, media=t.media, condition=t.condition,
            likelihood=t.likelihood, impact=t.impact, measures=t.measures, active=not t.active,
            vulnerability=t.vulnerability))

    def add_measure(self) -> None:
        self._run(MeasureForm(self.ws, parent=self))

    def edit_measure(self) -> None:
        r = self._row(self.measure_table)
        if 0 <= r < len(self.measures):
            self._run(MeasureForm(self.ws, self.measures[r], self))

    def toggle_measure(self) -> None:
        self._toggle(self.measure_table, self.measures, lambda m: save_measure(
            self.ws, m.label, m.group, key=m.key, media=m.media, active=not m.active, condition=m.condition))

    def _toggle(self, table: QTableWidget, items: list, save) -> None:  # type: ignore[type-arg, no-untyped-def]
        """Hide the selected item or show it again (`save` stores it the other way), keeping it selected."""
        r = self._row(table)
        if not 0 <= r < len(items):
            return
        with user_errors(self):
            save(items[r])
            self.changed = True
            self.refresh()
            table.selectRow(r)
