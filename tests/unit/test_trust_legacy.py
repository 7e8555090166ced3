"""An installation from before the keyed chain keeps working: its plain SHA-256 entries keep
verifying, the first write records the switch to the key and seals every row."""

from __future__ import annotations

import sqlite3

from sqlalchemy import select

from pcdesk.audit.model import AuditEntry
from pcdesk.audit.trail import verify_chain
from pcdesk.company.service import add_department
from pcdesk.integrity import check_database
from pcdesk.services import SETUP, Workspace
from pcdesk.store.opening import open_database
from tests.legacy import LEGACY_ENTRIES, legacy_copy


def test_an_old_database_verifies_as_it_is_after_the_upgrade(tmp_path):
    db = open_database(legacy_copy(tmp_path))
    report = check_database(db)
    assert report.ok, report.lines()
    assert f"監査証跡: 正常（{LEGACY_ENTRIES} 件、鍵なし（SHA-256））" in report.lines()


def test_the_first_write_records_the_switch_to_the_key_and_seals_the_rows(tmp_path):
    db = open_database(legacy_copy(tmp_path))
    add_department(Workspace(db, SETUP), "移行後の部門")
    with db.new_read_session() as s:
        new = list(s.scalars(select(AuditEntry).where(AuditEntry.seq > LEGACY_ENTRIES).order_by(AuditEntry.seq)))
        chain = verify_chain(s)
    assert new[0].action == "key" and f"記録番号 {LEGACY_ENTRIES} までは鍵のない SHA-256 で照合" in new[0].summary
    seals = [e for e in new if e.action == "seal"]
    assert {e.record_type for e in seals} >= {"user_account", "user_role", "department", "inventory_entry"}
    assert new[-1].action == "create" and new[-1].record_type == "department"
    assert all(e.key_id == new[0].key_id != "" for e in new)
    assert chain.ok and chain.plain_until == LEGACY_ENTRIES and chain.keys_used == [new[0].key_id]
    assert check_database(db).ok


def test_a_password_hash_replaced_after_the_switch_is_noticed(tmp_path):
    db = open_database(legacy_copy(tmp_path))
    add_department(Workspace(db, SETUP), "移行後の部門")  # the seal now holds every row's digest
    db.dispose()
    conn = sqlite3.connect(db.path)
    conn.execute("UPDATE user_account SET password_hash = 'x' WHERE login_id = 'manager'")
    conn.commit()
    conn.close()
    lines = "\n".join(check_database(open_database(db.path)).lines())
    assert "パスワード（表示されない項目）" in lines


def test_an_edit_made_before_the_upgrade_is_not_hidden_by_the_seal(tmp_path):
    path = legacy_copy(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE department SET name = '裏で変えた部門' WHERE name = '営業部'")
    conn.commit()
    conn.close()
    db = open_database(path)
    add_department(Workspace(db, SETUP), "移行後の部門")  # seals the rows, naming what already disagreed
    report = check_database(db)
    text = "\n".join(report.lines())
    assert not report.ok and "（照合の基準を記録したとき）部門「営業部」" in text and "部門名" in text


def test_an_edited_old_entry_is_still_caught(tmp_path):
    path = legacy_copy(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE audit_entry SET summary = '改ざん' WHERE seq = 20")
    conn.commit()
    conn.close()
    report = check_database(open_database(path))
    assert any("記録番号 20: 記録の内容が書き換えられています" in line for line in report.lines())
