"""監査ログ page: entries shown, filters, lazy paging, tamper check."""

from __future__ import annotations

from PySide6.QtCore import Qt

from pcdesk import clock
from pcdesk.accounts.service import login
from pcdesk.audit.query import AuditFilter
from pcdesk.services import Workspace
from pcdesk.ui.audit.audit_model import AuditTableModel
from pcdesk.ui.audit.audit_page import AuditPage


def column(page, name):
    from pcdesk.audit.query import COLUMNS

    col = COLUMNS.index(name)
    model = page.model
    return [model.data(model.index(r, col)) for r in range(model.rowCount())]


def make_page(qtbot, ws):
    page = AuditPage(ws)
    qtbot.addWidget(page)
    page.show()
    return page


def test_model_passes_the_model_tester(qtmodeltester, office, login_as):
    model = AuditTableModel(login_as(office, "admin"), page_size=7)
    model.set_filter(AuditFilter())
    qtmodeltester.check(model)


def test_model_loads_pages_lazily(office, login_as):
    ws = login_as(office, "admin")
    model = AuditTableModel(ws, page_size=5)
    model.set_filter(AuditFilter())
    assert model.total > 10
    assert model.rowCount() == 5 and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 10
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == model.total
    seqs = [r.seq for r in model.rows]
    assert seqs == sorted(seqs, reverse=True) and len(set(seqs)) == len(seqs)


def test_page_shows_entries_with_japanese_columns(qtbot, office, login_as):
    page = make_page(qtbot, login_as(office, "admin"))
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())]
    assert headers == ["番号", "日時", "操作者", "操作", "対象", "記録ID", "内容", "変更内容"]
    assert column(page, "操作")[0] == "ログイン"
    assert "作成" in column(page, "操作") and "部門" in column(page, "対象")
    assert page.count_label.text() == f"該当 {page.model.total:,} 件"


def test_filter_by_person_record_type_and_action(qtbot, office, login_as):
    login(Workspace(office), "staff", "wrong-pass-1")
    staff = login_as(office, "staff")
    page = make_page(qtbot, login_as(office, "admin"))
    page.refresh()
    page.person.setCurrentIndex(page.person.findText(staff.actor.name))
    assert set(column(page, "操作者")) == {staff.actor.name}
    assert column(page, "操作") == ["ログイン", "ログイン失敗"]

    page.person.setCurrentIndex(0)
    page.record_type.setCurrentIndex(page.record_type.findText("部門"))
    assert len(column(page, "対象")) == 5 and set(column(page, "対象")) == {"部門"}
    page.action.setCurrentIndex(page.action.findText("更新"))
    assert page.model.rowCount() == 0 and page.count_label.text() == "該当 0 件"


def test_period_filter(qtbot, office, login_as):
    from PySide6.QtCore import QDate

    page = make_page(qtbot, login_as(office, "admin"))
    everything = page.model.total
    page.use_period.setChecked(True)
    assert page.model.total == everything  # the last 30 days include today
    today = clock.today()
    page.until.setDate(QDate(today.year, today.month, today.day).addDays(-1))
    page.since.setDate(QDate(today.year, today.month, today.day).addDays(-10))
    assert page.model.total == 0


def test_selecting_a_row_shows_the_whole_entry(qtbot, office, login_as):
    page = make_page(qtbot, login_as(office, "admin"))
    page.record_type.setCurrentIndex(page.record_type.findText("会社情報"))
    page.table.selectRow(0)
    text = page.detail.toPlainText()
    assert "対象: 会社情報" in text and "社名: 株式会社みなとソリューションズ" in text


def test_tamper_check_reports_the_result(qtbot, office, login_as, messages):
    page = make_page(qtbot, login_as(office, "admin"))
    page.verify_button.click()
    assert "監査証跡: 正常" in messages.last
    assert "業務データと監査証跡: 正常" in messages.last and "データベースの構造: 正常" in messages.last


def test_tamper_check_finds_a_row_changed_outside_pcdesk(qtbot, office, login_as, messages):
    """The page runs the whole of `pcdesk check`, not only the chain: a role granted straight
    in the database is named."""
    from sqlalchemy import text

    with office.engine.begin() as conn:
        conn.execute(text("UPDATE user_account SET display_name = '書き換え' WHERE login_id = 'staff'"))
    page = make_page(qtbot, login_as(office, "admin"))
    page.verify_button.click()
    kind, title, text_shown = messages.calls[-1]
    assert kind == "critical" and title == "改ざん検査"
    assert "監査証跡: 正常" in text_shown  # the chain itself is whole
    assert "業務データと監査証跡: 異常 — 1 件" in text_shown and "アカウント" in text_shown


def test_tamper_check_with_an_exported_ledger_as_a_copy(qtbot, office, login_as, messages, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from pcdesk.output.export import export_ledger

    ws = login_as(office, "admin")
    exported = export_ledger(ws, "audit_log", "xlsx", tmp_path / "監査ログ.xlsx")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(exported.path)], ""))
    import re

    page = make_page(qtbot, ws)
    page.verify_button.click()
    before = int(re.search(r"（(\d+) か所の控えと一致）", messages.last).group(1))
    page.verify_with_button.click()
    assert messages.calls[-1][0] == "information", messages.last
    assert f"（{before + 1} か所の控えと一致）" in messages.last  # the chosen ledger was checked too


def test_the_period_is_also_shown_in_wareki_when_that_is_the_date_style(qtbot, office, login_as):
    import datetime as dt
    from dataclasses import replace

    from PySide6.QtCore import QDate

    from pcdesk.settings import load_settings, save_settings

    ws = login_as(office, "admin")
    page = make_page(qtbot, ws)
    assert page.since.text().endswith("日") and "年" in page.since.text()
    assert not page.period_note.isVisible()  # 西暦: the fields say it all
    save_settings(ws, replace(load_settings(ws), date_style="wareki"))
    page.refresh()
    page.use_period.setChecked(True)
    page.since.setDate(QDate(2026, 4, 1))
    page.until.setDate(QDate(2026, 11, 22))
    assert page.period_note.isVisible() and page.period_note.isEnabled()
    assert page.period_note.text() == "（令和8年4月1日〜令和8年11月22日）"
    assert page.current_filter().since == dt.date(2026, 4, 1)
