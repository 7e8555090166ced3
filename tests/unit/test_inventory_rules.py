"""The entry's pure rules: which fields apply, what is missing (要確認), Japanese problems."""

import pytest

from pcdesk.inventory import rules
from pcdesk.inventory.classification import classify

COMPLETE = dict(department_id=1, business_process="採用活動", name="応募者の履歴書", identifiable=True,
                subject_kinds=["応募者"], items=["氏名", "学歴・職歴"], record_count=40, acquisition=["本人から書面で直接"],
                purpose="採用選考のため", media="paper", storage_location="人事部書庫", protection=["施錠保管"],
                organised=True, taken_out=False, access_holders="人事部員", manager="人事部長", use_period="選考終了まで",
                retention="1年", disposal=["シュレッダー"], consigned=False, third_party=False, joint_use=False,
                held_for_client=False, company_has_authority=True)


def test_a_complete_entry_lacks_nothing_and_has_no_problems():
    assert rules.missing(COMPLETE) == [] and rules.problems(COMPLETE) == []


def test_what_applies_follows_the_answers():
    assert rules.applicable({**COMPLETE, "identifiable": False}) == ["department_id", "business_process", "name",
                                                                     "identifiable", "notes"]
    assert "consignee" not in rules.applicable(COMPLETE)
    assert "consignee" in rules.missing({**COMPLETE, "consigned": True})
    assert "company_has_authority" not in rules.applicable({**COMPLETE, "held_for_client": True})
    assert "held_for_client" not in rules.applicable({**COMPLETE, "organised": False})


def test_missing_fields_are_named_and_can_be_allowed_for_review():
    partial = {k: v for k, v in COMPLETE.items() if k not in ("purpose", "manager", "department_id")}
    assert rules.missing(partial) == ["department_id", "purpose", "manager"]
    assert [str(p) for p in rules.problems(partial)][:2] == ["管理部門: 部門を選んでください。",
                                                            "利用目的: 入力してください（例: 商品の発送と請求のため）。"]
    assert rules.problems(partial, missing_ok=True) == []


@pytest.mark.parametrize("key, value, message", [
    ("purpose", "目" * 10_000, "利用目的: 2,000文字以内にしてください（いまは10,000文字です）。"),
    ("name", "名" * 201, "個人情報の名称: 200文字以内にしてください（いまは201文字です）。"),
    ("items", [f"項目{i}" for i in range(101)], "主な項目: 100個までにしてください（いまは101個です）。"),
    ("record_count", -1, "件数（概数）: 0〜100,000,000 の範囲で、おおよその件数を入力してください。"),
    ("media", "cloud", "媒体: 紙・電子・紙と電子の両方 のいずれかを選んでください。"),
])
def test_hostile_values_are_field_errors_in_japanese(key, value, message):
    assert [str(p) for p in rules.problems({**COMPLETE, key: value})] == [message]


def test_clean_derives_the_sensitive_items_and_drops_details_without_a_yes():
    cleaned = rules.clean({**COMPLETE, "items": ["氏名", "健康診断の結果", "氏名"], "consigned": False, "consignee": "X社"})
    assert cleaned["items"] == ["氏名", "健康診断の結果"] and cleaned["sensitive_items"] == ["健康診断の結果"]
    assert cleaned["consignee"] == ""


@pytest.mark.parametrize("changes, sensitive, specific", [
    ({"items": ["氏名", "通院歴"]}, True, False),
    ({"name": "健康診断結果"}, True, False),
    ({"items": ["氏名", "マイナンバー（個人番号）"]}, False, True),
    ({"name": "源泉徴収票", "specific_declared": "yes"}, False, True),
    ({"items": ["氏名", "病歴"], "sensitive_declared": "no"}, False, False),
])
def test_sensitive_and_specific_come_from_items_name_or_judgement(changes, sensitive, specific):
    c = classify({**COMPLETE, **changes})
    assert (c.sensitive, c.specific) == (sensitive, specific)
    assert c.reason  # always said why
