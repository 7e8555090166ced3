"""Ledger definitions: `forms/<id>.toml` read into dataclasses, with Japanese errors.

A definition is data, so a review body that wants other columns gets an edited file,
not new code. Files in the user's data folder (`<data>/forms/`) override the shipped ones.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pcdesk import registry, shipped
from pcdesk.errors import PcdeskError

COLUMN_TYPES = ("text", "date", "datetime", "number", "choice")
ORIENTATIONS = {"portrait": "縦", "landscape": "横"}
ALIGNS = ("left", "center", "right")
PAPERS = {"A4": "A4", "A3": "A3"}  # what offices print ledgers on; 台帳 are often printed on A3
MIN_FONT_SIZE = 7.0  # body text smaller than this is not legible on paper


class SpecError(PcdeskError):
    """A definition file that cannot be used; the message names the file and the fix."""


def forms_dirs() -> list[Path]:
    """Where definitions are looked for, first match wins."""
    dirs = []
    override = os.environ.get("PCDESK_FORMS_DIR")
    if override:
        dirs.append(Path(override))
    from pcdesk.store.paths import data_dir

    dirs.append(data_dir() / "forms")
    dirs.append(shipped.forms_dir())
    # A feature may also carry definitions inside its own package (<package>/forms/).
    dirs += [folder for folder in (registry.package_dir(f) / "forms" for f in registry.features()
                                   if f.name != "foundation") if folder.is_dir()]
    return dirs


def resources_dir() -> Path:
    return shipped.resources_dir()


def definition_path(doc_id: str) -> Path:
    for folder in forms_dirs():
        path = folder / f"{doc_id}.toml"
        if path.is_file():
            return path
    raise SpecError(f"定義ファイル forms/{doc_id}.toml が見つかりません。"
                    f"ファイル名（{doc_id}.toml）を確かめてください。")


def read_definition(doc_id: str) -> tuple[Path, dict[str, Any]]:
    path = definition_path(doc_id)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise SpecError(f"{path.name}: 文字コードが UTF-8 ではありません。UTF-8 で保存し直してください。") from None
    except tomllib.TOMLDecodeError as exc:
        raise SpecError(f"{path.name}: 書式が正しくありません（{exc}）。"
                        "引用符や括弧の閉じ忘れがないか確かめてください。") from None
    return path, data


class DefinitionReader:
    """Typed access to one table of a definition, collecting every problem at once."""

    def __init__(self, file: str, where: str, data: Any, problems: list[str]) -> None:
        self.file, self.where, self.problems = file, where, problems
        self.data = data if isinstance(data, dict) else {}
        if not isinstance(data, dict):
            self.fail("", "表（[...] または { ... }）で書いてください。")

    def fail(self, key: str, message: str) -> None:
        place = " ".join(p for p in (self.where, key) if p)
        self.problems.append(f"{place}: {message}" if place else message)

    def text(self, key: str, default: str | None = None) -> str:
        value = self.data.get(key, default)
        if value is None:
            self.fail(key, "ありません。書き加えてください。")
            return ""
        if not isinstance(value, str):
            self.fail(key, f"文字列（\"...\"）で書いてください（今: {value!r}）。")
            return str(value)
        return value

    def number(self, key: str, default: float, lo: float, hi: float) -> float:
        value = self.data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not lo <= value <= hi:
            self.fail(key, f"{lo:g}〜{hi:g} の数で書いてください（今: {value!r}）。")
            return default
        return float(value)

    def flag(self, key: str, default: bool) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            self.fail(key, f"true か false で書いてください（今: {value!r}）。")
            return default
        return value

    def one_of(self, key: str, default: str, allowed: tuple[str, ...] | dict[str, str]) -> str:
        value = self.data.get(key, default)
        if value not in allowed:
            self.fail(key, f"「{value}」は使えません。{', '.join(allowed)} のどれかにしてください。")
            return default
        return value

    def texts(self, key: str, default: list[str] | None = None) -> list[str]:
        value = self.data.get(key, default if default is not None else [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(key, "文字列の並び（[\"作成\", \"確認\"] のように）で書いてください。")
            return list(default or [])
        return value

    def table(self, key: str) -> dict[str, Any]:
        value = self.data.get(key, {})
        if not isinstance(value, dict):
            self.fail(key, "表（[" + key + "]）で書いてください。")
            return {}
        return value

    def tables(self, key: str) -> list[Any]:
        value = self.data.get(key, [])
        if not isinstance(value, list):
            self.fail(key, f"[[{key}]] の並びで書いてください。")
            return []
        return value


def raise_problems(path: Path, problems: list[str]) -> None:
    if problems:
        lines = "\n".join(f"・{p}" for p in problems)
        raise SpecError(f"定義ファイル {path.name} に直すところがあります:\n{lines}")


@dataclass(frozen=True)
class Column:
    key: str  # the row dict key the provider yields
    header: str  # Japanese heading printed on the ledger
    width: float  # in Excel character units; the PDF shares the page width in proportion
    type: str = "text"
    wrap: bool = False
    align: str = "left"
    number_format: str = ""  # Excel format for number columns, e.g. "#,##0"
    choices: dict[str, str] = field(default_factory=dict)  # stored value → label

    def choice_label(self, value: Any) -> str:
        if isinstance(value, bool):
            value = "true" if value else "false"
        return self.choices.get(str(value), "" if value is None else str(value))


@dataclass(frozen=True)
class HeaderBlock:
    company: bool = True
    period: bool = True
    output_date: bool = True
    page_numbers: bool = True
    filters: bool = True  # the active filters (部門: 営業部) under the title


@dataclass(frozen=True)
class A4Split:
    """How a ledger too wide for A4 prints there: the columns from `second` on go to a second
    sheet, which repeats the `repeat` columns (管理番号, 名称) at its left so it reads alone."""

    second: str  # key of the first column of the second sheet
    repeat: tuple[str, ...] = ()


@dataclass(frozen=True)
class LedgerSpec:
    id: str
    title: str
    columns: tuple[Column, ...]
    orientation: str = "landscape"
    approvals: tuple[str, ...] = ()  # stamp boxes, e.g. 作成・確認・承認
    header: HeaderBlock = HeaderBlock()
    roles: tuple[str, ...] = ("admin", "staff")  # who may export it
    has_period: bool = True  # the export can be limited to a period
    font_size: float = 8.0
    description: str = ""
    path: Path | None = None
    paper: str = "A4"  # the paper it is printed on unless the export chooses another
    a4_split: A4Split | None = None

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.columns]

    def column_groups(self, paper: str | None = None) -> list[list[int]]:
        """The column indexes printed side by side on one sheet of `paper`: all of them, or on
        A4 for a ledger with [a4] split_at, two groups (the second repeating 管理番号・名称)."""
        everything = list(range(len(self.columns)))
        if (paper or self.paper) != "A4" or self.a4_split is None:
            return [everything]
        keys = self.keys
        at = keys.index(self.a4_split.second)
        repeated = [i for i in everything[:at] if keys[i] in self.a4_split.repeat]
        return [everything[:at], repeated + everything[at:]]


def parse_column(r: DefinitionReader) -> Column:
    kind = r.one_of("type", "text", COLUMN_TYPES)
    default_align = "right" if kind == "number" else "center" if kind in ("date", "datetime") else "left"
    choices = r.table("choices")
    if kind == "choice" and not choices:
        r.fail("choices", "ありません。type = \"choice\" の列には choices = { 値 = \"表示\" } を書いてください。")
    bad = [k for k, v in choices.items() if not isinstance(v, str)]
    if bad:
        r.fail("choices", f"表示（{', '.join(bad)}）は文字列で書いてください。")
    key = r.text("key")
    if key and not key.replace("_", "").isalnum():
        r.fail("key", f"「{key}」は半角英数字と _ で書いてください。")
    return Column(key=key, header=r.text("header"), width=r.number("width", 12, 2, 120), type=kind,
                  wrap=r.flag("wrap", False), align=r.one_of("align", default_align, ALIGNS),
                  number_format=r.text("format", ""), choices={k: str(v) for k, v in choices.items()})


def parse_split(r: DefinitionReader, columns: list[Column]) -> A4Split | None:
    """[a4] split_at = "列の key", repeat = ["number", "name"]: the A4 print in two sheets."""
    if not r.data:
        return None
    keys = [c.key for c in columns]
    second = r.text("split_at")
    repeat = r.texts("repeat", [])
    if second and second not in keys:
        r.fail("split_at", f"「{second}」という key の列がありません。2枚目の最初の列の key を書いてください。")
        return None
    if second and keys.index(second) == 0:
        r.fail("split_at", "1列目では分けられません。2枚目の最初にする列の key を書いてください。")
        return None
    unknown = [k for k in repeat if k not in keys[:keys.index(second)]] if second else []
    if unknown:
        r.fail("repeat", f"{', '.join(unknown)} は 1枚目の列の key ではありません。2枚目にも載せる1枚目の列（例: "
                         "[\"number\", \"name\"]）を書いてください。")
    return A4Split(second, tuple(repeat)) if second and not unknown else None


def parse_ledger(doc_id: str, path: Path, data: dict[str, Any]) -> LedgerSpec:
    problems: list[str] = []
    top = DefinitionReader(path.name, "", data, problems)
    head = DefinitionReader(path.name, "[header]", top.table("header"), problems)
    header = HeaderBlock(company=head.flag("company", True), period=head.flag("period", True),
                         output_date=head.flag("output_date", True),
                         page_numbers=head.flag("page_numbers", True), filters=head.flag("filters", True))
    columns = []
    for i, raw in enumerate(top.tables("columns"), 1):
        label = raw.get("header", "") if isinstance(raw, dict) else ""
        where = f"{i}列目（{label}）" if label else f"{i}列目"
        columns.append(parse_column(DefinitionReader(path.name, where, raw, problems)))
    if not columns:
        problems.append("列がありません。[[columns]] を1つ以上書いてください。")
    seen: set[str] = set()
    for c in columns:
        if c.key in seen:
            problems.append(f"key「{c.key}」が2回出てきます。列ごとに別の key にしてください。")
        seen.add(c.key)
    spec = LedgerSpec(
        id=doc_id, title=top.text("title"), columns=tuple(columns),
        orientation=top.one_of("orientation", "landscape", ORIENTATIONS),
        approvals=tuple(top.texts("approvals")), header=header,
        roles=tuple(top.texts("roles", ["admin", "staff"])), has_period=top.flag("period", True),
        font_size=top.number("font_size", 8, MIN_FONT_SIZE, 14), description=top.text("description", ""),
        path=path, paper=top.one_of("paper", "A4", PAPERS),
        a4_split=parse_split(DefinitionReader(path.name, "[a4]", top.table("a4"), problems), columns))
    if len(spec.approvals) > 6:
        problems.append("approvals: 押印欄は6つまでにしてください。")
    raise_problems(path, problems)
    return spec


def load_ledger_spec(ledger_id: str) -> LedgerSpec:
    path, data = read_definition(ledger_id)
    if data.get("kind", "ledger") != "ledger":
        raise SpecError(f"{path.name} は台帳の定義ではありません（kind = \"{data.get('kind')}\"）。")
    return parse_ledger(ledger_id, path, data)
