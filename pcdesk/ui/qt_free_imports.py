"""Importing the Qt-free part of pcdesk after PySide6 without PySide6's import tax.

Once PySide6 is loaded it replaces `builtins.__import__` with a hook that, after every
module imported anywhere in the process, reads the module's whole source
(`inspect.getsource`) to learn whether it opts in to `from __feature__ import ...`. For the
store, the services and SQLAlchemy (some 300 modules, none of which touch Qt) that added about
0.13 s to every start (tests/bench/bench_startup.py). The GUI shows its login window first
and imports those modules behind it, so it lets them be imported with Python's own
`__import__`, which shiboken keeps as `builtins.__orig_import__`.

Only on the main thread and only for modules that never import PySide6 (pcdesk uses no
`__feature__` options, so a module the hook did not see behaves exactly like one it did).
"""

from __future__ import annotations

import builtins
import threading
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def qt_free_imports() -> Iterator[None]:
    hooked = builtins.__import__
    original = getattr(builtins, "__orig_import__", None)
    if original is None or hooked is original or threading.current_thread() is not threading.main_thread():
        yield  # no hook installed (or not ours to lift): import as usual
        return
    builtins.__import__ = original
    try:
        yield
    finally:
        builtins.__import__ = hooked
