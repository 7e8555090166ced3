"""The audit trail reads as Japanese in the viewer, the workbook and the PDF: labels from the
fields table in its order, choice labels, names for ids, lists joined with 、, dates in the
database's date style, a new record as 項目: 値, only what changed on an update."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace

import pytest
from openpyxl import load_workbook

from pcdesk.audit.query import AuditFilter, describe_changes, fetch_page
from pcdesk.dates import WAREKI
from pcdesk.inventory.importer import ImportPlan, commit, preview, read
from pcdesk.inventory.service import retire_entry, save_draft, update_entry
from pcdesk.inventory.flow import SurveyFlow
from pcdesk.output.export import export_ledger
from pcdesk.output.registry import LedgerQuery
from pcdesk.settings import load_settings, save_settings
from tests.unit import inventory_layouts as layouts

# What must never reach a reader: stored keys, Python or JSON text, ISO dates, English words.
RAW = re.compile(r"\b(retained|personal_data|not_personal|paper|electronic|both|active|retired|True|False|None|null|"
                 r"true|false|seireki|wareki|department_id|entry_id|sensitive_declared|store|acquire|transfer|dispose|"
                 r"locked_storage|encryption|access_control)\b|\b[a-z]+_[a-z_]+\b|\{'|\['|'\]|\{\"|\[\"|\d{4}-\d{2}-\d{2}")


@pytest.fixture
def history(demo, tmp_path):
    """The demo company, then a year's work: an import, edits, a retirement, a draft, 和暦."""
    ws, info = demo
    table = read(layouts.tool(tmp_path / "tool.xlsx"))
    imported = commit(ws, preview(ws, table, ImportPlan.proposed(table)))
    interview = next(e for e in imported if e.name == "面接記録")
    update_entry(ws, interview.id, {"business_process": "採用活動", "media": "both", "items": ["氏名", "面接評価"],
                                    "sensitive_declared": "no"}, "項目を見直し")
    retire_entry(ws, imported[0].id, "問い合わせ窓口の廃止")
    save_draft(ws, **SurveyFlow.new(info.department_ids["総務部"], name="株主名簿", items=["氏名", "住所"]).draft())
    save_settings(ws, replace(load_settings(ws), date_style=WAREKI))
    return ws, interview


# Record types whose models describe their fields (the inventory) and the foundation's own.
CHECKED = {"個人情報管理台帳", "個人情報管理台帳の改訂", "個人情報調査（下書き）", "リスク分析", "リスク・対策カタログ",
           "アカウント", "権限", "会社情報", "部門", "設定", "台帳", "帳票", "データベース"}


def test_the_exported_audit_log_holds_no_raw_internal_values(history, tmp_path):
    ws, _ = history
    export_ledger(ws, "audit_log", "xlsx", tmp_path / "監査ログ.xlsx")
    sheet = load_workbook(tmp_path / "監査ログ.xlsx").active
    rows = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    heading = next(i for i, r in enumerate(rows) if "変更内容" in r)
    target = rows[heading].index("対象")
    checked = [r for r in rows[heading + 1:] if r[target] in CHECKED]
    texts = [c for r in checked for c in r if isinstance(c, str)]
    book = "\n".join(texts)
    assert len(checked) > 100
    raw = sorted({m.group() for m in RAW.finditer(book)})
    assert raw == [], [t for t in texts if RAW.search(t)][:5]
    assert "管理部門: 営業部" in book and "区分: 保有個人データ" in book
    assert "媒体: 紙 → 紙・電子" in book  # an update: before → after, choice labels
    assert "主な項目: 氏名、面接評価、病歴 → 氏名、面接評価" in book  # lists joined with 、
    assert "要配慮個人情報の判断: 該当する → 該当しない" in book  # 機微 ○ in the file, then judged otherwise
    assert "状態: 利用中 → 廃止" in book
    assert "廃止日: 令和8年11月22日" in book  # dates in the database's date style (和暦 now)
    assert "日付の表記: 和暦" in book  # a setting by its name, its value in words
    assert "進んだ手順: 部門と業務" in book  # a draft's steps by their titles

    for record_type in ("inventory_entry", "inventory_entry_revision", "inventory_risk"):
        path = tmp_path / f"監査ログ_{record_type}.pdf"
        export_ledger(ws, "audit_log", "pdf", path, LedgerQuery(filters={"record_type": record_type}))
        text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert sorted({m.group() for m in RAW.finditer(text)} - {"inventory_entry", "inventory_entry_revision",
                                                                    "inventory_risk"}) == [], record_type
        assert "台帳" in text


def test_a_new_entry_is_a_list_of_fields_in_the_fields_tables_order(history):
    ws, interview = history
    created = fetch_page(ws, AuditFilter(action="create", record_type="inventory_entry"), limit=1)[0]
    lines = created.cells()[7].splitlines()
    labels = [line.split(":")[0] for line in lines]
    assert labels[:4] == ["管理番号", "管理部門", "個人情報の名称", "本人の区分"]  # ledger order, empty ones left out
    assert "業務名" not in labels
    assert not any(line.endswith("（なし）") for line in lines)


def test_an_update_lists_only_what_changed(history):
    ws, interview = history
    (row,) = [r for r in fetch_page(ws, AuditFilter(action="update", record_type="inventory_entry"), limit=50)
              if r.record_id == str(interview.id) and "business_process" in r.changes]
    lines = row.cells()[7].splitlines()
    assert lines[0] == "業務名: （なし） → 採用活動"
    assert "版: 1 → 2" in lines
    assert not any(line.startswith(("委託先", "管理部門", "更新日時")) for line in lines)


def test_a_revision_snapshot_reads_as_fields(history):
    ws, _ = history
    revision = fetch_page(ws, AuditFilter(action="create", record_type="inventory_entry_revision"), limit=1)[0]
    text = revision.cells()[7]
    assert text.startswith("台帳: ") and "\n内容:\n　管理番号: " in text and "　管理部門: " in text


def test_tables_without_a_fields_table_still_read_well():
    assert describe_changes("company_profile", '{"name": [null, "株式会社テスト"]}') == "社名: 株式会社テスト"
    assert describe_changes("user_role", '{"role": ["approver", null]}') == "権限: 承認者 → （削除）"
    assert describe_changes("user_account", '{"active": [true, false]}') == "有効: はい → いいえ"
