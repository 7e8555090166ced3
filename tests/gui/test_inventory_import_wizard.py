"""Importing a 台帳 through the wizard: every source column shown with its field or 取り込まない,
fixed values, ignored columns kept in 備考, each row's 区分 before saving, every row saved."""

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWizard

from pcdesk.inventory.service import EntryFilter, list_entries
from pcdesk.inventory.ui.import_wizard import ImportWizard, column_letter
from tests.unit import inventory_layouts as layouts


@pytest.fixture
def wizard(qtbot, office, login_as):
    w = ImportWizard(login_as(office, "admin"))
    qtbot.addWidget(w)
    w.show()
    return w


def click(qtbot, wizard, which):
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def targets(wizard):
    page = wizard.mapping_page
    return {page.columns.item(r, 0).text(): page.columns.cellWidget(r, 2).currentText()
            for r in range(page.columns.rowCount())}


def test_the_mapping_page_shows_every_column_and_every_row_is_saved(qtbot, wizard, tmp_path, messages, monkeypatch):
    path = layouts.tool(tmp_path / "他社ツール.xlsx")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    click(qtbot, wizard, QWizard.WizardButton.NextButton)  # no file yet
    assert "取り込むファイルを選んでください" in wizard.file_page.problems.text()
    wizard.file_page.browse()
    assert wizard.file_page.found.text() == "シート「export」の 1 行目を見出しとして読みました（列 21・データ 3 行）。"
    click(qtbot, wizard, QWizard.WizardButton.NextButton)

    mapping = wizard.mapping_page
    assert wizard.currentPage() is mapping
    shown = targets(wizard)
    assert len(shown) == 21
    assert shown["C列: 分類"] == "取り込まない"  # 顧客情報・採用情報 are not the legal 区分
    assert shown["S列: 開示対象"] == "開示等に応じる権限が自社にある"
    assert shown["T列: 機微"] == "要配慮個人情報の判断"
    assert mapping.ignored.text() == "取り込まない列: 分類"
    assert "業務名" in mapping.missing.text() and "要確認" in mapping.missing.text()
    mapping.keep_ignored.setChecked(True)
    mapping.set_fixed("protection", "施錠保管、アクセス制限（ID・パスワード）")
    assert "保管方法" not in mapping.missing.text()
    click(qtbot, wizard, QWizard.WizardButton.NextButton)

    page = wizard.preview_page
    assert wizard.currentPage() is page
    assert page.summary.text().startswith("取り込む行: 3件（うち要確認 3件）。要確認の行は、足りない項目を取込後に入力します。")
    verdicts = [page.rows.item(r, 4).text() for r in range(page.rows.rowCount())]
    assert verdicts == ["保有個人データ", "個人データ", "保有個人データ（要配慮個人情報）"]
    assert "業務名" in page.rows.item(0, 5).text()
    assert "受託データ" in page.rows.item(1, 6).text()
    assert "備考に残す列: 分類" in page.details.text()
    assert list_entries(wizard.ws, EntryFilter(status=None)) == []  # nothing saved yet

    assert wizard.button(QWizard.WizardButton.FinishButton).text() == "取り込む"
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    qtbot.waitUntil(lambda: not wizard.isVisible())
    saved = list_entries(wizard.ws, EntryFilter(status=None))
    assert [(e.number, e.name, e.needs_review) for e in saved] == [
        ("1", "問い合わせ記録", True), ("2", "受託した会員データ", True), ("3", "面接記録", True)]
    assert saved[0].protection == ["施錠保管", "アクセス制限（ID・パスワード）"] and saved[0].notes == "分類: 顧客情報"
    assert messages.last.startswith("3 件を個人情報管理台帳に取り込みました。\nうち 3 件は「要確認」です。")


def test_a_column_can_be_skipped_or_sent_elsewhere_and_a_fixed_value_is_checked(qtbot, wizard, tmp_path):
    wizard.file_page.path.setText(str(layouts.consultant(tmp_path / "台帳.xlsx")))
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    mapping = wizard.mapping_page
    assert targets(wizard)["J列: 委託先"] == "委託先"
    assert mapping.fixed_rows == []  # a department column exists: no fixed department offered
    mapping.set_target(9, None)  # J: 取り込まない
    mapping.set_fixed("record_count", "たくさん")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is mapping
    assert mapping.problems.text().startswith("固定値 件数（概数）: 「たくさん」: 件数として読めません")
    mapping.set_fixed("record_count", "100")
    mapping.set_target(5, "notes")  # F 利用目的 → 備考
    mapping.set_target(4, "notes")  # E 件数 → 備考 too: one text field, two columns
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert "1つの項目に複数の列が選ばれています: 備考（E列・F列）" in mapping.problems.text()


def test_a_file_that_is_not_a_table_is_explained(qtbot, wizard, tmp_path):
    bad = tmp_path / "メモ.xlsx"
    bad.write_text("これは Excel ではありません", encoding="utf-8")
    wizard.file_page.path.setText(str(bad))
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.file_page
    assert "メモ.xlsx を Excel ファイル（.xlsx）として開けません" in wizard.file_page.problems.text()


def test_column_letters_follow_excel():
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]


def test_rows_imported_from_the_ledger_page_are_shown_and_selected(qtbot, office, login_as, tmp_path):
    from pcdesk.inventory.ui.ledger_page import LedgerPage

    page = LedgerPage(login_as(office, "admin"))
    qtbot.addWidget(page)
    page.show()
    page.import_action.trigger()  # その他 ▸ Excel から取込…
    wizard = page.dialog
    qtbot.waitUntil(wizard.isVisible)
    wizard.file_page.path.setText(str(layouts.grouped(tmp_path / "grouped.xlsx")))
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert [r.cells[0] for r in page.model.rows] == ["G-1", "G-2"]
    assert len(page.selected_ids()) == 2
    assert page.count_label.text() == "2 件（うち要確認 2 件）"
    assert all(r.cells[-1] == "要確認" for r in page.model.rows)


def test_a_retired_row_is_marked_in_the_preview(qtbot, wizard, tmp_path):
    wb = Workbook()
    sheet = wb.active
    sheet.append([*layouts.CONSULTANT_HEADING, "状態"])
    sheet.append([*layouts.CONSULTANT_ROWS[0], "廃止"])
    sheet.append([*layouts.CONSULTANT_ROWS[1], "利用中"])
    path = tmp_path / "廃止あり.xlsx"
    wb.save(path)
    wizard.file_page.path.setText(str(path))
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    verdicts = [wizard.preview_page.rows.item(r, 4).text() for r in range(wizard.preview_page.rows.rowCount())]
    assert verdicts == ["保有個人データ・廃止", "保有個人データ（要配慮個人情報）"]


def test_an_imported_entry_names_what_it_lacks_until_filled_in(qtbot, office, login_as, tmp_path):
    from pcdesk.inventory.importer import ImportPlan, commit, preview, read
    from pcdesk.inventory.service import get_entry
    from pcdesk.inventory.ui.entry_dialog import EntryDialog

    ws = login_as(office, "admin")
    table = read(layouts.tool(tmp_path / "tool.xlsx"))
    entry = commit(ws, preview(ws, table, ImportPlan.proposed(table)))[2]
    dialog = EntryDialog(ws, entry.id)
    qtbot.addWidget(dialog)
    assert dialog.review_note.text().startswith("要確認: 次の項目がまだ入力されていません — 業務名、保管方法、利用期限。")
    dialog.fields["business_process"].setText("採用活動")
    dialog.reason.setText("業務名を追記")
    dialog.accept()
    assert get_entry(ws, entry.id).missing_fields == ["protection", "use_period"]  # saved, still 要確認
    dialog = EntryDialog(ws, entry.id)
    qtbot.addWidget(dialog)
    dialog.fields["protection"].check("施錠保管")
    dialog.fields["use_period"].setText("選考終了まで")
    dialog.fields["sensitive_declared"].set_value("no")
    dialog.accept()
    done = get_entry(ws, entry.id)
    assert (done.needs_review, done.is_sensitive) == (False, False)  # the person's judgement overrides, and says so
    from pcdesk.inventory.service import classification_of
    assert "要配慮個人情報には該当しないと判断されています（病歴を含みますが、判断を優先）。" in classification_of(done).reason
