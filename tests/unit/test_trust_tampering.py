"""Tampering with the database file, as someone holding only the file would: every kind is
reported by `pcdesk check`, naming the first bad record, given an anchor from before."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest
from sqlalchemy import select, text

from pcdesk.audit import anchors
from pcdesk.audit.model import AuditEntry
from pcdesk.audit.trail import canonical
from pcdesk.company.service import add_department
from pcdesk.integrity import check_database


def sql(db, *statements):
    with db.engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))


def report_text(db, *sources) -> tuple[bool, str]:
    report = check_database(db, sources)
    return report.ok, "\n".join(report.lines())


@pytest.fixture
def office(demo):
    """The demo company, with one write made here so the anchor file knows this database."""
    ws, info = demo
    add_department(ws, "監査前の部門")
    return ws


def head(db):
    with db.new_read_session() as s:
        return s.execute(text("SELECT last_seq, last_hash FROM audit_head")).one()


def test_an_untouched_database_passes_every_check(office):
    ok, out = report_text(office.db)
    assert ok, out
    assert "監査証跡: 正常" in out and "アンカー照合: 正常" in out and "業務データと監査証跡: 正常" in out
    assert "データベースの構造: 正常" in out


def test_edit(office):
    sql(office.db, "UPDATE audit_entry SET actor_name = '誰か' WHERE seq = 5")
    ok, out = report_text(office.db)
    assert not ok and "記録番号 5: 記録の内容が書き換えられています" in out


def test_delete(office):
    sql(office.db, "DELETE FROM audit_entry WHERE seq = 7")
    ok, out = report_text(office.db)
    assert not ok and "記録番号 7: この記録が削除されています" in out


def test_reorder(office):
    """Two entries swapped, each keeping the other's number: the keyed hash covers the number."""
    with office.db.engine.begin() as conn:
        a, b = (conn.execute(select(AuditEntry.__table__).where(AuditEntry.seq == n)).mappings().one()
                for n in (10, 11))
        for row, seq in ((a, 11), (b, 10)):
            values = {k: v for k, v in row.items() if k != "seq"}
            conn.execute(AuditEntry.__table__.update().where(AuditEntry.seq == seq).values(**values))
    ok, out = report_text(office.db)
    assert not ok and "記録番号 10:" in out


def test_insert_in_the_middle(office):
    """A forged entry pushed in at 8 (later ones renumbered): it cannot carry a valid keyed hash."""
    with office.db.engine.begin() as conn:
        rows = conn.execute(select(AuditEntry.__table__).where(AuditEntry.seq >= 8)
                            .order_by(AuditEntry.seq.desc())).mappings().all()
        for row in rows:
            conn.execute(AuditEntry.__table__.update().where(AuditEntry.seq == row["seq"]).values(seq=row["seq"] + 1))
        prev = conn.execute(select(AuditEntry.hash).where(AuditEntry.seq == 7)).scalar()
        forged = dict(rows[-1], seq=8, summary="差し込み", prev_hash=prev, hash=hashlib.sha256(b"x").hexdigest())
        conn.execute(AuditEntry.__table__.insert().values(**forged))
        conn.execute(text("UPDATE audit_head SET last_seq = last_seq + 1"))
    ok, out = report_text(office.db)
    assert not ok and "記録番号 8:" in out


def test_insert_at_the_end(office):
    last_seq, last_hash = head(office.db)
    with office.db.engine.begin() as conn:
        row = conn.execute(select(AuditEntry.__table__).where(AuditEntry.seq == last_seq)).mappings().one()
        forged = dict(row, seq=last_seq + 1, summary="後から足した記録", prev_hash=last_hash,
                      hash=hashlib.sha256(b"forged").hexdigest())
        conn.execute(AuditEntry.__table__.insert().values(**forged))
        conn.execute(text(f"UPDATE audit_head SET last_seq = {last_seq + 1}, last_hash = '{forged['hash']}'"))
    ok, out = report_text(office.db)
    assert not ok and f"記録番号 {last_seq + 1}: 記録の内容が書き換えられています" in out


def test_truncate_consistently(office):
    """The last five entries removed and the head moved back: the chain itself verifies, the
    anchor written after the last commit does not agree."""
    last_seq, _ = head(office.db)
    keep = last_seq - 5
    with office.db.engine.begin() as conn:
        new_head = conn.execute(select(AuditEntry.hash).where(AuditEntry.seq == keep)).scalar()
        conn.execute(text(f"DELETE FROM audit_entry WHERE seq > {keep}"))
        conn.execute(text(f"UPDATE audit_head SET last_seq = {keep}, last_hash = '{new_head}'"))
    ok, out = report_text(office.db)
    assert "監査証跡: 正常" in out  # consistent on its own...
    assert not ok and f"記録番号 {last_seq} が、今のデータベースにありません（記録は {keep} 件までしかありません）" in out


def test_wipe(office):
    sql(office.db, "DELETE FROM audit_entry", "UPDATE audit_head SET last_seq = 0, last_hash = ''")
    ok, out = report_text(office.db)
    assert not ok and "記録が1件もありません" in out


def test_full_recompute_without_the_key(office):
    """Someone with only the file rewrites the whole chain as plain SHA-256 after an edit:
    it verifies on its own, but not against the anchors, and this PC knows the key it used."""
    with office.db.engine.begin() as conn:
        rows = conn.execute(select(AuditEntry.__table__).order_by(AuditEntry.seq)).mappings().all()
        prev = "0" * 64
        for row in rows:
            entry = dict(row, key_id="", row_digest="", prev_hash=prev)
            if entry["seq"] == 5:
                entry["summary"] = "なかったことにした操作"
            payload = canonical([entry["seq"], entry["at"].isoformat(), entry["actor_id"], entry["actor_name"],
                                 entry["action"], entry["record_type"], entry["record_id"], entry["summary"],
                                 entry["changes"], prev])
            entry["hash"] = prev = hashlib.sha256(payload.encode()).hexdigest()
            conn.execute(AuditEntry.__table__.update().where(AuditEntry.seq == entry["seq"]).values(**entry))
        conn.execute(text(f"UPDATE audit_head SET last_hash = '{prev}', key_id = ''"))
    ok, out = report_text(office.db)
    assert "監査証跡: 正常" in out  # a consistent plain chain...
    assert not ok and "記録番号 1 から違います" in out


def test_full_recompute_of_a_chain_this_pc_keyed(setup_ws):
    """Without any anchor left, the key this PC made for the database still gives it away."""
    ws = setup_ws
    for name in ("総務部", "営業部"):
        add_department(ws, name)
    anchors.anchor_file().unlink()
    with ws.db.engine.begin() as conn:
        rows = conn.execute(select(AuditEntry.__table__).order_by(AuditEntry.seq)).mappings().all()
        prev = "0" * 64
        for row in rows:
            payload = canonical([row["seq"], row["at"].isoformat(), row["actor_id"], row["actor_name"], row["action"],
                                 row["record_type"], row["record_id"], row["summary"], row["changes"], prev])
            digest = hashlib.sha256(payload.encode()).hexdigest()
            conn.execute(AuditEntry.__table__.update().where(AuditEntry.seq == row["seq"])
                         .values(key_id="", row_digest="", prev_hash=prev, hash=digest))
            prev = digest
        conn.execute(text(f"UPDATE audit_head SET last_hash = '{prev}', key_id = ''"))
    ok, out = report_text(ws.db)
    assert not ok and "鍵で署名された記録がありません" in out


def test_direct_business_row_edit_in_a_feature_table(office):
    """A ledger entry renamed straight in SQLite (generic over every feature's models)."""
    with office.db.engine.begin() as conn:
        entry_id, name = conn.execute(text("SELECT id, name FROM inventory_entry ORDER BY id LIMIT 1")).one()
        conn.execute(text(f"UPDATE inventory_entry SET name = '書き換えた名称' WHERE id = {entry_id}"))
    ok, out = report_text(office.db)
    assert "監査証跡: 正常" in out and not ok
    assert "業務データと監査証跡: 異常" in out
    assert f"（記録ID {entry_id}）: 記録番号" in out and "監査証跡を通さずに書き換えられています" in out
    assert "個人情報の名称" in out or "名称" in out


def test_role_edit(office):
    """受付 made an administrator without the trail: the old role row vanished, a new one appeared."""
    with office.db.engine.begin() as conn:
        user_id = conn.execute(text("SELECT id FROM user_account WHERE login_id = 'reception'")).scalar()
        conn.execute(text(f"UPDATE user_role SET role = 'admin' WHERE user_id = {user_id}"))
    ok, out = report_text(office.db)
    assert not ok
    assert f"権限（記録ID {user_id},admin）: 監査証跡に記録のない行です" in out
    assert f"（記録ID {user_id},reception）: 記録番号" in out and "削除されています" in out


def test_role_added(office):
    with office.db.engine.begin() as conn:
        user_id = conn.execute(text("SELECT id FROM user_account WHERE login_id = 'staff'")).scalar()
        conn.execute(text(f"INSERT INTO user_role (user_id, role) VALUES ({user_id}, 'admin')"))
    ok, out = report_text(office.db)
    assert not ok and f"権限（記録ID {user_id},admin）: 監査証跡に記録のない行です" in out


def test_password_hash_edit(office):
    """The hash is never shown in the trail, yet replacing it is noticed (keyed row digest)."""
    from pcdesk.accounts.passwords import hash_password

    with office.db.engine.begin() as conn:
        conn.execute(text("UPDATE user_account SET password_hash = :h WHERE login_id = 'admin'"),
                     {"h": hash_password("attacker-knows-this")})
    ok, out = report_text(office.db)
    assert not ok and "アカウント「" in out and "パスワード（表示されない項目）" in out


def test_direct_row_delete(office):
    with office.db.engine.begin() as conn:
        dept = conn.execute(text("SELECT id FROM department WHERE name = '監査前の部門'")).scalar()
        conn.execute(text(f"DELETE FROM department WHERE id = {dept}"))
    ok, out = report_text(office.db)
    assert not ok and f"部門「監査前の部門」（記録ID {dept}）: 記録番号" in out and "削除されています" in out


def test_bookkeeping_columns_are_not_business_data(office):
    """The last login time changes at every login without an update entry: not a finding."""
    sql(office.db, "UPDATE user_account SET last_login_at = '2026-11-22 09:00:00.000000'")
    ok, out = report_text(office.db)
    assert ok, out


def test_a_planted_trigger_is_reported(office):
    sql(office.db, "CREATE TRIGGER promote AFTER UPDATE ON user_account BEGIN "
                   "INSERT OR IGNORE INTO user_role (user_id, role) SELECT id, 'admin' FROM user_account "
                   "WHERE login_id = 'reception'; END")
    ok, out = report_text(office.db)
    assert not ok and "pcdesk が作らないトリガー「promote」があります" in out


def test_an_exported_ledger_is_an_anchor(office, tmp_path):
    """A ledger exported earlier carries the head; after a truncation it names the missing entry."""
    from pcdesk.output.export import export_ledger

    out = tmp_path / "log.xlsx"
    export_ledger(office, "audit_log", "xlsx", out)
    anchor = anchors.read_anchor(str(out))
    assert anchor is not None and anchor.source == "出力した台帳「log.xlsx」"
    anchors.anchor_file().unlink()  # the rewriter also reached the profile's anchor file
    keep = anchor.seq - 3
    with office.db.engine.begin() as conn:
        new_head = conn.execute(select(AuditEntry.hash).where(AuditEntry.seq == keep)).scalar()
        conn.execute(text(f"DELETE FROM audit_entry WHERE seq > {keep}"))
        conn.execute(text(f"UPDATE audit_head SET last_seq = {keep}, last_hash = '{new_head}'"))
    ok, out_text = report_text(office.db, str(out))
    assert not ok and f"出力した台帳「log.xlsx」にある記録番号 {anchor.seq} が、今のデータベースにありません" in out_text


def test_a_number_copied_from_paper_is_an_anchor(office):
    last_seq, last_hash = head(office.db)
    paper = anchors.paper_text(last_seq, last_hash)  # 「監査証跡 No.123-1a2b…」 under the printed table
    anchors.anchor_file().unlink()
    with office.db.engine.begin() as conn:  # the last two entries replaced by one made up
        row = conn.execute(select(AuditEntry.__table__).where(AuditEntry.seq == last_seq - 1)).mappings().one()
        conn.execute(text(f"DELETE FROM audit_entry WHERE seq >= {last_seq - 1}"))
        conn.execute(AuditEntry.__table__.insert().values(**dict(row, summary="別の操作", hash="f" * 64)))
        conn.execute(text(f"UPDATE audit_head SET last_seq = {last_seq - 1}, last_hash = '{'f' * 64}'"))
    typed = paper.split("No.")[1]
    ok, out = report_text(office.db, typed)
    assert not ok and f"入力された控え「{typed}」にある記録番号 {last_seq} が、今のデータベースにありません" in out


def test_a_backup_is_an_anchor(office, tmp_path):
    from pcdesk.backups import make_backup

    make_backup(office, office.db.path.parent / "backups" / "before.sqlite3")
    anchors.anchor_file().unlink()
    last_seq, _ = head(office.db)  # the backup holds last_seq - 1; the backup event came after
    keep = last_seq - 2
    sql(office.db, f"DELETE FROM audit_entry WHERE seq > {keep}",
        f"UPDATE audit_head SET last_seq = {keep}, last_hash = (SELECT hash FROM audit_entry WHERE seq = {keep})")
    ok, out = report_text(office.db)
    assert not ok and "バックアップ「before.sqlite3」にある記録番号" in out


def test_the_command_line_names_the_first_bad_record(office):
    sql(office.db, "UPDATE audit_entry SET summary = '改ざん' WHERE seq = 12")
    result = subprocess.run([sys.executable, "-m", "pcdesk", "check", "--db", str(office.db.path)],
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 1 and "記録番号 12: 記録の内容が書き換えられています" in result.stdout
    assert "Traceback" not in result.stderr


def test_the_audit_viewer_hides_the_digests_of_a_seal():
    from pcdesk.audit.query import describe_changes

    assert describe_changes("department", json.dumps({"_digests": {"1": "ab"}})) == ""


def test_bulk_statements_stay_bound_when_the_service_says_so(office):
    """A service that inserts or deletes in bulk (bypassing the ORM) wraps it in bulk_rows."""
    from sqlalchemy import delete, insert

    from pcdesk.audit.trail import bulk_rows
    from pcdesk.company.model import Department

    with office.write() as s:
        with bulk_rows(s, Department):
            s.execute(insert(Department.__table__), [{"name": f"一括{i}", "sort_order": 90 + i, "active": True}
                                                     for i in range(3)])
    with office.write() as s:
        with bulk_rows(s, Department):
            s.execute(delete(Department).where(Department.name == "一括0"))
    ok, out = report_text(office.db)
    assert ok, out
    with office.write() as s:  # the same statement without it: the row is not bound
        s.execute(insert(Department.__table__).values(name="素通り", sort_order=99, active=True))
    ok, out = report_text(office.db)
    assert not ok and "監査証跡に記録のない行です" in out
