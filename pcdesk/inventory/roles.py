"""Who may do what in the inventory (the service checks these; screens hide what cannot be done).

Reading the 台帳 and the risks: 管理者・担当者・承認者 (never 受付). Registering and editing
entries, drafts and reviews: 管理者・担当者. Retiring, importing from Excel and editing the
catalogue: 管理者.
"""

from __future__ import annotations

from typing import Any

from pcdesk.services import ADMIN, APPROVER, STAFF

READERS = (ADMIN, STAFF, APPROVER)
EDITORS = (ADMIN, STAFF)
MANAGERS = (ADMIN,)  # 廃止・取込
OFFICE = frozenset(EDITORS)  # the pages' audience


def may(actor: Any, roles: tuple[str, ...]) -> bool:
    return actor is not None and any(actor.has(r) for r in roles)
