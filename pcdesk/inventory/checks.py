"""The inventory's part of the consistency check (pcdesk check --compliance, the pack)."""

from __future__ import annotations

from pcdesk.feature import Finding
from pcdesk.inventory.capabilities import held_records
from pcdesk.inventory.classification import NOT_PERSONAL
from pcdesk.services import Workspace

NONE_WORDS = {"", "なし", "無", "-", "ー", "―", "未定"}


def compliance_findings(ws: Workspace) -> list[Finding]:
    findings = []
    for r in held_records(ws):
        if r.category == NOT_PERSONAL:
            continue  # statistics with no one identifiable need no analysis
        where = f"{r.number} {r.name}"
        if not r.has_risk_analysis:
            findings.append(Finding(f"{where} にリスク分析がありません。",
                                    f"リスク分析 → {r.number} を選んで「提案されたリスクを追加」", "risk_analysis"))
        if r.consigned and r.consignee.strip() in NONE_WORDS:
            findings.append(Finding(f"{where} は委託ありですが、委託先が書かれていません。",
                                    f"個人情報管理台帳 → {r.number} を編集 → 委託先", "inventory"))
        if r.third_party and r.third_party_recipient.strip() in NONE_WORDS:
            findings.append(Finding(f"{where} は第三者提供ありですが、提供先が書かれていません。",
                                    f"個人情報管理台帳 → {r.number} を編集 → 提供先", "inventory"))
    return findings
