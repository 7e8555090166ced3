"""What the inventory offers other features (pcdesk.capabilities): the records it holds,
with their classification and the measures of their risk analysis; and its figures for
the home page."""

from __future__ import annotations

from sqlalchemy import func, select

from pcdesk.capabilities import Count, HeldRecord
from pcdesk.inventory.analysis import measure_catalogue
from pcdesk.inventory.choices import ACTIVE, MEASURE_GROUPS
from pcdesk.inventory.classification import CATEGORIES
from pcdesk.inventory.model import InventoryEntry, RiskAssessment
from pcdesk.inventory.service import department_names
from pcdesk.services import Workspace


def held_records(ws: Workspace) -> list[HeldRecord]:
    """Every entry in use, in 管理番号 order."""
    departments = department_names(ws)
    measures = {m.key: m for m in measure_catalogue(ws, include_hidden=True)}
    with ws.read() as s:
        entries = list(s.scalars(select(InventoryEntry).where(InventoryEntry.status == ACTIVE)
                                 .order_by(InventoryEntry.number)))
        chosen: dict[int, list[str]] = {}
        for risk in s.scalars(select(RiskAssessment).order_by(RiskAssessment.entry_id, RiskAssessment.sort_order)):
            keys = chosen.setdefault(risk.entry_id, [])
            keys += [k for k in risk.measures if k not in keys]
    found = []
    for e in entries:
        keys = chosen.get(e.id, [])
        labels = tuple(measures[k].label for k in keys if k in measures)
        groups = tuple(dict.fromkeys(MEASURE_GROUPS.get(measures[k].group, "") for k in keys if k in measures))
        found.append(HeldRecord(
            id=e.id, number=e.number, name=e.name, department=departments.get(e.department_id, ""),
            business_process=e.business_process, subject_kinds=tuple(e.subject_kinds), purpose=e.purpose,
            category=e.category, category_label=CATEGORIES.get(e.category, e.category),
            sensitive=e.is_sensitive, specific=e.is_specific, record_count=e.record_count or 0,
            consigned=e.consigned, consignee=e.consignee, third_party=e.third_party,
            third_party_recipient=e.third_party_recipient, joint_use=e.joint_use,
            joint_use_details=e.joint_use_details, taken_out=e.taken_out, measures=labels,
            measure_groups=tuple(g for g in groups if g), has_risk_analysis=e.id in chosen,
            last_reviewed_on=e.last_reviewed_on))
    return found


def home_counts(ws: Workspace) -> list[Count]:
    """The entries in use and their risks (those waiting for approval named)."""
    with ws.read() as s:
        entries = s.scalar(select(func.count()).select_from(InventoryEntry).where(InventoryEntry.status == ACTIVE))
        in_use = select(RiskAssessment).join(InventoryEntry).where(InventoryEntry.status == ACTIVE).subquery()
        risks = s.scalar(select(func.count()).select_from(in_use))
        waiting = s.scalar(select(func.count()).select_from(in_use).where(in_use.c.accepted_at.is_(None)))
    risk_text = f"{risks:,} 件" + (f"（未承認 {waiting:,} 件）" if waiting else "")
    return [Count("個人情報管理台帳", f"{entries:,} 件", "inventory"), Count("リスク分析", risk_text, "risk_analysis")]
