"""The 個人情報管理台帳 page on the demo company's inventory: filters, review, retirement,
editing with its history, and the page in the main window."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from pcdesk.inventory.screens import LEDGER_COLUMNS
from pcdesk.inventory.ui.ledger_model import LedgerTableModel
from pcdesk.inventory.ui.ledger_page import LedgerPage

NAME = LEDGER_COLUMNS.index("名称")


@pytest.fixture
def inventory(db, monkeypatch):
    """The demo company (every installed feature's demo step)."""
    import pcdesk.demo
    from pcdesk.services import Workspace

    pcdesk.demo.create_demo(Workspace(db), seed=1)
    return db


@pytest.fixture
def page(qtbot, inventory, login_as):
    ledger = LedgerPage(login_as(inventory, "admin"))
    qtbot.addWidget(ledger)
    ledger.resize(1200, 700)
    ledger.show()
    return ledger


def names(page):
    return [page.proxy.index(r, NAME).data() for r in range(page.proxy.rowCount())]


def cell(page, name, column):
    row = next(r for r in page.model.rows if r.cells[NAME] == name)
    return row.cells[LEDGER_COLUMNS.index(column)]


def select(page, name):
    row = next(i for i, r in enumerate(page.model.rows) if r.cells[NAME] == name)
    page.select_ids([page.model.rows[row].entry_id])
    return page.model.rows[row].entry_id


def test_the_ledger_model_is_a_well_behaved_table(qtmodeltester, page):
    qtmodeltester.check(page.model, force_py=True)
    qtmodeltester.check(LedgerTableModel(), force_py=True)


def test_filters_change_the_rows(page):
    assert len(names(page)) == 12 and "セミナー参加者アンケート（2023年）" not in names(page)
    assert page.count_label.text() == "12 件（うち見直し期限切れ 2 件）"

    page.sensitive.setChecked(True)
    assert names(page) == ["健康診断結果"]
    page.sensitive.setChecked(False)
    page.specific.setChecked(True)
    assert names(page) == ["給与とマイナンバー"]
    page.specific.setChecked(False)

    page.overdue.setChecked(True)
    assert sorted(names(page)) == ["名刺", "退職者名簿"]
    assert all(r.overdue for r in page.model.rows) and cell(page, "名刺", "状態") == "期限切れ"
    page.overdue.setChecked(False)

    page.department.setCurrentIndex(page.department.findText("人事部"))
    assert set(names(page)) == {"応募者の履歴書", "従業者名簿", "健康診断結果", "退職者名簿",
                                "採用応募の集計表（年齢層・人数のみ）"}
    page.category.setCurrentIndex(page.category.findText("個人情報に該当しない"))
    assert names(page) == ["採用応募の集計表（年齢層・人数のみ）"]
    page.department.setCurrentIndex(0)
    page.category.setCurrentIndex(page.category.findText("個人データ"))
    assert names(page) == ["委託元（あおば通販）の会員データ"]
    page.category.setCurrentIndex(0)

    page.include_retired.setChecked(True)
    assert len(names(page)) == 13
    assert cell(page, "セミナー参加者アンケート（2023年）", "状態") == "廃止"
    page.search.setText("マイナンバー")
    assert names(page) == ["給与とマイナンバー"]


def test_sorting_by_count_is_numeric(page):
    page.table.sortByColumn(LEDGER_COLUMNS.index("件数"), Qt.SortOrder.DescendingOrder)
    assert names(page)[:2] == ["委託元（あおば通販）の会員データ", "顧客名簿"]  # 25,000 before 3,200


def test_marking_reviewed_clears_the_overdue_mark(page, messages):
    select(page, "名刺")
    assert page.review_button.isEnabled()
    page.review_selected()
    assert "見直し済みにしますか" in messages.calls[0][2]
    assert cell(page, "名刺", "状態") == "利用中"
    assert page.count_label.text() == "12 件（うち見直し期限切れ 1 件）"
    assert messages.last == "1 件を見直し済みにしました。"


def test_retiring_keeps_the_entry_marked_retired(page, messages, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("展示会への出展をやめたため", True)))
    entry_id = select(page, "見込客リスト")
    page.retire_selected()
    assert "見込客リスト」を廃止にしますか" in messages.calls[-1][2]
    assert "見込客リスト" not in names(page)

    page.include_retired.setChecked(True)
    assert cell(page, "見込客リスト", "状態") == "廃止"
    row = page.model.row_of(entry_id)
    assert page.model.rows[row].retired
    grey = page.model.index(row, NAME).data(Qt.ItemDataRole.ForegroundRole).color().name()
    assert grey == "#8a94a0"
    assert "展示会への出展をやめたため" in page.model.index(row, NAME).data(Qt.ItemDataRole.ToolTipRole)
    select(page, "見込客リスト")
    assert not page.retire_action.isEnabled() and not page.review_button.isEnabled()

    # A retirement made by mistake is undone, with its reason kept in the history.
    assert page.reactivate_action.isEnabled()
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("誤って廃止したため", True)))
    page.reactivate_selected()
    assert cell(page, "見込客リスト", "状態") != "廃止"


def test_staff_do_not_see_retire_or_import(qtbot, inventory, login_as):
    staff = LedgerPage(login_as(inventory, "staff"))
    qtbot.addWidget(staff)
    assert staff.survey_button.isVisibleTo(staff) and staff.review_button.isVisibleTo(staff)
    assert not staff.retire_action.isVisible() and not staff.import_action.isVisible()
    assert not staff.more_button.isVisibleTo(staff)  # その他 holds nothing for them


def test_editing_shows_the_reason_and_keeps_a_history(qtbot, page):
    select(page, "名刺")
    page.open_selected()
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible)
    assert "区分: 保有個人データ" in dialog.panel.text()
    assert "検索できるよう体系的に整理されているため個人データです。" in dialog.panel.text()

    dialog.fields["items"].boxes["健康診断結果"].setChecked(True)  # the class follows the answers as they change
    assert "要配慮個人情報" in dialog.panel.text()
    dialog.fields["items"].boxes["健康診断結果"].setChecked(False)

    dialog.fields["storage_location"].setText("")
    dialog.accept()
    assert dialog.isVisible()
    assert "保管場所: 入力してください" in dialog.problems.text()

    dialog.fields["storage_location"].setText("営業部の施錠キャビネット（会社名順）")
    dialog.reason.setText("保管場所の変更")
    dialog.accept()
    qtbot.waitUntil(lambda: page.dialog is None)

    page.history_selected()
    history = page.dialog
    assert history.list.count() == 2
    assert "保管場所の変更" in history.list.item(0).text()
    assert history.change_rows() == [("保管場所", "各営業担当者の名刺ホルダー（会社名順）",
                                      "営業部の施錠キャビネット（会社名順）")]
    history.list.setCurrentRow(1)
    assert history.change_rows() == [("（新規登録）", "", "")]


def test_export_opens_the_shared_dialog_with_what_is_shown(page, monkeypatch):
    from pcdesk.ui.output.export_dialog import ExportDialog

    opened = []
    monkeypatch.setattr(ExportDialog, "exec", lambda self: opened.append((self.ledger.currentData(), self.filters)) or 0)
    page.department.setCurrentIndex(page.department.findText("人事部"))
    hr = page.department.currentData()
    page.sensitive.setChecked(True)
    page.export("inventory_survey")
    page.export("inventory_ledger")
    assert opened == [("inventory_survey", {"department_id": hr}),
                      ("inventory_ledger", {"department_id": hr, "sensitive": True, "status": "active"})]


def test_the_page_opens_from_the_sidebar_and_the_home_page_link(open_window, inventory):
    window = open_window(inventory, "admin")
    assert "inventory" in window.page_ids() and "risk_analysis" in window.page_ids()
    home = window.page("home")
    home.open_page("inventory")
    assert window.current_page_id() == "inventory"
    assert isinstance(window.page("inventory"), LedgerPage)
    reception = open_window(inventory, "reception")
    assert "inventory" not in reception.page_ids()


def test_home_attention_opens_the_ledger_filtered_to_overdue_entries(inventory, open_window):
    window = open_window(inventory, "admin")
    home = window.show_page("home")
    target = next(f"{a.page}#{a.focus}" for a in home.visible_attention() if a.page == "inventory")
    home.open_page(target)
    ledger = window.page("inventory")
    assert window.stack.currentWidget() is ledger
    assert ledger.overdue.isChecked()
    names = {ledger.model.index(r, NAME).data() for r in range(ledger.model.rowCount())}
    assert ledger.model.rowCount() == 2, names


def test_home_attention_opens_the_risks_waiting_for_acceptance(inventory, open_window):
    window = open_window(inventory, "admin")
    home = window.show_page("home")
    target = next(f"{a.page}#{a.focus}" for a in home.visible_attention() if a.page == "risk_analysis")
    home.open_page(target)
    assert window.page("risk_analysis").pending_only.isChecked()


def combo_text_fits(combo) -> bool:
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    return field.width() >= combo.fontMetrics().horizontalAdvance(combo.currentText())


def test_ledger_and_risk_toolbars_fit_the_default_window(qtbot, inventory, open_window, clipped):
    window = open_window(inventory, "admin")
    ledger = window.show_page("inventory")
    qtbot.waitUntil(ledger.isVisible)
    assert clipped(window) == []
    assert ledger.department.currentText() == "（すべて）" and combo_text_fits(ledger.department)
    assert combo_text_fits(ledger.category)
    assert ledger.search.geometry().right() <= ledger.width()
    risk = window.show_page("risk_analysis")
    qtbot.waitUntil(risk.isVisible)
    assert clipped(window) == []
    assert {b.text() for b in (risk.add_button, risk.accept_button)} == {"リスクを追加…", "残留リスクを承認"}


def test_rarely_used_actions_are_in_the_more_menu(page, monkeypatch):
    menu = [a.text() for a in page.more_button.menu().actions()]
    assert menu == ["廃止…", "廃止を取り消す…", "Excel から取込…"]
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("", False)))
    select(page, "名刺")
    assert page.retire_action.isEnabled() and not page.reactivate_action.isEnabled()
