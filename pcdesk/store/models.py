"""Imports every model so that Base.metadata is complete (Alembic, tests, create_all).

Each feature adds its model module here.
"""

import pcdesk.accounts.model  # noqa: F401
import pcdesk.audit.model  # noqa: F401
import pcdesk.company.model  # noqa: F401
import pcdesk.inventory.model  # noqa: F401
import pcdesk.settings  # noqa: F401
from pcdesk.store.base import Base

metadata = Base.metadata
