"""The inventory ledgers exported through the ledger engine and reopened."""

import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from pcdesk.output.export import export_ledger
from pcdesk.output.registry import LedgerQuery

from test_inventory_ledger import DOMAIN_FIELDS, EXPECTED_DEMO

CLASS_LABELS = {"not_personal": "該当しない", "personal": "個人情報", "personal_data": "個人データ",
                "retained": "保有個人データ"}


def table(path):
    """(headers, rows as dicts) of an exported sheet: the header row is the one starting 管理番号."""
    sheet = load_workbook(path).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    start = next(i for i, r in enumerate(rows) if r[0] == "管理番号")
    headers = [h for h in rows[start] if h]
    body = [dict(zip(headers, r)) for r in rows[start + 1:] if r[0]]
    return headers, body


def test_the_exported_ledger_has_every_field_and_the_right_classes(demo, tmp_path):
    ws, _ = demo
    out = tmp_path / "台帳.xlsx"
    result = export_ledger(ws, "inventory_ledger", "xlsx", out)
    assert result.records == len(EXPECTED_DEMO)
    headers, rows = table(out)
    assert [f for f in DOMAIN_FIELDS if not any(f in h for h in headers)] == []
    got = {r["個人情報の名称"]: (r["区分"], r["要配慮個人情報"] == "○", r["特定個人情報"] == "○") for r in rows}
    expected = {name: (CLASS_LABELS[c], s, p) for name, (c, s, p) in EXPECTED_DEMO.items()}
    assert got == expected
    customers = next(r for r in rows if r["個人情報の名称"] == "顧客名簿")
    assert customers["件数（概数）"] == 3200 and customers["媒体"] == "電子"
    assert customers["委託の有無・委託先"] == "あり（株式会社みどり配送（商品発送））"
    assert customers["最終見直し日"] is not None
    retired = next(r for r in rows if r["個人情報の名称"] == "セミナー参加者アンケート（2023年）")
    assert retired["状態"] == "廃止"


def test_survey_sheet_per_department_and_risk_analysis_reopen(demo, tmp_path):
    ws, info = demo
    hr = info.department_ids["人事部"]
    out = tmp_path / "調査表.xlsx"
    export_ledger(ws, "inventory_survey", "xlsx", out, LedgerQuery(filters={"department_id": hr}))
    _, rows = table(out)
    assert {r["管理部門"] for r in rows} == {"人事部"}
    assert {r["個人情報の名称"] for r in rows} == {"応募者の履歴書", "従業者名簿", "健康診断結果", "退職者名簿",
                                              "採用応募の集計表（年齢層・人数のみ）"}

    out = tmp_path / "リスク分析表.xlsx"
    result = export_ledger(ws, "risk_analysis", "xlsx", out)
    headers, rows = table(out)
    assert result.records == len(rows) > 50
    assert {"業務名", "取扱いの段階", "脅威", "想定されるリスク", "脆弱性", "本人への影響", "法令違反", "経済的不利益",
            "社会的信用の失墜", "発生可能性", "影響度", "評価点", "追加対策", "残留リスク", "承認者", "承認日"} <= set(headers)
    assert {r["取扱いの段階"] for r in rows} == {"取得・入力", "移送・送信", "利用・加工", "保管・バックアップ", "消去・廃棄"}
    for r in rows:
        assert r["評価点"] == r["発生可能性"] * r["影響度"]
    health = [r for r in rows if r["個人情報の名称"] == "健康診断結果"]
    assert health and all(r["要配慮・特定"] == "要配慮" for r in health)
    locked = next(r for r in health if r["想定されるリスク"] == "保管書類の盗難・紛失")
    assert "【物理的】施錠できるキャビネットで保管" in locked["現状の対策（組織的・人的・物理的・技術的）"]  # 施錠保管 answered
    assert locked["脆弱性"] and "要配慮個人情報" in locked["本人への影響"]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_ledger_as_pdf_reads_in_japanese(demo, tmp_path):
    ws, _ = demo
    out = tmp_path / "台帳.pdf"
    export_ledger(ws, "inventory_ledger", "pdf", out)
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    for words in ("個人情報管理台帳", "PI-0013", "顧客名簿", "名刺", "廃止"):  # short enough not to wrap
        assert words in text


# What a short column must show on one line of the printed ledger (landscape A4).
ONE_LINE = {"number": ["PI-0001"], "record_count": ["25,000", "250,000"], "media": ["紙・電子"], "taken_out": ["あり"],
            "last_reviewed_on": ["2026年12月31日", "令和8年12月31日"], "accepted_at": ["2026年12月31日", "令和8年12月31日"],
            "status": ["利用中"], "sensitive": ["○"], "specific": ["○"], "flags": ["要配慮"]}


@pytest.mark.parametrize("ledger_id", ["inventory_ledger", "inventory_survey", "risk_analysis"])
def test_short_values_and_headers_keep_together_in_the_pdf_columns(ledger_id):
    from pcdesk.output.fonts import find_font, register
    from pcdesk.output.linebreak import LineBreaker
    from pcdesk.output.pdf import table_layouts
    from pcdesk.output.spec import load_ledger_spec

    spec = load_ledger_spec(ledger_id)
    for paper in ("A3", "A4"):
        for lay in table_layouts(spec, paper):
            breaker = LineBreaker(register(find_font()), lay.size)
            for index, width in zip(lay.columns, lay.inner):
                col = spec.columns[index]
                for value in ONE_LINE.get(col.key, []):
                    assert breaker.wrap(value, width) == [value], (paper, col.header, value)
                header = breaker.wrap_balanced(col.header, width)  # as the PDF writer wraps headings
                assert len(header) <= 3 and all(len(line) >= 2 for line in header), (paper, col.header, header)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_printed_ledger_keeps_counts_dates_and_states_whole(demo, tmp_path):
    ws, _ = demo
    out = tmp_path / "台帳.pdf"
    export_ledger(ws, "inventory_ledger", "pdf", out)
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    for whole in ("25,000", "2026年10月30日", "利用中", "紙・電子", "持出し", "件数"):
        assert whole in text, whole


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_a_department_survey_says_which_department_on_paper(demo, tmp_path):
    from pcdesk.audit.query import AuditFilter, fetch_page

    ws, info = demo
    sales = LedgerQuery(filters={"department_id": info.department_ids["営業部"]})
    pdf = tmp_path / "調査表.pdf"
    export_ledger(ws, "inventory_survey", "pdf", pdf, sales)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "個人情報調査表（部門: 営業部）" in text  # the running header of every page
    assert "部門: 営業部" in text.split("管理番号")[0]  # and the title block, above the table
    assert "記入者" in text and "部門長" in text

    book = tmp_path / "調査表.xlsx"
    export_ledger(ws, "inventory_survey", "xlsx", book, sales)
    sheet = load_workbook(book).active
    assert sheet["A3"].value.startswith("部門: 営業部")
    assert [c.value for c in sheet[1] if c.value in ("記入者", "部門長")] == ["記入者", "部門長"]
    assert sheet.oddHeader.center.text == "個人情報調査表（部門: 営業部）"
    summaries = [e.summary for e in fetch_page(ws, AuditFilter(action="export"))]
    assert any(s.startswith("個人情報調査表（部門: 営業部）をExcelで出力") for s in summaries)

    everyone = tmp_path / "全社.xlsx"
    export_ledger(ws, "inventory_survey", "xlsx", everyone)
    assert not load_workbook(everyone).active["A3"].value.startswith("部門")


def test_the_ledger_header_names_every_filter_it_applied(demo, tmp_path):
    ws, info = demo
    out = tmp_path / "台帳.xlsx"
    export_ledger(ws, "inventory_ledger", "xlsx", out,
                  LedgerQuery(filters={"department_id": info.department_ids["人事部"], "category": "retained",
                                       "sensitive": True, "status": "active", "unknown_key": 1}))
    assert load_workbook(out).active["A3"].value.startswith(
        "部門: 人事部　　区分: 保有個人データ　　要配慮個人情報を含むもの　　状態: 利用中　　出力日: ")


def test_export_by_department_is_refused_for_a_ledger_without_departments(demo, capsys):
    from pcdesk.cli import run

    ws, _ = demo
    assert run(["--db", str(ws.db.path), "export", "audit_log", "--department", "営業部", "--out", "x.pdf"]) == 2
    assert "監査ログは部門で絞り込めません。--department を外してください。" in capsys.readouterr().err
