"""`pcdesk inventory list` writes dates as the screens do: 西暦 or 和暦 from the shared settings."""

from __future__ import annotations

from dataclasses import replace

from pcdesk.cli import run
from pcdesk.dates import WAREKI, format_date
from pcdesk.inventory.service import EntryFilter, list_entries
from pcdesk.settings import load_settings, save_settings


def listed(ws, capsys) -> str:
    assert run(["--db", str(ws.db.path), "inventory", "list"]) == 0
    return capsys.readouterr().out


def test_inventory_list_writes_the_review_date_in_the_chosen_style(demo, capsys):
    ws, _ = demo
    entry = next(e for e in list_entries(ws, EntryFilter()) if e.name == "名刺")
    seireki = listed(ws, capsys)
    line = next(text for text in seireki.splitlines() if "名刺" in text.split())
    assert f"最終見直し {format_date(entry.last_reviewed_on)}" in line  # 2025年10月30日, not 2025-10-30
    assert "-" not in line.split("最終見直し")[1]

    save_settings(ws, replace(load_settings(ws), date_style=WAREKI))
    wareki = listed(ws, capsys)
    assert f"最終見直し {format_date(entry.last_reviewed_on, WAREKI)}" in wareki
    assert "最終見直し 令和" in wareki
