"""Every field of the take-out feature, described once (pcdesk.fields.FieldSpec).

The stored values of each choice are the constants below; the labels are what every
screen, ledger, the printed form and the audit trail show. The model takes its column
labels from here, the wizard its questions, the service its checks.
"""

from __future__ import annotations

from pcdesk.fields import BOOL, CHOICE, DATE, DATETIME, LONG_TEXT, MULTI, NUMBER, FieldSpec, by_key

# -- assets (持出し資産) ------------------------------------------------------------------

PC, USB, DISK, PHONE, PAPER = "pc", "usb", "disk", "phone", "paper"
ASSET_KINDS = ((PC, "ノートPC"), (USB, "USBメモリ"), (DISK, "外付けディスク"), (PHONE, "スマートフォン"),
               (PAPER, "紙の書類・ファイル"))
# 資産番号 suggested for a new asset of each kind: PC-001, USB-001, …
NUMBER_PREFIXES = {PC: "PC", USB: "USB", DISK: "HDD", PHONE: "SP", PAPER: "DOC"}
ELECTRONIC = frozenset({PC, USB, DISK, PHONE})  # paper cannot be encrypted

IN_OFFICE, OUT, LOST, DISPOSED = "in_office", "out", "lost", "disposed"
ASSET_STATUSES = ((IN_OFFICE, "社内"), (OUT, "持出中"), (LOST, "紛失"), (DISPOSED, "廃棄"))

ASSET_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("number", "資産番号", required=True, max_length=30, placeholder="例: PC-001",
              help="会社で付けている管理番号。空欄なら種類に応じて自動で付けます。"),
    FieldSpec("kind", "種類", CHOICE, required=True, choices=ASSET_KINDS),
    FieldSpec("model", "機種・名称", max_length=100, placeholder="例: ThinkPad X1 Carbon / 顧客ファイル（営業1課）"),
    FieldSpec("serial", "製造番号", max_length=100, placeholder="例: PF3ABC12"),
    FieldSpec("encrypted", "暗号化", BOOL, choices=(("true", "あり"), ("false", "なし")),
              help="暗号化していない電子媒体には、個人情報を入れて持ち出せません。"),
    FieldSpec("encryption_method", "暗号化の方式", max_length=100, placeholder="例: BitLocker、ハードウェア暗号化",
              example="例: BitLocker"),
    FieldSpec("department_id", "管理部門"),
    FieldSpec("owner", "使用者", max_length=100, placeholder="例: 佐藤 太郎（空欄なら部門の共用）"),
    FieldSpec("status", "状態", CHOICE, choices=ASSET_STATUSES),
    FieldSpec("notes", "備考", LONG_TEXT, max_length=1000),
)

# -- applications (持出し申請) -------------------------------------------------------------

DRAFT, SUBMITTED, APPROVED, SENT_BACK, REJECTED, WITHDRAWN, TAKEN_OUT, RETURNED = (
    "draft", "submitted", "approved", "sent_back", "rejected", "withdrawn", "out", "returned")
STATES = ((DRAFT, "下書き"), (SUBMITTED, "申請中"), (APPROVED, "承認"), (SENT_BACK, "差戻し"),
          (REJECTED, "却下"), (WITHDRAWN, "取下げ"), (TAKEN_OUT, "持出中"), (RETURNED, "返却済"))
STATE_LABELS = dict(STATES)
# The moves between states (rules.ACTIONS): 「承認できません」「差戻しの理由」.
ACTION_NAMES = {"submit": "申請", "approve": "承認", "send_back": "差戻し", "reject": "却下", "withdraw": "取下げ",
                "take_out": "持出し", "confirm_return": "返却確認", "close": "終了"}

INTERNAL, CUSTOMER, SUPPLIER, OTHER = "internal", "customer", "supplier", "other"
PURPOSE_KINDS = ((INTERNAL, "社内（在宅勤務・社内の別拠点など）"), (CUSTOMER, "社外: 客先"),
                 (SUPPLIER, "社外: 仕入先"), (OTHER, "社外: その他"))
PURPOSE_SHORT = {INTERNAL: "社内", CUSTOMER: "客先", SUPPLIER: "仕入先", OTHER: "社外（その他）"}

PER_TRIP, STANDING = "per_trip", "standing"
APPROVAL_KINDS = ((PER_TRIP, "都度承認（今回の持出し1回）"), (STANDING, "包括承認（期間内の定型的な持出し）"))
APPROVAL_SHORT = {PER_TRIP: "都度", STANDING: "包括"}

ENCRYPTION, PASSWORD, PRIVACY_FILTER, VIRUS_CHECK = "encryption", "password", "privacy_filter", "virus_check"
MEASURES = ((ENCRYPTION, "暗号化"), (PASSWORD, "パスワード設定（画面ロック）"),
            (PRIVACY_FILTER, "のぞき見防止フィルター"), (VIRUS_CHECK, "持出し前のウイルスチェック"))

APPLICATION_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("number", "申請番号"),
    FieldSpec("applied_on", "申請日", DATE),
    FieldSpec("applicant_name", "申請者", required=True, max_length=100, question="誰が持ち出しますか？",
              example="例: 佐藤 太郎"),
    FieldSpec("applicant_department", "所属", max_length=100, question="申請者の所属"),
    FieldSpec("asset_ids", "持出し物", MULTI, required=True, question="何を持ち出しますか？（登録された資産から選びます）",
              example="例: PC-001"),
    FieldSpec("information", "持出し情報", LONG_TEXT, required=True, max_length=2000,
              question="どんな情報を持ち出しますか？", placeholder="例: 提案書の資料一式、A社の打合せ記録",
              example="例: 提案書の資料一式"),
    FieldSpec("held_records", "台帳の個人情報", MULTI, question="個人情報管理台帳のどの情報が含まれますか？（あれば）"),
    FieldSpec("contains_personal", "個人情報", BOOL, question="持ち出す情報に個人情報が含まれますか？"),
    FieldSpec("personal_count", "個人情報の件数", NUMBER, minimum=0, maximum=100_000_000,
              question="何人分（何件）ですか？（おおよそ）", example="例: 120"),
    FieldSpec("purpose_kind", "目的の区分", CHOICE, required=True, choices=PURPOSE_KINDS,
              question="社内の用務ですか、社外ですか？"),
    FieldSpec("purpose", "目的", LONG_TEXT, required=True, max_length=500, question="何のために持ち出しますか？",
              placeholder="例: A社での新システムの提案", example="例: A社での新システムの提案"),
    FieldSpec("destination", "持出し先", required=True, max_length=200, question="どこへ持ち出しますか？",
              placeholder="例: 株式会社A 本社（東京都港区）", example="例: 株式会社A 本社"),
    FieldSpec("approval_kind", "承認の種類", CHOICE, required=True, choices=APPROVAL_KINDS,
              question="今回だけの持出しですか、期間内に繰り返す定型的な持出しですか？"),
    FieldSpec("out_at", "持出し日時", DATETIME, required=True, question="いつ持ち出しますか？"),
    FieldSpec("return_due", "返却予定日", DATE, required=True, question="いつ返却しますか？"),
    FieldSpec("measures", "セキュリティ対策", MULTI, choices=MEASURES, question="どの対策をしますか？（すべて）"),
    FieldSpec("pledge_accepted", "誓約", BOOL, question="誓約事項を読み、守ることを誓約しますか？"),
    FieldSpec("notes", "備考", LONG_TEXT, max_length=1000),
)
APPLICATION = by_key(APPLICATION_FIELDS)

# -- the return (返却の確認) ----------------------------------------------------------------

RETURN_OK, RETURN_PROBLEM = "ok", "lost_damaged"
RETURN_CONDITIONS = ((RETURN_OK, "異常なし"), (RETURN_PROBLEM, "紛失・破損"))

RETURN_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("returned_at", "返却日時", DATETIME),
    FieldSpec("condition", "返却時の状態", CHOICE, required=True, choices=RETURN_CONDITIONS),
    FieldSpec("condition_note", "状態の説明", LONG_TEXT, max_length=1000,
              example="例: 客先からの帰りに電車内で紛失。警察に届出済み"),
    FieldSpec("virus_checked", "返却後のウイルスチェック", BOOL),
    FieldSpec("copies_deleted", "複製・一時ファイルの消去", BOOL),
    FieldSpec("lost_asset_ids", "紛失した資産", MULTI),
)
RETURN = by_key(RETURN_FIELDS)


def label(choices: tuple[tuple[str, str], ...], value: str | None) -> str:
    return dict(choices).get(value or "", value or "")
