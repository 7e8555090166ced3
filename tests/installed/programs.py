"""Running pcdesk as a user gets it: installed from the wheel (test_wheel.py) and frozen into the
one-folder bundle (test_frozen.py), each run as its own program from a folder outside the
checkout, so nothing can be found there that the package itself does not carry.

Both go through `exercise()`: the demo company, every ledger the program lists in every
format, every form, the integrity check — and the GUI up to its first window.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pcdesk import registry

ROOT = Path(__file__).resolve().parents[2]
# Everything a build needs from the checkout; never the venv, earlier builds or caches.
SOURCE_IGNORE = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", "*.pyc",
                                       "_shipped", "*.sqlite3*", ".pytest_cache", "out", "screenshots")


SUMMARY: list[str] = []  # lines for the end of the test run (build times)


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def copy_source(target: Path) -> Path:
    """A clean copy of the checkout (builds write build/ and *.egg-info beside the sources)."""
    shutil.copytree(ROOT, target, ignore=SOURCE_IGNORE)
    return target


@dataclass
class Program:
    """An installed pcdesk started as a separate process in `workdir`."""

    command: list[str]
    workdir: Path

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items()
               if k not in ("PYTHONPATH", "PCDESK_DATABASE_URL", "PCDESK_FORMS_DIR", "PCDESK_FIRST_WINDOW")}
        # PCDESK_NOW (the pinned clock) is inherited from the test session.
        env.update(PCDESK_DATA_DIR=str(self.workdir / "data"), QT_QPA_PLATFORM="offscreen", **extra)
        return env

    def run(self, *args: str | Path, ok: bool = True, timeout: int = 300) -> subprocess.CompletedProcess:
        done = subprocess.run([*self.command, *map(str, args)], cwd=self.workdir, env=self.env(),
                              capture_output=True, text=True, encoding="utf-8", timeout=timeout)
        if ok:
            assert done.returncode == 0, f"{' '.join(map(str, args))} → {done.returncode}\n{done.stdout}\n{done.stderr}"
        return done

    def first_window(self, *args: str | Path) -> dict:
        """Start the GUI offscreen; it closes its first window itself (pcdesk/ui/first_window.py)."""
        report = self.workdir / "first-window.json"
        report.unlink(missing_ok=True)
        done = subprocess.run([*self.command, *map(str, args)], cwd=self.workdir,
                              env=self.env(PCDESK_FIRST_WINDOW=str(report)), capture_output=True, text=True,
                              encoding="utf-8", timeout=300)
        assert report.is_file(), f"no window was shown (exit {done.returncode})\n{done.stdout}\n{done.stderr}"
        data = json.loads(report.read_text(encoding="utf-8"))
        data["returncode"] = done.returncode
        return data


def listed(output: str) -> dict[str, str]:
    """`pcdesk export --list` / `pcdesk form --list`: {id: title}."""
    rows = [line.split(None, 1) for line in output.splitlines() if line.strip() and not line.startswith(" ")]
    return {row[0]: row[1].strip() if len(row) > 1 else "" for row in rows}


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          encoding="utf-8", check=True).stdout


def exercise(program: Program) -> dict[str, list[str]]:
    """What a user does first with a fresh install, on the command line: the demo company,
    every ledger `pcdesk export --list` offers in every format it declares, every other
    export a feature adds (`pcdesk export pack`), every form, the check. Returns what was written."""
    from openpyxl import load_workbook

    from pcdesk.output.spec import load_ledger_spec

    db = program.workdir / "demo.sqlite3"
    demo = program.run("demo", "--db", db)
    assert "デモ会社を作成しました" in demo.stdout

    ledgers = program.run("export", "--list", "--db", db)
    assert ledgers.stderr == "", ledgers.stderr  # a definition the program cannot read is reported here
    declared = {ledger_id: ledger for ledger_id, ledger in registry.ledgers().items() if ledger.listed}
    assert set(listed(ledgers.stdout)) == set(declared), "the installed program lists other ledgers than the manifests"
    written: dict[str, list[str]] = {"ledgers": [], "exports": [], "forms": []}
    out = program.workdir / "out"
    out.mkdir(exist_ok=True)
    for ledger_id, ledger in declared.items():
        title = load_ledger_spec(ledger_id).title
        for fmt in ledger.formats:
            target = out / f"{ledger_id}.{fmt}"
            done = program.run("export", ledger_id, "--format", fmt, "--out", target, "--db", db)
            assert target.is_file() and "出力しました" in done.stdout, done.stdout
            if fmt == "xlsx":
                sheet = load_workbook(target, read_only=True).worksheets[0]
                first_cells = " ".join(str(c) for row in sheet.iter_rows(max_row=3, values_only=True) for c in row if c)
                assert title in first_cells, (ledger_id, first_cells)
            elif fmt == "pdf":
                assert title in pdf_text(target), ledger_id  # the Japanese font was found and embedded
            else:
                assert title in target.read_text(encoding="utf-8"), (ledger_id, fmt)
            written["ledgers"].append(target.name)

    # Exports a feature handles itself (provides "export:<name>"), e.g. the application pack.
    for name in sorted(k.partition(":")[2] for f in registry.features() for k in f.provides if k.startswith("export:")):
        target = out / name
        done = program.run("export", name, "--out", target, "--db", db)
        assert target.exists() and done.stdout.strip(), done.stdout
        written["exports"].append(name)

    forms = listed(program.run("form", "--list").stdout)
    assert {f for f in registry.forms()} <= set(forms), "a declared form is missing from the installed program"
    for form_id, title in forms.items():
        target = out / f"{form_id}.pdf"
        declared = registry.forms().get(form_id)
        record = ["--record", record_key(db, form_id)] if declared and declared.values else []
        done = program.run("form", form_id, *record, "--out", target, "--db", db)
        assert target.is_file() and title in pdf_text(target), done.stdout
        written["forms"].append(target.name)

    check = program.run("check", "--db", db)
    assert "データベースの整合性: 正常" in check.stdout and "監査証跡: 正常" in check.stdout
    return written


def record_key(db: Path, form_id: str) -> str:
    """A demo record a form filled from records can be printed for (`pcdesk form ID --record KEY`):
    the first value in its feature's ledger rows that the form's own `values(ws, key)` accepts."""
    from pcdesk.feature import load
    from pcdesk.output.registry import LedgerQuery
    from pcdesk.services import COMMAND_LINE, Workspace
    from pcdesk.store.opening import open_database

    owner = next(f for f in registry.features() if any(form.id == form_id for form in f.forms))
    values = load(next(form.values for form in owner.forms if form.id == form_id))
    database = open_database(db, migrate=False)
    try:
        ws = Workspace(database, COMMAND_LINE)
        for ledger in owner.ledgers:
            for row in load(ledger.rows)(ws, LedgerQuery()):
                for cell in row.values():
                    if isinstance(cell, (str, int)) and str(cell).strip():
                        try:
                            values(ws, str(cell))
                        except Exception:  # not a key of this form's records
                            continue
                        return str(cell)
    finally:
        database.dispose()
    raise AssertionError(f"no demo record to print form {form_id} for")


def assert_gui_reaches_its_windows(program: Program) -> None:
    """A new database greets with the start choice; the demo database asks for a login. Qt's
    own texts are Japanese and the stylesheet is applied."""
    fresh = program.first_window("--db", program.workdir / "fresh.sqlite3")
    assert fresh["class"] == "StartChoiceDialog" and fresh["returncode"] == 0, fresh
    login = program.first_window("--db", program.workdir / "demo.sqlite3")
    assert login["class"] == "LoginDialog" and login["title"] == "ログイン — pcdesk", login
    assert login["qt_japanese"] and login["translators"] >= 2 and login["style"], login
    # The login window is up before the database is opened (nothing of the store is loaded yet),
    # and it becomes usable without the libraries only later work needs (start-up time).
    assert not {"sqlalchemy", "alembic"} & set(login["modules"]), login["modules"]
    assert "ready_at" in login and login["ready_at"] >= login["shown_at"], login
    assert "sqlalchemy" in login["ready_modules"], login["ready_modules"]
    assert not {"alembic", "reportlab", "openpyxl", "argon2"} & set(login["ready_modules"]), login["ready_modules"]
