"""Login time for a known ID with a wrong password, an unknown ID, and a disabled account
(prints a table, asserts nothing). The three should take the same time: an attacker must
not learn which IDs exist from how long the answer takes.

    python tests/bench/bench_login.py [--repeat N]   (default N = 15)

Figures are CPU seconds of this process per attempt (argon2id dominates), the median of N,
taken in turn so that other work on a shared machine affects all three alike. Each attempt
uses a fresh source so that no wait (pcdesk.accounts.throttle) cuts an attempt short.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PCDESK_KEYRING", "off")


def main() -> None:
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 15
    with tempfile.TemporaryDirectory() as folder:
        os.environ["PCDESK_DATA_DIR"] = folder
        import pcdesk.store.models  # noqa: F401
        from pcdesk.accounts.service import create_user, login, update_user
        from pcdesk.services import ADMIN, SETUP, STAFF, Workspace
        from pcdesk.store.opening import open_database

        db = open_database(Path(folder) / "bench.sqlite3")
        setup = Workspace(db, SETUP)
        create_user(setup, "known", "既知 太郎", "a-long-passphrase", {ADMIN})
        gone = create_user(setup, "gone", "退職 花子", "a-long-passphrase", {STAFF})
        update_user(setup, gone.id, display_name="退職 花子", roles={STAFF}, department_id=None, email="",
                    active=False)
        cases = {"known, wrong password": "known", "unknown ID": "nobody-here", "disabled account": "gone"}
        times: dict[str, list[float]] = {name: [] for name in cases}
        ws = Workspace(db)
        login(ws, "warm-up", "x", source="warm-up")
        for i in range(repeat):
            for name, login_id in cases.items():
                start = time.process_time()
                login(ws, login_id, "wrong-password", source=f"bench-{name}-{i}")
                times[name].append(time.process_time() - start)
        db.dispose()
    print(f"{'case':<24}{'median s':>10}{'min s':>10}{'max s':>10}")
    for name, values in times.items():
        print(f"{name:<24}{statistics.median(values):>10.3f}{min(values):>10.3f}{max(values):>10.3f}")


if __name__ == "__main__":
    main()
