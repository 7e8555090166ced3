"""Where the shipped definition files (forms/) and texts (resources/) are.

In the checkout they are the top-level folders beside the package (the user guide is
docs/guide/); a wheel and the frozen bundle carry copies in ``pcdesk/_shipped/``
(setup.py's build step, installer/pcdesk.spec).
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
# shipped name → folder in the checkout
FOLDERS = {"forms": "forms", "resources": "resources", "guide": "docs/guide"}


def _folder(name: str) -> Path:
    packaged = PACKAGE / "_shipped" / name
    return packaged if packaged.is_dir() else PACKAGE.parent / FOLDERS[name]


def forms_dir() -> Path:
    return _folder("forms")


def resources_dir() -> Path:
    return _folder("resources")


def guide_dir() -> Path:
    return _folder("guide")
