"""The installation's audit keys: kept outside the database, in the user's profile.

Every audit entry is signed with HMAC-SHA-256 under a key that is not in the database
file, so someone holding only the file cannot recompute a consistent chain after an
edit. A key is stored

- in the operating system's credential store through ``keyring`` when it has a real
  backend (Windows Credential Locker, protected by DPAPI; macOS Keychain; Secret
  Service), with a stub without the secret in ``<data dir>/keys/<id>.json``;
- otherwise in that file itself, readable by the user only (0600).

For a shared PostgreSQL database every PC must hold the same key: the administrator
writes it out with ``pcdesk key export`` and registers it on each PC with ``pcdesk key
import`` (docs/guide/foundation.md).
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from pcdesk import clock
from pcdesk.errors import PcdeskError
from pcdesk.store.paths import data_dir

SERVICE = "pcdesk-audit-key"
ENV_KEYRING = "PCDESK_KEYRING"  # "off": never use the credential store (tests, portable use)
ENV_FOLDER = "PCDESK_KEY_DIR"  # where the key files live instead of <data dir>/keys (tests, portable use)
EXPORT_MARK = "pcdesk-audit-keys"

_cache: dict[tuple[str, str], bytes] = {}


class AuditKeyError(PcdeskError):
    """A key file that cannot be read or written; the message says what to do."""


@dataclass(frozen=True)
class AuditKey:
    id: str
    secret: bytes
    created: str = ""
    database: str = ""  # where it was first used (display name of the database)


def _folder() -> Path:
    override = os.environ.get(ENV_FOLDER)
    folder = Path(override) if override else data_dir() / "keys"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _credential_store():  # -> keyring backend | None
    """The OS credential store, or None when there is no real one (or it is switched off)."""
    if os.environ.get(ENV_KEYRING, "").lower() in ("off", "0", "no", "file"):
        return None
    try:
        import keyring
        from keyring.backends import fail
    except Exception:  # noqa: BLE001 - no keyring at all: the key file is the fallback
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001
        return None
    name = type(backend).__module__ + "." + type(backend).__name__
    if isinstance(backend, fail.Keyring) or "null" in name.lower() or getattr(backend, "priority", 0) <= 0:
        return None
    if "chainer" in name.lower() and not getattr(backend, "backends", None):
        return None
    return backend


def _write_private(path: Path, text: str) -> None:
    """Write `path` readable by this user only, replacing it atomically."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)


def _encode(secret: bytes) -> str:
    return base64.b64encode(secret).decode("ascii")


def _stub_path(key_id: str) -> Path:
    if not key_id.isalnum():
        raise AuditKeyError(f"鍵の番号が正しくありません: {key_id!r}")
    return _folder() / f"{key_id}.json"


def store_key(key: AuditKey) -> None:
    record = {"id": key.id, "created": key.created, "database": key.database}
    backend = _credential_store()
    if backend is not None:
        try:
            backend.set_password(SERVICE, key.id, _encode(key.secret))
            record["store"] = "keyring"
        except Exception:  # noqa: BLE001 - a locked or broken store: fall back to the file
            backend = None
    if backend is None:
        record["store"] = "file"
        record["secret"] = _encode(key.secret)
    try:
        _write_private(_stub_path(key.id), json.dumps(record, ensure_ascii=False, indent=1))
    except OSError as exc:
        raise AuditKeyError(f"監査証跡の鍵を保存できません（{_folder()}）: {exc.strerror or exc}。"
                        "利用者のデータフォルダに書き込めるかを確かめてください。") from exc
    _cache[(str(_folder()), key.id)] = key.secret


def new_key(database: str = "") -> AuditKey:
    key = AuditKey(secrets.token_hex(6), secrets.token_bytes(32), clock.now().isoformat(), database)
    store_key(key)
    return key


def _read_stub(key_id: str) -> dict:
    try:
        return json.loads(_stub_path(key_id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def get_key(key_id: str) -> bytes | None:
    """The secret of key `key_id`, or None when this PC does not hold it."""
    if not key_id:
        return None
    cached = _cache.get((str(_folder()), key_id))
    if cached is not None:
        return cached
    stub = _read_stub(key_id)
    secret_text = stub.get("secret")
    if not secret_text and stub.get("store") != "file":
        backend = _credential_store()
        if backend is not None:
            try:
                secret_text = backend.get_password(SERVICE, key_id)
            except Exception:  # noqa: BLE001
                secret_text = None
    if not secret_text:
        return None
    try:
        secret = base64.b64decode(secret_text, validate=True)
    except ValueError:
        return None
    _cache[(str(_folder()), key_id)] = secret
    return secret


def known_keys() -> list[dict]:
    """What this PC knows about its keys (no secrets): id, created, database."""
    found = []
    for path in sorted(_folder().glob("*.json")):
        stub = _read_stub(path.stem)
        if stub.get("id"):
            found.append({k: stub.get(k, "") for k in ("id", "created", "database", "store")})
    return found


def export_keys(key_ids: list[str], out: Path) -> list[str]:
    """Write the given keys (with their secrets) to `out` for another PC; returns the ids written."""
    records, missing = [], []
    for key_id in key_ids:
        secret = get_key(key_id)
        if secret is None:
            missing.append(key_id)
            continue
        stub = _read_stub(key_id)
        records.append({"id": key_id, "secret": _encode(secret), "created": stub.get("created", ""),
                        "database": stub.get("database", "")})
    if missing:
        raise AuditKeyError("この PC にない鍵があります: " + "、".join(missing) +
                        "。その鍵を持つ PC で pcdesk key export を実行してください。")
    try:
        _write_private(Path(out), json.dumps({EXPORT_MARK: records}, ensure_ascii=False, indent=1))
    except OSError as exc:
        raise AuditKeyError(f"鍵ファイルを書けません: {out}（{exc.strerror or exc}）") from exc
    return [r["id"] for r in records]


def import_keys(path: Path) -> list[str]:
    """Register the keys in a file written by export_keys on this PC; returns their ids."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        records = data[EXPORT_MARK]
        keys = [AuditKey(str(r["id"]), base64.b64decode(r["secret"], validate=True), str(r.get("created", "")),
                         str(r.get("database", ""))) for r in records]
    except FileNotFoundError:
        raise AuditKeyError(f"鍵ファイルが見つかりません: {path}") from None
    except (OSError, ValueError, KeyError, TypeError):
        raise AuditKeyError(f"pcdesk key export で書き出した鍵ファイルではありません: {path}") from None
    for key in keys:
        if not key.id.isalnum() or len(key.secret) < 16:
            raise AuditKeyError(f"鍵ファイルの内容が正しくありません: {path}")
    for key in keys:
        store_key(key)
    return [k.id for k in keys]


def forget_cache() -> None:
    _cache.clear()
