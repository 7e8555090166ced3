"""The take-out workflow: every allowed transition, every forbidden one with its message, the
assets following the take-out, and every move in the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest

from pcdesk import clock
from pcdesk.audit.query import AuditFilter, fetch_page
from pcdesk.errors import PermissionDenied, ValidationError
from pcdesk.services import APPROVER, Actor, Workspace
from pcdesk.takeout import service
from pcdesk.takeout.assets import get_asset
from pcdesk.takeout.model import TakeoutEvent
from tests.takeout_fixtures import application_values, takeout_office, takeout_template  # noqa: F401  (fixtures)

RETURN_OK = dict(condition="ok", virus_checked=True, copies_deleted=True)


def state(o, app_id) -> str:
    return service.get_application(o.admin, app_id).state_label


def submitted(o, who="staff", **changes) -> int:
    return service.apply(o.ws(who), application_values(o, who, **changes)).id


def approved(o, **changes) -> int:
    app_id = submitted(o, **changes)
    service.approve(o.approver, app_id)
    return app_id


def out(o, **changes) -> int:
    app_id = approved(o, **changes)
    clock.pin(dt.datetime(2026, 11, 23, 9, 5))
    service.take_out(o.staff, app_id)
    return app_id


# -- allowed ---------------------------------------------------------------------------------

def test_draft_submit_approve_take_out_and_return(takeout_office):
    o = takeout_office
    draft = service.save_draft(o.staff, application_values(o))
    assert draft.number == "TO-2026-0001" and state(o, draft.id) == "下書き"
    service.submit(o.staff, draft.id)
    assert state(o, draft.id) == "申請中"
    assert service.get_application(o.admin, draft.id).applied_on == dt.date(2026, 11, 22)
    service.approve(o.approver, draft.id)
    app = service.get_application(o.admin, draft.id)
    assert (app.state_label, app.approver) == ("承認", o.approver.actor.name)
    clock.pin(dt.datetime(2026, 11, 23, 9, 5))
    service.take_out(o.staff, draft.id)
    assert state(o, draft.id) == "持出中"
    assert get_asset(o.admin, o.assets["PC-001"]).status == "out"
    clock.advance(dt.timedelta(days=1))
    service.confirm_return(o.admin, draft.id, RETURN_OK)
    app = service.get_application(o.admin, draft.id)
    assert app.state_label == "返却済"
    assert (app.trips[0].return_checker, app.trips[0].condition) == (o.admin.actor.name, "ok")
    assert get_asset(o.admin, o.assets["PC-001"]).status == "in_office"


def test_send_back_with_reason_then_corrected_and_submitted_again(takeout_office):
    o = takeout_office
    app_id = submitted(o)
    service.send_back(o.approver, app_id, "持出し先の住所を書いてください")
    app = service.get_application(o.admin, app_id)
    assert (app.state_label, app.decision_reason) == ("差戻し", "持出し先の住所を書いてください")
    service.save_draft(o.staff, {"destination": "株式会社A 本社（東京都港区芝浦1-1）"}, app_id)
    service.submit(o.staff, app_id)
    assert state(o, app_id) == "申請中"


def test_reject_with_reason(takeout_office):
    o = takeout_office
    app_id = submitted(o)
    service.reject(o.manager, app_id, "顧客リストを持ち出す必要がないため")
    assert state(o, app_id) == "却下"


@pytest.mark.parametrize("reach", ["draft", "submitted", "sent_back", "approved"])
def test_withdraw_from_every_state_before_the_take_out(takeout_office, reach):
    o = takeout_office
    if reach == "draft":
        app_id = service.save_draft(o.staff, application_values(o)).id
    else:
        app_id = submitted(o)
        if reach == "sent_back":
            service.send_back(o.approver, app_id, "日付を確認してください")
        if reach == "approved":
            service.approve(o.approver, app_id)
    with pytest.raises(ValidationError, match="取下げの理由: 500文字以内にしてください"):
        service.withdraw(o.staff, app_id, "長" * 501)
    service.withdraw(o.staff, app_id, "訪問が延期になったため")
    assert state(o, app_id) == "取下げ"


def test_an_administrator_approves_and_a_manager_may_approve_what_staff_entered(takeout_office):
    o = takeout_office
    app_id = submitted(o)
    service.approve(o.manager, app_id)  # 管理者・承認者
    assert state(o, app_id) == "承認"


def test_standing_approval_goes_back_to_approved_after_each_return_within_its_period(takeout_office):
    o = takeout_office
    app_id = approved(o, approval_kind="standing", out_at=dt.datetime(2026, 11, 23), return_due=dt.date(2026, 12, 31),
                      purpose_kind="internal", purpose="在宅勤務", destination="自宅")
    clock.pin(dt.datetime(2026, 11, 30, 18, 0))
    service.take_out(o.staff, app_id)
    app = service.get_application(o.admin, app_id)
    assert app.open_trip.due == dt.date(2026, 12, 1)  # back the next day, across the month end
    clock.pin(dt.datetime(2026, 12, 1, 9, 0))
    service.confirm_return(o.approver, app_id, RETURN_OK)
    assert state(o, app_id) == "承認"
    service.take_out(o.staff, app_id, due=dt.date(2026, 12, 4))
    service.confirm_return(o.approver, app_id, RETURN_OK)
    service.close(o.staff, app_id, "期間の途中で在宅勤務を終えたため")
    app = service.get_application(o.admin, app_id)
    assert app.state_label == "返却済" and len(app.trips) == 2


def test_a_standing_trip_returned_after_the_period_ends_the_approval(takeout_office):
    o = takeout_office
    app_id = approved(o, approval_kind="standing", out_at=dt.datetime(2026, 11, 23), return_due=dt.date(2026, 11, 30))
    clock.pin(dt.datetime(2026, 11, 30, 18, 0))
    service.take_out(o.staff, app_id)
    assert service.get_application(o.admin, app_id).open_trip.due == dt.date(2026, 11, 30)  # never after the period
    clock.pin(dt.datetime(2026, 12, 1, 9, 0))
    service.confirm_return(o.admin, app_id, RETURN_OK)
    assert state(o, app_id) == "返却済"


def test_a_loss_on_return_marks_the_asset_lost(takeout_office):
    o = takeout_office
    app_id = out(o)
    service.confirm_return(o.admin, app_id, dict(condition="lost_damaged", condition_note="帰りの電車内で紛失。警察に届出済み",
                                                 lost_asset_ids=[o.assets["PC-001"]]))
    assert get_asset(o.admin, o.assets["PC-001"]).status == "lost"
    assert state(o, app_id) == "返却済"


# -- forbidden, with what the person reads --------------------------------------------------------

def test_nobody_approves_their_own_application(takeout_office):
    o = takeout_office
    app_id = submitted(o, "approver")
    with pytest.raises(PermissionDenied) as exc:
        service.approve(o.approver, app_id)
    assert str(exc.value) == "自分の申請は承認できません。ほかの承認者（または管理者）に依頼してください。"
    with pytest.raises(PermissionDenied, match="自分の申請は差戻しできません"):
        service.send_back(o.approver, app_id, "理由")
    service.approve(o.manager, app_id)  # someone else may
    assert state(o, app_id) == "承認"


def test_approving_needs_the_approver_or_administrator_role(takeout_office):
    o = takeout_office
    app_id = submitted(o, "approver")
    with pytest.raises(PermissionDenied) as exc:
        service.approve(o.staff, app_id)
    assert str(exc.value) == "申請を承認するには「承認者」または「管理者」の権限が必要です。承認者に依頼してください。"
    with pytest.raises(PermissionDenied, match="「承認者」または「管理者」"):
        service.reject(o.staff, app_id, "不要")


def test_a_draft_cannot_be_returned(takeout_office):
    o = takeout_office
    app_id = service.save_draft(o.staff, application_values(o)).id
    with pytest.raises(ValidationError) as exc:
        service.confirm_return(o.admin, app_id, RETURN_OK)
    assert exc.value.message == "状態: 「下書き」の申請は返却確認できません。返却確認できるのは「持出中」の申請だけです。"


def test_nobody_confirms_their_own_return(takeout_office):
    o = takeout_office
    app_id = out(o)
    with pytest.raises(PermissionDenied) as exc:
        service.confirm_return(o.staff, app_id, RETURN_OK)
    assert str(exc.value).startswith("自分の持出しの返却は確認できません。申請者以外の人")
    assert state(o, app_id) == "持出中"


def test_send_back_and_reject_need_a_reason(takeout_office):
    o = takeout_office
    app_id = submitted(o)
    with pytest.raises(ValidationError) as exc:
        service.send_back(o.approver, app_id, "  ")
    assert exc.value.message == "差戻しの理由: 入力してください（例: 持出し先の住所を書いてください）。"
    with pytest.raises(ValidationError, match="却下の理由: 入力してください"):
        service.reject(o.approver, app_id, "")
    with pytest.raises(ValidationError, match="500文字以内"):
        service.reject(o.approver, app_id, "長" * 501)
    assert state(o, app_id) == "申請中"


@pytest.mark.parametrize("action, setup, message", [
    ("approve", "draft", "「下書き」の申請は承認できません。承認できるのは「申請中」の申請だけです。"),
    ("take_out", "submitted", "「申請中」の申請は持出しできません。持出しできるのは「承認」の申請だけです。"),
    ("submit", "submitted", "「申請中」の申請は申請できません。申請できるのは「下書き」または「差戻し」の申請だけです。"),
    ("withdraw", "out", "「持出中」の申請は取下げできません。"),
    ("approve", "rejected", "「却下」の申請は承認できません。"),
    ("close", "approved", "「終了」は包括承認の申請だけです。"),
])
def test_moves_the_state_does_not_allow(takeout_office, action, setup, message):
    o = takeout_office
    if setup == "draft":
        app_id = service.save_draft(o.staff, application_values(o)).id
    elif setup == "out":
        app_id = out(o)
    else:
        app_id = submitted(o)
        if setup == "rejected":
            service.reject(o.approver, app_id, "不要")
        if setup == "approved":
            service.approve(o.approver, app_id)
    ws = o.approver if action == "approve" else o.staff
    with pytest.raises(ValidationError, match=message):
        getattr(service, action)(ws, app_id)


def test_taking_out_before_the_planned_day_or_an_asset_already_out(takeout_office):
    o = takeout_office
    app_id = approved(o)
    with pytest.raises(ValidationError, match=r"持出し予定日（2026年11月23日）より前です"):
        service.take_out(o.staff, app_id)
    first = out(o)
    assert first != app_id
    clock.pin(dt.datetime(2026, 11, 23, 10, 0))
    with pytest.raises(ValidationError) as exc:
        service.take_out(o.staff, app_id)
    assert "PC-001（ノートPC）は持出中です（TO-2026-0002）。返却の確認が済んでから持ち出してください。" in exc.value.message


def test_reception_and_other_staff_cannot_move_someone_elses_application(takeout_office):
    o = takeout_office
    app_id = submitted(o, "admin")
    with pytest.raises(PermissionDenied, match="「管理者・担当者・承認者」の権限が必要です"):
        service.withdraw(o.reception, app_id)
    with pytest.raises(PermissionDenied, match="申請者本人・申請を入力した人・管理者"):
        service.withdraw(o.approver, app_id)
    with pytest.raises(PermissionDenied, match="ほかの人として操作することはできません"):
        service.act(o.staff, app_id, "approve", o.manager.actor)


def test_only_administrators_and_staff_enter_applications_for_someone_else(takeout_office):
    o = takeout_office
    values = application_values(o, "staff")
    only_approver = Workspace(o.db, Actor(o.approver.actor.user_id, o.approver.actor.name, frozenset({APPROVER})))
    with pytest.raises(PermissionDenied, match="ほかの人の持出し申請を入力できるのは、管理者・担当者です"):
        service.save_draft(only_approver, values)
    app = service.apply(o.admin, values)  # 総務 enters it for the worker
    assert (app.applicant_name, app.created_by) == (o.staff.actor.name, o.admin.actor.name)
    service.approve(o.approver, app.id)
    clock.pin(dt.datetime(2026, 11, 23, 9, 0))
    service.take_out(o.admin, app.id)  # whoever entered it records the take-out
    with pytest.raises(PermissionDenied, match="自分の持出しの返却"):
        service.confirm_return(o.staff, app.id, RETURN_OK)


def test_the_return_must_say_how_it_came_back(takeout_office):
    o = takeout_office
    app_id = out(o)
    with pytest.raises(ValidationError) as exc:
        service.confirm_return(o.admin, app_id, dict(condition="ok"))
    assert "返却後のウイルスチェック: 返却された媒体のウイルスチェックをして、印を付けてください。" in exc.value.message
    assert "複製・一時ファイルの消去: 持ち出した情報の複製・一時ファイルを消去（紙は廃棄）して、印を付けてください。" in exc.value.message
    with pytest.raises(ValidationError, match="状態の説明: 紛失・破損のときは、何がどうなったかを書いてください"):
        service.confirm_return(o.admin, app_id, dict(condition="lost_damaged"))
    with pytest.raises(ValidationError, match="返却時の状態: 選んでください"):
        service.confirm_return(o.admin, app_id, {})
    assert state(o, app_id) == "持出中"


# -- what is taken out ---------------------------------------------------------------------------

def test_unencrypted_usb_memory_is_refused_for_personal_data(takeout_office):
    o = takeout_office
    values = application_values(o, asset_ids=[o.assets["USB-009"]])
    with pytest.raises(ValidationError) as exc:
        service.apply(o.staff, values)
    assert ("持出し物: USB-009（USBメモリ）は暗号化されていないため、個人情報を含む情報の持出しには使えません。"
            "暗号化された資産を選ぶか、個人情報を含めないでください。") in exc.value.message
    from pcdesk.takeout.queries import list_applications

    assert list_applications(o.admin) == []  # nothing was kept by the refused application
    plain = service.apply(o.staff, application_values(o, asset_ids=[o.assets["USB-009"]], contains_personal=False,
                                                      personal_count=0, measures=["password"],
                                                      information="製品カタログのPDF"))
    assert plain.state_label == "申請中"


def test_an_asset_made_unencrypted_after_submission_stops_the_approval(takeout_office):
    from pcdesk.takeout.assets import update_asset

    o = takeout_office
    app_id = submitted(o, asset_ids=[o.assets["USB-001"]])
    update_asset(o.admin, o.assets["USB-001"], {"encrypted": False})
    with pytest.raises(ValidationError, match="USB-001（USBメモリ）は暗号化されていないため"):
        service.approve(o.approver, app_id)


def test_personal_data_on_media_needs_the_encryption_ticked_and_a_count(takeout_office):
    o = takeout_office
    with pytest.raises(ValidationError) as exc:
        service.apply(o.staff, application_values(o, measures=["password"], personal_count=0))
    assert "セキュリティ対策: 個人情報を電子媒体で持ち出すときは「暗号化」が必要です" in exc.value.message
    assert "個人情報の件数: 個人情報を含むときは、おおよその件数を入力してください（例: 120）。" in exc.value.message


def test_paper_files_carry_personal_data_without_encryption(takeout_office):
    o = takeout_office
    app = service.apply(o.staff, application_values(o, asset_ids=[o.assets["DOC-001"]], measures=[]))
    assert app.state_label == "申請中"


def test_the_pledge_must_be_accepted_and_its_wording_is_kept(takeout_office):
    o = takeout_office
    with pytest.raises(ValidationError, match="誓約: 誓約事項を読み、「誓約します」に印を付けてください。"):
        service.apply(o.staff, application_values(o, pledge_accepted=False))
    app = service.apply(o.staff, application_values(o))
    assert "返却後は持ち出した情報の複製・一時ファイルをすべて消去します" in app.pledge_text
    assert app.pledge_accepted_at == dt.datetime(2026, 11, 22, 10, 0)


def test_dates_are_checked(takeout_office):
    o = takeout_office
    with pytest.raises(ValidationError, match="返却予定日: 持出し日より前になっています"):
        service.apply(o.staff, application_values(o, return_due=dt.date(2026, 11, 20)))
    with pytest.raises(ValidationError, match="持出し日時: 過去の日付です"):
        service.apply(o.staff, application_values(o, out_at=dt.datetime(2026, 11, 21, 9, 0)))
    with pytest.raises(ValidationError, match="都度承認の持出しは31日までです"):
        service.apply(o.staff, application_values(o, return_due=dt.date(2027, 1, 5)))
    with pytest.raises(ValidationError, match=r"包括承認の期間: 6か月以内にしてください（最長 2027年5月23日 まで）"):
        service.apply(o.staff, application_values(o, approval_kind="standing", return_due=dt.date(2027, 6, 1)))


def test_huge_and_hostile_input_is_refused_before_anything_is_written(takeout_office):
    o = takeout_office
    with pytest.raises(ValidationError, match="持出し情報: 2,000文字以内にしてください（いまは2,001文字です）。"):
        service.save_draft(o.staff, application_values(o, information="あ" * 2001))
    with pytest.raises(ValidationError, match="個人情報の件数: 数字で入力してください"):
        service.save_draft(o.staff, application_values(o, personal_count="=1+1"))
    with pytest.raises(ValidationError, match="持出し物: 資産台帳に見つからない資産があります"):
        service.save_draft(o.staff, application_values(o, asset_ids=[999]))
    from pcdesk.takeout.queries import list_applications

    assert list_applications(o.admin) == []


# -- the record of every move ---------------------------------------------------------------------

def test_every_transition_is_recorded_with_who_when_and_why(takeout_office):
    o = takeout_office
    app_id = submitted(o)
    service.send_back(o.approver, app_id, "目的をもう少し具体的に")
    service.submit(o.staff, app_id)
    service.approve(o.approver, app_id)
    with o.admin.read() as s:
        moves = [(e.action, e.from_state, e.to_state, e.actor, e.reason)
                 for e in s.query(TakeoutEvent).filter_by(application_id=app_id).order_by(TakeoutEvent.id)]
    staff, approver = o.staff.actor.name, o.approver.actor.name
    assert moves == [("submit", "draft", "submitted", staff, ""),
                     ("send_back", "submitted", "sent_back", approver, "目的をもう少し具体的に"),
                     ("submit", "sent_back", "submitted", staff, ""),
                     ("approve", "submitted", "approved", approver, "")]
    rows = fetch_page(o.admin, AuditFilter(record_type="takeout_event"))
    assert len(rows) == 4 and {r.actor_name for r in rows} == {staff, approver}
    assert any("目的をもう少し具体的に" in r.cells()[7] for r in rows)
    assert any("変更後の状態: 差戻し" in r.cells()[7] and "操作: 差戻し" in r.cells()[7] for r in rows)
    created = fetch_page(o.admin, AuditFilter(record_type="takeout_application", action="create"))
    assert len(created) == 1 and f"申請者: {staff}" in created[0].cells()[7]  # one complete record, not a blank one
    changes = [r.cells()[7] for r in fetch_page(o.admin, AuditFilter(record_type="takeout_application"))]
    assert any("状態: 申請中 → 承認" in c for c in changes), changes
    assert any("承認者: （なし） → " + approver in c or f"承認者: {approver}" in c for c in changes), changes
