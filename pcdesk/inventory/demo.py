"""The demo company's inventory: a believable ledger across departments with its risk
analysis, two entries overdue for review, one retired, a survey left as a draft."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from pcdesk.accounts.model import User
from pcdesk.dates import now, today
from pcdesk.inventory.analysis import list_risks, update_risk
from pcdesk.inventory.choices import BOTH, ELECTRONIC, PAPER
from pcdesk.inventory.flow import SurveyFlow
from pcdesk.inventory.model import InventoryEntry, RiskAssessment
from pcdesk.inventory.service import add_months, create_entry, retire_entry, save_draft

# (department, the survey answers) of each entry, in 管理番号 order.
ENTRIES: list[tuple[str, dict[str, Any]]] = [
    ("営業部", dict(
        business_process="受注・請求管理", name="顧客名簿", subject_kinds=["顧客"],
        items=["氏名", "住所", "電話番号", "メールアドレス", "勤務先・所属", "購入・取引履歴"], record_count=3200,
        acquisition=["本人から書面で直接", "本人から書面以外（口頭・Web・電話）"],
        purpose="商品の発送、代金の請求、アフターサービスのご案内のため", media=ELECTRONIC,
        storage_location="販売管理システム（社内サーバー）", protection=["アクセス制限（ID・パスワード）", "バックアップ", "暗号化"],
        access_holders="営業部員、経理担当", use_period="取引終了まで", retention="取引終了後5年",
        disposal=["データ消去ソフト"], consigned=True, consignee="株式会社みどり配送（商品発送）",
        joint_use=True, joint_use_details="グループ会社（株式会社さくらリース）と氏名・連絡先・取引履歴を共同利用",
        taken_out=True, organised=True, manager="営業部長")),
    ("営業部", dict(
        business_process="展示会・営業活動", name="見込客リスト", subject_kinds=["見込客"],
        items=["氏名", "勤務先・所属", "役職", "電話番号", "メールアドレス"], record_count=800,
        acquisition=["本人から書面で直接"], purpose="製品・セミナーのご案内のため", media=BOTH,
        storage_location="営業部キャビネット、共有フォルダ「営業/見込客」", protection=["施錠保管", "アクセス制限（ID・パスワード）"],
        access_holders="営業部員", use_period="最終接触から3年", retention="最終接触から3年",
        disposal=["シュレッダー", "ファイル削除"], third_party=True,
        third_party_recipient="販売代理店（本人の同意を得た場合のみ）", organised=True, manager="営業部長")),
    ("営業部", dict(
        business_process="営業活動", name="名刺", subject_kinds=["取引先担当者"],
        items=["氏名", "勤務先・所属", "役職", "電話番号", "メールアドレス"], record_count=1500,
        acquisition=["本人から書面で直接"], purpose="取引先との連絡のため", media=PAPER,
        storage_location="各営業担当者の名刺ホルダー（会社名順）", protection=["施錠保管"],
        access_holders="各営業担当者", use_period="取引終了まで", retention="取引終了後1年",
        disposal=["シュレッダー"], taken_out=True, organised=True, manager="営業部長")),
    ("人事部", dict(
        business_process="採用活動", name="応募者の履歴書", subject_kinds=["応募者"],
        items=["氏名", "住所", "電話番号", "メールアドレス", "生年月日", "学歴・職歴", "資格", "顔写真"],
        record_count=120, acquisition=["本人から書面で直接", "本人から書面以外（口頭・Web・電話）"],
        purpose="採用選考と選考結果のご連絡のため", media=BOTH, storage_location="人事部の施錠キャビネット、採用管理サービス",
        protection=["施錠保管", "アクセス制限（ID・パスワード）"], access_holders="人事部員、面接担当者",
        use_period="選考終了まで", retention="選考終了後6か月（不採用者）", disposal=["シュレッダー", "ファイル削除"],
        organised=True, manager="人事部長")),
    ("人事部", dict(
        business_process="人事管理", name="従業者名簿", subject_kinds=["従業者"],
        items=["氏名", "住所", "電話番号", "生年月日", "性別", "学歴・職歴", "家族構成", "口座情報"], record_count=85,
        acquisition=["本人から書面で直接"], purpose="雇用管理、社会保険の手続、緊急連絡のため", media=ELECTRONIC,
        storage_location="人事システム（クラウド）", protection=["アクセス制限（ID・パスワード）", "バックアップ"],
        access_holders="人事部員", use_period="退職まで", retention="退職後5年（労働基準法）",
        disposal=["データ消去ソフト"], organised=True, manager="人事部長")),
    ("人事部", dict(
        business_process="健康管理", name="健康診断結果", subject_kinds=["従業者"],
        items=["氏名", "生年月日", "健康診断結果", "病歴"], record_count=85, acquisition=["第三者から"],
        purpose="労働安全衛生法に基づく健康管理と就業上の措置のため", media=PAPER,
        storage_location="人事部の施錠キャビネット（健康管理専用）", protection=["施錠保管", "持出し禁止"],
        access_holders="人事部長、産業医", use_period="在籍中", retention="5年（労働安全衛生規則）",
        disposal=["溶解処理（業者委託）"], organised=True, manager="人事部長")),
    ("総務部", dict(
        business_process="給与計算・源泉徴収", name="給与とマイナンバー", subject_kinds=["従業者", "従業者の家族"],
        items=["氏名", "住所", "生年月日", "口座情報", "給与・賞与", "家族構成", "マイナンバー"], record_count=150,
        acquisition=["本人から書面で直接"], purpose="給与の支払い、源泉徴収票の作成、社会保険・税の手続のため",
        media=BOTH, storage_location="総務部の金庫、給与計算ソフト（専用PC）",
        protection=["施錠保管", "アクセス制限（ID・パスワード）", "暗号化"], access_holders="総務部の給与担当者2名",
        use_period="退職まで", retention="法定保存期間（7年）経過後すみやかに廃棄",
        disposal=["シュレッダー", "データ消去ソフト"], consigned=True, consignee="社会保険労務士法人さくら事務所（給与計算）",
        organised=True, manager="総務部長")),
    ("開発部", dict(
        business_process="システム開発・保守（受託）", name="委託元（あおば通販）の会員データ", subject_kinds=["委託元の顧客"],
        items=["氏名", "住所", "電話番号", "メールアドレス", "購入・取引履歴"], record_count=25000,
        acquisition=["委託元から（受託）"], purpose="委託元の通販システムの改修・保守のため（委託元の指示の範囲内）",
        media=ELECTRONIC, storage_location="委託元指定の検証サーバー",
        protection=["アクセス制限（ID・パスワード）", "暗号化", "持出し禁止"], access_holders="担当プロジェクトのメンバー",
        use_period="契約期間中", retention="契約終了時に返却・消去", disposal=["データ消去ソフト", "委託元へ返却"],
        organised=True, held_for_client=True, company_has_authority=False, manager="開発部長")),
    ("カスタマーサポート部", dict(
        business_process="問い合わせ対応", name="問い合わせメール", subject_kinds=["顧客", "問い合わせ者"],
        items=["氏名", "メールアドレス", "電話番号", "問い合わせ内容"], record_count=2400,
        acquisition=["本人から書面以外（口頭・Web・電話）"], purpose="お問い合わせへの回答と品質向上のため",
        media=ELECTRONIC, storage_location="問い合わせ管理システム", protection=["アクセス制限（ID・パスワード）", "バックアップ"],
        access_holders="カスタマーサポート部員", use_period="対応完了後1年", retention="3年", disposal=["ファイル削除"],
        organised=True, manager="カスタマーサポート部長")),
    ("カスタマーサポート部", dict(
        business_process="電話受付", name="電話の伝言メモ", subject_kinds=["問い合わせ者"],
        items=["氏名", "電話番号", "問い合わせ内容"], record_count=30, acquisition=["本人から書面以外（口頭・Web・電話）"],
        purpose="担当者への取次ぎのため", media=PAPER, storage_location="受付担当者の机（当日中に担当者へ手渡し）",
        protection=["施錠保管"], access_holders="受付担当者、取次ぎ先の担当者", use_period="取次ぎ完了まで",
        retention="1週間", disposal=["シュレッダー"], organised=False, manager="カスタマーサポート部長")),
    ("人事部", dict(
        business_process="退職者管理", name="退職者名簿", subject_kinds=["退職者"],
        items=["氏名", "住所", "電話番号", "生年月日", "学歴・職歴"], record_count=40, acquisition=["本人から書面で直接"],
        purpose="退職証明書の発行と法定書類の保存のため", media=BOTH, storage_location="人事部書庫、人事システム",
        protection=["施錠保管", "アクセス制限（ID・パスワード）"], access_holders="人事部長", use_period="退職後3年",
        retention="退職後5年", disposal=["シュレッダー", "データ消去ソフト"], organised=True, manager="人事部長")),
    ("人事部", dict(
        business_process="採用活動", name="採用応募の集計表（年齢層・人数のみ）", identifiable=False,
        subject_kinds=[], items=[], manager="人事部長")),
    ("営業部", dict(
        business_process="セミナー運営", name="セミナー参加者アンケート（2023年）", subject_kinds=["見込客"],
        items=["氏名", "勤務先・所属", "メールアドレス"], record_count=200, acquisition=["本人から書面で直接"],
        purpose="セミナーの改善と次回のご案内のため", media=PAPER, storage_location="営業部キャビネット",
        protection=["施錠保管"], access_holders="営業部員", use_period="次回セミナーまで", retention="1年",
        disposal=["シュレッダー"], organised=True, manager="営業部長")),
]
OVERDUE = {"名刺", "退職者名簿"}  # last reviewed more than 12 months ago
RETIRED = {"セミナー参加者アンケート（2023年）": "セミナー事業の終了に伴い全件シュレッダー廃棄"}
UNACCEPTED = {"委託元（あおば通販）の会員データ", "問い合わせメール"}  # analysis still waiting for the 管理者


def add_demo(ws, demo) -> None:
    rng = demo.rng
    day = today()
    for dept, values in ENTRIES:
        values = dict(values, department_id=demo.department_ids[dept])
        values["manager"] = f"{values['manager']} {demo.person()}"
        if values["name"] in OVERDUE:
            reviewed = add_months(day, -rng.randint(13, 18))
        else:
            reviewed = day - dt.timedelta(days=rng.randint(10, 300))
        entry = create_entry(ws, values, reviewed_on=reviewed)
        risks = list_risks(ws, entry_id=entry.id)
        for risk in rng.sample(risks, k=min(2, len(risks))):
            # A department's own judgement: some scenarios are likelier for them.
            update_risk(ws, risk.id, likelihood=min(3, risk.likelihood + 1),
                        residual_likelihood=min(3, risk.residual_likelihood + 1))
        if values["name"] in RETIRED:
            retire_entry(ws, entry.id, RETIRED[values["name"]], on=day - dt.timedelta(days=rng.randint(30, 90)))
    _accept_as_pms_manager(ws, demo)
    flow = SurveyFlow.new(demo.department_ids["総務部"], business_process="株主総会の運営", name="株主名簿",
                          subject_kinds=["株主"], items=["氏名", "住所"])
    flow.go_next()
    flow.go_next()
    save_draft(ws, **flow.draft())


def _accept_as_pms_manager(ws, demo) -> None:
    """The 個人情報保護管理者 (demo login "manager") accepted most residual risks.

    Written directly in the demo's transaction: accept_risks records the acting person,
    and a second Workspace for "manager" would open a second, blocking transaction."""
    with ws.write() as s:
        pending = s.scalars(select(RiskAssessment).join(InventoryEntry)
                            .where(InventoryEntry.name.not_in(UNACCEPTED))).all()
        manager_id = demo.users.get("manager")
        name = s.get(User, manager_id).display_name if manager_id else "個人情報保護管理者"
        moment = now() - dt.timedelta(days=demo.rng.randint(5, 20))
        for risk in pending:
            risk.accepted_by, risk.accepted_by_id, risk.accepted_at = name, manager_id, moment

