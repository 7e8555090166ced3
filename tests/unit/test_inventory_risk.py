"""Risk analysis: scores, suggestions from the answers, acceptance, catalogue edits, matrix, rows."""

import pytest

from pcdesk.company.service import add_department
from pcdesk.errors import PermissionDenied, ValidationError
from pcdesk.inventory.analysis import (accept_risks, add_risk, add_suggested_risks, delete_risk, list_risks,
                                       measure_catalogue, missing_suggestions, risk_catalogue, risk_matrix,
                                       save_measure, save_risk_template, update_risk)
from pcdesk.inventory.ledgers import risk_analysis_rows
from pcdesk.inventory.risk import impact_raise, level_of, score, suggest_risks, suggested_residual
from pcdesk.inventory.service import create_entry, update_entry
from pcdesk.output.registry import LedgerQuery
from pcdesk.services import ADMIN, STAFF, Actor, Workspace

ANSWERS = {"identifiable": True, "organised": True, "items": ["氏名", "住所"], "record_count": 100,
           "media": "electronic", "acquisition": ["本人から書面以外（口頭・Web・電話）"]}


@pytest.mark.parametrize("changes, raised", [
    ({}, 0),
    ({"record_count": 999}, 0),
    ({"record_count": 1000}, 1),
    ({"record_count": 10000}, 2),
    ({"items": ["氏名", "健康診断結果"]}, 1),
    ({"items": ["マイナンバー"]}, 1),
    ({"items": ["病歴", "マイナンバー"], "record_count": 50000}, 3),
])
def test_impact_is_raised_for_sensitive_data_and_large_counts(changes, raised):
    assert impact_raise({**ANSWERS, **changes}) == raised


@pytest.mark.parametrize("likelihood, base, raised, impact, value, level", [
    (1, 1, 0, 1, 1, "低"), (3, 1, 0, 1, 3, "低"), (2, 2, 0, 2, 4, "中"), (1, 3, 2, 5, 5, "中"),
    (2, 3, 1, 4, 8, "高"), (3, 3, 0, 3, 9, "高"), (3, 3, 3, 5, 15, "高"),
])
def test_score_is_likelihood_times_raised_impact_capped_at_five(likelihood, base, raised, impact, value, level):
    s = score(likelihood, base, raised)
    assert (s.impact, s.value, s.level) == (impact, value, level)
    assert level_of(value) == level


def test_suggested_residual_lowers_likelihood_by_measures_and_impact_by_encryption():
    assert suggested_residual(3, 4, []) .value == 12
    assert (suggested_residual(3, 4, ["rules"]).likelihood, suggested_residual(3, 4, ["rules"]).impact) == (2, 4)
    s = suggested_residual(3, 4, ["rules", "encryption", "backup"])
    assert (s.likelihood, s.impact) == (1, 3)


def suggested(answers):
    return {r.template.key: r for r in suggest_risks({**ANSWERS, **answers})}


def test_suggestions_follow_the_answers():
    paper = suggested({"media": "paper"})
    assert "locked_storage" in paper["st_paper_theft"].measures  # paper + 保管 → 施錠保管
    assert "shredding" in paper["dp_paper"].measures
    assert "tr_missend" not in paper and "st_intrusion" not in paper

    electronic = suggested({"media": "electronic"})
    assert "encryption" in electronic["tr_missend"].measures  # electronic + 移送 → 暗号化
    assert "st_paper_theft" not in electronic
    assert "safe_carrying" not in electronic.get("tr_carry_loss", electronic["tr_missend"]).measures

    assert "takeout_approval" in suggested({"taken_out": True})["tr_takeout_loss"].measures  # 持出し → 持出し申請
    consigned = suggested({"consigned": True, "consignee": "A社"})
    assert "consignee_eval" in consigned["tr_consignee"].measures  # 委託 → 委託先評価
    assert "consignee_eval" in consigned["use_consignee"].measures
    assert "consent" in suggested({"items": ["病歴"]})["acq_no_consent"].measures
    assert "st_mass_leak" in suggested({"record_count": 5000})
    assert "acq_no_purpose" in suggested({"acquisition": ["本人から書面で直接"]})
    assert "tr_takeout_loss" not in electronic and "tr_consignee" not in electronic
    paper_at_home = suggested({"media": "paper", "taken_out": False})
    assert "postal" in paper_at_home["tr_carry_loss"].measures  # 郵送 → 簡易書留
    assert not any("safe_carrying" in r.measures or "takeout_approval" in r.measures
                   for r in paper_at_home.values())  # no 施錠できる鞄 when nothing is taken out
    assert "safe_carrying" in suggested({"media": "paper", "taken_out": True})["tr_takeout_loss"].measures
    both = suggested({"media": "both"})
    assert {"st_paper_theft", "st_intrusion"} <= set(both)
    assert [r.stage for r in suggest_risks(ANSWERS)] == sorted(
        (r.stage for r in suggest_risks(ANSWERS)), key=["acquire", "transfer", "use", "store", "dispose"].index)


def test_what_the_answers_show_is_done_is_a_current_measure_the_rest_additional():
    locked = suggested({"media": "paper", "protection": ["施錠保管"], "disposal": ["シュレッダー"]})
    theft = locked["st_paper_theft"]
    assert (theft.current, theft.additional) == (["locked_storage"], ["area_control"])
    assert locked["dp_paper"].current == ["shredding"]
    assert (theft.residual.likelihood, theft.residual.impact) == (1, theft.score.impact)  # lowered by what is done
    bare = suggested({"media": "paper", "protection": []})["st_paper_theft"]
    assert (bare.current, bare.additional) == ([], ["locked_storage", "area_control"])
    typed = suggested({"media": "electronic", "protection": ["PCにパスワード、ファイルは暗号化して保存"]})
    assert set(typed["st_intrusion"].current) == {"authentication", "encryption"}  # an imported ledger's words


def test_information_that_is_not_personal_gets_no_risks():
    assert suggest_risks({**ANSWERS, "identifiable": False, "items": []}) == []


def test_large_sensitive_data_scores_high():
    risks = suggested({"items": ["健康診断結果"], "record_count": 20000})
    intrusion = risks["st_intrusion"]  # base 2 × 3, impact raised by 3
    assert (intrusion.score.likelihood, intrusion.score.impact, intrusion.score.level) == (2, 5, "高")


# -- stored risk rows ------------------------------------------------------------------

@pytest.fixture
def ws(setup_ws):
    setup_ws.dept = add_department(setup_ws, "営業部").id
    return setup_ws


def entry_values(dept, **changes):
    v = dict(department_id=dept, business_process="営業", name="名刺", subject_kinds=["取引先担当者"],
             items=["氏名", "勤務先・所属"], record_count=300, acquisition=["本人から書面で直接"], purpose="連絡のため",
             media="paper", storage_location="名刺ホルダー", protection=["施錠保管"], access_holders="営業部員",
             use_period="取引終了まで", retention="1年", disposal=["シュレッダー"], organised=True,
             taken_out=True, manager="営業部長")
    v.update(changes)
    return v


def test_a_new_entry_gets_its_suggested_risks(ws):
    entry = create_entry(ws, entry_values(ws.dept))
    risks = list_risks(ws, entry_id=entry.id)
    keys = [r.risk_key for r in risks]
    assert keys[0].startswith("acq_") and keys[-1].startswith("dp_")
    takeout = next(r for r in risks if r.risk_key == "tr_takeout_loss")
    assert (takeout.label, takeout.stage, takeout.threat) == ("社外に持ち出したPC・書類・媒体の紛失", "transfer", "漏えい")
    assert (takeout.likelihood, takeout.impact, takeout.score, takeout.level) == (2, 3, 6, "中")
    assert takeout.vulnerability == "持ち出す機器・書類の扱いが本人任せになっている"
    assert takeout.impact_on_person.startswith("プライバシーの侵害") and "第23条" in takeout.legal_breach
    assert takeout.economic_loss and takeout.reputation_loss
    assert takeout.measures == []  # nothing in 保管方法 says these are done: proposed, not assumed
    assert takeout.additional_measures == ["takeout_approval", "safe_carrying", "education"]  # 暗号化 is not for paper
    assert (takeout.residual_likelihood, takeout.residual_impact, takeout.residual_level) == (2, 3, "中")
    theft = next(r for r in risks if r.risk_key == "st_paper_theft")
    assert (theft.measures, theft.additional_measures) == (["locked_storage"], ["area_control"])  # 施錠保管 answered
    assert theft.residual_likelihood == 1
    assert not takeout.accepted
    assert missing_suggestions(ws, entry.id) == []
    assert add_suggested_risks(ws, entry.id) == []  # nothing added twice


def test_only_the_admin_accepts_and_a_change_withdraws_the_acceptance(ws):
    entry = create_entry(ws, entry_values(ws.dept))
    risk = list_risks(ws, entry_id=entry.id)[0]
    staff = Workspace(ws.db, Actor(7, "営業 太郎", frozenset({STAFF})))
    manager = Workspace(ws.db, Actor(8, "取締役 鈴木", frozenset({ADMIN})))
    with pytest.raises(PermissionDenied, match="「管理者」の権限が必要です"):
        accept_risks(staff, [risk.id])
    assert accept_risks(manager, [risk.id]).accepted == 1
    accepted = list_risks(ws, entry_id=entry.id)[0]
    assert (accepted.accepted_by, accepted.accepted_by_id, accepted.accepted) == ("取締役 鈴木", 8, True)

    update_risk(staff, risk.id, measure_notes="毎月点検")  # a note does not change what was accepted
    assert list_risks(ws, entry_id=entry.id)[0].accepted
    update_risk(staff, risk.id, likelihood=3)
    changed = list_risks(ws, entry_id=entry.id)[0]
    assert (changed.likelihood, changed.score, changed.accepted, changed.accepted_by) == (3, 3, False, "")


def test_an_acceptance_is_never_overwritten_by_another_admin(ws):
    entry = create_entry(ws, entry_values(ws.dept))
    first, second = list_risks(ws, entry_id=entry.id)[:2]
    manager = Workspace(ws.db, Actor(8, "取締役 鈴木", frozenset({ADMIN})))
    other = Workspace(ws.db, Actor(9, "総務 高橋", frozenset({ADMIN})))
    accept_risks(manager, [first.id])
    kept = list_risks(ws, entry_id=entry.id)[0]

    result = accept_risks(other, [first.id, second.id])
    assert (result.accepted, len(result.skipped)) == (1, 1)
    assert result.skipped[0].startswith(f"{entry.number}「{first.label}」（取締役 鈴木 ")
    assert result.message.splitlines()[:2] == [
        "1 件の残留リスクを承認しました。", "すでに承認済みの 1 件は、承認者と日付をそのまま残しました:"]
    rows = list_risks(ws, entry_id=entry.id)
    assert (rows[0].accepted_by, rows[0].accepted_by_id, rows[0].accepted_at) == (
        "取締役 鈴木", 8, kept.accepted_at)
    assert (rows[1].accepted_by, rows[1].accepted_by_id) == ("総務 高橋", 9)

    with pytest.raises(ValidationError) as err:  # nothing left to accept: said, not silently done
        accept_risks(other, [first.id, second.id])
    text = str(err.value)
    assert text.startswith("残留リスクの承認: 選んだリスクはすべて承認済みです（承認者と日付は変えていません）: ")
    assert f"「{first.label}」（取締役 鈴木 " in text and f"「{second.label}」（総務 高橋 " in text
    assert list_risks(ws, entry_id=entry.id)[0].accepted_by == "取締役 鈴木"


def test_scores_follow_the_entry_and_old_acceptances_are_withdrawn(ws):
    entry = create_entry(ws, entry_values(ws.dept))
    accept_risks(ws, [r.id for r in list_risks(ws, entry_id=entry.id)])
    before = {r.risk_key: r.impact for r in list_risks(ws, entry_id=entry.id)}
    update_entry(ws, entry.id, {"record_count": 12000}, reason="件数の見直し")
    after = list_risks(ws, entry_id=entry.id)
    assert all(r.impact == min(5, before[r.risk_key] + 2) for r in after)
    assert not any(r.accepted for r in after)
    update_entry(ws, entry.id, {"manager": "営業部長 田中"})
    accept_risks(ws, [r.id for r in after])
    update_entry(ws, entry.id, {"manager": "営業部長 佐藤"})  # no effect on scores: acceptance stays
    assert all(r.accepted for r in list_risks(ws, entry_id=entry.id))


def test_risks_written_by_hand_are_checked(ws):
    entry = create_entry(ws, entry_values(ws.dept))
    with pytest.raises(ValidationError) as err:
        add_risk(ws, entry.id, "somewhere", "", 4, 0, measures=["no_such"])
    assert str(err.value).splitlines() == [
        "想定されるリスク: 入力してください。",
        "取扱いの段階: 取得・入力・移送・送信・利用・加工・保管・バックアップ・消去・廃棄 のいずれかを選んでください。",
        "発生可能性: 1〜3 で選んでください。",
        "影響度: 1〜3 で選んでください。",
        "現状の対策: カタログにない対策です: no_such",
    ]
    with pytest.raises(ValidationError) as err:
        add_risk(ws, entry.id, "use", "x" * 301, 1, 1, vulnerability="弱" * 2001, additional_measures=["nope"])
    assert str(err.value).splitlines() == ["想定されるリスク: 300文字以内にしてください（今 301文字）。",
                                           "脆弱性: 2000文字以内にしてください（今 2001文字）。",
                                           "追加対策: カタログにない対策です: nope"]
    risk = add_risk(ws, entry.id, "use", "社外の打合せで名刺を置き忘れる", 2, 2, measures=["education"], threat="漏えい",
                    vulnerability="名刺を机に出したまま打合せをする", additional_measures=["education", "clear_desk"])
    assert (risk.risk_key, risk.score, risk.residual_likelihood) == ("", 4, 1)
    assert risk.additional_measures == ["clear_desk"]  # a measure in place is not also one to add
    assert risk.impact_on_person and "第23条" in risk.legal_breach  # the threat's usual consequences to start from
    update_risk(ws, risk.id, legal_breach="安全管理措置違反", additional_notes="来月から実施")
    again = next(r for r in list_risks(ws, entry_id=entry.id) if r.id == risk.id)
    assert (again.legal_breach, again.additional_notes) == ("安全管理措置違反", "来月から実施")
    with pytest.raises(ValidationError, match="残留リスクの影響度: 1〜2 で選んでください（対策前より高くはできません）。"):
        update_risk(ws, risk.id, residual_impact=3)
    delete_risk(ws, risk.id)
    assert risk.id not in [r.id for r in list_risks(ws, entry_id=entry.id)]


def test_catalogues_are_built_in_and_editable(ws):
    assert [m.label for m in measure_catalogue(ws)][:1] == ["取扱規程・手順書の整備"]
    save_measure(ws, "鍵付きキャビネットで保管（鍵は総務部長が管理）", "physical", key="locked_storage")
    own = save_measure(ws, "名刺管理アプリへの移行", "technical", media="any")
    assert own.key == "custom_measure_1" and not own.builtin
    hidden = save_risk_template(ws, "保管書類の盗難・紛失", "漏えい", "store", key="st_paper_theft", media="paper",
                                measures=["locked_storage"], active=False)
    assert hidden.builtin and not hidden.active
    mine = save_risk_template(ws, "名刺の社外での置き忘れ", "漏えい", "use", media="paper", likelihood=2, impact=2,
                              measures=["education", own.key])
    assert mine.key == "custom_risk_1"
    assert "st_paper_theft" not in [r.key for r in risk_catalogue(ws)]
    assert "st_paper_theft" in [r.key for r in risk_catalogue(ws, include_hidden=True)]

    entry = create_entry(ws, entry_values(ws.dept))
    keys = [r.risk_key for r in list_risks(ws, entry_id=entry.id)]
    assert "st_paper_theft" not in keys and "custom_risk_1" in keys
    rows = list(risk_analysis_rows(ws, LedgerQuery()))
    mine_row = next(r for r in rows if r["risk"] == "名刺の社外での置き忘れ")
    assert mine_row["measures"] == ""  # the answers do not say these are done yet
    assert mine_row["additional_measures"] == "【人的】従業者教育（年1回以上）\n【技術的】名刺管理アプリへの移行"
    damage = next(r for r in rows if r["risk"] == "水濡れ・火災による書類のき損")
    assert damage["measures"] == "【物理的】鍵付きキャビネットで保管（鍵は総務部長が管理）"

    staff = Workspace(ws.db, Actor(None, "担当", frozenset({STAFF})))
    with pytest.raises(PermissionDenied):
        save_measure(staff, "x", "human")
    with pytest.raises(ValidationError, match="区分: 組織的・人的・物理的・技術的 のいずれかを選んでください。"):
        save_measure(ws, "x", "spiritual")
    only_out = save_measure(ws, "持出し用PCの貸出台帳", "organizational", condition="taken_out")
    assert only_out.condition == "taken_out"
    assert next(m for m in measure_catalogue(ws) if m.key == only_out.key).condition == "taken_out"
    with_weakness = save_risk_template(ws, "名刺の社外での置き忘れ", "漏えい", "use", key=mine.key, media="paper",
                                       vulnerability="名刺を机に出したまま打合せをする")
    assert next(r for r in risk_catalogue(ws) if r.key == mine.key).vulnerability == with_weakness.vulnerability


def test_risk_matrix_counts_each_cell(ws):
    entry = create_entry(ws, entry_values(ws.dept))
    risks = list_risks(ws, entry_id=entry.id)
    m = risk_matrix(ws)
    assert m.total == len(risks)
    assert m.count(2, 3) == sum(1 for r in risks if (r.likelihood, r.impact) == (2, 3))
    assert sum(m.by_level().values()) == len(risks)
    residual = risk_matrix(ws, residual=True)
    assert residual.total == len(risks) and residual.by_level()["高"] == 0
    assert m.level(3, 3) == "高" and m.level(1, 3) == "低"
    assert (m.likelihoods, m.impacts) == ((3, 2, 1), (1, 2, 3, 4, 5))


def test_risk_rows_for_the_ledger(demo):
    ws, info = demo
    rows = list(risk_analysis_rows(ws, LedgerQuery(filters={"department_id": info.department_ids["総務部"]})))
    assert {r["name"] for r in rows} == {"給与とマイナンバー"}
    first = rows[0]
    assert (first["stage"], first["flags"], first["department"]) == ("取得・入力", "特定", "総務部")
    assert first["accepted_by"] and first["accepted_at"] is not None
    consigned = next(r for r in rows if r["risk"] == "委託先への受け渡し時の漏えい")
    assert consigned["measures"].startswith("【組織的】委託先評価・委託契約（安全管理措置の明記）")
    all_rows = list(risk_analysis_rows(ws, LedgerQuery()))
    assert "セミナー参加者アンケート（2023年）" not in {r["name"] for r in all_rows}  # retired
    assert "採用応募の集計表（年齢層・人数のみ）" not in {r["name"] for r in all_rows}  # not personal
    assert any(not r["accepted_by"] for r in all_rows)  # some wait for the 管理者


@pytest.mark.parametrize("media", ["paper", "electronic", "both"])
def test_every_life_stage_gets_at_least_one_risk_whatever_the_media(media):
    stages = {r.stage for r in suggest_risks({**ANSWERS, "media": media})}
    assert stages == {"acquire", "transfer", "use", "store", "dispose"}
