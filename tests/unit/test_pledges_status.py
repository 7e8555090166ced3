"""Where every worker stands: 取得済 / 未取得 / 要再取得 / 退職時誓約 未取得, and what follows
from it (the home page, the compliance check, the ledgers, scanned copies)."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlalchemy import update

from pcdesk import clock
from pcdesk.company.service import add_department
from pcdesk.errors import PermissionDenied, ValidationError
from pcdesk.output.registry import LedgerQuery
from pcdesk.pledges.ledgers import pledge_register_rows, worker_status_rows
from pcdesk.pledges.model import (ANNUAL, CONTRACTOR, DISPATCHED, FOR_DISPATCHED, JOINING, LEAVING, REGULAR,
                                  PledgeScan)
from pcdesk.pledges.overview import compliance_findings, pledge_attention
from pcdesk.pledges.pledging import (MAX_SCAN_BYTES, ScanFile, attach_scan, record_pledge, save_scan_copy,
                                     scan_info, standings, void_record)
from pcdesk.pledges.service import WorkerFilter, create_worker, record_leaving
from pcdesk.pledges.versions import current_template, save_template_version, template_versions
from pcdesk.services import STAFF, Actor
from pcdesk.settings import save_feature_settings

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def office(setup_ws):
    dept = add_department(setup_ws, "総務部").id
    return setup_ws, dept


def hire(ws, dept, number="0001", name="山田 太郎", employment=REGULAR, **over):
    return create_worker(ws, {"number": number, "name": name, "department_id": dept, "employment": employment,
                              "joined_on": dt.date(2024, 4, 1), **over})


def sign(ws, worker, kind=JOINING, on=dt.date(2026, 4, 1), **over):
    return record_pledge(ws, worker.id, {"kind": kind, "signed_on": on, "collected_by": "総務 伊藤",
                                         "original_location": "総務部 施錠キャビネットA", **over}, **{})


def state_of(ws, worker):
    return next(r.standing for r in standings(ws, WorkerFilter(include_left=True)) if r.worker.id == worker.id)


def test_a_template_change_turns_signed_workers_to_renew(office):
    ws, dept = office
    a, b = hire(ws, dept), hire(ws, dept, "0002", "佐藤 花子")
    sign(ws, a)
    assert state_of(ws, a).label == "取得済" and state_of(ws, b).label == "未取得"
    assert state_of(ws, b).needs == JOINING
    text = current_template(ws, JOINING)
    revised = save_template_version(ws, JOINING, {"title": text.title, "preamble": text.preamble, "closing": "以上",
                                                  "note": "生成AIへの入力禁止を追加"},
                                    [*text.clauses, {"heading": "生成AIの利用", "text": "私は、許可なく生成AIに入力しません。"}])
    assert revised.version == 2 and revised.effective_on == dt.date(2026, 11, 22)
    assert [v.version for v in template_versions(ws, JOINING)] == [2, 1]
    st = state_of(ws, a)
    assert st.label == "要再取得" and st.reason == "ひな形が第2版に改訂（署名は第1版）"
    assert st.needs == ANNUAL  # staff who signed on joining renew with the current-staff pledge
    sign(ws, a, ANNUAL, dt.date(2026, 11, 22))
    assert state_of(ws, a).label == "取得済"


def test_an_unchanged_or_backdated_revision_is_refused(office):
    ws, _dept = office
    text = current_template(ws, ANNUAL)
    values = {"title": text.title, "preamble": text.preamble, "closing": text.closing, "note": "見直し"}
    with pytest.raises(ValidationError, match="何も変わっていません"):
        save_template_version(ws, ANNUAL, values, text.clauses)
    with pytest.raises(ValidationError, match="条項: 1つ以上入れてください"):
        save_template_version(ws, ANNUAL, values, [])
    with pytest.raises(ValidationError, match="改訂の理由: 入力してください"):
        save_template_version(ws, ANNUAL, {**values, "note": ""}, [*text.clauses, {"heading": "追加", "text": "本文"}])
    with pytest.raises(PermissionDenied):
        save_template_version(ws.as_actor(Actor(9, "担当", frozenset({STAFF}))), ANNUAL, values, text.clauses)


def test_the_renewal_period_from_the_settings_makes_a_pledge_due(office):
    ws, dept = office
    a = hire(ws, dept)
    sign(ws, a, on=dt.date(2026, 1, 10))
    assert state_of(ws, a).label == "取得済"
    with clock.pinned(dt.datetime(2027, 1, 10, 9, 0)):
        st = state_of(ws, a)
        assert st.label == "要再取得" and "署名から12か月経過（期限 2027年1月10日）" == st.reason
        save_feature_settings(ws, {"pledges.renewal_months": 24})
        assert state_of(ws, a).label == "取得済"
        save_feature_settings(ws, {"pledges.renewal_months": 0})  # 0: no renewal by time
        assert state_of(ws, a).label == "取得済"
    with pytest.raises(ValidationError, match="60以下"):
        save_feature_settings(ws, {"pledges.renewal_months": 99})


def test_a_leaver_without_the_leaving_pledge_is_listed_everywhere(office):
    ws, dept = office
    a, b = hire(ws, dept), hire(ws, dept, "0002", "佐藤 花子")
    sign(ws, a)
    sign(ws, b)
    with pytest.raises(ValidationError, match="退職日がまだ登録されていません"):
        sign(ws, a, LEAVING, dt.date(2026, 10, 31))
    record_leaving(ws, a.id, dt.date(2026, 10, 31))
    record_leaving(ws, b.id, dt.date(2026, 10, 31))
    sign(ws, b, LEAVING, dt.date(2026, 10, 31))
    assert state_of(ws, a).label == "退職時誓約 未取得" and state_of(ws, a).needs == LEAVING
    assert state_of(ws, b).label == "退職時誓約 取得済"
    rows = list(pledge_register_rows(ws, LedgerQuery()))
    assert [(r["name"], r["status"]) for r in rows] == [("山田 太郎", "退職時誓約 未取得")]  # b is done and gone
    attention = pledge_attention(ws)
    assert [(i.text, i.page, i.focus) for i in attention] == [
        ("退職時の誓約書を取得していない退職者が 1 人います。", "pledges", "leaving_missing")]
    findings = compliance_findings(ws)
    assert [f.text for f in findings] == ["山田 太郎（総務部、社員番号 0001）は退職しましたが、退職時の誓約書がありません。"]
    status = list(worker_status_rows(ws, LedgerQuery()))
    total = status[-1]
    assert total["employment"] == "合計" and total["headcount"] == 0 and total["left_missing"] == 1


def test_dispatched_and_contractor_staff_sign_their_own_pledge_not_the_leaving_one(office):
    ws, dept = office
    d = hire(ws, dept, "H-001", "派遣 一子", DISPATCHED, agency="株式会社ひかり人材サービス")
    c = hire(ws, dept, "C-001", "委託 二郎", CONTRACTOR, agency="株式会社みらいシステムサポート")
    assert state_of(ws, d).needs == FOR_DISPATCHED and state_of(ws, c).needs == "contractor"
    with pytest.raises(ValidationError, match="派遣社員の派遣 一子さんには「入社時」は使いません。次から選んでください: 派遣社員用"):
        sign(ws, d, JOINING)
    sign(ws, d, FOR_DISPATCHED)
    record_leaving(ws, d.id, dt.date(2026, 11, 1))
    assert state_of(ws, d).label == "契約終了"
    assert not [f for f in compliance_findings(ws) if "派遣 一子" in f.text]


def test_bad_records_are_refused_and_a_mistake_is_voided_not_deleted(office):
    ws, dept = office
    a = hire(ws, dept)
    with pytest.raises(ValidationError) as err:
        sign(ws, a, on=dt.date(2026, 12, 1), collected_by="", original_location="")
    assert "署名日: 今日より後の日付です。" in err.value.message
    assert "回収者: 入力してください（例: 総務部 伊藤）。" in err.value.message
    assert "原本の保管場所: 入力してください" in err.value.message
    with pytest.raises(ValidationError, match="入社日（2024年4月1日）より90日以上前です"):
        sign(ws, a, on=dt.date(2023, 1, 1))
    record = sign(ws, a)
    with pytest.raises(ValidationError, match="取消の理由: 入力してください"):
        void_record(ws, record.id, " ")
    void_record(ws, record.id, "別の人の誓約書を登録したため")
    assert state_of(ws, a).label == "未取得"
    with pytest.raises(PermissionDenied):
        sign(ws.as_actor(Actor(9, "担当", frozenset({STAFF}))), a)


def test_a_scanned_copy_is_kept_with_its_checksum_and_checked_when_saved(office, tmp_path):
    ws, dept = office
    a = hire(ws, dept)
    record = record_pledge(ws, a.id, {"kind": JOINING, "signed_on": dt.date(2026, 4, 1), "collected_by": "伊藤",
                                      "original_location": "キャビネットA"}, scan=ScanFile("誓約書.pdf", PDF))
    info = scan_info(ws, record.id)
    assert info.sha256 == hashlib.sha256(PDF).hexdigest() and info.size == len(PDF)
    assert standings(ws)[0].has_scan
    out = save_scan_copy(ws, record.id, tmp_path / "copy.pdf")
    assert out.read_bytes() == PDF
    with pytest.raises(ValidationError, match="PDF・PNG・JPEG・TIFF のどれでもありません"):
        attach_scan(ws, record.id, ScanFile("virus.exe", b"MZ\x90\x00"))
    with pytest.raises(ValidationError, match="ファイルが大きすぎます"):
        attach_scan(ws, record.id, ScanFile("big.pdf", b"%PDF-" + b"0" * MAX_SCAN_BYTES))
    big = tmp_path / "big.pdf"
    big.write_bytes(b"%PDF-" + b"0" * MAX_SCAN_BYTES)
    with pytest.raises(ValidationError, match="10 MB 以下"):
        ScanFile.read(big)
    with ws.write() as s:  # someone edits the stored file behind pcdesk's back
        s.execute(update(PledgeScan).values(data=PDF + b"tampered"))
    with pytest.raises(ValidationError, match="SHA-256 が違います"):
        save_scan_copy(ws, record.id, tmp_path / "copy2.pdf")
    assert not (tmp_path / "copy2.pdf").exists()


def test_the_demo_has_every_kind_of_worker_and_every_state(demo):
    ws, info = demo
    rows = standings(ws, WorkerFilter(include_left=True))
    assert 28 <= len(rows) <= 34
    kinds = {r.worker.employment for r in rows}
    assert kinds == {"officer", "regular", "contract", "part_time", "dispatched", "seconded", "contractor"}
    states = [r.state for r in rows]
    assert states.count("signed") >= 20 and 2 <= states.count("missing") <= 4 and 2 <= states.count("renew") <= 4
    assert states.count("leaving_missing") == 1
    names = {r.worker.name for r in rows}
    assert set(info.people) <= names  # everyone with an account is a worker too
    focus = {i.focus for i in pledge_attention(ws)}
    assert focus == {"missing", "renew", "leaving_missing"}
