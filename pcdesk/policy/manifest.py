"""プライバシーポリシー — what this feature gives the foundation (see pcdesk.feature)."""

from pcdesk.feature import Feature, Ledger, Migrations, Page
from pcdesk.services import ADMIN, APPROVER, STAFF

READERS = frozenset({ADMIN, STAFF, APPROVER})
DOCUMENT_FORMATS = ("pdf", "html", "txt")
_ledgers = "pcdesk.policy.ledgers"

FEATURE = Feature(
    name="policy",
    label="プライバシーポリシー",
    package="pcdesk.policy",
    models=("pcdesk.policy.model",),
    migrations=Migrations(head="p001_policy", base="0001_foundation"),
    # In the application pack after 様式4 (10) and before the 台帳 records (20): the policy is a
    # management-system document, which the application lists before the operating records.
    ledgers=(
        Ledger("policy", f"{_ledgers}:policy_rows", f"{_ledgers}:describe_filters", formats=DOCUMENT_FORMATS,
               document=f"{_ledgers}:policy_document", pack=12),
        Ledger("notice", f"{_ledgers}:notice_rows", f"{_ledgers}:describe_filters", formats=DOCUMENT_FORMATS,
               document=f"{_ledgers}:notice_document", pack=13),
    ),
    commands="pcdesk.policy.cli:register",
    demo="pcdesk.policy.demo:add_demo",
    attention="pcdesk.policy.service:policy_attention",
    checks="pcdesk.policy.service:compliance_findings",
    pages=(
        Page("policy", "プライバシーポリシー", "pcdesk.policy.ui.policy_page:PolicyPage", READERS, 200),
    ),
    roles=(ADMIN, STAFF),
    resources=("policy",),
    guide="policy",
    order=200,  # after the inventory: its demo step reads the ledger the inventory's step wrote
)
