"""Every answer the policy wizard asks, described once (pcdesk.fields.FieldSpec).

The wizard's questions, the completeness check's labels (「代表者の氏名: 入力してください」),
the validation of lengths and the audit trail's labels all come from here. Two answers
are lists of rows rather than fields: ``purposes`` (本人の区分, 利用目的) and
``abroad_countries`` (国, 制度, 措置); their labels are here too.
"""

from __future__ import annotations

from pcdesk.fields import BOOL, DATE, LONG_TEXT, NUMBER, TEXT, FieldSpec, by_key

SHORT = 200
LONG = 4000
ROWS = "rows"  # extra["rows"]: the columns of a list answer

FIELDS: tuple[FieldSpec, ...] = (
    # -- 事業者 ----------------------------------------------------------------------------
    FieldSpec("company_name", "事業者の名称", TEXT, "会社の正式な名称", max_length=SHORT, example="株式会社さくらデータサービス"),
    FieldSpec("postal_code", "郵便番号", TEXT, "本店の郵便番号", max_length=10, example="101-0054"),
    FieldSpec("address", "住所", TEXT, "本店の所在地", max_length=300, example="東京都千代田区神田錦町三丁目1番1号"),
    FieldSpec("representative", "代表者の氏名", TEXT, "代表者の役職と氏名", max_length=SHORT,
              example="代表取締役 佐藤 太郎"),
    FieldSpec("pms_manager", "個人情報保護管理者", TEXT, "個人情報保護管理者の役職と氏名（任意）", max_length=SHORT,
              example="取締役 鈴木 花子"),
    # -- 個人情報保護方針 ------------------------------------------------------------------
    FieldSpec("philosophy", "理念（方針の前文）", LONG_TEXT, "個人情報の保護について、会社の考えを自分の言葉で書いてください。",
              max_length=LONG, example="お客様からお預かりした情報を大切に扱うことが、当社の信頼の基盤です。"),
    FieldSpec("established_on", "制定日", DATE, "個人情報保護方針を最初に定めた日", example="2024年4月1日"),
    FieldSpec("extra_commitments", "当社独自の取組み", LONG_TEXT, "方針に加えたい取組み（任意、1行に1つ）",
              max_length=LONG),
    # -- 窓口（方針の問合せ先・苦情の申出先・開示等の受付） --------------------------------------
    FieldSpec("contact_name", "苦情・相談の窓口", TEXT, "苦情・相談と開示等の請求を受け付ける窓口の名前", max_length=SHORT,
              example="個人情報お問合せ窓口（総務部）"),
    FieldSpec("contact_address", "窓口の所在地", TEXT, "窓口の郵便番号と所在地（本店と同じなら本店の住所）", max_length=300),
    FieldSpec("contact_phone", "窓口の電話番号", TEXT, "", max_length=30, example="03-1234-5678"),
    FieldSpec("contact_email", "窓口のメールアドレス", TEXT, "", max_length=SHORT, example="privacy@example.co.jp"),
    FieldSpec("contact_hours", "受付時間", TEXT, "窓口の受付時間（任意）", max_length=SHORT,
              example="平日 9:00〜17:00（土日祝日・年末年始を除く）"),
    # -- 利用目的 --------------------------------------------------------------------------
    FieldSpec("purposes", "保有個人データの利用目的", TEXT, "本人の区分ごとの利用目的",
              extra={ROWS: (("subject", "本人の区分"), ("purpose", "利用目的"))}),
    # -- 該当する事項 ----------------------------------------------------------------------
    FieldSpec("joint_use", "共同利用", BOOL, "グループ会社などと個人データを共同利用していますか？"),
    FieldSpec("third_party", "第三者提供", BOOL, "本人の同意を得て、個人データを第三者に提供していますか？"),
    FieldSpec("consignment", "委託", BOOL, "個人情報の取扱いを外部に委託していますか？（発送、給与計算、クラウドなど）"),
    FieldSpec("abroad", "外国にある第三者への提供", BOOL,
              "外国にある第三者に個人データを提供していますか？（外国の事業者のクラウドへの保管を含む）"),
    FieldSpec("cookies", "Cookie・アクセス解析", BOOL, "ウェブサイトで Cookie やアクセス解析ツールを使っていますか？"),
    FieldSpec("sensitive", "要配慮個人情報", BOOL, "病歴・健康診断の結果など、要配慮個人情報を取り扱っていますか？"),
    FieldSpec("specific", "特定個人情報（マイナンバー）", BOOL, "マイナンバーを取り扱っていますか？"),
    # -- 共同利用（法第27条第5項第3号の4つの事項） --------------------------------------------------
    FieldSpec("joint_items", "共同して利用される個人データの項目", LONG_TEXT, "", max_length=LONG,
              example="氏名、住所、電話番号、メールアドレス、取引履歴"),
    FieldSpec("joint_scope", "共同して利用する者の範囲", LONG_TEXT, "", max_length=LONG,
              example="当社及び株式会社さくらリース"),
    FieldSpec("joint_purpose", "共同して利用する者の利用目的", LONG_TEXT, "", max_length=LONG,
              example="グループ各社の商品・サービスのご案内のため"),
    FieldSpec("joint_manager", "管理について責任を有する者の名称", TEXT, "", max_length=SHORT, example="株式会社さくらデータサービス"),
    FieldSpec("joint_manager_address", "管理について責任を有する者の住所", TEXT, "", max_length=300),
    FieldSpec("joint_manager_representative", "管理について責任を有する者の代表者", TEXT, "", max_length=SHORT,
              example="代表取締役 佐藤 太郎"),
    # -- 第三者提供・委託 -------------------------------------------------------------------
    FieldSpec("third_party_details", "第三者提供の内容", LONG_TEXT, "提供先と提供する場合（1行に1つ）", max_length=LONG,
              example="販売代理店に、製品のご案内のため、氏名・連絡先を提供する場合"),
    FieldSpec("consignment_details", "委託する業務", LONG_TEXT, "主な委託業務（1行に1つ）", max_length=LONG,
              example="商品の発送業務"),
    # -- 外国 -------------------------------------------------------------------------------
    FieldSpec("abroad_countries", "提供先の国", TEXT, "国ごとに、その国の制度と提供先が講ずる措置",
              extra={ROWS: (("country", "国名"), ("regime", "その国の個人情報の保護に関する制度"),
                            ("measures", "提供先が講ずる措置"))}),
    # -- Cookie ---------------------------------------------------------------------------
    FieldSpec("cookie_tools", "利用しているツール", TEXT, "", max_length=SHORT, example="Google アナリティクス"),
    FieldSpec("cookie_purpose", "Cookie で取得する情報と利用目的", LONG_TEXT, "", max_length=LONG),
    FieldSpec("cookie_optout", "Cookie を無効にする方法", LONG_TEXT, "", max_length=LONG),
    # -- 要配慮・特定個人情報 -----------------------------------------------------------------
    FieldSpec("sensitive_details", "取り扱う要配慮個人情報", LONG_TEXT, "情報と目的（1行に1つ）", max_length=LONG,
              example="従業者の健康診断の結果（労働安全衛生法に基づく健康管理のため）"),
    FieldSpec("specific_uses", "個人番号を利用する事務", LONG_TEXT, "1行に1つ", max_length=LONG,
              example="源泉徴収票の作成など、税に関する事務"),
    # -- 開示等の請求 ----------------------------------------------------------------------
    FieldSpec("request_address", "請求書の送付先", LONG_TEXT, "窓口と違う宛先で受け付けるときだけ（任意）", max_length=LONG),
    FieldSpec("request_method", "開示等の請求の方法", LONG_TEXT, "", max_length=LONG),
    FieldSpec("identity_check", "本人確認の方法", LONG_TEXT, "", max_length=LONG),
    FieldSpec("agent_documents", "代理人による請求", LONG_TEXT, "代理人が請求するときに必要な書類（任意）", max_length=LONG),
    FieldSpec("fee_amount", "開示等の手数料", NUMBER, "利用目的の通知と開示の請求1件あたりの手数料（無料なら 0）",
              minimum=0, maximum=100_000, example="1000（無料なら 0）"),
    FieldSpec("fee_method", "手数料の支払方法", TEXT, "", max_length=300, example="郵便定額小為替を請求書に同封してください。"),
    # -- 安全管理措置（法第32条第1項第4号・施行令第10条第1号） ----------------------------------------
    FieldSpec("security_basic", "基本方針の策定", LONG_TEXT, "", max_length=LONG),
    FieldSpec("security_rules", "個人データの取扱いに係る規律の整備", LONG_TEXT, "", max_length=LONG),
    FieldSpec("security_organizational", "組織的安全管理措置", LONG_TEXT, "", max_length=LONG),
    FieldSpec("security_human", "人的安全管理措置", LONG_TEXT, "", max_length=LONG),
    FieldSpec("security_physical", "物理的安全管理措置", LONG_TEXT, "", max_length=LONG),
    FieldSpec("security_technical", "技術的安全管理措置", LONG_TEXT, "", max_length=LONG),
    FieldSpec("security_environment", "外的環境の把握", LONG_TEXT, "外国で個人データを取り扱うとき、その国の制度を把握していること",
              max_length=LONG),
    # -- 認定個人情報保護団体 ------------------------------------------------------------------
    FieldSpec("association_member", "認定個人情報保護団体の対象事業者", BOOL,
              "認定個人情報保護団体の対象事業者ですか？（プライバシーマーク付与事業者は JIPDEC の対象事業者になれます）"),
    FieldSpec("association_name", "認定個人情報保護団体の名称", TEXT, "", max_length=SHORT,
              example="一般財団法人日本情報経済社会推進協会"),
    FieldSpec("association_contact", "認定個人情報保護団体の苦情の解決の申出先", LONG_TEXT, "窓口の名称、住所、電話番号",
              max_length=LONG),
)

SPECS = by_key(FIELDS)
SECTION_FLAGS = ("joint_use", "third_party", "consignment", "abroad", "cookies", "sensitive", "specific")
SECURITY_GROUPS = ("basic", "rules", "organizational", "human", "physical", "technical", "environment")
LIST_ANSWERS = ("purposes", "abroad_countries")


def label(key: str) -> str:
    return SPECS[key].label


def row_columns(key: str) -> tuple[tuple[str, str], ...]:
    return SPECS[key].extra[ROWS]
