"""Screen lock after the configured idle time; only the same person's password unlocks it."""

from __future__ import annotations

import time
from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from pcdesk.accounts.service import confirm_password
from pcdesk.services import Workspace
from pcdesk.ui.widgets import ProblemLabel, heading, hint


class IdleWatcher:
    """Decides when to lock; the clock is injectable so tests do not wait for minutes."""

    def __init__(self, minutes: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.minutes = minutes
        self.clock = clock
        self.last_activity = clock()
        self.locked = False

    def touch(self) -> None:
        if not self.locked:
            self.last_activity = self.clock()

    def idle_seconds(self) -> float:
        return self.clock() - self.last_activity

    def check(self) -> bool:
        """True exactly once when the idle time has run out (0 minutes = never)."""
        if self.locked or self.minutes <= 0:
            return False
        if self.idle_seconds() >= self.minutes * 60:
            self.locked = True
            return True
        return False

    def unlock(self) -> None:
        self.locked = False
        self.last_activity = self.clock()


_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
             QEvent.Type.Wheel, QEvent.Type.TouchBegin}


class ActivityFilter(QObject):
    """Installed on the QApplication: any key, click or mouse move counts as activity."""

    def __init__(self, watcher: IdleWatcher, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.watcher = watcher

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in _ACTIVITY:
            self.watcher.touch()
        return False


class LockDialog(QDialog):
    """Covers the work until the same person types their password, or logs out."""

    LOGOUT = 2

    def __init__(self, ws: Workspace, parent: QWidget | None = None, manual: bool = False) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle("画面ロック — pcdesk")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setMinimumWidth(420)
        name = ws.actor.name if ws.actor else ""
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("パスワード")
        self.problems = ProblemLabel()
        self.unlock_button = QPushButton("ロック解除")
        self.unlock_button.setObjectName("primary")
        self.unlock_button.setDefault(True)
        self.logout_button = QPushButton("ログアウト")
        self.unlock_button.clicked.connect(self.try_unlock)
        self.logout_button.clicked.connect(lambda: self.done(self.LOGOUT))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addWidget(heading("画面をロックしました"))  # said once, here; the text below says why and what next
        cause = "" if manual else "しばらく操作がなかったため、個人情報が見えないようにしました。"
        self.explanation = hint(f"{cause}続けるには {name} さんのパスワードを入力してください。")
        layout.addWidget(self.explanation)
        layout.addWidget(self.password)
        layout.addWidget(self.problems)
        buttons = QHBoxLayout()
        buttons.addWidget(self.logout_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        layout.addLayout(buttons)
        self.password.setFocus()

    def try_unlock(self) -> None:
        if confirm_password(self.ws, self.password.text()):
            self.accept()
        else:
            self.password.clear()
            self.password.setFocus()
            self.problems.show_text("パスワードが違います。入力を確かめてください。"
                                    "別の人が使う場合は「ログアウト」を押してください。")

    def reject(self) -> None:
        pass  # Esc and the close button must not unlock the screen
