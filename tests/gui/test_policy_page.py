"""The プライバシーポリシー page with the demo company: the wizard, publishing, the comparison,
copying, exporting as HTML — as the 総務 administrator clicks through them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWizard

from pcdesk.policy import service
from pcdesk.policy.ui.policy_page import PolicyPage
from pcdesk.services import Actor, Workspace, STAFF

NEXT, FINISH, SAVE = QWizard.WizardButton.NextButton, QWizard.WizardButton.FinishButton, QWizard.WizardButton.CustomButton1


@pytest.fixture
def page(qtbot, demo):
    ws, _info = demo
    widget = PolicyPage(ws)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    return widget


def click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_page_shows_the_version_in_force_the_draft_and_the_gap(page):
    assert "公表中の版: 第1版（2024年4月1日公表）" in page.status.text()
    assert "下書き: 第2版" in page.status.text()
    assert "PI-0011 退職者名簿" in page.gaps.text() and page.gaps.isVisible()
    assert [page.model.rows[i].cells[:2] for i in range(2)] == [("第2版", "下書き"), ("第1版", "公表済み")]
    assert page.draft_button.text() == "下書きを編集…"
    preview = page.previews["notice"].toPlainText()
    assert "個人情報の取扱いについて" in preview and "退職証明書" not in preview  # the version in force is shown
    page.table.selectRow(0)
    assert "下書き（第2版・公表前の案）" in page.previews["notice"].toPlainText()


def test_staff_may_draft_but_not_publish(qtbot, demo):
    ws, info = demo
    staff = PolicyPage(Workspace(ws.db, Actor(info.users["staff"], "staff", frozenset({STAFF}))))
    qtbot.addWidget(staff)
    assert not staff.publish_button.isVisibleTo(staff) and not staff.discard_action.isVisible()
    assert not staff.draft_button.isHidden()


def test_the_wizard_walks_the_draft_warns_and_saves(qtbot, page, messages):
    click(qtbot, page.draft_button)
    wizard = page.wizard
    qtbot.waitUntil(wizard.isVisible)
    assert wizard.current_step() == "company"
    wizard.currentPage().fields["representative"].editor.setText("")
    assert "代表者の氏名" in wizard.currentPage().pending.text()  # orange, not blocking
    click(qtbot, wizard.button(NEXT))
    click(qtbot, wizard.button(NEXT))
    click(qtbot, wizard.button(NEXT))
    purposes = wizard.currentPage()
    assert wizard.current_step() == "purposes" and purposes.rows.table.rowCount() == 9
    purposes.rows.table.selectRow(8)
    click(qtbot, purposes.rows.remove_button)
    assert "PI-0011 退職者名簿" in purposes.gaps.text()
    click(qtbot, purposes.load_button)
    assert purposes.rows.table.rowCount() == 9 and "1 件の利用目的を加えました" in purposes.loaded.text()
    assert not purposes.gaps.isVisible()
    while wizard.current_step() != "confirm":
        click(qtbot, wizard.button(NEXT))
    confirm = wizard.currentPage()
    assert "代表者の氏名: 入力してください" in confirm.missing.text()
    click(qtbot, wizard.button(FINISH))
    qtbot.waitUntil(lambda: not wizard.isVisible())
    draft = service.draft_version(page.ws)
    assert service.answers_of(draft)["representative"] == ""
    assert "下書き: 第2版" in page.status.text()


def test_publishing_names_what_is_missing_then_publishes(qtbot, page, messages):
    from pcdesk.policy.ui.publish_dialog import PublishDialog

    draft = service.draft_version(page.ws)
    answers = service.answers_of(draft)
    service.save_draft(page.ws, draft.id, {**answers, "identity_check": "", "contact_name": ""})
    dialog = PublishDialog(page.ws, draft, page)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.accept()
    assert "・苦情・相談の窓口: 入力してください" in dialog.problems.text()
    assert "・本人確認の方法: 入力してください" in dialog.problems.text()
    assert dialog.isVisible() and service.draft_version(page.ws) is not None
    service.save_draft(page.ws, draft.id, answers)
    dialog = PublishDialog(page.ws, draft, page)
    qtbot.addWidget(dialog)
    assert dialog.note.text() == "「保有個人データの利用目的」を改定"
    dialog.accept()
    assert dialog.published is not None and dialog.published.label == "第2版"
    page.refresh()
    assert "公表中の版: 第2版" in page.status.text() and not page.gaps.isVisible()


def test_the_comparison_shows_the_changed_clause_side_by_side(qtbot, page):
    from pcdesk.policy.ui.compare_dialog import CompareDialog

    dialog = CompareDialog(page.ws, parent=page)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.before.currentText() == "第1版（公表済み）" and dialog.after.currentText() == "第2版（下書き）"
    assert dialog.summary.text() == "変更のある条項: 1 件"
    shown = dialog.view.toPlainText()
    assert "【変更】2．保有個人データの利用目的" in shown and "退職証明書の発行と法定書類の保存のため" in shown
    assert "個人情報保護方針" not in shown.split("【変更】")[0].replace("個人情報の取扱いについて", "")
    dialog.only_changed.setChecked(False)
    assert "1．事業者の名称・住所・代表者" in dialog.view.toPlainText()


def test_copying_puts_text_and_html_on_the_clipboard(qtbot, page):
    page.copy_document("notice")
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.text().startswith("個人情報の取扱いについて")
    assert "<h1>個人情報の取扱いについて</h1>" in mime.html()
    assert page.copied == "個人情報の取扱いについて（第1版）をクリップボードにコピーしました。"


def test_the_statement_dialog_copies_the_block_for_one_kind_of_person(qtbot, page):
    from pcdesk.policy.ui.statement_dialog import StatementDialog

    dialog = StatementDialog(page.ws, page)
    qtbot.addWidget(dialog)
    dialog.subject.setCurrentIndex(dialog.subject.findData("応募者"))
    assert "・採用選考と選考結果のご連絡のため" in dialog.text.toPlainText()
    assert "商品の発送" not in dialog.text.toPlainText()
    click(qtbot, dialog.copy_text)
    assert QGuiApplication.clipboard().text().startswith("【個人情報の取扱いについて】")


def test_the_export_dialog_offers_the_documents_formats(qtbot, demo, tmp_path):
    from pcdesk.ui.output import ExportDialog

    ws, _info = demo
    dialog = ExportDialog(ws, "notice")
    qtbot.addWidget(dialog)
    dialog.show()
    visible = [f for f, b in dialog.format_buttons.items() if b.isVisibleTo(dialog)]
    assert visible == ["pdf", "html", "txt"] and dialog.fmt == "pdf"
    assert dialog.destination.text().endswith(".pdf") and dialog.print_button.isEnabled()
    dialog.format_buttons["html"].setChecked(True)
    assert dialog.destination.text().endswith(".html")
    out = tmp_path / "notice.html"
    dialog.destination.setText(str(out))
    with qtbot.waitSignal(dialog.finished_export, timeout=20_000):
        dialog.export_button.click()
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "個人情報の取扱いについて（第1版・公表版）を出力しました" in dialog.status.text()
    dialog.ledger.setCurrentIndex(dialog.ledger.findData("accounts"))
    assert [f for f, b in dialog.format_buttons.items() if b.isVisibleTo(dialog)] == ["xlsx", "pdf"]
    assert dialog.fmt == "xlsx" and dialog.destination.text().endswith(".xlsx")
