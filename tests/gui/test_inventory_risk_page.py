"""The リスク分析 page on the demo inventory: editing a risk (現状の対策・追加対策・想定される影響),
approval (管理者 only, once), the matrix and its cell filter, adding from the catalogue,
editing the catalogue."""

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
    assert all(page.table.isColumnHidden(c) for c in (0, 1, 2))  # 管理番号, 名称 and 業務名 are above
    stages = [r.cells[RISK_COLUMNS.index("段階")] for r in page.model.rows]
    assert stages == sorted(stages, key=["取得・入力", "移送・送信", "利用・加工", "保管・バックアップ", "消去・廃棄"].index)
    theft = row_cells(page, "保管書類の盗難・紛失")
    assert (theft["段階"], theft["脅威"], theft["脆弱性"]) == ("保管・バックアップ", "漏えい", "書類を施錠しない場所に置くことがある")
    assert (theft["現状の対策"], theft["追加対策"]) == ("施錠できるキャビネットで保管", "入退室管理（保管区域の限定）")
    page.select_ids([next(r.risk_id for r in page.model.rows if r.cells[RISK] == "保管書類の盗難・紛失")])
    detail = page.detail.text()
    for words in ("脆弱性: 書類を施錠しない場所に置くことがある", "本人への影響: ", "法令違反: ", "経済的不利益: ",
                  "社会的信用の失墜: ", "追加対策: 入退室管理"):
        assert words in detail


def test_editing_a_risk_withdraws_its_acceptance_and_the_admin_accepts_again(qtbot, admin, messages):
    page = make_page(qtbot, admin, "名刺")
    risk_id = select(page, "保管書類の盗難・紛失")
    assert row_cells(page, "保管書類の盗難・紛失")["承認者"] != "未承認"  # approved in the demo
    assert not page.accept_button.isEnabled()  # approved once: not again
    page.edit_selected()
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible)
    boxes = dialog.measures.boxes
    assert boxes["locked_storage"].text().endswith("推奨") and boxes["area_control"].text().endswith("推奨")
    assert not boxes["shredding"].text().endswith("推奨")
    assert "access_control" not in boxes  # a technical measure makes no sense for paper alone

    assert boxes["locked_storage"].isChecked() and dialog.additional.boxes["area_control"].isChecked()
    assert dialog.consequences["legal_breach"].text().startswith("安全管理措置（第23条）違反")

    dialog.likelihood.setValue(3)
    boxes["clear_desk"].setChecked(True)
    boxes["area_control"].setChecked(True)  # done now: no longer one to add
    assert not dialog.additional.boxes["area_control"].isChecked()
    dialog.vulnerability.setText("鍵を机に置いたまま離席することがある")
    assert dialog.score_text.text() == "3 × 3 = 9（高）"  # judged impact 2, raised by one for 1,500 cards
    dialog.suggest_residual()  # three measures in place lower the likelihood by two
    assert (dialog.residual_likelihood.value(), dialog.residual_impact.value()) == (1, 3)
    dialog.accept()
    qtbot.waitUntil(lambda: page.dialog is None)

    edited = row_cells(page, "保管書類の盗難・紛失")
    assert (edited["発生可能性"], edited["評価点"], edited["レベル"], edited["残留リスク"], edited["承認者"]) == (
        "3", "9", "高", "3（低）", "未承認")
    assert "クリアデスク" in edited["現状の対策"] and edited["追加対策"] == ""
    assert edited["脆弱性"] == "鍵を机に置いたまま離席することがある"
    assert page.selected_ids() == [risk_id]
    assert page.accept_button.isEnabled()

    page.accept_selected()
    assert "残留リスクを承認しますか" in messages.calls[0][2]
    accepted = row_cells(page, "保管書類の盗難・紛失")
    assert (accepted["承認者"], accepted["承認日"]) == (admin.actor.name, format_date(today()))
    assert messages.last == "1 件の残留リスクを承認しました。"
    assert not page.accept_button.isEnabled()


def test_staff_may_edit_but_not_accept(qtbot, inventory, login_as, messages):  # noqa: F811
    staff = login_as(inventory, "staff")
    page = make_page(qtbot, staff, "問い合わせメール")  # waiting for acceptance in the demo
    label = page.model.rows[0].cells[RISK]
    select(page, label)
    assert page.edit_button.isVisibleTo(page) and not page.catalogue_button.isVisibleTo(page)
    assert not page.accept_button.isEnabled()  # the button says who approves, and only they may
    assert page.accept_button.toolTip() == "残留リスクの承認は管理者（個人情報保護管理者）が行います。"
    page.accept_selected()  # and the service refuses all the same
    kind, title, text = messages.calls[-1]
    assert (kind, title) == ("warning", "権限がありません")
    assert text == "この操作には「管理者」の権限が必要です。管理者に依頼してください。"
    assert row_cells(page, label)["承認者"] == "未承認"


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
    assert (added["段階"], added["承認者"]) == ("移送・送信", "未承認")
    assert added["脆弱性"] == "宛先を確かめずに送信できる"


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
    assert dialog.risk_table.item(0, 8).text() == "非表示" and dialog.risk_table.item(0, 1).text() == hidden
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
    assert dialog.measures.boxes["safe_carrying"].text().endswith("推奨")  # 名刺 are taken out: 施錠できる鞄
    assert dialog.measures.boxes["postal"].text().endswith("推奨")  # and paper is posted
    assert dialog.consequences["impact_on_person"].text().startswith("プライバシーの侵害")  # the threat's wording
    dialog.accept()
    assert "想定されるリスク: 入力してください。" in dialog.problems.text()
    dialog.label.setText("名刺の社外での置き忘れ")
    dialog.vulnerability.setText("名刺入れを持ち歩く")
    dialog.measures.boxes["safe_carrying"].setChecked(True)
    dialog.additional.boxes["education"].setChecked(True)
    dialog.consequences["economic_loss"].setText("取引先へのお詫び")
    dialog.accept()
    qtbot.waitUntil(lambda: page.dialog is None)
    added = row_cells(page, "名刺の社外での置き忘れ")
    assert (added["段階"], added["脅威"], added["現状の対策"], added["追加対策"]) == (
        "移送・送信", "漏えい", "施錠できる鞄での持ち運び・常に身につける", "従業者教育（年1回以上）")
    row = next(r for r in page.model.rows if r.cells[RISK] == "名刺の社外での置き忘れ")
    assert dict(row.consequences)["経済的不利益"] == "取引先へのお詫び"


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


def test_an_approved_row_cannot_be_approved_again(qtbot, admin, messages):
    page = make_page(qtbot, admin, "顧客名簿")
    first = page.model.rows[0].cells[RISK]
    before = row_cells(page, first)["承認者"]
    assert before != "未承認"  # approved in the demo by the 個人情報保護管理者
    select(page, first)
    assert not page.accept_button.isEnabled() and page.accept_button.toolTip() == "選んだ行はすべて承認済みです。"
    page.accept_selected()  # even if called: nothing asked, nothing changed
    assert row_cells(page, first)["承認者"] == before and not messages.calls
