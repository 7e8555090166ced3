"""The export dialog: choose, export off the GUI thread, cancel, remember the folder, print."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from pcdesk.audit.query import AuditFilter, fetch_page
from pcdesk.output import builtin, progress
from pcdesk.output.rows import CountedRows
from pcdesk.ui.output import ExportDialog


@pytest.fixture
def opened(monkeypatch):
    urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: urls.append(url) or True))
    return urls


def make_dialog(qtbot, ws, ledger_id=None, filters=None) -> ExportDialog:
    dialog = ExportDialog(ws, ledger_id, filters)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_admin_exports_the_account_list_to_excel_and_may_open_it(qtbot, office, login_as, tmp_path, opened):
    ws = login_as(office, "admin")
    dialog = make_dialog(qtbot, ws, "accounts")
    assert [dialog.ledger.itemText(i) for i in range(dialog.ledger.count())][:2] == ["監査ログ", "アカウント一覧"]
    assert dialog.ledger.currentText() == "アカウント一覧"
    assert not dialog.use_period.isEnabled() and "期間で絞り込めません" in dialog.period_note.text()
    out = tmp_path / "アカウント.xlsx"
    dialog.destination.setText(str(out))
    with qtbot.waitSignal(dialog.finished_export, timeout=20_000) as done:
        dialog.export_button.click()
    assert done.args[0].records == 5
    sheet = openpyxl.load_workbook(out).active
    assert sheet["A1"].value == "アカウント一覧" and sheet["A5"].value == "ログインID"
    assert "5件を出力しました" in dialog.status.text()
    assert dialog.open_file.isVisible() and dialog.export_button.isEnabled()
    dialog.open_file.click()
    assert opened and opened[-1].toLocalFile() == str(out)
    entry = fetch_page(ws, AuditFilter(action="export"), limit=1)[0]
    assert entry.record_id == "accounts" and entry.actor_name == ws.actor.name


def test_the_last_folder_is_remembered_and_browse_sets_the_file(qtbot, office, login_as, tmp_path, monkeypatch):
    ws = login_as(office, "admin")
    first = make_dialog(qtbot, ws, "accounts")
    chosen = tmp_path / "選んだ名前"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(chosen), FILTER_XLSX)))
    first.browse.click()
    assert first.destination.text() == str(chosen) + ".xlsx"
    with qtbot.waitSignal(first.finished_export, timeout=20_000):
        first.export_button.click()
    second = make_dialog(qtbot, ws, "audit_log")
    assert second.destination.text().startswith(str(tmp_path))
    assert second.destination.text().endswith(".xlsx")
    second.pdf.setChecked(True)
    assert second.destination.text().endswith(".pdf") and "監査ログ_" in second.destination.text()


FILTER_XLSX = "Excel ブック (*.xlsx)"


def test_an_existing_file_is_replaced_only_after_asking(qtbot, office, login_as, tmp_path, messages):
    dialog = make_dialog(qtbot, login_as(office, "admin"), "accounts")
    out = tmp_path / "アカウント.xlsx"
    out.write_bytes(b"earlier work")
    dialog.destination.setText(str(out))
    messages.answer = False  # いいえ (also the default button)
    dialog.export_button.click()
    assert messages.calls[-1][0] == "question"
    assert messages.last == f"{out} はすでにあります。上書きしますか？"
    assert out.read_bytes() == b"earlier work" and dialog.thread is None
    messages.answer = True
    with qtbot.waitSignal(dialog.finished_export, timeout=20_000):
        dialog.export_button.click()
    assert openpyxl.load_workbook(out).active["A1"].value == "アカウント一覧"


def test_a_file_chosen_in_the_file_dialog_is_not_asked_about_twice(qtbot, office, login_as, tmp_path, monkeypatch,
                                                                  messages):
    dialog = make_dialog(qtbot, login_as(office, "admin"), "accounts")
    out = tmp_path / "前回.xlsx"
    out.write_bytes(b"old")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), FILTER_XLSX)))
    dialog.browse.click()
    with qtbot.waitSignal(dialog.finished_export, timeout=20_000):
        dialog.export_button.click()
    assert [kind for kind, _title, _text in messages.calls] == []


def test_switching_the_format_keeps_the_typed_name(qtbot, office, login_as, tmp_path):
    dialog = make_dialog(qtbot, login_as(office, "admin"), "accounts")
    dialog.destination.setText(str(tmp_path / "2026年度_アカウント.xlsx"))
    dialog.pdf.setChecked(True)
    assert dialog.destination.text() == str(tmp_path / "2026年度_アカウント.pdf")
    dialog.excel.setChecked(True)
    assert dialog.destination.text() == str(tmp_path / "2026年度_アカウント.xlsx")
    dialog.ledger.setCurrentIndex(dialog.ledger.findData("audit_log"))
    assert dialog.destination.text() == str(tmp_path / "2026年度_アカウント.xlsx")  # still the person's own name


def test_period_limits_the_audit_log(qtbot, office, login_as, tmp_path):
    ws = login_as(office, "admin")
    dialog = make_dialog(qtbot, ws, "audit_log")
    assert dialog.use_period.isEnabled() and not dialog.date_from.isEnabled()
    dialog.use_period.setChecked(True)
    dialog.date_from.setDate(dialog.date_from.date().addYears(-30))
    dialog.date_to.setDate(dialog.date_from.date())
    dialog.destination.setText(str(tmp_path / "log.xlsx"))
    with qtbot.waitSignal(dialog.finished_export, timeout=20_000) as done:
        dialog.export_button.click()
    assert done.args[0].records == 0


def test_period_dates_read_as_elsewhere_and_in_wareki_when_chosen(qtbot, office, login_as):
    from dataclasses import replace

    from PySide6.QtCore import QDate

    from pcdesk.settings import load_settings, save_settings

    ws = login_as(office, "admin")
    seireki = make_dialog(qtbot, ws, "audit_log")
    seireki.date_from.setDate(QDate(2026, 4, 1))
    assert seireki.date_from.text() == "2026年4月1日"
    assert not seireki.period_wareki.isVisibleTo(seireki)
    save_settings(ws, replace(load_settings(ws), date_style="wareki"))
    dialog = make_dialog(qtbot, ws, "audit_log")
    dialog.use_period.setChecked(True)
    dialog.date_from.setDate(QDate(2026, 4, 1))
    dialog.date_to.setDate(QDate(2027, 3, 31))
    assert dialog.period_wareki.isVisible()
    assert dialog.period_wareki.text() == "（令和8年4月1日〜令和9年3月31日）"


def test_cancel_stops_a_long_export_and_leaves_no_file(qtbot, office, login_as, tmp_path, monkeypatch):
    ws = login_as(office, "admin")

    def endless(ws, query):
        row = {"seq": 1, "at": None, "actor": "佐藤", "action": "更新", "target": "部門", "record_id": "1",
               "summary": "営業部", "changes": "表示順: 1 → 2"}
        return CountedRows(10**9, itertools.repeat(row))

    monkeypatch.setattr(builtin, "audit_log_rows", endless)
    monkeypatch.setattr(progress, "CHECK_EVERY", 50)
    folder = tmp_path / "out"
    folder.mkdir()
    dialog = make_dialog(qtbot, ws, "audit_log")
    dialog.destination.setText(str(folder / "big.xlsx"))
    with qtbot.waitSignal(dialog.progressed, timeout=20_000):
        dialog.export_button.click()
    assert dialog.cancel_button.isVisible() and not dialog.close_button.isEnabled()
    assert dialog.progress.maximum() == 10**9
    with qtbot.waitSignal(dialog.export_failed, timeout=20_000) as failed:
        dialog.cancel_button.click()
    assert "中止しました" in failed.args[0] and "中止しました" in dialog.status.text()
    assert list(folder.iterdir()) == []
    assert dialog.export_button.isEnabled() and not dialog.cancel_button.isVisible()


def test_print_makes_a_pdf_and_opens_it_in_the_viewer(qtbot, office, login_as, opened):
    ws = login_as(office, "admin")
    dialog = make_dialog(qtbot, ws, "accounts")
    with qtbot.waitSignal(dialog.finished_export, timeout=20_000) as done:
        dialog.print_button.click()
    path = done.args[0].path
    assert path.suffix == ".pdf" and path.exists()
    assert opened and opened[-1].toLocalFile() == str(path)
    assert fetch_page(ws, AuditFilter(action="print"), limit=1)[0].record_id == "accounts"


@pytest.fixture
def no_viewer(monkeypatch):
    """A PC where no program is associated with .pdf/.xlsx: openUrl says False."""
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: False))


def test_print_without_a_viewer_says_so_with_the_pdf_path(qtbot, office, login_as, no_viewer, messages):
    dialog = make_dialog(qtbot, login_as(office, "admin"), "accounts")
    with qtbot.waitSignal(dialog.finished_export, timeout=20_000) as done:
        dialog.print_button.click()
    path = done.args[0].path
    assert path.exists()
    assert "PDF ビューアーで開けませんでした" in messages.last and str(path) in messages.last
    assert "開きました" not in dialog.status.text() and str(path) in dialog.status.text()


def test_open_file_without_a_viewer_names_the_saved_file(qtbot, office, login_as, tmp_path, no_viewer, messages):
    dialog = make_dialog(qtbot, login_as(office, "admin"), "accounts")
    out = tmp_path / "アカウント.xlsx"
    dialog.destination.setText(str(out))
    with qtbot.waitSignal(dialog.finished_export, timeout=20_000):
        dialog.export_button.click()
    dialog.open_file.click()
    assert "開けませんでした" in messages.last and str(out) in messages.last
    assert str(out) in dialog.status.text()


def test_blank_form_print_tells_either_way(qtbot, office, login_as, opened, monkeypatch, messages):
    from pcdesk.ui.output.output_page import OutputPage

    page = OutputPage(login_as(office, "admin"))
    qtbot.addWidget(page)
    page.print_form_button.click()
    assert opened and "PDF ビューアーで開きました" in page.form_status.text()
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: False))
    page.print_form_button.click()
    assert "PDF ビューアーで開けませんでした" in messages.last
    assert "開けませんでした" in page.form_status.text() and ".pdf" in page.form_status.text()


def test_a_missing_font_is_explained(qtbot, office, login_as, tmp_path, monkeypatch, messages):
    from pcdesk.output import fonts

    monkeypatch.setattr(fonts, "candidates", lambda platform=None: [])
    ws = login_as(office, "admin")
    dialog = make_dialog(qtbot, ws, "accounts")
    dialog.pdf.setChecked(True)
    dialog.destination.setText(str(tmp_path / "a.pdf"))
    with qtbot.waitSignal(dialog.export_failed, timeout=20_000):
        dialog.export_button.click()
    assert "fonts-ipaexfont" in messages.last
    assert not (tmp_path / "a.pdf").exists()


def test_staff_see_only_the_ledgers_they_may_export(qtbot, office, login_as):
    ws = login_as(office, "staff")
    dialog = make_dialog(qtbot, ws)
    titles = [dialog.ledger.itemText(i) for i in range(dialog.ledger.count())]
    assert "監査ログ" not in titles and "アカウント一覧" not in titles


def test_output_page_lists_ledgers_and_prints_a_blank_visitor_sheet(qtbot, office, login_as, opened, monkeypatch):
    from pcdesk.ui.output import output_page
    from pcdesk.ui.output.output_page import OutputPage

    ws = login_as(office, "admin")
    page = OutputPage(ws)
    qtbot.addWidget(page)
    titles = [page.ledgers.item(i).text() for i in range(page.ledgers.count())]
    assert titles[0].startswith("監査ログ") and titles[1].startswith("アカウント一覧")
    forms = [page.forms.item(i).text() for i in range(page.forms.count())]
    assert any(f.startswith("外来者入退室記録票") for f in forms)
    page.forms.setCurrentRow(next(i for i, f in enumerate(forms) if f.startswith("外来者入退室記録票")))
    page.print_form_button.click()
    assert opened and opened[-1].toLocalFile().endswith(".pdf")
    assert fetch_page(ws, AuditFilter(action="print"), limit=1)[0].record_id == "visitor_sheet_blank"

    chosen = []
    monkeypatch.setattr(output_page, "open_export_dialog", lambda parent, ws, ledger_id: chosen.append(ledger_id))
    page.ledgers.setCurrentRow(1)
    page.export_button.click()
    assert chosen == ["accounts"]


def test_the_output_page_is_in_the_sidebar_for_admin_and_staff(office, login_as):
    from pcdesk.ui.shell.pages import visible_pages

    assert "output" in [p.id for p in visible_pages(login_as(office, "staff").actor)]
    assert "output" not in [p.id for p in visible_pages(login_as(office, "reception").actor)]


def test_the_dialog_names_the_filters_puts_them_in_the_file_name_and_offers_the_paper(qtbot, demo, tmp_path):
    ws, info = demo
    sales = info.department_ids["営業部"]
    dialog = make_dialog(qtbot, ws, "inventory_ledger", {"department_id": sales, "category": "retained"})
    assert dialog.filter_note.text() == "部門: 営業部、区分: 保有個人データ（出力元の画面で選んだ条件）"
    assert Path(dialog.destination.text()).name == "個人情報管理台帳_営業部_保有個人データ_20261122.xlsx"
    papers = [dialog.paper.itemData(i) for i in range(dialog.paper.count())]
    assert papers == ["A3", "A4"] and dialog.paper.currentText() == "A3 横　— この台帳の既定"
    assert dialog.paper.itemText(1) == "A4 横（列を2枚に分けて印刷）"
    dialog.paper.setCurrentIndex(1)
    out = tmp_path / "営業部.xlsx"
    dialog.destination.setText(str(out))
    with qtbot.waitSignal(dialog.finished_export, timeout=30_000):
        dialog.export_button.click()
    sheet = openpyxl.load_workbook(out).active
    assert sheet.page_setup.paperSize == 9 and sheet.print_title_cols == "$A:$B"
    assert {r[2] for r in sheet.iter_rows(min_row=6, values_only=True)} == {"営業部"}

    dialog.ledger.setCurrentIndex(dialog.ledger.findData("audit_log"))  # honours none of them
    assert "この台帳は出力元の画面の絞り込みを使いません" in dialog.filter_note.text()
    assert [dialog.paper.itemData(i) for i in range(dialog.paper.count())] == ["A4", "A3"]


def test_files_go_to_documents_unless_another_folder_was_chosen(qtbot, office, login_as, tmp_path, monkeypatch):
    from PySide6.QtCore import QStandardPaths

    from pcdesk.ui.prefs import ui_settings

    documents = tmp_path / "ドキュメント"
    documents.mkdir()
    monkeypatch.setattr(QStandardPaths, "writableLocation", staticmethod(lambda _kind: str(documents)))
    ui_settings().remove("output/last_folder")
    dialog = make_dialog(qtbot, login_as(office, "admin"), "accounts")
    assert Path(dialog.destination.text()).parent == documents


def test_print_writes_a_private_file_that_is_removed_again(qtbot, office, login_as, opened):
    import os
    import time

    from pcdesk import clock
    from pcdesk.output.printing import KEEP_SECONDS, discard_print_files, print_folder
    from pcdesk.store.paths import data_dir

    ws = login_as(office, "admin")
    dialog = make_dialog(qtbot, ws, "accounts")
    with qtbot.waitSignal(dialog.finished_export, timeout=20_000) as done:
        dialog.print_button.click()
    made = done.args[0].path
    assert made.parent == print_folder() and made.parent.parent == data_dir()  # the person's own folder
    if os.name == "posix":
        assert made.parent.stat().st_mode & 0o077 == 0  # nobody else may read it
    old = time.time() - KEEP_SECONDS - 1
    os.utime(made, (old, old))
    clock.advance(dt.timedelta(minutes=31))
    with qtbot.waitSignal(dialog.finished_export, timeout=20_000) as again:
        dialog.print_button.click()  # a later print clears what the viewer has long printed
    assert not made.exists() and again.args[0].path.exists()
    assert discard_print_files() == 1 and not any(print_folder().iterdir())  # and pcdesk's end clears the rest
