"""The register of what may be taken out (持出し資産台帳): PCs, registered USB memory, disks,
phones, paper files — with their encryption, who keeps them, and where they are.

Roles: everyone in the office reads it (an applicant chooses from it); 管理者・担当者 add
and change assets and report a loss; only a 管理者 records 廃棄. Whether an asset is
持出中 is set by the take-out and its return, never by hand.

    list_assets(ws, AssetFilter(...)) / get_asset(ws, id) / asset_facts(asset)
    create_asset(ws, values) / update_asset(ws, id, values)
    report_lost(ws, id, reason) / dispose_asset(ws, id, reason) / mark_found(ws, id, reason)
    suggest_number(ws, kind)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcdesk.company.model import Department
from pcdesk.dates import format_date, now, today
from pcdesk.errors import FieldProblem, NotFound, ValidationError
from pcdesk.fields import by_key, check
from pcdesk.services import ADMIN, APPROVER, STAFF, Workspace
from pcdesk.takeout.fields import (ASSET_FIELDS, ASSET_KINDS, ASSET_STATUSES, DISPOSED, ELECTRONIC, IN_OFFICE, LOST,
                                   NUMBER_PREFIXES, OUT, PAPER, label)
from pcdesk.takeout.model import TakeoutAsset
from pcdesk.takeout.rules import AssetFacts
from pcdesk.text import clean, clean_code

READERS = (ADMIN, STAFF, APPROVER)
EDITORS = (ADMIN, STAFF)
FIELD = by_key(ASSET_FIELDS)
EDITABLE = ("number", "kind", "model", "serial", "encrypted", "encryption_method", "department_id", "owner", "notes")


@dataclass
class AssetFilter:
    kind: str | None = None
    status: str | None = None
    include_disposed: bool = False
    unencrypted: bool = False  # only electronic media without encryption
    text: str = ""  # part of 資産番号, 機種, 製造番号 or 使用者


def department_names(ws: Workspace) -> dict[int, str]:
    with ws.read() as s:
        return {d.id: d.name for d in s.scalars(select(Department))}


def list_assets(ws: Workspace, filt: AssetFilter | None = None) -> list[TakeoutAsset]:
    ws.require(*READERS)
    f = filt or AssetFilter()
    q = select(TakeoutAsset).order_by(TakeoutAsset.number)
    if f.kind:
        q = q.where(TakeoutAsset.kind == f.kind)
    if f.status:
        q = q.where(TakeoutAsset.status == f.status)
    elif not f.include_disposed:
        q = q.where(TakeoutAsset.status != DISPOSED)
    if f.unencrypted:
        q = q.where(TakeoutAsset.encrypted.is_(False), TakeoutAsset.kind.in_(sorted(ELECTRONIC)))
    with ws.read() as s:
        found = list(s.scalars(q))
    text = f.text.strip()
    if text:
        found = [a for a in found if any(text.lower() in v.lower() for v in (a.number, a.model, a.serial, a.owner))]
    return found


def get_asset(ws: Workspace, asset_id: int) -> TakeoutAsset:
    ws.require(*READERS)
    with ws.read() as s:
        asset = s.get(TakeoutAsset, asset_id)
    if asset is None:
        raise NotFound("資産が見つかりません。画面を更新してください。")
    return asset


def asset_facts(asset: TakeoutAsset, out_with: str = "") -> AssetFacts:
    return AssetFacts(asset.id, asset.number, asset.kind, asset.encrypted, asset.status, out_with)


def describe_encryption(asset: TakeoutAsset) -> str:
    """「あり（BitLocker）」, 「なし」, or 「対象外」 for paper."""
    if asset.kind == PAPER:
        return "対象外"
    if asset.encrypted:
        return f"あり（{asset.encryption_method}）" if asset.encryption_method else "あり"
    return "なし"


def suggest_number(ws: Workspace, kind: str) -> str:
    """The next free 資産番号 for the kind: PC-004 after PC-003."""
    prefix = NUMBER_PREFIXES.get(kind, "AS")
    pattern = re.compile(rf"^{re.escape(prefix)}-(\d+)$")
    with ws.read() as s:
        numbers = list(s.scalars(select(TakeoutAsset.number).where(TakeoutAsset.number.like(f"{prefix}-%"))))
    highest = max((int(m.group(1)) for n in numbers if (m := pattern.match(n))), default=0)
    return f"{prefix}-{highest + 1:03d}"


def _cleaned(values: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key not in EDITABLE:
            continue
        if key == "number":
            out[key] = clean_code(value).upper()
        elif key == "encrypted":
            out[key] = bool(value)
        elif key == "department_id":
            out[key] = value if isinstance(value, int) else None
        elif key == "notes":
            out[key] = (value or "").strip()
        else:
            out[key] = clean(value)
    return out


def _problems(s: Session, values: dict[str, Any], asset_id: int | None) -> list[FieldProblem]:
    problems = check(ASSET_FIELDS, values)
    number = values.get("number") or ""
    if number and not re.fullmatch(r"[A-Z0-9][A-Z0-9._/-]*", number):
        problems.append(FieldProblem(FIELD["number"].label, "英数字と - . _ / で書いてください（例: PC-001）。"))
    clash = s.scalar(select(TakeoutAsset.id).where(TakeoutAsset.number == number)) if number else None
    if clash is not None and clash != asset_id:
        problems.append(FieldProblem(FIELD["number"].label, f"「{number}」はほかの資産に使われています。別の番号にしてください。"))
    if values.get("kind") == PAPER and values.get("encrypted"):
        problems.append(FieldProblem(FIELD["encrypted"].label, "紙の書類は暗号化できません。「なし」にしてください。"))
    if values.get("encrypted") and not values.get("encryption_method"):
        problems.append(FieldProblem(FIELD["encryption_method"].label, f"入力してください（{FIELD['encryption_method'].example}）。"))
    dept = values.get("department_id")
    if dept is not None and s.get(Department, dept) is None:
        problems.append(FieldProblem(FIELD["department_id"].label, "部門が見つかりません。選び直してください。"))
    if dept is None and not values.get("owner"):
        problems.append(FieldProblem(FIELD["department_id"].label, "管理部門か使用者のどちらかを入れてください。"))
    return problems


def create_asset(ws: Workspace, values: Mapping[str, Any]) -> TakeoutAsset:
    ws.require(*EDITORS)
    cleaned = {"model": "", "serial": "", "encrypted": False, "encryption_method": "", "owner": "", "notes": "",
               "department_id": None, **_cleaned(values)}
    if not cleaned.get("number") and cleaned.get("kind") in NUMBER_PREFIXES:
        cleaned["number"] = suggest_number(ws, cleaned["kind"])
    if not cleaned["encrypted"]:
        cleaned["encryption_method"] = ""
    with ws.write() as s:
        problems = _problems(s, cleaned, None)
        if problems:
            raise ValidationError(problems)
        stamp = now()
        asset = TakeoutAsset(status=IN_OFFICE, created_at=stamp, updated_at=stamp, **cleaned)
        s.add(asset)
        s.flush()
    return asset


def update_asset(ws: Workspace, asset_id: int, values: Mapping[str, Any]) -> TakeoutAsset:
    ws.require(*EDITORS)
    with ws.write() as s:
        asset = s.get(TakeoutAsset, asset_id)
        if asset is None:
            raise NotFound("資産が見つかりません。画面を更新してください。")
        merged = {k: getattr(asset, k) for k in EDITABLE}
        merged.update(_cleaned(values))
        if not merged["encrypted"]:
            merged["encryption_method"] = ""
        problems = _problems(s, merged, asset.id)
        if asset.status == OUT and merged["encrypted"] is False and asset.encrypted:
            problems.append(FieldProblem(FIELD["encrypted"].label, "持出中の資産の暗号化は「なし」にできません。返却後に直してください。"))
        if problems:
            raise ValidationError(problems)
        changed = False
        for key, value in merged.items():
            if getattr(asset, key) != value:
                setattr(asset, key, value)
                changed = True
        if changed:
            asset.updated_at = now()
    return asset


def _set_status(ws: Workspace, asset_id: int, status: str, reason: str, allowed_from: tuple[str, ...]) -> TakeoutAsset:
    what = label(ASSET_STATUSES, status)
    text = (reason or "").strip()
    if not text:
        raise ValidationError.single(f"{what}の理由", "入力してください（例: 2026年11月20日、客先からの帰りに紛失）。"
                                     if status == LOST else "入力してください。")
    with ws.write() as s:
        asset = s.get(TakeoutAsset, asset_id)
        if asset is None:
            raise NotFound("資産が見つかりません。画面を更新してください。")
        if asset.status not in allowed_from:
            raise ValidationError.single(FIELD["status"].label, f"{asset.number} は「{label(ASSET_STATUSES, asset.status)}」"
                                         f"のため、{what}にできません。" + ("持出中の資産は、返却の確認で紛失を記録します。"
                                                                        if asset.status == OUT else ""))
        asset.status = status
        note = f"{format_date(today())} {what}: {text}"
        asset.notes = f"{asset.notes}\n{note}".strip()[:1000]
        asset.updated_at = now()
    return asset


def report_lost(ws: Workspace, asset_id: int, reason: str) -> TakeoutAsset:
    """紛失: found missing in the office (a loss while out is recorded by the return)."""
    ws.require(*EDITORS)
    return _set_status(ws, asset_id, LOST, reason, (IN_OFFICE,))


def dispose_asset(ws: Workspace, asset_id: int, reason: str) -> TakeoutAsset:
    ws.require(ADMIN)
    return _set_status(ws, asset_id, DISPOSED, reason, (IN_OFFICE, LOST))


def mark_found(ws: Workspace, asset_id: int, reason: str) -> TakeoutAsset:
    """A lost asset turned up: back in the office."""
    ws.require(*EDITORS)
    return _set_status(ws, asset_id, IN_OFFICE, reason, (LOST,))


def kind_label(kind: str) -> str:
    return label(ASSET_KINDS, kind)
