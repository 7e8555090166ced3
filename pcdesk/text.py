"""Normalising what people type, the way a Japanese office expects.

Free text (names, addresses, department names): 全角英数字 become 半角 and 半角カナ become
全角, but Japanese punctuation such as （）「」 and the 全角 space stay as typed.
Codes (login IDs, e-mail, phone and postal numbers): full NFKC, so ｙａｍａｄａ is yamada.
"""

from __future__ import annotations

import re
import unicodedata

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_FULL_ALNUM = {**{0xFF10 + i: 0x30 + i for i in range(10)},
               **{0xFF21 + i: 0x41 + i for i in range(26)},
               **{0xFF41 + i: 0x61 + i for i in range(26)}}
_HALF_KANA_RUN = re.compile("[\uff61-\uff9f]+")
# Dashes people type in phone and postal numbers; NFKC leaves most of them alone.
_DASHES = str.maketrans({"－": "-", "ー": "-", "‐": "-", "−": "-", "―": "-", "–": "-", "—": "-"})


def clean(text: str | None) -> str:
    """Free text: 半角 alphanumerics, 全角 kana, everything else as typed."""
    s = (text or "").translate(_FULL_ALNUM)
    s = _HALF_KANA_RUN.sub(lambda m: unicodedata.normalize("NFKC", m.group()), s)
    return s.strip()


def clean_code(text: str | None) -> str:
    """IDs and e-mail addresses: every 全角 character to its 半角 form."""
    return unicodedata.normalize("NFKC", text or "").strip()


def clean_number_like(text: str | None) -> str:
    """Phone and postal numbers: 半角 digits with ASCII hyphens."""
    return clean_code(text).translate(_DASHES)


def is_email(text: str) -> bool:
    return bool(EMAIL_RE.match(text))
