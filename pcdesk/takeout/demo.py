"""The demo company's assets and take-outs: a realistic mix of states — returned, out (one
of them overdue), approved, waiting, sent back, rejected, a draft — and one standing approval
(包括承認) for working from home with two trips already back.

Everything goes through the service, acting as the demo's people (service.act lets the
command line act for a named person inside the demo's one transaction). The clock is pinned
to the day each step happened, so the history reads in order and "today" stays today.
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
from pcdesk.takeout.model import TakeoutApplication

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
    base = clock.now().replace(second=0, microsecond=0)
    day0 = base.date()

    def at(days: int, hour: int = 9, minute: int = 0) -> dt.datetime:
        return dt.datetime.combine(day0 + dt.timedelta(days=days), dt.time(hour, minute))

    asset = {}
    with clock.pinned(base - dt.timedelta(days=90)):  # registered when the rules came in
        for values in ASSETS:
            values = dict(values)
            dept = values.pop("dept")
            asset[values["number"]] = create_asset(ws, {**values, "department_id": demo.department_ids[dept]}).id
    who = _people(ws, demo)
    staff, approver, manager, admin = who["staff"], who["approver"], who["manager"], who["admin"]
    worker = demo.people[7]  # an employee without an account; 総務 enters the application for them

    def values(person: Actor | str, dept: str, assets: list[str], **v: Any) -> dict[str, Any]:
        name = person if isinstance(person, str) else person.name
        key = "" if isinstance(person, str) else f"account:{person.user_id}"
        out = dict(applicant_name=name, applicant_key=key, applicant_department=dept,
                   asset_ids=[asset[a] for a in assets], contains_personal=False, personal_count=0,
                   approval_kind="per_trip", measures=["password", "virus_check"], pledge_accepted=True)
        out.update(v)
        if out["contains_personal"]:
            out["measures"] = ["encryption", *out["measures"]]
        return out

    def step(when: float | dt.datetime, fn, *args, **kw):
        """Run fn at `when`: days from now (-1.5), or a moment."""
        moment = when if isinstance(when, dt.datetime) else base + dt.timedelta(days=when)
        with clock.pinned(moment):
            return fn(*args, **kw)

    def applied(days: float, person: Actor, vals: dict[str, Any], entered_by: Actor | None = None) -> int:
        app = step(days, service.save_draft, ws, vals)
        _entered_by(ws, app.id, entered_by or person)
        step(base + dt.timedelta(days=days, minutes=5), service.act, ws, app.id, rules.SUBMIT, entered_by or person)
        return app.id

    def act(days: float | dt.datetime, app_id: int, action: str, person: Actor, reason: str = "", **details: Any) -> None:
        step(days, service.act, ws, app_id, action, person, reason, **details)

    ok = {"condition": "ok", "virus_checked": True, "copies_deleted": True}
    # 1. 返却済: a customer visit with the customer list, three weeks ago
    a1 = applied(-23, staff, values(staff, "営業部", ["PC-001"], information="提案書、顧客名簿（A社担当分）の抜粋",
                                    held_records=_held(ws, "顧客名簿"), contains_personal=True, personal_count=45,
                                    purpose_kind="customer", purpose="株式会社ひかり商事での新サービスの提案",
                                    destination="株式会社ひかり商事 本社（東京都港区）", out_at=at(-21, 10),
                                    return_due=day0 - dt.timedelta(days=21)))
    act(-22.9, a1, rules.APPROVE, approver)
    act(at(-21, 9, 50), a1, rules.TAKE_OUT, staff)
    act(at(-21, 17, 40), a1, rules.CONFIRM_RETURN, admin, values=ok)
    # 2. 持出中, overdue: business cards taken to a trade fair and not yet brought back
    a2 = applied(-8, staff, values(staff, "営業部", ["PC-002", "DOC-001"], information="見込客リスト、名刺",
                                   held_records=_held(ws, "名刺"), contains_personal=True, personal_count=rng.randint(60, 90),
                                   purpose_kind="other", purpose="展示会「業務改善EXPO」での商談",
                                   destination="東京ビッグサイト 西展示棟", out_at=at(-6, 8, 30),
                                   return_due=day0 - dt.timedelta(days=3)))
    act(-7, a2, rules.APPROVE, manager)
    act(at(-6, 8, 20), a2, rules.TAKE_OUT, staff)
    # 3. 持出中, on time: test data to a supplier
    a3 = applied(-2, approver, values(approver, "開発部", ["HDD-001"], information="検証用のテストデータ（架空の氏名のみ）",
                                      purpose_kind="supplier", purpose="委託先での性能検証",
                                      destination="株式会社みどりシステム 検証センター（川崎市）", out_at=at(-1, 13),
                                      return_due=day0 + dt.timedelta(days=2)))
    act(-1.9, a3, rules.APPROVE, manager)
    act(at(-1, 13, 10), a3, rules.TAKE_OUT, approver)
    # 4. 申請中: entered by 総務 for a worker without an account
    applied(-0.1, admin, values(worker, "人事部", ["PC-003"], information="採用面接の評価シート（応募者10名分）",
                                contains_personal=True, personal_count=10, purpose_kind="other",
                                purpose="合同会社説明会の面接会場での評価入力", destination="新宿NSビル 会議室（合同説明会）",
                                out_at=at(4, 9), return_due=day0 + dt.timedelta(days=4)), entered_by=admin)
    # 5. 承認, not yet taken out
    a5 = applied(-1, staff, values(staff, "営業部", ["SP-001"], information="製品デモ用の画面（個人情報なし）",
                                   purpose_kind="customer", purpose="株式会社あさひ物流でのデモ",
                                   destination="株式会社あさひ物流 横浜営業所", out_at=at(3, 10),
                                   return_due=day0 + dt.timedelta(days=3)))
    act(-0.8, a5, rules.APPROVE, approver)
    # 6. 差戻し: the approver wants the address and the count
    a6 = applied(-0.2, staff, values(staff, "営業部", ["USB-001"], information="請求書の控え（B社分）",
                                     contains_personal=True, personal_count=1, purpose_kind="customer",
                                     purpose="請求内容の確認", destination="B社", out_at=at(2, 14),
                                     return_due=day0 + dt.timedelta(days=2)))
    act(-0.1, a6, rules.SEND_BACK, approver, "持出し先の住所と、請求書に載っている担当者の人数を書いてください")
    # 7. 包括承認: working from home twice a week, two trips already back
    a7 = applied(-30, approver, values(approver, "開発部", ["PC-004"], information="設計書・ソースコード（個人情報なし）",
                                       purpose_kind="internal", purpose="在宅勤務（週2回）", destination="自宅",
                                       approval_kind="standing", measures=["password", "privacy_filter", "virus_check"],
                                       out_at=at(-28, 0), return_due=rules.add_months(day0, 2)))
    act(-29, a7, rules.APPROVE, manager)
    for start in (-14, -7):
        act(at(start, 18, 5), a7, rules.TAKE_OUT, approver)
        act(at(start + 1, 9, 15), a7, rules.CONFIRM_RETURN, staff, values=ok)
    # 8. 却下
    a8 = applied(-12, staff, values(staff, "営業部", ["USB-003"], information="顧客への年賀状の宛名データ",
                                    purpose_kind="other", purpose="自宅での宛名印刷", destination="自宅",
                                    out_at=at(-10, 18), return_due=day0 - dt.timedelta(days=9)))
    act(-11.5, a8, rules.REJECT, approver, "宛名（個人データ）は社内で印刷してください。暗号化されていないUSBメモリは使えません")
    # 9. 下書き
    step(-0.05, service.save_draft, ws, values(staff, "営業部", ["PC-001"], information="月次報告の資料",
                                               purpose_kind="customer"))
    step(-40, dispose_asset, ws, asset["PC-006"], "サポート終了のため。データ消去証明書あり（総務部保管）")


def _entered_by(ws: Workspace, app_id: int, person: Actor) -> None:
    """Who typed the application in (the service records the command line that made the demo)."""
    with ws.write() as s:
        app = s.scalar(select(TakeoutApplication).where(TakeoutApplication.id == app_id))
        app.created_by, app.created_by_id = person.name, person.user_id
