"""Opening the chosen database and bringing its schema up to date (above engine and migrate)."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from pcdesk.store.engine import Database, DatabaseUnavailable, explain_failure, resolve_url


def open_database(db: str | os.PathLike[str] | None = None, *, migrate: bool = True,
                  must_exist: bool = False) -> Database:
    """Open the chosen database and, unless told not to, bring its schema up to date.

    `must_exist` is for commands that read an existing database: a mistyped path must
    not silently create an empty one.
    """
    url = resolve_url(db)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        path = Path(url.database)
        if path.is_dir():
            raise DatabaseUnavailable(f"フォルダが指定されています: {path}\nデータベースのファイルを指定してください"
                                      "（例: --db C:\\pcdesk\\pcdesk.sqlite3）。")
        if must_exist and not path.exists():
            raise DatabaseUnavailable(f"データベースのファイルがありません: {path}\n"
                                      "--db の指定を確かめてください。新しく始めるときは画面の初期設定か pcdesk demo を使います。")
        path.parent.mkdir(parents=True, exist_ok=True)  # only now: a refused path leaves no folder
    database = Database(url)
    if migrate:
        from pcdesk.store.migrate import upgrade

        try:
            upgrade(database)
        except (DBAPIError, OSError) as exc:
            database.dispose()
            raise DatabaseUnavailable(explain_failure(url, exc)) from exc
    return database
