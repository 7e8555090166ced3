"""Answer widgets shared by the survey wizard and the entry editor.

Every field widget has `value()`, `set_value(v)` and a `changed` signal, and is made by
`make_field(key, ws)` for a key of model.ENTRY_FIELDS, so both screens read the same.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QRadioButton, QVBoxLayout, QWidget)

from pcdesk.company.service import list_departments
from pcdesk.inventory.choices import (ACQUISITIONS, DISPOSALS, ITEMS, MEDIA, MY_NUMBER_ITEMS, PROTECTIONS,
                                      SUBJECT_KINDS)
from pcdesk.inventory.screens import PLACEHOLDERS
from pcdesk.inventory.validation import as_list
from pcdesk.services import Workspace

SENSITIVE_MARK = "★要配慮"
SPECIFIC_MARK = "【特定】"
SENSITIVE_COLOR = "#b00020"
SPECIFIC_COLOR = "#7b3fa0"


class TextField(QLineEdit):
    changed = Signal()

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
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


class CountField(QLineEdit):
    """件数: digits with or without commas; anything else is handed on for the flow to explain."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(PLACEHOLDERS["record_count"])
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("100,000,000") + 40)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.textChanged.connect(self.changed)

    def value(self) -> int | str | None:
        text = self.text().strip().translate(str.maketrans("０１２３４５６７８９，", "0123456789,"))
        text = text.replace(",", "").removesuffix("件").removeprefix("約").strip()
        if not text:
            return None
        return int(text) if text.isdigit() else self.text()

    def set_value(self, value: Any) -> None:
        self.setText(f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else
                     ("" if value is None else str(value)))


class DepartmentField(QComboBox):
    changed = Signal()

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.addItem("（選んでください）", None)
        for dept in list_departments(ws):
            self.addItem(dept.name, dept.id)
        self.currentIndexChanged.connect(self.changed)

    def value(self) -> int | None:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        i = self.findData(value)
        if i < 0 and isinstance(value, int):  # an inactive department still named by an entry
            for dept in list_departments(self.ws, include_inactive=True):
                if dept.id == value:
                    self.addItem(f"{dept.name}（無効）", dept.id)
                    i = self.count() - 1
        self.setCurrentIndex(max(i, 0))


class _Choice(QWidget):
    """Radio buttons for one answer; value None until one is chosen."""

    changed = Signal()

    def __init__(self, options: list[tuple[Any, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.options = options
        self.group = QButtonGroup(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.buttons: list[QRadioButton] = []
        for i, (_v, label) in enumerate(options):
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
            if v == value and not isinstance(value, type(None)):
                self.buttons[i].setChecked(True)
                return
        self.group.setExclusive(False)  # the only way to leave every button unchecked
        for b in self.buttons:
            b.setChecked(False)
        self.group.setExclusive(True)


class YesNoField(_Choice):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([(True, "はい"), (False, "いいえ")], parent)


class MediaField(_Choice):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([(k, label if k != "both" else "紙と電子の両方") for k, label in MEDIA.items()], parent)


class CheckListField(QWidget):
    """Checkboxes for the usual choices and a line for others (「、」で区切る)."""

    changed = Signal()

    def __init__(self, choices: list[str], columns: int = 3, marks: dict[str, tuple[str, str, str]] | None = None,
                 other_label: str = "その他", parent: QWidget | None = None) -> None:
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
        other_row = QHBoxLayout()
        other_row.addWidget(QLabel(other_label))
        other_row.addWidget(self.other, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addLayout(other_row)

    def chosen(self) -> list[str]:
        chosen = [label for label in self.choices if self.boxes[label].isChecked()]
        return chosen + [v for v in as_list(self.other.text()) if v not in chosen]

    def value(self) -> list[str]:
        chosen = self.chosen()
        kept = [v for v in self._loaded if v in chosen]  # the stored order stays: no change where none was made
        return kept + [v for v in chosen if v not in kept]

    def set_value(self, value: Any) -> None:
        values = as_list(value)
        self._loaded = values
        for label, box in self.boxes.items():
            box.setChecked(label in values)
        self.other.setText("、".join(v for v in values if v not in self.boxes))

    def check(self, *labels: str) -> None:
        for label in labels:
            self.boxes[label].setChecked(True)


class ItemsField(CheckListField):
    """主な項目: 要配慮 items marked red, マイナンバー marked 特定; free items can be marked 要配慮."""

    def __init__(self, parent: QWidget | None = None) -> None:
        marks = {}
        for item in ITEMS:
            if item.sensitive:
                marks[item.label] = (SENSITIVE_MARK, SENSITIVE_COLOR, f"要配慮個人情報: {item.hint}" if item.hint
                                     else "要配慮個人情報です（取得には本人の同意が必要）。")
            elif item.label in MY_NUMBER_ITEMS:
                marks[item.label] = (SPECIFIC_MARK, SPECIFIC_COLOR, item.hint or "特定個人情報になります。")
        super().__init__([i.label for i in ITEMS], columns=3, marks=marks, other_label="その他の項目", parent=parent)
        self.sensitive_other = QLineEdit()
        self.sensitive_other.setPlaceholderText("例: 介護の状況（その他の項目のうち要配慮にあたるもの）")
        self.sensitive_other.setAccessibleName("その他の要配慮項目")
        self.sensitive_other.textChanged.connect(self.changed)
        row = QHBoxLayout()
        label = QLabel("うち要配慮にあたるもの")
        label.setStyleSheet(f"color: {SENSITIVE_COLOR};")
        row.addWidget(label)
        row.addWidget(self.sensitive_other, 1)
        self.layout().addLayout(row)  # type: ignore[union-attr]

    def chosen(self) -> list[str]:
        items = super().chosen()
        return items + [v for v in as_list(self.sensitive_other.text()) if v not in items]

    def marked_sensitive(self) -> list[str]:
        return as_list(self.sensitive_other.text())

    def set_value(self, value: Any, sensitive: Any = ()) -> None:
        marked = [v for v in as_list(sensitive) if v not in self.boxes]
        super().set_value([v for v in as_list(value) if v not in marked])
        self.sensitive_other.setText("、".join(marked))
        self._loaded = as_list(value)


def fill_combo(combo: QComboBox, options: dict[Any, str], current: Any = None) -> QComboBox:
    """Options key → label; the current key chosen (the first when absent)."""
    for key, label in options.items():
        combo.addItem(label, key)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo


def make_field(key: str, ws: Workspace) -> QWidget:
    """The widget answering `key` (see model.ENTRY_FIELDS)."""
    if key == "department_id":
        widget: QWidget = DepartmentField(ws)
    elif key == "subject_kinds":
        widget = CheckListField(SUBJECT_KINDS, columns=4, other_label="その他の本人")
    elif key == "items":
        widget = ItemsField()
    elif key == "acquisition":
        widget = CheckListField(ACQUISITIONS, columns=2, other_label="その他の取得方法")
    elif key == "protection":
        widget = CheckListField(PROTECTIONS, columns=3, other_label="その他の方法")
    elif key == "disposal":
        widget = CheckListField(DISPOSALS, columns=3, other_label="その他の方法")
    elif key == "record_count":
        widget = CountField()
    elif key == "media":
        widget = MediaField()
    elif key in ("purpose", "joint_use_details", "notes"):
        widget = LongTextField(PLACEHOLDERS.get(key, ""), lines=3 if key != "notes" else 2)
    elif key in ("identifiable", "organised", "taken_out", "consigned", "third_party", "joint_use",
                 "held_for_client", "company_has_authority"):
        widget = YesNoField()
    else:
        widget = TextField(PLACEHOLDERS.get(key, ""))
    widget.setObjectName(key)
    return widget


def read_fields(fields: dict[str, QWidget]) -> dict[str, Any]:
    """Answers from the widgets; 主な項目 also gives the free items marked 要配慮."""
    values: dict[str, Any] = {}
    for key, widget in fields.items():
        values[key] = widget.value()  # type: ignore[attr-defined]
        if isinstance(widget, ItemsField):
            values["sensitive_items"] = widget.marked_sensitive()
    return values


def write_fields(fields: dict[str, QWidget], answers: dict[str, Any]) -> None:
    for key, widget in fields.items():
        if isinstance(widget, ItemsField):
            widget.set_value(answers.get(key), answers.get("sensitive_items"))
        else:
            widget.set_value(answers.get(key))  # type: ignore[attr-defined]
