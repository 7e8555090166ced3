"""What a draft lacks, how it disagrees with the ledger, and the text the templates make of it."""

from __future__ import annotations

import re

import pytest

from pcdesk.policy.document import NOTICE, POLICY, build_document, build_statement, printable
from pcdesk.policy.drafting import first_draft, security_defaults
from pcdesk.policy.plain_text import printable_text
from pcdesk.policy.rules import ARTICLE_32, clean_answers, format_problems, inventory_gaps, missing_items
from pcdesk.policy.templates import Filler, TemplateError
from tests.policy_answers import NOTICE_SECTIONS, POLICY_SECTIONS, RECORDS, full_answers, record


def fields_named(problems) -> list[str]:
    return [p.field for p in problems]


def test_a_complete_draft_lacks_nothing():
    assert missing_items(clean_answers(full_answers())) == []


@pytest.mark.parametrize("item, keys", ARTICLE_32, ids=[name for name, _k in ARTICLE_32])
def test_each_article_32_item_left_empty_is_named(item, keys):
    answers = clean_answers(full_answers(**{k: ([] if k == "purposes" else None) for k in keys}))
    problems = missing_items(answers)
    assert problems, f"{item} empty but nothing missing"
    named = " ".join(str(p) for p in problems)
    from pcdesk.policy.fields import SPECS

    labels = [SPECS[k].label for k in keys] + (["窓口の電話番号またはメールアドレス"] if len(keys) > 1 else [])
    assert any(label in named for label in labels), named


def test_every_missing_item_is_named_at_once():
    answers = clean_answers(full_answers(company_name="", request_method="", fee_amount=None, security_human=" "))
    assert fields_named(missing_items(answers)) == ["事業者の名称", "開示等の請求の方法", "開示等の手数料", "人的安全管理措置"]


def test_joint_use_needs_its_four_items_including_the_responsible_party():
    answers = clean_answers(full_answers(joint_items="", joint_scope="", joint_purpose="", joint_manager="",
                                         joint_manager_address="", joint_manager_representative=""))
    assert fields_named(missing_items(answers)) == [
        "共同して利用される個人データの項目", "共同して利用する者の範囲", "共同して利用する者の利用目的",
        "管理について責任を有する者の名称", "管理について責任を有する者の住所", "管理について責任を有する者の代表者"]


def test_a_section_that_does_not_apply_needs_nothing():
    answers = clean_answers(full_answers(joint_use=False, joint_items="", abroad=False, abroad_countries=[],
                                         security_environment="", association_member=False, association_name=""))
    assert missing_items(answers) == []


def test_abroad_needs_each_country_with_its_regime_and_the_measures():
    answers = clean_answers(full_answers(abroad_countries=[{"country": "シンガポール", "regime": "", "measures": ""}]))
    assert fields_named(missing_items(answers)) == ["提供先の国（シンガポールのその国の個人情報の保護に関する制度）",
                                                    "提供先の国（シンガポールの提供先が講ずる措置）"]


def test_a_fee_needs_a_way_to_pay_it_and_no_fee_is_said_so():
    assert fields_named(missing_items(clean_answers(full_answers(fee_method="")))) == ["手数料の支払方法"]
    free = clean_answers(full_answers(fee_amount=0, fee_method=""))
    assert missing_items(free) == []
    requests = build_document(NOTICE, free).clause("requests")
    assert "開示等の請求に手数料はかかりません。" in requests.lines()


def test_an_inventory_purpose_missing_from_the_notice_is_warned():
    answers = clean_answers(full_answers(purposes=[{"subject": "顧客", "purpose": "商品の発送と代金の請求のため"}]))
    texts = [g.text for g in inventory_gaps(answers, RECORDS) if g.kind == "missing_purpose"]
    assert texts == ["台帳の「PI-0002 見込客リスト」の利用目的「セミナーのご案内のため」が公表文にありません。",
                     "台帳の「PI-0003 健康診断結果」の利用目的「健康管理のため」が公表文にありません。",
                     "台帳の「PI-0004 給与とマイナンバー」の利用目的「給与の支払いと税の手続のため」が公表文にありません。"]


def test_a_purpose_no_entry_uses_and_sections_the_ledger_records_are_warned():
    answers = clean_answers(full_answers(joint_use=False, consignment=False, third_party=False,
                                         purposes=full_answers()["purposes"] + [{"subject": "株主", "purpose": "配当のため"}]))
    gaps = {g.kind: g.text for g in inventory_gaps(answers, RECORDS)}
    assert gaps["unused_purpose"] == "公表文の利用目的「配当のため」は、台帳のどの項目の利用目的にもありません。"
    missing = [g.text for g in inventory_gaps(answers, RECORDS) if g.kind == "missing_section"]
    assert "台帳には共同利用している項目（PI-0001 顧客名簿）がありますが、公表文に「共同利用」の条項がありません。" in missing
    assert any("取扱いを委託している項目（PI-0001 顧客名簿、PI-0004 給与とマイナンバー）" in t and "「委託」" in t for t in missing)
    assert any("第三者に提供している項目（PI-0002 見込客リスト）" in t for t in missing)


def test_purposes_match_despite_full_width_and_a_closing_full_stop():
    answers = clean_answers(full_answers(purposes=[{"subject": r.subject_kinds[0], "purpose": r.purpose + "。"}
                                                   for r in RECORDS]))
    assert not [g for g in inventory_gaps(answers, RECORDS) if g.kind in ("missing_purpose", "unused_purpose")]


def test_the_first_draft_comes_from_the_ledger_and_its_risk_analysis():
    company = {"name": "株式会社テスト", "address": "東京都", "representative": "代表 一郎", "contact_name": "窓口",
               "contact_phone": "03-1111-2222", "contact_email": "a@example.jp"}
    records = RECORDS + [record(5, "受託データ", ["委託元の顧客"], "受託業務のため", category="personal_data")]
    import datetime as dt

    draft = first_draft(company, records, dt.date(2026, 11, 22))
    assert [row["purpose"] for row in draft["purposes"]] == [r.purpose for r in RECORDS]  # not the 受託 data's
    assert draft["joint_use"] and draft["consignment"] and draft["third_party"] and draft["sensitive"] and draft["specific"]
    assert draft["consignment_details"] == "商品発送の業務\n給与計算の業務"
    assert draft["philosophy"] is None  # the company's own words: never invented
    assert "・施錠できるキャビネットで保管" in draft["security_physical"]
    assert "・従業者教育（年1回以上）" in draft["security_human"]
    assert "・" not in draft["security_technical"]  # nothing recorded: the general sentence
    assert missing_items(clean_answers(draft)) and fields_named(missing_items(clean_answers(draft)))[0] == "理念（方針の前文）"


def test_security_defaults_skip_what_is_not_a_security_measure():
    r = record(1, "名簿", ["顧客"], "x", measures=("利用目的の明示（書面への記載）", "自社で追加した暗号化の手順"),
               measure_groups=("組織的", "技術的"))
    texts = security_defaults([r])
    assert "利用目的の明示" not in "".join(texts.values())
    assert "・自社で追加した暗号化の手順" in texts["security_technical"]


def test_format_problems_refuse_what_cannot_be_stored():
    answers = clean_answers(full_answers(contact_email="privacy@", contact_phone="電話してね", philosophy="あ" * 5000,
                                         fee_amount="千円"))
    assert fields_named(format_problems(answers)) == ["理念（方針の前文）", "開示等の手数料", "窓口のメールアドレス", "窓口の電話番号"]


def test_control_characters_and_stray_spaces_are_cleaned():
    answers = clean_answers(full_answers(company_name="  株式会社\x00テスト  ", philosophy="一行目\r\n\r\n\t二行目 "))
    assert answers["company_name"] == "株式会社テスト"
    assert answers["philosophy"] == "一行目\n二行目"


# -- the text ------------------------------------------------------------------------------

def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=。)", text.replace("\n", "")) if len(s) > 8]


@pytest.mark.parametrize("kind, sections", [(POLICY, POLICY_SECTIONS), (NOTICE, NOTICE_SECTIONS)])
def test_every_section_is_there_numbered_with_no_placeholder_or_repeated_sentence(kind, sections):
    import datetime as dt

    answers = clean_answers(full_answers())
    doc = build_document(kind, answers)
    text = printable_text(printable(doc, answers, [(dt.date(2025, 4, 1), "制定"), (dt.date(2026, 4, 1), "改定")]))
    for section in sections:
        assert section in text, section
    assert "{" not in text and "}" not in text
    assert re.search(r"：\s*$", text, re.M) is None, "a label with nothing after it"
    found = sentences(text)
    assert len(found) == len(set(found)), [s for s in found if found.count(s) > 1]
    numbers = [c.heading.split("．")[0] for c in doc.clauses]
    assert numbers == [str(i) for i in range(1, len(doc.clauses) + 1)]
    assert "制定日：2025年4月1日" in text and "最終改正日：2026年4月1日" in text


def test_a_clause_refers_to_the_contact_clause_by_its_number():
    doc = build_document(NOTICE, clean_answers(full_answers()))
    contact = doc.clause("contact").heading
    assert f"「{contact}」に記載の窓口で受け付けます。" in doc.clause("requests").lines()


def test_an_empty_optional_value_leaves_out_its_line():
    doc = build_document(NOTICE, clean_answers(full_answers(contact_hours="", pms_manager="")))
    lines = doc.clause("contact").lines() + doc.clause("business_operator").lines()
    assert not any(line.startswith("受付時間") or line.startswith("個人情報保護管理者") for line in lines)


def test_the_purposes_are_grouped_by_kind_of_person_in_the_notices_words():
    answers = clean_answers(full_answers(purposes=[{"subject": "顧客", "purpose": "発送のため"},
                                                   {"subject": "従業者", "purpose": "雇用管理のため"},
                                                   {"subject": "顧客", "purpose": "請求のため"},
                                                   {"subject": "顧客", "purpose": "発送のため。"}]))
    lines = build_document(NOTICE, answers).clause("purposes").lines()
    assert lines[1:] == ["（1）お客様に関する個人情報", "・発送のため", "・請求のため",
                         "（2）従業者に関する個人情報", "・雇用管理のため"]


def test_the_statement_for_a_form_names_the_purposes_and_the_contact():
    answers = clean_answers(full_answers())
    lines = [line for b in build_statement(answers, "顧客").preamble for line in b.lines()]
    assert lines[0] == "ご記入いただいた個人情報は、株式会社テストデータ（以下「当社」といいます。）が次の目的のために利用します。"
    assert "・商品の発送と代金の請求のため" in lines and "・健康管理のため" not in lines
    assert "個人情報保護管理者：取締役 鈴木 花子" in lines and "お問い合わせ窓口：個人情報お問合せ窓口" in lines
    assert "個人情報のご提供は任意です。ただし、必要な項目をご記入いただけない場合は、お申込みやお問い合わせにお応えできないことがあります。" in lines


def test_a_template_naming_an_unknown_answer_says_which_file_and_name():
    with pytest.raises(TemplateError, match=r"notice.toml: \{no_such\} という差し込み項目はありません"):
        Filler("resources/policy/notice.toml", {"company_name": "x"}).lines("{no_such}です")


def test_a_company_copy_of_a_template_wins(tmp_path, monkeypatch):
    from pcdesk.shipped import resources_dir
    from pcdesk.store.paths import data_dir

    folder = data_dir() / "resources" / "policy"
    folder.mkdir(parents=True, exist_ok=True)
    text = (resources_dir() / "policy" / "policy.toml").read_text(encoding="utf-8")
    (folder / "policy.toml").write_text(text.replace("法令・規範の遵守", "法令と社内規程の遵守"), encoding="utf-8")
    doc = build_document(POLICY, clean_answers(full_answers()))
    assert doc.clause("compliance").heading == "2．法令と社内規程の遵守"


def test_records_of_no_one_identifiable_are_left_out():
    stats = record(9, "応募の集計表", [], "", category="not_personal", joint_use=True, sensitive=True)
    answers = clean_answers(full_answers(joint_use=False, sensitive=False))
    kinds = [g.text for g in inventory_gaps(answers, RECORDS + [stats])]
    assert not any("PI-0009" in t for t in kinds)
