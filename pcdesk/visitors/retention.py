"""Entries past the retention period: listed first, purged only after the administrator
confirmed how many, and recorded in the audit trail as one event with the count and the
period, not one deletion per visitor (the deletion would otherwise copy every name into
the trail, which is kept for good)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, func, select

from pcdesk.audit.trail import bulk_rows, record_event
from pcdesk.dates import format_date, today
from pcdesk.errors import ValidationError
from pcdesk.services import ADMIN, Workspace
from pcdesk.settings import feature_setting
from pcdesk.visitors.fields import RETENTION_KEY
from pcdesk.visitors.model import VisitorCorrection, VisitorEntry
from pcdesk.visitors.rules import retention_cutoff


@dataclass(frozen=True)
class ExpiredSummary:
    years: int
    cutoff: dt.date  # entries entered before this day are past the period
    count: int
    oldest: dt.date | None = None
    newest: dt.date | None = None

    @property
    def last_expired_day(self) -> dt.date:
        return self.cutoff - dt.timedelta(days=1)

    def describe(self, style: str = "seireki") -> str:
        if not self.count:
            return f"保存期間（{self.years}年）を過ぎた記録はありません。"
        return (f"保存期間（{self.years}年）を過ぎた記録: {self.count:,} 件"
                f"（{format_date(self.oldest, style)}〜{format_date(self.newest, style)}の入室）")


def retention_years(ws: Workspace) -> int:
    return int(feature_setting(ws, RETENTION_KEY))


def _before(cutoff: dt.date):  # -> the SQL condition "entered before the cut-off day"
    return VisitorEntry.entered_at < dt.datetime.combine(cutoff, dt.time())


def expired_summary(ws: Workspace) -> ExpiredSummary:
    ws.require(ADMIN)
    years = retention_years(ws)
    cutoff = retention_cutoff(today(), years)
    with ws.read() as s:
        count, oldest, newest = s.execute(select(func.count(), func.min(VisitorEntry.entered_at),
                                                 func.max(VisitorEntry.entered_at)).where(_before(cutoff))).one()
    return ExpiredSummary(years, cutoff, count or 0, oldest.date() if oldest else None,
                          newest.date() if newest else None)


def purge_expired(ws: Workspace, confirmed_count: int) -> int:
    """Delete the entries past the period, if they are still the `confirmed_count` entries the
    administrator was shown; returns how many were deleted."""
    actor = ws.require(ADMIN)
    with ws.write() as s:
        summary = expired_summary(ws)  # inside the unit: what is counted is what is deleted
        if summary.count == 0:
            raise ValidationError.single("削除", "保存期間を過ぎた記録はありません。")
        if summary.count != confirmed_count:
            raise ValidationError.single("削除", f"対象の件数が確認したときと変わりました（{confirmed_count:,} 件 → "
                                               f"{summary.count:,} 件）。一覧を確かめてから、もう一度削除してください。")
        expired = select(VisitorEntry.id).where(_before(summary.cutoff))
        # Bulk SQL, not ORM deletes: the audit hook would record every visitor's name once more.
        # bulk_rows marks the removed rows gone in the trail, so pcdesk check stays clean.
        with bulk_rows(s, VisitorCorrection, VisitorEntry):
            s.execute(delete(VisitorCorrection).where(VisitorCorrection.entry_id.in_(expired))
                      .execution_options(synchronize_session=False))
            deleted = s.execute(delete(VisitorEntry).where(_before(summary.cutoff))
                                .execution_options(synchronize_session=False)).rowcount
        period = f"{format_date(summary.oldest)}〜{format_date(summary.newest)}"
        record_event(s, "delete", "visitor_entry", "",
                     f"保存期間（{summary.years}年）を過ぎた外来者入退室記録 {deleted:,} 件を削除（{period}の入室）",
                     {"count": deleted, "from": summary.oldest.isoformat() if summary.oldest else None,
                      "to": summary.newest.isoformat() if summary.newest else None,
                      "retention_years": summary.years, "cutoff": summary.cutoff.isoformat(),
                      "by": actor.name})
    return deleted
