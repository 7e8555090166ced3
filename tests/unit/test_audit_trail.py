"""Every service write is audited in the same transaction; the chain catches tampering."""

import json
import subprocess
import sys

import pytest
from sqlalchemy import delete, select, text, update

from pcdesk.accounts.model import User
from pcdesk.accounts.service import create_user, reset_password, update_user
from pcdesk.audit.model import AuditEntry
from pcdesk.audit.trail import AuditError, verify_chain
from pcdesk.company.model import Department
from pcdesk.company.service import add_department, rename_department, save_company, set_department_active
from pcdesk.errors import ValidationError
from pcdesk.services import ADMIN, STAFF, Workspace
from pcdesk.settings import Settings, save_settings

COMPANY = {"name": "株式会社テスト", "address": "東京都千代田区1-1", "representative": "山田 太郎",
           "pms_manager": "佐藤 花子", "contact_name": "総務部", "contact_phone": "03-1111-2222",
           "contact_email": "privacy@example.jp"}


def entries(ws):
    with ws.read() as s:
        return list(s.scalars(select(AuditEntry).order_by(AuditEntry.seq)))


def test_every_service_write_is_audited_with_before_and_after(setup_ws):
    ws = setup_ws
    save_company(ws, COMPANY)
    dept = add_department(ws, "総務部")
    rename_department(ws, dept.id, "総務・人事部")
    set_department_active(ws, dept.id, False)
    user = create_user(ws, "yamada", "山田 太郎", "kawa-no-nagare-9", {STAFF})
    update_user(ws, user.id, display_name="山田 一郎", roles={STAFF, ADMIN}, department_id=None,
                email="", active=True)
    reset_password(ws, user.id)
    save_settings(ws, Settings(date_style="wareki"))

    log = entries(ws)
    kinds = [(e.action, e.record_type) for e in log]
    assert ("create", "company_profile") in kinds
    assert ("create", "department") in kinds
    assert ("create", "user_account") in kinds
    assert ("create", "user_role") in kinds
    assert ("create", "app_setting") in kinds
    rename = next(e for e in log if e.action == "update" and e.record_type == "department"
                  and "name" in json.loads(e.changes))
    assert json.loads(rename.changes)["name"] == ["総務部", "総務・人事部"]
    assert rename.actor_name == "初期設定"
    assert rename.record_id == str(dept.id)
    renamed_user = next(e for e in log if e.action == "update" and "display_name" in json.loads(e.changes))
    assert json.loads(renamed_user.changes)["display_name"] == ["山田 太郎", "山田 一郎"]
    # A password change is recorded, but the hash itself never appears in the trail.
    reset = [e for e in log if e.action == "update" and "password_hash" in json.loads(e.changes)]
    assert reset and json.loads(reset[0].changes)["password_hash"] == ["＊＊＊", "＊＊＊"]
    assert all("argon2" not in e.changes for e in log)
    assert verify_chain(ws.db.new_read_session()).ok


def test_a_failed_write_leaves_neither_change_nor_audit_entry(setup_ws):
    add_department(setup_ws, "営業部")
    before = len(entries(setup_ws))
    with pytest.raises(ValidationError, match="すでにあります"):
        add_department(setup_ws, "営業部")
    with pytest.raises(RuntimeError):
        with setup_ws.write() as s:
            s.add(Department(name="開発部", sort_order=9, active=True))
            s.flush()
            raise RuntimeError("boom")
    assert len(entries(setup_ws)) == before
    with setup_ws.read() as s:
        assert s.scalar(select(Department).where(Department.name == "開発部")) is None


def test_writes_outside_the_service_layer_are_refused(db):
    session = db.new_write_session()
    session.add(Department(name="裏口", sort_order=1, active=True))
    with pytest.raises(AuditError, match="Workspace.write"):
        session.commit()
    session.rollback()
    session.close()


def _tamper(db, sql):
    with db.engine.begin() as conn:
        conn.execute(text(sql))


def _check(db_path):
    return subprocess.run([sys.executable, "-m", "pcdesk", "check", "--db", str(db_path)],
                          capture_output=True, text=True, encoding="utf-8")


def test_check_passes_on_an_untouched_trail(demo):
    ws, _ = demo
    result = _check(ws.db.path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "監査証跡: 正常" in result.stdout


def test_check_names_an_edited_entry(demo):
    ws, _ = demo
    _tamper(ws.db, "UPDATE audit_entry SET actor_name = '誰か' WHERE seq = 5")
    result = _check(ws.db.path)
    assert result.returncode == 1
    assert "記録番号 5" in result.stdout and "書き換え" in result.stdout


def test_check_names_a_deleted_entry(demo):
    ws, _ = demo
    _tamper(ws.db, "DELETE FROM audit_entry WHERE seq = 7")
    result = _check(ws.db.path)
    assert result.returncode == 1
    assert "記録番号 7" in result.stdout and "削除" in result.stdout


def test_check_notices_the_last_entry_removed(demo):
    ws, _ = demo
    _tamper(ws.db, "DELETE FROM audit_entry WHERE seq = (SELECT MAX(seq) FROM audit_entry)")
    with ws.read() as s:
        report = verify_chain(s)
    assert not report.ok and "末尾" in report.reason


def test_rehashed_forgery_is_caught_at_the_forged_entry(demo):
    """Without the key an entry can only be rehashed as a plain SHA-256 entry: caught at once."""
    from pcdesk.audit.trail import entry_hash

    ws, _ = demo
    with ws.db.engine.begin() as conn:
        row = conn.execute(select(AuditEntry.__table__).where(AuditEntry.seq == 3)).mappings().one()
        forged = dict(row, summary="改ざん", key_id="", row_digest="")
        forged["hash"] = entry_hash(**{k: forged[k] for k in forged if k != "hash"})
        conn.execute(update(AuditEntry).where(AuditEntry.seq == 3).values(
            summary="改ざん", key_id="", row_digest="", hash=forged["hash"]))
    with ws.read() as s:
        report = verify_chain(s)
    assert not report.ok and report.first_bad_seq == 3


def test_reads_inside_a_unit_of_work_see_its_own_writes(setup_ws):
    with setup_ws.atomic():
        add_department(setup_ws, "法務部")
        with setup_ws.read() as s:
            assert s.scalar(select(Department.id).where(Department.name == "法務部")) is not None


def test_every_audited_column_has_a_japanese_label_for_the_viewer():
    """The audit viewer's 変更内容 must read in Japanese, not as column names."""
    from pcdesk.audit.query import field_labels
    from pcdesk.store.base import Base
    import pcdesk.store.models  # noqa: F401

    unlabelled = []
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        if not cls.__audited__:
            continue
        labels = field_labels(cls.__tablename__)
        unlabelled += [f"{cls.__tablename__}.{c.key}" for c in cls.__table__.columns
                       if c.key not in labels and c.key != "id" and c.info.get("audit") != "skip"]
    assert unlabelled == []
