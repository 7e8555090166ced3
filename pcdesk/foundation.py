"""The foundation's own manifest: what pcdesk has with no feature installed.

Read by pcdesk.registry like any feature's manifest, so the foundation's ledgers, pages,
commands and demo step go through the same contract (see pcdesk.feature).
"""

from pcdesk.capabilities import PEOPLE
from pcdesk.feature import Feature, Ledger, Migrations, Page
from pcdesk.services import ADMIN, APPROVER, RECEPTION, STAFF

ADMINS = frozenset({ADMIN})
OFFICE = frozenset({ADMIN, STAFF})

FEATURE = Feature(
    name="foundation",
    label="基本",
    package="pcdesk",
    models=("pcdesk.accounts.model", "pcdesk.audit.model", "pcdesk.company.model", "pcdesk.settings"),
    migrations=Migrations(head="0003_foundation_trust", folder="store/migrations/versions"),
    ledgers=(
        Ledger("audit_log", "pcdesk.output.builtin:audit_log_rows", "pcdesk.output.builtin:describe_audit_filters"),
        Ledger("accounts", "pcdesk.output.builtin:account_rows", "pcdesk.output.builtin:describe_account_filters"),
    ),
    commands="pcdesk.cli:register_foundation",
    demo="pcdesk.demo:foundation_step",
    attention="pcdesk.home:foundation_attention",
    pages=(
        Page("home", "ホーム", "pcdesk.ui.shell.home_page:HomePage", frozenset(), 0, "home"),
        Page("output", "台帳・帳票の出力", "pcdesk.ui.output.output_page:OutputPage", OFFICE, 800),
        Page("audit", "監査ログ", "pcdesk.ui.audit.audit_page:AuditPage", ADMINS, 900, "audit"),
        Page("accounts", "アカウント", "pcdesk.ui.accounts.accounts_page:AccountsPage", ADMINS, 910, "accounts"),
        Page("settings", "設定", "pcdesk.ui.settings.settings_page:SettingsPage", ADMINS, 990, "settings"),
    ),
    roles=(ADMIN, STAFF, APPROVER, RECEPTION),
    resources=("accounts",),  # the password blocklist
    provides={PEOPLE: "pcdesk.accounts.service:people"},
    guide="foundation",
    order=0,
)
