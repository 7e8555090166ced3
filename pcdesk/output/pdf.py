"""A ledger as a PDF on A4 or A3: a table laid out by hand on the reportlab canvas.

platypus tables measure every cell twice and hold the whole table in memory; a
ledger of 100,000 rows needs a streaming layout instead. Text is never cut: a cell
wraps (per character, with 禁則), its row grows to the height of its text, and a row
taller than the rest of the page continues on the next one under a repeated header.

A ledger too wide for A4 (its definition's [a4] split_at) prints there as pairs of
pages: the same rows, first with the left columns, then with the rest, both starting
with 管理番号 and 名称, so that the two halves of a row sit at the same height.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from pcdesk.output.cells import HeaderInfo, text_converter
from pcdesk.output.fonts import FontFile
from pcdesk.output.linebreak import LineBreaker
from pcdesk.output.pdfpage import (HEADER_FILL, LINE_GREY, PageBox, define_page_numbers, draw_page_number,
                                   draw_stamp_boxes, new_canvas, page_box)
from pcdesk.output.progress import CancelFn, ProgressFn, Ticker
from pcdesk.output.spec import LedgerSpec

PAD_X = 2.5  # points of space inside a cell, left and right
PAD_Y = 2.0
NO_RECORDS = "該当する記録はありません。"
STAMP_BOX = 17 * mm  # width of one 作成・確認・承認 box
STAMP_HEIGHT = 22 * mm  # label and seal rows of the stamp boxes (pdfpage.draw_stamp_boxes)
DATE_BREAKS = "年月日 "  # a date in a narrow column breaks only after these
CONTINUED = "（続き）"  # first cell of a record continued from the previous page
RUNNING = 8.0  # running header and footer size
HEAD_TOP = 18.0  # from the page's top margin to the first thing under the running header


@dataclass
class TableLayout:
    """One sheet's columns: `columns` are indexes into the definition's columns."""

    box: PageBox
    xs: list[float]  # column left edges, then the table's right edge
    inner: list[float]  # text width inside each column
    aligns: list[str]
    size: float
    leading: float
    ascent: float
    columns: tuple[int, ...] = ()


@dataclass
class _Chunk:
    """Lines `first`…`first + count` of one record (or a note across the table) on this sheet."""

    cells: list[list[list[str]]]  # per layout, per column, the wrapped lines
    first: int
    count: int
    note: str = ""


class _LedgerCanvas:
    """Draws sheets: for every layout a page with the running header and footer, the first
    sheet's title block, the header row and the rows placed on the sheet."""

    def __init__(self, c: Canvas, font: str, spec: LedgerSpec, info: HeaderInfo, layouts: list[TableLayout]) -> None:
        self.c, self.font, self.spec, self.info, self.layouts = c, font, spec, info, layouts
        lay = layouts[0]
        self.box, self.leading = lay.box, lay.leading
        self.breaker = LineBreaker(font, lay.size)
        self.page = 0
        self.sheet = 0
        self.chunks: list[_Chunk] = []
        self.date_columns = [col.type in ("date", "datetime") for col in spec.columns]
        self.header_lines = [[self.breaker.wrap_balanced(spec.columns[i].header, w)
                              for i, w in zip(layout.columns, layout.inner)] for layout in layouts]
        # The same height on every sheet of a pair, so the halves of a row stay level.
        self.header_height = max(len(x) for lines in self.header_lines for x in lines) * lay.leading + 2 * PAD_Y
        self.title_bottom = self._title_block(None)
        self.y = self._table_top() - self.header_height

    # -- geometry ------------------------------------------------------------------------------
    def _table_top(self) -> float:
        top = self.box.top - HEAD_TOP
        return self.title_bottom if self.sheet == 0 else top

    def _room(self) -> int:
        return int((self.y - self.box.bottom - 2 * PAD_Y - 10) // self.leading)

    def _page_capacity(self) -> int:
        top = self.box.top - HEAD_TOP - self.header_height
        return int((top - self.box.bottom - 2 * PAD_Y - 10) // self.leading)

    # -- placing rows ---------------------------------------------------------------------------
    def add_row(self, texts: list[str]) -> None:
        wrap, wrap_after = self.breaker.wrap, self.breaker.wrap_after
        cells = [[wrap(texts[i], w) if not self.date_columns[i] else wrap_after(texts[i], w, DATE_BREAKS)
                  for i, w in zip(layout.columns, layout.inner)] for layout in self.layouts]
        remaining = max(len(lines) for group in cells for lines in group)
        first = 0
        while remaining:
            room = self._room()
            if room < remaining and (room < 1 or remaining <= self._page_capacity()):
                self.next_sheet()  # move the whole row to a fresh sheet when it fits there
                room = self._room()
            take = min(room, remaining)
            if first:
                for group, layout in zip(cells, self.layouts):
                    if len(group[0]) <= first:  # says a record goes on from the last page
                        marker = wrap(CONTINUED, layout.inner[0])
                        group[0] = group[0] + [""] * (first - len(group[0])) + marker
            self.chunks.append(_Chunk(cells, first, take))
            self.y -= take * self.leading + 2 * PAD_Y
            first += take
            remaining -= take

    def add_note(self, message: str) -> None:
        """A line across the whole table, e.g. when the period holds no records."""
        self.chunks.append(_Chunk([], 0, 1, note=message))
        self.y -= self.leading + 2 * PAD_Y

    def next_sheet(self) -> None:
        self.finish_sheet()
        self.sheet += 1
        self.y = self._table_top() - self.header_height

    def finish_sheet(self) -> None:
        for g, layout in enumerate(self.layouts):
            self._draw_page(g, layout)
        self.chunks = []

    # -- drawing ---------------------------------------------------------------------------------
    def _draw_page(self, g: int, lay: TableLayout) -> None:
        c, box = self.c, self.box
        self.page += 1
        top = box.top
        c.setFillGray(0)
        c.setFont(self.font, RUNNING)
        if self.spec.header.company and self.info.company:
            c.drawString(box.left, top - RUNNING, self.info.company)
        c.drawCentredString((box.left + box.right) / 2, top - RUNNING, self.info.titled + self._part(g))
        if self.spec.header.output_date and self.info.output_date_text:
            c.drawRightString(box.right, top - RUNNING, f"出力日: {self.info.output_date_text}")
        c.setStrokeGray(LINE_GREY)
        c.setLineWidth(0.4)
        c.line(box.left, top - 11, box.right, top - 11)
        if self.spec.header.page_numbers:
            draw_page_number(c, self.page, (box.left + box.right) / 2, box.bottom - 2)
        if self.info.anchor:  # where the audit trail stood: pcdesk check --anchor reads it back
            c.setFont(self.font, 7)  # nothing on paper below 7 pt (tests/unit/test_output_print.py)
            c.drawString(box.left, box.bottom - 2, self.info.anchor)
        if self.sheet == 0:
            self._title_block(g)
        table_top = self._table_top()
        segments: list[tuple[float, float, float, float]] = []
        self._draw_header_row(g, lay, table_top, segments)
        text = c.beginText()
        text.setFont(self.font, lay.size)
        y = table_top - self.header_height
        notes = False
        for chunk in self.chunks:
            if chunk.note:
                text.setTextOrigin(lay.xs[0] + PAD_X, y - PAD_Y - lay.ascent)
                text.textOut(chunk.note)
                notes = True
            else:
                self._draw_lines(text, lay, chunk.cells[g], chunk.first, chunk.count, y)
            y -= chunk.count * lay.leading + 2 * PAD_Y
            segments.append((lay.xs[0], y, lay.xs[-1], y))
        c.drawText(text)
        header_bottom = table_top - self.header_height
        segments.append((lay.xs[0], header_bottom, lay.xs[-1], header_bottom))
        if notes:
            segments.extend((x, table_top, x, header_bottom) for x in lay.xs[1:-1])
            segments.extend((x, table_top, x, y) for x in (lay.xs[0], lay.xs[-1]))
        else:
            segments.extend((x, table_top, x, y) for x in lay.xs)
        c.setStrokeGray(LINE_GREY)
        c.setLineWidth(0.5)
        c.lines(segments)
        c.showPage()

    def _part(self, g: int) -> str:
        """「その1」「その2」 when a record is printed across two pages."""
        return f"　その{g + 1}" if len(self.layouts) > 1 else ""

    def _title_block(self, g: int | None) -> float:
        """Title, period and filters at the left, the stamp boxes at the right, above the table.
        With `g` None nothing is drawn: it only says where the block ends."""
        c, box = self.c, self.box
        top = box.top - HEAD_TOP
        room = box.inner_width - len(self.spec.approvals) * STAMP_BOX - 12  # left of the stamp boxes
        split = len(self.layouts) > 1
        title = self.info.title + (f"（その{(g or 0) + 1 if g is not None else len(self.layouts)}）" if split else "")
        size = 16.0
        while size > 10 and LineBreaker(self.font, size).width(title) > room:
            size -= 1
        y = top - 2
        for line in LineBreaker(self.font, size).wrap(title, room):
            y -= size * 1.1
            if g is not None:
                c.setFont(self.font, size)
                c.drawString(box.left, y, line)
        y -= 6
        if self.spec.header.period and self.info.period:
            y -= 12
            if g is not None:
                c.setFont(self.font, 9)
                c.drawString(box.left, y, f"期間: {self.info.period}")
        if self.info.conditions:  # which department (or other filter) this sheet covers, on paper
            for line in LineBreaker(self.font, 11).wrap("　".join(self.info.conditions), room):
                y -= 14
                if g is not None:
                    c.setFont(self.font, 11)
                    c.drawString(box.left, y, line)
        stamps_bottom = top - STAMP_HEIGHT if self.spec.approvals else top
        if g == 0:  # the stamps belong to the document: on its first page only
            stamps_bottom = draw_stamp_boxes(c, self.font, self.spec.approvals, box.right, top)
        return min(y, stamps_bottom) - 8

    def _draw_header_row(self, g: int, lay: TableLayout, top: float, segments: list) -> None:
        c = self.c
        h = self.header_height
        c.setFillColorRGB(*HEADER_FILL)
        c.rect(lay.xs[0], top - h, lay.xs[-1] - lay.xs[0], h, stroke=0, fill=1)
        c.setFillGray(0)
        c.setFont(self.font, lay.size)
        for i, lines in enumerate(self.header_lines[g]):
            centre = (lay.xs[i] + lay.xs[i + 1]) / 2
            y = top - PAD_Y - lay.ascent - (h - 2 * PAD_Y - len(lines) * lay.leading) / 2
            for line in lines:
                c.drawCentredString(centre, y, line)
                y -= lay.leading
        segments.append((lay.xs[0], top, lay.xs[-1], top))

    def _draw_lines(self, text, lay: TableLayout, cells: list[list[str]], first: int, count: int,  # type: ignore[no-untyped-def]
                    top: float) -> None:
        baseline0 = top - PAD_Y - lay.ascent
        width = self.breaker.width
        for i, lines in enumerate(cells):
            part = lines[first:first + count]
            if not part:
                continue
            align = lay.aligns[i]
            left = lay.xs[i] + PAD_X
            y = baseline0
            for line in part:
                if line:
                    if align == "left":
                        x = left
                    elif align == "right":
                        x = lay.xs[i + 1] - PAD_X - width(line)
                    else:
                        x = left + (lay.inner[i] - width(line)) / 2
                    text.setTextOrigin(x, y)
                    text.textOut(line)
                y -= lay.leading


def table_layouts(spec: LedgerSpec, paper: str | None = None) -> list[TableLayout]:
    """The column layout of each sheet: one, or two for a wide ledger on A4."""
    box = page_box(spec.orientation, paper=paper or spec.paper)
    size = spec.font_size
    layouts = []
    for group in spec.column_groups(paper):
        columns = [spec.columns[i] for i in group]
        total = sum(c.width for c in columns)
        xs = [box.left]
        for col in columns:
            xs.append(xs[-1] + box.inner_width * col.width / total)
        inner = [max(xs[i + 1] - xs[i] - 2 * PAD_X, 4.0) for i in range(len(columns))]
        layouts.append(TableLayout(box, xs, inner, [c.align for c in columns], size, size * 1.3, size * 0.88,
                                   tuple(group)))
    return layouts


def table_layout(spec: LedgerSpec, paper: str | None = None) -> TableLayout:
    """The first sheet's layout (the only one unless the ledger is split on A4)."""
    return table_layouts(spec, paper)[0]


def write_ledger_pdf(spec: LedgerSpec, info: HeaderInfo, rows: Iterable[dict[str, Any]], out: Path,
                     font: FontFile, total: int | None = None, progress: ProgressFn | None = None,
                     cancel: CancelFn | None = None, paper: str | None = None) -> tuple[int, int]:
    """Write the PDF to `out` on `paper` (the definition's by default); returns (records, pages)."""
    paper = paper or spec.paper
    c, name = new_canvas(out, font, spec.orientation, info.title, info.company, paper)
    if info.anchor_token:
        c.setKeywords(info.anchor_token)
    doc = _LedgerCanvas(c, name, spec, info, table_layouts(spec, paper))
    convert = [(col.key, text_converter(col, info.date_style)) for col in spec.columns]
    ticker = Ticker(total, progress, cancel)
    for row in rows:
        doc.add_row([fn(row.get(key)) for key, fn in convert])
        ticker.tick()
    if ticker.count == 0:
        doc.add_note(NO_RECORDS)
    doc.finish_sheet()
    define_page_numbers(c, name, doc.page)
    c.save()
    ticker.done()
    return ticker.count, doc.page
