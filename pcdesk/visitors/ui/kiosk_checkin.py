"""The kiosk's check-in: the steps of CheckInFlow, one screen each, for one visitor.

Built afresh for every visitor and deleted when the kiosk returns to its start screen
(KioskPage.reset), so no field, list or undo history carries anything to the next one.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (QAbstractButton, QButtonGroup, QGridLayout, QHBoxLayout, QStackedWidget, QVBoxLayout,
                               QWidget)

from pcdesk.errors import PcdeskError, ValidationError
from pcdesk.services import Workspace
from pcdesk.visitors import reception
from pcdesk.visitors.fields import FIELD, PURPOSES
from pcdesk.visitors.flow import CONFIRM, NOTICE, OTHER, VISIT, VISITOR, CheckInFlow
from pcdesk.visitors.ui.kiosk_widgets import FieldGrid, HostPicker, button, failed, label, notice, private_field, row
from pcdesk.ui.widgets import ProblemLabel


class CheckInPanel(QWidget):
    finished = Signal(object)  # reception.CheckInReceipt
    cancelled = Signal()

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.flow = CheckInFlow(reception.host_choices(ws))
        self.step_title = label("", "kioskStep", wrap=False)
        self.step_count = label("", "kioskSmall", wrap=False)
        self.start_over = button("最初に戻る", self.cancelled.emit, tip="入力を消して最初の画面に戻ります")
        self.stack = QStackedWidget()
        self.screens = {NOTICE: self._notice_screen(), VISITOR: self._visitor_screen(),
                        VISIT: self._visit_screen(), CONFIRM: self._confirm_screen()}
        for screen in self.screens.values():
            self.stack.addWidget(screen)
        self.problems = ProblemLabel()
        self.back_button = button("戻る", self.go_back)
        self.next_button = button("次へ", self.go_next, "kioskPrimary")

        top = QHBoxLayout()
        top.addWidget(self.step_title)
        top.addSpacing(16)
        top.addWidget(self.step_count)
        top.addStretch(1)
        top.addWidget(self.start_over)
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 16)
        layout.setSpacing(14)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.problems)
        layout.addLayout(nav)
        self.show_step()

    # -- screens ------------------------------------------------------------------------
    def _notice_screen(self) -> QWidget:
        return notice(reception.notice_text(self.ws))

    def _visitor_screen(self) -> QWidget:
        screen = QWidget()
        self.name = private_field(FIELD["name"].placeholder, "お名前")
        self.name.setMaxLength(FIELD["name"].max_length or 50)
        self.company = private_field(FIELD["company"].placeholder, "会社名")
        self.company.setMaxLength(FIELD["company"].max_length or 100)
        self.party = private_field("", "人数")
        self.party.setObjectName("kioskCount")
        low, high = int(FIELD["party_size"].minimum or 1), int(FIELD["party_size"].maximum or 50)
        self.party.setValidator(QIntValidator(low, high, self.party))
        self.party.setText(str(self.flow.get("party_size", 1)))
        self.party.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.party.setFixedWidth(120)
        minus = button("－", lambda: self.step_party(-1), "kioskKey")
        plus = button("＋", lambda: self.step_party(1), "kioskKey")
        minus.setAccessibleName("人数を減らす")
        plus.setAccessibleName("人数を増やす")
        persons = label("名", "kioskLabel", wrap=False)
        form = FieldGrid()
        form.add_row("お名前", self.name)
        form.add_row("会社名", self.company)
        form.add_row("", label(FIELD["company"].help, "kioskSmall"))
        form.add_row("人数", row(minus, self.party, persons, plus))
        form.add_row("", label("ご本人を含めた人数です。", "kioskSmall"))
        layout = QVBoxLayout(screen)
        layout.addLayout(form)
        layout.addStretch(1)
        for field in (self.name, self.company, self.party):
            field.returnPressed.connect(self.go_next)
        return screen

    def step_party(self, by: int) -> None:
        try:
            value = int(self.party.text() or 0) + by
        except ValueError:
            value = 1
        low, high = int(FIELD["party_size"].minimum or 1), int(FIELD["party_size"].maximum or 50)
        self.party.setText(str(min(max(value, low), high)))

    def _visit_screen(self) -> QWidget:
        screen = QWidget()
        self.purposes = QButtonGroup(self)
        self.purposes.setExclusive(True)
        grid = QGridLayout()
        grid.setSpacing(10)
        for i, (_value, text) in enumerate([*PURPOSES, (OTHER, OTHER)]):
            b = button(text, lambda: None, "kioskChoice")
            b.setCheckable(True)
            self.purposes.addButton(b)
            grid.addWidget(b, i // 3, i % 3)
        self.other = private_field("ご用件を入力してください", "その他のご用件")
        self.other.setMaxLength(FIELD["purpose"].max_length or 50)
        self.other.hide()  # shown when その他 is chosen
        self.purposes.buttonToggled.connect(self._purpose_toggled)
        self.hosts = HostPicker(self.flow.hosts_matching)
        self.hosts.activated.connect(lambda _key: self.go_next())
        left = QVBoxLayout()
        left.addWidget(label("ご用件", "kioskLabel", wrap=False))
        left.addLayout(grid)
        left.addWidget(self.other)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(label("面会される方", "kioskLabel", wrap=False))
        right.addWidget(self.hosts, 1)
        layout = QHBoxLayout(screen)
        layout.setSpacing(30)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)
        return screen

    def _confirm_screen(self) -> QWidget:
        screen = QWidget()
        self.summary = FieldGrid()
        self.summary.setVerticalSpacing(10)
        layout = QVBoxLayout(screen)
        layout.addWidget(label("次の内容で受付します。よろしければ「受付する」を押してください。", "kioskText"))
        layout.addLayout(self.summary)
        layout.addStretch(1)
        layout.addWidget(label(reception.notice_text(self.ws, short=True), "kioskSmall"))
        return screen

    def _purpose_toggled(self, b: QAbstractButton, checked: bool) -> None:
        if b.text() == OTHER:
            self.other.setVisible(checked)
            if checked:
                self.other.setFocus()

    # -- moving through the flow ------------------------------------------------------------
    def show_step(self) -> None:
        step = self.flow.current
        self.stack.setCurrentWidget(self.screens[step])
        self.step_title.setText(self.flow.title)
        path = self.flow.path()
        self.step_count.setText(f"{path.index(step) + 1} / {len(path)}")
        self.back_button.setVisible(self.flow.can_go_back())
        self.next_button.setText({NOTICE: "確認しました（次へ）", CONFIRM: "受付する"}.get(step, "次へ"))
        self.problems.clear_problems()
        if step == CONFIRM:
            self.summary.clear()
            for text, value in self.flow.summary():
                self.summary.add_row(text, label(value, "kioskValue"))
        self.focus_current()

    def focus_current(self) -> None:
        """The field to type into first, or the button that goes on (also once the panel is shown)."""
        step = self.flow.current
        {VISITOR: self.name, VISIT: self.purposes.buttons()[0]}.get(step, self.next_button).setFocus()

    def collect(self) -> None:
        """What the current screen shows, into the flow."""
        step = self.flow.current
        if step == VISITOR:
            self.flow.set(name=self.name.text(), company=self.company.text(), party_size=self.party.text())
        elif step == VISIT:
            chosen = self.purposes.checkedButton()
            self.flow.choose_purpose(chosen.text() if chosen else "", self.other.text())
            self.flow.choose_host(self.hosts.current_key())

    def go_next(self) -> None:
        self.collect()
        if self.flow.current == CONFIRM:
            self.check_in()
            return
        try:
            self.flow.go_next()
        except ValidationError as exc:
            self.problems.show_problems(exc)
            return
        self.show_step()

    def go_back(self) -> None:
        self.collect()
        if not self.flow.can_go_back():
            self.cancelled.emit()
            return
        self.flow.go_back()
        self.show_step()

    def check_in(self) -> None:
        self.next_button.setEnabled(False)  # one tap, one entry
        try:
            receipt = reception.check_in(self.ws, self.flow.finish())
        except PcdeskError as exc:
            self.problems.show_error(exc)
            self.next_button.setEnabled(True)
            return
        except Exception:  # noqa: BLE001  (see kiosk_widgets.failed)
            self.problems.show_text(failed())
            self.next_button.setEnabled(True)
            return
        self.finished.emit(receipt)
