"""The survey wizard, driven through the real QWizard from the ledger page."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWizard

from pcdesk.inventory.service import list_drafts
from pcdesk.inventory.ui.ledger_page import LedgerPage

NEXT, BACK, FINISH, DRAFT = (QWizard.WizardButton.NextButton, QWizard.WizardButton.BackButton,
                             QWizard.WizardButton.FinishButton, QWizard.WizardButton.CustomButton1)


@pytest.fixture
def page(qtbot, office, login_as):
    ledger = LedgerPage(login_as(office, "staff"))
    qtbot.addWidget(ledger)
    ledger.show()
    return ledger


def start(qtbot, page):
    qtbot.mouseClick(page.survey_button, Qt.MouseButton.LeftButton)
    wizard = page.wizard
    qtbot.waitUntil(wizard.isVisible)
    return wizard


def click(qtbot, wizard, which):
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def fields(wizard):
    return wizard.currentPage().fields


def type_into(qtbot, widget, text):
    """Japanese arrives committed by the input method, not key by key (QTest types ASCII only)."""
    widget.clear()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    elif hasattr(widget, "insertPlainText"):
        widget.insertPlainText(text)
    else:
        widget.insert(text)


def tick(qtbot, checklist, *labels):
    for label in labels:
        box = checklist.boxes[label]
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
        assert box.isChecked(), label


def answer_department(qtbot, wizard, business="採用活動"):
    f = fields(wizard)
    f["department_id"].setCurrentIndex(f["department_id"].findText("人事部"))
    type_into(qtbot, f["business_process"], business)
    click(qtbot, wizard, NEXT)


def test_a_survey_completed_in_the_wizard_appears_in_the_ledger(qtbot, page, messages):
    wizard = start(qtbot, page)
    assert wizard.current_step() == "department"

    click(qtbot, wizard, NEXT)  # nothing chosen yet: the page says what to fix and stays
    assert wizard.current_step() == "department"
    problems = wizard.currentPage().problems
    assert problems.isVisible()
    assert "管理部門: 部門を選んでください。" in problems.text()
    answer_department(qtbot, wizard)

    assert wizard.current_step() == "identity"
    type_into(qtbot, fields(wizard)["name"], "応募者の履歴書")
    tick(qtbot, fields(wizard)["subject_kinds"], "応募者")
    click(qtbot, wizard, NEXT)

    items = fields(wizard)["items"]
    assert "★要配慮" in items.boxes["健康診断結果"].text()  # 要配慮 items are marked on the checklist
    assert "特定" in items.boxes["マイナンバー"].text()
    tick(qtbot, items, "氏名", "住所", "健康診断結果")
    click(qtbot, wizard, NEXT)

    type_into(qtbot, fields(wizard)["record_count"], "1,200")
    tick(qtbot, fields(wizard)["acquisition"], "本人から書面で直接")
    click(qtbot, wizard, NEXT)
    type_into(qtbot, fields(wizard)["purpose"], "採用選考と結果のご連絡のため")
    click(qtbot, wizard, NEXT)

    f = fields(wizard)
    qtbot.mouseClick(f["media"].buttons[2], Qt.MouseButton.LeftButton)  # 紙と電子の両方
    type_into(qtbot, f["storage_location"], "人事部の施錠キャビネット")
    tick(qtbot, f["protection"], "施錠保管")
    qtbot.mouseClick(f["organised"].buttons[0], Qt.MouseButton.LeftButton)  # はい
    click(qtbot, wizard, NEXT)

    f = fields(wizard)
    for key, text in (("access_holders", "人事部員"), ("manager", "人事部長"), ("use_period", "選考終了まで"),
                      ("retention", "選考終了後6か月")):
        type_into(qtbot, f[key], text)
    click(qtbot, wizard, NEXT)
    tick(qtbot, fields(wizard)["disposal"], "シュレッダー")
    click(qtbot, wizard, NEXT)
    assert wizard.current_step() == "sharing"
    click(qtbot, wizard, NEXT)  # nothing consigned or provided: the details page is skipped
    assert wizard.current_step() == "client"
    click(qtbot, wizard, NEXT)
    assert wizard.current_step() == "authority"
    click(qtbot, wizard, NEXT)
    assert wizard.current_step() == "confirm"

    shown = wizard.currentPage().summary_text()
    assert shown.startswith("区分: 保有個人データ（要配慮個人情報）")
    assert "健康診断結果を含むため要配慮個人情報です。" in shown
    assert wizard.button(FINISH).text() == "登録"

    click(qtbot, wizard, BACK)  # back and forward keep the answers
    click(qtbot, wizard, BACK)
    assert wizard.current_step() == "client"
    click(qtbot, wizard, NEXT)
    click(qtbot, wizard, NEXT)
    assert wizard.current_step() == "confirm"

    click(qtbot, wizard, FINISH)
    qtbot.waitUntil(lambda: page.wizard is None)
    rows = {r.cells[3]: dict(zip(("管理番号", "部門", "業務", "名称", "本人", "件数", "媒体", "区分", "要配慮", "特定"),
                                 r.cells)) for r in page.model.rows}
    assert rows["応募者の履歴書"] == {"管理番号": "PI-0001", "部門": "人事部", "業務": "採用活動", "名称": "応募者の履歴書",
                                  "本人": "応募者", "件数": "1,200", "媒体": "紙・電子", "区分": "保有個人データ",
                                  "要配慮": "●", "特定": ""}
    assert page.selected_ids() == [page.model.rows[0].entry_id]  # the new row is selected
    assert list_drafts(page.ws) == []
    assert [k for k, _t, _x in messages.calls if k == "question"] == []


def test_information_that_identifies_nobody_skips_to_the_confirmation(qtbot, page):
    wizard = start(qtbot, page)
    answer_department(qtbot, wizard, "採用活動")
    f = fields(wizard)
    type_into(qtbot, f["name"], "応募者数の集計表")
    qtbot.mouseClick(f["identifiable"].buttons[1], Qt.MouseButton.LeftButton)  # いいえ
    assert not f["subject_kinds"].isVisible()
    click(qtbot, wizard, NEXT)
    assert wizard.current_step() == "confirm"
    assert wizard.currentPage().summary_text().startswith("区分: 個人情報に該当しない")


def test_without_drafts_the_dialog_says_so_and_cannot_resume(qtbot, page):
    qtbot.mouseClick(page.drafts_button, Qt.MouseButton.LeftButton)
    drafts = page.dialog
    qtbot.waitUntil(drafts.isVisible)
    assert drafts.empty_note.isVisible() and drafts.empty_note.text().startswith("下書きはありません。")
    assert not drafts.list.isVisible()
    assert not drafts.resume_button.isEnabled() and not drafts.delete_button.isEnabled()
    drafts.reject()


def test_a_draft_is_saved_and_resumed_where_it_was_left(qtbot, page, messages):
    wizard = start(qtbot, page)
    answer_department(qtbot, wizard, "株主総会の運営")
    type_into(qtbot, fields(wizard)["name"], "株主名簿")
    click(qtbot, wizard, DRAFT)
    assert "「株主名簿」を下書きとして保存しました。" in messages.last
    wizard.reject()  # nothing new since the draft: closes without asking
    qtbot.waitUntil(lambda: page.wizard is None)
    assert [k for k, _t, _x in messages.calls if k == "question"] == []

    qtbot.mouseClick(page.drafts_button, Qt.MouseButton.LeftButton)
    drafts = page.dialog
    assert drafts.list.count() == 1 and not drafts.empty_note.isVisibleTo(drafts)
    assert drafts.list.item(0).text().startswith("株主名簿（人事部）")
    drafts.accept()
    qtbot.waitUntil(lambda: page.wizard is not None)
    wizard = page.wizard
    assert wizard.current_step() == "identity"
    assert fields(wizard)["name"].text() == "株主名簿"
    click(qtbot, wizard, BACK)  # the steps before the draft are there to go back to
    assert wizard.current_step() == "department"
    assert fields(wizard)["business_process"].text() == "株主総会の運営"


def test_closing_with_unsaved_answers_offers_to_keep_a_draft(qtbot, page, messages):
    wizard = start(qtbot, page)
    answer_department(qtbot, wizard)
    type_into(qtbot, fields(wizard)["name"], "社員旅行の参加者名簿")
    messages.answer = True
    wizard.reject()
    qtbot.waitUntil(lambda: page.wizard is None)
    assert messages.calls[0][0] == "question" and "下書きとして残しますか" in messages.calls[0][2]
    assert [d.title for d in list_drafts(page.ws)] == ["社員旅行の参加者名簿"]

    wizard = start(qtbot, page)
    answer_department(qtbot, wizard, "忘年会")
    messages.answer = False
    wizard.reject()
    qtbot.waitUntil(lambda: page.wizard is None)
    assert len(list_drafts(page.ws)) == 1  # 「いいえ」: closed without keeping anything
