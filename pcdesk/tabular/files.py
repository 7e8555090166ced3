"""Opening a workbook or a CSV file as a grid of real cells, within limits.

Only cells the file really holds are read (never padded to a <dimension> the file declares
or to a stray cell at XFD1048576), row by row, stopping at the limits; merged ranges are
reported so that headings and 部門 cells merged over several rows can be filled in.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pcdesk.tabular.model import FormulaCell, Limits, Problem, TableError

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
SAVE_AS_XLSX = "Excel で開き、「名前を付けて保存」で「Excel ブック (*.xlsx)」を選んで保存し直してください。"
HYPERLINK = re.compile(r'^=\s*HYPERLINK\(\s*"([^"]*)"\s*(?:[,;]\s*"([^"]*)"\s*)?\)\s*$', re.IGNORECASE)
FILE = "ファイル"  # the field named by problems of the whole file


@dataclass
class Grid:
    """The real rows of one sheet: (row number, cells by 0-based column), and merged ranges
    as (first row, first column, last row, last column), 1-based as Excel counts."""

    rows: list[tuple[int, list[Any]]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    encoding: str = ""


def check_file(path: Path, limits: Limits) -> str:
    """"xlsx" or "csv", or TableError saying in Japanese why the file cannot be a table."""
    if not path.exists():
        raise TableError(f"ファイル「{path.name}」が見つかりません（場所: {path.parent}）。ファイルの場所と名前を確かめてください。")
    if path.is_dir():
        raise TableError(f"「{path.name}」はフォルダです。Excel ファイル（.xlsx）か CSV ファイルを選んでください。")
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise TableError(f"{path.name} は古い Excel 形式（.xls）です。{SAVE_AS_XLSX}")
    if suffix not in EXCEL_SUFFIXES + CSV_SUFFIXES:
        raise TableError(f"{path.name} は Excel ファイル（.xlsx）でも CSV ファイルでもありません。{SAVE_AS_XLSX}")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise unreadable(path, exc) from None
    if size > limits.max_file_bytes:
        raise TableError(f"{path.name} は大きすぎます（{size / 1024 / 1024:,.0f} MB。読めるのは "
                         f"{limits.max_file_bytes // 1024 // 1024} MB まで）。台帳のシートだけを別のファイルに保存してください。")
    return "csv" if suffix in CSV_SUFFIXES else "xlsx"


def unreadable(path: Path, exc: Exception) -> TableError:
    if isinstance(exc, PermissionError):
        return TableError(f"{path.name} を開けません（読み取りの権限がないか、別のプログラムが使っています）。"
                          "Excel で開いていれば閉じてから、もう一度選んでください。")
    return TableError(f"{path.name} を Excel ファイル（.xlsx）として開けません。壊れているか、パスワード付き・"
                      f"別の形式のファイルです。パスワード付きなら解除してから、{SAVE_AS_XLSX}")


def _formula_value(formula: str) -> Any:
    """What a formula cell shows when it can be known without calculating: HYPERLINK's label."""
    m = HYPERLINK.match(formula)
    if m:
        return m.group(2) if m.group(2) is not None else m.group(1)
    return FormulaCell(formula)


def _clip(value: Any, row: int, column: int, limits: Limits, problems: list[Problem]) -> Any:
    if isinstance(value, str) and len(value) > limits.max_cell_chars:
        from pcdesk.tabular.model import column_letter

        problems.append(Problem(row, f"{column_letter(column)}列", f"セルの文字数が多すぎます（{len(value):,}文字）。"
                                f"先頭の {limits.max_cell_chars:,} 文字だけを読みました。"))
        return value[:limits.max_cell_chars]
    return value


def _too_many_rows(limits: Limits) -> Problem:
    return Problem(0, FILE, f"行が多すぎます。先頭から {limits.max_rows:,} 行までを読み、残りは読みませんでした。"
                            "台帳を複数のファイルに分けて取り込んでください。")


def _too_many_columns(limits: Limits) -> Problem:
    return Problem(0, FILE, f"列が多すぎます。左から {limits.max_columns} 列までを読み、右の列は読みませんでした。")


# -- Excel -------------------------------------------------------------------------------

class Workbook:
    """An .xlsx opened read-only. `grid(name, max_rows)` streams the sheet's real cells once."""

    def __init__(self, path: Path, limits: Limits) -> None:
        from openpyxl import load_workbook

        self.path, self.limits = path, limits
        try:
            with zipfile.ZipFile(path) as archive:
                unpacked = sum(info.file_size for info in archive.infolist())
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise unreadable(path, exc) from None
        if unpacked > limits.max_unpacked_bytes:
            raise TableError(f"{path.name} は展開すると大きすぎます（{unpacked / 1024 / 1024:,.0f} MB）。"
                             "台帳のシートだけを別のファイルに保存し直してください。")
        try:
            self.book = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a bad file
            raise unreadable(path, exc) from None
        self.sheet_names = [ws.title for ws in self.book.worksheets]

    def close(self) -> None:
        self.book.close()

    def grid(self, name: str, max_rows: int | None = None) -> Grid:
        """The sheet's non-empty rows (up to `max_rows` of them, or the limit), merged ranges
        (only when the whole sheet was read: Excel writes them after the cells)."""
        ws = self.book[name]
        limit = max_rows if max_rows is not None else self.limits.max_rows + self.limits.header_scan_rows
        grid = Grid([])
        try:
            with ws._get_source() as source:  # noqa: SLF001 (openpyxl's read-only sheet source)
                parser = _parser(source, ws, self.book)
                complete = True
                for number, cells in parser.parse():
                    parser.row_dimensions.clear()  # kept by openpyxl per row; not needed here
                    row = self._row(number, cells, grid)
                    if row is None:
                        continue
                    if len(grid.rows) >= limit:
                        complete = False
                        if max_rows is None:
                            grid.problems.append(_too_many_rows(self.limits))
                        break
                    grid.rows.append((number, row))
                if complete and parser.merged_cells is not None:
                    grid.merged = _merged(parser.merged_cells, self.limits)
        except TableError:
            raise
        except Exception as exc:  # a damaged sheet inside a readable file
            raise unreadable(self.path, exc) from None
        return grid

    def _row(self, number: int, cells: list[dict[str, Any]], grid: Grid) -> list[Any] | None:
        values: dict[int, Any] = {}
        for cell in cells:
            value, column = cell["value"], cell["column"]
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            if column > self.limits.max_columns:
                if not any(p.message == _too_many_columns(self.limits).message for p in grid.problems):
                    grid.problems.append(_too_many_columns(self.limits))
                continue
            if isinstance(value, FormulaCell):
                value = _formula_value(value.formula)
            values[column - 1] = _clip(value, number, column - 1, self.limits, grid.problems)
        if not values:
            return None
        row = [None] * (max(values) + 1)
        for index, value in values.items():
            row[index] = value
        return row


def _parser(source: Any, ws: Any, book: Any) -> Any:
    """openpyxl's own sheet parser, reading cached values, and a formula where none is cached."""
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class CellParser(WorkSheetParser):
        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell = super().parse_cell(element)
            if cell["value"] is None and element.find(FORMULA_TAG) is not None:
                self.data_only = False
                try:
                    cell["value"] = FormulaCell(str(self.parse_formula(element)))
                finally:
                    self.data_only = True
            return cell

    return CellParser(source, ws._shared_strings, data_only=True, epoch=book.epoch,  # noqa: SLF001
                      date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)  # noqa: SLF001


def _merged(merge_cells: Any, limits: Limits) -> list[tuple[int, int, int, int]]:
    from openpyxl.utils.cell import range_boundaries

    out = []
    for item in list(merge_cells.mergeCell)[:10_000]:
        try:
            min_col, min_row, max_col, max_row = range_boundaries(item.ref)
        except (TypeError, ValueError):
            continue
        if min_col <= limits.max_columns:
            out.append((min_row, min_col, max_row, min(max_col, limits.max_columns)))
    return out


# -- CSV -----------------------------------------------------------------------------------

def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 with or without BOM, UTF-16 with BOM, else Shift_JIS (CP932)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    for encoding in ("utf-8", "cp932"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise UnicodeDecodeError("cp932", data, 0, 1, "neither UTF-8 nor Shift_JIS")


def read_csv(path: Path, limits: Limits) -> Grid:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise unreadable(path, exc) from None
    try:
        text, encoding = decode(data)
    except UnicodeDecodeError:
        raise TableError(f"{path.name} の文字コードが読めません。UTF-8 か Shift_JIS（Excel の「CSV（コンマ区切り）」）で"
                         "保存し直してください。") from None
    if "\x00" in text:
        raise TableError(f"{path.name} は CSV（文字のファイル）ではありません。{SAVE_AS_XLSX}")
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    grid = Grid([], encoding=encoding)
    csv.field_size_limit(max(limits.max_cell_chars * 4, 131_072))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, record in enumerate(reader, start=1):
            if len(record) > limits.max_columns:
                if any(c.strip() for c in record[limits.max_columns:]) and _too_many_columns(limits) not in grid.problems:
                    grid.problems.append(_too_many_columns(limits))
                record = record[:limits.max_columns]
            cells = [_clip(c, number, i, limits, grid.problems) if c.strip() else None for i, c in enumerate(record)]
            if not any(c is not None for c in cells):
                continue
            if len(grid.rows) >= limits.max_rows + limits.header_scan_rows:
                grid.problems.append(_too_many_rows(limits))
                break
            grid.rows.append((number, cells))
    except csv.Error:
        raise TableError(f"{path.name} を CSV として読めません（{number}行目付近で、引用符「\"」の対応が崩れているか、"
                         "1つのセルが長すぎます）。Excel で開いて保存し直してください。") from None
    return grid
