"""Single-record form definitions (`forms/<id>.toml` with `kind = "form"`).

A form is a list of blocks laid out top to bottom on A4: title, text (fixed wording
kept in `resources/`), labelled field boxes, a table, signature lines with a seal
(印) mark, stamp boxes, and space. Every feature's forms use the same blocks.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Union

from pcdesk.dates import parse_date
from pcdesk.errors import Problems
from pcdesk.output.spec import (COLUMN_TYPES, ORIENTATIONS, Column, DefinitionReader, SpecError, forms_dirs,
                                parse_column, raise_problems, read_definition, resources_dir)

BLOCK_KINDS = ("title", "heading", "text", "fields", "table", "signature", "stamps", "space")


@dataclass(frozen=True)
class FormField:
    key: str
    label: str
    span: int = 1  # how many of the block's columns the box takes
    lines: float = 1.0  # height in lines of handwriting (about 8 mm each)
    hint: str = ""  # printed lightly when empty, e.g. 「　　年　　月　　日」
    column: Column = field(default_factory=lambda: Column("", "", 1))  # how a value reads


@dataclass(frozen=True)
class TitleBlock:
    text: str
    size: float = 18


@dataclass(frozen=True)
class HeadingBlock:
    text: str
    size: float = 10.5


@dataclass(frozen=True)
class TextBlock:
    text: str  # may hold {company}, {contact_phone}, ... filled from the values
    size: float = 9.5
    hanging: bool = False  # continuation lines indent under the text after a leading number
    align: str = "left"
    gap: float = 0.35  # space after each paragraph, in multiples of the text size


@dataclass(frozen=True)
class FieldsBlock:
    fields: tuple[FormField, ...]
    columns: int = 2
    label_width: float = 28.0  # mm
    heading: str = ""


@dataclass(frozen=True)
class TableBlock:
    key: str  # values[key] is a list of dicts
    columns: tuple[Column, ...]
    rows: int = 0  # at least this many rows, blank ones for handwriting
    row_lines: float = 1.0
    heading: str = ""


@dataclass(frozen=True)
class SignatureLine:
    label: str
    key: str = ""
    hint: str = ""
    seal: bool = False  # draw 印 in a circle at the end of the line


@dataclass(frozen=True)
class SignatureBlock:
    lines: tuple[SignatureLine, ...]
    width: float = 95.0  # mm, placed at the right like a 記名押印欄
    stamps: tuple[str, ...] = ()  # stamp boxes at the left, level with the lines (受領・確認 beside the signer)


@dataclass(frozen=True)
class StampsBlock:
    labels: tuple[str, ...]
    keys: tuple[str, ...] = ()  # values printed small at the foot of each box (who is to stamp it)
    width: float = 17.0  # mm per box


@dataclass(frozen=True)
class SpaceBlock:
    height: float = 5.0  # mm


Block = Union[TitleBlock, HeadingBlock, TextBlock, FieldsBlock, TableBlock, SignatureBlock, StampsBlock,
              SpaceBlock]


@dataclass(frozen=True)
class FormSpec:
    id: str
    title: str
    blocks: tuple[Block, ...]
    orientation: str = "portrait"
    code: str = ""  # form number printed top right, e.g. 様式 V-1
    company: bool = True  # company name at the top left
    roles: tuple[str, ...] = ()  # empty: anyone logged in may print it
    description: str = ""
    path: Path | None = None
    blank: bool = True  # offered as a blank sheet; false: printed only filled from a record (a pledge)

    def fillable(self) -> dict[str, FormField]:
        """Every value the form prints, key → field, in the order of the sheet: the boxes,
        the names on signature lines, and tables (a list of rows, not a single value)."""
        found: dict[str, FormField] = {}
        for block in self.blocks:
            if isinstance(block, FieldsBlock):
                for f in block.fields:
                    found.setdefault(f.key, f)
            elif isinstance(block, SignatureBlock):
                for line in block.lines:
                    if line.key:
                        found.setdefault(line.key, FormField(line.key, line.label, column=Column(line.key, line.label, 1)))
            elif isinstance(block, TableBlock):
                found.setdefault(block.key, FormField(block.key, block.heading or "表", column=Column(block.key, "", 1)))
            elif isinstance(block, StampsBlock):
                for key, label in zip(block.keys, block.labels):
                    found.setdefault(key, FormField(key, f"{label}（押印欄の氏名）", column=Column(key, label, 1)))
        return found

    def table_keys(self) -> set[str]:
        return {b.key for b in self.blocks if isinstance(b, TableBlock)}


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _typed(f: FormField, text: str) -> Any:
    """The value a typed text stands for, or ValueError with the Japanese reason."""
    kind = f.column.type
    s = _norm(text)
    if not s:
        return ""
    if kind == "number":
        try:
            number = float(s.replace(",", ""))
        except ValueError:
            raise ValueError(f"「{text}」は数ではありません。数字で入力してください（例: 2）。") from None
        return int(number) if number.is_integer() else number
    if kind in ("date", "datetime"):
        try:
            return parse_date(s)
        except ValueError:
            raise ValueError(f"「{text}」を日付として読めません（例: 2026-11-22）。") from None
    if kind == "choice" and f.column.choices:
        for value, label in f.column.choices.items():
            if s in (value, _norm(label)):
                return value
        raise ValueError(f"「{text}」は選べません。{'・'.join(f.column.choices.values())} のどれかにしてください。")
    return text


def form_values(spec: FormSpec, values: Mapping[str, Any]) -> dict[str, Any]:
    """Check what is to be written on the form: each name is a field key or its Japanese label
    (「氏名」 for visitor_name); text typed for a number, date or choice is read as one.
    Unknown names and unreadable values raise ValidationError listing what the form takes."""
    fields = spec.fillable()
    by_label: dict[str, list[str]] = {}
    for key, f in fields.items():
        by_label.setdefault(_norm(f.label), []).append(key)
    valid = "、".join(f"{k}（{f.label}）" for k, f in fields.items() if k not in spec.table_keys())
    p = Problems()
    out: dict[str, Any] = {}
    for name, value in values.items():
        key = name if name in fields else None
        if key is None:
            keys = by_label.get(_norm(name), [])
            if len(keys) > 1:
                p.add(name, f"同じ名前の項目が {len(keys)} つあります。{'・'.join(keys)} のどれかで指定してください。")
                continue
            key = keys[0] if keys else None
        if key is None:
            p.add(name, f"「{spec.title}」にない項目です。使える項目: {valid or '（記入する項目はありません）'}")
            continue
        f = fields[key]
        if key in spec.table_keys():
            if not isinstance(value, list):
                p.add(f.label, "表の行は1つの値としては指定できません（行の一覧で渡してください）。")
                continue
        elif isinstance(value, str):
            try:
                value = _typed(f, value)
            except ValueError as exc:
                p.add(f"{f.label}（{key}）", str(exc))
                continue
        out[key] = value
    p.raise_if_any()
    return out


def _resource_text(r: DefinitionReader, name: str) -> str:
    path = resources_dir() / name
    if not path.is_file():
        r.fail("file", f"「resources/{name}」がありません。ファイル名を確かめてください。")
        return ""
    return path.read_text(encoding="utf-8").strip("\n")


def _field(r: DefinitionReader, columns: int) -> FormField:
    kind = r.one_of("type", "text", COLUMN_TYPES)
    span = int(r.number("span", 1, 1, columns))
    key = r.text("key")
    return FormField(key=key, label=r.text("label"), span=span, lines=r.number("lines", 1, 0.5, 20),
                     hint=r.text("hint", ""),
                     column=Column(key, r.text("label", ""), 1, kind,
                                   choices={k: str(v) for k, v in r.table("choices").items()}))


def _block(r: DefinitionReader, file: str, problems: list[str]) -> Block | None:
    kind = r.one_of("kind", "text", BLOCK_KINDS)
    if kind == "title":
        return TitleBlock(r.text("text"), r.number("size", 18, 10, 32))
    if kind == "heading":
        return HeadingBlock(r.text("text"), r.number("size", 10.5, 7, 20))
    if kind == "text":
        text = _resource_text(r, r.text("file")) if "file" in r.data else r.text("text")
        return TextBlock(text, r.number("size", 9.5, 6, 20), r.flag("hanging", False),
                         r.one_of("align", "left", ("left", "center", "right")), r.number("gap", 0.35, 0, 3))
    if kind == "fields":
        columns = int(r.number("columns", 2, 1, 4))
        fields = tuple(_field(DefinitionReader(file, f"{r.where} の {i}番目の項目", raw, problems), columns)
                       for i, raw in enumerate(r.tables("fields"), 1))
        if not fields:
            r.fail("fields", "ありません。[[blocks.fields]] を1つ以上書いてください。")
        return FieldsBlock(fields, columns, r.number("label_width", 28, 10, 80), r.text("heading", ""))
    if kind == "table":
        cols = tuple(parse_column(DefinitionReader(file, f"{r.where} の {i}列目", raw, problems))
                     for i, raw in enumerate(r.tables("columns"), 1))
        if not cols:
            r.fail("columns", "ありません。[[blocks.columns]] を1つ以上書いてください。")
        return TableBlock(r.text("key", "rows"), cols, int(r.number("rows", 0, 0, 60)),
                          r.number("row_lines", 1, 0.5, 10), r.text("heading", ""))
    if kind == "signature":
        lines = []
        for i, raw in enumerate(r.tables("lines"), 1):
            lr = DefinitionReader(file, f"{r.where} の {i}行目", raw, problems)
            lines.append(SignatureLine(lr.text("label"), lr.text("key", ""), lr.text("hint", ""),
                                       lr.flag("seal", False)))
        if not lines:
            r.fail("lines", "ありません。[[blocks.lines]] を1つ以上書いてください。")
        return SignatureBlock(tuple(lines), r.number("width", 95, 40, 180), tuple(r.texts("stamps", [])))
    if kind == "stamps":
        labels = tuple(r.texts("labels", ["確認", "承認"]))
        keys = tuple(r.texts("keys", []))
        if keys and len(keys) != len(labels):
            r.fail("keys", f"labels と同じ数（{len(labels)}つ）だけ書いてください（いまは{len(keys)}つです）。")
        return StampsBlock(labels, keys, r.number("width", 17, 12, 40))
    return SpaceBlock(r.number("height", 5, 0, 200))


def parse_form(form_id: str, path: Path, data: dict[str, Any]) -> FormSpec:
    problems: list[str] = []
    top = DefinitionReader(path.name, "", data, problems)
    blocks = []
    for i, raw in enumerate(top.tables("blocks"), 1):
        block = _block(DefinitionReader(path.name, f"{i}番目のブロック", raw, problems), path.name, problems)
        if block is not None:
            blocks.append(block)
    if not blocks:
        problems.append("ブロックがありません。[[blocks]] を1つ以上書いてください。")
    spec = FormSpec(id=form_id, title=top.text("title"), blocks=tuple(blocks),
                    orientation=top.one_of("orientation", "portrait", ORIENTATIONS), code=top.text("code", ""),
                    company=top.flag("company", True), roles=tuple(top.texts("roles", [])),
                    description=top.text("description", ""), path=path, blank=top.flag("blank", True))
    raise_problems(path, problems)
    return spec


def load_form_spec(form_id: str) -> FormSpec:
    path, data = read_definition(form_id)
    if data.get("kind") != "form":
        raise SpecError(f"{path.name} は帳票の定義ではありません（kind = \"form\" がありません）。")
    return parse_form(form_id, path, data)


def list_forms() -> list[tuple[str, str]]:
    """(id, title) of every form definition found, shipped or overridden."""
    found: dict[str, str] = {}
    for folder in forms_dirs():
        for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
            if path.stem in found:
                continue
            try:
                spec = load_form_spec(path.stem)
            except SpecError:
                continue
            found[path.stem] = spec.title
    return sorted(found.items())
