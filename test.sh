#!/usr/bin/env bash
# Quick start 2: install everything the tests need (system packages included) and run the
# whole suite: the import contract (only UI modules import PySide6), unit and GUI tests, and
# the program as users get it (tests/installed: the wheel in a new venv, and the PyInstaller
# one-folder bundle — built once per run, a few minutes — run from another folder).
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/system-packages.sh --test
PY=${PYTHON:-python3}
[[ -x .venv/bin/python ]] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test,postgres,build]"
export QT_QPA_PLATFORM=offscreen
echo "== import contracts (lint-imports; derived from the installed features)"
mkdir -p build
.venv/bin/python -m pcdesk.devtools.contracts > build/importlinter.toml
.venv/bin/lint-imports --config build/importlinter.toml
echo "== unit, GUI and installed-program tests"
exec .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
