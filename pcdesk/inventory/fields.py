"""Every field of a 個人情報管理台帳 entry, described once (DOMAIN.md §1), in ledger order.

From FIELDS come the survey's questions and placeholders, the field widgets
(pcdesk.ui.fields), the Japanese messages of rules.problems, the importer's heading words
(pcdesk.tabular), the text shown on screens and in the revision history, and the audit
trail's 項目: 値 lists (InventoryEntry.__audit_fields__). SECTIONS groups them as the survey
asks them (the entry dialog shows the same sections).
"""

from __future__ import annotations

from pcdesk.fields import (BOOL, CHOICE, DATE, DATETIME, LONG_TEXT, MULTI, NUMBER, REFERENCE, TEXT, YES_NO, FieldSpec,
                           by_key)
from pcdesk.inventory.choices import ACQUISITIONS, DISPOSALS, ITEM_LABELS, MEDIA, PROTECTIONS, STATUSES, SUBJECT_KINDS
from pcdesk.inventory.classification import CATEGORIES

YES_NO_QUESTION = (("true", "はい"), ("false", "いいえ"))
DECLARED = (("", "項目から判断"), ("yes", "該当する"), ("no", "該当しない"))
MAX_COUNT = 100_000_000


def _list(values: list[str]) -> tuple[tuple[str, str], ...]:
    return tuple((v, v) for v in values)


def _count(value: object) -> str:
    """件数 as the ledger reads it: 約1,200件."""
    return f"約{value:,}件" if isinstance(value, int) and not isinstance(value, bool) else ""


ENTRY = (
    FieldSpec("number", "管理番号", TEXT, max_length=20, placeholder="例: PI-0001",
              synonyms=("管理番号", "台帳番号", "管理no", "整理番号", "情報資産番号", "資産番号", "識別番号"),
              exact_synonyms=("番号", "no", "no.", "id", "#", "連番", "項番", "通番")),
    FieldSpec("department_id", "管理部門", REFERENCE, question="どの部門の情報ですか？", required=True,
              synonyms=("部門", "部署", "所属部門", "担当部署", "担当部門", "部門名", "管理部署", "所管部署", "保有部署",
                        "主管部署", "管理部門名"),
              extra={"table": "department"}),
    FieldSpec("business_process", "業務名", TEXT, question="どの業務で使っていますか？（例: 採用活動、受注・請求）",
              placeholder="例: 採用活動、受注・請求", required=True, max_length=200, example="例: 採用活動、受注・請求",
              synonyms=("業務内容", "業務プロセス", "業務の名称", "業務分類", "利用業務", "関連業務", "業務名称"),
              exact_synonyms=("業務",)),
    FieldSpec("name", "個人情報の名称", TEXT,
              question="その情報を何と呼んでいますか？（例: 顧客名簿、応募者の履歴書、名刺）",
              placeholder="例: 顧客名簿、応募者の履歴書", required=True, max_length=200, example="例: 顧客名簿、応募者の履歴書",
              synonyms=("個人情報名", "情報の名称", "名称", "帳票名", "文書名", "情報名", "情報資産名称", "情報資産名",
                        "個人情報の種類", "個人情報名称", "台帳名", "書類名"),
              exact_synonyms=("個人情報",)),
    FieldSpec("subject_kinds", "本人の区分", MULTI, question="誰の情報ですか？（あてはまるものをすべて）", required=True,
              choices=_list(SUBJECT_KINDS), open_choices=True, example="例: 顧客、従業者",
              synonyms=("本人区分", "対象者", "対象者区分", "本人の種類", "データ主体", "情報主体", "対象者の区分"),
              exact_synonyms=("本人",)),
    FieldSpec("items", "主な項目", MULTI,
              question="どんな項目が含まれていますか？（★は要配慮個人情報。ないものは書き加えてください）",
              required=True, choices=_list(ITEM_LABELS), open_choices=True, example="例: 氏名、住所",
              synonyms=("個人情報の項目", "記載項目", "含まれる項目", "主な個人情報項目", "個人情報の内容", "情報項目",
                        "主なデータ項目", "データ項目"),
              exact_synonyms=("項目", "内容")),
    FieldSpec("sensitive_items", "要配慮個人情報の項目", MULTI,
              question="書き加えた項目のうち、病歴・信条・犯罪歴など要配慮個人情報にあたるものはどれですか？",
              placeholder="例: 介護の状況（その他の項目のうち要配慮にあたるもの）", open_choices=True,
              synonyms=("要配慮個人情報の項目", "要配慮の項目", "機微情報の項目")),
    FieldSpec("record_count", "件数（概数）", NUMBER, question="おおよそ何人分（何件）ありますか？", placeholder="例: 500",
              required=True, minimum=0, maximum=MAX_COUNT, example="例: 500", display=_count,
              synonyms=("件数", "概数", "数量", "人数", "保有件数", "おおよその件数", "件数・人数", "データ件数", "記録件数",
                        "保有数")),
    FieldSpec("acquisition", "取得方法", MULTI, question="どのようにして手に入れましたか？（あてはまるものをすべて）",
              required=True, choices=_list(ACQUISITIONS), open_choices=True,
              synonyms=("入手方法", "取得経路", "入手経路", "取得形態", "取得分類", "入手元", "取得元", "取得手段")),
    FieldSpec("purpose", "利用目的", LONG_TEXT, question="何のために使いますか？（本人に伝えている利用目的）",
              placeholder="例: 商品の発送と請求のため", required=True, max_length=2000, example="例: 商品の発送と請求のため",
              synonyms=("使用目的", "利用目的・用途", "用途", "利用の目的"), exact_synonyms=("目的",)),
    FieldSpec("media", "媒体", CHOICE, question="紙ですか、電子データですか？", required=True,
              choices=tuple(MEDIA.items()),
              synonyms=("保管媒体", "紙/電子", "記録媒体", "情報媒体", "媒体・保存先", "保存媒体", "媒体の種類"),
              exact_synonyms=("形態",)),
    FieldSpec("storage_location", "保管場所", TEXT,
              question="どこに保管していますか？（例: 人事部の書庫、社内ファイルサーバー）",
              placeholder="例: 総務部の書庫、社内ファイルサーバー", required=True, max_length=300,
              example="例: 総務部の書庫、社内ファイルサーバー",
              synonyms=("保存場所", "保管先", "保存先", "格納場所", "保管場所・保存先")),
    FieldSpec("protection", "保管方法", MULTI, question="どのように守っていますか？（あてはまるものをすべて）", required=True,
              choices=_list(PROTECTIONS), open_choices=True, example="例: 施錠保管",
              synonyms=("保存方法", "安全管理措置", "保護方法", "管理方法", "保護措置", "管理状況", "保管・管理方法")),
    FieldSpec("access_holders", "アクセス権者", TEXT, question="誰が見たり使ったりできますか？",
              placeholder="例: 人事部員と役員", required=True, max_length=300, example="例: 人事部員と役員",
              synonyms=("アクセス権限者", "取扱者", "利用者", "閲覧可能者", "取扱担当者", "アクセス可能者", "利用者範囲",
                        "取扱者範囲", "利用範囲", "アクセス権限", "取扱範囲")),
    FieldSpec("use_period", "利用期限", TEXT, question="いつまで使いますか？", placeholder="例: 退職まで、契約終了まで",
              required=True, max_length=200, example="例: 退職まで、契約終了まで",
              synonyms=("利用期間", "使用期限", "使用期間")),
    FieldSpec("retention", "保管期限", TEXT, question="いつまで保管しますか？", placeholder="例: 退職後7年、契約終了後5年",
              required=True, max_length=200, example="例: 退職後7年、契約終了後5年",
              synonyms=("保存期間", "保存期限", "保管期間")),
    FieldSpec("disposal", "廃棄方法", MULTI, question="不要になったらどのように廃棄・消去しますか？", required=True,
              choices=_list(DISPOSALS), open_choices=True, example="例: シュレッダー",
              synonyms=("消去方法", "廃棄・消去方法", "廃棄の方法"), exact_synonyms=("廃棄",)),
    FieldSpec("consigned", "委託の有無", BOOL, question="取扱いを外部に委託していますか？（発送代行、給与計算、クラウド保守など）",
              required=True, choices=YES_NO,
              synonyms=("委託の有無と委託先", "委託有無", "外部委託", "外部委託の有無"), exact_synonyms=("委託",)),
    FieldSpec("consignee", "委託先", TEXT, question="委託先はどこですか？（名称と委託内容）",
              placeholder="例: 株式会社○○運輸（商品の発送）", max_length=300, synonyms=("委託先名", "委託先の名称")),
    FieldSpec("third_party", "第三者提供の有無", BOOL, question="本人以外の第三者に提供していますか？", required=True,
              choices=YES_NO, synonyms=("第三者提供の有無と提供先", "第三者提供", "提供の有無", "提供有無"),
              exact_synonyms=("提供",)),
    FieldSpec("third_party_recipient", "提供先", TEXT, question="提供先はどこですか？（提供先と提供する項目）",
              placeholder="例: 提携保険会社（氏名・連絡先）", max_length=300, synonyms=("第三者提供先", "提供先名")),
    FieldSpec("joint_use", "共同利用の有無", BOOL, question="グループ会社などと共同利用していますか？", required=True,
              choices=YES_NO, synonyms=("共同利用",)),
    FieldSpec("joint_use_details", "共同利用の内容", LONG_TEXT, question="誰と、どの項目を共同利用していますか？",
              placeholder="例: グループ会社の○○株式会社と、氏名・連絡先・取引履歴を共同利用", max_length=2000,
              synonyms=("共同利用者", "共同利用の範囲")),
    FieldSpec("taken_out", "社外持出しの有無", BOOL, question="社外に持ち出すこと（PC・USBメモリ・書類）がありますか？",
              required=True, choices=YES_NO,
              synonyms=("持出しの有無", "社外持出し", "持出し", "持ち出し", "持出", "社外持ち出し", "持ち出しの有無")),
    FieldSpec("identifiable", "特定の個人を識別できる", BOOL,
              question="この情報から、生存する特定の個人を識別できますか？（統計や完全に匿名化したものは「いいえ」）",
              required=True, choices=YES_NO_QUESTION, synonyms=("個人情報の有無", "個人情報該当", "個人識別"),
              exact_synonyms=("個人情報",), extra={"blank_is_no": True}),  # IPA's 台帳: 「有」 or blank
    FieldSpec("organised", "検索できるよう整理されている", BOOL,
              question="名前などで検索できるよう整理されていますか？（Excel・データベース・五十音順のファイルは「はい」、"
                       "メモや未整理の書類は「いいえ」）",
              required=True, choices=YES_NO_QUESTION, synonyms=("体系的整理", "データベース化")),
    FieldSpec("held_for_client", "受託データ", BOOL,
              question="お客様（委託元）から預かって、その指示どおりに処理しているだけのデータですか？", required=True,
              choices=YES_NO_QUESTION, synonyms=("受託データ", "預託", "受託の有無"), exact_synonyms=("受託",)),
    FieldSpec("company_has_authority", "開示等に応じる権限が自社にある", BOOL,
              question="本人から開示・訂正・利用停止などを求められたとき、自社の判断で応じられますか？", required=True,
              choices=YES_NO_QUESTION,
              synonyms=("開示対象", "開示対象の有無", "開示請求対象", "開示等の対象", "保有個人データ該当")),
    FieldSpec("manager", "管理責任者", TEXT, question="この情報の管理責任者は誰ですか？", placeholder="例: 人事部長 山田太郎",
              required=True, max_length=100, example="例: 人事部長",
              synonyms=("責任者", "管理者", "情報管理責任者", "管理責任者名")),
    FieldSpec("last_reviewed_on", "最終見直し日", DATE,
              synonyms=("見直し日", "最終確認日", "最終更新日", "更新日", "登録日", "見直し年月日", "確認日")),
    FieldSpec("notes", "備考", LONG_TEXT, question="そのほか気づいたこと（任意）", max_length=4000,
              synonyms=("メモ", "特記事項", "補足")),
)
# The class and flags as a person or an old ledger states them, beside what the rules derive.
STATE = (
    FieldSpec("sensitive_declared", "要配慮個人情報の判断", CHOICE, choices=DECLARED,
              help="項目から自動で判断します。判断と違うときだけ「該当する」「該当しない」を選んでください。",
              synonyms=("要配慮個人情報", "要配慮", "機微", "機微情報", "センシティブ情報", "要配慮の有無", "要配慮個人情報の有無"),
              extra={"marks": True}),
    FieldSpec("specific_declared", "特定個人情報の判断", CHOICE, choices=DECLARED,
              help="マイナンバー（個人番号）を含むかどうかを項目から判断します。違うときだけ選んでください。",
              synonyms=("特定個人情報", "マイナンバー", "個人番号", "マイナンバーの有無", "特定個人情報の有無"),
              exact_synonyms=("特定",), extra={"marks": True}),
    FieldSpec("category", "区分", CHOICE, choices=tuple(CATEGORIES.items()),
              synonyms=("個人情報の区分", "法律上の区分", "法的区分", "個人情報区分"), exact_synonyms=("区分",)),
    FieldSpec("status", "状態", CHOICE, choices=tuple(STATUSES.items()),
              synonyms=("ステータス", "利用状況", "使用状況", "利用状態", "廃止区分"), exact_synonyms=("廃止", "状態")),
    FieldSpec("retired_on", "廃止日", DATE, synonyms=("廃止年月日", "利用終了日")),
    FieldSpec("retired_reason", "廃止理由", TEXT),
    FieldSpec("source_number", "取込元の管理番号", TEXT, max_length=60),
)
BOOKKEEPING = (
    FieldSpec("needs_review", "要確認", BOOL, choices=YES_NO_QUESTION),
    FieldSpec("is_sensitive", "要配慮個人情報", BOOL, choices=YES_NO_QUESTION),
    FieldSpec("is_specific", "特定個人情報", BOOL, choices=YES_NO_QUESTION),
    FieldSpec("revision", "版", NUMBER),
    FieldSpec("reviewed_by", "見直し者", TEXT),
    FieldSpec("created_at", "登録日時", DATETIME),
    FieldSpec("updated_at", "更新日時", DATETIME, audited=False),  # changes with every change: not news
)
# 要確認: the fields a person still has to fill in (their keys, shown as labels).
MISSING = FieldSpec("missing_fields", "未入力の項目", MULTI, choices=tuple((f.key, f.label) for f in ENTRY))
FIELDS: tuple[FieldSpec, ...] = ENTRY + STATE + BOOKKEEPING[:1] + (MISSING,) + BOOKKEEPING[1:]
SPECS = by_key(FIELDS)
ENTRY_KEYS = tuple(f.key for f in ENTRY)
LABELS = {f.key: f.label for f in FIELDS}

# What a column of an imported workbook can feed (the entry's own fields, the stated class and state).
IMPORT_FIELDS: tuple[FieldSpec, ...] = ENTRY + STATE[:5]

# The survey's sections, in order: (step id, title, fields). The entry dialog shows the same.
SECTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("department", "部門と業務", ("department_id", "business_process")),
    ("identity", "情報の名称と本人", ("name", "identifiable", "subject_kinds")),
    ("items", "項目", ("items", "sensitive_items")),
    ("acquisition", "件数と取得方法", ("record_count", "acquisition")),
    ("purpose", "利用目的", ("purpose",)),
    ("storage", "媒体と保管", ("media", "storage_location", "protection", "organised", "taken_out")),
    ("access", "アクセスと期間", ("access_holders", "manager", "use_period", "retention")),
    ("disposal", "廃棄", ("disposal",)),
    ("sharing", "委託・提供・共同利用", ("consigned", "third_party", "joint_use")),
    ("sharing_details", "委託先・提供先", ("consignee", "third_party_recipient", "joint_use_details")),
    ("client", "受託かどうか", ("held_for_client",)),
    ("authority", "開示等の権限", ("company_has_authority",)),
    ("confirm", "確認", ("notes",)),
)
STEP_TITLES = {step: title for step, title, _ in SECTIONS}
STEP_FIELDS = {step: keys for step, _, keys in SECTIONS}

# The revision history and the survey draft hold entry values too: their audit lists read the same.
REVISION_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("entry_id", "台帳", REFERENCE, extra={"table": "inventory_entry"}),
    FieldSpec("revision", "版", NUMBER),
    FieldSpec("reason", "変更理由", TEXT),
    FieldSpec("changed_by", "変更者", TEXT),
    FieldSpec("changed_by_id", "変更者ID", REFERENCE, audited=False),
    FieldSpec("changed_at", "変更日時", DATETIME),
    FieldSpec("snapshot", "内容", LONG_TEXT, extra={"fields": "pcdesk.inventory.fields:FIELDS"}),
)
DRAFT_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("title", "表題", TEXT),
    FieldSpec("department_id", "部門", REFERENCE, extra={"table": "department"}),
    FieldSpec("entry_id", "台帳", REFERENCE, extra={"table": "inventory_entry"}),
    FieldSpec("answers", "回答", LONG_TEXT, extra={"fields": "pcdesk.inventory.fields:FIELDS"}),
    FieldSpec("history", "進んだ手順", MULTI, choices=tuple(STEP_TITLES.items())),
    FieldSpec("created_by", "作成者", TEXT),
    FieldSpec("created_by_id", "作成者ID", REFERENCE, audited=False),
    FieldSpec("updated_at", "更新日時", DATETIME, audited=False),  # changes with every change: not news
)


def _measure_choices() -> tuple[tuple[str, str], ...]:
    from pcdesk.inventory.catalogue import MEASURES

    return tuple((m.key, m.label) for m in MEASURES)


def _risk_fields() -> tuple[FieldSpec, ...]:
    from pcdesk.inventory.catalogue import ANY, CONDITIONS, ELECTRONIC_MEDIA, PAPER_MEDIA
    from pcdesk.inventory.choices import MEASURE_GROUPS, STAGES

    scopes = ((ANY, "紙・電子とも"), (PAPER_MEDIA, "紙があるとき"), (ELECTRONIC_MEDIA, "電子データがあるとき"))
    measures = _measure_choices()
    risk = (
        FieldSpec("entry_id", "台帳", REFERENCE, extra={"table": "inventory_entry"}),
        FieldSpec("stage", "段階", CHOICE, choices=tuple(STAGES.items())),
        FieldSpec("risk_key", "リスク番号", TEXT, audited=False),
        FieldSpec("label", "リスク", TEXT),
        FieldSpec("threat", "脅威", TEXT),
        FieldSpec("likelihood", "発生可能性", NUMBER),
        FieldSpec("base_impact", "影響度（評価）", NUMBER),
        FieldSpec("impact", "影響度", NUMBER),
        FieldSpec("score", "スコア", NUMBER),
        FieldSpec("level", "レベル", TEXT),
        FieldSpec("measures", "対策", MULTI, choices=measures, open_choices=True),
        FieldSpec("measure_notes", "対策の補足", LONG_TEXT),
        FieldSpec("residual_likelihood", "残留発生可能性", NUMBER),
        FieldSpec("residual_impact", "残留影響度", NUMBER),
        FieldSpec("residual_score", "残留スコア", NUMBER),
        FieldSpec("residual_level", "残留リスク", TEXT),
        FieldSpec("accepted_by", "承認者", TEXT),
        FieldSpec("accepted_by_id", "承認者ID", REFERENCE, audited=False),
        FieldSpec("accepted_at", "承認日時", DATETIME),
        FieldSpec("sort_order", "表示順", NUMBER, audited=False),
        FieldSpec("updated_at", "更新日時", DATETIME, audited=False),  # changes with every change: not news
    )
    catalogue = (
        FieldSpec("kind", "種類", CHOICE, choices=(("risk", "リスク"), ("measure", "対策"))),
        FieldSpec("key", "番号", TEXT, audited=False),
        FieldSpec("label", "名称", TEXT),
        FieldSpec("group", "対策の分類", CHOICE, choices=tuple(MEASURE_GROUPS.items())),
        FieldSpec("threat", "脅威", TEXT),
        FieldSpec("stage", "段階", CHOICE, choices=tuple(STAGES.items())),
        FieldSpec("media", "媒体", CHOICE, choices=scopes),
        FieldSpec("condition", "条件", CHOICE, choices=tuple(CONDITIONS.items())),
        FieldSpec("likelihood", "発生可能性", NUMBER),
        FieldSpec("impact", "影響度", NUMBER),
        FieldSpec("measures", "対策", MULTI, choices=measures, open_choices=True),
        FieldSpec("active", "使用", BOOL, choices=(("true", "使う"), ("false", "使わない"))),
    )
    return risk, catalogue


# The risk analysis rows and the catalogue edits read the same way in the audit trail.
RISK_FIELDS, CATALOGUE_FIELDS = _risk_fields()
