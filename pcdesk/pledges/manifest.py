"""従業者と誓約書 — what this feature gives the foundation (see pcdesk.feature)."""

from pcdesk.capabilities import PEOPLE
from pcdesk.feature import Feature, Form, Ledger, Migrations, Page
from pcdesk.pledges.preferences import SETTINGS
from pcdesk.services import ADMIN, STAFF

OFFICE = frozenset({ADMIN, STAFF})
_ledgers = "pcdesk.pledges.ledgers"

FEATURE = Feature(
    name="pledges",
    label="従業者と誓約書",
    package="pcdesk.pledges",
    models=("pcdesk.pledges.model",),
    migrations=Migrations(head="w001_pledges", base="0001_foundation"),
    ledgers=(
        Ledger("pledge_register", f"{_ledgers}:pledge_register_rows", f"{_ledgers}:describe_register_filters", pack=60),
        Ledger("worker_status", f"{_ledgers}:worker_status_rows", f"{_ledgers}:describe_status_filters", pack=61),
    ),
    forms=(Form("pledge", f"{_ledgers}:pledge_values"),),
    commands="pcdesk.pledges.cli:register",
    demo="pcdesk.pledges.demo:add_demo",
    attention="pcdesk.pledges.overview:pledge_attention",
    checks="pcdesk.pledges.overview:compliance_findings",
    pages=(
        Page("pledges", "従業者と誓約書", "pcdesk.pledges.ui.register_page:RegisterPage", OFFICE, 300),
        Page("pledge_templates", "誓約書のひな形", "pcdesk.pledges.ui.templates_page:TemplatesPage", OFFICE, 310),
    ),
    roles=(ADMIN, STAFF),
    resources=("pledges",),
    guide="pledges",
    order=300,
    settings=SETTINGS,
    provides={PEOPLE: "pcdesk.pledges.capabilities:people"},
)
