"""設定 › 機能ごとの設定: the settings features declare in their manifests (Feature.settings),
one group per feature, saved together."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QGroupBox, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from pcdesk import registry
from pcdesk.fields import BOOL, CHOICE, NUMBER, FieldSpec
from pcdesk.services import Workspace
from pcdesk.settings import feature_setting, save_feature_settings
from pcdesk.ui.settings.saving_tab import SavingTab
from pcdesk.ui.widgets import form_layout, hint


def _editor(spec: FieldSpec) -> QWidget:
    if spec.kind == NUMBER:
        spin = QSpinBox()
        spin.setRange(int(spec.minimum if spec.minimum is not None else 0),
                      int(spec.maximum if spec.maximum is not None else 1_000_000))
        spin.setSuffix(spec.extra.get("suffix", ""))
        spin.setMinimumWidth(140)
        spin.setMaximumWidth(180)
        return spin
    if spec.kind == BOOL:
        return QCheckBox()
    if spec.kind == CHOICE:
        combo = QComboBox()
        for value, label in spec.choices:
            combo.addItem(label, value)
        return combo
    line = QLineEdit()
    line.setPlaceholderText(spec.placeholder)
    return line


def _set(widget: QWidget, value: Any) -> None:
    if isinstance(widget, QSpinBox):
        widget.setValue(int(value or 0))
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QComboBox):
        widget.setCurrentIndex(max(0, widget.findData(value)))
    elif isinstance(widget, QLineEdit):
        widget.setText("" if value is None else str(value))


def _get(widget: QWidget) -> Any:
    if isinstance(widget, QSpinBox):
        return widget.value()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QComboBox):
        return widget.currentData()
    assert isinstance(widget, QLineEdit)
    return widget.text().strip()


class FeatureSettingsTab(SavingTab):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        self.editors: dict[str, QWidget] = {}
        groups: list[QWidget] = []
        for feature in registry.features():
            if not feature.settings:
                continue
            box = QGroupBox(feature.label)
            form = form_layout()
            for spec in feature.settings:
                editor = _editor(spec)
                editor.setAccessibleName(spec.label)
                self.editors[spec.key] = editor
                form.addRow(spec.label, editor)
                if spec.help:
                    form.addRow("", hint(spec.help))
            box.setLayout(form)
            groups.append(box)
        if not groups:
            groups.append(hint("設定できる項目はありません。"))
        column = QWidget()
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        for group in groups:
            inner.addWidget(group)
        self.lay_out(column)
        self.load()

    def load(self) -> None:
        for key, editor in self.editors.items():
            _set(editor, feature_setting(self.ws, key))

    def store(self) -> None:
        save_feature_settings(self.ws, {key: _get(editor) for key, editor in self.editors.items()})

    def has_settings(self) -> bool:
        return bool(self.editors)
