"""The policy wizard as a Qt-free flow: one step per group of answers, optional sections
asked only when they apply.

The flow never blocks on an empty item (a draft may be saved half done); it blocks only on
what cannot be stored (too long, not an e-mail…). The 確認 step lists what publishing
still needs (`missing`) and how the notice disagrees with the 個人情報管理台帳 (`warnings`).

    flow = open_draft(ws)                 # the open draft, or a new one from the last version
    flow.set(company_name="…"); flow.go_next()
    flow.load_inventory_purposes()        # 「台帳から読み込む」
    flow.finish(ws)                       # saves the draft (publishing is service.publish)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

from pcdesk.errors import FieldProblem
from pcdesk.flow import Flow
from pcdesk.policy.drafting import environment_text, security_defaults, with_inventory_purposes
from pcdesk.policy.fields import SECTION_FLAGS, SPECS
from pcdesk.policy.rules import Gap, clean_answers, format_problems, inventory_gaps, missing_items, personal

if TYPE_CHECKING:
    from pcdesk.policy.model import PolicyVersion
    from pcdesk.services import Workspace

STEP_FIELDS: dict[str, tuple[str, ...]] = {
    "company": ("company_name", "postal_code", "address", "representative", "pms_manager"),
    "policy": ("philosophy", "established_on", "extra_commitments"),
    "contact": ("contact_name", "contact_address", "contact_phone", "contact_email", "contact_hours"),
    "purposes": ("purposes",),
    "sections": SECTION_FLAGS,
    "joint_use": ("joint_items", "joint_scope", "joint_purpose", "joint_manager", "joint_manager_address",
                  "joint_manager_representative"),
    "third_party": ("third_party_details",),
    "consignment": ("consignment_details",),
    "abroad": ("abroad_countries",),
    "cookies": ("cookie_tools", "cookie_purpose", "cookie_optout"),
    "sensitive": ("sensitive_details",),
    "specific": ("specific_uses",),
    "requests": ("request_address", "request_method", "identity_check", "agent_documents", "fee_amount",
                 "fee_method"),
    "security": ("security_basic", "security_rules", "security_organizational", "security_human",
                 "security_physical", "security_technical", "security_environment"),
    "association": ("association_member", "association_name", "association_contact"),
    "confirm": (),
}
# Steps shown only when the section applies; the flag that turns each on.
CONDITIONAL = {step: step for step in SECTION_FLAGS}

SUBTITLES = {
    "company": "「個人情報の取扱いについて」の冒頭に載る、事業者の名称・住所・代表者です（個人情報保護法第32条）。",
    "policy": "個人情報保護方針の前文に、会社の考えを自分の言葉で書きます。取組みの条項は pcdesk が用意します。",
    "contact": "方針の問合せ先、苦情の申出先、開示等の請求の受付を兼ねる窓口です。",
    "purposes": "保有個人データのすべての利用目的を、本人の区分ごとに載せます。個人情報管理台帳から読み込めます。",
    "sections": "あてはまるものに印を付けてください。印を付けた事項だけ、次の画面で内容を聞きます。",
    "joint_use": "共同利用では、次の4つの事項を本人が知り得る状態にしておく必要があります（法第27条第5項第3号）。",
    "third_party": "本人の同意を得て提供する場合を、提供先ごとに書きます。",
    "consignment": "委託先の社名ではなく、委託する業務を書きます。",
    "abroad": "国ごとに、その国の個人情報保護制度と、提供先が講ずる措置を書きます（法第28条）。",
    "cookies": "使っているツールと、Cookie を無効にする方法を書きます。",
    "sensitive": "要配慮個人情報は、本人の同意を得て取得します。取り扱う情報と目的を書きます。",
    "specific": "マイナンバーは番号法で定められた事務にしか使えません。その事務を書きます。",
    "requests": "利用目的の通知、開示、訂正等、利用停止等、第三者提供の停止の請求の手続です。",
    "security": "リスク分析で選んだ対策から作った文です。会社の実態に合わせて直してください。",
    "association": "対象事業者になっている認定個人情報保護団体があれば、その名称と苦情の解決の申出先を載せます。",
    "confirm": "足りない項目と、個人情報管理台帳との食い違いを確かめて「保存」を押してください。公表は保存のあと「公表…」で行います。",
}


class PolicyFlow(Flow):
    STEPS = {
        "company": "事業者",
        "policy": "個人情報保護方針",
        "contact": "苦情・相談の窓口",
        "purposes": "利用目的",
        "sections": "該当する事項",
        "joint_use": "共同利用",
        "third_party": "第三者提供",
        "consignment": "委託",
        "abroad": "外国にある第三者への提供",
        "cookies": "Cookie・アクセス解析",
        "sensitive": "要配慮個人情報",
        "specific": "特定個人情報（マイナンバー）",
        "requests": "開示等の請求",
        "security": "安全管理措置",
        "association": "認定個人情報保護団体",
        "confirm": "確認",
    }

    def __init__(self, answers: dict[str, Any] | None = None, *, version_id: int | None = None,
                 version_label: str = "", records: Sequence[Any] = ()) -> None:
        super().__init__(answers)
        self.version_id = version_id
        self.version_label = version_label
        self.records = list(records)  # the 個人情報管理台帳 as HeldRecords, for defaults and warnings

    @classmethod
    def for_version(cls, version: "PolicyVersion", records: Sequence[Any]) -> "PolicyFlow":
        from pcdesk.policy.service import answers_of

        return cls(answers_of(version), version_id=version.id, version_label=version.label, records=records)

    # -- rules --------------------------------------------------------------------------------
    def next_step(self, step: str) -> str | None:
        nxt = super().next_step(step)
        while nxt in CONDITIONAL and not self.answers.get(CONDITIONAL[nxt]):
            nxt = super().next_step(nxt)
        return nxt

    def validate(self, step: str) -> list[FieldProblem]:
        keys = set(STEP_FIELDS.get(step, ()))
        labels = {SPECS[k].label for k in keys}
        cleaned = clean_answers(self.answers)
        return [p for p in format_problems(cleaned) if p.field in labels or p.field.split("（")[0] in labels]

    def set(self, **values: Any) -> None:
        super().set(**values)
        # 外的環境の把握 is needed once data is handled abroad: a first text as soon as the countries are known.
        if self.answers.get("abroad") and not (self.answers.get("security_environment") or "").strip():
            text = environment_text(self.countries())
            if text:
                self.answers["security_environment"] = text

    def countries(self) -> str:
        return "、".join(r.get("country", "") for r in self.answers.get("abroad_countries") or [] if r.get("country"))

    # -- what the pages show ------------------------------------------------------------------
    def missing(self) -> list[FieldProblem]:
        """Everything publishing still needs."""
        return missing_items(clean_answers(self.answers))

    def step_missing(self, step: str) -> list[FieldProblem]:
        labels = {SPECS[k].label for k in STEP_FIELDS.get(step, ())}
        return [p for p in self.missing() if p.field.split("（")[0] in labels
                or (step == "contact" and p.field.startswith("窓口の"))]

    def warnings(self) -> list[Gap]:
        return inventory_gaps(clean_answers(self.answers), self.records)

    def inventory_notes(self, step: str) -> list[str]:
        """What the ledger says about a section, shown on its page as a reminder."""
        attribute = {"joint_use": ("joint_use", "joint_use_details"), "third_party": ("third_party", "third_party_recipient"),
                     "consignment": ("consigned", "consignee"), "sensitive": ("sensitive", "purpose"),
                     "specific": ("specific", "purpose")}.get(step)
        if attribute is None:
            return []
        flag, detail = attribute
        return [f"{r.number} {r.name}: {getattr(r, detail) or '（詳細なし）'}" for r in personal(self.records)
                if getattr(r, flag)]

    def section_suggestions(self) -> dict[str, bool]:
        """For the 該当する事項 page: which sections the ledger says apply."""
        records = personal(self.records)
        return {"joint_use": any(r.joint_use for r in records), "third_party": any(r.third_party for r in records),
                "consignment": any(r.consigned for r in records), "sensitive": any(r.sensitive for r in records),
                "specific": any(r.specific for r in records)}

    def load_inventory_purposes(self) -> int:
        """Add every 保有個人データ purpose the notice lacks; returns how many rows were added."""
        before = len(self.answers.get("purposes") or [])
        self.answers.update(with_inventory_purposes(self.answers, self.records))
        return len(self.answers["purposes"]) - before

    def reset_security(self) -> None:
        """「リスク分析から作り直す」: the security texts made afresh from the measures recorded."""
        self.answers.update(security_defaults(self.records, self.countries() if self.answers.get("abroad") else ""))

    def finish(self, ws: "Workspace") -> "PolicyVersion":
        from pcdesk.policy.service import save_draft

        return save_draft(ws, self.version_id, self.answers)  # type: ignore[arg-type]


def open_draft(ws: "Workspace") -> PolicyFlow:
    """The wizard over the open draft (created from the last version when there is none)."""
    from pcdesk.policy.service import held_records, start_draft

    return PolicyFlow.for_version(start_draft(ws), held_records(ws))
