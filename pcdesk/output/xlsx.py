"""A ledger as a print-ready Excel workbook (openpyxl, write-only so size does not matter).

Layout: title block (title, company, period and output date; stamp boxes above the
right end of the table, never beside it), one styled header row with the panes frozen
below it and an autofilter, then one row per record.

Printing, set up so that 印刷 in Excel or LibreOffice gives a legible ledger: A4 or A3
(the definition's paper or the export's choice), a print area, fit to the page width,
the header row on every page, company / title / output date in the page header and
page n / N in the footer. A ledger too wide for A4 ([a4] split_at) prints there in two
print areas, the second repeating 管理番号 and 名称 (print titles) at its left.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import lru_cache
from math import ceil
from pathlib import Path
from typing import Any, Iterable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from pcdesk.dates import WAREKI
from pcdesk.output.cells import HeaderInfo, as_date
from pcdesk.output.progress import CancelFn, ProgressFn, Ticker
from pcdesk.output.spec import Column, LedgerSpec

FONT = "游ゴシック"  # Excel's own Japanese default since Office 2016
HEADER_ROW = 5  # rows 1-3 title block, 4 spacer
FIRST_DATA_ROW = HEADER_ROW + 1
# Row heights are written without customHeight: Excel then measures each row itself when it
# opens the file, and LibreOffice (which does not) uses this estimate of its own line pitch
# for 10 pt text (11.7 pt measured) with a little to spare.
LINE_HEIGHT = 12.5
ROW_PADDING = 4.0
PAPER_SIZES = {"A4": "9", "A3": "8"}  # Excel's paperSize codes
STAMP_WIDTHS = (6.0, 18.0)  # table columns (characters) narrow and wide enough to hold a 認印 box
# Text that a spreadsheet would take as a formula or a command (CSV/formula injection).
HOSTILE_START = ("=", "+", "-", "@", "\t", "\r")
# What each column type writes as an Excel value; anything else is written as its text,
# so a template cell's style (and its cached style id) never changes under a value.
CELL_TYPES: dict[str, tuple[type, ...]] = {"number": (int, float, Decimal), "date": (dt.date,),
                                           "datetime": (dt.date,)}


def date_format(style: str, with_time: bool) -> str:
    base = '[$-ja-JP-x-gannen]ggge"年"m"月"d"日"' if style == WAREKI else 'yyyy"年"m"月"d"日"'
    return base + " hh:mm" if with_time else base


def date_column_width(style: str, with_time: bool) -> float:
    """The narrowest Excel width (characters, 全角 2) that shows the longest date of the style
    whole: a date that does not fit prints as 「###」, unlike text, which only spills over."""
    longest = "令和10年12月31日" if style == WAREKI else "2026年12月31日"
    if with_time:
        longest += " 23:59"
    return len(longest.encode("cp932")) + 3  # cell padding and the bolder digits of 游ゴシック


def column_width(col: Column, style: str) -> float:
    if col.type in ("date", "datetime"):
        return max(col.width, date_column_width(style, col.type == "datetime"))
    return col.width


def _escape_hf(text: str) -> str:
    return text.replace("&", "&&")  # '&' starts a code in Excel page headers


def sheet_title(title: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", "_", title)[:31] or "台帳"


class _Styles:
    def __init__(self, style: str) -> None:
        thin = Side(style="thin", color="000000")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.font = Font(name=FONT, size=10)
        self.title_font = Font(name=FONT, size=16, bold=True)
        self.sub_font = Font(name=FONT, size=10)
        self.header_font = Font(name=FONT, size=10, bold=True)
        self.header_fill = PatternFill("solid", fgColor="D9E1F2")
        self.date = date_format(style, with_time=False)
        self.datetime = date_format(style, with_time=True)


class _TemplateCell(Cell):
    """One column's styled cell, given a new value for every row.

    Its style is fixed once the rows start, so the workbook's style index is looked
    up once instead of hashing the style for each of a million cells.
    """

    __slots__ = ("_style_id",)

    def __init__(self, ws: WriteOnlyWorksheet) -> None:
        super().__init__(ws, row=1, column=1)
        self._style_id: int | None = None

    @property
    def style_id(self) -> int:
        if self._style_id is None:
            self._style_id = super().style_id
        return self._style_id

    @property
    def has_style(self) -> bool:
        return True


def _template(ws: WriteOnlyWorksheet, st: _Styles, column_index: int, *, align: str, wrap: bool,
              number_format: str | None = None, quote: bool = False) -> Cell:
    cell = _TemplateCell(ws)
    cell.font = st.font
    cell.border = st.border
    cell.alignment = Alignment(horizontal=align, vertical="top", wrap_text=wrap)
    if number_format:
        cell.number_format = number_format
    if quote:
        cell.quotePrefix = True  # Excel's own mark for "typed with a leading apostrophe": text, not formula
    cell.column = column_index
    return cell


def _clean(text: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", text)  # control characters Excel refuses to open


def _plain_text(cell: Cell, value: str) -> Cell:
    """Header text (a company called 「=HYPERLINK(…)」, a title, a filter) stays text, like cells."""
    cell.value = _clean(value)
    if value and (value[0] in HOSTILE_START or cell.data_type != "s"):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def stamp_columns(widths: list[float], count: int) -> list[int]:
    """The table columns (0-based) the stamp boxes stand on: the rightmost `count` adjacent
    columns of a seal's width, so that the boxes sit above the table instead of widening it."""
    if not count:
        return []
    lo, hi = STAMP_WIDTHS
    for end in range(len(widths), count - 1, -1):
        run = range(end - count, end)
        if all(lo <= widths[i] <= hi for i in run):
            return list(run)
    return list(range(max(len(widths) - count, 0), len(widths)))


def _title_block(ws: WriteOnlyWorksheet, spec: LedgerSpec, info: HeaderInfo, st: _Styles,
                 first_sheet: list[int]) -> None:
    n = len(spec.columns)
    stamps = list(spec.approvals)
    widths = [column_width(spec.columns[i], info.date_style) for i in first_sheet]
    places = [first_sheet[i] for i in stamp_columns(widths, len(stamps))]

    def text_cell(value: str, font: Font) -> WriteOnlyCell:
        cell = _plain_text(WriteOnlyCell(ws), value)
        cell.font = font
        cell.alignment = Alignment(vertical="center")
        return cell

    def stamp_cell(value: str | None) -> WriteOnlyCell:
        cell = WriteOnlyCell(ws, value=value)
        cell.font = st.sub_font
        cell.border = st.border
        cell.alignment = Alignment(horizontal="center", vertical="center")
        return cell

    row1: list[Any] = [None] * n
    row2: list[Any] = [None] * n
    row3: list[Any] = [None] * n
    row1[0] = text_cell(spec.title, st.title_font)
    row2[0] = text_cell(info.company if spec.header.company else "", st.sub_font)
    parts = []
    if spec.header.period and info.period:
        parts.append(f"期間: {info.period}")
    parts.extend(info.conditions)  # e.g. 部門: 営業部
    if spec.header.output_date and info.output_date_text:
        parts.append(f"出力日: {info.output_date_text}")
    row3[0] = text_cell("　　".join(parts), st.sub_font)
    for label, col in zip(stamps, places):
        row1[col], row2[col], row3[col] = stamp_cell(label), stamp_cell(None), stamp_cell(None)
        letter = get_column_letter(col + 1)
        ws.merged_cells.add(f"{letter}2:{letter}3")
    ws.row_dimensions[1].height = 26
    ws.row_dimensions[2].height = 24 if stamps else 18
    ws.row_dimensions[3].height = 24 if stamps else 18
    ws.row_dimensions[4].height = 6
    for row in (row1, row2, row3, []):
        ws.append(row)


def _repeated_columns(spec: LedgerSpec) -> int:
    """How many columns from the left 管理番号・名称 take (kept in view and repeated on paper)."""
    if spec.a4_split is None or not spec.a4_split.repeat:
        return 0
    keys = spec.keys
    return max(keys.index(k) for k in spec.a4_split.repeat) + 1


def _sheet_view(ws: WriteOnlyWorksheet, spec: LedgerSpec) -> None:
    """What openpyxl writes before the rows: it must be set before the first append."""
    ws.freeze_panes = f"{get_column_letter(_repeated_columns(spec) + 1)}{FIRST_DATA_ROW}"
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def print_areas(spec: LedgerSpec, paper: str, last_row: int) -> list[str]:
    """One print area per sheet of paper's width: the whole table, or on A4 for a split ledger
    the first columns (with the title block) and then the rest from the header row down."""
    last_row = max(last_row, HEADER_ROW)
    groups = spec.column_groups(paper)
    letter = get_column_letter
    areas = [f"A1:{letter(groups[0][-1] + 1)}{last_row}"]
    for group in groups[1:]:
        repeated = _repeated_columns(spec)
        own = [i for i in group if i >= repeated]
        areas.append(f"{letter(own[0] + 1)}{HEADER_ROW}:{letter(own[-1] + 1)}{last_row}")
    return areas


def _page_setup(ws: WriteOnlyWorksheet, spec: LedgerSpec, info: HeaderInfo, last_row: int, paper: str) -> None:
    last_col = get_column_letter(len(spec.columns))
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last_col}{max(last_row, HEADER_ROW)}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    areas = print_areas(spec, paper, last_row)
    ws.print_area = areas
    if len(areas) > 1 and _repeated_columns(spec):
        ws.print_title_cols = f"A:{get_column_letter(_repeated_columns(spec))}"
    ws.page_setup.paperSize = PAPER_SIZES[paper]
    ws.page_setup.orientation = spec.orientation
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as needed
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    if spec.header.company and info.company:
        ws.oddHeader.left.text = _escape_hf(info.company)
    ws.oddHeader.center.text = _escape_hf(info.titled)
    if spec.header.output_date and info.output_date_text:
        ws.oddHeader.right.text = _escape_hf(f"出力日: {info.output_date_text}")
    if spec.header.page_numbers:
        ws.oddFooter.center.text = "&P / &N ページ"
    if info.anchor:
        ws.oddFooter.left.text = _escape_hf(info.anchor)
    for part in (ws.oddHeader.left, ws.oddHeader.center, ws.oddHeader.right, ws.oddFooter.center,
                 ws.oddFooter.left):
        part.size = 9


def _fast_rows(ws: WriteOnlyWorksheet) -> bool:
    """Hand prepared cells straight to the writer instead of openpyxl re-checking each one.

    openpyxl's own path tries every styled cell as a value first (an exception per
    cell); that alone made styled ledgers 60 % slower than plain ones.
    """
    if not hasattr(WriteOnlyWorksheet, "_values_to_row"):
        return False

    def values_to_row(cells: Iterable[WriteOnlyCell], row_idx: int):
        for cell in cells:
            cell.row = row_idx
            yield cell

    ws._values_to_row = values_to_row  # type: ignore[method-assign]
    return True


def write_ledger_xlsx(spec: LedgerSpec, info: HeaderInfo, rows: Iterable[dict[str, Any]], out: Path,
                      total: int | None = None, progress: ProgressFn | None = None,
                      cancel: CancelFn | None = None, paper: str | None = None) -> int:
    """Write the workbook to `out`, set up to print on `paper` (the definition's by default);
    returns the number of records written."""
    paper = paper or spec.paper
    wb = Workbook(write_only=True)
    wb.properties.title = info.title
    wb.properties.creator = "pcdesk"
    if info.anchor_token:
        wb.properties.keywords = info.anchor_token  # read back by pcdesk check --anchor
    ws = wb.create_sheet(sheet_title(spec.title))
    st = _Styles(info.date_style)
    _sheet_view(ws, spec)
    for i, col in enumerate(spec.columns, 1):
        ws.column_dimensions[get_column_letter(i)].width = column_width(col, info.date_style)
    _title_block(ws, spec, info, st, spec.column_groups(paper)[0])
    header = []
    for col in spec.columns:
        cell = _plain_text(WriteOnlyCell(ws), col.header)
        cell.font, cell.fill, cell.border = st.header_font, st.header_fill, st.border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        header.append(cell)
    header_lines = max(text_lines(col.header, col.width) for col in spec.columns)
    ws.row_dimensions[HEADER_ROW] = _row_height_attrs(header_lines)  # type: ignore[assignment]
    ws.append(header)
    del ws.row_dimensions[HEADER_ROW]

    fast = _fast_rows(ws)
    keys = spec.keys
    kinds = [c.type for c in spec.columns]
    plain, quoted = [], []
    for i, col in enumerate(spec.columns, 1):
        fmt = {"date": st.date, "datetime": st.datetime, "number": col.number_format or None}.get(col.type)
        plain.append(_template(ws, st, i, align=col.align, wrap=col.wrap, number_format=fmt))
        quoted.append(_template(ws, st, i, align=col.align, wrap=col.wrap, quote=True))
    labels = [c.choice_label if c.type == "choice" else None for c in spec.columns]
    widths = [c.width if c.wrap else 0.0 for c in spec.columns]  # 0: one line, whatever the text
    native = [CELL_TYPES.get(kind, ()) for kind in kinds]
    columns = list(zip(keys, kinds, plain, quoted, labels, widths, native))

    ticker = Ticker(total, progress, cancel)
    try:
        _write_rows(ws, columns, rows, fast, ticker)
    except BaseException:
        _discard(ws)
        raise
    _page_setup(ws, spec, info, HEADER_ROW + ticker.count, paper)
    try:
        wb.save(out)
    except BaseException:  # a full disk: close openpyxl's stream too, then say why
        _discard(ws)
        raise
    ticker.done()
    return ticker.count


def _write_rows(ws: WriteOnlyWorksheet, columns: list, rows: Iterable[dict[str, Any]], fast: bool,
                ticker: Ticker) -> None:
    dims = ws.row_dimensions
    row_idx = HEADER_ROW
    for row in rows:
        cells = []
        row_idx += 1
        lines = 1
        for key, kind, cell, quote_cell, label, width, types in columns:
            value = row.get(key)
            if label is not None:
                value = label(value)
            elif kind in ("date", "datetime") and value.__class__ is str:
                value = as_date(value) or value
            if value is not None and value.__class__ is not str and not isinstance(value, types):
                value = str(value)  # anything else is written as the text it reads as
            if value.__class__ is str:
                if value and value[0] in HOSTILE_START:
                    cell = quote_cell
                try:
                    cell.value = value
                except IllegalCharacterError:
                    cell.value = value = _clean(value)
                if cell.data_type != "s":  # "=..." would be a formula, "#N/A" an error value
                    cell = quote_cell
                    cell.value = value
                    cell.data_type = "s"
                if width and (len(value) * 2 > width or "\n" in value):
                    lines = max(lines, text_lines(value, width))
            else:
                if kind == "date" and isinstance(value, dt.datetime):
                    value = value.date()
                cell.value = value
            cells.append(cell if fast else _copy(ws, cell))
        if lines > 1:
            dims[row_idx] = _row_height_attrs(lines)  # the writer only reads the row's attributes
            ws.append(cells)
            del dims[row_idx]  # written; 100,000 rows need not keep their heights
        else:
            ws.append(cells)
        ticker.tick()


@lru_cache(maxsize=256)
def _row_height_attrs(lines: int) -> dict[str, str]:
    """A row height LibreOffice keeps and Excel recomputes (no customHeight: see LINE_HEIGHT)."""
    return {"ht": f"{lines * LINE_HEIGHT + ROW_PADDING:g}"}


def line_capacity(width: float) -> float:
    """Shift_JIS bytes (全角 2, 半角 1) of 10 pt text on one line of a column `width` wide:
    a width unit is 7 px of Calibri's digits plus 5 px, less the cell's padding, and a 全角
    character of 10 pt is 13.3 px (measured in LibreOffice with Carlito, as in Excel)."""
    return max(2 * int((7 * width - 1) / (10 * 96 / 72)), 2) * 0.97  # a little lost to 禁則 and whole words


def text_lines(text: str, width: float) -> int:
    """How many lines wrapped text takes in a column `width` characters wide.

    LibreOffice does not grow a row for wrapped text written by a program, so the height
    is set here. Shift_JIS byte length is the display width (全角 2, 半角 1), counted in C
    rather than character by character.
    """
    usable = line_capacity(width)
    if "\n" not in text:
        return max(1, ceil(len(text.encode("cp932", "replace")) / usable))
    return sum(max(1, ceil(len(para.encode("cp932", "replace")) / usable)) for para in text.split("\n"))


def _discard(ws: WriteOnlyWorksheet) -> None:
    """After a cancel or an error: close openpyxl's stream and remove its temporary file."""
    try:
        if getattr(ws, "_rows", None) is not None:
            ws._rows.close()
        writer = getattr(ws, "_writer", None)
        if writer is not None:
            writer.close()
            writer.cleanup()
    except (OSError, ValueError, KeyError):
        pass  # best effort: the export itself already failed and says why


def _copy(ws: WriteOnlyWorksheet, template: WriteOnlyCell) -> WriteOnlyCell:
    """The public (slower) path: a fresh cell per value, styled like the template."""
    cell = WriteOnlyCell(ws, value=template.value)
    cell._style = template._style
    cell.data_type = template.data_type
    return cell
