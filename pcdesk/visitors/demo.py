"""The demo company's reception: twenty passes, years of believable visits, two visitors inside
now, one check-out forgotten yesterday, one correction, and a few visits past the retention
period. `pcdesk demo --visitors N` asks for N past visits instead (the benchmark uses 100,000),
spread over up to ten years of working days."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from pcdesk import registry
from pcdesk.capabilities import PEOPLE, Person
from pcdesk.dates import now, today
from pcdesk.demo import GIVEN, SURNAMES
from pcdesk.visitors.model import BY_HAND, KIOSK_NAME, KIOSK_PASS
from pcdesk.visitors.passes import add_passes
from pcdesk.visitors.rules import pass_numbers
from pcdesk.visitors.service import correct_entry, entry_ids, import_entries

DEFAULT_VISITS = 240
PASSES = 20
MORE_SURNAMES = ["石井", "前田", "藤田", "後藤", "岡田", "長谷川", "村上", "近藤", "坂本", "遠藤", "青木", "藤井",
                 "西村", "福田", "太田", "三浦", "岡本", "松田", "中島", "原田"]
MORE_GIVEN = ["一郎", "修", "明美", "智子", "亮", "優子", "健太", "舞", "和也", "裕子", "隆", "久美子"]
COMPANIES = ["株式会社ひかり商事", "みどり配送株式会社", "株式会社あさひ設備", "東和システム株式会社",
             "株式会社北斗印刷", "さくら会計事務所", "株式会社青空コンサルティング", "有限会社山手サービス",
             "株式会社こだま電機", "日本オフィス機器株式会社", "株式会社はやて物流", "株式会社つばさ人材",
             "ミナト法律事務所", "株式会社いろは製作所", "株式会社フタバ警備保障", "株式会社かもめ不動産",
             "株式会社ワカバ保守サービス", "三葉ネットワーク株式会社", "株式会社しらかば食品", "株式会社ミライ広告"]
# (用件, weight, areas, minutes from, minutes to)
PURPOSES = [("打合せ", 50, "受付・会議室", 30, 120), ("納品・集荷", 20, "受付", 5, 20),
            ("保守・点検", 12, "執務室（同行あり）", 40, 150), ("面接", 10, "会議室", 45, 90),
            ("見学", 3, "執務室（同行あり）", 30, 60), ("複合機の点検", 5, "執務室（同行あり）", 20, 60)]


def _visitor(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES + MORE_SURNAMES)} {rng.choice(GIVEN + MORE_GIVEN)}"


def _working_days(first: dt.date, last: dt.date) -> list[dt.date]:
    days, day = [], first
    while day <= last:
        if day.weekday() < 5:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def past_visits(rng: random.Random, count: int, hosts: list[Person], receptionist: str,
                passes: list[str], administrator: str = "管理者") -> list[dict[str, Any]]:
    """`count` finished visits on working days before today, oldest first."""
    years = min(10.0, max(3.5, count / 10_000))
    last = today() - dt.timedelta(days=1)
    days = _working_days(last - dt.timedelta(days=int(years * 365)), last)
    weights = [w for _p, w, *_rest in PURPOSES]
    rows = []
    for day in sorted(rng.choice(days) for _ in range(count)):
        purpose, _w, areas, low, high = rng.choices(PURPOSES, weights)[0]
        entered = dt.datetime.combine(day, dt.time(9)) + dt.timedelta(minutes=rng.randrange(0, 8 * 60))
        left = entered + dt.timedelta(minutes=rng.randint(low, high))
        host = rng.choice(hosts)
        by_kiosk = rng.random() < 0.85
        rows.append(dict(
            entered_at=entered, left_at=left, name=_visitor(rng),
            company="" if purpose == "面接" else rng.choice(COMPANIES),
            party_size=1 if purpose == "面接" else rng.choices([1, 2, 3, 4], [60, 28, 9, 3])[0],
            purpose=purpose, host_name=host.name, host_key=host.key, host_department=host.department,
            areas=areas, pass_number=rng.choice(passes), received_by=receptionist,
            checkout_method=rng.choice([KIOSK_PASS, KIOSK_PASS, KIOSK_NAME]) if by_kiosk else BY_HAND,
            checkout_by=receptionist if by_kiosk else administrator))
    return rows


def add_demo(ws, demo) -> None:  # type: ignore[no-untyped-def]
    rng = demo.rng
    numbers = pass_numbers(1, PASSES)
    add_passes(ws, numbers)
    hosts = [p for provide in registry.provided(PEOPLE) for p in provide(ws) if p.current]
    receptionist = next((name for name in demo.people[6:7]), "受付")  # the demo's reception account
    count = demo.options.get("visitors")
    count = DEFAULT_VISITS if count is None else max(0, int(count))
    administrator = next((name for name in demo.people[3:4]), "管理者")  # the demo's admin account
    rows = past_visits(rng, count, hosts, receptionist, numbers, administrator)
    if count == DEFAULT_VISITS:
        rows += _today_and_yesterday(rng, hosts, receptionist)
    import_entries(ws, rows, "デモの外来者入退室記録を追加")
    if count == DEFAULT_VISITS and rows:
        newest_finished = entry_ids(ws)[4]  # a finished visit before yesterday
        correct_entry(ws, newest_finished, {"company": "株式会社ひかり商事 横浜支店"},
                      "会社名の支店名が抜けていたため、来訪者の名刺で確かめて訂正")


def _today_and_yesterday(rng: random.Random, hosts: list[Person], receptionist: str) -> list[dict[str, Any]]:
    """Two visitors inside with passes 1 and 2, one gone, one check-out forgotten yesterday (pass 3)."""
    moment = now()
    day = today()
    yesterday = day - dt.timedelta(days=1)
    while yesterday.weekday() >= 5:
        yesterday -= dt.timedelta(days=1)

    def visit(entered: dt.datetime, **extra: Any) -> dict[str, Any]:
        host = rng.choice(hosts)
        return {"entered_at": entered, "name": _visitor(rng), "company": rng.choice(COMPANIES), "party_size": 1,
                "purpose": "打合せ", "host_name": host.name, "host_key": host.key, "host_department": host.department,
                "areas": "受付・会議室", "received_by": receptionist, **extra}

    early = dt.datetime.combine(day, dt.time(9, 5))
    first = min(moment - dt.timedelta(minutes=50), max(early, moment - dt.timedelta(hours=2)))
    return [
        visit(dt.datetime.combine(yesterday, dt.time(15, 20)), pass_number="3", held_pass="3"),
        visit(first, left_at=first + dt.timedelta(minutes=25), pass_number="1", checkout_method=KIOSK_PASS,
              checkout_by=receptionist),
        visit(first + dt.timedelta(minutes=10), pass_number="2", held_pass="2", party_size=2),
        visit(moment - dt.timedelta(minutes=15), pass_number="1", held_pass="1"),
    ]
