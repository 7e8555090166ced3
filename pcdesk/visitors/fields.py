"""Each field of a visit described once: the kiosk's questions, limits, the list's columns and
the audit labels come from here (pcdesk.fields), and the feature's settings."""

from __future__ import annotations

from pcdesk.fields import CHOICE, DATETIME, LONG_TEXT, NUMBER, REFERENCE, TEXT, FieldSpec, by_key

# 用件 offered as buttons on the kiosk; anything else is typed under 「その他」.
PURPOSES: tuple[tuple[str, str], ...] = (
    ("打合せ", "打合せ"),
    ("納品・集荷", "納品・集荷"),
    ("保守・点検", "保守・点検"),
    ("面接", "面接"),
    ("見学", "見学"),
)

FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("entered_at", "入室時刻", DATETIME, required=True),
    FieldSpec("left_at", "退室時刻", DATETIME),
    FieldSpec("name", "氏名", TEXT, question="お名前をご入力ください", placeholder="例: 山田 太郎",
              required=True, max_length=50, example="例: 山田 太郎"),
    FieldSpec("company", "会社名", TEXT, question="会社名（団体名）をご入力ください",
              placeholder="例: 株式会社さくら商事（個人の方は空欄）", max_length=100,
              help="個人でお越しの方は空欄のままお進みください。"),
    FieldSpec("party_size", "人数", NUMBER, question="ご一緒の方を含めた人数", required=True,
              minimum=1, maximum=50, example="例: 2"),
    FieldSpec("purpose", "用件", CHOICE, question="ご用件をお選びください", choices=PURPOSES, open_choices=True,
              required=True, max_length=50, example="例: 打合せ"),
    FieldSpec("host_name", "面会者", REFERENCE, question="面会される方（当社の担当者）",
              placeholder="名前の一部を入力すると絞り込めます", required=True, max_length=100),
    FieldSpec("areas", "立入区域", TEXT, max_length=100, example="例: 受付・応接室"),
    FieldSpec("pass_number", "入館証番号", TEXT, max_length=20),
    FieldSpec("received_by", "受付者", TEXT, max_length=100),
    FieldSpec("notes", "備考", LONG_TEXT, max_length=1000),
)
FIELD = by_key(FIELDS)

# What a visitor types at the kiosk (the rest is stamped or filled in by the administrator).
KIOSK_FIELDS = ("name", "company", "party_size", "purpose", "host_name")
# What an administrator may correct (times go through their own checks in the service).
CORRECTABLE = ("entered_at", "left_at", "name", "company", "party_size", "purpose", "host_name", "areas",
               "received_by", "notes")

RETENTION_KEY = "visitors.retention_years"
CLOSING_HOUR_KEY = "visitors.closing_hour"
DEFAULT_AREA_KEY = "visitors.default_area"
MIN_RETENTION_YEARS = 2  # the Privacy Mark's renewal cycle: an examiner reads the last two years
MAX_RETENTION_YEARS = 10

SETTINGS: tuple[FieldSpec, ...] = (
    FieldSpec(RETENTION_KEY, "外来者入退室記録の保存期間（年）", NUMBER, required=True,
              minimum=MIN_RETENTION_YEARS, maximum=MAX_RETENTION_YEARS, default=3,
              help="プライバシーマークの更新審査（2年ごと）で確認されるため、2年より短くはできません。"),
    FieldSpec(CLOSING_HOUR_KEY, "入館証を照合する時刻（時）", NUMBER, required=True, minimum=0, maximum=23,
              default=17, help="この時刻を過ぎると、返却されていない入館証と館内の来訪者をホームに表示します。"),
    FieldSpec(DEFAULT_AREA_KEY, "受付端末で記録する立入区域", TEXT, max_length=100, default="受付・応接室",
              help="来訪者は入力しません。別の区域に案内したときは管理画面で訂正します。"),
)
