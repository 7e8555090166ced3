"""来訪者受付 (受付モード): the kiosk page, shown alone and full screen (pcdesk.ui.shell.kiosk_window).

Start screen → check-in or check-out → a receipt → back to the start screen, after each visitor
and after idle time. The check-in and check-out screens are built for one visitor and deleted
afterwards; nothing here lists, suggests or remembers a visitor. Keyboard: Tab moves, Enter or
Space presses, Esc goes one step back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from pcdesk.dates import format_date, now
from pcdesk.services import Workspace
from pcdesk.visitors import reception
from pcdesk.visitors.ui.kiosk_checkin import CheckInPanel
from pcdesk.visitors.ui.kiosk_checkout import CheckOutPanel
from pcdesk.visitors.ui.kiosk_widgets import button, kiosk_stylesheet, label, notice, row

DONE_SECONDS = 15  # the receipt stays this long, then the next visitor finds the start screen
WEEKDAYS = "月火水木金土日"


class KioskPage(QWidget):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.panel: CheckInPanel | CheckOutPanel | None = None
        self._leaving: QWidget | None = None
        self.setObjectName("kiosk")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(kiosk_stylesheet())
        self.stack = QStackedWidget()
        self.start = self._start_screen()
        self.notice = self._notice_screen()
        self.done = self._done_screen()
        for screen in (self.start, self.notice, self.done):
            self.stack.addWidget(screen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.done_timer = QTimer(self)
        self.done_timer.setSingleShot(True)
        self.done_timer.setInterval(DONE_SECONDS * 1000)
        self.done_timer.timeout.connect(self.reset)
        self.clock_timer = QTimer(self)
        self.clock_timer.setInterval(20_000)
        self.clock_timer.timeout.connect(self._tick)
        self.clock_timer.start()
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.step_back)
        self.reset()

    # -- screens ------------------------------------------------------------------------------
    def _start_screen(self) -> QWidget:
        screen = QWidget()
        self.company = label(reception.company_name(self.ws), "kioskCompany", wrap=False)
        self.clock = label("", "kioskClock", wrap=False)
        self.check_in_button = button("入館の受付", self.start_check_in, "kioskBig",
                                      "お名前とご用件を入力し、入館証をお受け取りください")
        self.check_out_button = button("お帰りの方\n（退館）", self.start_check_out, "kioskBig",
                                       "入館証番号かお名前で、退館を記録します")
        for b in (self.check_in_button, self.check_out_button):
            b.setMinimumWidth(380)
        self.notice_button = button("個人情報の取扱いについて", lambda: self.stack.setCurrentWidget(self.notice),
                                    "kioskLink")
        top = QHBoxLayout()
        top.addWidget(self.company)
        top.addStretch(1)
        top.addWidget(self.clock)
        layout = QVBoxLayout(screen)
        layout.setContentsMargins(40, 24, 40, 16)
        layout.addLayout(top)
        layout.addStretch(2)
        title = label("ようこそ", "kioskTitle", wrap=False)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        lead = label("ご来訪の方は「入館の受付」を、お帰りの方は「お帰りの方」を押してください。", "kioskText")
        lead.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(lead)
        layout.addSpacing(30)
        buttons = row(self.check_in_button, self.check_out_button, stretch_before=True)
        buttons.setSpacing(40)
        layout.addLayout(buttons)
        layout.addStretch(2)
        layout.addLayout(row(self.notice_button, stretch_before=True))
        return screen

    def _notice_screen(self) -> QWidget:
        screen = QWidget()
        self.notice_area = notice("")
        self.notice_text = self.notice_area.widget()
        self.notice_back = button("戻る", self.reset, "kioskPrimary")
        layout = QVBoxLayout(screen)
        layout.setContentsMargins(40, 24, 40, 16)
        layout.addWidget(label("個人情報の取扱いについて", "kioskStep", wrap=False))
        layout.addWidget(self.notice_area, 1)
        layout.addLayout(row(self.notice_back, stretch_before=True, stretch_after=False))
        return screen

    def _done_screen(self) -> QWidget:
        screen = QWidget()
        self.done_title = label("", "kioskTitle")
        self.done_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.done_pass_caption = label("入館証番号", "kioskLabel", wrap=False)
        self.done_pass_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.done_pass = label("", "kioskPass", wrap=False)
        self.done_pass.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.done_text = label("", "kioskText")
        self.done_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.done_button = button("完了", self.reset, "kioskPrimary")
        self.done_button.setMinimumWidth(240)
        layout = QVBoxLayout(screen)
        layout.setContentsMargins(60, 30, 60, 30)
        layout.addStretch(1)
        layout.addWidget(self.done_title)
        layout.addSpacing(20)
        layout.addWidget(self.done_pass_caption)
        layout.addLayout(row(self.done_pass, stretch_before=True))
        layout.addSpacing(20)
        layout.addWidget(self.done_text)
        layout.addStretch(1)
        layout.addLayout(row(self.done_button, stretch_before=True))
        return screen

    # -- one visitor ---------------------------------------------------------------------------
    def _open(self, panel: CheckInPanel | CheckOutPanel) -> None:
        self._drop_panel()
        self.panel = panel
        panel.cancelled.connect(self.reset)
        panel.finished.connect(self.show_receipt)
        self.stack.addWidget(panel)
        self.stack.setCurrentWidget(panel)
        panel.focus_current()  # only a shown widget takes the focus

    def start_check_in(self) -> None:
        self._open(CheckInPanel(self.ws, self))

    def start_check_out(self) -> None:
        self._open(CheckOutPanel(self.ws, self))

    def show_receipt(self, receipt: reception.CheckInReceipt | reception.CheckOutReceipt) -> None:
        """The visitor's own result; the screens holding what they typed are deleted at once."""
        self._drop_panel()
        if isinstance(receipt, reception.CheckInReceipt):
            self.done_title.setText(f"受付が完了しました（{receipt.entered_at:%H:%M}）")
            has_pass = bool(receipt.pass_number)
            self.done_pass.setText(receipt.pass_number)
            if has_pass:
                text = (f"{receipt.pass_number} 番の入館証をお取りになり、見える位置に着けてください"
                        f"（面会: {receipt.host_name}）。\nお帰りの際は「お帰りの方」から退館の記録をお願いします。")
            elif receipt.passes_short:
                text = "ただいま入館証が不足しています。受付の担当者にお声がけください。"
            else:
                text = (f"面会: {receipt.host_name}。\n"
                        "お帰りの際は「お帰りの方」から退館の記録をお願いします。")
        else:
            self.done_title.setText(f"ご来訪ありがとうございました（退館 {receipt.left_at:%H:%M}）")
            has_pass = bool(receipt.pass_number)
            self.done_pass.setText(receipt.pass_number)
            text = "入館証を返却箱にお入れください。" if has_pass else "お気をつけてお帰りください。"
        self.done_pass.setVisible(has_pass)
        self.done_pass_caption.setVisible(has_pass)
        self.done_text.setText(text)
        self.stack.setCurrentWidget(self.done)
        self.done_button.setFocus()
        self.done_timer.start()

    def _drop_panel(self) -> None:
        """Out of the page at once (nothing of the visitor stays in its widget tree), deleted by Qt
        as soon as the event loop runs (a signal of the panel may still be on its way)."""
        panel, self.panel = self.panel, None
        if panel is not None:
            self.stack.removeWidget(panel)
            panel.hide()
            panel.setParent(None)  # type: ignore[call-overload]
            panel.deleteLater()
            self._leaving = panel  # the wrapper outlives the call that is still running in it

    def step_back(self) -> None:
        """Esc: one step back in the check-in, else the start screen."""
        if isinstance(self.panel, CheckInPanel) and self.panel.flow.can_go_back():
            self.panel.go_back()
        else:
            self.reset()

    def reset(self) -> None:
        """The start screen, with nothing of the last visitor left anywhere on the page."""
        self.done_timer.stop()
        self._drop_panel()
        self.done_title.clear()
        self.done_pass.clear()
        self.done_text.clear()
        self.notice_text.setText(reception.notice_text(self.ws))
        self.company.setText(reception.company_name(self.ws))
        self._tick()
        self.stack.setCurrentWidget(self.start)
        self.check_in_button.setFocus()

    def _tick(self) -> None:
        moment = now()
        self.clock.setText(f"{format_date(moment)}（{WEEKDAYS[moment.weekday()]}）{moment:%H:%M}")
