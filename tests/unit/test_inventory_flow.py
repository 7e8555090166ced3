"""The survey wizard without Qt: every path, back and forward, validation, drafts, finishing."""

import pytest

from pcdesk.company.service import add_department
from pcdesk.errors import ValidationError
from pcdesk.inventory.analysis import list_risks, measure_labels
from pcdesk.inventory.fields import ENTRY_KEYS, SPECS, STEP_FIELDS
from pcdesk.inventory.flow import SurveyFlow
from pcdesk.inventory.service import (EntryFilter, delete_draft, list_drafts, list_entries, list_revisions,
                                      load_draft, save_draft, save_survey)
from pcdesk.services import STAFF, Actor, Workspace


@pytest.fixture
def ws(setup_ws):
    dept = add_department(setup_ws, "人事部")
    staff = Workspace(setup_ws.db, Actor(None, "人事 花子", frozenset({STAFF})))
    staff.dept_id = dept.id
    return staff


# Good answers for each step; a walk sets a step's answers, then presses 次へ.
def good_answers(dept_id):
    return {
        "department": dict(department_id=dept_id, business_process="採用活動"),
        "identity": dict(name="応募者の履歴書", identifiable=True, subject_kinds=["応募者"]),
        "items": dict(items=["氏名", "住所", "学歴・職歴"]),
        "acquisition": dict(record_count=120, acquisition=["本人から書面で直接"]),
        "purpose": dict(purpose="採用選考のため"),
        "storage": dict(media="paper", storage_location="人事部キャビネット", protection=["施錠保管"],
                        organised=True, taken_out=False),
        "access": dict(access_holders="人事部員", manager="人事部長", use_period="選考終了まで",
                       retention="選考終了後6か月"),
        "disposal": dict(disposal=["シュレッダー"]),
        "sharing": dict(consigned=False, third_party=False, joint_use=False),
        "sharing_details": dict(consignee="株式会社適性検査センター"),
        "client": dict(held_for_client=False),
        "authority": dict(company_has_authority=True),
        "confirm": {},
    }


def walk(flow, answers, overrides=None):
    """Answer each page and press 次へ until 確認; returns the pages visited."""
    overrides = overrides or {}
    visited = [flow.current]
    while not flow.is_last():
        flow.set(**{**answers[flow.current], **overrides.get(flow.current, {})})
        flow.go_next()
        visited.append(flow.current)
    return visited


ALL = list(SurveyFlow.STEPS)
PATHS = [
    ("識別できない情報は名称だけ", {"identity": dict(identifiable=False, subject_kinds=[])},
     ["department", "identity", "confirm"]),
    ("整理された自社のデータ", {}, [s for s in ALL if s != "sharing_details"]),
    ("委託あり", {"sharing": dict(consigned=True)}, ALL),
    ("第三者提供のみ", {"sharing": dict(third_party=True), "sharing_details": dict(
        consignee="", third_party_recipient="提携先")}, ALL),
    ("共同利用のみ", {"sharing": dict(joint_use=True), "sharing_details": dict(
        consignee="", joint_use_details="グループ会社と氏名を共同利用")}, ALL),
    ("受託データは権限を聞かない", {"client": dict(held_for_client=True)},
     [s for s in ALL if s not in ("sharing_details", "authority")]),
    ("未整理のメモは受託・権限を聞かない", {"storage": dict(organised=False)},
     [s for s in ALL if s not in ("sharing_details", "client", "authority")]),
    ("未整理で委託あり", {"storage": dict(organised=False), "sharing": dict(consigned=True)},
     [s for s in ALL if s not in ("client", "authority")]),
]


@pytest.mark.parametrize("what, overrides, expected", PATHS, ids=[p[0] for p in PATHS])
def test_every_path_of_the_survey(ws, what, overrides, expected):
    flow = SurveyFlow.new(ws.dept_id)
    visited = walk(flow, good_answers(ws.dept_id), overrides)
    assert visited == expected
    assert flow.path() == expected
    assert flow.problems() == []


@pytest.mark.parametrize("what, overrides, expected", PATHS, ids=[p[0] for p in PATHS])
def test_every_path_finishes_into_a_ledger_entry(ws, what, overrides, expected):
    flow = SurveyFlow.new(ws.dept_id)
    walk(flow, good_answers(ws.dept_id), overrides)
    entry = save_survey(ws, flow.finish())
    assert entry.number == "PI-0001"
    assert entry.category == flow.classification().category
    risks = list_risks(ws, entry_id=entry.id)
    assert bool(risks) == (entry.category != "not_personal")


def test_back_and_forward_keep_the_answers(ws):
    flow = SurveyFlow.new(ws.dept_id)
    answers = good_answers(ws.dept_id)
    walk(flow, answers)
    assert flow.current == "confirm"
    for _ in range(6):  # authority, client, sharing, disposal, access, storage
        flow.go_back()
    assert flow.current == "storage"
    assert flow.get("media") == "paper" and flow.get("record_count") == 120
    flow.go_next()
    assert flow.current == "access" and flow.get("manager") == "人事部長"
    # Going back to the start and changing one answer reroutes the rest.
    while flow.can_go_back():
        flow.go_back()
    assert flow.current == "department" and flow.get("purpose") == "採用選考のため"
    flow.go_next()
    flow.set(identifiable=False)
    assert flow.go_next() == "confirm"


def test_each_page_names_its_fields_in_japanese(ws):
    flow = SurveyFlow.new()
    with pytest.raises(ValidationError) as err:
        flow.go_next()
    assert str(err.value) == ("管理部門: 部門を選んでください。\n"
                              "業務名: 入力してください（例: 採用活動、受注・請求）。")
    assert flow.current == "department"  # stays on the page until fixed

    problems = {
        "identity": ({"name": " ", "subject_kinds": []}, ["個人情報の名称: 入力してください", "本人の区分: 1つ以上選んでください"]),
        "items": ({"items": []}, ["主な項目: 1つ以上選んでください（例: 氏名、住所）。"]),
        "acquisition": ({"record_count": "たくさん", "acquisition": []},
                        ["件数（概数）: おおよその件数を数字で入力してください（例: 500）。", "取得方法: 1つ以上選んでください。"]),
        "storage": ({"media": None, "organised": None},
                    ["媒体: 紙・電子・紙と電子の両方 のいずれかを選んでください。",
                     "検索できるよう整理されている: 「はい」か「いいえ」を選んでください。"]),
        "sharing_details": ({"consigned": True, "consignee": ""},
                            ["委託先: 委託先の名称を入力してください（例: 株式会社○○運輸）。"]),
    }
    for step, (answers, expected) in problems.items():
        flow = SurveyFlow.new(ws.dept_id, **answers)
        messages = [str(p) for p in flow.validate(step)]
        for text in expected:
            assert any(m.startswith(text) for m in messages), (step, messages)


def test_step_fields_cover_every_ledger_field_the_survey_asks():
    asked = {f for fields in STEP_FIELDS.values() for f in fields}
    assert set(ENTRY_KEYS) - asked == {"number", "last_reviewed_on"}


def test_an_unfinished_survey_is_kept_as_a_draft_and_resumed(ws):
    flow = SurveyFlow.new(ws.dept_id)
    answers = good_answers(ws.dept_id)
    for step in ("department", "identity", "items"):
        flow.set(**answers[step])
        flow.go_next()
    flow.set(record_count=120)
    draft_id = save_draft(ws, **flow.draft())
    assert [d.title for d in list_drafts(ws, ws.dept_id)] == ["応募者の履歴書"]

    resumed = SurveyFlow.from_draft(load_draft(ws, draft_id))
    assert resumed.current == "acquisition"
    assert resumed.get("record_count") == 120 and resumed.get("items") == ["氏名", "住所", "学歴・職歴"]
    resumed.go_back()
    assert resumed.current == "items"
    # Saving again updates the same draft; finishing removes it.
    save_draft(ws, **resumed.draft())
    assert len(list_drafts(ws)) == 1
    walk(resumed, answers)
    save_survey(ws, resumed.finish())
    assert list_drafts(ws) == []
    assert [e.name for e in list_entries(ws)] == ["応募者の履歴書"]


def test_a_draft_can_be_thrown_away(ws):
    flow = SurveyFlow.new(ws.dept_id)
    draft_id = save_draft(ws, **flow.draft())
    assert list_drafts(ws)[0].title == "（名称未入力）"
    delete_draft(ws, draft_id)
    assert list_drafts(ws) == []


def test_finishing_with_a_page_still_wrong_saves_nothing(ws):
    flow = SurveyFlow.new(ws.dept_id)
    walk(flow, good_answers(ws.dept_id))
    flow.answers["retention"] = ""
    with pytest.raises(ValidationError, match="保管期限"):
        flow.finish()
    assert list_entries(ws, EntryFilter(status=None)) == []


def test_the_confirmation_page_explains_the_class_and_suggests_measures(ws):
    flow = SurveyFlow.new(ws.dept_id)
    walk(flow, good_answers(ws.dept_id), {"items": dict(items=["氏名", "健康診断結果"]),
                                          "storage": dict(taken_out=True)})
    c = flow.classification()
    assert c.summary() == "保有個人データ（要配慮個人情報）"
    assert "検索できるよう体系的に整理されているため個人データです。" in c.reason
    assert any("本人の同意が必要" in n for n in flow.handling_notes())
    suggested = {g: [s.measure.label for s in items] for g, items in flow.suggested_measures().items()}
    assert "施錠できるキャビネットで保管" in suggested["物理的"]  # paper → 施錠保管
    assert "持出し申請・承認" in suggested["組織的"]  # taken out → 持出し申請
    assert "技術的" not in suggested  # paper only: no encryption or access control offered
    summary = dict(flow.summary({ws.dept_id: "人事部"}))
    assert summary["管理部門"] == "人事部"
    assert summary["件数（概数）"] == "約120件"
    assert summary["媒体"] == "紙"
    assert summary["要配慮個人情報の項目"] == "健康診断結果"


def test_editing_an_entry_through_the_survey_keeps_its_number_and_adds_a_revision(ws):
    flow = SurveyFlow.new(ws.dept_id)
    walk(flow, good_answers(ws.dept_id))
    entry = save_survey(ws, flow.finish())

    edit = SurveyFlow.for_entry(entry)
    assert edit.get("name") == "応募者の履歴書"
    edit.set(record_count=300)
    walk(edit, {step: {} for step in SurveyFlow.STEPS})
    again = save_survey(ws, edit.finish(), reason="応募者増加")
    assert (again.id, again.number, again.record_count, again.revision) == (entry.id, "PI-0001", 300, 2)
    newest = list_revisions(ws, entry.id)[0]
    assert newest.reason == "応募者増加"
    assert newest.changes == [("件数（概数）", "約120件", "約300件")]
    assert "施錠できるキャビネットで保管" in measure_labels(ws).values()


def test_every_field_the_survey_asks_has_a_plain_question():
    asked = [f for fields in STEP_FIELDS.values() for f in fields]
    assert [f for f in asked if not SPECS[f].question.endswith(("？", "）"))] == []
