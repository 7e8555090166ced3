"""Password hashing with argon2id (argon2-cffi) and the password rules."""

from __future__ import annotations

import secrets
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argon2 import PasswordHasher

MIN_LENGTH = 8


@lru_cache(maxsize=1)
def _hasher() -> "PasswordHasher":
    # argon2-cffi (and its C library) is loaded at the first password check, not on the way
    # to the login window (tests/bench/bench_startup.py).
    from argon2 import PasswordHasher

    return PasswordHasher()  # argon2id with the library's current recommended parameters


def hash_password(plain: str) -> str:
    return _hasher().hash(plain)


def verify_password(stored_hash: str, plain: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    try:
        return _hasher().verify(stored_hash, plain)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    from argon2.exceptions import InvalidHashError

    try:
        return _hasher().check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


def password_problem(plain: str) -> str | None:
    """Why a new password is refused, in Japanese, or None."""
    if len(plain) < MIN_LENGTH:
        return f"{MIN_LENGTH}文字以上にしてください。"
    if plain.strip() != plain:
        return "先頭と末尾に空白を入れないでください。"
    if plain.isdigit() or plain.isalpha():
        return "英字と数字を組み合わせてください。"
    return None


def temporary_password() -> str:
    # Unambiguous letters and digits: read aloud or copied from a note without mistakes.
    alphabet = "abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY346789"
    while True:
        pw = "".join(secrets.choice(alphabet) for _ in range(12))
        if password_problem(pw) is None:
            return pw
