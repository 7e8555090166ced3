"""情報・PC社外持出し — what this feature gives the foundation (see pcdesk.feature)."""

from pcdesk.feature import Feature, Form, Ledger, Migrations, Page
from pcdesk.fields import NUMBER, FieldSpec
from pcdesk.services import ADMIN, APPROVER, STAFF

OFFICE = frozenset({ADMIN, STAFF, APPROVER})
_ledgers = "pcdesk.takeout.ledgers"

FEATURE = Feature(
    name="takeout",
    label="情報・PC社外持出し",
    package="pcdesk.takeout",
    models=("pcdesk.takeout.model",),
    migrations=Migrations(head="t001_takeout", base="0001_foundation"),
    ledgers=(
        Ledger("takeout_ledger", f"{_ledgers}:takeout_ledger_rows", f"{_ledgers}:describe_ledger_filters", pack=80),
        Ledger("takeout_assets", f"{_ledgers}:asset_rows", f"{_ledgers}:describe_asset_filters"),
    ),
    forms=(
        Form("takeout_application", f"{_ledgers}:application_form_values"),
        Form("takeout_reminder", f"{_ledgers}:reminder_form_values"),
    ),
    commands="pcdesk.takeout.cli:register",
    demo="pcdesk.takeout.demo:add_demo",
    attention="pcdesk.takeout.queries:takeout_attention",
    checks="pcdesk.takeout.queries:compliance_findings",
    pages=(
        Page("takeout", "持出し申請", "pcdesk.takeout.ui.applications_page:ApplicationsPage", OFFICE, 500),
        Page("takeout_assets", "持出し資産", "pcdesk.takeout.ui.assets_page:AssetsPage", OFFICE, 510),
    ),
    roles=(ADMIN, STAFF, APPROVER),
    resources=("takeout",),
    settings=(
        FieldSpec("takeout.standing_max_months", "包括承認の最長期間（月）", NUMBER, minimum=1, maximum=12, default=6,
                  help="包括承認で一度に認める期間の上限です。"),
    ),
    guide="takeout",
    order=500,
)
