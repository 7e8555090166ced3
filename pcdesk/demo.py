"""`pcdesk demo`: a believable demo company, deterministic for a seed.

Each feature's manifest names its demo step ("module:function", called with the
Workspace and the DemoCompany built so far), so the demo grows with the product. A feature
may add its own options to `pcdesk demo` in its command registrar
(``subparsers.choices["demo"].add_argument("--visitors", ...)``); its step reads them from
``demo.options`` (e.g. ``demo.options.get("visitors")``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Callable

from pcdesk.accounts.service import create_user
from pcdesk.company.service import add_department, save_company
from pcdesk import registry
from pcdesk.errors import PcdeskError
from pcdesk.feature import load
from pcdesk.services import ADMIN, APPROVER, COMMAND_LINE, RECEPTION, STAFF, Workspace

DEMO_PASSWORD = "demo-pass-2026"

DEPARTMENTS = ["総務部", "営業部", "開発部", "人事部", "カスタマーサポート部"]
SURNAMES = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤",
            "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林", "斎藤", "清水"]
GIVEN = ["太郎", "花子", "健一", "美咲", "翔太", "陽子", "大輔", "由美", "誠", "恵",
         "直樹", "愛", "拓也", "真由美", "浩二", "さくら"]
# (name, postal code, address): the postal code matches the address, as a printed notice shows both.
COMPANIES = [("株式会社さくらデータサービス", "101-0054", "東京都千代田区神田錦町三丁目1番1号 さくらビル5階"),
             ("株式会社みなとソリューションズ", "231-0002", "神奈川県横浜市中区海岸通一丁目2番3号"),
             ("あおば情報システム株式会社", "980-0811", "宮城県仙台市青葉区一番町二丁目4番5号")]


@dataclass
class DemoCompany:
    seed: int
    rng: random.Random
    department_ids: dict[str, int] = field(default_factory=dict)
    users: dict[str, int] = field(default_factory=dict)  # login id → user id
    people: list[str] = field(default_factory=list)  # names of staff, for later features
    options: dict = field(default_factory=dict)  # what features added to `pcdesk demo` (None = not given)

    def person(self) -> str:
        return self.rng.choice(self.people)


DemoStep = Callable[[Workspace, DemoCompany], None]


def foundation_step(ws: Workspace, demo: DemoCompany) -> None:
    rng = demo.rng
    name, postal_code, address = COMPANIES[demo.seed % len(COMPANIES)]
    names = [f"{s} {g}" for s in rng.sample(SURNAMES, 12) for g in [rng.choice(GIVEN)]]
    demo.people = names
    save_company(ws, {
        "name": name, "postal_code": postal_code, "address": address, "representative": f"代表取締役 {names[0]}",
        "pms_manager": f"取締役 {names[1]}", "audit_manager": names[2], "education_manager": names[3],
        "contact_name": "個人情報お問合せ窓口（総務部）", "contact_phone": "03-1234-5678",
        "contact_email": "privacy@example.co.jp",
    })
    for dept in DEPARTMENTS:
        demo.department_ids[dept] = add_department(ws, dept).id
    accounts = [
        ("admin", names[3], {ADMIN, STAFF}, "総務部"),
        ("manager", names[1], {ADMIN, APPROVER}, "総務部"),
        ("staff", names[4], {STAFF}, "営業部"),
        ("approver", names[5], {APPROVER, STAFF}, "開発部"),
        ("reception", names[6], {RECEPTION}, "総務部"),
    ]
    for login_id, display, roles, dept in accounts:
        user = create_user(ws, login_id, display, DEMO_PASSWORD, roles, demo.department_ids[dept])
        demo.users[login_id] = user.id


class DemoError(PcdeskError):
    pass


def create_demo(ws: Workspace, seed: int = 1, options: dict | None = None) -> DemoCompany:
    """Fill an empty database with the demo company; refuses a database already in use."""
    from pcdesk.company.setup_flow import is_first_run

    if not is_first_run(ws):
        raise DemoError("このデータベースにはすでにデータがあります。デモは新しいファイルに作成してください"
                        "（例: pcdesk demo --db demo.sqlite3）。")
    demo = DemoCompany(seed=seed, rng=random.Random(seed), options=dict(options or {}))
    ws = ws.as_actor(COMMAND_LINE) if ws.actor is None else ws
    with ws.atomic():
        for ref in registry.demo_steps():
            step: DemoStep = load(ref)
            step(ws, demo)
    return demo


def demo_accounts_text() -> str:
    return ("デモ用アカウント（パスワードはすべて {pw}）:\n"
            "  admin     管理者・担当者\n  manager   管理者・承認者（個人情報保護管理者）\n"
            "  staff     担当者\n  approver  承認者・担当者\n  reception 受付（来訪者受付のみ）").format(pw=DEMO_PASSWORD)
