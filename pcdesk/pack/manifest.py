"""申請の準備 — the Privacy Mark application pack (see pcdesk.feature). It reads every other
feature only through the registry: their pack ledgers, held records and compliance checks."""

from pcdesk.feature import Feature, Ledger, Page
from pcdesk.services import ADMIN

FEATURE = Feature(
    name="pack",
    label="申請の準備",
    package="pcdesk.pack",
    ledgers=(
        # 様式4 from the held records, the consistency report, and the index written with the pack.
        Ledger("business_outline", "pcdesk.pack.ledgers:business_outline_rows", pack=10),
        Ledger("compliance_report", "pcdesk.pack.ledgers:compliance_rows"),
        Ledger("pack_index", "pcdesk.pack.builder:index_rows", listed=False),
    ),
    pages=(Page("pack", "申請の準備", "pcdesk.pack.ui.pack_page:PackPage", frozenset({ADMIN}), 850),),
    provides={"export:pack": "pcdesk.pack.cli:export_pack"},
    roles=(ADMIN,),
    guide="pack",
    order=900,
)
