"""Overdue take-outs: the due day itself is on time, the next day is late — across month and
year ends and leap days, under the pinned clock; the home page names the applicant; the
reminder says how late."""

from __future__ import annotations

import datetime as dt

import pytest

from pcdesk import clock
from pcdesk.errors import ValidationError
from pcdesk.takeout import queries, rules, service
from tests.takeout_fixtures import application_values, takeout_office, takeout_template  # noqa: F401  (fixtures)


@pytest.mark.parametrize("due, today, days", [
    (dt.date(2026, 11, 30), dt.date(2026, 11, 30), 0),  # the due day itself is on time
    (dt.date(2026, 11, 30), dt.date(2026, 12, 1), 1),  # month end
    (dt.date(2026, 12, 31), dt.date(2027, 1, 1), 1),  # year end
    (dt.date(2027, 2, 28), dt.date(2027, 3, 1), 1),  # February of a common year
    (dt.date(2028, 2, 28), dt.date(2028, 3, 1), 2),  # a leap year has the 29th between
    (dt.date(2026, 10, 31), dt.date(2026, 12, 1), 31),
    (dt.date(2026, 12, 1), dt.date(2026, 11, 30), 0),  # not yet due
    (None, dt.date(2026, 11, 30), 0),
])
def test_days_overdue(due, today, days):
    assert rules.days_overdue(due, today) == days
    assert rules.is_overdue(due, today) is (days > 0)


@pytest.mark.parametrize("out_on, end, due", [
    (dt.date(2026, 11, 30), dt.date(2026, 12, 31), dt.date(2026, 12, 1)),
    (dt.date(2026, 12, 31), dt.date(2027, 3, 31), dt.date(2027, 1, 1)),
    (dt.date(2027, 2, 28), None, dt.date(2027, 3, 1)),
    (dt.date(2026, 12, 31), dt.date(2026, 12, 31), dt.date(2026, 12, 31)),  # the period's last day
])
def test_a_standing_trip_is_due_the_next_day_within_the_period(out_on, end, due):
    assert rules.default_trip_due(out_on, end) == due


@pytest.mark.parametrize("day, months, expected", [
    (dt.date(2027, 1, 31), 1, dt.date(2027, 2, 28)),
    (dt.date(2028, 1, 31), 1, dt.date(2028, 2, 29)),
    (dt.date(2026, 8, 31), 6, dt.date(2027, 2, 28)),
    (dt.date(2026, 11, 22), 6, dt.date(2027, 5, 22)),
])
def test_the_longest_standing_period_is_clamped_to_the_months_last_day(day, months, expected):
    assert rules.add_months(day, months) == expected


def _out(o, due: dt.date, **changes) -> int:
    """An application by staff taken out today (the pinned clock) and due on `due`."""
    start = clock.now().replace(second=0)
    app = service.apply(o.staff, application_values(o, out_at=start, return_due=due, **changes))
    service.approve(o.approver, app.id)
    service.take_out(o.staff, app.id)
    return app.id


def test_a_take_out_turns_overdue_the_minute_after_its_due_day_ends(takeout_office):
    o = takeout_office
    clock.pin(dt.datetime(2026, 11, 28, 9, 0))
    app_id = _out(o, dt.date(2026, 11, 30))
    clock.pin(dt.datetime(2026, 11, 30, 23, 59))
    assert queries.overdue_takeouts(o.admin) == []
    assert not [a for a in queries.takeout_attention(o.admin) if a.severity == "danger"]
    clock.advance(dt.timedelta(minutes=1))  # 2026-12-01 00:00: across the month end
    overdue = queries.overdue_takeouts(o.admin)
    assert [(x.application.id, x.days) for x in overdue] == [(app_id, 1)]
    assert [a.id for a in queries.list_applications(o.admin, queries.ApplicationFilter(overdue=True))] == [app_id]
    clock.advance(dt.timedelta(days=31))
    assert queries.overdue_takeouts(o.admin)[0].days == 32


def test_the_home_page_names_the_applicant_of_an_overdue_take_out(takeout_office):
    o = takeout_office
    clock.pin(dt.datetime(2026, 11, 22, 10, 0))
    _out(o, dt.date(2026, 11, 24))
    clock.pin(dt.datetime(2026, 11, 26, 8, 30))
    items = [a for a in queries.takeout_attention(o.approver) if a.severity == "danger"]
    assert [a.text for a in items] == [
        f"{o.staff.actor.name}（営業部）の持出し TO-2026-0001（PC-001）が、返却予定日を2日過ぎています。"]
    assert (items[0].page, items[0].focus) == ("takeout", "overdue")
    assert queries.takeout_attention(o.reception) == []  # the kiosk is told nothing


def test_returning_on_the_due_day_is_not_overdue_and_clears_the_home_page(takeout_office):
    o = takeout_office
    app_id = _out(o, dt.date(2026, 11, 22))
    clock.pin(dt.datetime(2026, 11, 23, 9, 0))
    assert len(queries.overdue_takeouts(o.admin)) == 1
    service.confirm_return(o.admin, app_id, dict(condition="ok", virus_checked=True, copies_deleted=True))
    assert queries.overdue_takeouts(o.admin) == []


def test_the_reminder_says_whose_what_and_how_late(takeout_office):
    o = takeout_office
    app_id = _out(o, dt.date(2026, 11, 25))
    with pytest.raises(ValidationError, match="返却予定日を過ぎた持出しではありません"):
        queries.reminder(o.admin, app_id)
    clock.pin(dt.datetime(2026, 12, 2, 9, 0))
    text = queries.reminder(o.admin, app_id)
    assert text.startswith("件名: 【返却のお願い】社外に持ち出したThinkPad X1の返却について（申請番号 TO-2026-0001）")
    assert f"{o.staff.actor.name} 様" in text
    assert "返却予定日を7日過ぎても" in text
    assert "返却予定日: 2026年11月25日" in text and "持出し日時: 2026年11月22日 10:00" in text
    assert "持出し先: 株式会社A 本社（東京都港区）" in text
    assert text.rstrip().endswith(o.admin.actor.name)


def test_the_approver_hears_of_applications_waiting_but_not_of_their_own(takeout_office):
    o = takeout_office
    service.apply(o.approver, application_values(o, "approver"))
    assert not [a for a in queries.takeout_attention(o.approver) if a.focus == "submitted"]
    service.apply(o.staff, application_values(o))
    waiting = [a.text for a in queries.takeout_attention(o.approver) if a.focus == "submitted"]
    assert waiting == ["承認待ちの持出し申請が 1 件あります。"]


def test_the_applicant_hears_that_their_application_was_sent_back(takeout_office):
    o = takeout_office
    app = service.apply(o.staff, application_values(o))
    service.send_back(o.approver, app.id, "持出し先の住所を書いてください")
    mine = [a.text for a in queries.takeout_attention(o.staff) if a.focus == "mine"]
    assert mine == ["持出し申請 TO-2026-0001 が差し戻されました（理由: 持出し先の住所を書いてください）。直して申請し直してください。"]
