"""Entry point: no arguments starts the GUI; anything else is the command line."""

from __future__ import annotations

import gc
import os
import sys


def _utf8_console() -> None:
    # Japanese output on a Windows console (cp932) or a pipe must not crash.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[attr-defined]
        except (AttributeError, ValueError):
            pass


def _gui_database(argv: list[str]) -> tuple[bool, str | None]:
    """(start the GUI?, --db value): the GUI starts when nothing but --db is given."""
    if len(argv) == 2 and argv[0] == "--db":
        return True, argv[1]
    if len(argv) == 1 and argv[0].startswith("--db="):
        return True, argv[0].split("=", 1)[1]
    return not argv, None


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _utf8_console()
    gui, db_arg = _gui_database(argv)
    if gui:
        return _start_gui(db_arg)
    from pcdesk.cli import run

    return run(argv)


def main_gui(argv: list[str] | None = None) -> int:
    """The windowed entry point (pcdesk-gui): only --db is understood."""
    _gui, db_arg = _gui_database(list(sys.argv[1:] if argv is None else argv))
    return _start_gui(db_arg)


def _start_gui(db_arg: str | None) -> int:
    if not _has_display():
        print("画面（ディスプレイ）がないため起動できません。デスクトップから起動するか、"
              "Linux で画面のない環境なら xvfb-run pcdesk で起動してください。"
              "画面なしで使える操作は pcdesk --help を見てください。", file=sys.stderr)
        return 2
    # Start-up creates a few hundred thousand objects that live as long as the process
    # (modules, classes, SQLAlchemy's tables and mappers); the cyclic collector would walk them
    # some 150 times before the first window, about a tenth of a second
    # (tests/bench/bench_startup.py). It is paused until the first window is up (run_gui).
    gc.disable()
    from pcdesk.ui.application import run_gui

    return run_gui(db_arg)


def _has_display() -> bool:
    """Qt aborts the process without a display on Linux; say so in Japanese instead."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


if __name__ == "__main__":
    raise SystemExit(main())
