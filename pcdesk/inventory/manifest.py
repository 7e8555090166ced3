"""個人情報の棚卸し — what this feature gives the foundation (see pcdesk.feature)."""

from pcdesk.capabilities import HELD_RECORDS
from pcdesk.feature import Feature, Ledger, Migrations, Page
from pcdesk.inventory.roles import EDITORS, OFFICE

_ledgers = "pcdesk.inventory.ledgers"

FEATURE = Feature(
    name="inventory",
    label="個人情報の棚卸し",
    package="pcdesk.inventory",
    models=("pcdesk.inventory.model",),
    migrations=Migrations(head="0003_inventory_review", base="0001_foundation"),
    ledgers=(
        Ledger("inventory_survey", f"{_ledgers}:inventory_survey_rows", f"{_ledgers}:describe_survey_filters"),
        Ledger("inventory_ledger", f"{_ledgers}:inventory_ledger_rows", f"{_ledgers}:describe_ledger_filters", pack=20),
        Ledger("risk_analysis", f"{_ledgers}:risk_analysis_rows", f"{_ledgers}:describe_risk_filters", pack=30),
    ),
    commands="pcdesk.inventory.cli:register",
    demo="pcdesk.inventory.demo:add_demo",
    attention="pcdesk.inventory.service:overdue_attention",
    checks="pcdesk.inventory.checks:compliance_findings",
    pages=(
        Page("inventory", "個人情報管理台帳", "pcdesk.inventory.ui.ledger_page:LedgerPage", OFFICE, 100),
        Page("risk_analysis", "リスク分析", "pcdesk.inventory.ui.risk_page:RiskPage", OFFICE, 110),
    ),
    roles=EDITORS,
    provides={HELD_RECORDS: "pcdesk.inventory.capabilities:held_records"},
    guide="inventory",
    order=100,
)
