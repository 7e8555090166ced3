"""One description per field, shared by every feature (Django's and Odoo's way).

A feature's ``fields.py`` holds ``FIELDS: tuple[FieldSpec, ...]`` in ledger order. From it
come the wizard's questions, the field widgets (pcdesk.ui.fields), validation with
Japanese messages, the importer's header synonyms (pcdesk.tabular), the ledger columns'
display and the audit trail's labels — so a field is described in one place only.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Sequence

from pcdesk.dates import SEIREKI, format_date, parse_date
from pcdesk.errors import FieldProblem

TEXT = "text"  # one line
LONG_TEXT = "long_text"  # several lines
NUMBER = "number"  # int
DATE = "date"
DATETIME = "datetime"
CHOICE = "choice"  # one of `choices`
MULTI = "multi"  # several of `choices` (stored as a list); free entries allowed when `open_choices`
BOOL = "bool"  # あり / なし
REFERENCE = "reference"  # an id into another table; `display` names it
KINDS = (TEXT, LONG_TEXT, NUMBER, DATE, DATETIME, CHOICE, MULTI, BOOL, REFERENCE)

YES_NO = (("true", "あり"), ("false", "なし"))


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str  # 管理番号 — column header, audit label, error messages
    kind: str = TEXT
    question: str = ""  # how the wizard asks it: 「この個人情報は何のために使いますか？」
    placeholder: str = ""  # 例: 顧客名簿
    help: str = ""  # one sentence shown under the field
    required: bool = False
    max_length: int | None = None
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[tuple[str, str], ...] = ()  # (stored value, Japanese label)
    open_choices: bool = False  # MULTI/CHOICE also accept words not in `choices`
    synonyms: tuple[str, ...] = ()  # header words a company's own workbook uses for it (found inside longer ones too)
    exact_synonyms: tuple[str, ...] = ()  # header words recognised only as the whole heading (「番号」, not 「電話番号」)
    audited: bool = True  # shown in the audit trail's 項目: 値 lists
    display: Callable[[Any], str] | None = None  # how a value reads (REFERENCE names, units)
    example: str = ""  # shown in "required" messages: 例: 人事部長
    default: Any = None  # a feature setting's value until someone changes it
    extra: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"{self.key}: unknown kind {self.kind!r}")

    # -- reading values ----------------------------------------------------------------

    def choice_label(self, value: Any) -> str:
        for stored, label in self.choices:
            if stored == value or stored == str(value):
                return label
        return "" if value is None else str(value)

    def choice_value(self, text: str) -> str | None:
        """The stored value a label (or the value itself) stands for, 全角/半角 folded."""
        wanted = normalise(text)
        for stored, label in self.choices:
            if wanted in (normalise(label), normalise(stored)):
                return stored
        return None

    def format(self, value: Any, date_style: str = SEIREKI, names: Mapping[Any, str] | None = None) -> str:
        """The value as a Japanese reader sees it (ledger cells, audit trail, CLI). `names`
        names a REFERENCE's ids (部門 3 → 営業部); dates stored as ISO text read as dates."""
        if self.display is not None:
            return self.display(value)
        if self.kind == CHOICE and value == "" and any(stored == "" for stored, _ in self.choices):
            return self.choice_label("")  # an empty choice with a name of its own: 「項目から判断」
        if value is None or value == "" or value == []:
            return ""
        if self.kind == BOOL:
            truth = value if isinstance(value, bool) else str(value).lower() in ("true", "1", "yes")
            if self.choices:
                return self.choice_label("true" if truth else "false")
            return "あり" if truth else "なし"
        if self.kind == REFERENCE:
            if names is not None and value in names:
                return names[value]
            return str(value)
        if self.kind in (CHOICE,):
            return self.choice_label(value)
        if self.kind == MULTI:
            items = value if isinstance(value, (list, tuple)) else [value]
            return "、".join(self.choice_label(v) for v in items)
        if self.kind == NUMBER and isinstance(value, (int, float)) and not isinstance(value, bool):
            return f"{value:,}"
        if self.kind in (DATE, DATETIME) and isinstance(value, str):
            try:
                value = dt.datetime.fromisoformat(value) if "T" in value or " " in value else dt.date.fromisoformat(value)
            except ValueError:
                return value
        if self.kind == DATE and isinstance(value, (dt.date, dt.datetime)):
            return format_date(value, date_style)
        if self.kind == DATETIME and isinstance(value, dt.datetime):
            return f"{format_date(value, date_style)} {value:%H:%M}"
        if self.kind == DATETIME and isinstance(value, dt.date):
            return format_date(value, date_style)
        return str(value)

    def required_message(self) -> str:
        if self.kind in (MULTI,):
            return "1つ以上選んでください" + (f"（{self.example}）。" if self.example else "。")
        if self.kind in (CHOICE, BOOL, REFERENCE):
            return "選んでください。"
        return "入力してください" + (f"（{self.example}）。" if self.example else "。")


def normalise(text: Any) -> str:
    """全角英数→半角, 半角カナ→全角 (NFKC), spaces trimmed and folded, for comparing words."""
    if text is None:
        return ""
    folded = unicodedata.normalize("NFKC", str(text))
    return " ".join(folded.split())


_WIDE_ASCII = set("０１２３４５６７８９－＿．＠＃／＆＋％＝") | {chr(c) for c in range(0xFF21, 0xFF3B)} \
    | {chr(c) for c in range(0xFF41, 0xFF5B)}
_HALF_KANA = re.compile(r"[\uff61-\uff9f]+")


def tidy(text: Any) -> str:
    """Text as a person meant it, for storing: 全角英数 → 半角 (ＡＢＣ１２３ → ABC123), 半角カナ →
    全角 (ﾀﾅｶ → タナカ), spaces (全角 too) folded; Japanese punctuation such as （）、。 kept."""
    if text is None:
        return ""
    s = "".join(unicodedata.normalize("NFKC", c) if c in _WIDE_ASCII else c for c in str(text))
    s = _HALF_KANA.sub(lambda m: unicodedata.normalize("NFKC", m.group()), s)
    return " ".join(s.replace("\u3000", " ").split())


def by_key(fields: Iterable[FieldSpec]) -> dict[str, FieldSpec]:
    return {f.key: f for f in fields}


def labels(fields: Iterable[FieldSpec]) -> dict[str, str]:
    return {f.key: f.label for f in fields}


def check(fields: Sequence[FieldSpec], values: Mapping[str, Any], only: Iterable[str] | None = None) -> list[FieldProblem]:
    """The Japanese problems of `values` for the listed fields (all when `only` is None):
    required, length, range, choice. Feature rules add their own on top."""
    wanted = set(only) if only is not None else None
    problems: list[FieldProblem] = []
    for spec in fields:
        if wanted is not None and spec.key not in wanted:
            continue
        value = values.get(spec.key)
        empty = value is None or (isinstance(value, str) and not value.strip()) or value == []
        if empty:
            if spec.required:
                problems.append(FieldProblem(spec.label, spec.required_message()))
            continue
        if spec.max_length and isinstance(value, str) and len(value) > spec.max_length:
            problems.append(FieldProblem(spec.label,
                                         f"{spec.max_length:,}文字以内にしてください（いまは{len(value):,}文字です）。"))
        if spec.kind == NUMBER and isinstance(value, (int, float)):
            if spec.minimum is not None and value < spec.minimum:
                problems.append(FieldProblem(spec.label, f"{spec.minimum:,g}以上にしてください。"))
            if spec.maximum is not None and value > spec.maximum:
                problems.append(FieldProblem(spec.label, f"{spec.maximum:,g}以下にしてください。"))
        if spec.kind == CHOICE and spec.choices and not spec.open_choices \
                and str(value) not in {c for c, _ in spec.choices}:
            names = "、".join(label for _, label in spec.choices)
            problems.append(FieldProblem(spec.label, f"次から選んでください: {names}"))
    return problems


def parse_text(spec: FieldSpec, raw: Any) -> Any:
    """A typed value from text a person typed or a cell held; ValueError with a Japanese reason."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return [] if spec.kind == MULTI else None
    if spec.kind == NUMBER:
        if isinstance(raw, (int, float)):
            return int(raw)
        text = normalise(raw).replace(",", "").replace("件", "").replace("人", "").replace("約", "")
        try:
            return int(float(text))
        except ValueError:
            raise ValueError("数として読めません。数字で入力してください（例: 500）。") from None
    if spec.kind == DATE:
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, dt.date):
            return raw
        try:
            return parse_date(str(raw))
        except ValueError:
            raise ValueError("日付として読めません（例: 2026/4/1、令和8年4月1日、R8.4.1）。") from None
    if spec.kind == BOOL:
        if isinstance(raw, bool):
            return raw
        verdict = yes_no(raw)
        if verdict is None:
            raise ValueError("あり・なしとして読めません。○・×、あり・なし などで入力してください。")
        return verdict
    if spec.kind == CHOICE and spec.choices:
        found = spec.choice_value(str(raw))
        if found is None and not spec.open_choices:
            raise ValueError(f"選べない値です。次から選んでください: {'、'.join(l for _, l in spec.choices)}")
        return found or tidy(raw)
    if spec.kind == MULTI:
        parts = raw if isinstance(raw, (list, tuple)) else split_list(str(raw))
        return [spec.choice_value(p) or tidy(p) for p in parts if tidy(p)]
    if spec.kind == LONG_TEXT:
        return "\n".join(tidy(line) for line in str(raw).strip().splitlines())
    return tidy(raw)


YES_WORDS = {"○", "◯", "〇", "●", "◎", "✓", "✔", "☑", "レ", "v", "有", "あり", "有り", "該当", "該当あり", "該当する",
             "はい", "yes", "y", "true", "1", "する", "済", "要", "対象", "対象あり"}
NO_WORDS = {"無", "なし", "無し", "-", "ー", "―", "−", "‐", "–", "—", "×", "✕", "✗", "非該当", "該当なし", "該当しない",
            "いいえ", "no", "n", "false", "0", "しない", "不要", "対象外", "対象なし", "なし。"}


def yes_no(raw: Any) -> bool | None:
    """○ ◯ ● ✓ 有 あり 該当 → True; 無 なし - × → False; anything else None."""
    if isinstance(raw, bool):
        return raw
    text = normalise(raw).lower()
    if text in {w.lower() for w in YES_WORDS}:
        return True
    if text in {w.lower() for w in NO_WORDS} or text == "":
        return False if text else None
    return None


_SEPARATORS = set("、，,・/／\n;；")
_OPEN, _CLOSE = set("（(「『【[〔"), set("）)」』】]〕")


def split_list(text: str) -> list[str]:
    """「氏名、住所・電話/メール」 → ['氏名', '住所', '電話', 'メール'] (、，, ・ / 改行), never inside
    brackets: 「アクセス制限（ID・パスワード）」 stays one word."""
    parts, current, depth = [], [], 0
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(depth - 1, 0)
        if ch in _SEPARATORS and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]
