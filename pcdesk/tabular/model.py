"""What the table reader returns: the sheet's columns and rows, and the problems it met."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pcdesk.errors import PcdeskError


class TableError(PcdeskError):
    """The file cannot be read as a table at all (not a problem of one row); Japanese message."""


@dataclass(frozen=True)
class Limits:
    """How much of a file is read. A hostile or broken workbook (a cell at XFD1048576, a
    lying <dimension>, a zip that unpacks into gigabytes) stops at these, with a message."""

    max_rows: int = 10_000  # data rows below the heading
    max_columns: int = 200
    max_cell_chars: int = 32_767  # Excel's own limit for one cell
    max_file_bytes: int = 50 * 1024 * 1024
    max_unpacked_bytes: int = 400 * 1024 * 1024  # every part of an .xlsx, unzipped
    header_scan_rows: int = 30  # the heading is looked for among this many first rows


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class FormulaCell:
    """A formula whose result the file does not hold (written by a program and never
    recalculated by Excel): the cell has content but no value to import."""

    formula: str

    def __str__(self) -> str:
        return self.formula


@dataclass(frozen=True)
class Column:
    """One source column. `group` is the upper heading of a two-row (grouped) heading —
    「委託」 over 「有無」「委託先」 — and `label` the heading right above the data."""

    index: int  # 0-based
    label: str
    group: str = ""

    @property
    def letter(self) -> str:
        return column_letter(self.index)

    @property
    def header(self) -> str:
        """The heading as one text: 「委託／委託先」 for a grouped one."""
        if self.group and self.label and self.group != self.label:
            return f"{self.group}／{self.label}"
        return self.label or self.group

    @property
    def title(self) -> str:
        """「D列: 委託／委託先」, how the mapping step names it."""
        return f"{self.letter}列: {self.header}" if self.header else f"{self.letter}列"


@dataclass(frozen=True)
class Row:
    number: int  # as Excel (or a text editor) numbers it, 1-based
    cells: tuple[Any, ...]  # one per Table.columns; str, int, float, bool, date, datetime, FormulaCell or None

    def get(self, index: int) -> Any:
        return self.cells[index] if 0 <= index < len(self.cells) else None


@dataclass(frozen=True)
class Problem:
    """Something wrong in one row (or, with row 0, in the file), named by its column/field."""

    row: int
    field: str  # Japanese label: the field's, or the column's heading
    message: str  # what is wrong and how to fix it, without the value (so rows can be grouped)
    value: str = ""  # the cell as written, when it matters

    def __str__(self) -> str:
        where = f"{self.row}行目 " if self.row else ""
        shown = f"「{self.value}」: " if self.value else ""
        return f"{where}{self.field}: {shown}{self.message}"


@dataclass
class Table:
    path: Path
    sheet_name: str  # "" for CSV
    sheet_names: list[str]
    header_rows: tuple[int, ...]  # 1-based; two for a grouped heading
    columns: list[Column]
    rows: list[Row]  # data rows that hold something, in order
    blank_rows: int = 0  # empty rows among the data, skipped
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (row, why): 記入例, repeated heading, 以上
    title: str = ""  # the first text above the heading (「個人情報管理台帳（営業部）」)
    problems: list[Problem] = field(default_factory=list)  # what the reader had to cut (limits)
    encoding: str = ""  # CSV only: utf-8, utf-8-sig, cp932, utf-16

    @property
    def source(self) -> str:
        return self.path.name

    @property
    def header_row(self) -> int:
        """The last heading row: data starts below it."""
        return self.header_rows[-1]

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    def column(self, index: int) -> Column:
        return self.columns[index]

    def describe(self) -> str:
        """「シート「台帳」の 3〜4 行目を見出しとして読みました（列 21・データ 18 行）。」"""
        rows = "〜".join(str(r) for r in (self.header_rows[0], self.header_rows[-1])) \
            if len(self.header_rows) > 1 else str(self.header_rows[0])
        where = f"シート「{self.sheet_name}」の " if self.sheet_name else ""
        used = len([c for c in self.columns if c.header])
        return f"{where}{rows} 行目を見出しとして読みました（列 {used}・データ {len(self.rows)} 行）。"


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA, as Excel names columns."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
