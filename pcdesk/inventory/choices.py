"""Every choice list of the inventory, as data: the survey screens show these, the
rules read them, and a correction needs no code change elsewhere.

Values stored in the database are the Japanese labels themselves (本人の区分, 項目,
取得方法, 保管方法, 廃棄方法) so that a ledger row reads the same in pcdesk, in Excel
and in an imported workbook; only 媒体 and the life stages use short keys.
"""

from __future__ import annotations

from dataclasses import dataclass

# 本人の区分
SUBJECT_KINDS = ["顧客", "見込客", "取引先担当者", "従業者", "従業者の家族", "退職者", "応募者",
                 "株主", "問い合わせ者", "委託元の顧客"]


@dataclass(frozen=True)
class ItemChoice:
    label: str
    sensitive: bool = False  # 要配慮個人情報 (APPI art. 2(3))
    hint: str = ""


# 主な項目: the checklist. Free-text items may be added beside these.
ITEMS = [
    ItemChoice("氏名"), ItemChoice("住所"), ItemChoice("電話番号"), ItemChoice("メールアドレス"),
    ItemChoice("生年月日"), ItemChoice("性別"), ItemChoice("勤務先・所属"), ItemChoice("役職"),
    ItemChoice("顔写真"), ItemChoice("学歴・職歴"), ItemChoice("資格"), ItemChoice("家族構成"),
    ItemChoice("口座情報"), ItemChoice("給与・賞与"), ItemChoice("購入・取引履歴"),
    ItemChoice("問い合わせ内容"), ItemChoice("ID・会員番号"),
    ItemChoice("健康診断結果", True, "健康診断・ストレスチェックの結果"),
    ItemChoice("病歴", True, "通院歴・服薬・休職理由を含む"),
    ItemChoice("障害の有無", True, "身体・知的・精神障害"),
    ItemChoice("信条", True, "思想・宗教"),
    ItemChoice("人種・社会的身分", True, "本籍地・門地など"),
    ItemChoice("犯罪歴", True, "前科・逮捕歴"),
    ItemChoice("犯罪被害の事実", True),
    ItemChoice("マイナンバー", False, "個人番号。含むと特定個人情報になります"),
]
ITEM_LABELS = [i.label for i in ITEMS]
SENSITIVE_ITEMS = frozenset(i.label for i in ITEMS if i.sensitive)
MY_NUMBER_ITEMS = frozenset({"マイナンバー", "個人番号"})
# Words that make an item (or the information's name) 要配慮個人情報 (APPI art. 2(3), 施行令2条):
# 人種・信条・社会的身分・病歴・犯罪歴・犯罪被害・心身の障害・健康診断等の結果・診療や調剤の情報・刑事手続.
SENSITIVE_WORDS = ("健康診断", "健診", "ストレスチェック", "人間ドック", "病歴", "既往歴", "病名", "傷病", "通院", "服薬",
                   "診断書", "診療", "調剤", "カルテ", "障害", "障がい", "信条", "思想", "宗教", "信仰", "人種", "民族",
                   "門地", "社会的身分", "犯罪歴", "前科", "前歴", "逮捕", "犯罪被害", "遺伝", "ゲノム", "要配慮")
# Words that mean a マイナンバー is held (特定個人情報).
MY_NUMBER_WORDS = ("マイナンバー", "個人番号", "特定個人情報", "通知カード")

# 取得方法
ACQUISITION_DIRECT_WRITTEN = "本人から書面で直接"
ACQUISITION_FROM_CLIENT = "委託元から（受託）"
ACQUISITIONS = [ACQUISITION_DIRECT_WRITTEN, "本人から書面以外（口頭・Web・電話）", "第三者から",
                "公開情報から", ACQUISITION_FROM_CLIENT]

# 媒体: stored as key
PAPER, ELECTRONIC, BOTH = "paper", "electronic", "both"
MEDIA = {PAPER: "紙", ELECTRONIC: "電子", BOTH: "紙・電子"}


def has_paper(media: str) -> bool:
    return media in (PAPER, BOTH)


def has_electronic(media: str) -> bool:
    return media in (ELECTRONIC, BOTH)


# 保管方法
PROTECTIONS = ["施錠保管", "入退室管理された区域に保管", "アクセス制限（ID・パスワード）", "暗号化",
               "バックアップ", "持出し禁止", "ウイルス対策"]

# 廃棄方法
DISPOSALS = ["シュレッダー", "溶解処理（業者委託）", "データ消去ソフト", "媒体の物理破壊",
             "ファイル削除", "委託元へ返却"]

# Life stages of the risk analysis, in order.
STAGES = {
    "acquire": "取得・入力",
    "transfer": "移送・送信",
    "use": "利用・加工",
    "store": "保管・バックアップ",
    "dispose": "消去・廃棄",
}

# The threats JIS Q 15001 asks about.
THREATS = ["漏えい", "滅失", "き損", "改ざん", "正確性の未確保", "目的外利用", "不正取得"]

# Groups of safety measures (個人情報保護委員会ガイドライン 安全管理措置).
MEASURE_GROUPS = {
    "organizational": "組織的",
    "human": "人的",
    "physical": "物理的",
    "technical": "技術的",
}

# Entry status
ACTIVE, RETIRED = "active", "retired"
STATUSES = {ACTIVE: "利用中", RETIRED: "廃止"}

# Risk scale: likelihood 1–3 chosen by the user; impact 1–3 chosen, then raised by the
# entry (要配慮・特定個人情報・件数) up to IMPACT_MAX.
LIKELIHOOD_LABELS = {1: "低い（起こりにくい）", 2: "中（起こりうる）", 3: "高い（起こりやすい）"}
IMPACT_LABELS = {1: "小", 2: "中", 3: "大", 4: "甚大", 5: "極めて甚大"}
BASE_IMPACT_MAX = 3
IMPACT_MAX = 5
LEVEL_HIGH, LEVEL_MEDIUM, LEVEL_LOW = "高", "中", "低"
