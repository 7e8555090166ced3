"""The company profile form, shared by the first-run wizard and the settings page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from pcdesk.company.model import COMPANY_FIELDS, REQUIRED_COMPANY_FIELDS

EXAMPLES = {
    "name": "株式会社〇〇",
    "postal_code": "100-0001",
    "address": "東京都千代田区〇〇一丁目2番3号 〇〇ビル4階",
    "representative": "代表取締役 山田 太郎",
    "pms_manager": "取締役 佐藤 花子",
    "audit_manager": "鈴木 一郎",
    "education_manager": "高橋 美咲",
    "contact_name": "個人情報お問合せ窓口（総務部）",
    "contact_phone": "03-1234-5678",
    "contact_email": "privacy@example.co.jp",
}


def field_label(key: str) -> str:
    """「社名 ＊」: the star marks what must be filled in."""
    label = COMPANY_FIELDS[key]
    return f"{label} ＊" if key in REQUIRED_COMPANY_FIELDS else label


class CompanyForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key in COMPANY_FIELDS:
            edit = QLineEdit()
            edit.setPlaceholderText(f"例: {EXAMPLES.get(key, '')}")
            edit.setAccessibleName(COMPANY_FIELDS[key])
            edit.setObjectName(f"company_{key}")
            self.fields[key] = edit
            form.addRow(field_label(key), edit)

    def values(self) -> dict[str, str]:
        return {key: edit.text() for key, edit in self.fields.items()}

    def set_values(self, values: dict[str, str]) -> None:
        for key, edit in self.fields.items():
            edit.setText(values.get(key) or "")
