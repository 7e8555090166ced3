"""Policy versions: drafting, publishing, reading, comparing; the home page and the compliance check.

Roles: reading needs 管理者・担当者・承認者; drafting needs 管理者 or 担当者; publishing and
discarding a draft need 管理者 (the 個人情報保護管理者 publishes the policy).

    start_draft(ws) -> PolicyVersion                the open draft, or a new one from the last version
    save_draft(ws, version_id, answers) -> PolicyVersion
    publish(ws, version_id, note="", on=None)       refused, naming every missing item, while one is empty
    discard_draft(ws, version_id)
    list_versions / get_version / published_version / draft_version
    document_of(version, kind) / printable_of(ws, version, kind)   frozen text of a published version
    compare_versions(ws, a_id, b_id) -> [ClauseChange]
    inventory_gaps_of(ws, version) -> [Gap]         the notice against the 個人情報管理台帳 today
    policy_attention(ws) / compliance_findings(ws)

The inventory is read through the HELD_RECORDS capability, never imported.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Mapping

from sqlalchemy import func, select

from pcdesk import registry
from pcdesk.capabilities import HELD_RECORDS
from pcdesk.clock import now, today
from pcdesk.errors import FieldProblem, NotFound, ValidationError
from pcdesk.feature import Attention, Finding
from pcdesk.policy.compare import ClauseChange, change_summary, compare_documents
from pcdesk.policy.document import KINDS, NOTICE, POLICY, Document, Printable, build_document, printable
from pcdesk.policy.drafting import first_draft
from pcdesk.policy.model import DRAFT, PUBLISHED, PolicyVersion
from pcdesk.policy.rules import Gap, clean_answers, format_problems, inventory_gaps, missing_items
from pcdesk.services import ADMIN, APPROVER, STAFF, Workspace
from pcdesk.settings import load_settings

READERS = (ADMIN, STAFF, APPROVER)
EDITORS = (ADMIN, STAFF)
PAGE = "policy"
MAX_NOTE = 200
# Gaps that make the published notice untrue (an unused purpose only makes it longer).
SERIOUS = ("missing_purpose", "no_purpose", "missing_section")


# -- what other parts hold ----------------------------------------------------------------

def held_records(ws: Workspace) -> list:
    """The personal information the company holds, from whichever feature provides it."""
    found = []
    for provide in registry.provided(HELD_RECORDS):
        found.extend(provide(ws))
    return found


def company_values(ws: Workspace) -> dict[str, str]:
    from pcdesk.company.model import COMPANY_FIELDS
    from pcdesk.company.service import get_company

    company = get_company(ws)
    return {key: (getattr(company, key, "") or "") if company else "" for key in COMPANY_FIELDS}


# -- stored answers ---------------------------------------------------------------------------

def to_stored(answers: Mapping[str, Any]) -> dict[str, Any]:
    """JSON-ready: dates as ISO text (clean_answers reads them back)."""
    return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in answers.items()}


def answers_of(version: PolicyVersion) -> dict[str, Any]:
    return clean_answers(version.answers or {})


# -- reading ----------------------------------------------------------------------------------

def list_versions(ws: Workspace) -> list[PolicyVersion]:
    ws.require(*READERS)
    with ws.read() as s:
        return list(s.scalars(select(PolicyVersion).order_by(PolicyVersion.number)))


def get_version(ws: Workspace, version_id: int) -> PolicyVersion:
    ws.require(*READERS)
    with ws.read() as s:
        version = s.get(PolicyVersion, version_id)
    if version is None:
        raise NotFound("その版は見つかりません。画面を更新してください。")
    return version


def version_by_number(ws: Workspace, number: int) -> PolicyVersion:
    ws.require(*READERS)
    with ws.read() as s:
        version = s.scalar(select(PolicyVersion).where(PolicyVersion.number == number))
    if version is None:
        known = "、".join(v.label for v in list_versions(ws)) or "（まだありません）"
        raise ValidationError.single("版", f"第{number}版はありません。次から選んでください: {known}")
    return version


def published_version(ws: Workspace) -> PolicyVersion | None:
    """The version in force: the last one published."""
    ws.require(*READERS)
    with ws.read() as s:
        return s.scalar(select(PolicyVersion).where(PolicyVersion.status == PUBLISHED)
                        .order_by(PolicyVersion.number.desc()).limit(1))


def draft_version(ws: Workspace) -> PolicyVersion | None:
    ws.require(*READERS)
    with ws.read() as s:
        return s.scalar(select(PolicyVersion).where(PolicyVersion.status == DRAFT).limit(1))


def document_of(version: PolicyVersion, kind: str) -> Document:
    """A published version's frozen text; a draft's text as the templates make it now."""
    if kind not in KINDS:
        raise ValueError(kind)
    stored = version.policy_document if kind == POLICY else version.notice_document
    if version.status == PUBLISHED and stored:
        return Document.from_json(stored)
    return build_document(kind, answers_of(version))


def history_of(ws: Workspace, version: PolicyVersion, kind: str) -> list[tuple[dt.date, str]]:
    """The 改定履歴 printed with `version` of one document: its 制定日, then every published
    version up to this one in which this document changed."""
    with ws.read() as s:
        published = list(s.scalars(select(PolicyVersion).where(PolicyVersion.status == PUBLISHED,
                                                               PolicyVersion.number <= version.number)
                                   .order_by(PolicyVersion.number)))
    answers = answers_of(version)
    first_label = document_of(version, kind).history_first
    established = answers.get("established_on")
    if not isinstance(established, dt.date):
        established = published[0].published_on if published else None
    rows: list[tuple[dt.date, str]] = [(established, first_label)] if established else []
    previous = None
    for i, v in enumerate(published):
        doc = document_of(v, kind).to_json()
        if i == 0:
            if v.published_on != established and v.note and v.note != first_label:
                rows.append((v.published_on, v.note))
        elif doc != previous:
            rows.append((v.published_on, v.note or "改定"))
        previous = doc
    return rows


def printable_of(ws: Workspace, version: PolicyVersion, kind: str) -> Printable:
    style = load_settings(ws).date_style
    return printable(document_of(version, kind), answers_of(version), history_of(ws, version, kind), style,
                     version.label, draft=version.is_draft)


def compare_versions(ws: Workspace, before_id: int, after_id: int) -> list[ClauseChange]:
    """Both documents of two versions lined up clause by clause (方針 first, then 取扱い)."""
    before, after = get_version(ws, before_id), get_version(ws, after_id)
    out: list[ClauseChange] = []
    for kind in (POLICY, NOTICE):
        out += compare_documents(document_of(before, kind), document_of(after, kind))
    return out


def inventory_gaps_of(ws: Workspace, version: PolicyVersion | None) -> list[Gap]:
    if version is None:
        return []
    return inventory_gaps(answers_of(version), held_records(ws))


# -- drafting ---------------------------------------------------------------------------------

def _last(s) -> PolicyVersion | None:
    return s.scalar(select(PolicyVersion).order_by(PolicyVersion.number.desc()).limit(1))


def start_draft(ws: Workspace) -> PolicyVersion:
    """The open draft; else a new one starting from the last published version (or, for the
    first policy, from the company profile, the inventory and its risk analysis)."""
    actor = ws.require(*EDITORS)
    existing = draft_version(ws)
    if existing is not None:
        return existing
    base = published_version(ws)
    answers = answers_of(base) if base else first_draft(company_values(ws), held_records(ws), today())
    with ws.write() as s:
        # Checked again inside the unit of work: two people pressing 「改定」 at once make one draft.
        raced = s.scalar(select(PolicyVersion).where(PolicyVersion.status == DRAFT).limit(1))
        if raced is not None:
            return raced
        last = _last(s)
        moment = now()
        version = PolicyVersion(number=(last.number + 1) if last else 1, status=DRAFT, answers=to_stored(answers),
                                note="", created_by=actor.name, created_by_id=actor.user_id,
                                created_at=moment, updated_at=moment)
        s.add(version)
        s.flush()
    return version


def _draft(s, version_id: int) -> PolicyVersion:
    version = s.get(PolicyVersion, version_id)
    if version is None:
        raise NotFound("その下書きは見つかりません。画面を更新してください。")
    if not version.is_draft:
        raise ValidationError.single("版", f"{version.label}は公表済みのため変更できません。"
                                          "「改定」で新しい下書きを作ってください。")
    return version


def save_draft(ws: Workspace, version_id: int, answers: Mapping[str, Any]) -> PolicyVersion:
    """Keep what the wizard holds; a draft may still lack items (publishing checks those)."""
    ws.require(*EDITORS)
    cleaned = clean_answers(answers)
    problems = format_problems(cleaned)
    if problems:
        raise ValidationError(problems)
    with ws.write() as s:
        version = _draft(s, version_id)
        version.answers = to_stored(cleaned)
        version.updated_at = now()
    return version


def discard_draft(ws: Workspace, version_id: int) -> None:
    ws.require(ADMIN)
    with ws.write() as s:
        s.delete(_draft(s, version_id))


def publish(ws: Workspace, version_id: int, note: str = "", on: dt.date | None = None) -> PolicyVersion:
    """Freeze the draft as the version in force from `on` (today by default).

    Refused — nothing written — while a required item is empty (every one is named), when
    the date is before the last version's or in the future, or when nothing changed."""
    actor = ws.require(ADMIN)
    on = on or today()
    note = " ".join((note or "").split())
    with ws.read() as s:
        version = _draft(s, version_id)
        previous = s.scalar(select(PolicyVersion).where(PolicyVersion.status == PUBLISHED)
                            .order_by(PolicyVersion.number.desc()).limit(1))
    answers = answers_of(version)
    problems = format_problems(answers) + missing_items(answers)
    if on > today():
        problems.append(FieldProblem("公表日", "今日より後の日付では公表できません。公表する日に公表してください。"))
    if previous is not None and previous.published_on and on < previous.published_on:
        problems.append(FieldProblem("公表日", f"前の版（{previous.label}）の公表日より前にはできません。"))
    established = answers.get("established_on")
    if previous is None and isinstance(established, dt.date) and established > on:
        problems.append(FieldProblem("制定日", "公表日より後になっています。制定日を公表日以前にしてください。"))
    if len(note) > MAX_NOTE:
        problems.append(FieldProblem("改定内容", f"{MAX_NOTE}文字以内にしてください（いまは{len(note)}文字です）。"))
    if problems:
        raise ValidationError(problems)
    policy_doc, notice_doc = build_document(POLICY, answers), build_document(NOTICE, answers)
    if previous is not None:
        changes = (compare_documents(document_of(previous, POLICY), policy_doc)
                   + compare_documents(document_of(previous, NOTICE), notice_doc))
        if not any(c.changed for c in changes):
            raise ValidationError.single("内容", f"{previous.label}と同じ内容です。変更してから公表してください。")
        note = note or change_summary(changes)
    else:
        note = note or ("制定" if established in (None, on) else "改定")
    with ws.write() as s:
        version = _draft(s, version_id)
        version.policy_document = policy_doc.to_json()
        version.notice_document = notice_doc.to_json()
        version.status = PUBLISHED
        version.published_on = on
        version.published_by, version.published_by_id = actor.name, actor.user_id
        version.note = note
        version.updated_at = now()
    return version


# -- home page and compliance check ----------------------------------------------------------

def _may_read(ws: Workspace) -> bool:
    return ws.actor is not None and any(ws.actor.has(r) for r in READERS)


def company_changes(ws: Workspace, version: PolicyVersion) -> list[str]:
    """Labels of the company facts the published notice states that the profile now says otherwise."""
    answers, company = answers_of(version), company_values(ws)
    pairs = (("company_name", "name", "社名"), ("address", "address", "所在地"), ("representative", "representative", "代表者"))
    return [label for key, attribute, label in pairs
            if company.get(attribute) and " ".join(str(answers.get(key) or "").split())
            != " ".join(company[attribute].split())]


def policy_attention(ws: Workspace) -> list[Attention]:
    if not _may_read(ws):
        return []  # the reception kiosk hears nothing of it
    published, draft = published_version(ws), draft_version(ws)
    items = []
    if published is None:
        tail = f"下書き（{draft.label}）を仕上げて公表してください。" if draft else "「プライバシーポリシー」で作成してください。"
        items.append(Attention(f"個人情報保護方針と「個人情報の取扱いについて」がまだ公表されていません。{tail}",
                               "danger", PAGE, 1, focus="publish"))
        return items
    serious = [g for g in inventory_gaps_of(ws, published) if g.kind in SERIOUS]
    if serious:
        items.append(Attention(f"公表中の「個人情報の取扱いについて」が個人情報管理台帳と合っていません（{len(serious)} 件）。"
                               "改定してください。", "warning", PAGE, len(serious), focus="gaps"))
    changed = company_changes(ws, published)
    if changed:
        items.append(Attention(f"会社情報の{'・'.join(changed)}が、公表中のプライバシーポリシーと違います。改定してください。",
                               "warning", PAGE, len(changed), focus="gaps"))
    if not serious and not changed:  # a state worth seeing: the notice is true to the ledger
        from pcdesk.dates import format_date

        day = format_date(published.published_on, load_settings(ws).date_style)
        items.append(Attention(f"プライバシーポリシー: {published.label}（{day}公表）を公表中。個人情報管理台帳と合っています。",
                               "ok", PAGE, focus="published"))
    if draft is not None:
        items.append(Attention(f"プライバシーポリシーの下書き（{draft.label}）があります。仕上げて公表してください。",
                               "info", PAGE, 1, focus="draft"))
    return items


FIXES = {
    "missing_purpose": "プライバシーポリシー → 改定 → 利用目的（「台帳から読み込む」）",
    "unused_purpose": "プライバシーポリシー → 改定 → 利用目的から外すか、個人情報管理台帳に登録",
    "no_purpose": "個人情報管理台帳 → 編集 → 利用目的",
    "missing_section": "プライバシーポリシー → 改定 → 該当する事項",
    "section_unused": "プライバシーポリシー → 改定 → 該当する事項（または個人情報管理台帳を確認）",
}


def compliance_findings(ws: Workspace) -> list[Finding]:
    """Every 保有個人データ purpose must be in the published notice (APPI art. 32), and the
    notice's 共同利用・委託・第三者提供 must match the ledger."""
    ws.require(*READERS)
    published = published_version(ws)
    if published is None:
        return [Finding("個人情報保護方針と「個人情報の取扱いについて」が公表されていません。",
                        "プライバシーポリシー → 下書きを作成 → 公表", PAGE)]
    return [Finding(g.text, FIXES[g.kind], "inventory" if g.kind == "no_purpose" else PAGE)
            for g in inventory_gaps_of(ws, published)]


def version_count(ws: Workspace) -> int:
    with ws.read() as s:
        return s.scalar(select(func.count()).select_from(PolicyVersion)) or 0
