"""Every branch of the classification rules, as a table: answers → class, flags, reasons."""

import pytest

from pcdesk.inventory.classification import (NOT_PERSONAL, PERSONAL, PERSONAL_DATA, RETAINED, classify,
                                             handling_notes)

BASE = {"identifiable": True, "items": ["氏名", "住所"], "organised": True, "held_for_client": False,
        "company_has_authority": True}

CASES = [
    # (what, answer changes, category, sensitive, specific, a sentence that must be in the reasons)
    ("統計だけ", {"identifiable": False, "items": []}, NOT_PERSONAL, False, False,
     "生存する特定の個人を識別できない情報（統計・匿名化済みなど）のため、個人情報に該当しません。"),
    ("識別不可でも病歴は要配慮にしない", {"identifiable": False, "items": ["病歴"]}, NOT_PERSONAL, False, False,
     "個人情報に該当しません。"),
    ("マイナンバーは識別符号", {"identifiable": False, "items": ["マイナンバー"], "organised": False}, PERSONAL,
     False, True, "マイナンバー（個人識別符号）を含むため、それだけで個人を識別でき個人情報です。"),
    ("未整理のメモ", {"organised": False}, PERSONAL, False, False,
     "検索できるよう体系的に整理されていないため、個人情報（個人データではない）です。"),
    ("整理された名簿", {}, RETAINED, False, False, "検索できるよう体系的に整理されているため個人データです。"),
    ("自社に権限", {}, RETAINED, False, False, "開示・訂正・利用停止などに応じる権限が自社にあるため保有個人データです。"),
    ("受託データ", {"held_for_client": True}, PERSONAL_DATA, False, False,
     "委託を受けて取り扱うデータ（受託）のため、保有個人データではありません。"),
    ("受託は権限の答えより優先", {"held_for_client": True, "company_has_authority": True}, PERSONAL_DATA, False,
     False, "（受託）のため"),
    ("権限なし", {"company_has_authority": False}, PERSONAL_DATA, False, False,
     "開示・訂正・利用停止などに応じる権限が自社にないため、保有個人データではありません。"),
    ("未整理なら受託でも個人情報", {"organised": False, "held_for_client": True}, PERSONAL, False, False,
     "整理されていないため"),
    ("健康診断", {"items": ["氏名", "健康診断結果"]}, RETAINED, True, False, "健康診断結果を含むため要配慮個人情報です。"),
    ("自由記入の要配慮", {"items": ["氏名", "通院歴"], "sensitive_items": ["通院歴"]}, RETAINED, True, False,
     "通院歴を含むため要配慮個人情報です。"),
    ("項目にない印は無視", {"items": ["氏名"], "sensitive_items": ["通院歴"]}, RETAINED, False, False,
     "保有個人データです。"),
    ("マイナンバー", {"items": ["氏名", "マイナンバー"]}, RETAINED, False, True, "マイナンバーを含むため特定個人情報です。"),
    ("個人番号という書き方", {"items": ["個人番号"]}, RETAINED, False, True, "特定個人情報です。"),
    ("両方の印", {"items": ["マイナンバー", "病歴", "障害の有無"], "held_for_client": True}, PERSONAL_DATA, True, True,
     "病歴・障害の有無を含むため要配慮個人情報です。"),
]


@pytest.mark.parametrize("what, changes, category, sensitive, specific, sentence", CASES, ids=[c[0] for c in CASES])
def test_classification_table(what, changes, category, sensitive, specific, sentence):
    result = classify({**BASE, **changes})
    assert (result.category, result.sensitive, result.specific) == (category, sensitive, specific)
    assert sentence in result.reason
    assert all(r.endswith("。") for r in result.reasons)


def test_summary_and_flags_read_as_the_ledger_shows_them():
    result = classify({**BASE, "items": ["氏名", "健康診断結果", "マイナンバー"]})
    assert result.summary() == "保有個人データ（要配慮個人情報・特定個人情報）"
    assert classify({**BASE, "organised": False}).summary() == "個人情報"


def test_reasons_follow_the_order_of_the_argument():
    reasons = classify({**BASE, "items": ["病歴", "マイナンバー"]}).reasons
    assert reasons == ("検索できるよう体系的に整理されているため個人データです。",
                       "開示・訂正・利用停止などに応じる権限が自社にあるため保有個人データです。",
                       "病歴を含むため要配慮個人情報です。",
                       "マイナンバーを含むため特定個人情報です。")


@pytest.mark.parametrize("changes, expected", [
    ({"identifiable": False, "items": []}, "リスク分析の対象外"),
    ({"items": ["病歴"]}, "本人の同意が必要"),
    ({"items": ["マイナンバー"]}, "税・社会保障"),
    ({}, "公表事項"),
    ({"third_party": True}, "提供の記録"),
    ({"consigned": True}, "委託先を評価"),
])
def test_handling_notes_say_what_the_law_then_asks(changes, expected):
    assert any(expected in n for n in handling_notes({**BASE, **changes}))


def test_personal_data_held_for_a_client_gets_no_publication_note():
    assert not any("公表事項" in n for n in handling_notes({**BASE, "held_for_client": True}))
