"""Password hashing with argon2id (argon2-cffi) and the password rules.

The rules follow NIST SP 800-63B §5.1.1: length, not composition (a long Japanese
passphrase or a 20-digit number is fine), at most a generous maximum, and no password
from a list of common and breached ones (resources/accounts/common-passwords.txt).
Passwords are NFKC-normalised before hashing, so 全角 and 半角 typing of the same
password match; hashes made before that still verify.
"""

from __future__ import annotations

import functools
import secrets
import unicodedata


from pcdesk.shipped import resources_dir

@functools.cache
def _argon2():  # -> (PasswordHasher instance, the exceptions a wrong or odd hash raises)
    # argon2-cffi (and its C library) is loaded at the first password check, not on the way
    # to the login window (tests/bench/bench_startup.py).
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    # argon2id with the library's current recommended parameters
    return PasswordHasher(), (VerifyMismatchError, VerificationError, InvalidHashError), InvalidHashError

MIN_LENGTH = 8
MAX_LENGTH = 256  # long passphrases welcome; beyond this only an attack would type
MAX_INPUT = 1024  # longer input at login is refused before hashing
BLOCKLIST = "accounts/common-passwords.txt"
RULES_TEXT = (f"パスワードは{MIN_LENGTH}文字以上にしてください。英字・数字・記号を混ぜる必要はありません。"
              "長い文章（例: 朝いちばんに窓をあけて深呼吸）が覚えやすく安全です。よく使われるパスワードは使えません。")

_LOOK_ALIKE = [str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b",
                              "@": "a", "$": "s", "!": "i", "|": "l"}),
               str.maketrans({"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a",
                              "$": "s", "!": "l"})]
_EDGES = "0123456789!@#$%^&*()_-+=.,?~ "


def normalise(plain: str) -> str:
    return unicodedata.normalize("NFKC", plain)


def hash_password(plain: str) -> str:
    return _argon2()[0].hash(normalise(plain))


def verify_password(stored_hash: str, plain: str) -> bool:
    hasher, mismatch, _invalid = _argon2()
    for candidate in dict.fromkeys((normalise(plain), plain)):
        try:
            if hasher.verify(stored_hash, candidate):
                return True
        except mismatch:
            continue
    return False


@functools.cache
def dummy_hash() -> str:
    """A hash nobody's password matches: an unknown login ID costs the same as a known one."""
    return _argon2()[0].hash(secrets.token_hex(16))


def needs_rehash(stored_hash: str) -> bool:
    hasher, _mismatch, invalid = _argon2()
    try:
        return hasher.check_needs_rehash(stored_hash)
    except invalid:
        return True


@functools.cache
def blocklist() -> frozenset[str]:
    path = resources_dir() / BLOCKLIST
    words = (line.strip().lower() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(w for w in words if w and not w.startswith("#"))


def _forms(plain: str) -> set[str]:
    """The password as a guesser would try it: lower case, look-alikes undone, edges stripped."""
    base = normalise(plain).lower()
    found = {base}
    stripped = base.strip(_EDGES)
    if stripped and stripped != base:
        found.add(stripped)
    for table in _LOOK_ALIKE:
        for form in list(found):
            found.add(form.translate(table))
    return found


def _sequential(plain: str) -> bool:
    """abcdefgh, 12345678, 87654321: one step between every pair of characters."""
    steps = {ord(b) - ord(a) for a, b in zip(plain, plain[1:])}
    return len(steps) == 1 and steps <= {-1, 0, 1}


def is_common(plain: str, context: tuple[str, ...] = ()) -> bool:
    forms = _forms(plain)
    if forms & blocklist():
        return True
    own = {normalise(c).lower().replace(" ", "") for c in context if c}
    return bool(own & {f.replace(" ", "") for f in forms})


def password_problem(plain: str, context: tuple[str, ...] = ()) -> str | None:
    """Why a new password is refused, in Japanese, or None.

    `context` holds words the password must not be: the login ID, the person's name.
    """
    if len(plain) < MIN_LENGTH:
        return f"{MIN_LENGTH}文字以上にしてください（英字・数字・記号を混ぜる必要はありません。長い文章も使えます）。"
    if len(plain) > MAX_LENGTH:
        return f"{MAX_LENGTH}文字以内にしてください。"
    if plain.strip() != plain:
        return "先頭と末尾に空白を入れないでください。"
    if len(set(plain)) == 1 or _sequential(plain):
        return "同じ文字の繰り返しや、12345678・abcdefgh のような並びは使えません。"
    if is_common(plain, context):
        return ("よく使われるパスワードや、流出したことが知られているパスワードなので使えません。"
                "ログインIDや氏名も使えません。推測されにくいものにしてください（長い文章がおすすめです）。")
    return None


def temporary_password() -> str:
    # Unambiguous letters and digits: read aloud or copied from a note without mistakes.
    alphabet = "abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY346789"
    while True:
        pw = "".join(secrets.choice(alphabet) for _ in range(12))
        if password_problem(pw) is None:
            return pw
