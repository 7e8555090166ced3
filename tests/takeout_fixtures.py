"""A small office for the take-out tests: the demo's five accounts, logged in through the
service, and a few registered assets. Import the fixtures into a test module to use them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from pcdesk.accounts.service import actor_for
from pcdesk.services import COMMAND_LINE, Workspace


@dataclass
class Office:
    db: object
    admin: Workspace  # 管理者・担当者 (総務)
    manager: Workspace  # 管理者・承認者
    staff: Workspace  # 担当者 only
    approver: Workspace  # 承認者・担当者
    reception: Workspace
    assets: dict[str, int]  # 資産番号 → id

    def ws(self, login_id: str) -> Workspace:
        return getattr(self, login_id)


@pytest.fixture(scope="session")
def takeout_template(tmp_path_factory):
    """The office built once per run (accounts hash passwords slowly); each test copies the file."""
    import pcdesk.demo
    from pcdesk.accounts.service import list_users
    from pcdesk.store.opening import open_database
    from pcdesk.takeout.assets import create_asset

    database = open_database(tmp_path_factory.mktemp("takeout-office") / "office.sqlite3")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pcdesk.registry, "demo_steps", lambda: ["pcdesk.demo:foundation_step"])
        info = pcdesk.demo.create_demo(Workspace(database), seed=1)
    users = {u.login_id: actor_for(u) for u in list_users(Workspace(database, COMMAND_LINE))}
    admin = Workspace(database, users["admin"])
    sales = info.department_ids["営業部"]
    assets = {}
    for values in (
        dict(number="PC-001", kind="pc", model="ThinkPad X1", serial="PF1", encrypted=True, encryption_method="BitLocker",
             department_id=sales),
        dict(number="USB-001", kind="usb", model="暗号化USB 32GB", encrypted=True, encryption_method="ハードウェア暗号化",
             department_id=sales),
        dict(number="USB-009", kind="usb", model="一般USB 16GB", encrypted=False, department_id=sales),
        dict(number="DOC-001", kind="paper", model="提案資料ファイル", owner="営業部 共用"),
    ):
        assets[values["number"]] = create_asset(admin, values).id
    database.dispose()
    return database.path, users, assets


@pytest.fixture
def takeout_office(db, takeout_template) -> Office:
    import sqlite3

    template, users, assets = takeout_template
    db.dispose()  # nothing may hold the file while it is replaced
    source, target = sqlite3.connect(template), sqlite3.connect(db.path)
    source.backup(target)
    source.close()
    target.close()
    return Office(db, *(Workspace(db, users[n]) for n in ("admin", "manager", "staff", "approver", "reception")),
                  assets=dict(assets))


def application_values(o: Office, who: str = "staff", **changes) -> dict:
    """A complete per-trip application by `who`, taking PC-001 with personal data tomorrow."""
    ws = o.ws(who)
    out = dt.datetime.combine(dt.date(2026, 11, 23), dt.time(9, 0))
    values = dict(applicant_name=ws.actor.name, applicant_key=f"account:{ws.actor.user_id}",
                  applicant_department="営業部", asset_ids=[o.assets["PC-001"]],
                  information="A社向け提案書と顧客リストの抜粋", contains_personal=True, personal_count=120,
                  purpose_kind="customer", purpose="A社での新システムの提案", destination="株式会社A 本社（東京都港区）",
                  approval_kind="per_trip", out_at=out, return_due=dt.date(2026, 11, 25),
                  measures=["encryption", "password", "virus_check"], pledge_accepted=True)
    values.update(changes)
    return values
