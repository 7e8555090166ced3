"""The 誓約書管理台帳 and 従業者の状況 as Excel and PDF, as the examiner receives them."""

from __future__ import annotations

import shutil
import subprocess

import openpyxl
import pytest

from pcdesk import registry
from pcdesk.output.export import export_ledger
from pcdesk.output.registry import LedgerQuery


def _sheet(path):
    ws = openpyxl.load_workbook(path).active
    return [[c.value for c in row] for row in ws.iter_rows()]


def _header_row(rows, first):
    return next(i for i, r in enumerate(rows) if r and r[0] == first)


def test_the_register_lists_current_workers_and_the_leaver_still_owing_the_leaving_pledge(demo, tmp_path):
    ws, _ = demo
    out = tmp_path / "台帳.xlsx"
    result = export_ledger(ws, "pledge_register", "xlsx", out)
    rows = _sheet(out)
    top = _header_row(rows, "社員番号")
    header, body = rows[top], [r for r in rows[top + 1:] if r[0]]
    assert header[:4] == ["社員番号", "氏名", "所属", "雇用区分"] and "原本の保管場所" in header
    status = header.index("状況")
    assert result.records == len(body)
    leavers = [r for r in body if r[header.index("退職日")] is not None]
    assert [r[status] for r in leavers] == ["退職時誓約 未取得"]
    signed = next(r for r in body if r[status] == "取得済")
    assert signed[header.index("回収者")] and signed[header.index("署名日")] is not None
    assert {r[status] for r in body} >= {"取得済", "未取得", "要再取得"}


def test_the_register_is_filtered_by_state_and_says_so(demo, tmp_path):
    ws, _ = demo
    out = tmp_path / "未取得.xlsx"
    export_ledger(ws, "pledge_register", "xlsx", out, LedgerQuery(filters={"state": "missing"}))
    rows = _sheet(out)
    assert any(r[0] and "状況: 未取得" in str(r[0]) for r in rows[:6])
    top = _header_row(rows, "社員番号")
    status = rows[top].index("状況")
    assert {r[status] for r in rows[top + 1:] if r[0]} == {"未取得"}


def test_worker_status_counts_every_kind_of_employment(demo, tmp_path):
    ws, _ = demo
    out = tmp_path / "従業者の状況.xlsx"
    export_ledger(ws, "worker_status", "xlsx", out)
    rows = _sheet(out)
    top = _header_row(rows, "雇用区分")
    body = {r[0]: r for r in rows[top + 1:] if r[0]}
    assert list(body)[:7] == ["役員", "正社員", "契約社員", "パート・アルバイト", "派遣社員", "出向者", "常駐委託先要員"]
    total = body["合計"]
    assert total[1] == sum(body[k][1] for k in list(body)[:7]) and total[1] >= 25
    assert "株式会社ひかり人材サービス（2人）" in body["派遣社員"][6]


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) が必要です")
def test_both_ledgers_print_as_pdf_and_sit_in_the_application_pack(demo, tmp_path):
    ws, _ = demo
    for ledger in ("pledge_register", "worker_status"):
        out = tmp_path / f"{ledger}.pdf"
        export_ledger(ws, ledger, "pdf", out)
        text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True).stdout
        assert ("誓約書管理台帳" if ledger == "pledge_register" else "従業者の状況") in text
    packs = {lid: d.pack for lid, d in registry.ledgers().items()}
    assert packs["pledge_register"] == 60 and packs["worker_status"] == 61
