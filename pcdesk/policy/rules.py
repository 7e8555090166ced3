"""Pure decisions about a policy draft: what is missing, what disagrees with the inventory.

    missing_items(answers) -> [FieldProblem]        everything publishing still needs, by name
    format_problems(answers) -> [FieldProblem]      what cannot be saved at all (too long, not an e-mail…)
    inventory_gaps(answers, records) -> [Gap]       the notice against the 個人情報管理台帳
    purpose_groups(rows) -> [(本人の区分, [利用目的])]

`records` are pcdesk.capabilities.HeldRecord (from whichever feature provides them).
No database, no Qt, no files: callers pass in what the templates say.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

from pcdesk.errors import FieldProblem
from pcdesk.fields import BOOL, DATE, LONG_TEXT, NUMBER, TEXT
from pcdesk.policy.fields import FIELDS, SPECS, label, row_columns
from pcdesk.text import clean, is_email

RETAINED = "retained"  # HeldRecord.category of 保有個人データ
NOT_PERSONAL = "not_personal"  # statistics and the like: no one is identifiable, nothing to publish


def personal(records: Sequence[Any]) -> list[Any]:
    """The records that hold personal information at all."""
    return [r for r in records if r.category != NOT_PERSONAL]
MAX_ROWS = 300
SUBJECT_SEPARATORS = re.compile(r"[・、,，/／]+")
PHONE_RE = re.compile(r"^[0-9０-９+()（） -‐－]{6,30}$")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# 個人情報保護法第32条（施行令第10条）が本人の知り得る状態に置くよう求める事項 → the answers holding it.
ARTICLE_32: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("事業者の名称", ("company_name",)),
    ("住所", ("address",)),
    ("代表者の氏名", ("representative",)),
    ("保有個人データの利用目的", ("purposes",)),
    ("開示等の請求の受付先（苦情・相談の窓口）", ("contact_name",)),
    ("開示等の請求の方法", ("request_method",)),
    ("本人確認の方法", ("identity_check",)),
    ("開示等の手数料", ("fee_amount",)),
    ("基本方針の策定", ("security_basic",)),
    ("個人データの取扱いに係る規律の整備", ("security_rules",)),
    ("組織的安全管理措置", ("security_organizational",)),
    ("人的安全管理措置", ("security_human",)),
    ("物理的安全管理措置", ("security_physical",)),
    ("技術的安全管理措置", ("security_technical",)),
    ("苦情の申出先の連絡先", ("contact_phone", "contact_email")),
)
ALWAYS_REQUIRED = ("company_name", "address", "representative", "philosophy", "established_on", "contact_name",
                   "request_method", "identity_check", "fee_amount", "security_basic", "security_rules",
                   "security_organizational", "security_human", "security_physical", "security_technical")
# Required only when the section applies (the flag is on).
SECTION_REQUIRED: dict[str, tuple[str, ...]] = {
    "joint_use": ("joint_items", "joint_scope", "joint_purpose", "joint_manager", "joint_manager_address",
                  "joint_manager_representative"),
    "third_party": ("third_party_details",),
    "consignment": ("consignment_details",),
    "abroad": ("security_environment",),
    "cookies": ("cookie_tools", "cookie_purpose", "cookie_optout"),
    "sensitive": ("sensitive_details",),
    "specific": ("specific_uses",),
    "association_member": ("association_name", "association_contact"),
}
CONTACT_MEANS = "窓口の電話番号またはメールアドレス"


def is_empty(value: Any) -> bool:
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


# -- cleaning what was typed ----------------------------------------------------------------

def _clean_text(value: Any, multiline: bool) -> str:
    """Control characters dropped; each line trimmed (全角英数 → 半角 as everywhere in pcdesk);
    a one-line field keeps one line, a long text drops its empty lines."""
    if value is None:
        return ""
    text = CONTROL.sub("", str(value)).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    lines = [re.sub(r" {2,}", " ", clean(line)) for line in text.split("\n")]
    if multiline:
        return "\n".join(line for line in lines if line)
    return " ".join(line for line in lines if line)


def _clean_rows(key: str, rows: Any) -> list[dict[str, str]]:
    columns = [c for c, _ in row_columns(key)]
    out = []
    for row in rows if isinstance(rows, (list, tuple)) else []:
        if not isinstance(row, Mapping):
            continue
        cleaned = {c: _clean_text(row.get(c), multiline=(c != "subject" and c != "country")) for c in columns}
        if any(cleaned.values()):
            out.append(cleaned)
    return out


def clean_answers(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers as they will be stored: texts trimmed, control characters gone, types fixed.
    A value that cannot be read as its type is kept as typed, for format_problems to explain."""
    out: dict[str, Any] = {}
    for spec in FIELDS:
        value = answers.get(spec.key)
        if spec.extra.get("rows"):
            out[spec.key] = _clean_rows(spec.key, value)
        elif spec.kind == BOOL:
            out[spec.key] = bool(value)
        elif spec.kind == NUMBER:
            out[spec.key] = _number(value)
        elif spec.kind == DATE:
            out[spec.key] = _date(value)
        else:
            out[spec.key] = _clean_text(value, multiline=spec.kind == LONG_TEXT)
    if out.get("contact_email"):
        out["contact_email"] = unicodedata.normalize("NFKC", out["contact_email"]).replace(" ", "")
    return out


def _number(value: Any) -> Any:
    if value is None or isinstance(value, bool) or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, int):
        return value
    text = unicodedata.normalize("NFKC", str(value)).replace(",", "").replace("円", "").strip()
    return int(text) if text.isdigit() else str(value)


def _date(value: Any) -> Any:
    if value is None or isinstance(value, dt.date) or (isinstance(value, str) and not value.strip()):
        return value or None
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        from pcdesk.dates import parse_date

        try:
            return parse_date(str(value))
        except ValueError:
            return str(value)


# -- what cannot be saved, what cannot be published -------------------------------------------

def format_problems(answers: Mapping[str, Any]) -> list[FieldProblem]:
    """Problems that stop even a draft from being saved (lengths, types, formats)."""
    problems: list[FieldProblem] = []
    for spec in FIELDS:
        value = answers.get(spec.key)
        if is_empty(value):
            continue
        if spec.extra.get("rows"):
            if len(value) > MAX_ROWS:
                problems.append(FieldProblem(spec.label, f"{MAX_ROWS}行以内にしてください（いまは{len(value)}行です）。"))
            for i, row in enumerate(value[:MAX_ROWS], 1):
                for column, heading in row_columns(spec.key):
                    if len(row.get(column, "")) > 1000:
                        problems.append(FieldProblem(f"{spec.label}（{i}行目の{heading}）", "1000文字以内にしてください。"))
            continue
        if spec.kind in (TEXT, LONG_TEXT) and spec.max_length and len(str(value)) > spec.max_length:
            problems.append(FieldProblem(spec.label, f"{spec.max_length}文字以内にしてください（いまは{len(str(value))}文字です）。"))
        if spec.kind == NUMBER:
            if not isinstance(value, int):
                problems.append(FieldProblem(spec.label, f"数で入力してください（例: {spec.example or '1000'}）。"))
            elif spec.minimum is not None and value < spec.minimum or spec.maximum is not None and value > spec.maximum:
                problems.append(FieldProblem(spec.label, f"{spec.minimum:,g}〜{spec.maximum:,g}の数にしてください。"))
        if spec.kind == DATE and not isinstance(value, dt.date):
            problems.append(FieldProblem(spec.label, "日付として読めません（例: 2026年4月1日）。"))
    email = answers.get("contact_email")
    if email and not is_email(str(email)):
        problems.append(FieldProblem(label("contact_email"), "メールアドレスの形式ではありません（例: privacy@example.co.jp）。"))
    phone = answers.get("contact_phone")
    if phone and not PHONE_RE.match(str(phone)):
        problems.append(FieldProblem(label("contact_phone"), "数字とハイフンで入力してください（例: 03-1234-5678）。"))
    return problems


def _section_on(answers: Mapping[str, Any], flag: str) -> bool:
    return bool(answers.get(flag))


def missing_items(answers: Mapping[str, Any]) -> list[FieldProblem]:
    """Every item publishing needs that is still empty, named as the wizard names it."""
    problems: list[FieldProblem] = []
    wanted = list(ALWAYS_REQUIRED)
    for flag, keys in SECTION_REQUIRED.items():
        if _section_on(answers, flag):
            wanted += keys
    for key in wanted:
        if is_empty(answers.get(key)):
            spec = SPECS[key]
            if spec.kind == NUMBER:
                message = "数を入力してください（無料なら 0）。"
            elif spec.kind == DATE:
                message = "日付を入力してください。"
            else:
                message = f"入力してください（例: {spec.example}）。" if spec.example else "入力してください。"
            problems.append(FieldProblem(spec.label, message))
    fee = answers.get("fee_amount")
    if isinstance(fee, int) and fee > 0 and is_empty(answers.get("fee_method")):
        problems.append(FieldProblem(label("fee_method"), "手数料をいただくときは、支払方法を書いてください"
                                                          f"（例: {SPECS['fee_method'].example}）。"))
    if is_empty(answers.get("contact_phone")) and is_empty(answers.get("contact_email")):
        problems.append(FieldProblem(CONTACT_MEANS, "苦情の申出先として、電話番号かメールアドレスの少なくとも一方を入力してください。"))
    problems += _row_problems(answers)
    return problems


def _row_problems(answers: Mapping[str, Any]) -> list[FieldProblem]:
    problems = []
    purposes = answers.get("purposes") or []
    if not purposes:
        problems.append(FieldProblem(label("purposes"), "本人の区分ごとに、利用目的を1つ以上入力してください"
                                                        "（「台帳から読み込む」で個人情報管理台帳から入ります）。"))
    for i, row in enumerate(purposes, 1):
        for column, heading in row_columns("purposes"):
            if is_empty(row.get(column)):
                problems.append(FieldProblem(f"{label('purposes')}（{i}行目の{heading}）", "入力するか、行を削除してください。"))
    if _section_on(answers, "abroad"):
        countries = answers.get("abroad_countries") or []
        if not countries:
            problems.append(FieldProblem(label("abroad_countries"), "提供先の国を1つ以上、その国の制度と提供先の措置とともに入力してください。"))
        for i, row in enumerate(countries, 1):
            for column, heading in row_columns("abroad_countries"):
                if is_empty(row.get(column)):
                    where = row.get("country") or f"{i}行目"
                    problems.append(FieldProblem(f"{label('abroad_countries')}（{where}の{heading}）", "入力してください。"))
    return problems


# -- purposes -------------------------------------------------------------------------------

def normalise_purpose(text: Any) -> str:
    """For comparing purposes: 全角/半角 folded, spaces gone, a closing 。 ignored."""
    folded = unicodedata.normalize("NFKC", str(text or ""))
    return "".join(folded.split()).rstrip("。.")


def subject_of(record: Any) -> str:
    return "・".join(record.subject_kinds) if record.subject_kinds else "その他の方"


def subject_title(subject: str, titles: Mapping[str, str]) -> str:
    """「顧客・問い合わせ者」 → 「お客様・お問い合わせいただいた方」 by the titles table."""
    parts = [p for p in SUBJECT_SEPARATORS.split(subject) if p]
    return "・".join(titles.get(p, p) for p in parts) or subject


def purpose_groups(rows: Iterable[Mapping[str, str]]) -> list[tuple[str, list[str]]]:
    """Rows (本人の区分, 利用目的) grouped by 本人の区分 in order of first appearance;
    a purpose is listed once per group."""
    groups: dict[str, list[str]] = {}
    seen: dict[str, set[str]] = {}
    for row in rows:
        subject, purpose = (row.get("subject") or "").strip(), (row.get("purpose") or "").strip()
        if not subject or not purpose:
            continue
        key = normalise_purpose(purpose)
        if key in seen.setdefault(subject, set()):
            continue
        seen[subject].add(key)
        groups.setdefault(subject, []).append(purpose)
    return list(groups.items())


def purpose_rows_from_records(records: Sequence[Any]) -> list[dict[str, str]]:
    """Every 保有個人データ's purpose as a notice row, in 管理番号 order, without repeats."""
    rows, seen = [], set()
    for r in records:
        if r.category != RETAINED or not (r.purpose or "").strip():
            continue
        key = (subject_of(r), normalise_purpose(r.purpose))
        if key not in seen:
            seen.add(key)
            rows.append({"subject": subject_of(r), "purpose": r.purpose.strip()})
    return rows


# -- the notice against the inventory ---------------------------------------------------------

@dataclass(frozen=True)
class Gap:
    """One way the notice disagrees with the 個人情報管理台帳, as the wizard warns it."""

    kind: str  # missing_purpose | unused_purpose | no_purpose | missing_section | section_unused
    text: str
    record: str = ""  # 管理番号 of the ledger entry concerned


SECTIONS_FROM_RECORDS = (
    ("joint_use", "joint_use", "共同利用している"),
    ("consignment", "consigned", "取扱いを委託している"),
    ("third_party", "third_party", "第三者に提供している"),
    ("sensitive", "sensitive", "要配慮個人情報を含む"),
    ("specific", "specific", "特定個人情報（マイナンバー）を含む"),
)
# Sections whose claim is checked the other way too (the notice says so, no entry does).
CLAIMS = ("joint_use", "consignment", "third_party")


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def inventory_gaps(answers: Mapping[str, Any], records: Sequence[Any]) -> list[Gap]:
    records = personal(records)
    gaps: list[Gap] = []
    stated = {normalise_purpose(r.get("purpose")) for r in answers.get("purposes") or [] if r.get("purpose")}
    used = {normalise_purpose(r.purpose) for r in records if (r.purpose or "").strip()}
    for r in records:
        if r.category != RETAINED:
            continue
        title = f"{r.number} {r.name}"
        if not (r.purpose or "").strip():
            gaps.append(Gap("no_purpose", f"台帳の「{title}」（保有個人データ）に利用目的が書かれていません。台帳で利用目的を入力してください。",
                            r.number))
        elif normalise_purpose(r.purpose) not in stated:
            gaps.append(Gap("missing_purpose", f"台帳の「{title}」の利用目的「{_short(r.purpose)}」が公表文にありません。", r.number))
    for row in answers.get("purposes") or []:
        purpose = row.get("purpose") or ""
        if purpose and normalise_purpose(purpose) not in used:
            gaps.append(Gap("unused_purpose", f"公表文の利用目的「{_short(purpose)}」は、台帳のどの項目の利用目的にもありません。"))
    for flag, attribute, wording in SECTIONS_FROM_RECORDS:
        holders = [r for r in records if getattr(r, attribute)]
        section = label(flag)
        if holders and not answers.get(flag):
            names = "、".join(f"{r.number} {r.name}" for r in holders[:3]) + (" ほか" if len(holders) > 3 else "")
            gaps.append(Gap("missing_section", f"台帳には{wording}項目（{names}）がありますが、公表文に「{section}」の条項がありません。",
                            holders[0].number))
        if flag in CLAIMS and answers.get(flag) and records and not holders:
            gaps.append(Gap("section_unused", f"公表文に「{section}」の条項がありますが、台帳に{wording}項目がありません。"))
    return gaps


# -- defaults from the risk analysis ------------------------------------------------------------

MEASURE_GROUP_KEYS = {"組織的": "organizational", "人的": "human", "物理的": "physical", "技術的": "technical"}


def measure_group(measure: str, record_groups: Sequence[str], mapping: Mapping[str, Any]) -> str:
    """Which 安全管理措置 category a risk-analysis measure belongs to: the table's word for it,
    else the record's only group, else a keyword, else 組織的."""
    labels = mapping.get("labels", {})
    if measure in labels:
        return str(labels[measure])
    groups = [MEASURE_GROUP_KEYS[g] for g in record_groups if g in MEASURE_GROUP_KEYS]
    if len(set(groups)) == 1:
        return groups[0]
    for group, words in mapping.get("keywords", {}).items():
        if any(w in measure for w in words):
            return str(group)
    return "organizational"


def measures_by_group(records: Sequence[Any], mapping: Mapping[str, Any]) -> dict[str, list[str]]:
    """{category: [measure, …]} of every measure recorded in the risk analysis, each once."""
    omit = set(mapping.get("omit", []))
    found: dict[str, list[str]] = {}
    for r in personal(records):
        for m in r.measures:
            if m in omit:
                continue
            group = measure_group(m, r.measure_groups, mapping)
            if m not in found.setdefault(group, []):
                found[group].append(m)
    return found
