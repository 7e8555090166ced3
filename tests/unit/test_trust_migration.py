"""A migration and the row check: rows a migration rewrites are sealed again in its
transaction, and a row edited outside the trail before the migration stays reported."""

from __future__ import annotations

from sqlalchemy import select, text

from pcdesk.audit.model import AuditEntry
from pcdesk.company.service import add_department
from pcdesk.integrity import check_database
from pcdesk.store.migrate import downgrade, upgrade


def report(db) -> tuple[bool, str]:
    found = check_database(db)
    return found.ok, "\n".join(found.lines())


def entries(db, action):
    with db.new_read_session() as s:
        return s.execute(select(AuditEntry.summary, AuditEntry.actor_name).where(AuditEntry.action == action)
                         .order_by(AuditEntry.seq)).all()


def older_release(ws):
    """The database as the previous release left it: the inventory branch one revision back
    (that drops the risk analysis's newer columns, so its rows no longer match their digests)."""
    add_department(ws, "移行前の部門")  # the trail is keyed and has entries
    downgrade(ws.db, "inventory@-1")


def test_after_a_migration_every_row_is_trusted_again_at_once(demo):
    ws, _info = demo
    older_release(ws)
    upgrade(ws.db)
    ok, out = report(ws.db)
    assert ok, out  # no write was needed after the migration
    assert "業務データと監査証跡: 正常" in out
    [(summary, actor)] = entries(ws.db, "migrate")
    assert actor == "システム" and summary.startswith("データベースを移行しました（")
    assert "移行前に照合できなかった表: " in summary and "リスク" in summary  # the rewritten table is named


def test_a_row_edited_before_the_migration_is_not_laundered_by_its_seal(demo):
    ws, _info = demo
    older_release(ws)
    with ws.db.engine.begin() as conn:  # a table the migration does not touch
        conn.execute(text("UPDATE user_account SET display_name = '書き換え' WHERE login_id = 'staff'"))
    upgrade(ws.db)
    ok, out = report(ws.db)
    assert not ok
    assert "（照合の基準を記録したとき）アカウント" in out and "監査証跡を通さずに書き換えられています" in out
    add_department(ws, "移行後の部門")  # later writes do not make it go away either
    assert "（照合の基準を記録したとき）アカウント" in report(ws.db)[1]


def test_an_up_to_date_database_records_no_migration(demo):
    ws, _info = demo
    upgrade(ws.db)
    assert entries(ws.db, "migrate") == []


def test_a_new_database_records_no_migration(db):
    assert entries(db, "migrate") == []
    assert report(db)[0]
