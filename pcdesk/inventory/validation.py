"""Checking and tidying the values of a ledger entry — shared by the survey, the ledger
editor and the Excel import, so each reports the same Japanese messages.

`validate_fields(values, fields)` checks only the listed fields (a survey page checks its
own); `clean_values(values)` returns the stored form: strings stripped, lists de-duplicated,
booleans as bool, and the derived 要配慮 items.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from pcdesk.errors import FieldProblem
from pcdesk.inventory.choices import MEDIA
from pcdesk.inventory.classification import sensitive_items_of
from pcdesk.inventory.model import BOOL_FIELDS, ENTRY_FIELDS, LIST_FIELDS

L = ENTRY_FIELDS
MAX_LENGTHS = {"business_process": 200, "name": 200, "storage_location": 300, "access_holders": 300,
               "use_period": 200, "retention": 200, "consignee": 300, "third_party_recipient": 300,
               "manager": 100}
MAX_COUNT = 100_000_000

# Fields that must not be left empty, with an example for the message.
REQUIRED_TEXT = {
    "business_process": "例: 採用活動、受注・請求",
    "name": "例: 顧客名簿、応募者の履歴書",
    "purpose": "例: 商品の発送と請求のため",
    "storage_location": "例: 総務部の書庫、社内ファイルサーバー",
    "access_holders": "例: 人事部員と役員",
    "use_period": "例: 退職まで、契約終了まで",
    "retention": "例: 退職後7年、契約終了後5年",
    "manager": "例: 人事部長",
}
REQUIRED_LISTS = {
    "subject_kinds": "1つ以上選んでください（例: 顧客、従業者）。",
    "items": "1つ以上選ぶか入力してください（例: 氏名、住所）。",
    "acquisition": "1つ以上選んでください。",
    "protection": "1つ以上選んでください（例: 施錠保管）。",
    "disposal": "1つ以上選んでください（例: シュレッダー）。",
}
# Yes/no questions that need an answer (None = not answered yet).
REQUIRED_BOOLS = ("identifiable", "organised", "taken_out", "consigned", "third_party", "joint_use",
                  "held_for_client", "company_has_authority")
# When the first is yes, the second must say to whom / what.
DETAILS = {"consigned": ("consignee", "委託先の名称を入力してください（例: 株式会社○○運輸）。"),
           "third_party": ("third_party_recipient", "提供先を入力してください（例: 提携保険会社）。"),
           "joint_use": ("joint_use_details", "共同利用する者の範囲と項目を入力してください。")}


def as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.replace("、", "\n").replace(",", "\n").replace("，", "\n").splitlines()
    out: list[str] = []
    for v in value:
        s = str(v).strip()
        if s and s not in out:
            out.append(s)
    return out


def validate_fields(values: Mapping[str, Any], fields: Iterable[str]) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    add = lambda key, msg: problems.append(FieldProblem(L[key], msg))  # noqa: E731
    for key in fields:
        v = values.get(key)
        if key == "department_id":
            if not isinstance(v, int):
                add(key, "部門を選んでください。")
        elif key in REQUIRED_TEXT:
            text = (v or "").strip() if isinstance(v, str) else ""
            if not text:
                add(key, f"入力してください（{REQUIRED_TEXT[key]}）。")
            elif len(text) > MAX_LENGTHS.get(key, 10_000):
                add(key, f"{MAX_LENGTHS[key]}文字以内にしてください。")
        elif key in REQUIRED_LISTS:
            if key == "subject_kinds" and values.get("identifiable") is False:
                continue  # nobody is identified, so there is no 本人 to name
            if not as_list(v):
                add(key, REQUIRED_LISTS[key])
        elif key == "record_count":
            if isinstance(v, bool) or not isinstance(v, int):
                add(key, "おおよその件数を数字で入力してください（例: 500）。")
            elif not 0 <= v <= MAX_COUNT:
                add(key, f"0〜{MAX_COUNT:,} の範囲で、おおよその件数を入力してください。")
        elif key == "media":
            if v not in MEDIA:
                add(key, "紙・電子・紙と電子の両方 のいずれかを選んでください。")
        elif key in REQUIRED_BOOLS:
            if not isinstance(v, bool):
                add(key, "「はい」か「いいえ」を選んでください。")
        elif key in MAX_LENGTHS:  # optional text with a length limit
            if isinstance(v, str) and len(v.strip()) > MAX_LENGTHS[key]:
                add(key, f"{MAX_LENGTHS[key]}文字以内にしてください。")
    for flag, (detail, message) in DETAILS.items():
        if detail in fields and values.get(flag) is True and not (values.get(detail) or "").strip():
            problems.append(FieldProblem(L[detail], message))
    return problems


def clean_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """The stored form of entry values (only ENTRY_FIELDS keys that are present)."""
    out: dict[str, Any] = {}
    for key in ENTRY_FIELDS:
        if key not in values:
            continue
        v = values[key]
        if key in LIST_FIELDS:
            out[key] = as_list(v)
        elif key in BOOL_FIELDS:
            out[key] = bool(v)
        elif isinstance(v, str):
            out[key] = v.strip()
        else:
            out[key] = v
    for flag, (detail, _) in DETAILS.items():
        if flag in out and not out[flag]:
            out[detail] = ""  # a detail without its "yes" would mislead the ledger
    if "items" in out:
        out["sensitive_items"] = sensitive_items_of(out)
    return out
