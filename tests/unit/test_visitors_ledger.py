"""The printed 外来者入退室記録簿 (a day, a month, a period; Excel and PDF), the blank sheet,
the check-in flow, the demo and the command line."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from pcdesk.cli import run
from pcdesk.errors import ValidationError
from pcdesk.output.export import export_ledger, render_form
from pcdesk.output.registry import LedgerQuery
from pcdesk.visitors.flow import CONFIRM, VISIT, VISITOR, CheckInFlow
from pcdesk.visitors.reception import check_in, host_choices
from pcdesk.visitors.service import EntryFilter, count_entries, import_entries
from tests.visitors_support import desk, office_ws, visit  # noqa: F401

DAY = dt.date(2026, 11, 22)


def table(path):
    sheet = load_workbook(path).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    start = next(i for i, r in enumerate(rows) if r[0] == "日付")
    headers = [h for h in rows[start] if h]
    return headers, [dict(zip(headers, r)) for r in rows[start + 1:] if r[0]]


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def old_visits(n: int, day: dt.date) -> list[dict]:
    return [{"entered_at": dt.datetime.combine(day, dt.time(9, 30)) + dt.timedelta(minutes=i),
             "left_at": dt.datetime.combine(day, dt.time(11, 0)), "name": f"過去 {i}号", "company": "株式会社以前",
             "party_size": 1, "purpose": "見学", "host_name": "佐藤 太郎", "pass_number": str(i % 5 + 1)}
            for i in range(n)]


def test_the_log_of_a_day_in_excel_has_the_domain_columns_and_the_values(desk, tmp_path):
    kiosk, admin = desk
    check_in(kiosk, visit(kiosk, "来訪 一郎"))
    check_in(kiosk, visit(kiosk, "=HYPERLINK(\"http://x\")", company="@SUM(1)"))
    import_entries(admin, old_visits(3, DAY - dt.timedelta(days=40)), "試験")
    out = tmp_path / "day.xlsx"
    result = export_ledger(admin, "visitor_log", "xlsx", out, LedgerQuery(DAY, DAY))
    assert result.records == 2
    headers, rows = table(out)
    assert headers == ["日付", "入室時刻", "退室時刻", "氏名", "会社名", "人数", "用件", "面会者", "入館証番号",
                       "立入区域", "受付者", "備考"]
    first = rows[0]
    assert first["日付"] == dt.datetime(2026, 11, 22) and first["入室時刻"] == "10:00" and first["退室時刻"] is None
    assert first["氏名"] == "来訪 一郎" and first["人数"] == 2 and first["入館証番号"] == "1"
    assert first["受付者"] == "受付 花子" and first["備考"] == "退室未記録"
    assert rows[1]["氏名"] == "=HYPERLINK(\"http://x\")"  # stays text: never a live formula
    sheet = load_workbook(out).active
    hostile = [c for row in sheet.iter_rows() for c in row if c.value == "=HYPERLINK(\"http://x\")"]
    assert hostile and all(c.data_type == "s" for c in hostile)


def test_the_log_of_a_month_as_pdf_names_the_period_and_the_filters(desk, tmp_path):
    kiosk, admin = desk
    import_entries(admin, old_visits(30, dt.date(2026, 10, 5)), "試験")
    check_in(kiosk, visit(kiosk, "来訪 一郎"))
    out = tmp_path / "month.pdf"
    result = export_ledger(admin, "visitor_log", "pdf", out,
                           LedgerQuery(dt.date(2026, 10, 1), dt.date(2026, 10, 31), {"company": "以前", "inside": False}))
    assert result.records == 30
    text = pdf_text(out)
    assert "外来者入退室記録簿" in text and "2026年10月1日〜2026年10月31日" in text
    assert "会社名: 「以前」を含む" in text and "退室済みの来訪者" in text
    assert "過去 0号" in text and "来訪 一郎" not in text
    assert count_entries(admin, EntryFilter(company="以前")) == 30


def test_only_administrators_print_the_log(desk, tmp_path):
    from pcdesk.errors import PermissionDenied

    kiosk, _admin = desk
    with pytest.raises(PermissionDenied):
        export_ledger(kiosk, "visitor_log", "pdf", tmp_path / "x.pdf")


def test_the_blank_sheet_is_this_features_form_with_its_notice(desk, tmp_path):
    from pcdesk import registry

    kiosk, _admin = desk
    assert registry.forms()["visitor_sheet_blank"] and registry.ledgers()["visitor_log"].pack == 70
    out = tmp_path / "sheet.pdf"
    render_form(kiosk, "visitor_sheet_blank", {}, out)
    text = pdf_text(out)
    assert "外来者入退室記録票" in text and "定めた保存期間（2年以上）" in text


def test_the_check_in_flow_asks_step_by_step(desk):
    kiosk, _admin = desk
    flow = CheckInFlow(host_choices(kiosk))
    assert flow.path() == ["notice", VISITOR, VISIT, CONFIRM]
    flow.go_next()
    with pytest.raises(ValidationError, match="氏名: 入力してください"):
        flow.go_next()
    flow.set(name="来訪 一郎", company="", party_size="２")
    assert flow.go_next() == VISIT
    with pytest.raises(ValidationError) as problem:
        flow.go_next()
    assert "用件: 選んでください。" in str(problem.value) and "面会者: 選んでください。" in str(problem.value)
    person = host_choices(kiosk)[0]
    flow.choose_purpose("その他", "  書類の受け取り ")
    flow.choose_host(person.key)
    assert flow.go_next() == CONFIRM
    assert flow.summary() == [("氏名", "来訪 一郎"), ("会社名", "（個人）"), ("人数", "2 名"),
                              ("用件", "書類の受け取り"), ("面会者", person.name)]
    assert check_in(kiosk, flow.finish()).host_name == person.name


def test_hosts_are_narrowed_as_the_visitor_types(desk):
    kiosk, _admin = desk
    people = host_choices(kiosk)
    flow = CheckInFlow(people)
    someone = people[0]
    surname = someone.name.split()[0]
    assert someone in flow.hosts_matching(surname)
    assert all(surname in p.name or surname in p.department for p in flow.hosts_matching(surname))
    assert flow.hosts_matching("存在しない名前") == []
    assert len(flow.hosts_matching("")) == len(people)


def test_demo_visitors_option_spreads_n_visits_over_past_years(tmp_path):
    path = tmp_path / "demo.sqlite3"
    assert run(["demo", "--db", str(path), "--visitors", "500"]) == 0
    from pcdesk.services import COMMAND_LINE, Workspace
    from pcdesk.store.opening import open_database

    db = open_database(path)
    ws = Workspace(db, COMMAND_LINE)
    assert count_entries(ws) == 500
    assert count_entries(ws, EntryFilter(date_to=DAY - dt.timedelta(days=3 * 365))) > 0  # years back
    assert count_entries(ws, EntryFilter(date_from=DAY)) == 0  # only past, finished visits
    db.dispose()


def test_the_command_line_lists_who_is_inside_and_purges_only_with_the_count(demo, capsys):
    ws, _info = demo
    path = str(ws.db.path)
    ws.db.dispose()
    assert run(["--db", path, "visitors", "inside"]) == 0
    out = capsys.readouterr().out
    assert "館内: 本日 2 名、前日以前の退室未記録 1 名。未返却の入館証: 1・2・3" in out
    assert run(["--db", path, "visitors", "expired"]) == 0
    out = capsys.readouterr().out
    count = int(out.split("--count ")[1].split()[0])
    assert run(["--db", path, "visitors", "expired", "--purge", "--count", str(count + 1)]) == 2
    assert run(["--db", path, "visitors", "expired", "--purge", "--count", str(count)]) == 0
    assert f"{count:,} 件を削除しました" in capsys.readouterr().out
    assert run(["--db", path, "visitors", "passes"]) == 0
    assert "1        貸出中" in capsys.readouterr().out


def test_the_printed_log_through_pcdesk_export(demo, tmp_path):
    ws, _info = demo
    out = tmp_path / "log.pdf"
    result = subprocess.run([sys.executable, "-m", "pcdesk", "--db", str(ws.db.path), "export", "visitor_log",
                             "--from", "2026-11-01", "--to", "2026-11-30", "--out", str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "来訪" not in result.stderr and out.exists()
