"""The audit key lives outside the database: in the credential store when there is a real
one, else in a file only the user can read; it moves to another PC by export/import."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest
from sqlalchemy import select

from pcdesk.audit import keys
from pcdesk.audit.model import AuditEntry, AuditHead
from pcdesk.company.service import add_department
from pcdesk.integrity import check_database
from pcdesk.store.paths import data_dir


def cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "pcdesk", *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", env=env)


def key_of(db) -> str:
    with db.new_read_session() as s:
        return s.scalar(select(AuditHead.key_id))


def test_without_a_credential_store_the_key_is_a_file_only_the_user_can_read(setup_ws):
    add_department(setup_ws, "総務部")
    key_id = key_of(setup_ws.db)
    stub = keys._folder() / f"{key_id}.json"
    record = json.loads(stub.read_text())
    assert record["store"] == "file" and record["secret"]
    if os.name == "posix":
        assert stat.S_IMODE(stub.stat().st_mode) == 0o600
    assert record["secret"] not in setup_ws.db.path.read_bytes().decode("latin-1")  # never in the database


def test_with_a_credential_store_the_secret_stays_in_it(setup_ws, monkeypatch):
    keyring = pytest.importorskip("keyring")
    from keyring.backend import KeyringBackend

    class Vault(KeyringBackend):  # stands for Windows Credential Locker (DPAPI)
        priority = 5
        items: dict = {}

        def get_password(self, service, username):
            return self.items.get((service, username))

        def set_password(self, service, username, password):
            self.items[(service, username)] = password

        def delete_password(self, service, username):
            self.items.pop((service, username), None)

    monkeypatch.delenv("PCDESK_KEYRING")
    previous = keyring.get_keyring()
    keyring.set_keyring(Vault())
    try:
        add_department(setup_ws, "総務部")
        key_id = key_of(setup_ws.db)
        record = json.loads((keys._folder() / f"{key_id}.json").read_text())
        assert record["store"] == "keyring" and "secret" not in record
        assert (keys.SERVICE, key_id) in Vault.items
        keys.forget_cache()
        assert keys.get_key(key_id) is not None
    finally:
        keyring.set_keyring(previous)


def test_another_pc_verifies_after_the_key_is_imported(demo, tmp_path):
    ws, _ = demo
    exported = tmp_path / "key.json"
    result = cli("key", "export", "--db", ws.db.path, "--out", exported)
    assert result.returncode == 0 and "書き出しました" in result.stdout and "消してください" in result.stdout
    other = dict(os.environ, PCDESK_DATA_DIR=str(tmp_path / "other-pc"), PCDESK_KEY_DIR=str(tmp_path / "other-pc" / "keys"))
    before = cli("check", "--db", ws.db.path, env=other)
    assert before.returncode == 1 and "この PC にないため" in before.stdout and "pcdesk key import" in before.stdout
    assert cli("key", "import", exported, env=other).returncode == 0
    after = cli("check", "--db", ws.db.path, env=other)
    assert after.returncode == 0, after.stdout


def test_a_file_database_moved_to_a_pc_without_its_key_switches_to_a_new_key_and_says_so(demo, tmp_path,
                                                                                         monkeypatch):
    ws, _ = demo
    old_key = key_of(ws.db)
    monkeypatch.setenv("PCDESK_DATA_DIR", str(tmp_path / "new-pc"))
    monkeypatch.setenv("PCDESK_KEY_DIR", str(tmp_path / "new-pc" / "keys"))
    keys.forget_cache()
    add_department(ws, "移行後の部門")
    with ws.read() as s:
        announce = s.scalars(select(AuditEntry).where(AuditEntry.action == "key")).one()
    assert old_key in announce.summary and "この PC にない" in announce.summary
    report = check_database(ws.db)
    assert not report.ok and any(f"鍵 {old_key} がこの PC にないため" in line for line in report.lines())


def test_an_unreadable_key_file_is_explained():
    from pcdesk.audit.keys import AuditKeyError, import_keys

    with pytest.raises(AuditKeyError, match="鍵ファイルが見つかりません"):
        import_keys(data_dir() / "none.json")
    bad = data_dir() / "bad.json"
    bad.write_text("{}")
    with pytest.raises(AuditKeyError, match="pcdesk key export で書き出した鍵ファイルではありません"):
        import_keys(bad)
