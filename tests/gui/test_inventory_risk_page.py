"""The リスク分析 page on the demo inventory: editing a risk, acceptance (管理者 only), the
matrix and its cell filter, adding from the catalogue, editing the catalogue."""

import pytest
from PySide6.QtCore import Qt

from pcdesk.dates import format_date, today
from pcdesk.inventory.analysis import list_risks, measure_catalogue
from pcdesk.inventory.screens import RISK_COLUMNS
from pcdesk.inventory.service import EntryFilter, list_entries
from pcdesk.inventory.ui.catalogue_dialog import CatalogueDialog, MeasureForm
from pcdesk.inventory.ui.risk_model import RiskTableModel
from pcdesk.inventory.ui.risk_page import RiskPage
from tests.gui.test_inventory_ledger_page import inventory  # noqa: F401  (the demo inventory fixture)

RISK = RISK_COLUMNS.index("リスク")


def make_page(qtbot, ws, entry_name=None):
    page = RiskPage(ws)
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    if entry_name:
        entry = next(e for e in list_entries(ws, EntryFilter()) if e.name == entry_name)
        page.show_entry(entry.id)
    return page


@pytest.fixture
def admin(inventory, login_as):  # noqa: F811
    return login_as(inventory, "admin")


def row_cells(page, label):
    row = next(r for r in page.model.rows if r.cells[RISK] == label)
    return dict(zip(RISK_COLUMNS, row.cells))


def select(page, label):
    risk_id = next(r.risk_id for r in page.model.rows if r.cells[RISK] == label)
    page.select_ids([risk_id])
    return risk_id


def test_the_risk_model_is_a_well_behaved_table(qtmodeltester, qtbot, admin):
    page = make_page(qtbot, admin)
    qtmodeltester.check(page.model, force_py=True)
    qtmodeltester.check(RiskTableModel(), force_py=True)


def test_one_entry_shows_its_risks_per_stage(qtbot, admin):
    page = make_page(qtbot, admin, "名刺")
    assert page.table.isColumnHidden(0) and page.table.isColumnHidden(1)  # 管理番号 and 名称 are above
    stages = [r.cells[RISK_COLUMNS.index("段階")] for r in page.model.rows]
    assert stages == sorted(stages, key=["取得・入力", "移送・送信", "利用・加工", "保管・バックアップ", "消去・廃棄"].index)
    theft = row_cells(page, "保管書類の盗難・紛失")
    assert (theft["段階"], theft["脅威"], theft["対策"]) == (
        "保管・バックアップ", "漏えい", "施錠できるキャビネットで保管、入退室管理（保管区域の限定）")


def test_editing_a_risk_withdraws_its_acceptance_and_the_admin_accepts_again(qtbot, admin, messages):
    page = make_page(qtbot, admin, "名刺")
    risk_id = select(page, "保管書類の盗難・紛失")
    assert row_cells(page, "保管書類の盗難・紛失")["受容者"] != "未承認"  # accepted in the demo
    page.edit_selected()
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible)
    boxes = dialog.measures.boxes
    assert boxes["locked_storage"].text().endswith("推奨") and boxes["area_control"].text().endswith("推奨")
    assert not boxes["shredding"].text().endswith("推奨")
    assert "access_control" not in boxes  # a technical measure makes no sense for paper alone

    dialog.likelihood.setValue(3)
    boxes["clear_desk"].setChecked(True)
    assert dialog.score_text.text() == "3 × 3 = 9（高）"  # judged impact 2, raised by one for 1,500 cards
    dialog.suggest_residual()  # three measures lower the likelihood by two
    assert (dialog.residual_likelihood.value(), dialog.residual_impact.value()) == (1, 3)
    dialog.accept()
    qtbot.waitUntil(lambda: page.dialog is None)

    edited = row_cells(page, "保管書類の盗難・紛失")
    assert (edited["発生可能性"], edited["スコア"], edited["レベル"], edited["残留リスク"], edited["受容者"]) == (
        "3", "9", "高", "3（低）", "未承認")
    assert "クリアデスク" in edited["対策"]
    assert page.selected_ids() == [risk_id]

    page.accept_selected()
    assert "残留リスクを承認しますか" in messages.calls[0][2]
    accepted = row_cells(page, "保管書類の盗難・紛失")
    assert (accepted["受容者"], accepted["受容日"]) == (admin.actor.name, format_date(today()))
    assert messages.last == "1 件の残留リスクを承認しました。"


def test_staff_may_edit_but_not_accept(qtbot, inventory, login_as, messages):  # noqa: F811
    staff = login_as(inventory, "staff")
    page = make_page(qtbot, staff, "問い合わせメール")  # waiting for acceptance in the demo
    label = page.model.rows[0].cells[RISK]
    select(page, label)
    assert page.edit_button.isVisibleTo(page) and not page.catalogue_button.isVisibleTo(page)
    page.accept_selected()
    kind, title, text = messages.calls[-1]
    assert (kind, title) == ("warning", "権限がありません")
    assert text == "この操作には「管理者」の権限が必要です。管理者に依頼してください。"
    assert row_cells(page, label)["受容者"] == "未承認"


def test_matrix_counts_the_risks_and_a_click_filters_the_table(qtbot, admin):
    page = make_page(qtbot, admin)
    every = list_risks(admin)
    assert page.matrix.totals.text().startswith(f"合計 {len(every)} 件")
    for (likelihood, impact) in page.matrix.cells:
        n = sum(1 for r in every if (r.likelihood, r.impact) == (likelihood, impact))
        assert page.matrix.count_text(likelihood, impact) == (str(n) if n else "")

    busiest = max(page.matrix.cells, key=lambda c: page.matrix.matrix.count(*c))
    qtbot.mouseClick(page.matrix.cells[busiest], Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == page.matrix.matrix.count(*busiest)
    assert {(r.likelihood, r.impact) for r in page.model.rows} == {busiest}
    assert "件を表示中" in page.cell_label.text() and page.clear_cell_button.isVisible()
    qtbot.mouseClick(page.clear_cell_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == len(every)

    page.residual.setChecked(True)  # after measures, risks move down and left
    for (likelihood, impact) in page.matrix.cells:
        n = sum(1 for r in every if (r.residual_likelihood, r.residual_impact) == (likelihood, impact))
        assert page.matrix.count_text(likelihood, impact) == (str(n) if n else "")


def test_a_risk_is_added_from_the_catalogue(qtbot, admin):
    page = make_page(qtbot, admin, "名刺")
    before = page.model.rowCount()
    page.add_risk()
    picker = page.dialog
    row = next(i for i, t in enumerate(picker.templates) if t.label == "メール・FAXの誤送信による漏えい")
    picker.list.setCurrentRow(row)
    picker.accept()
    qtbot.waitUntil(lambda: page.dialog is None)
    assert page.model.rowCount() == before + 1
    added = row_cells(page, "メール・FAXの誤送信による漏えい")
    assert (added["段階"], added["受容者"]) == ("移送・送信", "未承認")


def test_the_catalogue_can_be_extended_and_items_hidden(qtbot, admin):
    form = MeasureForm(admin)
    qtbot.addWidget(form)
    form.label.setText("名刺の電子化と原本の廃棄")
    form.group.setCurrentIndex(form.group.findText("技術的"))
    form.accept()
    assert "名刺の電子化と原本の廃棄" in [m.label for m in measure_catalogue(admin)]

    dialog = CatalogueDialog(admin)
    qtbot.addWidget(dialog)
    measures = [dialog.measure_table.item(r, 1).text() for r in range(dialog.measure_table.rowCount())]
    assert "名刺の電子化と原本の廃棄" in measures
    dialog.risk_table.selectRow(0)
    hidden = dialog.risks[0].label
    dialog.toggle_risk()
    assert dialog.risk_table.item(0, 7).text() == "非表示" and dialog.risk_table.item(0, 1).text() == hidden
    assert dialog.changed


def test_catalogue_forms_save_with_the_primary_button_like_every_dialog(qtbot, admin):
    from PySide6.QtWidgets import QPushButton

    from pcdesk.inventory.ui.catalogue_dialog import RiskTemplateForm

    for form in (MeasureForm(admin), RiskTemplateForm(admin)):
        qtbot.addWidget(form)
        save = next(b for b in form.findChildren(QPushButton) if b.text() == "保存")
        assert save.objectName() == "primary" and save.isDefault()  # Enter saves


def test_a_risk_not_in_the_catalogue_is_written_by_hand(qtbot, admin):
    page = make_page(qtbot, admin, "名刺")
    page.add_risk()
    page.dialog._by_hand()
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.windowTitle().startswith("リスクの追加 —")
                    and hasattr(page.dialog, "measures"))
    dialog = page.dialog
    dialog.stage.setCurrentIndex(dialog.stage.findText("移送・送信"))
    dialog.threat.setCurrentIndex(dialog.threat.findText("漏えい"))
    assert dialog.measures.boxes["safe_carrying"].text().endswith("推奨")  # paper carried: 封筒・施錠できる鞄
    dialog.accept()
    assert "リスクの内容: 入力してください。" in dialog.problems.text()
    dialog.label.setText("名刺の社外での置き忘れ")
    dialog.measures.boxes["safe_carrying"].setChecked(True)
    dialog.accept()
    qtbot.waitUntil(lambda: page.dialog is None)
    added = row_cells(page, "名刺の社外での置き忘れ")
    assert (added["段階"], added["脅威"], added["対策"]) == ("移送・送信", "漏えい", "封筒・施錠できる鞄での持ち運び、簡易書留")


def test_export_of_one_entry_passes_it_to_the_shared_dialog(qtbot, admin, monkeypatch):
    from pcdesk.ui.output.export_dialog import ExportDialog

    opened = []
    monkeypatch.setattr(ExportDialog, "exec", lambda self: opened.append((self.ledger.currentData(), self.filters)) or 0)
    page = make_page(qtbot, admin, "名刺")
    page.export()
    assert opened == [("risk_analysis", {"entry_id": page.entry.currentData()})]


def fill_colour(button):
    """The button's background as drawn, a little inside its left edge (away from the text)."""
    image = button.grab().toImage()
    return image.pixelColor(4, image.height() // 2)


def test_a_disabled_primary_button_looks_disabled(qtbot, admin):
    page = make_page(qtbot, admin)
    assert not page.selected_ids() and not page.edit_button.isEnabled()
    disabled = fill_colour(page.edit_button)
    page.select_ids([page.model.rows[0].risk_id])
    assert page.edit_button.isEnabled()
    enabled = fill_colour(page.edit_button)
    assert enabled.lightness() < 100  # the dark blue of the page's main button
    assert disabled.lightness() > 200  # pale grey like other unavailable buttons


def test_accepting_an_already_accepted_row_keeps_the_first_acceptance(qtbot, admin, messages):
    page = make_page(qtbot, admin, "顧客名簿")
    first = page.model.rows[0].cells[RISK]
    before = row_cells(page, first)["受容者"]
    assert before != "未承認"  # accepted in the demo by the 個人情報保護管理者
    select(page, first)
    page.accept_selected()
    assert row_cells(page, first)["受容者"] == before
    kind, _title, text = messages.calls[-1]
    assert kind == "warning" and "承認済み" in text
