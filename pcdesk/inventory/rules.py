"""Pure decisions about one ledger entry's values: which fields apply to it, which are still
missing (an entry with missing ones is 要確認), the Japanese problems of what was given,
and the stored form. Shared by the survey, the entry dialog, the service and the import.
The legal class (区分, 要配慮, 特定) is decided in classification.py, also pure.

    applicable(values) -> [field key]     the fields this entry is asked (the survey's path)
    missing(values) -> [field key]        required, applicable and empty
    problems(values, keys=None, missing_ok=False) -> [FieldProblem]
    clean(values) -> dict                 strings stripped, lists de-duplicated, 要配慮 items derived
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from pcdesk.errors import FieldProblem
from pcdesk.fields import BOOL, CHOICE, LONG_TEXT, MULTI, NUMBER, REFERENCE, TEXT
from pcdesk.inventory.classification import sensitive_items_of
from pcdesk.inventory.fields import ENTRY, ENTRY_KEYS, MAX_COUNT, SPECS

# The answers a new survey starts from (and an imported row lacking them takes).
DEFAULTS: dict[str, Any] = {
    "identifiable": True, "taken_out": False, "consigned": False, "third_party": False,
    "joint_use": False, "held_for_client": False, "company_has_authority": True,
    "subject_kinds": [], "items": [], "sensitive_items": [], "acquisition": [], "protection": [],
    "disposal": [],
}
# When the first is yes, the second must say to whom / what.
DETAILS = {"consigned": ("consignee", "委託先の名称を入力してください（例: 株式会社○○運輸）。"),
           "third_party": ("third_party_recipient", "提供先を入力してください（例: 提携保険会社）。"),
           "joint_use": ("joint_use_details", "共同利用する者の範囲と項目を入力してください。")}
DETAIL_OF = {flag: detail for flag, (detail, _) in DETAILS.items()}
# Kept by the service, never asked.
KEPT = ("number", "last_reviewed_on")
ASKED_WHEN_NOBODY_IS_IDENTIFIED = ("department_id", "business_process", "name", "identifiable", "notes")
MAX_LIST_ITEMS, MAX_LIST_ITEM_CHARS = 100, 200


def applies(key: str, values: Mapping[str, Any]) -> bool:
    """Whether the field is asked of an entry with these values."""
    if key in KEPT:
        return False
    if values.get("identifiable") is False:
        return key in ASKED_WHEN_NOBODY_IS_IDENTIFIED
    flag = next((f for f, d in DETAIL_OF.items() if d == key), None)
    if flag is not None:
        return values.get(flag) is True
    if key == "held_for_client":
        return values.get("organised") is True  # not organised: cannot be 保有個人データ anyway
    if key == "company_has_authority":
        return values.get("organised") is True and values.get("held_for_client") is not True
    return key in ENTRY_KEYS


def applicable(values: Mapping[str, Any]) -> list[str]:
    return [key for key in ENTRY_KEYS if applies(key, values)]


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == [] or value == ()


def missing(values: Mapping[str, Any]) -> list[str]:
    """Required fields that apply and are empty (a detail too when its 「あり」 is given)."""
    return [key for key in applicable(values)
            if (SPECS[key].required or key in DETAIL_OF.values()) and is_empty(values.get(key))]


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


def _problem(key: str, values: Mapping[str, Any]) -> str | None:
    """What is wrong with a given (non-empty) value, in Japanese; None when it is fine."""
    spec, v = SPECS[key], values.get(key)
    if spec.kind == REFERENCE:
        return None if isinstance(v, int) and not isinstance(v, bool) else "部門を選んでください。"
    if spec.kind in (TEXT, LONG_TEXT):
        text = v.strip() if isinstance(v, str) else str(v)
        if spec.max_length and len(text) > spec.max_length:
            return f"{spec.max_length:,}文字以内にしてください（いまは{len(text):,}文字です）。"
        return None
    if spec.kind == MULTI:
        items = as_list(v)
        if len(items) > MAX_LIST_ITEMS:
            return f"{MAX_LIST_ITEMS}個までにしてください（いまは{len(items):,}個です）。"
        long = next((i for i in items if len(i) > MAX_LIST_ITEM_CHARS), None)
        if long is not None:
            return f"1つの項目は{MAX_LIST_ITEM_CHARS}文字以内にしてください（「{long[:20]}…」）。"
        return None
    if spec.kind == NUMBER:
        if isinstance(v, bool) or not isinstance(v, int):
            return "おおよその件数を数字で入力してください（例: 500）。"
        if not 0 <= v <= MAX_COUNT:
            return f"0〜{MAX_COUNT:,} の範囲で、おおよその件数を入力してください。"
        return None
    if spec.kind == CHOICE:
        if str(v) not in {c for c, _ in spec.choices}:
            return "紙・電子・紙と電子の両方 のいずれかを選んでください。" if key == "media" else \
                f"次から選んでください: {'、'.join(label for _, label in spec.choices)}"
        return None
    if spec.kind == BOOL:
        return None if isinstance(v, bool) else "「はい」か「いいえ」を選んでください。"
    return None


def _required_message(key: str) -> str:
    spec = SPECS[key]
    if spec.kind == REFERENCE:
        return "部門を選んでください。"
    if spec.kind == BOOL:
        return "「はい」か「いいえ」を選んでください。"
    if spec.kind == NUMBER:
        return "おおよその件数を数字で入力してください（例: 500）。"
    if key == "media":
        return "紙・電子・紙と電子の両方 のいずれかを選んでください。"
    return spec.required_message()


def problems(values: Mapping[str, Any], keys: Iterable[str] | None = None, *,
             missing_ok: bool = False) -> list[FieldProblem]:
    """The problems of the listed fields (all that apply when None), labelled from the fields
    table. `missing_ok` leaves out "required" ones (an entry saved as 要確認)."""
    keys = list(keys) if keys is not None else applicable(values)
    needed = set(missing(values))
    out: list[FieldProblem] = []
    for key in keys:
        if key not in SPECS:
            continue
        if is_empty(values.get(key)):
            if key in needed and not missing_ok and key not in DETAIL_OF.values():
                out.append(FieldProblem(SPECS[key].label, _required_message(key)))
            continue
        message = _problem(key, values)
        if message:
            out.append(FieldProblem(SPECS[key].label, message))
    if not missing_ok:
        for flag, (detail, message) in DETAILS.items():
            if detail in keys and detail in needed:
                out.append(FieldProblem(SPECS[detail].label, message))
    return out


def clean(values: Mapping[str, Any]) -> dict[str, Any]:
    """The stored form of entry values (only the entry's fields that are present)."""
    out: dict[str, Any] = {}
    for spec in ENTRY:
        if spec.key not in values:
            continue
        v = values[spec.key]
        if spec.kind == MULTI:
            out[spec.key] = as_list(v)
        elif spec.kind == BOOL:
            out[spec.key] = bool(v)
        elif isinstance(v, str):
            out[spec.key] = v.strip()
        else:
            out[spec.key] = v
    for key in ("sensitive_declared", "specific_declared"):
        if key in values:
            out[key] = values[key] if values[key] in ("yes", "no") else ""
    for flag, (detail, _) in DETAILS.items():
        if flag in out and not out[flag]:
            out[detail] = ""  # a detail without its "yes" would mislead the ledger
    if "items" in out:
        out["sensitive_items"] = sensitive_items_of(out)
    return out
