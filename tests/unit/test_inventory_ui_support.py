"""What the inventory screens show, without Qt: ledger and risk rows, measure checklists,
suggested measures and adding a catalogue risk (pcdesk.inventory.screens)."""

import datetime as dt

import pytest

from pcdesk.company.service import add_department
from pcdesk.errors import ValidationError
from pcdesk.inventory.analysis import list_risks, measure_catalogue, measure_labels, missing_suggestions
from pcdesk.inventory.fields import SPECS, STEP_FIELDS
from pcdesk.inventory.screens import (LEDGER_COLUMNS, MARK, RISK_COLUMNS, draft_label, ledger_rows, measure_checklist,
                                      risk_rows, suggested_measures_for)
from pcdesk.inventory.flow import SurveyFlow
from pcdesk.inventory.service import (EntryFilter, add_catalogue_risk, create_entry, department_names, list_drafts,
                                      list_entries, retire_entry, save_draft)

TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def ws(setup_ws):
    setup_ws.hr = add_department(setup_ws, "人事部").id
    return setup_ws


def values(dept, **changes):
    v = dict(department_id=dept, business_process="健康管理", name="健康診断結果", subject_kinds=["従業者"],
             items=["氏名", "健康診断結果"], record_count=85, acquisition=["第三者から"], purpose="健康管理のため",
             media="paper", storage_location="人事部キャビネット", protection=["施錠保管"], access_holders="人事部長",
             use_period="在籍中", retention="5年", disposal=["溶解処理（業者委託）"], organised=True, manager="人事部長")
    v.update(changes)
    return v


def cells(row):
    return dict(zip(LEDGER_COLUMNS, row.cells))


def test_ledger_rows_show_class_flags_and_overdue_or_retired_state(ws):
    health = create_entry(ws, values(ws.hr), reviewed_on=dt.date(2025, 5, 1))
    pay = create_entry(ws, values(ws.hr, name="給与とマイナンバー", items=["氏名", "マイナンバー"], record_count=1500,
                                  media="both"), reviewed_on=dt.date(2026, 3, 1))
    memo = create_entry(ws, values(ws.hr, name="伝言メモ", organised=False))
    retire_entry(ws, memo.id, "電話受付の廃止", on=dt.date(2026, 5, 20))
    entries = list_entries(ws, EntryFilter(status=None))
    rows = {r.entry_id: r for r in ledger_rows(entries, department_names(ws), TODAY, 12)}

    h = rows[health.id]
    assert cells(h) == {"管理番号": "PI-0001", "部門": "人事部", "業務": "健康管理", "名称": "健康診断結果",
                        "本人": "従業者", "件数": "85", "媒体": "紙", "区分": "保有個人データ", "要配慮": MARK,
                        "特定": "", "最終見直し": "2025年5月1日", "状態": "期限切れ"}
    assert h.overdue and not h.retired and "2026年5月1日" in h.note  # the due day is named

    p = cells(rows[pay.id])
    assert (p["件数"], p["媒体"], p["要配慮"], p["特定"], p["状態"]) == ("1,500", "紙・電子", "", MARK, "利用中")
    assert rows[pay.id].sort_keys[LEDGER_COLUMNS.index("件数")] == 1500  # sorts as a number

    m = rows[memo.id]
    assert (cells(m)["区分"], cells(m)["状態"], m.retired, m.overdue) == ("個人情報", "廃止", True, False)
    assert m.note == "2026年5月20日に廃止: 電話受付の廃止"


def test_risk_rows_show_scores_measures_and_acceptance(ws):
    entry = create_entry(ws, values(ws.hr))
    risks = list_risks(ws, entry_id=entry.id)
    rows = risk_rows(risks, {entry.id: entry}, measure_labels(ws))
    theft = next(dict(zip(RISK_COLUMNS, r.cells)) for r in rows if r.cells[3] == "保管書類の盗難・紛失")
    # 要配慮 raises the judged impact 2 to 3; likelihood 1.
    assert theft == {"管理番号": "PI-0001", "名称": "健康診断結果", "段階": "保管・バックアップ",
                     "リスク": "保管書類の盗難・紛失", "脅威": "漏えい", "発生可能性": "1", "影響度": "3", "スコア": "3",
                     "レベル": "低", "対策": "施錠できるキャビネットで保管、入退室管理（保管区域の限定）",
                     "残留リスク": "3（低）", "受容者": "未承認", "受容日": ""}


def test_measure_checklist_groups_what_fits_the_media_and_keeps_chosen_ones(ws):
    catalogue = measure_catalogue(ws)
    paper = dict(measure_checklist(catalogue, "paper"))
    assert list(paper) == ["組織的", "人的", "物理的"]  # no 技術的 measure fits paper alone
    assert "施錠できるキャビネットで保管" in [m.label for m in paper["物理的"]]
    kept = dict(measure_checklist(catalogue, "paper", chosen=["encryption"]))
    assert [m.key for m in kept["技術的"]] == ["encryption"]


def test_suggested_measures_come_from_the_risk_template_or_its_stage(ws):
    entry = create_entry(ws, values(ws.hr))
    theft = next(r for r in list_risks(ws, entry_id=entry.id) if r.risk_key == "st_paper_theft")
    assert suggested_measures_for(ws, theft) == {"locked_storage", "area_control"}


def test_a_catalogue_risk_is_added_once_with_measures_fitting_the_media(ws):
    entry = create_entry(ws, values(ws.hr, taken_out=False), with_risks=False)
    assert "tr_missend" not in {s.template.key for s in missing_suggestions(ws, entry.id)}  # paper: no e-mail
    row = add_catalogue_risk(ws, entry.id, "tr_takeout_loss")
    assert (row.label, row.risk_key, row.stage) == ("社外に持ち出したPC・書類・媒体の紛失", "tr_takeout_loss", "transfer")
    assert set(row.measures) == {"takeout_approval", "safe_carrying", "education"}  # no encryption for paper
    assert [r.risk_key for r in list_risks(ws, entry_id=entry.id)] == ["tr_takeout_loss"]
    with pytest.raises(ValidationError, match="カタログに見つかりません"):
        add_catalogue_risk(ws, entry.id, "no_such_risk")


def test_every_survey_field_has_a_question_and_drafts_read_well(ws):
    for step, keys in STEP_FIELDS.items():
        for key in keys:
            assert SPECS[key].question, (step, key)
    flow = SurveyFlow.new(ws.hr, name="株主名簿")
    save_draft(ws, **flow.draft())
    draft = list_drafts(ws)[0]
    assert draft_label(draft, department_names(ws)).startswith("株主名簿（人事部）— ")
