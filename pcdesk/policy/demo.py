"""The demo company's privacy policy: version 1 published (with its 改定履歴) two years ago,
before the 退職者名簿 was added to the ledger, and a draft version 2 that adds its purpose
— so the home page shows the notice out of step, and the comparison shows one clause."""

from __future__ import annotations

import datetime as dt

from pcdesk.accounts.model import User
from pcdesk.clock import today
from pcdesk.policy.model import PolicyVersion
from pcdesk.policy.rules import normalise_purpose
from pcdesk.policy.service import answers_of, company_values, held_records, publish, save_draft, start_draft

PHILOSOPHY = ("私たちは、情報システムの開発とデータ処理を通じて、お客様の事業を支えています。"
              "お客様や従業者からお預かりした個人情報を大切に扱うことは、その信頼の土台です。\n"
              "一人ひとりが個人情報の重みを理解し、誠実に取り扱います。")
ADDED_LATER = "退職者名簿"  # registered after version 1 was published


def _answers(ws, demo) -> dict:
    company = company_values(ws)
    return {
        "philosophy": PHILOSOPHY,
        "contact_hours": "平日 9:00〜17:00（土日祝日・年末年始を除く）",
        "extra_commitments": "従業者全員が毎年、個人情報保護の教育を受け、理解を確かめるテストを受けます。",
        "joint_items": "氏名、住所、電話番号、メールアドレス、勤務先・所属、購入・取引履歴",
        "joint_scope": "当社及び株式会社さくらリース（当社のグループ会社）",
        "joint_purpose": "グループ各社の商品・サービスのご案内、リース契約の審査と管理のため",
        "joint_manager": company["name"], "joint_manager_address": f"〒{company['postal_code']} {company['address']}",
        "joint_manager_representative": company["representative"],
        "third_party_details": "製品のご案内のため、販売代理店に氏名・勤務先・連絡先を提供する場合",
        "cookies": True, "cookie_tools": "Google アナリティクス（Google LLC）",
        "fee_amount": 1000,
    }


def add_demo(ws, demo) -> None:
    records = held_records(ws)
    draft = start_draft(ws)
    answers = {**answers_of(draft), **_answers(ws, demo)}
    later = {normalise_purpose(r.purpose) for r in records if r.name == ADDED_LATER}
    answers["purposes"] = [row for row in answers["purposes"] if normalise_purpose(row["purpose"]) not in later]
    day = today()
    established = dt.date(day.year - 2, 4, 1) + dt.timedelta(days=demo.rng.choice((0, 0, 14)))
    answers["established_on"] = established
    save_draft(ws, draft.id, answers)
    first = publish(ws, draft.id, on=established)

    second = start_draft(ws)  # starts from version 1
    revised = answers_of(second)
    revised["purposes"] = revised["purposes"] + [{"subject": "・".join(r.subject_kinds), "purpose": r.purpose}
                                                 for r in records if r.name == ADDED_LATER]
    save_draft(ws, second.id, revised)
    _as_demo_people(ws, demo, first.id, second.id)


def _as_demo_people(ws, demo, published_id: int, draft_id: int) -> None:
    """The 個人情報保護管理者 (login "manager") published version 1 and the 総務 administrator
    (login "admin") drafted both. Written in the demo's own transaction: a second Workspace
    for them would open a second, blocking one."""
    with ws.write() as s:
        people = {login: (s.get(User, demo.users[login]).display_name, demo.users[login])
                  for login in ("manager", "admin") if login in demo.users}
        manager = people.get("manager", ("個人情報保護管理者", None))
        admin = people.get("admin", manager)
        for version in (s.get(PolicyVersion, published_id), s.get(PolicyVersion, draft_id)):
            version.created_by, version.created_by_id = admin
        first = s.get(PolicyVersion, published_id)
        first.published_by, first.published_by_id = manager
