"""Ledger and form definitions: the shipped files load, a bad file says what to fix."""

from __future__ import annotations

import pytest

from pcdesk.output.form_spec import FieldsBlock, StampsBlock, load_form_spec
from pcdesk.output.registry import ledger_ids
from pcdesk.output.spec import SpecError, load_ledger_spec


@pytest.fixture
def forms_dir(tmp_path, monkeypatch):
    folder = tmp_path / "forms"
    folder.mkdir()
    monkeypatch.setenv("PCDESK_FORMS_DIR", str(folder))
    return folder


def test_every_registered_ledger_has_a_readable_definition():
    for ledger_id in ledger_ids():
        spec = load_ledger_spec(ledger_id)
        assert spec.title and spec.columns, ledger_id


def test_audit_log_definition_has_the_columns_and_stamps_the_issue_names():
    spec = load_ledger_spec("audit_log")
    assert spec.title == "監査ログ"
    assert [c.header for c in spec.columns] == ["番号", "日時", "操作者", "操作", "対象", "記録ID", "内容", "変更内容"]
    assert spec.approvals == ("作成", "確認", "承認")
    assert [c.type for c in spec.columns][:2] == ["number", "datetime"]


def test_visitor_sheet_is_a_form_with_fields_and_stamps():
    spec = load_form_spec("visitor_sheet_blank")
    fields = [f.label for b in spec.blocks if isinstance(b, FieldsBlock) for f in b.fields]
    assert {"日付", "入室時刻", "退室時刻", "氏名", "会社名", "人数", "ご用件", "面会者", "入館証番号",
            "立入区域", "受付者"} <= set(fields)
    assert any(isinstance(b, StampsBlock) for b in spec.blocks)


def test_a_bad_definition_lists_every_problem_in_japanese(forms_dir):
    (forms_dir / "broken.toml").write_text("""
title = "壊れた台帳"
orientation = "diagonal"
[[columns]]
key = "a"
header = "列A"
type = "datetim"
[[columns]]
key = "a"
width = 500
""", encoding="utf-8")
    with pytest.raises(SpecError) as err:
        load_ledger_spec("broken")
    text = str(err.value)
    assert "broken.toml" in text
    assert "「diagonal」は使えません" in text and "portrait, landscape" in text
    assert "「datetim」は使えません" in text
    assert "2列目 header: ありません。書き加えてください。" in text
    assert "2列目 width: 2〜120 の数で書いてください（今: 500）" in text
    assert "key「a」が2回" in text


def test_toml_syntax_error_names_the_file_and_line(forms_dir):
    (forms_dir / "typo.toml").write_text('title = "閉じ忘れ\n', encoding="utf-8")
    with pytest.raises(SpecError, match=r"typo\.toml: 書式が正しくありません.*line 1"):
        load_ledger_spec("typo")


def test_missing_definition_and_choice_without_choices(forms_dir):
    with pytest.raises(SpecError, match="forms/nothing.toml が見つかりません"):
        load_ledger_spec("nothing")
    (forms_dir / "c.toml").write_text("""
title = "t"
[[columns]]
key = "a"
header = "a"
[[columns]]
key = "b"
header = "b"
[[columns]]
key = "k"
header = "状態"
type = "choice"
""", encoding="utf-8")
    with pytest.raises(SpecError, match="3列目（状態） choices: ありません"):
        load_ledger_spec("c")


def test_a_form_is_not_taken_for_a_ledger(forms_dir):
    (forms_dir / "f.toml").write_text('kind = "form"\ntitle = "用紙"\n[[blocks]]\nkind = "title"\ntext = "用紙"\n',
                                      encoding="utf-8")
    with pytest.raises(SpecError, match="台帳の定義ではありません"):
        load_ledger_spec("f")
    assert load_form_spec("f").title == "用紙"


def test_form_definition_errors_name_the_block(forms_dir):
    (forms_dir / "bad_form.toml").write_text("""
kind = "form"
title = "用紙"
[[blocks]]
kind = "fields"
[[blocks]]
kind = "text"
file = "forms/missing.txt"
[[blocks]]
kind = "sparkle"
""", encoding="utf-8")
    with pytest.raises(SpecError) as err:
        load_form_spec("bad_form")
    text = str(err.value)
    assert "1番目のブロック fields: ありません" in text
    assert "resources/forms/missing.txt」がありません" in text
    assert "「sparkle」は使えません" in text
