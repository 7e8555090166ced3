"""外来者入退室記録簿 — what this feature gives the foundation (see pcdesk.feature)."""

from pcdesk.feature import Feature, Form, Ledger, Migrations, Page
from pcdesk.services import ADMIN, RECEPTION
from pcdesk.visitors.fields import SETTINGS

_ui = "pcdesk.visitors.ui"

FEATURE = Feature(
    name="visitors",
    label="外来者入退室記録簿",
    package="pcdesk.visitors",
    models=("pcdesk.visitors.model",),
    migrations=Migrations(head="v001_visitors", base="0001_foundation"),
    ledgers=(Ledger("visitor_log", "pcdesk.visitors.ledgers:visitor_log_rows",
                    "pcdesk.visitors.ledgers:describe_visitor_filters", pack=70),),
    # The blank 外来者入退室記録票 for a desk without the kiosk: one visitor per sheet.
    forms=(Form("visitor_sheet_blank"),),
    commands="pcdesk.visitors.cli:register",
    demo="pcdesk.visitors.demo:add_demo",
    attention="pcdesk.visitors.service:attention",
    pages=(
        Page("visitors", "外来者入退室記録", f"{_ui}.admin_page:VisitorsPage", frozenset({ADMIN}), 400),
        # Where a 受付-only account lands, full screen; an administrator can start it on a PC too.
        Page("visitor_kiosk", "来訪者受付", f"{_ui}.kiosk_page:KioskPage", frozenset({RECEPTION}), 50, kiosk=True),
    ),
    roles=(ADMIN, RECEPTION),
    resources=("visitors",),
    settings=SETTINGS,
    guide="visitors",
    order=400,  # after the pledges: its demo step chooses hosts among the workers they provide
)
