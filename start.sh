#!/usr/bin/env bash
# Quick start 1: install pcdesk with what it needs and start it (embedded SQLite default).
# Usage: bash start.sh [pcdesk arguments]   e.g. bash start.sh --db ~/demo.sqlite3
# Once installed, it starts straight away, also offline: it installs again only when the
# package description (pyproject.toml, setup.py) has changed, or with PCDESK_REINSTALL=1.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/system-packages.sh
PY=${PYTHON:-python3}
[[ -x .venv/bin/python ]] || "$PY" -m venv .venv
stamp=.venv/.pcdesk-installed
wanted=$(cat pyproject.toml setup.py | sha256sum | cut -d' ' -f1)
if [[ "${PCDESK_REINSTALL:-}" == 1 || ! -x .venv/bin/pcdesk || "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]] \
   || ! .venv/bin/python -c "import pcdesk" >/dev/null 2>&1; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -e .
  echo "$wanted" > "$stamp"
fi
exec .venv/bin/pcdesk "$@"
