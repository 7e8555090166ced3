"""外来者入退室記録 (administrators): the lazy table model, filters, corrections, forgotten
check-outs, retention, export presets, starting the kiosk; all at the default window size."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt

from pcdesk.visitors.display import HEADINGS
from pcdesk.visitors.service import EntryFilter, count_entries, import_entries
from pcdesk.visitors.ui.entry_model import FETCH, EntryTableModel
from pcdesk.visitors.ui.retention_dialog import RetentionDialog


def many(n: int) -> list[dict]:
    start = dt.datetime(2025, 4, 1, 9, 0)
    return [{"entered_at": start + dt.timedelta(hours=3 * i), "left_at": start + dt.timedelta(hours=3 * i, minutes=40),
             "name": f"来訪 {i:04d}", "company": f"株式会社{i % 7}号", "party_size": 1 + i % 3, "purpose": "打合せ",
             "host_name": "佐藤 太郎"} for i in range(n)]


def test_the_table_model_passes_qtmodeltester_and_loads_rows_on_demand(qtmodeltester, demo):
    ws, _info = demo
    import_entries(ws, many(900), "試験")
    model = EntryTableModel(ws)
    model.set_filter(EntryFilter())
    total = count_entries(ws)
    assert model.total() == total and model.rowCount() == FETCH and model.canFetchMore()
    assert len(model.rows) == 0  # nothing built until asked for
    assert model.index(0, 3).data() and len(model.rows) <= 100
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == total
    qtmodeltester.check(model)


def test_sorting_by_a_heading_runs_in_sql(demo):
    ws, _info = demo
    model = EntryTableModel(ws)
    model.set_filter(EntryFilter())
    model.sort(HEADINGS.index("氏名"), Qt.SortOrder.AscendingOrder)
    names = [model.index(r, HEADINGS.index("氏名")).data() for r in range(model.rowCount())]
    assert names == sorted(names, key=lambda n: n.replace(" ", ""))
    before = list(model.ids)
    model.sort(HEADINGS.index("状態"), Qt.SortOrder.AscendingOrder)  # not sortable: the order stays
    assert model.ids == before


def test_the_page_filters_and_fits_the_default_window(qtbot, demo, open_window, clipped):
    ws, _info = demo
    window = open_window(ws.db, "admin")
    window.resize(1120, 720)
    page = window.show_page("visitors")
    assert page.count_label.text() == f"{count_entries(ws):,} 件"
    assert not clipped(window)
    page.state.setCurrentIndex(page.state.findData("inside"))
    assert page.model.total() == 3 and page.count_label.text() == "3 件"
    assert "館内の来訪者 2 名、前日以前から退室の記録がない来訪者 1 名、未返却の入館証 3 枚（1・2・3）" in \
        page.reconcile_label.text()
    page.state.setCurrentIndex(0)
    page.company.setText("ひかり")
    qtbot.waitUntil(lambda: page.model.total() == count_entries(ws, EntryFilter(company="ひかり")))
    page.company.clear()
    page.use_period.setChecked(True)
    page.date_from.setDate(QDate(2026, 11, 22))
    page.date_to.setDate(QDate(2026, 11, 22))
    assert page.model.total() == 3


def test_every_shown_column_fits_the_default_window_and_the_others_are_one_click_away(
        qtbot, demo, open_window):
    ws, _info = demo
    window = open_window(ws.db, "admin")
    window.resize(1120, 720)
    page = window.show_page("visitors")
    table = page.table
    hidden = [h for c, h in enumerate(HEADINGS) if table.isColumnHidden(c)]
    assert hidden == ["立入区域", "受付者"]
    qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() == 0)  # nothing scrolls off sideways
    row = next(r for r in range(page.model.rowCount()) if "立入区域: " in (page.model.index(r, 0).data(
        Qt.ItemDataRole.ToolTipRole) or ""))
    assert "受付者: " in page.model.index(row, 3).data(Qt.ItemDataRole.ToolTipRole)  # what is hidden is in the tooltip

    menu = table.column_menu()  # what right-clicking a heading shows
    offered = [(a.text(), a.isChecked(), a.isEnabled()) for a in menu.actions()]
    assert ("立入区域", False, True) in offered and ("日付", True, True) in offered and len(offered) == len(HEADINGS)
    next(a for a in menu.actions() if a.text() == "受付者").setChecked(True)
    assert not table.isColumnHidden(HEADINGS.index("受付者"))
    again = open_window(ws.db, "admin").show_page("visitors")  # remembered on this PC
    assert [h for c, h in enumerate(HEADINGS) if again.table.isColumnHidden(c)] == ["立入区域"]


def test_home_links_open_the_page_on_what_needs_doing(qtbot, demo, open_window):
    ws, _info = demo
    window = open_window(ws.db, "admin")
    page = window.show_page("visitors")
    page.focus("inside_earlier")
    assert page.state.currentData() == "inside" and page.model.total() == 3
    page.focus("reconcile")
    assert page.state.currentData() == "pass_out"


def test_a_correction_from_the_page_needs_a_reason_and_shows_at_once(qtbot, demo, open_window):
    ws, _info = demo
    window = open_window(ws.db, "admin")
    page = window.show_page("visitors")
    page.table.selectRow(0)
    assert page.correct_button.isEnabled()
    page.correct_selected()
    dialog = page.dialog
    dialog.form.name.setText("訂正 後子")
    dialog.accept()
    assert "理由: 訂正の理由を入力してください" in dialog.problems.text()
    dialog.reason.setText("本人の申し出により訂正")
    dialog.accept()
    assert page.dialog is None
    assert page.model.index(page.table.currentIndex().row(), HEADINGS.index("氏名")).data() == "訂正 後子"
    assert "訂正あり" in page.model.index(page.table.currentIndex().row(), HEADINGS.index("状態")).data()


def test_a_forgotten_check_out_is_recorded_from_the_page(qtbot, demo, open_window):
    ws, _info = demo
    window = open_window(ws.db, "admin")
    page = window.show_page("visitors")
    page.focus("inside_earlier")
    yesterday = next(r for r in range(page.model.rowCount()) if page.model.entry_row(r).overdue)
    page.table.selectRow(yesterday)
    assert page.close_button.isEnabled()
    page.close_selected()
    dialog = page.dialog
    dialog.left.setDateTime(dialog.left.minimumDateTime().addSecs(3600))
    dialog.reason.setText("面会者に確認")
    dialog.accept()
    assert page.dialog is None and page.model.total() == 2
    assert "前日以前" not in page.reconcile_label.text()


def test_the_retention_dialog_shows_then_purges_after_confirmation(qtbot, demo, open_window, messages):
    ws, _info = demo
    window = open_window(ws.db, "admin")
    page = window.show_page("visitors")
    page.open_retention()
    dialog = page.dialog
    assert isinstance(dialog, RetentionDialog) and dialog.summary.count > 0
    count = dialog.summary.count
    total = count_entries(ws)
    messages.answer = False
    dialog.purge()
    assert count_entries(ws) == total
    messages.answer = True
    dialog.purge()
    assert count_entries(ws) == total - count
    assert messages.texts("information")[-1] == f"{count:,} 件を削除しました。監査ログに件数と期間を記録しました。"
    assert not dialog.purge_button.isEnabled()
    dialog.years.setValue(2)
    dialog.closing.setValue(18)
    dialog.area.setText("受付・会議室")
    dialog.save_settings()
    assert dialog.summary.years == 2 and dialog.summary.count > 0
    from pcdesk.settings import feature_setting

    assert feature_setting(ws, "visitors.closing_hour") == 18
    assert feature_setting(ws, "visitors.default_area") == "受付・会議室"
    qtbot.mouseClick(dialog.show_button, Qt.MouseButton.LeftButton)
    assert page.use_period.isChecked() and page.model.total() == dialog.summary.count


def test_export_presets_the_day_or_the_month(qtbot, demo, open_window, monkeypatch):
    from pcdesk.ui.output.export_dialog import ExportDialog

    ws, _info = demo
    shown = []
    monkeypatch.setattr(ExportDialog, "exec", lambda self: shown.append(
        (self.ledger.currentData(), self.use_period.isChecked(), self.date_from.date(), self.date_to.date())) or 0)
    window = open_window(ws.db, "admin")
    page = window.show_page("visitors")
    page.export("day")
    page.export("month")
    assert shown == [("visitor_log", True, QDate(2026, 11, 22), QDate(2026, 11, 22)),
                     ("visitor_log", True, QDate(2026, 11, 1), QDate(2026, 11, 22))]


def test_the_start_kiosk_button_asks_first(qtbot, demo, open_window, messages):
    ws, _info = demo
    window = open_window(ws.db, "admin")
    page = window.show_page("visitors")
    messages.answer = False
    qtbot.mouseClick(page.kiosk_button, Qt.MouseButton.LeftButton)
    assert window.kiosk is None and "受付モード" in messages.last
    messages.answer = True
    qtbot.mouseClick(page.kiosk_button, Qt.MouseButton.LeftButton)
    qtbot.addWidget(window.kiosk)
    assert window.kiosk.isVisible()
    window.kiosk.leave(window.actor)


def test_the_page_is_for_administrators(demo, open_window):
    ws, _info = demo
    assert "visitors" not in open_window(ws.db, "staff").page_ids()
    assert "visitors" in open_window(ws.db, "manager").page_ids()


def test_a_heading_that_cannot_sort_leaves_the_order_and_its_arrow(demo, open_window):
    ws, _info = demo
    page = open_window(ws.db, "admin").show_page("visitors")
    header = page.table.horizontalHeader()
    page.table.sortByColumn(HEADINGS.index("状態"), Qt.SortOrder.AscendingOrder)
    assert header.sortIndicatorSection() == 0 and header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
