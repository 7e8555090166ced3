"""Reading inside a transaction that is still being written."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from sqlalchemy.orm import Session

from pcdesk.services import Workspace


@contextmanager
def reading(ws: Workspace) -> Iterator[Session]:
    """ws.read(), except inside an open ws.write()/atomic(): then that session, so that a
    service composed into a larger unit (the demo, an import) sees the rows written so far."""
    unit = ws._unit  # noqa: SLF001 — Workspace has no public accessor for its open unit yet
    if unit is not None:
        yield unit
        return
    with ws.read() as s:
        yield s
