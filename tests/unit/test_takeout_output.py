"""What the take-out feature prints: the 申請書兼誓約書 of one application (one A4 page, with
what was applied for, approved and returned, and the names under the seal boxes), the
持出し管理台帳 of a period in Excel and PDF, the asset register, the reminder; and its demo,
command line and compliance check."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from pcdesk import clock
from pcdesk.cli import run
from pcdesk.output.export import export_ledger, render_form
from pcdesk.output.registry import LedgerQuery
from pcdesk.takeout import queries, service
from pcdesk.takeout.ledgers import application_form_values, reminder_form_values, takeout_ledger_rows
from tests.takeout_fixtures import application_values, takeout_office, takeout_template  # noqa: F401  (fixtures)

needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) が必要です")
RETURN_OK = dict(condition="ok", virus_checked=True, copies_deleted=True)


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def returned(o) -> int:
    app = service.apply(o.staff, application_values(o, asset_ids=[o.assets["PC-001"], o.assets["DOC-001"]]))
    service.approve(o.approver, app.id)
    clock.pin(dt.datetime(2026, 11, 23, 9, 10))
    service.take_out(o.staff, app.id)
    clock.pin(dt.datetime(2026, 11, 25, 17, 30))
    service.confirm_return(o.admin, app.id, RETURN_OK)
    return app.id


@needs_poppler
def test_the_application_form_of_one_application_fits_one_a4_page(takeout_office, tmp_path):
    o = takeout_office
    app_id = returned(o)
    out = tmp_path / "申請書.pdf"
    result = render_form(o.staff, "takeout_application", {}, out, record=application_form_values(o.staff, app_id))
    assert result.pages == 1 == pages(out)
    text = pdf_text(out)
    for expected in ("情報・PC社外持出し申請書兼誓約書", "様式 持出-1", "TO-2026-0001", "2026年11月22日",
                     o.staff.actor.name, "株式会社A 本社（東京都港区）", "A社での新システムの提案",
                     "2026年11月23日 09:00", "都度承認（今回の1回）", "PC-001", "ThinkPad X1 / PF1",
                     "あり（BitLocker）", "DOC-001", "対象外", "あり（120件）", "■暗号化", "■パスワード設定",
                     "□のぞき見防止", "■持出し前のウイルスチェック",
                     "返却後は持ち出した情報の複製・一時ファイルをすべて消去します",
                     o.approver.actor.name, "2026年11月25日", o.admin.actor.name, "異常なし",
                     "■返却後のウイルスチェック", "■複製・一時ファイルの消去", "申請者", "承認者", "返却確認者"):
        assert expected in text, expected
    assert "直ちに取締役" in text  # the pledge names the company's 個人情報保護管理者


@needs_poppler
def test_the_form_prints_blank_for_handwriting_and_from_the_command_line(takeout_office, tmp_path, capsys):
    o = takeout_office
    blank = tmp_path / "blank.pdf"
    render_form(o.staff, "takeout_application", {}, blank)
    text = pdf_text(blank)
    assert "□社内" in text and "□異常なし" not in text and "□ 異常なし" in text
    returned(o)
    out = tmp_path / "cli.pdf"
    assert run(["--db", str(o.db.path), "form", "takeout_application", "--record", "to-2026-0001", "--out", str(out)]) == 0
    assert "TO-2026-0001" in pdf_text(out)
    assert run(["--db", str(o.db.path), "form", "takeout_application", "--record", "TO-2026-0099",
                "--out", str(out)]) == 2
    assert "申請番号「TO-2026-0099」の持出し申請はありません" in capsys.readouterr().err


@needs_poppler
def test_a_standing_approval_prints_its_period(takeout_office, tmp_path):
    o = takeout_office
    app = service.apply(o.staff, application_values(o, approval_kind="standing", out_at=dt.datetime(2026, 12, 1),
                                                     return_due=dt.date(2027, 3, 31)))
    service.approve(o.manager, app.id)
    out = tmp_path / "standing.pdf"
    render_form(o.admin, "takeout_application", {}, out, record=application_form_values(o.admin, app.id))
    text = pdf_text(out)
    assert "2026年12月1日から" in text and "2027年3月31日まで" in text and "包括承認（期間内）" in text


def test_the_ledger_lists_each_take_out_of_the_period(takeout_office):
    o = takeout_office
    first = returned(o)
    clock.pin(dt.datetime(2026, 11, 26, 9, 0))
    pending = service.apply(o.approver, application_values(o, "approver", out_at=dt.datetime(2026, 12, 2, 9, 0),
                                                           return_due=dt.date(2026, 12, 2)))
    service.save_draft(o.staff, application_values(o, destination="下書きの行き先"))
    rows = takeout_ledger_rows(o.admin, LedgerQuery())
    assert [r["number"] for r in rows] == ["TO-2026-0001", "TO-2026-0002"]  # the draft is not a take-out
    assert rows[0]["state"] == "返却済"
    assert (rows[0]["returned_on"], rows[0]["return_checker"], rows[0]["condition"]) == (
        dt.date(2026, 11, 25), o.admin.actor.name, "異常なし")
    assert rows[0]["approval"] == f"{o.approver.actor.name}（都度）"
    assert rows[1]["state"] == "申請中" and rows[1]["approval"] == "（都度）"
    november = takeout_ledger_rows(o.admin, LedgerQuery(dt.date(2026, 11, 1), dt.date(2026, 11, 30)))
    assert [r["number"] for r in november] == ["TO-2026-0001"]
    assert first != pending.id


def test_the_ledger_shows_how_late_and_filters_to_the_overdue(takeout_office):
    o = takeout_office
    app = service.apply(o.staff, application_values(o))
    service.approve(o.approver, app.id)
    clock.pin(dt.datetime(2026, 11, 23, 9, 0))
    service.take_out(o.staff, app.id)
    clock.pin(dt.datetime(2026, 12, 1, 9, 0))
    rows = takeout_ledger_rows(o.admin, LedgerQuery(filters={"overdue": True}))
    assert [(r["state"], r["notes"]) for r in rows] == [("持出中", "返却予定日を6日超過")]


def test_the_ledger_in_excel_with_real_dates_and_hostile_text_neutralised(takeout_office, tmp_path):
    o = takeout_office
    returned(o)
    service.apply(o.staff, application_values(o, information="=HYPERLINK(\"http://x\")", contains_personal=False,
                                              out_at=dt.datetime(2026, 11, 26, 9, 0), return_due=dt.date(2026, 11, 26),
                                              personal_count=0, asset_ids=[o.assets["USB-009"]], measures=[]))
    out = tmp_path / "台帳.xlsx"
    result = export_ledger(o.admin, "takeout_ledger", "xlsx", out, LedgerQuery(dt.date(2026, 11, 1), dt.date(2026, 11, 30)))
    assert result.records == 2
    sheet = load_workbook(out).active
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(r for r in cells if r and r[0] == "申請番号")
    assert header[:3] == ["申請番号", "申請日", "申請者（所属）"]
    first = cells[cells.index(header) + 1]
    assert isinstance(first[header.index("返却日")], dt.datetime) or isinstance(first[header.index("返却日")], dt.date)
    column = header.index("持出し情報") + 1
    hostile = [c for c in sheet.iter_cols(min_col=column, max_col=column).__next__()
               if isinstance(c.value, str) and c.value.startswith("=HYPERLINK")]
    assert hostile and all(c.data_type == "s" and c.quotePrefix for c in hostile)  # text, never a formula


@needs_poppler
def test_the_ledger_and_asset_register_in_pdf(takeout_office, tmp_path):
    o = takeout_office
    returned(o)
    out = tmp_path / "台帳.pdf"
    export_ledger(o.admin, "takeout_ledger", "pdf", out)
    text = pdf_text(out)
    assert "持出し管理台帳" in text and "TO-2026-0001" in text and "2026年11月25日" in text
    assets = tmp_path / "資産.pdf"
    export_ledger(o.admin, "takeout_assets", "pdf", assets, LedgerQuery(filters={"unencrypted": True}))
    text = pdf_text(assets)
    assert "USB-009" in text and "不可" in text and "PC-001" not in text
    assert "暗号化されていない電子媒体だけ" in text


@needs_poppler
def test_the_reminder_prints(takeout_office, tmp_path):
    o = takeout_office
    app = service.apply(o.staff, application_values(o))
    service.approve(o.approver, app.id)
    clock.pin(dt.datetime(2026, 11, 23, 9, 0))
    service.take_out(o.staff, app.id)
    clock.pin(dt.datetime(2026, 11, 28, 9, 0))
    out = tmp_path / "督促.pdf"
    render_form(o.admin, "takeout_reminder", {}, out, record=reminder_form_values(o.admin, app.id))
    text = pdf_text(out)
    assert "返却のお願い" in text and "返却予定日を3日過ぎても" in text and "TO-2026-0001" in text


def test_the_compliance_check_names_personal_data_on_unencrypted_media(takeout_office):
    from pcdesk.takeout.assets import update_asset

    o = takeout_office
    app = service.apply(o.staff, application_values(o, asset_ids=[o.assets["USB-001"]]))
    service.approve(o.approver, app.id)
    found = queries.compliance_findings(o.admin)
    assert [f.page for f in found] == ["takeout_assets"]  # only USB-009 sits unencrypted in the register
    update_asset(o.admin, o.assets["USB-001"], {"encrypted": False})
    texts = [f.text for f in queries.compliance_findings(o.admin)]
    assert "TO-2026-0001（" in texts[0] and "は個人情報を含むのに、暗号化されていない USB-001 で持ち出す" in texts[0]


def test_the_demo_has_every_state_one_overdue_and_a_standing_approval(demo):
    ws, _info = demo
    apps = queries.list_applications(ws)
    states = {a.state_label for a in apps}
    assert {"申請中", "承認", "持出中", "返却済", "差戻し"} <= states
    overdue = queries.overdue_takeouts(ws)
    assert len(overdue) == 1 and overdue[0].days == 3
    standing = [a for a in apps if a.approval_kind == "standing"]
    assert len(standing) == 1 and len(standing[0].trips) == 2 and standing[0].state_label == "承認"
    assert any(a.held_records for a in apps)  # linked to the 個人情報管理台帳
    assert any("返却予定日" in item.text for item in queries.takeout_attention(ws))


def test_the_command_line_lists_and_checks(demo, capsys):
    ws, _info = demo
    db = str(ws.db.path)
    assert run(["--db", db, "takeout", "list", "--overdue"]) == 0
    out = capsys.readouterr().out
    assert "持出中" in out and len(out.strip().splitlines()) == 1
    assert run(["--db", db, "takeout", "list", "--state", "差戻し"]) == 0
    assert "差戻し" in capsys.readouterr().out
    assert run(["--db", db, "takeout", "list", "--state", "保留"]) == 2
    assert "「保留」は選べません" in capsys.readouterr().err
    number = queries.overdue_takeouts(ws)[0].application.number
    assert run(["--db", db, "takeout", "reminder", number]) == 0
    assert "【返却のお願い】" in capsys.readouterr().out
    assert run(["--db", db, "takeout", "check"]) == 1  # the demo keeps one unencrypted USB memory
    assert "USB-003" in capsys.readouterr().out
