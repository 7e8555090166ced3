"""Which ledgers exist and where their rows come from.

A ledger is a definition file `forms/<id>.toml` (title, columns, layout) plus a row
provider: "module:function" called as ``provide(ws, query)`` and yielding one dict per
row, keyed by the definition's column keys. Features declare their ledgers in their
manifests (pcdesk.feature.Ledger); `ledger_ids()` lists them all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from pcdesk import registry
from pcdesk.feature import Ledger
from pcdesk.services import Workspace


@dataclass(frozen=True)
class LedgerQuery:
    date_from: dt.date | None = None  # inclusive
    date_to: dt.date | None = None  # inclusive
    filters: dict[str, Any] = field(default_factory=dict)  # ledger-specific, e.g. {"department_id": 3}


RowProvider = Callable[[Workspace, LedgerQuery], Iterable[dict[str, Any]]]

# Called as describe(ws, query) -> {filter key: "部門: 営業部"}; printed in the header block
# of the ledger's PDF and workbook. A ledger that declares none honours no filters.
FilterDescriber = Callable[[Workspace, LedgerQuery], dict[str, str]]


def ledger_ids(listed_only: bool = False) -> list[str]:
    """Every installed ledger, in feature order (`listed_only`: those offered on their own)."""
    return [i for i, d in registry.ledgers().items() if d.listed or not listed_only]


def declaration(ledger_id: str) -> Ledger | None:
    return registry.ledgers().get(ledger_id)
