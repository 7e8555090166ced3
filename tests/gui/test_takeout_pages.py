"""The take-out pages: applying through the wizard, the approver's decision, the take-out and
the return from the list, the reminder copied for e-mail, the asset register's marks."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from pcdesk import clock
from pcdesk.services import Workspace
from pcdesk.takeout import service
from pcdesk.takeout.flow import ApplicationFlow
from pcdesk.takeout.queries import list_applications
from tests.takeout_fixtures import application_values, takeout_office, takeout_template  # noqa: F401  (fixtures)


def _page(qtbot, ws: Workspace):
    from pcdesk.takeout.ui.applications_page import ApplicationsPage

    page = ApplicationsPage(ws)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    return page


def _select(page, number: str) -> None:
    row = next(i for i, r in enumerate(page.model.rows) if r.cells[0] == number)
    page.table.selectRow(page.proxy.mapFromSource(page.model.index(row, 0)).row())


def test_applying_through_the_wizard(qtbot, takeout_office):
    from pcdesk.takeout.ui.application_wizard import ApplicationWizard

    o = takeout_office
    wizard = ApplicationWizard(o.staff, ApplicationFlow.new(o.staff))
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.current_step() == "applicant"
    wizard.next()
    page = wizard.currentPage()
    page.information.setPlainText("顧客リストの抜粋")
    page.yes.setChecked(True)
    page.count.setValue(30)
    wizard.next()
    page = wizard.currentPage()
    assert wizard.current_step() == "assets"
    items = {page.assets.item(i).text().split("　")[0]: page.assets.item(i) for i in range(page.assets.count())}
    assert not items["USB-009"].flags() & Qt.ItemFlag.ItemIsEnabled  # unencrypted: cannot be ticked
    assert "暗号化なし: 個人情報は入れられません" in items["USB-009"].text()
    wizard.next()
    assert wizard.current_step() == "assets" and "1つ以上選んでください" in page.problems.text()
    items["PC-001"].setCheckState(Qt.CheckState.Checked)
    wizard.next()
    page = wizard.currentPage()
    page.kind.setCurrentIndex(page.kind.findData("customer"))
    page.purpose.setText("提案")
    page.destination.setText("株式会社A")
    wizard.next()
    wizard.next()  # tomorrow 9:00, back the same day
    assert wizard.currentPage().boxes["encryption"].isChecked()  # the encrypted PC ticks it
    wizard.next()
    page = wizard.currentPage()
    assert "直ちに" in page.text.toPlainText()
    wizard.next()
    assert "誓約事項を読み" in page.problems.text()
    page.accept.setChecked(True)
    wizard.next()
    assert wizard.current_step() == "confirm"
    wizard.button(wizard.WizardButton.FinishButton).click()
    assert wizard.application is not None and wizard.application.state_label == "申請中"


def test_the_approver_decides_and_cannot_approve_their_own(qtbot, takeout_office):
    from pcdesk.takeout.ui.dialogs import DecisionDialog

    o = takeout_office
    mine = service.apply(o.approver, application_values(o, "approver"))
    theirs = service.apply(o.staff, application_values(o, out_at=dt.datetime(2026, 11, 24, 9, 0),
                                                       return_due=dt.date(2026, 11, 24)))
    page = _page(qtbot, o.approver)
    _select(page, mine.number)
    assert not page.decide_button.isEnabled()  # their own application
    _select(page, theirs.number)
    assert page.decide_button.isEnabled()
    dialog = DecisionDialog(o.approver, service.get_application(o.approver, theirs.id))
    qtbot.addWidget(dialog)
    dialog.buttons["send_back"].setChecked(True)
    dialog.accept()
    assert "差戻しの理由: 入力してください" in dialog.problems.text()
    dialog.reason.setPlainText("持出し先の住所を書いてください")
    dialog.accept()
    assert service.get_application(o.admin, theirs.id).state_label == "差戻し"
    own = DecisionDialog(o.approver, service.get_application(o.approver, mine.id))
    qtbot.addWidget(own)
    own.accept()
    assert own.problems.text() == "自分の申請は承認できません。ほかの承認者（または管理者）に依頼してください。"


def test_take_out_and_return_from_the_list(qtbot, takeout_office, messages):
    from pcdesk.takeout.ui.dialogs import ReturnDialog

    o = takeout_office
    app = service.apply(o.staff, application_values(o))
    service.approve(o.approver, app.id)
    clock.pin(dt.datetime(2026, 11, 23, 9, 0))
    page = _page(qtbot, o.staff)
    _select(page, app.number)
    assert page.take_out_button.isEnabled() and not page.return_button.isEnabled()
    page.take_out_selected()
    assert "いま持ち出したと記録しますか" in messages.texts("question")[-1]
    assert service.get_application(o.admin, app.id).state_label == "持出中"
    _select(page, app.number)
    assert not page.return_button.isEnabled()  # the applicant never confirms their own return
    admin_page = _page(qtbot, o.admin)
    _select(admin_page, app.number)
    assert admin_page.return_button.isEnabled()
    dialog = ReturnDialog(o.admin, service.get_application(o.admin, app.id))
    qtbot.addWidget(dialog)
    dialog.condition_buttons["ok"].setChecked(True)
    dialog.accept()
    assert "ウイルスチェック" in dialog.problems.text()
    dialog.virus.setChecked(True)
    dialog.copies.setChecked(True)
    dialog.accept()
    assert service.get_application(o.admin, app.id).state_label == "返却済"


def test_an_overdue_take_out_is_red_and_its_reminder_is_copied(qtbot, takeout_office):
    from pcdesk.takeout.ui.dialogs import ReminderDialog
    from pcdesk.takeout.queries import reminder

    o = takeout_office
    app = service.apply(o.staff, application_values(o))
    service.approve(o.approver, app.id)
    clock.pin(dt.datetime(2026, 11, 23, 9, 0))
    service.take_out(o.staff, app.id)
    clock.pin(dt.datetime(2026, 11, 27, 9, 0))
    page = _page(qtbot, o.admin)
    page.focus("overdue")
    assert [r.cells[:2] for r in page.model.rows] == [(app.number, "持出中（2日超過）")]
    assert "うち返却予定日超過 1 件" in page.count_label.text()
    _select(page, app.number)
    assert page.remind_button.isEnabled()
    dialog = ReminderDialog(o.admin, app, reminder(o.admin, app.id))
    qtbot.addWidget(dialog)
    dialog.copy()
    assert QGuiApplication.clipboard().text().startswith("件名: 【返却のお願い】")
    assert "返却予定日を2日過ぎても" in QGuiApplication.clipboard().text()


def test_the_asset_register_marks_unencrypted_media(qtbot, takeout_office):
    from pcdesk.takeout.ui.assets_page import AssetDialog, AssetsPage

    o = takeout_office
    page = AssetsPage(o.admin)
    qtbot.addWidget(page)
    page.show()
    rows = {r.cells[0]: r for r in page.model.rows}
    assert rows["USB-009"].unencrypted and "個人情報不可" in rows["USB-009"].cells[3]
    assert not rows["PC-001"].unencrypted and rows["DOC-001"].cells[3] == "対象外"
    assert "うち暗号化なしの電子媒体 1 件" in page.count_label.text()
    dialog = AssetDialog(o.admin)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("usb"))
    assert dialog.number.placeholderText() == "空欄なら USB-010"
    assert "個人情報を含む持出しには選べません" in dialog.warning.text()
    dialog.encrypted.setChecked(True)
    dialog.accept()
    assert "暗号化の方式: 入力してください" in dialog.problems.text()
    dialog.method.setText("ハードウェア暗号化")
    dialog.department.setCurrentIndex(1)
    dialog.accept()
    assert dialog.saved is not None and dialog.saved.number == "USB-010"


def test_reception_sees_no_take_out_pages():
    from pcdesk import registry
    from pcdesk.services import RECEPTION, Actor

    kiosk = Actor(9, "受付", frozenset({RECEPTION}))
    assert not [p.id for p in registry.pages() if p.id.startswith("takeout") and p.allows(kiosk)]


def test_the_list_follows_a_new_application(qtbot, takeout_office):
    o = takeout_office
    page = _page(qtbot, o.staff)
    assert page.model.rows == []
    service.apply(o.staff, application_values(o))
    page.refresh()
    assert len(page.model.rows) == 1 == len(list_applications(o.staff))
