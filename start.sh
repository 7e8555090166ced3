#!/usr/bin/env bash
# Quick start 1: install pcdesk with what it needs and start it (embedded SQLite default).
# Usage: bash start.sh [pcdesk arguments]   e.g. bash start.sh --db ~/demo.sqlite3
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/system-packages.sh
PY=${PYTHON:-python3}
[[ -x .venv/bin/python ]] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e .
exec .venv/bin/pcdesk "$@"
