"""The feature contract: what a feature declares so that the foundation can use it.

A feature is a package (``pcdesk/<name>/``) with a Qt-free ``manifest.py`` holding one
``FEATURE = Feature(...)``. Everything the foundation and the UI shell need — models,
migrations, ledgers, forms, commands, demo step, home-page items, pages, roles, shipped
resources — is named there as import strings ("module:attribute"), so that reading a
manifest imports neither Qt nor the feature's code. The installed features are listed
once, in ``pcdesk.installed``; ``pcdesk.registry`` reads them. See docs/features.md.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any


def load(ref: str) -> Any:
    """The object an import string "package.module:attribute" names."""
    module, _, name = ref.partition(":")
    if not module or not name:
        raise ValueError(f"import string must be 'module:attribute', not {ref!r}")
    return getattr(importlib.import_module(module), name)


@dataclass(frozen=True)
class Ledger:
    """A ledger: the definition ``forms/<id>.toml`` plus the rows it lists.

    ``rows`` is called as ``rows(ws, query)`` and yields one dict per row keyed by the
    definition's column keys; ``filters`` (optional) as ``describe(ws, query)`` returning
    {filter key: "部門: 営業部"} for the filters the ledger honours, printed in its header.
    ``document`` (optional) makes the ledger a document rather than a table (a policy, a
    notice): it writes every format in ``formats`` (pdf, html, txt, …) as
    ``document(ws, query, fmt, out_path) -> pcdesk.output.export.DocumentOutput``; without
    it the table writers make xlsx and pdf. ``formats`` lists what it can be exported as.
    ``pack`` places it in the application pack (sort key; None = not in the pack).
    """

    id: str
    rows: str
    filters: str = ""
    formats: tuple[str, ...] = ("xlsx", "pdf")
    document: str = ""
    pack: int | None = None
    listed: bool = True  # False: written only as part of something else (the pack's index)


@dataclass(frozen=True)
class Form:
    """A single-record printed form ``forms/<id>.toml`` (``kind = "form"``).

    ``values`` (optional) is ``values(ws, key) -> dict`` pre-filling it for one record
    (a worker's pledge, one application); without it the form prints blank or from
    ``--set`` values.
    """

    id: str
    values: str = ""


@dataclass(frozen=True)
class Page:
    """A sidebar page. ``factory`` is "module:callable" taking (ws, parent) and returning
    the page widget; it is imported only when the page is first opened. ``roles`` empty
    means everyone who can log in. ``kiosk`` pages are where a 受付-only account lands."""

    id: str
    title: str
    factory: str
    roles: frozenset[str] = frozenset()
    order: int = 100
    icon: str = ""  # pcdesk/ui/resources/icons/<icon>.svg; empty = a plain page icon
    kiosk: bool = False

    def allows(self, actor: Any) -> bool:
        if actor is None:
            return False
        return not self.roles or bool(self.roles & actor.roles)


@dataclass(frozen=True)
class Migrations:
    """The feature's own Alembic branch: revision files in ``<package>/migrations/``,
    labelled ``branch``. ``head`` is the branch's newest revision and ``base`` the
    revision it grows from (the start-up check compares these with the database without
    importing Alembic; tests/unit/test_migrations.py keeps them honest)."""

    head: str
    base: str | None = None
    folder: str = "migrations"


@dataclass(frozen=True)
class Feature:
    name: str  # short id, also the Alembic branch label: "inventory"
    label: str  # Japanese name shown to people: "個人情報の棚卸し"
    package: str  # the Python package, e.g. "pcdesk.<name>"
    models: tuple[str, ...] = ()  # modules defining ORM classes
    migrations: Migrations | None = None
    ledgers: tuple[Ledger, ...] = ()
    forms: tuple[Form, ...] = ()
    commands: str = ""  # "module:register" adding subcommands to argparse subparsers
    demo: str = ""  # "module:function" called as step(ws, demo_company)
    attention: str = ""  # "module:function" called as items(ws) -> list[Attention]
    pages: tuple[Page, ...] = ()
    roles: tuple[str, ...] = ()  # roles whose work this feature carries
    resources: tuple[str, ...] = ()  # folders under resources/ this feature ships
    guide: str = ""  # its chapter of the user guide: docs/guide/<guide>.md
    order: int = 100  # position among features (demo steps, home page, CLI help)
    # The feature may add its own settings keys, checks etc. later without the
    # foundation knowing: anything else a feature exposes goes through these hooks.
    checks: str = ""  # "module:function" called as findings(ws) -> list[Finding] (pcdesk check --compliance)
    # Settings the feature keeps (pcdesk.fields.FieldSpec with a `default`; keys start with
    # "<name>."), shown on the settings page and read with pcdesk.settings.feature_setting.
    settings: tuple[Any, ...] = ()
    # What it offers other features (pcdesk.capabilities): {PEOPLE: "module:function"}.
    provides: dict[str, str] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Attention:
    """One line on the home page: what needs doing, and the page that fixes it."""

    text: str  # one Japanese sentence
    severity: str = "info"  # ok (a state, nothing to do) | info | warning | danger
    page: str = ""  # page id to open when clicked
    count: int = 0
    focus: str = ""  # what the page should show at once, e.g. "review_overdue" (page.focus(hint))
    feature: str = ""  # filled in by the registry: which feature said it


@dataclass(frozen=True)
class Finding:
    """One inconsistency found by a feature's compliance check."""

    text: str  # what is wrong, one Japanese sentence
    fix: str  # where to fix it: 「個人情報管理台帳 → 編集 → 委託先」
    page: str = ""
    feature: str = ""
