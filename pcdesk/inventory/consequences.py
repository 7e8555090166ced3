"""想定される影響: what a risk would cause, in the four respects JIS Q 15001 names.

The first wording comes from resources/inventory/consequences.toml (per threat, with a
sentence added for 要配慮・特定個人情報 and large counts); the user rewrites it per risk.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from typing import Any, Mapping

from pcdesk import shipped
from pcdesk.inventory.classification import classify

# Stored field → heading, in the order examiners read them.
CONSEQUENCES: dict[str, str] = {
    "impact_on_person": "本人への影響",
    "legal_breach": "法令違反",
    "economic_loss": "経済的不利益",
    "reputation_loss": "社会的信用の失墜",
}
OTHER = "その他"
LARGE_COUNT = 1_000


@lru_cache(maxsize=1)
def _texts() -> dict[str, dict[str, str]]:
    path = shipped.resources_dir() / "inventory" / "consequences.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


def default_consequences(threat: str, answers: Mapping[str, Any]) -> dict[str, str]:
    """The first wording of the four consequences of a risk of this threat to this entry."""
    texts = _texts()
    base = dict(texts.get(threat) or texts[OTHER])
    extra = texts.get("追記", {})
    c = classify(answers)
    out = {key: base.get(key, "") for key in CONSEQUENCES}
    if c.sensitive and out["impact_on_person"]:
        out["impact_on_person"] += extra.get("sensitive_person", "")
    if c.specific and out["legal_breach"]:
        out["legal_breach"] += extra.get("specific_legal", "")
    if int(answers.get("record_count") or 0) >= LARGE_COUNT and out["economic_loss"]:
        out["economic_loss"] += extra.get("large_economic", "")
    return out


def consequences_text(values: Mapping[str, str]) -> str:
    """「本人への影響: …」 one line per respect, those written only."""
    return "\n".join(f"{label}: {values.get(key) or ''}" for key, label in CONSEQUENCES.items() if values.get(key))
