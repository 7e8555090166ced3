"""The pages of the application wizard, one per step of pcdesk.takeout.flow.ApplicationFlow:
each shows the flow's answers in its widgets and gives them back in collect()."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QTime, Qt
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDateTimeEdit, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit, QRadioButton, QSpinBox,
                               QVBoxLayout, QWidget)

from pcdesk.services import ADMIN, STAFF
from pcdesk.takeout.fields import APPLICATION, APPROVAL_KINDS, MEASURES, PURPOSE_KINDS, STANDING
from pcdesk.takeout.flow import ApplicationFlow
from pcdesk.ui.widgets import SummaryForm, date_edit, hint, scroll_area, to_date
from pcdesk.ui.wizard import FlowPage

SUBTITLES = {
    "applicant": "社外に持ち出す人を選びます。総務の担当者は、ほかの人の申請を代わりに入力できます。",
    "information": "持ち出す情報を具体的に書きます。個人情報を含むときは、暗号化した媒体でしか持ち出せません。",
    "assets": "会社に登録された資産から選びます。私物のPCやUSBメモリは使えません。",
    "purpose": "何のために、どこへ持ち出すかを書きます。",
    "schedule": "決まった持出しを期間内に繰り返すとき（在宅勤務など）は「包括承認」を選びます。",
    "measures": "持ち出す前に行う対策に印を付けます。",
    "pledge": "誓約事項を読み、守ることを誓約してください。申請書兼誓約書に印刷されます。",
    "confirm": "内容を確かめて「申請する」を押してください。承認者に申請が届きます。",
}


def _question(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("font-weight: bold; margin-top: 6px;")
    return label


class ApplicationPage(FlowPage):
    """One step: questions above their widgets, problems in red below."""

    def __init__(self, step: str, title: str) -> None:
        super().__init__(step, title)
        self.setSubTitle(SUBTITLES.get(step, ""))
        self.content = QWidget()
        self.body = QVBoxLayout(self.content)
        self.body.setContentsMargins(2, 2, 8, 2)
        self.body.setSpacing(6)
        self.build()
        self.body.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll_area(self.content), 1)
        layout.addWidget(self.problems)

    def ask(self, key: str, widget: QWidget, text: str = "") -> QWidget:
        question = _question(text or APPLICATION[key].question or APPLICATION[key].label)
        question.setBuddy(widget)
        widget.setAccessibleName(APPLICATION[key].label)
        self.body.addWidget(question)
        self.body.addWidget(widget)
        return widget

    def build(self) -> None:  # overridden by each step
        pass

    def show_answers(self) -> None:  # the flow's answers into the widgets
        pass

    def initializePage(self) -> None:  # noqa: N802
        self.show_answers()
        super().initializePage()
        path = self.flow.path()
        if self.step in path:
            self.setSubTitle(f"{path.index(self.step) + 1} / {len(path)}　{SUBTITLES.get(self.step, '')}")


class ApplicantPage(ApplicationPage):
    def build(self) -> None:
        self.person = QComboBox()
        self.person.setEditable(True)  # a worker not in the list can be typed in
        self.department = QLineEdit()
        self.ask("applicant_name", self.person)
        self.ask("applicant_department", self.department)
        self.person.currentIndexChanged.connect(self._person_chosen)

    def show_answers(self) -> None:
        flow: ApplicationFlow = self.flow  # type: ignore[assignment]
        actor = self.wizard().ws.actor  # type: ignore[attr-defined]
        on_behalf = actor is not None and (actor.has(ADMIN) or actor.has(STAFF))
        self.person.blockSignals(True)
        self.person.clear()
        for p in flow.people:
            self.person.addItem(f"{p.name}（{p.department}）" if p.department else p.name, p.key)
        key, name = flow.get("applicant_key", ""), flow.get("applicant_name", "")
        index = self.person.findData(key) if key else -1
        if index >= 0:
            self.person.setCurrentIndex(index)
        else:
            self.person.setEditText(name)
        self.person.blockSignals(False)
        self.person.setEnabled(on_behalf)  # 承認者 apply for themselves only
        self.department.setText(flow.get("applicant_department") or "")

    def _person_chosen(self, index: int) -> None:
        person = next((p for p in self.flow.people if p.key == self.person.itemData(index)), None)  # type: ignore[attr-defined]
        if person is not None:
            self.department.setText(person.department)

    def collect(self) -> dict[str, Any]:
        index = self.person.currentIndex()
        text = self.person.currentText().strip()
        key = self.person.itemData(index) if index >= 0 and self.person.itemText(index) == text else ""
        person = next((p for p in self.flow.people if p.key == key), None)  # type: ignore[attr-defined]
        return {"applicant_name": person.name if person else text, "applicant_key": key or "",
                "applicant_department": self.department.text().strip()}


class InformationPage(ApplicationPage):
    def build(self) -> None:
        self.information = QPlainTextEdit()
        self.information.setPlaceholderText(APPLICATION["information"].placeholder)
        self.information.setFixedHeight(70)
        self.held = QListWidget()
        self.held.setMaximumHeight(120)
        self.yes, self.no = QRadioButton("含まれる"), QRadioButton("含まれない")
        self.personal = QButtonGroup(self)
        for b in (self.yes, self.no):
            self.personal.addButton(b)
        row = QHBoxLayout()
        row.addWidget(self.yes)
        row.addWidget(self.no)
        row.addStretch(1)
        box = QWidget()
        box.setLayout(row)
        self.count = QSpinBox()
        self.count.setRange(0, 100_000_000)
        self.count.setGroupSeparatorShown(True)
        self.count.setSuffix(" 件")
        self.ask("information", self.information)
        self.ask("held_records", self.held)
        self.ask("contains_personal", box)
        self.ask("personal_count", self.count)
        self.held.itemChanged.connect(self._held_changed)
        self.yes.toggled.connect(lambda on: self.count.setEnabled(on))

    def show_answers(self) -> None:
        flow: ApplicationFlow = self.flow  # type: ignore[assignment]
        self.information.setPlainText(flow.get("information") or "")
        self.held.blockSignals(True)
        self.held.clear()
        chosen = set(flow.get("held_records") or [])
        for r in flow.held:
            item = QListWidgetItem(f"{r.number}　{r.name}（{r.department}・{r.record_count:,}件）")
            item.setData(Qt.ItemDataRole.UserRole, r.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if r.id in chosen else Qt.CheckState.Unchecked)
            self.held.addItem(item)
        if not flow.held:
            self.held.addItem("（個人情報管理台帳に登録された情報はありません）")
        self.held.blockSignals(False)
        personal = flow.get("contains_personal")
        self.personal.setExclusive(False)
        self.yes.setChecked(personal is True)
        self.no.setChecked(personal is False)
        self.personal.setExclusive(True)
        self.count.setValue(int(flow.get("personal_count") or 0))
        self.count.setEnabled(personal is True)

    def _checked(self) -> list[int]:
        return [self.held.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.held.count())
                if self.held.item(i).checkState() == Qt.CheckState.Checked]

    def _held_changed(self, _item: QListWidgetItem) -> None:
        chosen = [r for r in self.flow.held if r.id in self._checked()]  # type: ignore[attr-defined]
        if chosen:
            self.yes.setChecked(True)
            if not self.count.value():
                self.count.setValue(sum(r.record_count for r in chosen))

    def collect(self) -> dict[str, Any]:
        personal = True if self.yes.isChecked() else False if self.no.isChecked() else None
        return {"information": self.information.toPlainText().strip(), "held_records": self._checked(),
                "contains_personal": personal, "personal_count": self.count.value() if personal else None}


class AssetChoicePage(ApplicationPage):
    def build(self) -> None:
        self.assets = QListWidget()
        self.assets.setMinimumHeight(220)
        self.note = hint("")
        self.ask("asset_ids", self.assets)
        self.body.addWidget(self.note)

    def show_answers(self) -> None:
        flow: ApplicationFlow = self.flow  # type: ignore[assignment]
        chosen = set(flow.get("asset_ids") or [])
        self.assets.clear()
        blocked = 0
        for choice in flow.assets:
            usable = flow.asset_usable(choice)
            text = choice.text + ("" if usable else "　— 暗号化なし: 個人情報は入れられません")
            if choice.facts.status == "out":
                text += "　（いま持出中）"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, choice.id)
            flags = item.flags() | Qt.ItemFlag.ItemIsUserCheckable
            if not usable:
                flags &= ~Qt.ItemFlag.ItemIsEnabled
                blocked += 1
            item.setFlags(flags)
            item.setCheckState(Qt.CheckState.Checked if choice.id in chosen and usable else Qt.CheckState.Unchecked)
            if choice.facts.status == "out":
                item.setToolTip("いまは持出中です（返却の確認が済むまで持ち出せません）。")
            self.assets.addItem(item)
        self.note.setText(f"暗号化されていない {blocked} 件は、個人情報を含む持出しには選べません。" if blocked else "")

    def collect(self) -> dict[str, Any]:
        return {"asset_ids": [self.assets.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.assets.count())
                              if self.assets.item(i).checkState() == Qt.CheckState.Checked]}


class PurposePage(ApplicationPage):
    def build(self) -> None:
        self.kind = QComboBox()
        for value, text in PURPOSE_KINDS:
            self.kind.addItem(text, value)
        self.purpose = QLineEdit()
        self.purpose.setPlaceholderText(APPLICATION["purpose"].placeholder)
        self.destination = QLineEdit()
        self.destination.setPlaceholderText(APPLICATION["destination"].placeholder)
        self.ask("purpose_kind", self.kind)
        self.ask("purpose", self.purpose)
        self.ask("destination", self.destination)

    def show_answers(self) -> None:
        self.kind.setCurrentIndex(max(self.kind.findData(self.flow.get("purpose_kind")), 0))
        self.purpose.setText(self.flow.get("purpose") or "")
        self.destination.setText(self.flow.get("destination") or "")

    def collect(self) -> dict[str, Any]:
        return {"purpose_kind": self.kind.currentData(), "purpose": self.purpose.text().strip(),
                "destination": self.destination.text().strip()}


class SchedulePage(ApplicationPage):
    def build(self) -> None:
        self.kinds = QButtonGroup(self)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        for value, text in APPROVAL_KINDS:
            button = QRadioButton(text)
            button.setProperty("value", value)
            self.kinds.addButton(button)
            column.addWidget(button)
        self.out_at = QDateTimeEdit()
        self.out_at.setCalendarPopup(True)
        self.out_at.setDisplayFormat("yyyy年M月d日 H:mm")
        self.out_at.setMinimumWidth(self.out_at.fontMetrics().horizontalAdvance("2026年12月31日 23:59") + 48)
        self.due = date_edit(QDate.currentDate())
        form = QFormLayout()
        self.out_label, self.due_label = QLabel(), QLabel()
        form.addRow(self.out_label, self.out_at)
        form.addRow(self.due_label, self.due)
        dates = QWidget()
        dates.setLayout(form)
        self.ask("approval_kind", box)
        self.body.addWidget(_question("日程"))
        self.body.addWidget(dates)
        self.kinds.buttonToggled.connect(lambda *_: self._kind_changed())

    def _value(self) -> str:
        button = self.kinds.checkedButton()
        return button.property("value") if button is not None else ""

    def _kind_changed(self) -> None:
        self.flow.set(approval_kind=self._value())
        start, end = self.flow.schedule_labels()  # type: ignore[attr-defined]
        self.out_label.setText(start)
        self.due_label.setText(end)
        self.out_at.setDisplayFormat("yyyy年M月d日" if self._value() == STANDING else "yyyy年M月d日 H:mm")

    def show_answers(self) -> None:
        for button in self.kinds.buttons():
            button.setChecked(button.property("value") == self.flow.get("approval_kind"))
        out = self.flow.get("out_at")
        if isinstance(out, dt.datetime):
            self.out_at.setDateTime(QDateTime(QDate(out.year, out.month, out.day), QTime(out.hour, out.minute)))
        due = self.flow.get("return_due")
        if isinstance(due, dt.date):
            self.due.setDate(QDate(due.year, due.month, due.day))
        self._kind_changed()

    def collect(self) -> dict[str, Any]:
        moment = self.out_at.dateTime()
        d, t = moment.date(), moment.time()
        return {"approval_kind": self._value(), "out_at": dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute()),
                "return_due": to_date(self.due.date())}


class MeasuresPage(ApplicationPage):
    def build(self) -> None:
        self.boxes: dict[str, QCheckBox] = {}
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        for key, text in MEASURES:
            self.boxes[key] = QCheckBox(text)
            column.addWidget(self.boxes[key])
        self.ask("measures", box)
        self.body.addWidget(hint("個人情報を電子媒体で持ち出すときは「暗号化」が必要です。"))

    def show_answers(self) -> None:
        chosen = set(self.flow.suggested_measures())  # type: ignore[attr-defined]
        for key, box in self.boxes.items():
            box.setChecked(key in chosen)

    def collect(self) -> dict[str, Any]:
        return {"measures": [k for k, box in self.boxes.items() if box.isChecked()]}


class PledgePage(ApplicationPage):
    def build(self) -> None:
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setMinimumHeight(200)
        self.accept = QCheckBox("上記の誓約事項を守ることを誓約します")
        self.notes = QLineEdit()
        self.body.addWidget(self.text)
        self.body.addWidget(self.accept)
        self.accept.setAccessibleName(APPLICATION["pledge_accepted"].label)
        self.ask("notes", self.notes, "備考（任意）")

    def show_answers(self) -> None:
        self.text.setPlainText(self.flow.pledge)  # type: ignore[attr-defined]
        self.accept.setChecked(self.flow.get("pledge_accepted") is True)
        self.notes.setText(self.flow.get("notes") or "")

    def collect(self) -> dict[str, Any]:
        return {"pledge_accepted": self.accept.isChecked(), "notes": self.notes.text().strip()}


class ConfirmPage(ApplicationPage):
    def build(self) -> None:
        self.summary = SummaryForm()
        self.body.addWidget(self.summary)

    def show_answers(self) -> None:
        self.summary.show_rows(self.flow.summary(self.wizard().date_style))  # type: ignore[attr-defined]


