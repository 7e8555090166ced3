"""The two published documents as data: built from the answers and the clause templates.

A Document is what publishing freezes (stored as JSON with the version), what the PDF,
HTML and text writers print, and what the version comparison lines up clause by clause.
Building never leaves a placeholder empty: lines whose value is missing are left out,
clauses that do not apply are not there, and clauses are numbered after that.

    build_document(POLICY | NOTICE, answers) -> Document
    build_statement(answers, subject=None) -> Document     (利用目的の明示 for forms)
    printable(document, answers, history, ...) -> Printable   (with signature and 改定履歴)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping

from pcdesk.dates import SEIREKI, format_date
from pcdesk.policy.fields import FIELDS, SECURITY_GROUPS
from pcdesk.policy.rules import purpose_groups, subject_title
from pcdesk.policy.templates import Filler, TemplateError, applies, load_template
from pcdesk.text import clean

POLICY = "policy"
NOTICE = "notice"
STATEMENT = "statement"
KINDS = {POLICY: "個人情報保護方針", NOTICE: "個人情報の取扱いについて"}
BULLET = "・"


@dataclass(frozen=True)
class Block:
    kind: str  # "p" paragraph | "ul" bullets | "dl" label–value rows | "sub" numbered sub-item
    text: str = ""  # p: the paragraph; sub: its numbered heading
    items: tuple[Any, ...] = ()  # ul: texts; dl: (label, value) pairs; sub: Blocks

    def to_json(self) -> dict[str, Any]:
        if self.kind == "sub":
            return {"kind": "sub", "text": self.text, "items": [b.to_json() for b in self.items]}
        if self.kind == "dl":
            return {"kind": "dl", "items": [list(pair) for pair in self.items]}
        return {"kind": self.kind, "text": self.text, "items": list(self.items)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Block":
        kind = data["kind"]
        if kind == "sub":
            return cls("sub", data["text"], tuple(cls.from_json(b) for b in data["items"]))
        if kind == "dl":
            return cls("dl", "", tuple((str(a), str(b)) for a, b in data["items"]))
        return cls(kind, data.get("text", ""), tuple(data.get("items", ())))

    def lines(self) -> list[str]:
        """The block as plain lines (the comparison and the text output read these)."""
        if self.kind == "p":
            return [self.text]
        if self.kind == "ul":
            return [f"{BULLET}{item}" for item in self.items]
        if self.kind == "dl":
            out = []
            for label, value in self.items:
                first, *rest = value.split("\n")
                out.append(f"{label}：{first}")
                out += [f"　{line}" for line in rest]
            return out
        return [self.text, *(line for b in self.items for line in b.lines())]


@dataclass(frozen=True)
class Clause:
    key: str
    heading: str  # numbered: 「1．事業者の名称・住所・代表者」
    blocks: tuple[Block, ...]

    def lines(self) -> list[str]:
        return [line for b in self.blocks for line in b.lines()]


@dataclass(frozen=True)
class Document:
    kind: str
    title: str
    preamble: tuple[Block, ...] = ()
    clauses: tuple[Clause, ...] = ()
    closing: tuple[Block, ...] = ()
    signature: tuple[str, ...] = ()  # template lines, filled when printed (the dates come from the versions)
    history_heading: str = "改定履歴"
    history_first: str = "制定"

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "title": self.title,
                "preamble": [b.to_json() for b in self.preamble],
                "clauses": [{"key": c.key, "heading": c.heading, "blocks": [b.to_json() for b in c.blocks]}
                            for c in self.clauses],
                "closing": [b.to_json() for b in self.closing], "signature": list(self.signature),
                "history_heading": self.history_heading, "history_first": self.history_first}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Document":
        return cls(kind=data["kind"], title=data["title"],
                   preamble=tuple(Block.from_json(b) for b in data.get("preamble", ())),
                   clauses=tuple(Clause(c["key"], c["heading"], tuple(Block.from_json(b) for b in c["blocks"]))
                                 for c in data.get("clauses", ())),
                   closing=tuple(Block.from_json(b) for b in data.get("closing", ())),
                   signature=tuple(data.get("signature", ())), history_heading=data.get("history_heading", "改定履歴"),
                   history_first=data.get("history_first", "制定"))

    def clause(self, key: str) -> Clause | None:
        return next((c for c in self.clauses if c.key == key), None)


@dataclass(frozen=True)
class Printable:
    """A document ready to print: the frozen body, its filled signature and its 改定履歴."""

    document: Document
    signature: tuple[str, ...] = ()
    history: tuple[tuple[str, str], ...] = ()  # (日付, 内容) oldest first
    version_label: str = ""  # 第2版
    draft_note: str = ""  # 「下書き（公表前の案）」 printed above the title of a draft
    company: str = ""

    @property
    def title(self) -> str:
        return self.document.title


# -- values the templates may name -------------------------------------------------------

def _text(value: Any) -> str:
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, int):
        return f"{value:,}"
    return str(value).strip()


def template_values(answers: Mapping[str, Any]) -> tuple[dict[str, str], dict[str, bool]]:
    """({name: text}, {name: applies}) for every answer plus the derived ones."""
    values = {spec.key: _text(answers.get(spec.key)) for spec in FIELDS if spec.kind not in ("bool",)}
    flags = {spec.key: bool(answers.get(spec.key)) for spec in FIELDS}
    postal = clean(answers.get("postal_code"))
    address = _text(answers.get("address"))
    values["company_address"] = f"〒{postal} {address}" if postal and address else address
    values["contact_address"] = _text(answers.get("contact_address")) or values["company_address"]
    fee = answers.get("fee_amount")
    flags["fee"] = isinstance(fee, int) and fee > 0
    values["fee_text"] = f"{fee:,}円" if flags["fee"] else ""
    values["countries"] = "、".join(r.get("country", "") for r in answers.get("abroad_countries") or [] if r.get("country"))
    values["purposes"] = values["abroad_countries"] = ""  # lists: printed through list = "..."
    for key in ("purposes", "abroad_countries"):
        flags[key] = bool(answers.get(key))
    return values, flags


# -- building -------------------------------------------------------------------------------

def _paragraphs(lines: list[str]) -> list[Block]:
    """Lines to blocks: 「・」 lines gather into one bullet list, the others are paragraphs."""
    blocks: list[Block] = []
    bullets: list[str] = []
    for line in lines:
        if line.startswith(BULLET):
            bullets.append(line[len(BULLET):].strip())
            continue
        if bullets:
            blocks.append(Block("ul", items=tuple(bullets)))
            bullets = []
        blocks.append(Block("p", line))
    if bullets:
        blocks.append(Block("ul", items=tuple(bullets)))
    return blocks


class _Builder:
    def __init__(self, name: str, answers: Mapping[str, Any], refs: Mapping[str, str] | None = None) -> None:
        self.name = name
        self.file = f"resources/policy/{name}.toml"
        self.data = load_template(name)
        self.answers = answers
        self.values, self.flags = template_values(answers)
        self.filler = Filler(self.file, self.values, refs)
        self.sub_format = str(self.data.get("subnumbering", "（{n}）"))
        self.lists: dict[str, Callable[[], list[Block]]] = {
            "purposes": self._purposes, "security": self._security, "abroad": self._abroad}
        self.subject: str | None = None  # the statement for one 本人の区分
        self.titles = {str(k): str(v) for k, v in load_template("subjects").get("titles", {}).items()}

    def _list_labels(self, name: str) -> dict[str, str]:
        found = self.data.get("lists", {}).get(name, {})
        return {k: str(v) for k, v in found.items()} if isinstance(found, dict) else {}

    def _purposes(self) -> list[Block]:
        groups = purpose_groups(self.answers.get("purposes") or [])
        if self.subject is not None:  # one form, one kind of person: its purposes as a plain list
            chosen = [p for subject, purposes in groups if subject == self.subject for p in purposes]
            return [Block("ul", items=tuple(chosen))] if chosen else []
        heading = self._list_labels("purposes").get("group", "{subject}に関する個人情報")
        if self.name == STATEMENT:
            heading = "{subject}"
        out = []
        for subject, purposes in groups:
            title = Filler(self.file, {"subject": subject_title(subject, self.titles)}).text(heading)
            out.append(Block("sub", title, (Block("ul", items=tuple(purposes)),)))
        return out

    def _security(self) -> list[Block]:
        headings = self._list_labels("security")
        out = []
        for group in SECURITY_GROUPS:
            text = self.values.get(f"security_{group}", "")
            if text:
                lines = [line.strip() for line in text.split("\n") if line.strip()]
                out.append(Block("sub", headings.get(group, group), tuple(_paragraphs(lines))))
        return out

    def _abroad(self) -> list[Block]:
        labels = self._list_labels("abroad")
        out = []
        for row in self.answers.get("abroad_countries") or []:
            country = _text(row.get("country"))
            if not country:
                continue
            pairs = tuple((labels.get(k, k), _text(row.get(k))) for k in ("regime", "measures") if _text(row.get(k)))
            out.append(Block("sub", country, (Block("dl", items=pairs),) if pairs else ()))
        return out

    def blocks(self, raw_blocks: Any, where: str) -> list[Block]:
        if not isinstance(raw_blocks, list):
            raise TemplateError(f"{self.file}: {where} は [[{where}]] の並びで書いてください。")
        out: list[Block] = []
        for raw in raw_blocks:
            if not isinstance(raw, dict) or not applies(raw.get("when"), self.flags, self.file):
                continue
            inner: list[Block] = []
            if "text" in raw:
                inner += _paragraphs(self.filler.lines(str(raw["text"])))
            if "bullets" in raw:
                items = [line.removeprefix(BULLET).strip() for line in self.filler.lines(str(raw["bullets"]))]
                if items:
                    inner.append(Block("ul", items=tuple(items)))
            if "items" in raw:
                pairs = tuple((str(label), self.filler.text(str(value))) for label, value in raw["items"])
                pairs = tuple(p for p in pairs if p[1])
                if pairs:
                    inner.append(Block("dl", items=pairs))
            if "list" in raw:
                if raw["list"] not in self.lists:
                    raise TemplateError(f"{self.file}: list = \"{raw['list']}\" はありません。"
                                        f"使えるのは {'、'.join(self.lists)} です。")
                inner += self.lists[raw["list"]]()
            if raw.get("heading") and inner:
                out.append(Block("sub", str(raw["heading"]), tuple(inner)))
            else:
                out += inner
        return out

    def numbered_subs(self, blocks: list[Block]) -> tuple[Block, ...]:
        """（1）（2）… before the sub-items of one clause, in order."""
        n = 0
        out = []
        for b in blocks:
            if b.kind == "sub":
                n += 1
                b = Block("sub", self.sub_format.replace("{n}", str(n)) + b.text, b.items)
            out.append(b)
        return tuple(out)

    def clauses(self) -> list[tuple[str, str, list[Block]]]:
        """(key, heading, blocks) of every clause that applies and has something to say."""
        found = []
        for raw in self.data.get("clauses", []):
            if not applies(raw.get("when"), self.flags, self.file):
                continue
            blocks = self.blocks(raw.get("blocks", []), "clauses.blocks")
            if blocks:
                found.append((str(raw["key"]), str(raw["heading"]), blocks))
        return found


def build_document(kind: str, answers: Mapping[str, Any]) -> Document:
    """個人情報保護方針 (POLICY) or 個人情報の取扱いについて (NOTICE) for these answers."""
    # First pass: which clauses there are, so that {ref:key} can name the right number.
    numbering = str(load_template(kind).get("numbering", "{n}．"))
    probe = _Builder(kind, answers, refs=_AnyRef())
    titles = {key: numbering.replace("{n}", str(i)) + heading
              for i, (key, heading, _b) in enumerate(probe.clauses(), 1)}
    builder = _Builder(kind, answers, refs=titles)
    clauses = tuple(Clause(key, titles[key], builder.numbered_subs(blocks)) for key, _h, blocks in builder.clauses())
    data = builder.data
    signature = data.get("signature", {}).get("lines", [])
    history = data.get("history", {})
    return Document(kind=kind, title=str(data.get("title", KINDS[kind])),
                    preamble=tuple(builder.blocks(data.get("preamble", []), "preamble")), clauses=clauses,
                    closing=tuple(builder.blocks(data.get("closing", []), "closing")),
                    signature=tuple(str(s) for s in signature),
                    history_heading=str(history.get("heading", "改定履歴")),
                    history_first=str(history.get("first", "制定")))


class _AnyRef(dict):
    """Every {ref:...} resolves while the clauses are only being counted."""

    def __contains__(self, key: object) -> bool:
        return True

    def __getitem__(self, key: str) -> str:
        return "（参照）"


def build_statement(answers: Mapping[str, Any], subject: str | None = None) -> Document:
    """利用目的の明示: the short block for an application form or a web form, for one 本人の区分
    (its purposes as a plain list) or for all of them (grouped)."""
    builder = _Builder(STATEMENT, answers)
    builder.subject = subject
    data = builder.data
    return Document(kind=STATEMENT, title=str(data.get("title", "個人情報の取扱いについて")),
                    preamble=tuple(builder.blocks(data.get("blocks", []), "blocks")))


def printable(document: Document, answers: Mapping[str, Any], history: list[tuple[Any, str]],
              date_style: str = SEIREKI, version_label: str = "", draft: bool = False) -> Printable:
    """The document with its signature (制定日, 最終改正日, 会社, 代表者) and 改定履歴 filled in.

    `history` is [(date, 内容)] oldest first; the first date is the 制定日 and, when there
    is more than one, the last is the 最終改正日."""
    values, _flags = template_values(answers)
    dates = [day for day, _note in history]
    values["established_on"] = format_date(dates[0], date_style) if dates else ""
    values["last_revised_on"] = format_date(dates[-1], date_style) if len(dates) > 1 else ""
    filler = Filler(f"resources/policy/{document.kind}.toml", values)
    signature = tuple(line for template in document.signature for line in filler.line(template))
    rows = tuple((format_date(day, date_style), note) for day, note in history)
    note = f"下書き（{version_label}・公表前の案）" if draft else ""
    return Printable(document, signature, rows, version_label, note, values.get("company_name", ""))


__all__ = ["Block", "Clause", "Document", "Printable", "POLICY", "NOTICE", "STATEMENT", "KINDS",
           "build_document", "build_statement", "printable", "template_values"]
