"""Finding a table's heading among title rows and naming its columns from a fields table.

A heading is the row (or two rows, for a grouped heading such as 「委託」 over 「有無」「委託先」,
or IPA's 「個人情報の種類」 over 「個人情報」「要配慮個人情報」「特定個人情報」) whose cells name
the most fields of the feature's fields table (FieldSpec.label, .synonyms, .exact_synonyms).
Words are compared folded: 全角/半角 (NFKC), case, spaces, 「の」, marks such as ＊ and
numbering such as ①, so 「個人情報の名称」, 「個人情報名称」 and 「①個人情報名称＊」 are one word.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from pcdesk.fields import BOOL, FieldSpec, yes_no
from pcdesk.tabular.model import Column

EXACT, BARE, INSIDE = 3, 2, 1  # how well a heading matched: whole, without its (…), a word inside it

_NUMBERING = re.compile(r"^(?:\d{1,2}[.)．、:]|\(\d{1,2}\)|no\.?\d{1,2}\s)")
_MARKS = re.compile(r"[＊*※★☆◆■●◎]")


def fold(text: Any) -> str:
    """A heading as compared: 「① 個人情報の名称（必須）＊」 → 「個人情報名称(必須)」."""
    if text is None:
        return ""
    s = unicodedata.normalize("NFKC", str(text)).lower()
    s = re.sub(r"\s+", "", s)
    s = _NUMBERING.sub("", s)
    s = _MARKS.sub("", s)
    return s.replace("の", "").replace("・", "").replace("/", "").replace("／", "")


def _bare(folded: str) -> str:
    return re.sub(r"\(.*?\)|\[.*?\]|【.*?】|〔.*?〕", "", folded)


@dataclass(frozen=True)
class Match:
    key: str
    strength: int  # EXACT, BARE or INSIDE
    length: int  # of the synonym found (a longer one found inside beats a shorter one)


class Vocabulary:
    """The heading words of a fields table: label and synonyms of each field (synonyms may
    be found inside a longer heading), exact_synonyms only as the whole heading (「番号」 is
    管理番号, but 「電話番号」 is not)."""

    def __init__(self, fields: Iterable[FieldSpec]) -> None:
        self.fields = {f.key: f for f in fields}
        self.words: list[tuple[str, str, bool]] = []  # (folded word, key, exact only)
        for spec in self.fields.values():
            for word in (spec.label, *spec.synonyms):
                w = fold(word)
                if w:
                    self.words.append((w, spec.key, len(w) <= 1))
            for word in spec.exact_synonyms:
                if fold(word):
                    self.words.append((fold(word), spec.key, True))

    def matches(self, heading: Any) -> list[Match]:
        """Every field the heading may name, best first."""
        h = fold(heading)
        if not h:
            return []
        bare = _bare(h)
        found: dict[str, Match] = {}
        for word, key, exact_only in self.words:
            if word == h:
                m = Match(key, EXACT, len(word))
            elif word == bare:
                m = Match(key, BARE, len(word))
            elif not exact_only and len(word) >= 2 and word in h:
                m = Match(key, INSIDE, len(word))
            else:
                continue
            best = found.get(key)
            if best is None or (m.strength, m.length) > (best.strength, best.length):
                found[key] = m
        return sorted(found.values(), key=lambda m: (-m.strength, -m.length))

    def match(self, heading: Any) -> Match | None:
        found = self.matches(heading)
        return found[0] if found else None

    def column_matches(self, column: Column) -> list[Match]:
        """For a grouped column: its own heading first, then group+heading, then the group."""
        texts = [column.label]
        if column.group:
            texts += [column.group + column.label, column.group]
        ranked: list[tuple[int, int, int, Match]] = []
        for preference, text in enumerate(texts):
            for m in self.matches(text):
                ranked.append((-m.strength, preference, -m.length, m))
        out: list[Match] = []
        for *_, m in sorted(ranked, key=lambda r: r[:3]):
            if m.key not in {x.key for x in out}:
                out.append(m)
        return out

    def score(self, columns: Sequence[Column]) -> int:
        return len({ms[0].key for c in columns if (ms := self.column_matches(c))})


# -- heading rows ------------------------------------------------------------------------

def _text(v: Any) -> str:
    return "" if v is None else str(v).strip()


def columns_of(upper: Sequence[Any], lower: Sequence[Any] | None = None) -> list[Column]:
    """Columns from one heading row, or from a group row over a heading row. A group cell
    covers the columns to its right whose group cell is empty while they and their left
    neighbour have a heading below (how a merged or 「選択範囲内で中央」 group reads)."""
    if lower is None:
        return [Column(i, _text(v)) for i, v in enumerate(upper)]
    width = max(len(upper), len(lower))
    up = [_text(upper[i]) if i < len(upper) else "" for i in range(width)]
    low = [_text(lower[i]) if i < len(lower) else "" for i in range(width)]
    columns, group = [], ""
    for i in range(width):
        if up[i]:
            group = up[i]
        elif not low[i] or (i > 0 and not low[i - 1]):
            group = ""
        if not low[i]:
            columns.append(Column(i, up[i]))  # one heading over both rows (merged down)
        else:
            columns.append(Column(i, low[i], "" if group == low[i] else group))
    return columns


def _groups_columns(pair: Sequence[Column], lower: Sequence[Any]) -> bool:
    """The upper row groups columns (each group over two or more headings) and the lower row
    holds headings, not data: texts only, and under an ungrouped heading nothing or the
    same heading (merged down)."""
    if any(v is not None and not isinstance(v, str) for v in lower):
        return False
    runs: list[int] = []
    previous = None
    for c in pair:
        if c.group and c.group == previous:
            runs[-1] += 1
        elif c.group:
            runs.append(1)
        previous = c.group or None
    return bool(runs) and min(runs) >= 2


@dataclass(frozen=True)
class Heading:
    index: int  # position in the scanned rows of its first row
    rows: int  # 1 or 2
    columns: list[Column]
    score: int


def find_heading(rows: Sequence[tuple[int, Sequence[Any]]], vocabulary: Vocabulary) -> Heading | None:
    """The heading among the first rows: the row, or pair of adjacent rows, naming the most
    fields (at least two). A pair wins when it names more than either row alone, or as many
    when both rows are headings themselves (cells merged down repeat in the lower row) and
    the upper one groups some columns."""
    best: Heading | None = None
    for i, (number, cells) in enumerate(rows):
        single = columns_of(cells)
        upper_score = vocabulary.score(single)
        candidates = [Heading(i, 1, single, upper_score)]
        if i + 1 < len(rows) and rows[i + 1][0] == number + 1:
            lower = rows[i + 1][1]
            pair = columns_of(cells, lower)
            lower_score = vocabulary.score(columns_of(lower))
            score = vocabulary.score(pair)
            if score > max(upper_score, lower_score) or (
                    score >= max(upper_score, lower_score) and _groups_columns(pair, lower)):
                candidates.append(Heading(i, 2, pair, score))
        for c in candidates:
            if c.score >= 2 and (best is None or c.score > best.score
                                 or (c.score == best.score and c.index == best.index and c.rows > best.rows)):
                best = c
    return best


# -- rows below the heading that are not data ----------------------------------------------

EXAMPLE_WORDS = ("記入例", "例", "(例)", "例)", "〔例〕", "【例】", "サンプル")
FOOTER_WORDS = ("以上", "合計", "計", "小計", "総計")
NOTE_STARTS = ("※", "(", "例", "〔", "[", "【", "注")


def skip_reason(cells: Sequence[Any], heading: Sequence[Column], just_below: bool) -> str:
    """Why a row below the heading is not data: 「記入例」, a repeated heading, column numbers,
    notes under the heading, 「以上」; "" for a data row."""
    texts = [_text(c) for c in cells if _text(c)]
    if not texts:
        return ""
    folded = [fold(t) for t in texts]
    if folded[0] in {fold(w) for w in EXAMPLE_WORDS} or folded[0].startswith("記入例"):
        return "記入例"
    labels = [fold(c.label) for c in heading if c.label]
    if len(folded) >= 2 and folded == labels[:len(folded)] and len(folded) >= min(len(labels), 3):
        return "見出しの繰り返し"
    numbers = [_as_number(c) for c in cells if _text(c)]
    if len(numbers) >= 3 and all(n is not None for n in numbers) and numbers == list(range(numbers[0], numbers[0] + len(numbers))):
        return "列番号の行"
    if len(texts) == 1 and folded[0] in {fold(w) for w in FOOTER_WORDS}:
        return "表の終わり（以上・合計）"
    normalised = [unicodedata.normalize("NFKC", t) for t in texts]
    if just_below and len(texts) >= 2 and all(t.startswith(NOTE_STARTS) for t in normalised):
        return "見出しの説明"
    return ""


def _as_number(v: Any) -> int | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, int) or (isinstance(v, float) and v.is_integer()):
        return int(v)
    s = unicodedata.normalize("NFKC", _text(v))
    return int(s) if s.isdigit() and len(s) <= 3 else None


# -- proposing a mapping -------------------------------------------------------------------

def looks_like_marks(values: Iterable[Any]) -> bool:
    """The column holds only ○ / × / 有 / 無 / - and the like (a yes/no column)."""
    seen = [v for v in values if _text(v)]
    return bool(seen) and all(isinstance(v, bool) or yes_no(v) is not None for v in seen)


def propose(columns: Sequence[Column], vocabulary: Vocabulary, samples: dict[int, list[Any]] | None = None) -> dict[int, str]:
    """Column index → field key; each field once, the best-matching column winning. A column
    of marks (○ ×) goes to a yes/no field when its heading may name one."""
    ranked: list[tuple[int, int, int, str]] = []
    for column in columns:
        found = vocabulary.column_matches(column)
        if samples is not None and found and looks_like_marks(samples.get(column.index, [])):
            marks = [m for m in found if vocabulary.fields[m.key].kind == BOOL]
            found = marks or found
        elif samples is not None and found:
            text = [m for m in found if vocabulary.fields[m.key].kind != BOOL or
                    not any(_text(v) for v in samples.get(column.index, []))]
            found = text or found
        for rank, m in enumerate(found[:3]):
            ranked.append((rank, -m.strength, column.index, m.key))
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    for _rank, _strength, index, key in sorted(ranked, key=lambda r: (r[1], r[0], r[2])):
        if index not in mapping and key not in taken:
            mapping[index] = key
            taken.add(key)
    return dict(sorted(mapping.items()))
