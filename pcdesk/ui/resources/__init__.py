"""Stylesheet and icons shipped inside the package (found the same way when installed or frozen)."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent


def stylesheet() -> str:
    return (HERE / "style.qss").read_text(encoding="utf-8")


def icon_path(name: str) -> Path | None:
    """The SVG for `name`, or None when a page has no icon of its own."""
    path = HERE / "icons" / f"{name}.svg"
    return path if path.exists() else None
