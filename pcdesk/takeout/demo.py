"""The demo company's assets and take-outs: a realistic mix of states — returned, out (one
of them overdue), approved, waiting, sent back, rejected, a draft — and one standing approval
(包括承認) for working from home with two trips already back.

Everything goes through the service today, acting as the demo's people (service.act lets the
command line act for a named person inside the demo's one transaction); then each story's
own record — its dates and the times of its steps — is moved back to when it happened
(the audit trail keeps the true time the demo was made, like the inventory's review dates).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from pcdesk import clock
from pcdesk.accounts.service import actor_for
from pcdesk.accounts.model import User
from pcdesk.services import Actor, Workspace
from pcdesk.takeout import rules, service
from pcdesk.takeout.assets import create_asset, dispose_asset
from pcdesk.takeout.model import TakeoutApplication, TakeoutEvent

ASSETS: list[dict[str, Any]] = [
    dict(number="PC-001", kind="pc", model="ThinkPad X1 Carbon", serial="PF3ABC12", encrypted=True,
         encryption_method="BitLocker", dept="営業部"),
    dict(number="PC-002", kind="pc", model="ThinkPad X1 Carbon", serial="PF3ABC34", encrypted=True,
         encryption_method="BitLocker", dept="営業部"),
    dict(number="PC-003", kind="pc", model="Let's note SV", serial="2HKSA0451", encrypted=True,
         encryption_method="BitLocker", dept="人事部"),
    dict(number="PC-004", kind="pc", model="MacBook Air", serial="C02XK1ABJG5", encrypted=True,
         encryption_method="FileVault", dept="開発部"),
    dict(number="PC-005", kind="pc", model="dynabook G83", serial="3B128765H", encrypted=True,
         encryption_method="BitLocker", dept="総務部"),
    dict(number="PC-006", kind="pc", model="dynabook R73（旧型）", serial="9A004512K", encrypted=False, dept="総務部"),
    dict(number="USB-001", kind="usb", model="暗号化USBメモリ 32GB（指紋認証）", serial="EU32-0001", encrypted=True,
         encryption_method="ハードウェア暗号化（AES 256）", dept="営業部"),
    dict(number="USB-002", kind="usb", model="暗号化USBメモリ 32GB", serial="EU32-0002", encrypted=True,
         encryption_method="ハードウェア暗号化（AES 256）", dept="総務部"),
    dict(number="USB-003", kind="usb", model="USBメモリ 16GB（展示会用）", serial="", encrypted=False, dept="営業部",
         notes="製品カタログ配布用。個人情報は入れない。"),
    dict(number="HDD-001", kind="disk", model="暗号化ポータブルSSD 1TB", serial="SSD-7781", encrypted=True,
         encryption_method="ハードウェア暗号化＋パスワード", dept="開発部"),
    dict(number="SP-001", kind="phone", model="iPhone 15（営業用）", serial="F2LXK3", encrypted=True,
         encryption_method="端末の暗号化（パスコード）", dept="営業部"),
    dict(number="DOC-001", kind="paper", model="顧客ファイル（営業1課）", dept="営業部", owner="営業1課 共用"),
]


def _people(ws: Workspace, demo) -> dict[str, Actor]:
    with ws.read() as s:
        return {login: actor_for(s.get(User, user_id)) for login, user_id in demo.users.items()}


def _held(ws: Workspace, name: str) -> list[int]:
    return [r.id for r in service.held_records(ws) if r.name == name]


def add_demo(ws: Workspace, demo) -> None:
    rng = demo.rng
    today = clock.today()
    now = clock.now().replace(second=0, microsecond=0)

    def at(days: int, hour: int = 9, minute: int = 0) -> dt.datetime:
        return dt.datetime.combine(today + dt.timedelta(days=days), dt.time(hour, minute))

    def day(days: int) -> dt.date:
        return today + dt.timedelta(days=days)

    asset = {}
    for values in ASSETS:
        values = dict(values)
        dept = values.pop("dept")
        asset[values["number"]] = create_asset(ws, {**values, "department_id": demo.department_ids[dept]}).id
    who = _people(ws, demo)
    staff, approver, manager, admin = who["staff"], who["approver"], who["manager"], who["admin"]
    worker = demo.people[7]  # an employee without an account; 総務 enters the application for them

    def story(person: Actor | str, dept: str, assets: list[str], steps: list[tuple[str, Actor, str, dict]],
              times: list[dt.datetime], out_at: dt.datetime, due: dt.date, entered_by: Actor | None = None,
              trip_dues: tuple[dt.date, ...] = (), **v: Any) -> int:
        """Apply today (out now, back today), take the steps, then move its record to `times`."""
        name = person if isinstance(person, str) else person.name
        key = "" if isinstance(person, str) else f"account:{person.user_id}"
        values = dict(applicant_name=name, applicant_key=key, applicant_department=dept,
                      asset_ids=[asset[a] for a in assets], contains_personal=False, personal_count=0,
                      approval_kind="per_trip", measures=["password", "virus_check"], pledge_accepted=True,
                      out_at=now, return_due=today + dt.timedelta(days=31) if v.get("approval_kind") else today)
        values.update(v)
        if values["contains_personal"]:
            values["measures"] = ["encryption", *values["measures"]]
        app = service.save_draft(ws, values)
        for action, actor, reason, details in steps:
            service.act(ws, app.id, action, actor, reason, **details)
        _timeline(ws, app.id, times, out_at, due, trip_dues, entered_by or (person if isinstance(person, Actor) else admin))
        return app.id

    ok = {"values": {"condition": "ok", "virus_checked": True, "copies_deleted": True}}
    submit = lambda actor: (rules.SUBMIT, actor, "", {})  # noqa: E731
    # 1. 返却済: a customer visit with part of the customer list, three weeks ago
    story(staff, "営業部", ["PC-001"], [submit(staff), (rules.APPROVE, approver, "", {}), (rules.TAKE_OUT, staff, "", {}),
                                      (rules.CONFIRM_RETURN, admin, "", ok)],
          [at(-23, 10, 5), at(-22, 15, 30), at(-21, 9, 50), at(-21, 17, 40)], at(-21, 10), day(-21),
          information="提案書、顧客名簿（A社担当分）の抜粋", held_records=_held(ws, "顧客名簿"), contains_personal=True,
          personal_count=45, purpose_kind="customer", purpose="株式会社ひかり商事での新サービスの提案",
          destination="株式会社ひかり商事 本社（東京都港区）")
    # 2. 持出中, overdue: business cards taken to a trade fair and not brought back
    story(staff, "営業部", ["PC-002", "DOC-001"], [submit(staff), (rules.APPROVE, manager, "", {}),
                                                 (rules.TAKE_OUT, staff, "", {})],
          [at(-8, 11, 20), at(-7, 9, 40), at(-6, 8, 20)], at(-6, 8, 30), day(-3),
          information="見込客リスト、名刺", held_records=_held(ws, "名刺"), contains_personal=True,
          personal_count=rng.randint(60, 90), purpose_kind="other", purpose="展示会「業務改善EXPO」での商談",
          destination="東京ビッグサイト 西展示棟")
    # 3. 持出中, on time: test data to a supplier
    story(approver, "開発部", ["HDD-001"], [submit(approver), (rules.APPROVE, manager, "", {}),
                                          (rules.TAKE_OUT, approver, "", {})],
          [at(-2, 16, 0), at(-2, 17, 10), at(-1, 13, 10)], at(-1, 13), day(2),
          information="検証用のテストデータ（架空の氏名のみ）", purpose_kind="supplier", purpose="委託先での性能検証",
          destination="株式会社みどりシステム 検証センター（川崎市）")
    # 4. 申請中: entered by 総務 for a worker without an account
    story(worker, "人事部", ["PC-003"], [submit(admin)], [now - dt.timedelta(hours=2)], at(4, 9), day(4),
          entered_by=admin, information="採用面接の評価シート（応募者10名分）", contains_personal=True,
          personal_count=10, purpose_kind="other", purpose="合同会社説明会の面接会場での評価入力",
          destination="新宿NSビル 会議室（合同説明会）")
    # 5. 承認, not yet taken out
    story(staff, "営業部", ["SP-001"], [submit(staff), (rules.APPROVE, approver, "", {})],
          [at(-1, 10, 15), at(-1, 14, 0)], at(3, 10), day(3), information="製品デモ用の画面（個人情報なし）",
          purpose_kind="customer", purpose="株式会社あさひ物流でのデモ", destination="株式会社あさひ物流 横浜営業所")
    # 6. 差戻し: the approver wants the address and the count
    story(staff, "営業部", ["USB-001"],
          [submit(staff), (rules.SEND_BACK, approver, "持出し先の住所と、請求書に載っている担当者の人数を書いてください", {})],
          [now - dt.timedelta(hours=5), now - dt.timedelta(hours=3)], at(2, 14), day(2),
          information="請求書の控え（B社分）", contains_personal=True, personal_count=1, purpose_kind="customer",
          purpose="請求内容の確認", destination="B社")
    # 7. 包括承認: working from home twice a week, two trips already back
    story(approver, "開発部", ["PC-004"],
          [submit(approver), (rules.APPROVE, manager, "", {}), (rules.TAKE_OUT, approver, "", {}),
           (rules.CONFIRM_RETURN, staff, "", ok), (rules.TAKE_OUT, approver, "", {}), (rules.CONFIRM_RETURN, staff, "", ok)],
          [at(-30, 9, 0), at(-29, 11, 0), at(-14, 18, 5), at(-13, 9, 15), at(-7, 18, 5), at(-6, 9, 15)],
          at(-28, 0), rules.add_months(today, 2), trip_dues=(day(-13), day(-6)),
          information="設計書・ソースコード（個人情報なし）", purpose_kind="internal", purpose="在宅勤務（週2回）",
          destination="自宅", approval_kind="standing", measures=["password", "privacy_filter", "virus_check"])
    # 8. 却下
    story(staff, "営業部", ["USB-003"],
          [submit(staff), (rules.REJECT, approver, "宛名（個人データ）は社内で印刷してください。暗号化されていない"
                                                   "USBメモリは使えません", {})],
          [at(-12, 17, 30), at(-11, 9, 10)], at(-10, 18), day(-9), information="顧客への年賀状の宛名データ",
          purpose_kind="other", purpose="自宅での宛名印刷", destination="自宅")
    # 9. 下書き
    service.save_draft(ws, dict(applicant_name=staff.name, applicant_key=f"account:{staff.user_id}",
                                applicant_department="営業部", asset_ids=[asset["PC-001"]], information="月次報告の資料",
                                purpose_kind="customer"))
    dispose_asset(ws, asset["PC-006"], "サポート終了のため。データ消去証明書あり（総務部保管）")


def _timeline(ws: Workspace, app_id: int, times: list[dt.datetime], out_at: dt.datetime, due: dt.date,
              trip_dues: tuple[dt.date, ...], entered_by: Actor) -> None:
    """Move one story's record to when it happened: each step to its time, the dates to the plan."""
    with ws.write() as s:
        app = s.get(TakeoutApplication, app_id)
        moves = list(s.scalars(select(TakeoutEvent).where(TakeoutEvent.application_id == app_id)
                               .order_by(TakeoutEvent.id)))
        for event, moment in zip(moves, times):
            event.at = moment
        first = times[0]
        app.created_at = first - dt.timedelta(minutes=12)
        app.created_by, app.created_by_id = entered_by.name, entered_by.user_id
        app.applied_on = first.date()
        app.pledge_accepted_at = first - dt.timedelta(minutes=2)
        app.out_at, app.return_due = out_at, due
        for event in moves:
            if event.action == rules.APPROVE:
                app.approved_at = event.at
        outs = [e.at for e in moves if e.action == rules.TAKE_OUT]
        backs = [e.at for e in moves if e.action == rules.CONFIRM_RETURN]
        for i, trip in enumerate(app.trips):
            trip.out_at = outs[i]
            trip.due = trip_dues[i] if i < len(trip_dues) else due
            if trip.returned_at is not None:
                trip.returned_at = backs[i]
        app.updated_at = times[-1]
