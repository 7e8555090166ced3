"""Importing an Excel 台帳 through the wizard: mapping proposed from the headings, bad rows
listed with their row numbers, nothing saved before 「取り込む」."""

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWizard

from pcdesk.inventory.service import EntryFilter, list_entries
from pcdesk.inventory.ui.import_wizard import ImportWizard, column_letter

HEADERS = ["No.", "部署", "業務名", "個人情報の名称", "本人の区分", "主な項目", "件数", "取得方法", "利用目的", "媒体",
           "保管場所", "保管方法", "アクセス権者", "利用期限", "保管期限", "廃棄方法", "管理責任者", "確認者コメント"]


def row(number, name, count="約300件", dept="営業部", purpose="商品の発送のため"):
    return [number, dept, "受注管理", name, "顧客", "氏名、住所、電話番号", count, "本人から書面で直接", purpose, "電子",
            "販売管理システム", "アクセス制限（ID・パスワード）", "営業部員", "取引終了まで", "取引終了後5年",
            "データ消去ソフト", "営業部長", ""]


@pytest.fixture
def workbook(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "台帳"
    ws.append(["個人情報管理台帳（2025年度）"])  # a title above the heading, as real ledgers have
    ws.append([])
    ws.append(HEADERS)
    ws.append(row("K-001", "顧客名簿"))                    # row 4
    ws.append(row("K-002", "問い合わせ記録", purpose=""))   # row 5: 利用目的 missing
    ws.append(row("K-003", "見積依頼者", count="たくさん"))   # row 6: 件数 unreadable
    ws.append(row("K-004", "展示会名簿", dept="企画部"))      # row 7: no such department
    ws.append(row("K-005", "メルマガ会員", count="1万"))     # row 8: 10,000
    path = tmp_path / "既存台帳.xlsx"
    wb.save(path)
    return path


@pytest.fixture
def wizard(qtbot, office, login_as):
    w = ImportWizard(login_as(office, "admin"))
    qtbot.addWidget(w)
    w.show()
    return w


def click(qtbot, wizard, which):
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def test_bad_rows_are_listed_and_nothing_is_saved_before_confirming(qtbot, wizard, workbook, messages, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(workbook), "")))
    click(qtbot, wizard, QWizard.WizardButton.NextButton)  # no file yet
    assert "取り込む Excel ファイルを選んでください" in wizard.file_page.problems.text()
    wizard.file_page.browse()
    assert wizard.file_page.sheet.currentText() == "台帳"
    assert "3 行目を見出しとして読みます" in wizard.file_page.found.text()
    click(qtbot, wizard, QWizard.WizardButton.NextButton)

    mapping = wizard.mapping_page
    assert wizard.currentPage() is mapping
    proposed = {key: combo.currentText() for key, combo in mapping.combos.items() if combo.currentData() is not None}
    assert proposed["name"] == "D列: 個人情報の名称"
    assert proposed["department_id"] == "B列: 部署"
    assert proposed["record_count"] == "G列: 件数"
    assert "notes" not in proposed  # 「確認者コメント」 is not guessed; the user may choose it
    assert mapping.samples["name"].text() == "顧客名簿"
    assert mapping.missing.text() == ""
    mapping.set_column("notes", HEADERS.index("確認者コメント"))
    mapping.set_column("purpose", None)
    assert "利用目的" in mapping.missing.text()  # a required field without a column is pointed out
    mapping.set_column("purpose", HEADERS.index("利用目的"))
    click(qtbot, wizard, QWizard.WizardButton.NextButton)

    preview = wizard.preview_page
    assert wizard.currentPage() is preview
    assert preview.summary.text() == "取り込める行: 2件、取り込めない行: 3件（5・6・7行目）。"
    lines = preview.problem_lines()
    assert lines[0].startswith("5行目 利用目的: 入力してください")
    assert lines[1] == "6行目 件数（概数）: 「たくさん」は件数として読めません。おおよその数を入れてください（例: 約500件 → 500）。"
    assert lines[2].startswith("7行目 管理部門: 「企画部」は登録されていません。")
    assert preview.good.rowCount() == 2 and preview.good.item(0, 2).text() == "顧客名簿"
    assert list_entries(wizard.ws, EntryFilter(status=None)) == []  # nothing saved yet

    assert wizard.button(QWizard.WizardButton.FinishButton).text() == "取り込む"
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    qtbot.waitUntil(lambda: not wizard.isVisible())
    saved = list_entries(wizard.ws, EntryFilter(status=None))
    assert [(e.number, e.name, e.record_count) for e in saved] == [("K-001", "顧客名簿", 300),
                                                                   ("K-005", "メルマガ会員", 10000)]
    assert [e.id for e in wizard.saved] == [e.id for e in saved]
    assert messages.last.startswith("2 件を個人情報管理台帳に取り込みました。")


def test_a_file_that_is_not_a_workbook_is_explained(qtbot, wizard, tmp_path):
    bad = tmp_path / "メモ.xlsx"
    bad.write_text("これは Excel ではありません", encoding="utf-8")
    wizard.file_page.path.setText(str(bad))
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.file_page
    assert "メモ.xlsx を Excel ファイル（.xlsx）として開けません" in wizard.file_page.problems.text()


def test_the_same_column_cannot_feed_two_fields(qtbot, wizard, workbook):
    wizard.file_page.path.setText(str(workbook))
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    wizard.mapping_page.set_column("notes", HEADERS.index("個人情報の名称"))
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.mapping_page
    assert "D列（個人情報の名称・備考）" in wizard.mapping_page.problems.text()


def test_column_letters_follow_excel():
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]


def test_rows_imported_from_the_ledger_page_are_shown_and_selected(qtbot, office, login_as, workbook):
    from pcdesk.inventory.ui.ledger_page import LedgerPage

    page = LedgerPage(login_as(office, "admin"))
    qtbot.addWidget(page)
    page.show()
    page.import_action.trigger()  # その他 ▸ Excel から取込…
    wizard = page.dialog
    qtbot.waitUntil(wizard.isVisible)
    wizard.file_page.path.setText(str(workbook))
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert [r.cells[0] for r in page.model.rows] == ["K-001", "K-005"]
    assert len(page.selected_ids()) == 2


def test_a_retired_row_is_marked_in_the_preview(qtbot, wizard, tmp_path, monkeypatch):
    wb = Workbook()
    sheet = wb.active
    sheet.append([*HEADERS, "状態"])
    sheet.append([*row("K-010", "旧顧客名簿"), "廃止"])
    sheet.append([*row("K-011", "顧客名簿"), "利用中"])
    path = tmp_path / "廃止あり.xlsx"
    wb.save(path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    wizard.file_page.browse()
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    names = [wizard.preview_page.good.item(r, 2).text() for r in range(wizard.preview_page.good.rowCount())]
    assert names == ["旧顧客名簿（廃止）", "顧客名簿"]
