"""Versions as the 個人情報保護管理者 lives them: draft, refusal, publishing, freezing, comparing."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from pcdesk import clock
from pcdesk.audit.query import AuditFilter, fetch_page
from pcdesk.errors import PermissionDenied, ValidationError
from pcdesk.policy import service
from pcdesk.policy.document import NOTICE, POLICY
from pcdesk.policy.flow import PolicyFlow, open_draft
from pcdesk.policy.plain_text import printable_text
from pcdesk.services import ADMIN, APPROVER, RECEPTION, STAFF, Actor, Workspace
from tests.policy_answers import full_answers


@pytest.fixture
def office(setup_ws):
    """A company with its profile, as an administrator sees it (no inventory entries)."""
    from pcdesk.company.service import save_company

    save_company(setup_ws, {"name": "株式会社テストデータ", "postal_code": "100-0001", "address": "東京都千代田区千代田1番1号",
                            "representative": "代表取締役 山田 太郎", "pms_manager": "取締役 鈴木 花子",
                            "contact_name": "個人情報お問合せ窓口", "contact_phone": "03-0000-1111",
                            "contact_email": "privacy@example.jp"})
    return Workspace(setup_ws.db, Actor(None, "総務 一郎", frozenset({ADMIN, STAFF})))


def as_role(ws, *roles):
    return Workspace(ws.db, Actor(None, "誰か", frozenset(roles)))


def published_first(ws, **changes):
    draft = service.start_draft(ws)
    service.save_draft(ws, draft.id, full_answers(**changes))
    return service.publish(ws, draft.id, on=dt.date(2025, 4, 1))


def test_a_first_draft_starts_from_the_company_profile(office):
    draft = service.start_draft(office)
    answers = service.answers_of(draft)
    assert draft.label == "第1版" and draft.is_draft
    assert answers["company_name"] == "株式会社テストデータ" and answers["contact_phone"] == "03-0000-1111"
    assert service.start_draft(office).id == draft.id  # one draft at a time


def test_publishing_is_refused_naming_every_missing_item_and_writes_nothing(office):
    draft = service.start_draft(office)
    service.save_draft(office, draft.id, full_answers(representative="", request_method="", security_technical=""))
    before = len(fetch_page(office, AuditFilter()))
    with pytest.raises(ValidationError) as refused:
        service.publish(office, draft.id)
    assert [p.field for p in refused.value.problems] == ["代表者の氏名", "開示等の請求の方法", "技術的安全管理措置"]
    assert "代表者の氏名: 入力してください（例: 代表取締役 佐藤 太郎）。" in str(refused.value)
    assert service.get_version(office, draft.id).is_draft
    assert len(fetch_page(office, AuditFilter())) == before


def test_publishing_freezes_the_version_with_its_date(office):
    version = published_first(office)
    assert version.status == "published" and version.published_on == dt.date(2025, 4, 1)
    assert version.note == "制定" and version.published_by == "総務 一郎"
    with pytest.raises(ValidationError, match="公表済みのため変更できません"):
        service.save_draft(office, version.id, full_answers(company_name="別の会社"))
    published = [e for e in fetch_page(office, AuditFilter(), limit=5) if e.record_type == "policy_version"][0]
    assert published.summary == "第1版（公表済み）"
    assert json.loads(published.changes)["status"] == ["draft", "published"]


def test_a_published_text_does_not_change_when_the_templates_do(office):
    from pcdesk.shipped import resources_dir
    from pcdesk.store.paths import data_dir

    version = published_first(office)
    folder = data_dir() / "resources" / "policy"
    folder.mkdir(parents=True, exist_ok=True)
    text = (resources_dir() / "policy" / "policy.toml").read_text(encoding="utf-8")
    (folder / "policy.toml").write_text(text.replace("法令・規範の遵守", "法令と社内規程の遵守"), encoding="utf-8")
    assert service.document_of(version, POLICY).clause("compliance").heading == "2．法令・規範の遵守"
    draft = service.start_draft(office)
    assert service.document_of(draft, POLICY).clause("compliance").heading == "2．法令と社内規程の遵守"


def test_a_new_draft_starts_from_the_last_version_and_shows_in_the_history(office):
    published_first(office)
    draft = service.start_draft(office)
    assert draft.label == "第2版"
    answers = service.answers_of(draft)
    assert answers["fee_amount"] == 1000 and answers["joint_scope"] == "当社及びテストリース株式会社"
    answers["fee_amount"] = 0
    service.save_draft(office, draft.id, answers)
    with clock.pinned(dt.datetime(2026, 11, 22, 10, 0)):
        second = service.publish(office, draft.id)
    assert second.note == "「開示等の請求の手続」を改定"
    item = service.printable_of(office, second, NOTICE)
    assert item.history == (("2025年4月1日", "制定"), ("2026年11月22日", "「開示等の請求の手続」を改定"))
    assert "最終改正日：2026年11月22日" in item.signature
    # The 方針 did not change in version 2: its history and 最終改正日 stay as they were.
    policy = service.printable_of(office, second, POLICY)
    assert policy.history == (("2025年4月1日", "制定"),) and not any("最終改正日" in s for s in policy.signature)
    assert "最終改正日" not in printable_text(policy)


def test_comparing_two_versions_shows_the_changed_clause(office):
    first = published_first(office)
    draft = service.start_draft(office)
    service.save_draft(office, draft.id, full_answers(contact_hours="平日 9:00〜18:00"))
    changes = [c for c in service.compare_versions(office, first.id, draft.id) if c.changed]
    assert [(c.document, c.heading, c.status_label) for c in changes] == [
        ("個人情報保護方針", "結び・お問い合わせ先", "変更"), ("個人情報の取扱いについて", "12．苦情・相談の窓口", "変更")]
    before, after = changes[1].marks()
    assert [line for line, m in zip(changes[1].before, before) if m] == ["受付時間：平日 9:00〜17:00"]
    assert [line for line, m in zip(changes[1].after, after) if m] == ["受付時間：平日 9:00〜18:00"]


def test_a_version_identical_to_the_last_is_not_published(office):
    published_first(office)
    draft = service.start_draft(office)
    with pytest.raises(ValidationError, match="第1版と同じ内容です"):
        service.publish(office, draft.id)


def test_the_publishing_date_is_neither_in_the_future_nor_before_the_last(office):
    published_first(office)
    draft = service.start_draft(office)
    service.save_draft(office, draft.id, full_answers(contact_hours="いつでも"))
    with pytest.raises(ValidationError, match="今日より後の日付では公表できません"):
        service.publish(office, draft.id, on=clock.today() + dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="前の版（第1版）の公表日より前にはできません"):
        service.publish(office, draft.id, on=dt.date(2025, 3, 1))


def test_roles_staff_drafts_the_admin_publishes_reception_sees_nothing(office):
    staff = as_role(office, STAFF)
    draft = service.start_draft(staff)
    service.save_draft(staff, draft.id, full_answers())
    with pytest.raises(PermissionDenied, match="管理者"):
        service.publish(staff, draft.id)
    with pytest.raises(PermissionDenied):
        service.start_draft(as_role(office, APPROVER))
    with pytest.raises(PermissionDenied):
        service.list_versions(as_role(office, RECEPTION))
    assert service.policy_attention(as_role(office, RECEPTION)) == []
    with pytest.raises(PermissionDenied):
        service.discard_draft(staff, draft.id)
    service.discard_draft(office, draft.id)
    assert service.list_versions(office) == []


def test_hostile_input_is_refused_or_kept_as_text(office):
    draft = service.start_draft(office)
    with pytest.raises(ValidationError, match="理念（方針の前文）: 4000文字以内"):
        service.save_draft(office, draft.id, full_answers(philosophy="長" * 4001))
    with pytest.raises(ValidationError, match="300行以内"):
        service.save_draft(office, draft.id, full_answers(purposes=[{"subject": "顧客", "purpose": f"目的{i}"}
                                                                     for i in range(301)]))
    script = '<script>alert("x")</script> & =HYPERLINK("http://evil")'
    service.save_draft(office, draft.id, full_answers(philosophy=script))
    text = printable_text(service.printable_of(office, service.get_version(office, draft.id), POLICY))
    assert script in text


def test_the_wizard_flow_asks_only_the_sections_that_apply(office):
    flow = open_draft(office)
    flow.set(**full_answers(joint_use=False, abroad=False, cookies=False, sensitive=True))
    path = flow.path()
    assert "joint_use" not in path and "abroad" not in path and "cookies" not in path
    assert path[:5] == ["company", "policy", "contact", "purposes", "sections"]
    assert "sensitive" in path and path[-1] == "confirm"
    flow.set(contact_email="not-an-address")
    for _ in range(2):
        flow.go_next()
    with pytest.raises(ValidationError, match="窓口のメールアドレス: メールアドレスの形式ではありません"):
        flow.go_next()  # the 窓口 step refuses what cannot be stored...
    flow.set(contact_email="privacy@example.jp", request_method="")
    while flow.go_next():
        pass  # ...but lets a draft with empty items through
    assert [p.field for p in flow.missing()] == ["開示等の請求の方法"]
    version = flow.finish(office)
    assert service.answers_of(version)["request_method"] == ""


def test_the_flow_loads_missing_inventory_purposes_without_losing_rows():
    from tests.policy_answers import RECORDS

    flow = PolicyFlow(full_answers(purposes=[{"subject": "株主", "purpose": "配当のため"}]), records=RECORDS)
    assert flow.load_inventory_purposes() == 4
    assert [r["purpose"] for r in flow.get("purposes")][:2] == ["配当のため", "商品の発送と代金の請求のため"]
    assert flow.load_inventory_purposes() == 0
    assert [g.kind for g in flow.warnings()] == ["unused_purpose"]


def test_home_page_and_compliance_check_without_a_published_policy(office):
    items = service.policy_attention(office)
    assert [(i.severity, i.page) for i in items] == [("danger", "policy")]
    assert "まだ公表されていません" in items[0].text
    findings = service.compliance_findings(office)
    assert findings[0].text == "個人情報保護方針と「個人情報の取扱いについて」が公表されていません。"


def test_the_audit_trail_reads_in_japanese(office):
    version = published_first(office)
    from pcdesk.policy.model import PolicyVersion

    entries = [e for e in fetch_page(office, AuditFilter(), limit=20) if e.record_type == "policy_version"]
    assert [e.summary for e in entries] == ["第1版（公表済み）", "第1版（下書き）", "第1版（下書き）"]
    assert PolicyVersion.__audit_label__ == "プライバシーポリシー"
    assert set(PolicyVersion.__field_labels__) == set(PolicyVersion.__table__.columns.keys())
    changes = json.loads(entries[0].changes)
    assert "policy_document" not in changes  # the frozen text is derived; the trail keeps the answers
    assert version.id


def test_the_home_page_says_so_when_the_notice_is_true_to_the_ledger(office):
    published_first(office)  # the office has no ledger entries: nothing disagrees
    items = service.policy_attention(office)
    assert [(i.severity, i.text) for i in items] == [
        ("ok", "プライバシーポリシー: 第1版（2025年4月1日公表）を公表中。個人情報管理台帳と合っています。")]
