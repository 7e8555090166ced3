"""Write a new Alembic revision on one feature's branch.

    python scripts/new_migration.py FEATURE "message"

Autogenerates from the models against a database upgraded to every head; afterwards set
the feature manifest's Migrations(head=...) to the revision id printed.
"""

import sys

from pcdesk.store.migrate import new_revision

if len(sys.argv) != 3:
    raise SystemExit(__doc__)
path = new_revision(sys.argv[1], sys.argv[2])
print(f"{path}\nSet Migrations(head=\"{path.stem.split('_')[0]}…\") in the manifest to this file's revision id.")
