"""Screenshots of the プライバシーポリシー chapter (docs/guide/images/policy_*.png) from the demo company.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/policy_screenshots.py
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
IMAGES = ROOT / "docs" / "guide" / "images"


def main() -> None:
    from pcdesk import clock

    clock.pin(dt.datetime(2026, 11, 22, 10, 0))
    folder = Path(tempfile.mkdtemp())
    os.environ["PCDESK_DATA_DIR"] = str(folder / "data")
    from PySide6.QtWidgets import QApplication

    from pcdesk.accounts.service import login
    from pcdesk.demo import DEMO_PASSWORD, create_demo
    from pcdesk.services import Workspace
    from pcdesk.store.opening import open_database
    from pcdesk.ui.application import install_japanese, style_app

    db = open_database(folder / "demo.sqlite3")
    create_demo(Workspace(db), seed=1)
    ws = Workspace(db, login(Workspace(db), "admin", DEMO_PASSWORD).actor)
    app = QApplication.instance() or QApplication([])
    install_japanese(app)
    style_app(app)

    from pcdesk.policy.ui.compare_dialog import CompareDialog
    from pcdesk.policy.ui.policy_page import PolicyPage
    from pcdesk.policy.ui.policy_wizard import PolicyWizard

    page = PolicyPage(ws)
    page.resize(960, 640)
    page.show()
    app.processEvents()
    page.grab().save(str(IMAGES / "policy_page.png"))

    wizard = PolicyWizard(ws)
    wizard.resize(860, 640)
    wizard.show()
    while wizard.current_step() != "purposes":
        wizard.next()
        app.processEvents()
    rows = wizard.currentPage().rows
    rows.table.selectRow(rows.table.rowCount() - 1)
    rows.remove_selected()  # as if the 退職者名簿 had not been read in yet: the page warns
    app.processEvents()
    wizard.grab().save(str(IMAGES / "policy_wizard.png"))
    wizard.done(0)

    dialog = CompareDialog(ws)
    dialog.resize(960, 560)
    dialog.show()
    app.processEvents()
    dialog.grab().save(str(IMAGES / "policy_compare.png"))
    db.dispose()


if __name__ == "__main__":
    main()
