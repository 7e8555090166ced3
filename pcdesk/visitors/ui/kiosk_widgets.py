"""The kiosk's building blocks: large buttons, fields that learn nothing, a number pad, the
host picker. Sizes come from resources/kiosk.qss (object names below)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (QGridLayout, QHBoxLayout, QLabel, QLayout, QLineEdit, QListWidget, QListWidgetItem, QPushButton,
                               QScroller, QVBoxLayout, QWidget)

from pcdesk.capabilities import Person

QSS = Path(__file__).with_name("resources") / "kiosk.qss"
# Nothing a visitor types is remembered by an on-screen keyboard's suggestions or shown to the
# next visitor: no prediction, treated as sensitive, no automatic capitals.
PRIVATE_INPUT = (Qt.InputMethodHint.ImhNoPredictiveText | Qt.InputMethodHint.ImhSensitiveData
                 | Qt.InputMethodHint.ImhNoAutoUppercase)


def failed() -> str:
    """What a visitor reads when something unexpected went wrong. The details (which may hold
    what they typed, or the SQL) go to the log only, never onto the kiosk's screen."""
    import logging

    logging.getLogger("pcdesk.visitors.kiosk").exception("the kiosk could not finish")
    return "受付端末で問題が起きたため、記録できませんでした。受付の担当者にお声がけください。"


def kiosk_stylesheet() -> str:
    try:
        return QSS.read_text(encoding="utf-8")
    except OSError:  # a bad build: the kiosk still works in the application's own look
        return ""


def label(text: str, name: str = "kioskText", wrap: bool = True) -> QLabel:
    widget = QLabel(text)
    widget.setObjectName(name)
    widget.setWordWrap(wrap)
    return widget


class FieldGrid(QGridLayout):
    """Label and field rows, each label right-aligned and centred on its (large) field."""

    def __init__(self) -> None:
        super().__init__()
        self.setHorizontalSpacing(16)
        self.setVerticalSpacing(14)
        self.setColumnStretch(1, 1)

    def add_row(self, text: str, field: QWidget | QLayout) -> None:
        r = self.rowCount()
        if text:
            shown = label(text, "kioskLabel", wrap=False)
            self.addWidget(shown, r, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if isinstance(field, QWidget):
                shown.setBuddy(field)
        if isinstance(field, QWidget):
            self.addWidget(field, r, 1)
        else:
            self.addLayout(field, r, 1)

    def clear(self) -> None:
        while self.count():
            item = self.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()


def notice(text: str) -> QWidget:
    """The notice of purpose on a white card, scrolled when the screen is small."""
    from PySide6.QtWidgets import QFrame, QScrollArea

    shown = label(text, "kioskNotice")
    shown.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    shown.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.viewport().setAutoFillBackground(False)
    scroll.setWidget(shown)
    scroll.setObjectName("kioskNoticeArea")
    return scroll


def button(text: str, slot: Callable[[], object], name: str = "", tip: str = "") -> QPushButton:
    widget = QPushButton(text)
    if name:
        widget.setObjectName(name)
    widget.clicked.connect(lambda _checked=False: slot())
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    widget.setAutoDefault(True)  # Enter presses the focused button, as Space does
    if tip:
        widget.setAccessibleDescription(tip)
    return widget


def private_field(placeholder: str = "", accessible: str = "") -> QLineEdit:
    """A line a visitor types into: no completer, no suggestions; rebuilt for every visitor so
    not even its undo history survives (KioskPage.reset)."""
    field = QLineEdit()
    field.setPlaceholderText(placeholder)
    field.setInputMethodHints(PRIVATE_INPUT)
    field.setAccessibleName(accessible or placeholder)
    field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)  # no paste of what someone copied
    field.setDragEnabled(False)
    return field


class NumberPad(QWidget):
    """0–9, 消去 and ← for typing a pass number by touch; the keyboard works as well."""

    def __init__(self, target: QLineEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target = target
        grid = QGridLayout(self)
        grid.setSpacing(8)
        keys = ["7", "8", "9", "4", "5", "6", "1", "2", "3", "消去", "0", "←"]
        for i, key in enumerate(keys):
            b = button(key, lambda key=key: self.press(key), "kioskKey")
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard types into the field itself
            b.setAccessibleName({"←": "1文字消す", "消去": "すべて消す"}.get(key, key))
            grid.addWidget(b, i // 3, i % 3)

    def press(self, key: str) -> None:
        if key == "消去":
            self.target.setText("")
        elif key == "←":
            self.target.backspace()
        else:
            self.target.insert(key)
        self.target.setFocus()


class _DownIntoList(QObject):
    """↓ in the search field moves into the list, so the keyboard alone can choose."""

    def __init__(self, picker: "HostPicker") -> None:
        super().__init__(picker)
        self.picker = picker

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down:  # type: ignore[attr-defined]
            self.picker.list.setFocus()
            if self.picker.list.currentRow() < 0 and self.picker.list.count():
                self.picker.list.setCurrentRow(0)
            return True
        return False


class HostPicker(QWidget):
    """The company's people, narrowed as the visitor types part of a name, kana or department.
    Only the company's own people are listed here, never a visitor."""

    chosen = Signal(str)  # the person's key
    activated = Signal(str)  # chosen with Enter or a double tap: go on

    def __init__(self, match: Callable[[str], list[Person]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.match = match
        self.search = private_field("名前の一部（例: 佐藤）", "面会される方を探す")
        self.list = QListWidget()
        self.list.setAccessibleName("面会される方の一覧")
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        QScroller.grabGesture(self.list.viewport(), QScroller.ScrollerGestureType.TouchGesture)  # swipe to scroll
        self.empty = label("該当する方が見つかりません。受付の担当者にお声がけください。", "kioskSmall")
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        self.search.textChanged.connect(self.refill)
        self.search.installEventFilter(_DownIntoList(self))
        self.list.currentItemChanged.connect(self._current_changed)
        self.list.itemActivated.connect(lambda item: self.activated.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.refill("")

    def refill(self, typed: str) -> None:
        chosen = self.current_key()
        self.list.blockSignals(True)
        self.list.clear()
        for person in self.match(typed):
            text = f"{person.name}　{person.department}" if person.department else person.name
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, person.key or person.name)
            self.list.addItem(item)
            if item.data(Qt.ItemDataRole.UserRole) == chosen:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self.empty.setVisible(self.list.count() == 0)
        if self.list.count() == 1:  # typed enough to find one person: choose them
            self.list.setCurrentRow(0)
        self._current_changed(self.list.currentItem(), None)

    def current_key(self) -> str:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else ""

    def select_key(self, key: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.list.setCurrentRow(row)
                return

    def _current_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        self.chosen.emit(current.data(Qt.ItemDataRole.UserRole) if current is not None else "")


def row(*widgets: QWidget, stretch_before: bool = False, stretch_after: bool = True) -> QHBoxLayout:
    layout = QHBoxLayout()
    if stretch_before:
        layout.addStretch(1)
    for widget in widgets:
        layout.addWidget(widget)
    if stretch_after:
        layout.addStretch(1)
    return layout
