"""A throwaway PostgreSQL cluster for the tests, on a Unix socket in a temp folder.

Set PCDESK_TEST_PG_URL to use an existing server instead (a database URL whose user may
CREATE DATABASE). Without either, the PostgreSQL tests are skipped with the reason.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid


def _bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


class Cluster:
    def __init__(self) -> None:
        self.base_url = os.environ.get("PCDESK_TEST_PG_URL", "")
        self.folder: str | None = None
        self.reason = ""
        if not self.base_url:
            self._start()

    def _start(self) -> None:
        initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
        if not initdb or not pg_ctl:
            self.reason = "PostgreSQL がありません（test.sh が apt-get install postgresql で入れます）"
            return
        run_as: list[str] = []
        if os.geteuid() == 0:  # initdb refuses root; use the account Debian's package creates
            try:
                pwd.getpwnam("postgres")
            except KeyError:
                self.reason = "postgres ユーザーがありません"
                return
            run_as = ["runuser", "-u", "postgres", "--"]
        self.folder = tempfile.mkdtemp(prefix="pcdesk-pg-")
        if run_as:
            shutil.chown(self.folder, "postgres", "postgres")
        data = os.path.join(self.folder, "data")
        subprocess.run([*run_as, initdb, "-D", data, "-U", "pcdesk", "--auth=trust", "-E", "UTF8",
                        "--locale=C.UTF-8"], check=True, capture_output=True)
        opts = f"-k {self.folder} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
        subprocess.run([*run_as, pg_ctl, "-D", data, "-o", opts, "-w", "-l",
                        os.path.join(self.folder, "log"), "start"], check=True, capture_output=True)
        self._run_as, self._pg_ctl, self._data = run_as, pg_ctl, data
        self.base_url = f"postgresql+psycopg://pcdesk@/postgres?host={self.folder}"

    @property
    def available(self) -> bool:
        return bool(self.base_url)

    def new_database(self) -> str:
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        name = f"t_{uuid.uuid4().hex[:12]}"
        admin = create_engine(self.base_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        return make_url(self.base_url).set(database=name).render_as_string(hide_password=False)

    def stop(self) -> None:
        if self.folder:
            subprocess.run([*self._run_as, self._pg_ctl, "-D", self._data, "-m", "immediate", "stop"],
                           capture_output=True)
            shutil.rmtree(self.folder, ignore_errors=True)
