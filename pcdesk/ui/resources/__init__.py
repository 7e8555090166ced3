"""Stylesheet and icons shipped inside the package (found the same way when installed or frozen)."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent


def stylesheet() -> str:
    """The application stylesheet; a missing file (a bad build) leaves Qt's plain look."""
    try:
        return (HERE / "style.qss").read_text(encoding="utf-8")
    except OSError:
        return ""


def icon_path(name: str) -> Path | None:
    """The SVG for `name`, or None when a page has no icon of its own."""
    path = HERE / "icons" / f"{name}.svg"
    return path if path.exists() else None
