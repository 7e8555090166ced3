"""Fixtures shared by the visitors tests: a small office (the demo's foundation only) with
passes 1–5, a kiosk workspace as 受付 and one as the administrator. Import them by name."""

from __future__ import annotations

import pytest

from pcdesk.services import ADMIN, RECEPTION, STAFF, Actor, Workspace


@pytest.fixture
def office_ws(demo):
    """(administrator, kiosk as 受付) on the demo company with its visitor log emptied."""
    from sqlalchemy import text

    ws, info = demo
    with ws.db.engine.begin() as conn:  # test set-up, not a user's action: no audit entry wanted
        for table in ("visitor_correction", "visitor_entry", "visitor_pass"):
            conn.execute(text(f"DELETE FROM {table}"))
    admin = Workspace(ws.db, Actor(info.users["admin"], "管理 太郎", frozenset({ADMIN, STAFF})))
    kiosk = Workspace(ws.db, Actor(info.users["reception"], "受付 花子", frozenset({RECEPTION})))
    return admin, kiosk


@pytest.fixture
def desk(office_ws):
    """(kiosk, administrator) with passes 1–5 registered."""
    from pcdesk.visitors.passes import add_passes

    admin, kiosk = office_ws
    add_passes(admin, ["1", "2", "3", "4", "5"])
    return kiosk, admin


def host_key(ws) -> str:
    from pcdesk.visitors import reception

    return reception.host_choices(ws)[0].key


def visit(ws, name: str = "来訪 一郎", **extra) -> dict:
    """Kiosk answers for one visitor."""
    return {"name": name, "company": "株式会社ABC商事", "party_size": 2, "purpose": "打合せ",
            "host_key": host_key(ws), **extra}
