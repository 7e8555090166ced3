"""Field widgets built from a FieldSpec (pcdesk.fields), so a field reads and behaves the same
in every feature's wizards, dialogs and forms.

    widget = field_widget(spec, options=None)    # value(), set_value(v), `changed` signal
    question_label(spec)                         # the wizard's plain question above it

Kinds: TEXT → one line (placeholder, max length), LONG_TEXT → several lines, NUMBER →
digits with 全角 and commas accepted, DATE → a calendar field, CHOICE → radio buttons (a
list for many choices), BOOL → はい/いいえ (or the spec's own labels), MULTI → checkboxes
with a line for other words when `open_choices`, REFERENCE → a list of `options`
[(value, label)] the caller gives (e.g. the company's departments).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any, Sequence

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDateEdit, QGridLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPlainTextEdit, QRadioButton, QVBoxLayout, QWidget)

from pcdesk.fields import BOOL, CHOICE, DATE, LONG_TEXT, MULTI, NUMBER, REFERENCE, FieldSpec

NOT_CHOSEN = "（選んでください）"
RADIO_LIMIT = 5  # more choices than this are a drop-down list


class TextField(QLineEdit):
    changed = Signal()

    def __init__(self, placeholder: str = "", max_length: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        if max_length:
            self.setMaxLength(max_length)
        self.textChanged.connect(self.changed)

    def value(self) -> str:
        return self.text()

    def set_value(self, value: Any) -> None:
        self.setText("" if value is None else str(value))


class LongTextField(QPlainTextEdit):
    changed = Signal()

    def __init__(self, placeholder: str = "", lines: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 16)
        self.textChanged.connect(self.changed)

    def value(self) -> str:
        return self.toPlainText()

    def set_value(self, value: Any) -> None:
        self.setPlainText("" if value is None else str(value))


class NumberField(QLineEdit):
    """Digits with or without commas, 全角 too (「約」「件」 dropped); anything else is handed
    on as typed, for the rules to explain."""

    changed = Signal()

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("100,000,000") + 40)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.textChanged.connect(self.changed)

    def value(self) -> int | str | None:
        text = unicodedata.normalize("NFKC", self.text()).strip()
        text = text.replace(",", "").removesuffix("件").removesuffix("人").removeprefix("約").strip()
        if not text:
            return None
        return int(text) if text.isdigit() else self.text()

    def set_value(self, value: Any) -> None:
        self.setText(f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else
                     ("" if value is None else str(value)))


class DateField(QDateEdit):
    """2026年11月22日 with a calendar; value() is a date."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy年M月d日")
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("2026年12月31日") + 48)
        self.dateChanged.connect(lambda _d: self.changed.emit())

    def value(self) -> dt.date:
        d = self.date()
        return dt.date(d.year(), d.month(), d.day())

    def set_value(self, value: Any) -> None:
        if isinstance(value, str):
            value = dt.date.fromisoformat(value[:10]) if value else None
        if isinstance(value, dt.date):
            self.setDate(QDate(value.year, value.month, value.day))


class ChoiceField(QWidget):
    """Radio buttons for one answer; value None until one is chosen."""

    changed = Signal()

    def __init__(self, options: Sequence[tuple[Any, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.options = list(options)
        self.group = QButtonGroup(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.buttons: list[QRadioButton] = []
        for i, (_v, label) in enumerate(self.options):
            button = QRadioButton(label)
            self.group.addButton(button, i)
            self.buttons.append(button)
            row.addWidget(button)
        row.addStretch(1)
        self.group.idToggled.connect(lambda _i, on: on and self.changed.emit())

    def value(self) -> Any:
        i = self.group.checkedId()
        return self.options[i][0] if i >= 0 else None

    def set_value(self, value: Any) -> None:
        for i, (v, _label) in enumerate(self.options):
            if value is not None and v == value:
                self.buttons[i].setChecked(True)
                return
        self.group.setExclusive(False)  # the only way to leave every button unchecked
        for b in self.buttons:
            b.setChecked(False)
        self.group.setExclusive(True)


class ListField(QComboBox):
    """One of many choices (or of a REFERENCE's options), from a drop-down list."""

    changed = Signal()

    def __init__(self, options: Sequence[tuple[Any, str]], empty: str = NOT_CHOSEN, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if empty:
            self.addItem(empty, None)
        for value, label in options:
            self.addItem(label, value)
        self.currentIndexChanged.connect(self.changed)

    def value(self) -> Any:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        self.setCurrentIndex(max(self.findData(value), 0))


class CheckListField(QWidget):
    """Checkboxes for the usual choices and, for open lists, a line for others (「、」で区切る)."""

    changed = Signal()

    def __init__(self, choices: Sequence[str], columns: int = 3, marks: dict[str, tuple[str, str, str]] | None = None,
                 other_label: str = "その他", open_choices: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = list(choices)
        self._loaded: list[str] = []
        self.boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(4)
        marks = marks or {}
        for i, label in enumerate(self.choices):
            box = QCheckBox(label)
            box.setAccessibleName(label)
            if label in marks:
                mark, color, tip = marks[label]
                box.setText(f"{label}　{mark}")
                box.setStyleSheet(f"QCheckBox {{ color: {color}; }}")
                box.setToolTip(tip)
            box.toggled.connect(self.changed)
            self.boxes[label] = box
            grid.addWidget(box, i // columns, i % columns)
        for c in range(columns):
            grid.setColumnStretch(c, 1)
        self.other = QLineEdit()
        self.other.setPlaceholderText("一覧にないものは「、」で区切って入力")
        self.other.setAccessibleName(other_label)
        self.other.textChanged.connect(self.changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        if open_choices:
            other_row = QHBoxLayout()
            other_row.addWidget(QLabel(other_label))
            other_row.addWidget(self.other, 1)
            layout.addLayout(other_row)
        else:
            self.other.hide()

    def chosen(self) -> list[str]:
        chosen = [label for label in self.choices if self.boxes[label].isChecked()]
        return chosen + [v for v in words(self.other.text()) if v not in chosen]

    def value(self) -> list[str]:
        chosen = self.chosen()
        kept = [v for v in self._loaded if v in chosen]  # the stored order stays: no change where none was made
        return kept + [v for v in chosen if v not in kept]

    def set_value(self, value: Any) -> None:
        values = _as_list(value)
        self._loaded = values
        for label, box in self.boxes.items():
            box.setChecked(label in values)
        self.other.setText("、".join(v for v in values if v not in self.boxes))

    def check(self, *labels: str) -> None:
        for label in labels:
            self.boxes[label].setChecked(True)


def words(text: str) -> list[str]:
    """What a person typed in an 「その他」 line: words separated by 、 , or lines (not by ・,
    which belongs inside words such as アクセス制限（ID・パスワード））."""
    return [w.strip() for w in re.split(r"[、,，\n]+", text) if w.strip()]


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    items = words(value) if isinstance(value, str) else [str(v).strip() for v in value]
    out: list[str] = []
    for v in items:
        if v and v not in out:
            out.append(v)
    return out


def bool_options(spec: FieldSpec) -> list[tuple[bool, str]]:
    labels = dict(spec.choices) if spec.choices else {"true": "はい", "false": "いいえ"}
    return [(True, labels.get("true", "はい")), (False, labels.get("false", "いいえ"))]


def field_widget(spec: FieldSpec, options: Sequence[tuple[Any, str]] | None = None, *, columns: int = 3,
                 lines: int = 3, other_label: str = "") -> QWidget:
    """The widget answering `spec`; REFERENCE (and a CHOICE listed from elsewhere) take `options`."""
    kind = spec.kind
    if kind == REFERENCE:
        widget: QWidget = ListField(options or [])
    elif kind == BOOL:
        widget = ChoiceField(bool_options(spec))
    elif kind == CHOICE:
        choices = list(options or spec.choices)
        widget = ChoiceField(choices) if len(choices) <= RADIO_LIMIT else ListField(choices)
    elif kind == MULTI:
        widget = CheckListField([label for _v, label in (options or spec.choices)], columns=columns,
                                other_label=other_label or "その他",
                                open_choices=spec.open_choices)
    elif kind == NUMBER:
        widget = NumberField(spec.placeholder)
    elif kind == DATE:
        widget = DateField()
    elif kind == LONG_TEXT:
        widget = LongTextField(spec.placeholder, lines=lines)
    else:
        widget = TextField(spec.placeholder, spec.max_length)
    widget.setObjectName(spec.key)
    widget.setAccessibleName(spec.label)
    if spec.help:
        widget.setToolTip(spec.help)
    return widget


def question_label(spec: FieldSpec) -> QLabel:
    """The plain question a wizard asks above the field (its label when it has none)."""
    label = QLabel(spec.question or spec.label)
    label.setWordWrap(True)
    label.setObjectName("question")
    label.setStyleSheet("font-weight: bold; margin-top: 6px;")
    return label


def fill_combo(combo: QComboBox, options: dict[Any, str], current: Any = None) -> QComboBox:
    """Options key → label; the current key chosen (the first when absent)."""
    for key, label in options.items():
        combo.addItem(label, key)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo
