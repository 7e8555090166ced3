"""Entry point: no arguments starts the GUI; anything else is the command line."""

from __future__ import annotations

import os
import sys


def _utf8_console() -> None:
    # Japanese output on a Windows console (cp932) or a pipe must not crash.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[attr-defined]
        except (AttributeError, ValueError):
            pass


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _utf8_console()
    gui_only = all(a.startswith("--db") or (i > 0 and argv[i - 1] == "--db") for i, a in enumerate(argv))
    if not argv or gui_only and "--db" in " ".join(argv):
        return main_gui(argv)
    from pcdesk.cli import run

    return run(argv)


def main_gui(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    db_arg = None
    for i, a in enumerate(argv):
        if a == "--db" and i + 1 < len(argv):
            db_arg = argv[i + 1]
        elif a.startswith("--db="):
            db_arg = a.split("=", 1)[1]
    if not _has_display():
        print("画面（ディスプレイ）がないため起動できません。デスクトップから起動するか、"
              "Linux で画面のない環境なら xvfb-run pcdesk で起動してください。"
              "画面なしで使える操作は pcdesk --help を見てください。", file=sys.stderr)
        return 2
    from pcdesk.ui.application import run_gui

    return run_gui(db_arg)


def _has_display() -> bool:
    """Qt aborts the process without a display on Linux; say so in Japanese instead."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


if __name__ == "__main__":
    raise SystemExit(main())
