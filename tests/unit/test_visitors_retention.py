"""Retention: a setting of at least two years; the entries past it are counted, purged only
after confirmation, and the purge is one audit event with the count and the period."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from pcdesk import clock
from pcdesk.audit.model import AuditEntry
from pcdesk.audit.trail import verify_chain
from pcdesk.errors import PermissionDenied, ValidationError
from pcdesk.settings import feature_setting, save_feature_settings
from pcdesk.visitors.fields import RETENTION_KEY
from pcdesk.visitors.model import VisitorCorrection, VisitorEntry
from pcdesk.visitors.retention import expired_summary, purge_expired
from pcdesk.visitors.rules import retention_cutoff, years_before
from pcdesk.visitors.service import correct_entry, entry_ids, import_entries, load_entries
from tests.visitors_support import desk, office_ws  # noqa: F401

TODAY = dt.date(2026, 11, 22)


def visits_on(*days: dt.date) -> list[dict]:
    return [{"entered_at": dt.datetime.combine(d, dt.time(13, 0)), "left_at": dt.datetime.combine(d, dt.time(14, 0)),
             "name": f"来訪 {d:%Y%m%d}", "company": "株式会社古い記録", "party_size": 1, "purpose": "打合せ",
             "host_name": "佐藤 太郎"} for d in days]


def test_the_cutoff_keeps_exactly_the_retention_period():
    assert retention_cutoff(TODAY, 3) == dt.date(2023, 11, 22)
    assert retention_cutoff(TODAY, 1) == dt.date(2024, 11, 22)  # never less than two years
    assert years_before(dt.date(2028, 2, 29), 2) == dt.date(2026, 2, 28)


def test_the_setting_defaults_to_three_years_and_refuses_less_than_two(desk):
    _kiosk, admin = desk
    assert feature_setting(admin, RETENTION_KEY) == 3
    with pytest.raises(ValidationError, match="2以上にしてください"):
        save_feature_settings(admin, {RETENTION_KEY: 1})
    save_feature_settings(admin, {RETENTION_KEY: 5})
    assert expired_summary(admin).years == 5


def test_a_purge_removes_exactly_the_expired_entries_and_records_one_event(desk):
    _kiosk, admin = desk
    cutoff = dt.date(2023, 11, 22)
    old = [dt.date(2020, 4, 1), dt.date(2023, 11, 20), cutoff - dt.timedelta(days=1)]
    kept = [cutoff, cutoff + dt.timedelta(days=1), dt.date(2026, 11, 21)]
    import_entries(admin, visits_on(*old, *kept), "試験の記録")
    oldest_id = min(entry_ids(admin))
    correct_entry(admin, oldest_id, {"company": "株式会社古い記録（訂正）"}, "試験のための訂正")
    summary = expired_summary(admin)
    assert (summary.count, summary.oldest, summary.newest) == (3, dt.date(2020, 4, 1), dt.date(2023, 11, 21))
    with admin.read() as s:
        trail_before = s.scalar(select(func.count()).select_from(AuditEntry))
    with pytest.raises(ValidationError, match="件数が確認したときと変わりました（2 件 → 3 件）"):
        purge_expired(admin, 2)
    assert purge_expired(admin, 3) == 3
    remaining = load_entries(admin, entry_ids(admin))
    assert sorted(e.entered_at.date() for e in remaining.values()) == kept
    with admin.read() as s:
        assert s.scalar(select(func.count()).select_from(VisitorCorrection)) == 0
        added = list(s.scalars(select(AuditEntry).where(AuditEntry.seq > trail_before)))
        assert verify_chain(s).ok
    # The removed rows are marked gone by seals (ids only), so pcdesk check stays clean.
    seals = {e.record_type: json.loads(e.changes) for e in added if e.action == "seal"}
    assert len(seals["visitor_entry"]["_removed"]) == 3 and len(seals["visitor_correction"]["_removed"]) == 1
    added = [e for e in added if e.action != "seal"]
    assert len(added) == 1
    event = added[0]
    assert event.action == "delete" and event.record_type == "visitor_entry"
    assert event.summary == ("保存期間（3年）を過ぎた外来者入退室記録 3 件を削除"
                             "（2020年4月1日〜2023年11月21日の入室）")
    details = json.loads(event.changes)
    assert details["count"] == 3 and details["from"] == "2020-04-01" and details["to"] == "2023-11-21"
    assert "来訪" not in event.changes  # no visitor's name is copied into the trail
    with pytest.raises(ValidationError, match="保存期間を過ぎた記録はありません"):
        purge_expired(admin, 0)


def test_a_day_later_one_more_entry_expires(desk):
    _kiosk, admin = desk
    import_entries(admin, visits_on(dt.date(2023, 11, 22)), "試験の記録")
    assert expired_summary(admin).count == 0
    clock.advance(dt.timedelta(days=1))
    assert expired_summary(admin).count == 1


def test_only_administrators_see_or_purge_expired_entries(desk):
    kiosk, _admin = desk
    with pytest.raises(PermissionDenied):
        expired_summary(kiosk)
    with pytest.raises(PermissionDenied):
        purge_expired(kiosk, 1)


def test_bulk_import_is_one_audit_event_too(desk):
    _kiosk, admin = desk
    with admin.read() as s:
        before = s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action != "seal"))
    assert import_entries(admin, visits_on(*[dt.date(2025, 1, d) for d in range(1, 29)]), "試験の記録") == 28
    with admin.read() as s:
        # one event, and one seal holding the new rows' digests (no names) for pcdesk check
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action != "seal")) == before + 1
        assert s.scalar(select(func.count()).select_from(VisitorEntry)) == 28
