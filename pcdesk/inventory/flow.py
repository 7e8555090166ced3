"""The inventory survey (個人情報調査) as a Qt-free wizard flow.

A department's staff answer plain questions about one kind of personal information;
the last page shows the derived class with its reasons and the suggested measures.
A QWizard shows this flow page by page (one page per step id, fields = STEP_FIELDS).

Answers use the keys of model.ENTRY_FIELDS. Steps that do not apply are skipped by
`next_step`: everything after 情報の名称 when the information identifies nobody; the
details page when nothing is consigned, provided or jointly used; the 受託 and 権限
questions when the information is not organised (it cannot be 保有個人データ then);
the 権限 question for 受託 data.

Use:
    flow = SurveyFlow.new(department_id=3)      # or SurveyFlow.for_entry(entry), service.load_draft
    flow.set(business_process="採用活動"); flow.go_next()   # ValidationError on bad answers
    service.save_draft(ws, flow)                 # keeps answers and position
    entry = flow.finish(ws)                      # on 確認: creates (or updates) the ledger entry
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pcdesk.errors import FieldProblem
from pcdesk.flow import Flow
from pcdesk.inventory.choices import MEDIA
from pcdesk.inventory.display import display_value
from pcdesk.inventory.classification import Classification, classify, handling_notes
from pcdesk.inventory.model import ENTRY_FIELDS, InventoryEntry
from pcdesk.inventory.risk import MeasureSuggestion, suggest_measures
from pcdesk.inventory.validation import clean_values, validate_fields

if TYPE_CHECKING:
    from pcdesk.services import Workspace

STEP_FIELDS: dict[str, tuple[str, ...]] = {
    "department": ("department_id", "business_process"),
    "identity": ("name", "identifiable", "subject_kinds"),
    "items": ("items", "sensitive_items"),
    "acquisition": ("record_count", "acquisition"),
    "purpose": ("purpose",),
    "storage": ("media", "storage_location", "protection", "organised", "taken_out"),
    "access": ("access_holders", "manager", "use_period", "retention"),
    "disposal": ("disposal",),
    "sharing": ("consigned", "third_party", "joint_use"),
    "sharing_details": ("consignee", "third_party_recipient", "joint_use_details"),
    "client": ("held_for_client",),
    "authority": ("company_has_authority",),
    "confirm": ("notes",),
}

# The plain-Japanese question a page asks for each answer (the field's label is ENTRY_FIELDS[key]).
QUESTIONS = {
    "department_id": "どの部門の情報ですか？",
    "business_process": "どの業務で使っていますか？（例: 採用活動、受注・請求）",
    "name": "その情報を何と呼んでいますか？（例: 顧客名簿、応募者の履歴書、名刺）",
    "identifiable": "この情報から、生存する特定の個人を識別できますか？（統計や完全に匿名化したものは「いいえ」）",
    "subject_kinds": "誰の情報ですか？（あてはまるものをすべて）",
    "items": "どんな項目が含まれていますか？（★は要配慮個人情報。ないものは書き加えてください）",
    "sensitive_items": "書き加えた項目のうち、病歴・信条・犯罪歴など要配慮個人情報にあたるものはどれですか？",
    "record_count": "おおよそ何人分（何件）ありますか？",
    "acquisition": "どのようにして手に入れましたか？（あてはまるものをすべて）",
    "purpose": "何のために使いますか？（本人に伝えている利用目的）",
    "media": "紙ですか、電子データですか？",
    "storage_location": "どこに保管していますか？（例: 人事部の書庫、社内ファイルサーバー）",
    "protection": "どのように守っていますか？（あてはまるものをすべて）",
    "organised": "名前などで検索できるよう整理されていますか？（Excel・データベース・五十音順のファイルは「はい」、"
                 "メモや未整理の書類は「いいえ」）",
    "taken_out": "社外に持ち出すこと（PC・USBメモリ・書類）がありますか？",
    "access_holders": "誰が見たり使ったりできますか？",
    "manager": "この情報の管理責任者は誰ですか？",
    "use_period": "いつまで使いますか？",
    "retention": "いつまで保管しますか？",
    "disposal": "不要になったらどのように廃棄・消去しますか？",
    "consigned": "取扱いを外部に委託していますか？（発送代行、給与計算、クラウド保守など）",
    "third_party": "本人以外の第三者に提供していますか？",
    "joint_use": "グループ会社などと共同利用していますか？",
    "consignee": "委託先はどこですか？",
    "third_party_recipient": "提供先はどこですか？",
    "joint_use_details": "誰と、どの項目を共同利用していますか？",
    "held_for_client": "お客様（委託元）から預かって、その指示どおりに処理しているだけのデータですか？",
    "company_has_authority": "本人から開示・訂正・利用停止などを求められたとき、自社の判断で応じられますか？",
    "notes": "そのほか気づいたこと（任意）",
}

NEW_SURVEY_DEFAULTS: dict[str, Any] = {
    "identifiable": True, "taken_out": False, "consigned": False, "third_party": False,
    "joint_use": False, "held_for_client": False, "company_has_authority": True,
    "subject_kinds": [], "items": [], "sensitive_items": [], "acquisition": [], "protection": [],
    "disposal": [],
}


class SurveyFlow(Flow):
    STEPS = {
        "department": "部門と業務",
        "identity": "情報の名称と本人",
        "items": "項目",
        "acquisition": "件数と取得方法",
        "purpose": "利用目的",
        "storage": "媒体と保管",
        "access": "アクセスと期間",
        "disposal": "廃棄",
        "sharing": "委託・提供・共同利用",
        "sharing_details": "委託先・提供先",
        "client": "受託かどうか",
        "authority": "開示等の権限",
        "confirm": "確認",
    }

    def __init__(self, answers: dict[str, Any] | None = None, *, entry_id: int | None = None,
                 draft_id: int | None = None) -> None:
        super().__init__(answers)
        self.entry_id = entry_id  # set when the survey edits an existing ledger entry
        self.draft_id = draft_id  # set once saved as a draft

    @classmethod
    def new(cls, department_id: int | None = None, **answers: Any) -> "SurveyFlow":
        values = {k: (list(v) if isinstance(v, list) else v) for k, v in NEW_SURVEY_DEFAULTS.items()}
        if department_id is not None:
            values["department_id"] = department_id
        values.update(answers)
        return cls(values)

    @classmethod
    def for_entry(cls, entry: InventoryEntry) -> "SurveyFlow":
        values = entry.values()
        for key in ("number", "last_reviewed_on"):
            values.pop(key)
        return cls(values, entry_id=entry.id)

    # -- rules --------------------------------------------------------------
    def next_step(self, step: str) -> str | None:
        a = self.answers
        if step == "identity" and a.get("identifiable") is False:
            return "confirm"  # not personal information: nothing more to ask
        if step == "sharing" and (a.get("consigned") or a.get("third_party") or a.get("joint_use")):
            return "sharing_details"
        if step in ("sharing", "sharing_details"):
            return "client" if a.get("organised") else "confirm"
        if step == "client":
            return "confirm" if a.get("held_for_client") else "authority"
        return super().next_step(step)

    def validate(self, step: str) -> list[FieldProblem]:
        return validate_fields(self.answers, STEP_FIELDS.get(step, ()))

    def set(self, **values: Any) -> None:
        if values.get("held_for_client") is True:
            values.setdefault("company_has_authority", False)  # 受託 data: the client decides
        if values.get("held_for_client") is False and self.answers.get("held_for_client") is True:
            values.setdefault("company_has_authority", True)
        super().set(**values)

    def problems(self) -> list[FieldProblem]:
        """Everything still wrong on the steps the user will pass through."""
        return [p for step in self.path() for p in self.validate(step)]

    def fields_on_path(self) -> list[str]:
        return [f for step in self.path() for f in STEP_FIELDS.get(step, ())]

    # -- what the confirmation page shows -------------------------------------
    def classification(self) -> Classification:
        return classify(self.answers)

    def handling_notes(self) -> list[str]:
        return handling_notes(self.answers)

    def suggested_measures(self) -> dict[str, list[MeasureSuggestion]]:
        return suggest_measures(self.answers)

    def summary(self, department_names: dict[int, str] | None = None) -> list[tuple[str, str]]:
        """(label, text) for every answered field on the path, for the 確認 page."""
        rows = []
        for key in self.fields_on_path():
            value = self.answers.get(key)
            if key == "department_id":
                rows.append((ENTRY_FIELDS[key], (department_names or {}).get(value, "")))
            elif key == "sensitive_items":
                rows.append((ENTRY_FIELDS[key], display_value(key, clean_values(self.answers).get(key))))
            else:
                rows.append((ENTRY_FIELDS[key], display_value(key, value)))
        return rows

    def title_for_draft(self) -> str:
        return (self.get("name") or "").strip() or "（名称未入力）"

    def values(self) -> dict[str, Any]:
        """The entry values to save: the answers on the path, tidied."""
        on_path = set(self.fields_on_path()) | {"department_id", "identifiable", "organised", "held_for_client",
                                                  "company_has_authority", "consigned", "third_party",
                                                  "joint_use", "taken_out"}
        values = {k: v for k, v in self.answers.items() if k in ENTRY_FIELDS and k in on_path}
        if self.answers.get("media") not in MEDIA:
            values.pop("media", None)
        return clean_values(values)

    def finish(self, ws: "Workspace", reason: str = "") -> InventoryEntry:
        from pcdesk.inventory.service import finish_survey

        return finish_survey(ws, self, reason=reason)
