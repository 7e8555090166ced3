"""The built-in catalogues of risks and safety measures.

A risk template names one thing that can go wrong at one life stage, the weakness that
lets it happen (脆弱性), when it applies (媒体 and a condition on the survey answers) and
which measures usually answer it. A measure, too, applies only where it makes sense (媒体,
and e.g. 持出し申請 only when information is taken out). The suggestions of the risk
analysis come only from these tables (see pcdesk.inventory.risk), so a reviewer reads the
whole logic here; ANSWER_MEASURES says which measures the survey's answers show are
already in place (現状の対策), the others are proposed as 追加対策.

The catalogues are editable: `CatalogueItem` rows (pcdesk.inventory.model) override a
built-in item by key (new label, hidden) or add the company's own items; merging is
done by `merge_risks` / `merge_measures`, editing by the service.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable

# Conditions a risk template may require of the entry, evaluated in risk.conditions().
ANY, PAPER_MEDIA, ELECTRONIC_MEDIA = "any", "paper", "electronic"
CONDITIONS = {
    "always": "常に",
    "sensitive": "要配慮個人情報・特定個人情報を含む",
    "direct_written": "本人から書面で直接取得",
    "taken_out": "社外への持出しあり",
    "consigned": "委託あり",
    "third_party": "第三者提供あり",
    "joint_use": "共同利用あり",
    "large": "1,000件以上",
}


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    group: str  # key of choices.MEASURE_GROUPS
    media: str = ANY  # paper | electronic | any: whether it makes sense for the entry's 媒体
    builtin: bool = True
    active: bool = True
    condition: str = "always"  # key of CONDITIONS: 持出し申請 only for what is taken out


@dataclass(frozen=True)
class RiskTemplate:
    key: str
    label: str  # the scenario, one short Japanese phrase
    threat: str  # one of choices.THREATS
    stage: str  # key of choices.STAGES
    media: str = ANY
    condition: str = "always"  # key of CONDITIONS
    likelihood: int = 1  # suggested, 1–3
    impact: int = 1  # suggested base impact, 1–3 (raised per entry by risk.impact_raise)
    measures: tuple[str, ...] = ()
    builtin: bool = True
    active: bool = True
    vulnerability: str = ""  # 脆弱性: the weakness that lets it happen


MEASURES: list[Measure] = [
    Measure("rules", "取扱規程・手順書の整備", "organizational"),
    Measure("purpose_notice", "利用目的の明示（書面への記載）", "organizational"),
    Measure("consent", "本人同意の取得と記録", "organizational"),
    Measure("double_check", "入力・送付時のダブルチェック", "organizational"),
    Measure("ledger_review", "台帳の定期見直し・保管期限の管理", "organizational"),
    Measure("takeout_approval", "持出し申請・承認", "organizational", condition="taken_out"),
    Measure("consignee_eval", "委託先評価・委託契約（安全管理措置の明記）", "organizational", condition="consigned"),
    Measure("provision_record", "第三者提供の記録と確認", "organizational", condition="third_party"),
    Measure("disposal_record", "廃棄記録・廃棄証明書の保管", "organizational"),
    Measure("pledge", "従業者の誓約書", "human"),
    Measure("education", "従業者教育（年1回以上）", "human"),
    Measure("locked_storage", "施錠できるキャビネットで保管", "physical", PAPER_MEDIA),
    Measure("area_control", "入退室管理（保管区域の限定）", "physical"),
    Measure("clear_desk", "クリアデスク（離席時に書類を放置しない）", "physical", PAPER_MEDIA),
    Measure("postal", "封をした封筒・簡易書留など追跡できる方法での送付", "physical", PAPER_MEDIA),
    Measure("safe_carrying", "施錠できる鞄での持ち運び・常に身につける", "physical", condition="taken_out"),
    Measure("shredding", "シュレッダー・溶解処理", "physical", PAPER_MEDIA),
    Measure("access_control", "アクセス権限の設定（必要な人だけ）", "technical", ELECTRONIC_MEDIA),
    Measure("authentication", "ID・パスワードによる識別と認証", "technical", ELECTRONIC_MEDIA),
    Measure("encryption", "ファイル・通信・媒体の暗号化", "technical", ELECTRONIC_MEDIA),
    Measure("mail_check", "メール誤送信防止（宛先確認・添付の暗号化）", "technical", ELECTRONIC_MEDIA),
    Measure("malware", "ウイルス対策・ソフトウェア更新", "technical", ELECTRONIC_MEDIA),
    Measure("backup", "定期バックアップと復元確認", "technical", ELECTRONIC_MEDIA),
    Measure("logging", "アクセスログの取得と確認", "technical", ELECTRONIC_MEDIA),
    Measure("data_erasure", "データ消去ソフト・物理破壊による消去", "technical", ELECTRONIC_MEDIA),
]

R = RiskTemplate
RISKS: list[RiskTemplate] = [
    # 取得・入力
    R("acq_input_error", "取得時の誤記入・誤入力", "正確性の未確保", "acquire", ANY, "always", 2, 1,
      ("double_check", "rules"), vulnerability="入力した内容を確かめる手順がない"),
    R("acq_no_purpose", "利用目的を明示しないままの取得", "不正取得", "acquire", ANY, "direct_written", 1, 1,
      ("purpose_notice", "rules"), vulnerability="申込書などの書面に利用目的を書いていない"),
    R("acq_no_consent", "本人の同意のない要配慮個人情報の取得", "不正取得", "acquire", ANY, "sensitive", 1, 2,
      ("consent", "rules", "education"), vulnerability="取得の前に本人の同意を確かめる手順がない"),
    R("acq_form_lost", "受け取った書類の紛失", "漏えい", "acquire", PAPER_MEDIA, "always", 1, 2,
      ("clear_desk", "rules"), vulnerability="受け取った書類の置き場所が決まっていない"),
    # 移送・送信
    R("tr_missend", "メール・FAXの誤送信による漏えい", "漏えい", "transfer", ELECTRONIC_MEDIA, "always", 2, 2,
      ("mail_check", "encryption", "double_check"), vulnerability="宛先を確かめずに送信できる"),
    R("tr_carry_loss", "郵送・受け渡し中の紛失・誤配", "漏えい", "transfer", PAPER_MEDIA, "always", 1, 2,
      ("postal", "double_check"), vulnerability="送り方と宛先の確認方法が決まっていない"),
    R("tr_takeout_loss", "社外に持ち出したPC・書類・媒体の紛失", "漏えい", "transfer", ANY, "taken_out", 2, 3,
      ("takeout_approval", "encryption", "safe_carrying", "education"),
      vulnerability="持ち出す機器・書類の扱いが本人任せになっている"),
    R("tr_consignee", "委託先への受け渡し時の漏えい", "漏えい", "transfer", ANY, "consigned", 1, 2,
      ("consignee_eval", "encryption", "postal"), vulnerability="受け渡しの方法と記録が決まっていない"),
    R("tr_wrong_provision", "提供先の誤り・同意のない第三者提供", "目的外利用", "transfer", ANY, "third_party", 1, 2,
      ("provision_record", "consent", "double_check"), vulnerability="提供先と本人の同意を確かめる手順がない"),
    R("tr_joint_use", "共同利用の範囲を超えた提供", "目的外利用", "transfer", ANY, "joint_use", 1, 2,
      ("rules", "provision_record"), vulnerability="共同利用できる範囲が社内に知らされていない"),
    # 利用・加工
    R("use_peek", "権限のない者による閲覧", "漏えい", "use", ANY, "always", 2, 2,
      ("access_control", "authentication", "clear_desk", "pledge"),
      vulnerability="誰でも見られる場所・権限設定になっている"),
    R("use_purpose", "利用目的を超えた利用", "目的外利用", "use", ANY, "always", 1, 2,
      ("rules", "education", "pledge"), vulnerability="利用目的が従業者に知らされていない"),
    R("use_tamper", "誤った更新・改ざん", "改ざん", "use", ELECTRONIC_MEDIA, "always", 1, 2,
      ("access_control", "logging"), vulnerability="更新できる人と更新の記録が管理されていない"),
    R("use_consignee", "委託先での不適切な取扱い", "漏えい", "use", ANY, "consigned", 1, 3,
      ("consignee_eval",), vulnerability="委託先の安全管理の状況を確かめていない"),
    # 保管・バックアップ
    R("st_paper_theft", "保管書類の盗難・紛失", "漏えい", "store", PAPER_MEDIA, "always", 1, 2,
      ("locked_storage", "area_control"), vulnerability="書類を施錠しない場所に置くことがある"),
    R("st_intrusion", "不正アクセス・ウイルス感染による漏えい", "漏えい", "store", ELECTRONIC_MEDIA, "always", 2, 3,
      ("malware", "access_control", "authentication", "encryption"),
      vulnerability="ソフトウェアの更新・ウイルス対策が行き届いていない"),
    R("st_device_loss", "機器の故障・災害による滅失", "滅失", "store", ELECTRONIC_MEDIA, "always", 1, 2,
      ("backup",), vulnerability="バックアップがない、または復元を確かめていない"),
    R("st_paper_damage", "水濡れ・火災による書類のき損", "き損", "store", PAPER_MEDIA, "always", 1, 1,
      ("locked_storage",), vulnerability="保管場所に水濡れ・火災への備えがない"),
    R("st_mass_leak", "大量データの一括持出し", "漏えい", "store", ELECTRONIC_MEDIA, "large", 1, 3,
      ("logging", "access_control"), vulnerability="大量のデータを一度に取り出せる"),
    # 消去・廃棄
    R("dp_paper", "不十分な廃棄による書類からの漏えい", "漏えい", "dispose", PAPER_MEDIA, "always", 1, 2,
      ("shredding", "disposal_record"), vulnerability="廃棄の方法が決まっていない"),
    R("dp_device", "廃棄・返却した機器や媒体へのデータの残存", "漏えい", "dispose", ELECTRONIC_MEDIA, "always", 1, 2,
      ("data_erasure", "disposal_record"), vulnerability="廃棄・返却の前にデータを消す手順がない"),
    R("dp_overdue", "保管期限を過ぎた保持", "目的外利用", "dispose", ANY, "always", 2, 1,
      ("ledger_review",), vulnerability="保管期限を過ぎたものを見直す機会がない"),
]
del R


def merge_measures(overrides: Iterable[Measure]) -> list[Measure]:
    """Built-ins in their order (overridden by key), then the company's own additions."""
    by_key = {m.key: m for m in overrides}
    merged = [replace(by_key.pop(m.key), builtin=True) if m.key in by_key else m for m in MEASURES]
    return merged + list(by_key.values())


def merge_risks(overrides: Iterable[RiskTemplate]) -> list[RiskTemplate]:
    by_key = {r.key: r for r in overrides}
    merged = [replace(by_key.pop(r.key), builtin=True) if r.key in by_key else r for r in RISKS]
    return merged + list(by_key.values())


# What the survey's answers (保管方法・廃棄方法, also as typed in an imported ledger) say is
# already done: a word in an answer → the measures it shows to be in place (現状の対策).
ANSWER_MEASURES: dict[str, tuple[str, ...]] = {
    "施錠": ("locked_storage",),
    "入退室": ("area_control",),
    "アクセス制限": ("access_control",),
    "パスワード": ("authentication",),
    "暗号": ("encryption",),
    "バックアップ": ("backup",),
    "ウイルス": ("malware",),
    "シュレッダー": ("shredding",),
    "溶解": ("shredding",),
    "データ消去": ("data_erasure",),
    "物理破壊": ("data_erasure",),
}


def measures_in_place(answers: dict) -> set[str]:
    """The measures the entry's 保管方法 and 廃棄方法 show to be in place already."""
    said = [str(v) for key in ("protection", "disposal") for v in (answers.get(key) or [])]
    return {m for word, keys in ANSWER_MEASURES.items() if any(word in text for text in said) for m in keys}


BUILTIN_MEASURES = {m.key: m for m in MEASURES}
BUILTIN_RISKS = {r.key: r for r in RISKS}
