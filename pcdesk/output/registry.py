"""Which ledgers exist and where their rows come from.

A ledger is a definition file `forms/<id>.toml` (title, columns, layout) plus a row
provider here: "module:function" called as ``provide(ws, query)`` and yielding one
dict per row, keyed by the definition's column keys. Each feature adds its ledgers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from pcdesk.services import Workspace


@dataclass(frozen=True)
class LedgerQuery:
    date_from: dt.date | None = None  # inclusive
    date_to: dt.date | None = None  # inclusive
    filters: dict[str, Any] = field(default_factory=dict)  # ledger-specific, e.g. {"department_id": 3}


RowProvider = Callable[[Workspace, LedgerQuery], Iterable[dict[str, Any]]]

# ledger id (= forms/<id>.toml) → row provider
LEDGERS: dict[str, str] = {
    "audit_log": "pcdesk.output.builtin:audit_log_rows",
    "accounts": "pcdesk.output.builtin:account_rows",
    "inventory_survey": "pcdesk.inventory.ledgers:inventory_survey_rows",
    "inventory_ledger": "pcdesk.inventory.ledgers:inventory_ledger_rows",
    "risk_analysis": "pcdesk.inventory.ledgers:risk_analysis_rows",
}

# ledger id → "module:function" naming the filters that ledger honours, called as
# describe(ws, query) -> {filter key: "部門: 営業部"}; printed in the header block of its
# PDF and workbook. A ledger not listed here honours no filters.
FilterDescriber = Callable[[Workspace, LedgerQuery], dict[str, str]]
LEDGER_FILTERS: dict[str, str] = {
    "audit_log": "pcdesk.output.builtin:describe_audit_filters",
    "accounts": "pcdesk.output.builtin:describe_account_filters",
    "inventory_survey": "pcdesk.inventory.ledgers:describe_survey_filters",
    "inventory_ledger": "pcdesk.inventory.ledgers:describe_ledger_filters",
    "risk_analysis": "pcdesk.inventory.ledgers:describe_risk_filters",
}
