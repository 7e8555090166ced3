"""Start-up to the login window beside a bare QDialog, measured in one run (prints figures, asserts nothing).

    python tests/bench/bench_startup.py [--repeat N] [--frozen dist/pcdesk/pcdesk] [--importtime]

Both programs are fresh processes started the same way, offscreen; each notes the moment
its first window is shown and the CPU time it had used by then (pcdesk through
PCDESK_FIRST_WINDOW, see pcdesk/ui/first_window.py; the baseline with the same event
filter) and closes it. pcdesk opens a demo database that is already migrated and backed up
today, so the figure is an ordinary morning start. Wall time is from spawning the process;
CPU seconds decide on a shared machine, where wall time depends on the neighbours.
Goal: pcdesk within 4× of the bare QDialog. pcdesk shows its login window before it opens the
database; the "pcdesk usable" row is the moment the login could be used (database open,
migrated and backed up), so both the window and the wait behind it are printed. The "SQLAlchemy+dlg" row is the same bare dialog
after `import sqlalchemy.orm`: the floor for a start-up that opens its database before the first
window. --importtime lists what the login path imports, heaviest first (python -X importtime).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from pcdesk import registry  # noqa: E402
GOAL = 4.0
HEAVY = ("sqlalchemy", "PySide6", "alembic", "argon2", "reportlab", "openpyxl", "PIL", "psycopg", "mako")

BARE_DIALOG = r"""
import json, sys, time
{preload}
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog

class Probe(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Show and isinstance(watched, QDialog):
            with open(sys.argv[1], "w", encoding="utf-8") as f:
                json.dump({"class": "QDialog", "shown_at": time.time(), "cpu": time.process_time()}, f)
            QTimer.singleShot(0, watched.reject)
        return False

app = QApplication(sys.argv[:1])
probe = Probe()
app.installEventFilter(probe)
dialog = QDialog()
dialog.setWindowTitle("bare")
dialog.exec()
"""


def run_once(command: list[str], env: dict[str, str], report: Path) -> tuple[float, float, float, float, dict]:
    """(wall and CPU seconds to the first window, wall and CPU seconds until it could be used,
    the report). pcdesk shows its login before the database is open; "ready" is the moment
    the login became usable (the same as shown for every other window)."""
    report.unlink(missing_ok=True)
    started = time.time()
    subprocess.run(command, env={**env, "PCDESK_FIRST_WINDOW": str(report)}, check=True, timeout=120,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    data = json.loads(report.read_text(encoding="utf-8"))
    shown, cpu = data["shown_at"] - started, data["cpu"]
    return shown, cpu, data.get("ready_at", data["shown_at"]) - started, data.get("ready_cpu", cpu), data


def import_times(env: dict[str, str], db: Path, report: Path) -> list[tuple[int, str]]:
    """(microseconds, package): import time spent in each top-level package's own modules."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "pcdesk", "--db", str(db)],
                          env={**env, "PCDESK_FIRST_WINDOW": str(report)}, capture_output=True, text=True,
                          check=True, timeout=120)
    found: dict[str, int] = {}
    for line in done.stderr.splitlines():
        parts = line[len("import time:"):].split("|") if line.startswith("import time:") else []
        if len(parts) == 3 and parts[0].strip().isdigit():
            package = parts[2].strip().partition(".")[0]
            found[package] = found.get(package, 0) + int(parts[0])
    return sorted(((us, name) for name, us in found.items()), reverse=True)


def main(repeat: int, frozen: Path | None, show_imports: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PCDESK_DATA_DIR": str(work / "data")}
        env.pop("PCDESK_DATABASE_URL", None)
        db = work / "demo.sqlite3"
        subprocess.run([sys.executable, "-m", "pcdesk", "demo", "--db", str(db)], env=env, check=True,
                       stdout=subprocess.DEVNULL, cwd=work)
        report = work / "first-window.json"
        programs = {
            "bare QDialog": [sys.executable, "-c", BARE_DIALOG.replace("{preload}", ""), str(report)],
            # The floor for any start-up that reads its database through SQLAlchemy before the
            # first window: the same bare dialog after importing SQLAlchemy's ORM.
            "SQLAlchemy+dlg": [sys.executable, "-c", BARE_DIALOG.replace("{preload}",
                "import sqlalchemy.orm, sqlalchemy.dialects.sqlite"), str(report)],
            "pcdesk login": [sys.executable, "-m", "pcdesk", "--db", str(db)],
        }
        if frozen is not None:
            programs["frozen login"] = [str(frozen), "--db", str(db)]
        results: dict[str, list[tuple[float, float]]] = {name: [] for name in programs}
        last: dict[str, dict] = {}
        for command in programs.values():  # warm-up: .pyc files, today's automatic backup
            run_once(command, env, report)
        for _ in range(repeat):  # taken in turn, so a busy moment hits every program alike
            for name, command in programs.items():
                wall, cpu, ready_wall, ready_cpu, data = run_once(command, env, report)
                results[name].append((wall, cpu))
                last[name] = data
                if "ready_at" in data:  # the login shown first, usable once the database is open
                    usable = name.replace("login", "usable")
                    results.setdefault(usable, []).append((ready_wall, ready_cpu))
                    last[usable] = {**data, "title": "ログイン（入力可能）"}

        base_wall = min(w for w, _ in results["bare QDialog"])
        base_cpu = min(c for _, c in results["bare QDialog"])
        print(f"start-up to the first window, offscreen, best of {repeat} (median in brackets)")
        print(f"{'program':<14} | {'wall':>7} {'(med)':>8} {'×bare':>6} | {'CPU':>7} {'×bare':>6} | window")
        for name, runs in results.items():
            walls, cpus = [w for w, _ in runs], [c for _, c in runs]
            print(f"{name:<14} | {min(walls):>6.2f}s ({statistics.median(walls):>5.2f}s) {min(walls) / base_wall:>5.2f}× | "
                  f"{min(cpus):>6.2f}s {min(cpus) / base_cpu:>5.2f}× | {last[name].get('title', last[name]['class'])}")
        print("imported before the login window was shown:",
              ", ".join(p for p in HEAVY if p in set(last["pcdesk login"].get("modules", ()))) or "—")
        loaded = set(last["pcdesk login"].get("ready_modules", last["pcdesk login"].get("modules", ())))
        print("imported before the login was usable:", ", ".join(p for p in HEAVY if p in loaded) or "—")
        print("not imported (lazy):", ", ".join(p for p in HEAVY if p not in loaded) or "—")
        # A manifest is read at every start; what it imports beyond itself is paid before the login.
        features = {f.package for f in registry.features() if f.name != "foundation"}
        extra = [m for m in last["pcdesk login"].get("pcdesk_modules", ())
                 if any(m.startswith(p + ".") for p in features) and not m.endswith(".manifest")]
        print("feature modules imported before the login window:", ", ".join(extra) or "— (manifests only)")
        floor = min(c for _, c in results["SQLAlchemy+dlg"])
        usable = results.get("pcdesk usable", results["pcdesk login"])
        print(f"pcdesk usable over the SQLAlchemy floor: {min(c for _, c in usable) / floor:.2f}× (CPU)")
        print(f"goal: pcdesk login ≤ {GOAL:.0f}× bare QDialog (the window; \"usable\" is when the password can be typed)")
        if show_imports:
            print("\nimport time on the login path by package (python -X importtime, own modules):")
            for us, name in import_times(env, db, report)[:15]:
                print(f"  {us / 1e6:>6.3f}s  {name}")


if __name__ == "__main__":
    args = sys.argv[1:]
    repeat, frozen = 5, None
    if "--repeat" in args:
        i = args.index("--repeat")
        repeat = int(args[i + 1])
        del args[i:i + 2]
    if "--frozen" in args:
        i = args.index("--frozen")
        frozen = Path(args[i + 1]).resolve()
        del args[i:i + 2]
    main(repeat, frozen, "--importtime" in args)
