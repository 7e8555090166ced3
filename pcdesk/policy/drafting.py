"""The first draft: answers filled from the company profile, the inventory and its risk analysis.

Nothing here is saved; the service stores what the wizard returns. Texts come from
resources/policy/defaults.toml, the measures from the records' risk analysis.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Mapping, Sequence

from pcdesk.policy.fields import FIELDS
from pcdesk.policy.rules import RETAINED, measures_by_group, personal, purpose_rows_from_records
from pcdesk.policy.templates import load_template

COMPANY_KEYS = {"company_name": "name", "postal_code": "postal_code", "address": "address",
                "representative": "representative", "pms_manager": "pms_manager",
                "contact_name": "contact_name", "contact_phone": "contact_phone", "contact_email": "contact_email"}
MEASURE_CATEGORIES = ("organizational", "human", "physical", "technical")
BRACKETED = re.compile(r"（([^）]+)）\s*$")


def _defaults() -> dict[str, Any]:
    return load_template("defaults")


def security_defaults(records: Sequence[Any], countries: str = "") -> dict[str, str]:
    """The six (seven with abroad) security texts: each category's lead sentence, then the
    measures its risk analysis records as 「・」 lines."""
    texts = _defaults().get("security", {})
    grouped = measures_by_group(records, load_template("measure_groups"))
    out = {"security_basic": str(texts.get("basic", "")), "security_rules": str(texts.get("rules", ""))}
    for category in MEASURE_CATEGORIES:
        found = grouped.get(category, [])
        if found:
            lead = str(texts.get("with_measures", {}).get(category, ""))
            out[f"security_{category}"] = "\n".join([lead, *(f"・{m}" for m in found)]).strip()
        else:
            out[f"security_{category}"] = str(texts.get("without_measures", {}).get(category, ""))
    out["security_environment"] = environment_text(countries)
    return out


def environment_text(countries: str) -> str:
    template = str(_defaults().get("security", {}).get("environment", ""))
    return template.replace("{countries}", countries) if countries else ""


def _job(text: str) -> str:
    """「株式会社みどり配送（商品発送）」 → 「商品発送の業務」: the work, not the firm, is what is published."""
    found = BRACKETED.search(text or "")
    work = found.group(1) if found else (text or "").strip()
    return work if work.endswith("業務") else f"{work}の業務"


def sections_from_records(records: Sequence[Any]) -> dict[str, Any]:
    """Which optional sections apply, and first texts for them, from what the ledger records."""
    def lines(values: list[str]) -> str:
        return "\n".join(dict.fromkeys(v for v in values if v))

    records = personal(records)

    return {
        "joint_use": any(r.joint_use for r in records),
        "third_party": any(r.third_party for r in records),
        "consignment": any(r.consigned for r in records),
        "sensitive": any(r.sensitive for r in records),
        "specific": any(r.specific for r in records),
        "consignment_details": lines([_job(r.consignee) for r in records if r.consigned and r.consignee]),
        "third_party_details": lines([f"{r.third_party_recipient}への提供（{r.name}）"
                                      for r in records if r.third_party and r.third_party_recipient]),
        "sensitive_details": lines([f"{r.name}（{r.purpose.rstrip('。')}）" if r.purpose else r.name
                                    for r in records if r.sensitive and r.category == RETAINED]),
    }


def first_draft(company: Mapping[str, Any], records: Sequence[Any], today: dt.date) -> dict[str, Any]:
    """Answers for a company's first policy: nothing is invented that the company must decide
    (the 理念 stays empty), everything the records and the profile say is filled in."""
    answers: dict[str, Any] = {spec.key: ([] if spec.extra.get("rows") else None) for spec in FIELDS}
    answers.update({k: False for k in ("joint_use", "third_party", "consignment", "abroad", "cookies", "sensitive",
                                        "specific", "association_member")})
    for key, attribute in COMPANY_KEYS.items():
        answers[key] = str(company.get(attribute) or "")
    defaults = _defaults().get("answers", {})
    answers.update({k: str(v) for k, v in defaults.items()})
    answers["established_on"] = today
    answers["fee_amount"] = 0
    answers["purposes"] = purpose_rows_from_records(records)
    answers.update(sections_from_records(records))
    answers.update(security_defaults(records))
    return answers


def with_inventory_purposes(answers: Mapping[str, Any], records: Sequence[Any]) -> dict[str, Any]:
    """「台帳から読み込む」: the purposes the notice states, plus every 保有個人データ purpose it lacks
    (rows the person wrote themselves are kept)."""
    from pcdesk.policy.rules import normalise_purpose

    rows = [dict(r) for r in answers.get("purposes") or []]
    stated = {normalise_purpose(r.get("purpose")) for r in rows}
    for row in purpose_rows_from_records(records):
        if normalise_purpose(row["purpose"]) not in stated:
            rows.append(row)
            stated.add(normalise_purpose(row["purpose"]))
    return {**answers, "purposes": rows}
