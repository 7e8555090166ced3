"""The kiosk's check-out: by the number on the pass, or by one's full name, which shows that
visitor's own entry (and nobody else's) to confirm. Built afresh for every visitor."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from pcdesk.errors import PcdeskError
from pcdesk.services import Workspace
from pcdesk.visitors import reception
from pcdesk.visitors.ui.kiosk_widgets import FieldGrid, NumberPad, button, failed, label, private_field, row
from pcdesk.ui.widgets import ProblemLabel

NOT_FOUND = ("お名前が見つかりませんでした。受付のときと同じお名前（フルネーム）を入力するか、"
             "「入館証番号で」からお試しください。")


class CheckOutPanel(QWidget):
    finished = Signal(object)  # reception.CheckOutReceipt
    cancelled = Signal()

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.own: reception.OwnEntry | None = None
        self.title = label("お帰りの方（退館の記録）", "kioskStep", wrap=False)
        self.start_over = button("最初に戻る", self.cancelled.emit, tip="入力を消して最初の画面に戻ります")
        self.by_pass_button = button("入館証番号で", lambda: self.show_mode(self.by_pass), "kioskChoice")
        self.by_name_button = button("お名前で", lambda: self.show_mode(self.by_name), "kioskChoice")
        for b in (self.by_pass_button, self.by_name_button):
            b.setMinimumWidth(260)
            b.setCheckable(True)
            b.setAutoExclusive(True)
        self.stack = QStackedWidget()
        self.by_pass = self._pass_screen()
        self.by_name = self._name_screen()
        self.confirm = self._confirm_screen()
        for screen in (self.by_pass, self.by_name, self.confirm):
            self.stack.addWidget(screen)
        self.problems = ProblemLabel()

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.start_over)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 16)
        layout.setSpacing(14)
        layout.addLayout(top)
        layout.addLayout(row(self.by_pass_button, self.by_name_button))
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.problems)
        self.by_pass_button.setChecked(True)
        self.show_mode(self.by_pass)

    # -- screens ------------------------------------------------------------------------------
    def _pass_screen(self) -> QWidget:
        screen = QWidget()
        self.pass_number = private_field("入館証の番号", "入館証番号")
        self.pass_number.setMaxLength(20)
        self.pass_number.setInputMethodHints(self.pass_number.inputMethodHints() | Qt.InputMethodHint.ImhPreferNumbers)
        self.pass_number.returnPressed.connect(self.check_out_by_pass)
        self.pass_go = button("退館する", self.check_out_by_pass, "kioskPrimary")
        pad = NumberPad(self.pass_number)
        left = QVBoxLayout()
        left.addWidget(label("入館証に書かれた番号を入力してください。", "kioskText"))
        left.addWidget(self.pass_number)
        left.addWidget(self.pass_go, 0, Qt.AlignmentFlag.AlignLeft)
        left.addStretch(1)
        layout = QHBoxLayout(screen)
        layout.addLayout(left, 3)
        layout.addSpacing(30)
        layout.addWidget(pad, 2, Qt.AlignmentFlag.AlignTop)
        return screen

    def _name_screen(self) -> QWidget:
        screen = QWidget()
        self.full_name = private_field("例: 山田 太郎", "お名前（フルネーム）")
        self.full_name.setMaxLength(50)
        self.full_name.returnPressed.connect(self.find_by_name)
        self.name_go = button("探す", self.find_by_name, "kioskPrimary")
        layout = QVBoxLayout(screen)
        layout.addWidget(label("受付のときに入力したお名前（フルネーム）を入力して「探す」を押してください。"
                               "ご本人の記録だけが表示されます。", "kioskText"))
        layout.addWidget(self.full_name)
        layout.addWidget(self.name_go, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return screen

    def _confirm_screen(self) -> QWidget:
        screen = QWidget()
        self.own_form = FieldGrid()
        self.own_form.setVerticalSpacing(10)
        self.confirm_go = button("退館する", self.check_out_own, "kioskPrimary")
        self.not_me = button("違います", lambda: self.show_mode(self.by_name))
        layout = QVBoxLayout(screen)
        layout.addWidget(label("次の記録の退館を記録します。ご本人のものか確かめてください。", "kioskText"))
        layout.addLayout(self.own_form)
        layout.addLayout(row(self.not_me, self.confirm_go, stretch_before=True, stretch_after=False))
        layout.addStretch(1)
        return screen

    def show_mode(self, screen: QWidget) -> None:
        self.problems.clear_problems()
        if screen is not self.confirm:
            self.own = None
            self.own_form.clear()
        self.stack.setCurrentWidget(screen)
        self.focus_current()

    def focus_current(self) -> None:
        screen = self.stack.currentWidget()
        {self.by_pass: self.pass_number, self.by_name: self.full_name}.get(screen, self.confirm_go).setFocus()

    # -- actions -----------------------------------------------------------------------------
    def check_out_by_pass(self) -> None:
        try:
            receipt = reception.check_out_by_pass(self.ws, self.pass_number.text())
        except PcdeskError as exc:
            self.problems.show_error(exc)
            return
        except Exception:  # noqa: BLE001  (see kiosk_widgets.failed)
            self.problems.show_text(failed())
            return
        self.finished.emit(receipt)

    def find_by_name(self) -> None:
        try:
            own = reception.find_own_entry(self.ws, self.full_name.text())
        except PcdeskError as exc:
            self.problems.show_error(exc)
            return
        except Exception:  # noqa: BLE001  (see kiosk_widgets.failed)
            self.problems.show_text(failed())
            return
        if own is None:
            self.problems.show_text(NOT_FOUND)
            return
        self.show_mode(self.confirm)
        self.own = own
        for text, value in (("お名前", own.name), ("会社名", own.company or "（個人）"),
                            ("入室時刻", f"{own.entered_at:%H:%M}"), ("入館証番号", own.pass_number or "（なし）")):
            self.own_form.add_row(text, label(value, "kioskValue"))

    def check_out_own(self) -> None:
        if self.own is None:
            return
        try:
            receipt = reception.check_out(self.ws, self.own)
        except PcdeskError as exc:
            self.problems.show_error(exc)
            return
        except Exception:  # noqa: BLE001  (see kiosk_widgets.failed)
            self.problems.show_text(failed())
            return
        self.finished.emit(receipt)
