"""従業者と誓約書 and 誓約書のひな形 on the demo company: the list and its states, the home page's
links, recording a pledge, the worker dialog, revising a template, importing a list."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from pcdesk.pledges.screens import REGISTER_COLUMNS
from pcdesk.pledges.service import find_worker
from pcdesk.pledges.ui.register_model import RegisterTableModel
from pcdesk.pledges.ui.register_page import RegisterPage

STATE = REGISTER_COLUMNS.index("状況")


@pytest.fixture
def page(qtbot, demo, login_as):
    ws, _info = demo
    register = RegisterPage(login_as(ws.db, "admin"))
    qtbot.addWidget(register)
    register.resize(1200, 700)
    register.show()
    return register


def states(page):
    return {page.proxy.index(r, 1).data(): page.proxy.index(r, STATE).data() for r in range(page.proxy.rowCount())}


def test_the_register_model_is_a_well_behaved_table(qtmodeltester, page):
    qtmodeltester.check(page.model, force_py=True)
    qtmodeltester.check(RegisterTableModel(), force_py=True)


def test_the_home_page_links_open_exactly_who_is_missing(qtbot, demo, open_window):
    ws, _ = demo
    window = open_window(ws.db, "admin")
    home = window.show_page("home")
    links = [i for i in home.visible_attention() if i.feature == "pledges"]
    assert [i.focus for i in links] == ["missing", "renew", "leaving_missing"]
    home.open_page("pledges#missing")
    register = window.page("pledges")
    assert window.current_page_id() == "pledges"
    assert set(states(register).values()) == {"未取得"} and len(states(register)) == links[0].count
    home.open_page("pledges#leaving_missing")
    assert list(states(register).values()) == ["退職時誓約 未取得"]


def test_recording_a_pledge_turns_the_worker_to_signed(qtbot, page, demo):
    from pcdesk.pledges.ui.record_dialog import RecordDialog

    ws, _ = demo
    page.focus("missing")
    worker = find_worker(ws, "0022")
    page.select_ids([worker.id])
    page.record_selected()
    dialog: RecordDialog = page.dialog
    assert dialog.kind.currentText() == "入社時" and dialog.location.text().startswith("総務部")
    dialog.collected_by.clear()
    dialog.accept()
    assert dialog.isVisible() and "回収者: 入力してください" in dialog.problems.text()
    dialog.collected_by.setText("小林 拓也")
    dialog.accept()
    assert page.dialog is None
    page.state.setCurrentIndex(0)
    assert states(page)["藤田 亮"] == "取得済"


def test_a_dispatched_worker_needs_the_agency_before_saving(qtbot, page):
    from pcdesk.pledges.ui.worker_dialog import WorkerDialog

    page.add_worker()
    dialog: WorkerDialog = page.dialog
    dialog.number.setText("H-９")
    dialog.name.setText("派遣　花子")
    dialog.employment.setCurrentIndex(dialog.employment.findData("dispatched"))
    assert dialog.agency_label.text() == "派遣元（必須）"
    dialog.accept()
    assert "派遣元・所属会社: 派遣社員は派遣元を入力してください" in dialog.problems.text()
    dialog.agency.setText("株式会社ひかり人材サービス")
    dialog.accept()
    assert page.dialog is None
    assert states(page)["派遣 花子"] == "未取得"


def test_revising_a_template_makes_its_signers_renew(qtbot, demo, login_as, messages):
    from pcdesk.pledges.ui.template_dialog import TemplateDialog
    from pcdesk.pledges.ui.templates_page import TemplatesPage

    ws, _ = demo
    templates = TemplatesPage(login_as(ws.db, "admin"))
    qtbot.addWidget(templates)
    templates.show()
    templates.kinds.setCurrentRow(1)  # 在職者（年次更新）
    assert templates.table.item(0, 0).text() == "第2版（現在）"
    assert "第1条（目的）" in templates.preview.toPlainText()
    templates.revise()
    dialog: TemplateDialog = templates.dialog
    dialog.add_clause()
    dialog.heading.setText("教育の受講")
    dialog.heading.textEdited.emit("教育の受講")
    dialog.text.setPlainText("私は、貴社が行う個人情報保護の教育を年に1回以上受講します。")
    dialog.accept()
    assert "改訂の理由: 入力してください" in dialog.problems.text()
    dialog.note.setText("教育の受講を条項に追加")
    dialog.accept()
    assert templates.dialog is None
    assert "第3版として保存しました。" in messages.last and "「要再取得」になりました" in messages.last
    assert templates.table.item(0, 0).text() == "第3版（現在）"
    assert "（教育の受講）" in templates.preview.toPlainText()


def test_the_import_wizard_saves_nothing_until_the_bad_rows_are_left_out(qtbot, page, tmp_path):
    from pcdesk.pledges.ui.import_wizard import WorkerImportWizard

    path = tmp_path / "名簿.csv"
    path.write_bytes(("社員番号,氏名,部署,雇用形態,入社日\r\n9001,新人 一郎,営業部,正社員,2026/11/1\r\n"
                      "9002,新人 二郎,経理部,正社員,2026/11/1\r\n").encode("cp932"))
    page.import_workers()
    wizard: WorkerImportWizard = page.wizard
    wizard.currentPage().path.setText(str(path))
    wizard.next()
    check = wizard.currentPage()
    assert "文字コード: Shift_JIS" in check.read_as.text()
    assert check.problem_table.rowCount() == 1 and check.problem_table.item(0, 0).text() == "3行目"
    assert not check.validatePage() and "正しい行だけを取り込む" in check.problems.text()
    check.valid_only.setChecked(True)
    assert check.validatePage()
    assert wizard.saved.created == 1
    wizard.accept()
    assert "新人 一郎" in states(page) and "新人 二郎" not in states(page)


def test_the_pages_fit_the_default_window(qtbot, demo, open_window, clipped):
    ws, _ = demo
    window = open_window(ws.db, "admin")
    for page_id in ("pledges", "pledge_templates"):
        window.show_page(page_id)
        shown = window.page(page_id)
        qtbot.waitUntil(lambda: shown.isVisible())
        assert clipped(window) == [], (page_id, clipped(window))


def test_staff_see_the_register_but_cannot_change_it(qtbot, demo, login_as):
    ws, _ = demo
    register = RegisterPage(login_as(ws.db, "staff"))
    qtbot.addWidget(register)
    register.show()
    assert len(states(register)) > 20
    assert not register.record_button.isVisible() and not register.add_button.isVisible()
    assert not register.more_button.isVisible()
