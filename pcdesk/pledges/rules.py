"""Pure decisions about workers and pledges: which pledge a worker needs, and where they stand.

No database and no Qt: the service hands in plain rows, tests hand in anything with the
same attributes.

Status of a worker on a day (DOMAIN.md §4):
- 取得済: the latest pledge of the worker's kind is the current version of its template and
  was signed within the renewal period;
- 未取得: none signed;
- 要再取得: the template was revised after it was signed, or the renewal period has passed;
- 退職時誓約 未取得: left (退職日 on or before the day) without the 退職時 pledge.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Protocol

from pcdesk.pledges.model import (ANNUAL, CONTRACT, CONTRACTOR, DISPATCHED, EMPLOYMENTS, FOR_CONTRACTOR,
                                  FOR_DISPATCHED, JOINING, LEAVING, OFFICER, PART_TIME, REGULAR, SECONDED,
                                  TEMPLATE_KINDS)
from pcdesk.text import clean

SIGNED, MISSING, RENEW, LEAVING_MISSING, LEFT_SIGNED, ENDED = (
    "signed", "missing", "renew", "leaving_missing", "left_signed", "ended")
STATUSES: dict[str, str] = {
    SIGNED: "取得済",
    MISSING: "未取得",
    RENEW: "要再取得",
    LEAVING_MISSING: "退職時誓約 未取得",
    LEFT_SIGNED: "退職時誓約 取得済",
    ENDED: "契約終了",
}
# States that ask the administrator to act (the home page, the batch print, the compliance check).
NEEDS_ACTION = (MISSING, RENEW, LEAVING_MISSING)

# Kinds of pledge that count as a current worker's valid pledge, by 雇用区分.
_STAFF_KINDS = (JOINING, ANNUAL)
VALID_KINDS: dict[str, tuple[str, ...]] = {
    OFFICER: _STAFF_KINDS, REGULAR: _STAFF_KINDS, CONTRACT: _STAFF_KINDS, PART_TIME: _STAFF_KINDS,
    SECONDED: _STAFF_KINDS, DISPATCHED: (FOR_DISPATCHED,), CONTRACTOR: (FOR_CONTRACTOR,),
}
# Who signs the 退職時 pledge on leaving. Dispatched and contractor staff sign their own pledge,
# whose clauses cover the end of the assignment; their employer's contract covers the rest.
NEEDS_LEAVING_PLEDGE = frozenset({OFFICER, REGULAR, CONTRACT, PART_TIME, SECONDED})
# 雇用区分 whose 派遣元 / 出向元 / 所属会社 must be named.
NEEDS_AGENCY: dict[str, str] = {DISPATCHED: "派遣元", SECONDED: "出向元", CONTRACTOR: "所属会社"}


class WorkerLike(Protocol):
    employment: str
    joined_on: dt.date
    left_on: dt.date | None


class RecordLike(Protocol):
    kind: str
    version: int
    signed_on: dt.date
    voided: bool


@dataclass(frozen=True)
class Standing:
    """Where one worker stands on a day, with the sentence that explains it."""

    state: str
    reason: str
    record: Any = None  # the record the state was decided from (None when none counts)
    needs: str = ""  # the template kind to print for them, "" when nothing is needed

    @property
    def label(self) -> str:
        return STATUSES[self.state]

    @property
    def needs_action(self) -> bool:
        return self.state in NEEDS_ACTION


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the month's last day (31 Jan + 1 → 28/29 Feb)."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def has_left(worker: WorkerLike, today: dt.date) -> bool:
    return worker.left_on is not None and worker.left_on <= today


def latest(records: Iterable[RecordLike], kinds: Iterable[str]) -> RecordLike | None:
    wanted = set(kinds)
    found = [r for r in records if r.kind in wanted and not r.voided]
    return max(found, key=lambda r: (r.signed_on, r.version), default=None)


def kind_to_sign(worker: WorkerLike, records: Iterable[RecordLike], today: dt.date) -> str:
    """The template a worker should be given now: 退職時 for a leaver, their own kind for
    dispatched and contractor staff, 入社時 for staff who never signed, else 在職者."""
    if has_left(worker, today):
        return LEAVING
    kinds = VALID_KINDS.get(worker.employment, _STAFF_KINDS)
    if kinds != _STAFF_KINDS:
        return kinds[0]
    return ANNUAL if latest(records, _STAFF_KINDS) is not None else JOINING


def standing(worker: WorkerLike, records: Iterable[RecordLike], current_versions: Mapping[str, int],
             today: dt.date, renewal_months: int, date_text=lambda d: f"{d.year}年{d.month}月{d.day}日") -> Standing:
    """Decide the worker's state. `current_versions` is kind → newest version; `renewal_months`
    0 means no renewal by time."""
    records = list(records)
    if has_left(worker, today):
        if worker.employment not in NEEDS_LEAVING_PLEDGE:
            return Standing(ENDED, f"{date_text(worker.left_on)}に就業を終了（退職時の誓約書は対象外）")
        done = latest(records, (LEAVING,))
        if done is not None:
            return Standing(LEFT_SIGNED, f"{date_text(done.signed_on)}に退職時の誓約書を取得", done)
        return Standing(LEAVING_MISSING, f"{date_text(worker.left_on)}に退職、退職時の誓約書なし", None, LEAVING)
    kinds = VALID_KINDS.get(worker.employment, _STAFF_KINDS)
    last = latest(records, kinds)
    if last is None:
        needs = kind_to_sign(worker, records, today)
        return Standing(MISSING, f"{TEMPLATE_KINDS[needs]}の誓約書が必要", None, needs)
    kind_label = TEMPLATE_KINDS.get(last.kind, last.kind)
    current = current_versions.get(last.kind, last.version)
    if last.version < current:
        return Standing(RENEW, f"ひな形が第{current}版に改訂（署名は第{last.version}版）", last,
                        kind_to_sign(worker, records, today))
    if renewal_months > 0:
        due = add_months(last.signed_on, renewal_months)
        if due <= today:
            return Standing(RENEW, f"署名から{renewal_months}か月経過（期限 {date_text(due)}）", last,
                            kind_to_sign(worker, records, today))
        return Standing(SIGNED, f"次回の更新 {date_text(due)}", last)
    return Standing(SIGNED, f"{kind_label} 第{last.version}版（期間による更新なし）", last)


# -- what people type or a file holds ---------------------------------------------------

_SPACES = re.compile(r"[\s\u3000]+")
_HIRAGANA = re.compile("[\u3041-\u3096]")


def clean_name(text: Any) -> str:
    """氏名: 半角カナ→全角, 全角英数→半角, every run of spaces (全角 too) to one space."""
    return _SPACES.sub(" ", clean("" if text is None else str(text))).strip()


def clean_kana(text: Any) -> str:
    """フリガナ: stored in 全角カタカナ whether typed in ひらがな or 半角カナ."""
    s = clean_name(text)
    return _HIRAGANA.sub(lambda m: chr(ord(m.group()) + 0x60), s)


def clean_number(value: Any) -> str:
    """社員番号: 全角→半角, no spaces; a number cell 12.0 reads 12 (leading zeros only survive as text)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _SPACES.sub("", unicodedata.normalize("NFKC", str(value))).upper() if value != "" else ""


# Words companies write for a 雇用区分 (folded with NFKC); the labels and stored values work too.
EMPLOYMENT_WORDS: dict[str, str] = {
    "役員": OFFICER, "取締役": OFFICER, "代表取締役": OFFICER, "監査役": OFFICER, "執行役員": OFFICER,
    "正社員": REGULAR, "社員": REGULAR, "正規": REGULAR, "正規社員": REGULAR, "正規雇用": REGULAR,
    "契約社員": CONTRACT, "契約": CONTRACT, "嘱託": CONTRACT, "嘱託社員": CONTRACT, "有期": CONTRACT,
    "パート": PART_TIME, "アルバイト": PART_TIME, "パート・アルバイト": PART_TIME, "パートタイマー": PART_TIME,
    "パート社員": PART_TIME, "アルバイト社員": PART_TIME,
    "派遣": DISPATCHED, "派遣社員": DISPATCHED, "派遣スタッフ": DISPATCHED, "派遣労働者": DISPATCHED,
    "出向": SECONDED, "出向者": SECONDED, "出向社員": SECONDED, "受入出向": SECONDED,
    "常駐委託先要員": CONTRACTOR, "常駐": CONTRACTOR, "業務委託": CONTRACTOR, "委託": CONTRACTOR,
    "委託先要員": CONTRACTOR, "協力会社": CONTRACTOR, "常駐委託": CONTRACTOR, "SES": CONTRACTOR,
}


def employment_of(text: Any) -> str | None:
    """The stored 雇用区分 a word stands for, or None."""
    word = _SPACES.sub("", unicodedata.normalize("NFKC", "" if text is None else str(text)))
    if not word:
        return None
    if word in EMPLOYMENTS:
        return word
    folded = {unicodedata.normalize("NFKC", k).replace(" ", ""): v for k, v in EMPLOYMENT_WORDS.items()}
    folded.update({unicodedata.normalize("NFKC", label): key for key, label in EMPLOYMENTS.items()})
    return folded.get(word)
