"""The first-run set-up flow, walked without Qt."""

import pytest
from sqlalchemy import select

from pcdesk.accounts.service import login
from pcdesk.company.model import Department
from pcdesk.company.service import get_company
from pcdesk.company.setup_flow import FirstRunFlow, is_first_run
from pcdesk.errors import ValidationError
from pcdesk.services import ADMIN, Workspace

COMPANY = {"name": "株式会社みどり", "postal_code": "100-0001", "address": "東京都千代田区千代田1-1",
           "representative": "代表取締役 緑川 一郎", "pms_manager": "取締役 緑川 二郎",
           "audit_manager": "監査 三郎", "education_manager": "教育 四郎",
           "contact_name": "お客様相談室", "contact_phone": "03-0000-1111", "contact_email": "privacy@midori.example.jp"}
ADMIN_ANSWERS = {"admin_login": "midori", "admin_name": "緑川 花子", "admin_password": "midori-pass1",
                 "admin_password_confirm": "midori-pass1"}


def walk(flow, answers_by_step):
    for step, answers in answers_by_step:
        assert flow.current == step
        flow.set(**answers)
        flow.go_next()


def test_full_path_creates_company_departments_and_administrator(db):
    ws = Workspace(db)
    assert is_first_run(ws)
    flow = FirstRunFlow()
    assert flow.path() == ["welcome", "company", "departments", "admin", "confirm"]
    walk(flow, [("welcome", {}), ("company", COMPANY), ("departments", {"departments": "総務部\n営業部\n\n"}),
                ("admin", ADMIN_ANSWERS)])
    assert flow.current == "confirm" and flow.is_last()
    assert ("部門", "総務部、営業部") in flow.summary()
    actor = flow.finish(ws)
    assert actor.is_admin and actor.name == "緑川 花子"
    assert not is_first_run(ws)
    assert get_company(ws).contact_email == "privacy@midori.example.jp"
    with ws.read() as s:
        assert list(s.scalars(select(Department.name).order_by(Department.sort_order))) == ["総務部", "営業部"]
    result = login(ws, "midori", "midori-pass1")
    assert result.ok and ADMIN in result.actor.roles


def test_bad_company_input_names_each_field_and_stays_on_the_step():
    flow = FirstRunFlow()
    flow.go_next()
    flow.set(**dict(COMPANY, name="", contact_email="privacy-at-midori", contact_phone="電話"))
    with pytest.raises(ValidationError) as err:
        flow.go_next()
    fields = {p.field for p in err.value.problems}
    assert fields == {"社名", "窓口メールアドレス", "窓口電話番号"}
    assert flow.current == "company"
    assert "例: privacy@example.co.jp" in err.value.message


def test_back_keeps_answers():
    flow = FirstRunFlow()
    walk(flow, [("welcome", {}), ("company", COMPANY)])
    assert flow.go_back() == "company"
    assert flow.get("name") == "株式会社みどり"
    flow.go_next()
    assert flow.current == "departments"


@pytest.mark.parametrize("departments, message", [
    ("", "1つ以上"),
    ("総務部\n総務部", "重複"),
])
def test_department_problems(departments, message):
    flow = FirstRunFlow({"departments": departments})
    with pytest.raises(ValidationError, match=message):
        flow.history.append("departments")
        flow.go_next()


def test_password_confirmation_must_match():
    flow = FirstRunFlow(dict(ADMIN_ANSWERS, admin_password_confirm="other-pass2"))
    flow.history.append("admin")
    with pytest.raises(ValidationError) as err:
        flow.go_next()
    assert [p.field for p in err.value.problems] == ["パスワード（確認）"]


def test_finish_refuses_incomplete_answers_and_saves_nothing(db):
    ws = Workspace(db)
    flow = FirstRunFlow(dict(COMPANY, departments="総務部"))  # no administrator yet
    with pytest.raises(ValidationError):
        flow.finish(ws)
    assert get_company(ws) is None and is_first_run(ws)


def test_full_width_digits_and_half_width_kana_are_normalised(db):
    from pcdesk.company.service import add_department, list_departments
    from pcdesk.services import SETUP

    ws = Workspace(db)
    flow = FirstRunFlow(dict(COMPANY, postal_code="１００－０００１", contact_phone="０３－１２３４－５６７８",
                             departments="ｿｳﾑ\n営業部", **ADMIN_ANSWERS))
    flow.finish(ws)
    company = get_company(ws)
    assert (company.postal_code, company.contact_phone) == ("100-0001", "03-1234-5678")
    assert [d.name for d in list_departments(ws)] == ["ソウム", "営業部"]
    with pytest.raises(ValidationError, match="100文字以内"):
        add_department(ws.as_actor(SETUP), "部" * 101)
