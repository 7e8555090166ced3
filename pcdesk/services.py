"""The one service layer every write goes through.

A `Workspace` is an open database plus the person acting. Feature services are plain
functions taking a Workspace (``accounts.service.create_user(ws, ...)``); they open
``ws.write()`` whose session knows the actor, so the audit hook records each change
in the same transaction, and they check roles with ``ws.require(...)``.
"""

from __future__ import annotations

import threading
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

import pcdesk.audit.trail  # noqa: F401  registers the audit hook: no write escapes the trail
from pcdesk.errors import PcdeskError, PermissionDenied
from pcdesk.store.engine import Database

BUSY_MESSAGE = ("データベースが長い間ほかのプログラムに使われているため、保存できませんでした（何も保存していません）。"
                "ほかの pcdesk やバックアップソフトが終わるのを待って、もう一度お試しください。"
                "続くときは、ほかのパソコンで pcdesk を閉じてもらってください。")


class DatabaseBusy(PcdeskError):
    """A write waited for the database longer than the busy timeout."""


def busy(exc: BaseException) -> bool:
    text = str(getattr(exc, "orig", exc)).lower()
    return "database is locked" in text or "database is busy" in text or "lock timeout" in text


# Roles; a person may hold several. The Japanese label is what every screen shows.
ADMIN = "admin"
STAFF = "staff"
APPROVER = "approver"
RECEPTION = "reception"
ROLE_LABELS = {ADMIN: "管理者", STAFF: "担当者", APPROVER: "承認者", RECEPTION: "受付"}  # the one order of roles
# Roles whose holder uses one feature's screen and nothing else (受付: the visitor kiosk): offered
# for an account only once an installed feature has a page for them.
SCREEN_ROLES = frozenset({RECEPTION})


def offered_roles(held: Iterable[str] = ()) -> list[str]:
    """The roles an account may be given, in ROLE_LABELS order; a role it already holds stays."""
    from pcdesk import registry

    used, held = registry.page_roles(), set(held)
    return [r for r in ROLE_LABELS if r not in SCREEN_ROLES or r in used or r in held]


def role_names(roles: Iterable[str]) -> str:
    """「管理者・担当者」: Japanese role names in the one order (ROLE_LABELS)."""
    order = list(ROLE_LABELS)
    chosen = set(roles)
    return "・".join(ROLE_LABELS.get(r, r) for r in sorted(chosen, key=lambda r: (order.index(r) if r in order
                                                                                   else len(order), r)))


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    name: str
    roles: frozenset[str] = field(default_factory=frozenset)

    def has(self, role: str) -> bool:
        return role in self.roles

    @property
    def is_admin(self) -> bool:
        return ADMIN in self.roles

    @property
    def kiosk_only(self) -> bool:
        return self.roles == frozenset({RECEPTION})


# Actors that are not a logged-in person: first-run set-up and command-line tools.
SETUP = Actor(None, "初期設定", frozenset({ADMIN}))
SYSTEM = Actor(None, "システム", frozenset({ADMIN}))
COMMAND_LINE = Actor(None, "コマンドライン", frozenset({ADMIN}))


class Workspace:
    def __init__(self, db: Database, actor: Actor | None = None) -> None:
        self.db = db
        self.actor = actor
        # The open write session, for nested write()s — per thread, so that a worker
        # thread's read() never receives the GUI thread's open unit (a session belongs to
        # one thread).
        self._local = threading.local()

    @property
    def _unit(self) -> Session | None:
        return getattr(self._local, "unit", None)

    @_unit.setter
    def _unit(self, session: Session | None) -> None:
        self._local.unit = session

    def as_actor(self, actor: Actor) -> "Workspace":
        return Workspace(self.db, actor)

    def require(self, *roles: str) -> Actor:
        """The acting person, if they hold one of `roles` (any role when none given)."""
        actor = self.actor
        if actor is None:
            raise PermissionDenied("ログインしてください。")
        if roles and not any(actor.has(r) for r in roles):
            names = role_names(roles)
            raise PermissionDenied(f"この操作には「{names}」の権限が必要です。管理者に依頼してください。")
        return actor

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session; inside an open write() it is that unit's session, so a
        service composed into a larger unit sees the rows written so far."""
        if self._unit is not None:
            yield self._unit
            return
        session = self.db.new_read_session()
        try:
            yield session
        finally:
            # close() ends the transaction without expiring: loaded objects stay readable.
            session.close()

    @contextmanager
    def write(self, actor: Actor | None = None) -> Iterator[Session]:
        """A unit of work: commits with its audit entries, or rolls back whole.

        A write() opened inside another on the same Workspace joins the outer one, so
        services compose into one transaction (see `atomic`).
        """
        if self._unit is not None:
            acting = self._unit.info["actor"]
            if actor is not None and actor != acting:
                # Joining would record the inner service's changes under the outer person.
                raise RuntimeError(f"write({actor.name}) inside a unit of work opened by {acting.name}")
            yield self._unit
            return
        who = actor or self.actor
        if who is None:
            raise PermissionDenied("ログインしてください。")
        session = self.db.new_write_session()
        session.info["actor"] = who
        self._unit = session
        try:
            self.db.serialize_writers(session)
            yield session
            session.commit()
        except OperationalError as exc:
            session.rollback()
            if busy(exc):  # another program held the database past the busy timeout
                raise DatabaseBusy(BUSY_MESSAGE) from exc
            raise
        except BaseException:
            session.rollback()
            raise
        finally:
            self._unit = None
            session.close()

    def atomic(self) -> AbstractContextManager[Session]:
        """Run several service calls as one transaction: all saved, or none."""
        return self.write()
