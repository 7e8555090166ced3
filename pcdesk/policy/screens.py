"""What the プライバシーポリシー page shows, decided without Qt: the version rows and the status lines."""

from __future__ import annotations

from dataclasses import dataclass

from pcdesk.dates import format_date, format_datetime
from pcdesk.policy.model import STATUSES, PolicyVersion

COLUMNS = ("版", "状態", "公表日", "改定内容", "公表者・作成者")
SAMPLES = ("第10版", "公表済み", "2026年12月31日", "「保有個人データの利用目的」を改定", "取締役 佐々木 真由美")


@dataclass(frozen=True)
class VersionRow:
    id: int
    number: int
    draft: bool
    cells: tuple[str, ...]


def version_rows(versions: list[PolicyVersion], date_style: str) -> list[VersionRow]:
    """Newest first: the draft (if any) on top, then the published versions."""
    rows = []
    for v in sorted(versions, key=lambda v: v.number, reverse=True):
        day = format_date(v.published_on, date_style) if v.published_on else ""
        who = v.published_by if not v.is_draft else f"{v.created_by}（更新 {format_datetime(v.updated_at, date_style)}）"
        note = v.note if not v.is_draft else "（公表前）"
        rows.append(VersionRow(v.id, v.number, v.is_draft, (v.label, STATUSES[v.status], day, note, who)))
    return rows


def status_lines(published: PolicyVersion | None, draft: PolicyVersion | None, date_style: str) -> list[str]:
    lines = []
    if published is None:
        lines.append("公表中の版: ありません（個人情報保護方針と「個人情報の取扱いについて」を作成して公表してください）")
    else:
        lines.append(f"公表中の版: {published.label}（{format_date(published.published_on, date_style)}公表）")
    if draft is not None:
        lines.append(f"下書き: {draft.label}（{format_datetime(draft.updated_at, date_style)} 更新）")
    return lines
