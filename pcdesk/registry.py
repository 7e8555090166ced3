"""Reads the installed features' manifests; the foundation asks here, never names a feature.

`features()` is the foundation's own manifest (pcdesk.foundation) followed by every
package in pcdesk.installed.FEATURES, in that order. Tests add a throw-away feature with
``with registry.installed([..., "tests.fake_feature"]):``.
"""

from __future__ import annotations

import importlib
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Sequence

from pcdesk.feature import Feature, Form, Ledger, Page

FOUNDATION = "pcdesk.foundation"

_packages: tuple[str, ...] | None = None  # set by installed(); None = pcdesk.installed
_cache: tuple[Feature, ...] | None = None


class ManifestError(RuntimeError):
    pass


def _manifest(package: str) -> Feature:
    module = importlib.import_module(package if package == FOUNDATION else f"{package}.manifest")
    found = getattr(module, "FEATURE", None)
    if not isinstance(found, Feature):
        raise ManifestError(f"{module.__name__} has no FEATURE = Feature(...)")
    if found.package != package and package != FOUNDATION:
        raise ManifestError(f"{module.__name__}: FEATURE.package is {found.package!r}, expected {package!r}")
    return found


def features() -> tuple[Feature, ...]:
    global _cache
    if _cache is None:
        if _packages is None:
            from pcdesk.installed import FEATURES

            packages: Sequence[str] = FEATURES
        else:
            packages = _packages
        loaded = [_manifest(FOUNDATION)] + sorted((_manifest(p) for p in packages), key=lambda f: f.order)
        names = [f.name for f in loaded]
        if len(set(names)) != len(names):
            raise ManifestError(f"two features share a name: {names}")
        _cache = tuple(loaded)
    return _cache


@contextmanager
def installed(packages: Sequence[str]) -> Iterator[None]:
    """Pretend pcdesk was built with these feature packages (tests)."""
    global _packages, _cache
    before = _packages, _cache
    _packages, _cache = tuple(packages), None
    try:
        yield
    finally:
        _packages, _cache = before


def feature(name: str) -> Feature:
    for f in features():
        if f.name == name:
            return f
    raise KeyError(name)


def package_dir(f: Feature) -> Path:
    return Path(importlib.import_module(f.package).__file__).parent  # type: ignore[arg-type]


# -- what the foundation reads ---------------------------------------------------------

def ledgers() -> dict[str, Ledger]:
    """Ledger id → declaration, in feature order."""
    found: dict[str, Ledger] = {}
    for f in features():
        for ledger in f.ledgers:
            if ledger.id in found:
                raise ManifestError(f"ledger {ledger.id!r} is declared twice")
            found[ledger.id] = ledger
    return found


def ledger_owner(ledger_id: str) -> Feature:
    return next(f for f in features() if any(d.id == ledger_id for d in f.ledgers))


def forms() -> dict[str, Form]:
    return {form.id: form for f in features() for form in f.forms}


def pages() -> list[Page]:
    return [p for f in features() for p in f.pages]


def page_roles() -> set[str]:
    """Every role some installed page is for: a role no page uses gives its holder nothing to open."""
    return {role for page in pages() for role in page.roles}


def command_registrars() -> list[str]:
    return [f.commands for f in features() if f.commands]


def demo_steps() -> list[str]:
    return [f.demo for f in features() if f.demo]


def attention_providers() -> list[tuple[Feature, str]]:
    return [(f, f.attention) for f in features() if f.attention]


def compliance_checks() -> list[tuple[Feature, str]]:
    return [(f, f.checks) for f in features() if f.checks]


def model_modules() -> list[str]:
    return [m for f in features() for m in f.models]


def migration_folders() -> list[Path]:
    """Every feature's Alembic version folder (the foundation's first)."""
    return [package_dir(f) / f.migrations.folder for f in features() if f.migrations]


def schema_heads() -> set[str]:
    """The revisions alembic_version holds once every branch is upgraded: each branch's
    head, less the revisions other branches grow from (those are no longer heads)."""
    declared = [f.migrations for f in features() if f.migrations]
    bases = {m.base for m in declared if m.base}
    return {m.head for m in declared} - bases


def guide_chapters() -> list[tuple[Feature, str]]:
    return [(f, f.guide) for f in features() if f.guide]


def resource_folders() -> list[str]:
    return [r for f in features() for r in f.resources]


def feature_settings() -> list[tuple[Feature, object]]:
    """(feature, FieldSpec) for every setting a feature declares."""
    return [(f, spec) for f in features() for spec in f.settings]


def provided(capability: str) -> list:
    """Every installed provider of a capability (pcdesk.capabilities), as callables."""
    from pcdesk.feature import load

    return [load(f.provides[capability]) for f in features() if capability in f.provides]
