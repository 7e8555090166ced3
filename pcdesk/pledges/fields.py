"""One description per field of the register and the pledge records (pcdesk.fields).

The worker dialog, validation, the importer's header synonyms, the ledgers and the audit
trail's labels all read these, so a label or a synonym is changed here only.
"""

from __future__ import annotations

from pcdesk.fields import CHOICE, DATE, LONG_TEXT, NUMBER, REFERENCE, TEXT, FieldSpec
from pcdesk.pledges.model import EMPLOYMENTS, TEMPLATE_KINDS, WORKER_LABELS

L = WORKER_LABELS

WORKER_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("number", L["number"], TEXT, required=True, max_length=30, example="例: 0012",
              placeholder="例: 0012",
              help="社員番号がない派遣社員・常駐委託先要員は、入館証番号などの管理番号を入れてください（例: H-001）。",
              synonyms=("社員番号", "従業員番号", "従業者番号", "社員No", "社員No.", "社員NO", "従業員No", "従業員コード",
                        "社員コード", "職員番号", "社員ID", "従業員ID"),
              # Not 「No」 or 「番号」: in most lists that is the row's running number.
              exact_synonyms=("ID", "コード", "管理番号")),
    FieldSpec("name", L["name"], TEXT, required=True, max_length=100, example="例: 山田 太郎", placeholder="例: 山田 太郎",
              synonyms=("氏名", "氏名（漢字）", "氏名(漢字)", "名前", "お名前", "従業員名", "従業者名", "社員名", "職員名",
                        "漢字氏名")),
    FieldSpec("kana", L["kana"], TEXT, max_length=100, placeholder="例: ヤマダ タロウ",
              help="ひらがな・半角カナで入れてもカタカナで保存します。",
              synonyms=("フリガナ", "ふりがな", "カナ氏名", "氏名（カナ）", "氏名(カナ)", "氏名（フリガナ）",
                        "氏名(フリガナ)", "よみがな", "シメイ"),
              exact_synonyms=("カナ", "かな", "読み", "よみ")),
    FieldSpec("department_id", L["department_id"], REFERENCE, required=True, example="例: 営業部",
              help="会社の部門から選びます（部門は 設定 → 部門 で追加します）。常駐委託先要員は常駐する部門です。",
              synonyms=("所属", "部署", "部門", "所属部署", "所属部門", "部署名", "部門名", "配属先", "配属部署")),
    FieldSpec("employment", L["employment"], CHOICE, required=True, choices=tuple(EMPLOYMENTS.items()),
              synonyms=("雇用区分", "雇用形態", "社員区分", "従業員区分", "従業者区分", "雇用種別", "契約形態", "就業形態"),
              exact_synonyms=("区分", "身分", "種別", "形態")),
    FieldSpec("agency", L["agency"], TEXT, max_length=200, placeholder="例: 株式会社ひかり人材サービス",
              help="派遣社員は派遣元、出向者は出向元、常駐委託先要員は所属する会社を入れます。",
              synonyms=("派遣元", "派遣元会社", "所属会社", "出向元", "所属企業", "委託先会社"),
              exact_synonyms=("会社名", "会社", "委託先")),
    FieldSpec("joined_on", L["joined_on"], DATE, required=True, example="例: 2024年4月1日",
              synonyms=("入社日", "入社年月日", "着任日", "受入日", "受入開始日", "就業開始日", "契約開始日", "雇用開始日")),
    FieldSpec("left_on", L["left_on"], DATE,
              help="退職・契約終了の日。退職した人も名簿に残り、退職時の誓約書の取得を確かめます。",
              synonyms=("退職日", "退職年月日", "離任日", "契約終了日", "就業終了日", "雇用終了日")),
    FieldSpec("email", L["email"], TEXT, max_length=200, placeholder="例: yamada@example.co.jp",
              synonyms=("メールアドレス", "e-mail", "email", "Eメール", "社用メール"),
              exact_synonyms=("メール", "mail")),
    FieldSpec("note", L["note"], LONG_TEXT, max_length=2000, synonyms=("備考", "摘要"), exact_synonyms=("メモ",)),
)

RECORD_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("kind", "誓約書の種類", CHOICE, required=True, choices=tuple(TEMPLATE_KINDS.items())),
    FieldSpec("signed_on", "署名日", DATE, required=True, example="例: 2026年4月1日",
              help="誓約書に書かれた日付（本人が署名した日）です。"),
    FieldSpec("collected_by", "回収者", TEXT, required=True, max_length=100, example="例: 総務部 伊藤",
              help="誓約書を受け取った人です。"),
    FieldSpec("original_location", "原本の保管場所", TEXT, required=True, max_length=300,
              example="例: 総務部 施錠キャビネットA 誓約書ファイル",
              placeholder="例: 総務部 施錠キャビネットA 誓約書ファイル"),
    FieldSpec("note", "備考", LONG_TEXT, max_length=2000),
)

TEMPLATE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("title", "表題", TEXT, required=True, max_length=200, example="例: 秘密保持に関する誓約書"),
    FieldSpec("preamble", "前文", LONG_TEXT, max_length=2000),
    FieldSpec("closing", "結び", LONG_TEXT, max_length=2000),
    FieldSpec("effective_on", "改訂日", DATE, required=True),
    FieldSpec("note", "改訂の理由", TEXT, required=True, max_length=300, example="例: 私物の記録媒体の条項を追加"),
)
MAX_CLAUSES = 30
MAX_CLAUSE_TEXT = 3000

from pcdesk.pledges.preferences import RENEWAL_MONTHS, SETTINGS  # noqa: E402,F401  (read by the manifest)
