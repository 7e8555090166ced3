"""The home page's 「登録の状況」: the ledger entries and risks beside the office's figures,
each shown to those who may open its page."""

from __future__ import annotations

from pcdesk.inventory.analysis import list_risks
from pcdesk.inventory.service import EntryFilter, list_entries
from pcdesk.ui.shell.home_page import HomePage
from tests.gui.test_inventory_ledger_page import inventory  # noqa: F401  (the demo inventory fixture)


def figures(qtbot, ws) -> dict[str, str]:
    page = HomePage(ws)
    qtbot.addWidget(page)
    grid = page.counts_grid
    cells = {}
    for i in range(grid.count()):
        row, col, _rs, _cs = grid.getItemPosition(i)
        cells[(row, col)] = grid.itemAt(i).widget().text()
    return {cells[(r + 1, c)]: value for (r, c), value in cells.items() if r % 2 == 0 and (r + 1, c) in cells}


def test_home_counts_ledger_entries_and_risks(qtbot, inventory, login_as):  # noqa: F811
    admin = login_as(inventory, "admin")
    entries = list_entries(admin, EntryFilter())
    risks = list_risks(admin)
    waiting = sum(not r.accepted for r in risks)
    shown = figures(qtbot, admin)
    assert shown["個人情報管理台帳"] == f"{len(entries)} 件"
    assert shown["リスク分析"] == f"{len(risks)} 件（未承認 {waiting} 件）"
    assert {"アカウント", "部門", "監査ログ"} <= set(shown)

    staff = figures(qtbot, login_as(inventory, "staff"))  # their pages' figures, not the office's
    assert set(staff) == {"個人情報管理台帳", "リスク分析"}
