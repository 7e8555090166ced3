"""Pledge wording: the shipped first versions (resources/pledges/<kind>.toml), checking an
edited version, and the numbered text printed on the pledge.

Clauses are kept without numbers; 「第1条（目的）」 is added when printing, so inserting or
removing a clause never leaves the numbering wrong.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from typing import Any, Sequence

from pcdesk import shipped
from pcdesk.errors import FieldProblem, ValidationError
from pcdesk.fields import check
from pcdesk.pledges.fields import MAX_CLAUSE_TEXT, MAX_CLAUSES, TEMPLATE_FIELDS
from pcdesk.pledges.model import TEMPLATE_KINDS
from pcdesk.text import clean

FOLDER = "pledges"
KANJI_DIGITS = "〇一二三四五六七八九"


@dataclass(frozen=True)
class Clause:
    heading: str
    text: str


@dataclass(frozen=True)
class TemplateText:
    """One version of one kind of pledge. `id` is None for a shipped text not yet in use."""

    kind: str
    version: int
    title: str
    preamble: str
    clauses: tuple[Clause, ...]
    closing: str = "以上"
    effective_on: dt.date | None = None
    note: str = ""
    id: int | None = None
    created_by: str = ""
    created_at: dt.datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def kind_label(self) -> str:
        return TEMPLATE_KINDS.get(self.kind, self.kind)

    def version_text(self, date_text=lambda d: f"{d.year}年{d.month}月{d.day}日") -> str:
        """「第2版（2026年4月1日改訂）」; the first version reads 制定."""
        if self.effective_on is None:
            return f"第{self.version}版"
        verb = "制定" if self.version == 1 else "改訂"
        return f"第{self.version}版（{date_text(self.effective_on)}{verb}）"


def shipped_path(kind: str):  # -> Path
    return shipped.resources_dir() / FOLDER / f"{kind}.toml"


def shipped_template(kind: str) -> TemplateText:
    """The first version pcdesk ships for `kind` (read from resources/pledges/)."""
    if kind not in TEMPLATE_KINDS:
        raise KeyError(kind)
    path = shipped_path(kind)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    clauses = tuple(Clause(str(c.get("heading", "")).strip(), str(c.get("text", "")).strip())
                    for c in data.get("clauses", []))
    return TemplateText(kind=kind, version=1, title=str(data["title"]).strip(),
                        preamble=str(data.get("preamble", "")).strip(), clauses=clauses,
                        closing=str(data.get("closing", "以上")).strip(), note="pcdesk 標準のひな形")


def clause_number(n: int) -> str:
    """第1条 … 第30条 (算用数字: what most company rules use and what reads well in small print)."""
    return f"第{n}条"


def numbered_text(clauses: Sequence[Clause]) -> str:
    """The clauses as printed: 「第1条（目的）」 on its own line, the text indented by a 全角 space;
    lines starting 「（1）」 keep their number so the form engine hangs them."""
    lines: list[str] = []
    for n, clause in enumerate(clauses, 1):
        lines.append(f"{clause_number(n)}（{clause.heading}）" if clause.heading else clause_number(n))
        for para in clause.text.splitlines():
            para = para.strip()
            if not para:
                continue
            lines.append(para if para.startswith(("（", "(")) else "　" + para)
    return "\n".join(lines)


def clean_clauses(raw: Sequence[Any]) -> list[Clause]:
    out = []
    for item in raw:
        heading = clean(item.heading if isinstance(item, Clause) else item.get("heading", ""))
        text = (item.text if isinstance(item, Clause) else str(item.get("text", ""))).strip()
        text = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n"))
        if heading or text:
            out.append(Clause(heading, text))
    return out


def check_template(values: dict[str, Any], clauses: Sequence[Clause]) -> list[FieldProblem]:
    """What is wrong with an edited version, before it is saved."""
    problems = check(TEMPLATE_FIELDS, values)
    if not clauses:
        problems.append(FieldProblem("条項", "1つ以上入れてください（例: 第1条 目的）。"))
    if len(clauses) > MAX_CLAUSES:
        problems.append(FieldProblem("条項", f"{MAX_CLAUSES}条以内にしてください（いまは{len(clauses)}条です）。"))
    for n, clause in enumerate(clauses, 1):
        where = f"{clause_number(n)}（{clause.heading or '見出しなし'}）"
        if not clause.heading:
            problems.append(FieldProblem(where, "見出しを入れてください（例: 守秘義務）。"))
        elif len(clause.heading) > 60:
            problems.append(FieldProblem(where, "見出しは60文字以内にしてください。"))
        if not clause.text:
            problems.append(FieldProblem(where, "本文を入れてください。"))
        elif len(clause.text) > MAX_CLAUSE_TEXT:
            problems.append(FieldProblem(where, f"本文は{MAX_CLAUSE_TEXT}文字以内にしてください"
                                                f"（いまは{len(clause.text)}文字です）。"))
    return problems


def raise_if_bad(values: dict[str, Any], clauses: Sequence[Clause]) -> None:
    problems = check_template(values, clauses)
    if problems:
        raise ValidationError(problems)
