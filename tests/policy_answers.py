"""A complete set of policy answers with every optional section on, and HeldRecords to
compare them with: shared by the policy tests (not a test module itself)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pcdesk.capabilities import HeldRecord


def record(number: int, name: str, kinds: list[str], purpose: str, **changes: Any) -> HeldRecord:
    values: dict[str, Any] = dict(
        id=number, number=f"PI-{number:04d}", name=name, department="営業部", business_process="", subject_kinds=tuple(kinds),
        purpose=purpose, category="retained", category_label="保有個人データ", sensitive=False, specific=False,
        record_count=100, consigned=False, consignee="", third_party=False, third_party_recipient="", joint_use=False,
        joint_use_details="", taken_out=False, measures=("施錠できるキャビネットで保管", "従業者教育（年1回以上）"),
        measure_groups=("物理的", "人的"), has_risk_analysis=True)
    values.update(changes)
    return HeldRecord(**values)


RECORDS = [
    record(1, "顧客名簿", ["顧客"], "商品の発送と代金の請求のため", consigned=True, consignee="みどり配送（商品発送）",
           joint_use=True, joint_use_details="グループ会社と共同利用"),
    record(2, "見込客リスト", ["見込客"], "セミナーのご案内のため", third_party=True, third_party_recipient="販売代理店"),
    record(3, "健康診断結果", ["従業者"], "健康管理のため", sensitive=True),
    record(4, "給与とマイナンバー", ["従業者"], "給与の支払いと税の手続のため", specific=True, consigned=True,
           consignee="社労士事務所（給与計算）"),
]

SECTION_TEXTS = {
    "company_name": "株式会社テストデータ", "postal_code": "100-0001", "address": "東京都千代田区千代田1番1号",
    "representative": "代表取締役 山田 太郎", "pms_manager": "取締役 鈴木 花子",
    "philosophy": "私たちは、お預かりした情報を大切に扱います。", "established_on": dt.date(2025, 4, 1),
    "extra_commitments": "毎年、全員が個人情報保護の教育を受けます。",
    "contact_name": "個人情報お問合せ窓口", "contact_phone": "03-0000-1111", "contact_email": "privacy@example.jp",
    "contact_hours": "平日 9:00〜17:00",
    "purposes": [{"subject": r.subject_kinds[0], "purpose": r.purpose} for r in RECORDS],
    "joint_use": True, "third_party": True, "consignment": True, "abroad": True, "cookies": True, "sensitive": True,
    "specific": True, "association_member": True,
    "joint_items": "氏名、住所、購入履歴", "joint_scope": "当社及びテストリース株式会社",
    "joint_purpose": "グループ各社のサービスのご案内のため", "joint_manager": "株式会社テストデータ",
    "joint_manager_address": "東京都千代田区千代田1番1号", "joint_manager_representative": "代表取締役 山田 太郎",
    "third_party_details": "販売代理店に製品のご案内のため連絡先を提供する場合",
    "consignment_details": "商品発送の業務\n給与計算の業務",
    "abroad_countries": [{"country": "米国", "regime": "包括的な連邦法はなく州法と分野別の法律がある",
                          "measures": "契約で安全管理措置を約束している"}],
    "cookie_tools": "アクセス解析ツール", "cookie_purpose": "閲覧状況を把握するため", "cookie_optout": "ブラウザーの設定で無効にできます。",
    "sensitive_details": "従業者の健康診断結果（健康管理のため）", "specific_uses": "源泉徴収票の作成",
    "request_method": "請求書を郵送してください。", "identity_check": "運転免許証の写しを同封してください。",
    "agent_documents": "委任状を同封してください。", "fee_amount": 1000, "fee_method": "郵便定額小為替",
    "security_basic": "基本方針を策定しています。", "security_rules": "取扱規程を策定しています。",
    "security_organizational": "責任者を置いています。", "security_human": "教育を行っています。",
    "security_physical": "入退室を管理しています。", "security_technical": "アクセスを制御しています。",
    "security_environment": "米国の制度を把握しています。",
    "association_name": "一般財団法人日本情報経済社会推進協会",
    "association_contact": "認定個人情報保護団体事務局\n電話：0120-700-779",
}

# Every clause heading (without its number) the notice shows when every section applies.
NOTICE_SECTIONS = ("事業者の名称・住所・代表者", "保有個人データの利用目的", "要配慮個人情報の取扱い",
                   "特定個人情報（マイナンバー）の取扱い", "個人データの第三者への提供", "個人データの共同利用",
                   "個人情報の取扱いの委託", "外国にある第三者への提供", "Cookie 等の利用とアクセス解析",
                   "保有個人データの安全管理のために講じた措置", "開示等の請求の手続", "苦情・相談の窓口", "認定個人情報保護団体")
POLICY_SECTIONS = ("個人情報の適切な取得・利用・提供", "法令・規範の遵守", "漏えい等の防止と是正", "苦情及び相談への対応",
                   "個人情報保護マネジメントシステムの継続的改善", "当社独自の取組み", "本方針に関するお問い合わせ先")


def full_answers(**changes: Any) -> dict[str, Any]:
    answers = {k: (list(v) if isinstance(v, list) else v) for k, v in SECTION_TEXTS.items()}
    answers.update(changes)
    return answers
