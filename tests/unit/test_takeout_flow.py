"""The application wizard as data: each page's questions checked as the person leaves it, the
asset page refusing unencrypted media for personal data, and the finished values saved."""

from __future__ import annotations

import datetime as dt

import pytest

from pcdesk.errors import ValidationError
from pcdesk.takeout import service
from pcdesk.takeout.flow import ApplicationFlow
from tests.takeout_fixtures import takeout_office, takeout_template  # noqa: F401  (fixtures)


def walk(flow: ApplicationFlow, **answers) -> str:
    flow.set(**answers)
    return flow.go_next()


def test_a_whole_application_through_the_wizard(takeout_office):
    o = takeout_office
    flow = ApplicationFlow.new(o.staff)
    assert (flow.get("applicant_name"), flow.get("applicant_department")) == (o.staff.actor.name, "営業部")
    assert walk(flow) == "information"
    assert walk(flow, information="見積書と顧客リスト", contains_personal=True, personal_count=40) == "assets"
    usable = {c.facts.number: flow.asset_usable(c) for c in flow.assets}
    assert usable == {"DOC-001": True, "PC-001": True, "USB-001": True, "USB-009": False}
    assert walk(flow, asset_ids=[o.assets["PC-001"]]) == "purpose"
    assert walk(flow, purpose_kind="customer", purpose="見積の説明", destination="株式会社B 大阪支店") == "schedule"
    assert flow.schedule_labels() == ("持出し日時", "返却予定日")
    assert walk(flow) == "measures"  # tomorrow 9:00, back the same day
    assert flow.suggested_measures() == ["encryption"]
    assert walk(flow, measures=flow.suggested_measures() + ["password"]) == "pledge"
    assert "直ちに取締役" in flow.pledge and "に報告し" in flow.pledge
    assert walk(flow, pledge_accepted=True) == "confirm"
    summary = dict(flow.summary())
    assert summary["個人情報"] == "含む（40件）"
    assert summary["持出し物"].startswith("PC-001　ノートPC　ThinkPad X1（暗号化: あり（BitLocker））")
    assert summary["持出し日時"] == "2026年11月23日 09:00"
    app = service.apply(o.staff, flow.finish(), flow.application_id)
    assert app.state_label == "申請中" and app.assets[0].number == "PC-001"


def test_each_page_says_what_is_missing_before_moving_on(takeout_office):
    o = takeout_office
    flow = ApplicationFlow.new(o.staff)
    flow.go_next()
    with pytest.raises(ValidationError) as exc:
        walk(flow, information="", contains_personal=None)
    assert "持出し情報: 入力してください（例: 提案書の資料一式）。" in exc.value.message
    assert "個人情報: 含まれるか含まれないかを選んでください。" in exc.value.message
    assert flow.current == "information"


def test_unencrypted_media_cannot_be_chosen_for_personal_data(takeout_office):
    o = takeout_office
    flow = ApplicationFlow.new(o.staff)
    flow.go_next()
    walk(flow, information="顧客リスト", contains_personal=True, personal_count=10)
    with pytest.raises(ValidationError, match="USB-009（USBメモリ）は暗号化されていないため"):
        walk(flow, asset_ids=[o.assets["USB-009"]])
    flow.go_back()
    walk(flow, contains_personal=False, personal_count=None)
    assert walk(flow, asset_ids=[o.assets["USB-009"]]) == "purpose"


def test_choosing_ledger_entries_means_personal_data_with_their_count(takeout_office, monkeypatch):
    from pcdesk.capabilities import HeldRecord

    o = takeout_office
    flow = ApplicationFlow.new(o.staff)
    flow.held = [HeldRecord(id=7, number="PI-0007", name="見込客リスト", department="営業部", business_process="営業",
                            subject_kinds=("見込客",), purpose="案内", category="personal_data", category_label="個人データ",
                            sensitive=False, specific=False, record_count=800, consigned=False, consignee="",
                            third_party=False, third_party_recipient="", joint_use=False, joint_use_details="",
                            taken_out=True)]
    flow.set(held_records=[7])
    assert (flow.get("contains_personal"), flow.get("personal_count")) == (True, 800)
    flow.set(contains_personal=False)
    with pytest.raises(ValidationError, match="個人情報管理台帳の情報を選んでいます。「含まれる」にしてください。"):
        flow.history = ["information"]
        walk(flow, information="見込客リスト")


def test_a_standing_approval_counts_whole_days_and_its_longest_period(takeout_office):
    o = takeout_office
    flow = ApplicationFlow.new(o.staff)
    flow.history = ["schedule"]
    flow.set(approval_kind="standing", out_at=dt.datetime(2026, 12, 1, 9, 30), return_due=dt.date(2027, 6, 2))
    assert flow.get("out_at") == dt.datetime(2026, 12, 1, 0, 0)
    assert flow.schedule_labels() == ("期間の初日", "期間の末日")
    with pytest.raises(ValidationError, match="包括承認の期間: 6か月以内にしてください（最長 2027年6月1日 まで）。"):
        flow.go_next()


def test_a_sent_back_application_reopens_with_its_answers(takeout_office):
    from tests.takeout_fixtures import application_values

    o = takeout_office
    app = service.apply(o.staff, application_values(o))
    service.send_back(o.approver, app.id, "持出し先の住所を書いてください")
    flow = ApplicationFlow.new(o.staff, service.get_application(o.staff, app.id))
    assert flow.application_id == app.id and flow.get("destination") == "株式会社A 本社（東京都港区）"
    flow.set(destination="株式会社A 本社（東京都港区芝浦1-1-1）")
    again = service.apply(o.staff, flow.finish(), flow.application_id)
    assert (again.id, again.state_label, again.number) == (app.id, "申請中", app.number)
