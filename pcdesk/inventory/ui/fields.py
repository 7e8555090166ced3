"""The inventory's answer widgets, shared by the survey wizard and the entry dialog: the
generic ones of pcdesk.ui.fields built from fields.SPECS, plus the 主な項目 checklist that
marks 要配慮 and 特定 items and takes free items marked 要配慮.

Every widget has `value()`, `set_value(v)` and a `changed` signal; `make_field(key, ws)`
makes the one for a key of fields.ENTRY, so both screens read the same.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from pcdesk.company.service import list_departments
from pcdesk.inventory.choices import BOTH, ITEMS, MY_NUMBER_ITEMS
from pcdesk.inventory.fields import SPECS
from pcdesk.services import Workspace
from pcdesk.ui.fields import CheckListField, ListField, field_widget, fill_combo, words  # noqa: F401 (fill_combo: the catalogue dialog)

SENSITIVE_MARK = "★要配慮"
SPECIFIC_MARK = "【特定】"
SENSITIVE_COLOR = "#b00020"
SPECIFIC_COLOR = "#7b3fa0"
COLUMNS = {"subject_kinds": 4, "acquisition": 2}
OTHER_LABELS = {"subject_kinds": "その他の本人", "acquisition": "その他の取得方法", "protection": "その他の方法",
                "disposal": "その他の方法"}


class DepartmentField(ListField):
    """The company's departments; an inactive one still named by an entry is shown as such."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__([(d.id, d.name) for d in list_departments(ws)], parent=parent)
        self.ws = ws

    def set_value(self, value: Any) -> None:
        i = self.findData(value)
        if i < 0 and isinstance(value, int):
            for dept in list_departments(self.ws, include_inactive=True):
                if dept.id == value:
                    self.addItem(f"{dept.name}（無効）", dept.id)
        super().set_value(value)


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
        self.sensitive_other.setPlaceholderText(SPECS["sensitive_items"].placeholder)
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
        return items + [v for v in words(self.sensitive_other.text()) if v not in items]

    def marked_sensitive(self) -> list[str]:
        return words(self.sensitive_other.text())

    def set_value(self, value: Any, sensitive: Any = ()) -> None:
        marked = [v for v in (sensitive or []) if v not in self.boxes]
        super().set_value([v for v in (value or []) if v not in marked])
        self.sensitive_other.setText("、".join(marked))
        self._loaded = list(value or [])


def make_field(key: str, ws: Workspace) -> QWidget:
    """The widget answering `key` (see fields.ENTRY)."""
    spec = SPECS[key]
    if key == "department_id":
        widget: QWidget = DepartmentField(ws)
    elif key == "items":
        widget = ItemsField()
    elif key == "media":  # 「紙・電子」 reads as a choice of its own only in words
        widget = field_widget(spec, [(k, "紙と電子の両方" if k == BOTH else label) for k, label in spec.choices])
    elif spec.kind == "multi":
        widget = field_widget(spec, columns=COLUMNS.get(key, 3), other_label=OTHER_LABELS.get(key, "その他"))
    else:
        widget = field_widget(spec, lines=2 if key == "notes" else 3)
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
