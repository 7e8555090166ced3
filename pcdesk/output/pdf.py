"""A ledger as an A4 PDF: a table laid out by hand on the reportlab canvas.

platypus tables measure every cell twice and hold the whole table in memory; a
ledger of 100,000 rows needs a streaming layout instead. Text is never cut: a cell
wraps (per character, with 禁則), its row grows, and a row taller than the rest of
the page continues on the next one under a repeated header.
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
DATE_BREAKS = "年月日 "  # a date in a narrow column breaks only after these
CONTINUED = "（続き）"  # first cell of a record continued from the previous page


@dataclass
class TableLayout:
    box: PageBox
    xs: list[float]  # column left edges, then the table's right edge
    inner: list[float]  # text width inside each column
    aligns: list[str]
    size: float
    leading: float
    ascent: float


class _LedgerCanvas:
    """Draws pages: running header and footer, the first page's title block, table rows."""

    def __init__(self, c: Canvas, font: str, spec: LedgerSpec, info: HeaderInfo, lay: TableLayout) -> None:
        self.c, self.font, self.spec, self.info, self.lay = c, font, spec, info, lay
        self.breaker = LineBreaker(font, lay.size)
        self.page = 0
        self.y = 0.0
        self.table_top = 0.0
        self.segments: list[tuple[float, float, float, float]] = []
        self.text = None
        self.note_rows = False  # a message row spanning the table instead of records
        self.date_columns = [c.type in ("date", "datetime") for c in spec.columns]
        self.header_lines = [self.breaker.wrap_balanced(col.header, w) for col, w in zip(spec.columns, lay.inner)]
        self.header_height = max(len(x) for x in self.header_lines) * lay.leading + 2 * PAD_Y

    # -- page frame ----------------------------------------------------------------------------
    def start_page(self) -> None:
        c, lay, box = self.c, self.lay, self.lay.box
        self.page += 1
        top = box.top
        c.setFillGray(0)
        c.setFont(self.font, 8)
        if self.spec.header.company and self.info.company:
            c.drawString(box.left, top - 8, self.info.company)
        c.drawCentredString((box.left + box.right) / 2, top - 8, self.info.titled)
        if self.spec.header.output_date and self.info.output_date_text:
            c.drawRightString(box.right, top - 8, f"出力日: {self.info.output_date_text}")
        c.setStrokeGray(LINE_GREY)
        c.setLineWidth(0.4)
        c.line(box.left, top - 11, box.right, top - 11)
        if self.spec.header.page_numbers:
            draw_page_number(c, self.page, (box.left + box.right) / 2, box.bottom - 2)
        if self.info.anchor:  # where the audit trail stood: pcdesk check --anchor reads it back
            c.setFont(self.font, 6)
            c.drawString(box.left, box.bottom - 2, self.info.anchor)
        y = top - 18
        if self.page == 1:
            y = self._title_block(y)
        self.table_top = y
        self._draw_header_row(y)
        self.y = y - self.header_height
        self.text = c.beginText()
        self.text.setFont(self.font, lay.size)

    def _title_block(self, top: float) -> float:
        c, box = self.c, self.lay.box
        room = box.inner_width - len(self.spec.approvals) * STAMP_BOX - 12  # left of the stamp boxes
        size = 16.0
        while size > 10 and LineBreaker(self.font, size).width(self.info.title) > room:
            size -= 1
        y = top - 2
        c.setFont(self.font, size)
        for line in LineBreaker(self.font, size).wrap(self.info.title, room):
            y -= size * 1.1
            c.drawString(box.left, y, line)
        y -= 6
        c.setFont(self.font, 9)
        if self.spec.header.period and self.info.period:
            y -= 12
            c.drawString(box.left, y, f"期間: {self.info.period}")
        if self.info.conditions:  # which department (or other filter) this sheet covers, on paper
            c.setFont(self.font, 11)
            for line in LineBreaker(self.font, 11).wrap("　".join(self.info.conditions), room):
                y -= 14
                c.drawString(box.left, y, line)
        stamps_bottom = draw_stamp_boxes(c, self.font, self.spec.approvals, box.right, top)
        return min(y, stamps_bottom) - 8

    def _draw_header_row(self, top: float) -> None:
        c, lay = self.c, self.lay
        h = self.header_height
        c.setFillColorRGB(*HEADER_FILL)
        c.rect(lay.xs[0], top - h, lay.xs[-1] - lay.xs[0], h, stroke=0, fill=1)
        c.setFillGray(0)
        c.setFont(self.font, lay.size)
        for i, lines in enumerate(self.header_lines):
            centre = (lay.xs[i] + lay.xs[i + 1]) / 2
            y = top - PAD_Y - lay.ascent - (h - 2 * PAD_Y - len(lines) * lay.leading) / 2
            for line in lines:
                c.drawCentredString(centre, y, line)
                y -= lay.leading
        self.segments.append((lay.xs[0], top, lay.xs[-1], top))

    def finish_page(self) -> None:
        c, lay = self.c, self.lay
        c.drawText(self.text)
        bottom = self.y
        self.segments.append((lay.xs[0], bottom, lay.xs[-1], bottom))
        self.segments.append((lay.xs[0], self.table_top - self.header_height,
                              lay.xs[-1], self.table_top - self.header_height))
        if self.note_rows:
            self.segments.extend((x, self.table_top, x, self.table_top - self.header_height) for x in lay.xs[1:-1])
            self.segments.extend((x, self.table_top, x, bottom) for x in (lay.xs[0], lay.xs[-1]))
        else:
            self.segments.extend((x, self.table_top, x, bottom) for x in lay.xs)
        c.setStrokeGray(LINE_GREY)
        c.setLineWidth(0.5)
        c.lines(self.segments)
        self.segments = []
        c.showPage()

    # -- rows --------------------------------------------------------------------------------------
    def add_row(self, texts: list[str]) -> None:
        lay = self.lay
        wrap = self.breaker.wrap
        cells = [wrap(t, w) if not by_date else self.breaker.wrap_after(t, w, DATE_BREAKS)
                 for t, w, by_date in zip(texts, lay.inner, self.date_columns)]
        remaining = max(len(lines) for lines in cells)
        first = 0
        while remaining:
            room = int((self.y - lay.box.bottom - 2 * PAD_Y - 10) // lay.leading)
            if room < remaining and (room < 1 or remaining <= self._page_capacity()):
                self.finish_page()  # move the whole row to a fresh page when it fits there
                self.start_page()
                room = int((self.y - lay.box.bottom - 2 * PAD_Y - 10) // lay.leading)
            take = min(room, remaining)
            if first and len(cells[0]) <= first:
                marker = wrap(CONTINUED, lay.inner[0])  # says a record goes on from the last page
                cells[0] = cells[0] + [""] * (first - len(cells[0])) + marker
            self._draw_lines(cells, first, take)
            first += take
            remaining -= take

    def add_note(self, message: str) -> None:
        """A line across the whole table, e.g. when the period holds no records."""
        lay = self.lay
        self.text.setTextOrigin(lay.xs[0] + PAD_X, self.y - PAD_Y - lay.ascent)
        self.text.textOut(message)
        self.y -= lay.leading + 2 * PAD_Y
        self.segments.append((lay.xs[0], self.y, lay.xs[-1], self.y))
        self.note_rows = True

    def _page_capacity(self) -> int:
        lay = self.lay
        top = lay.box.top - 18 - self.header_height
        return int((top - lay.box.bottom - 2 * PAD_Y - 10) // lay.leading)

    def _draw_lines(self, cells: list[list[str]], first: int, count: int) -> None:
        lay, text = self.lay, self.text
        top = self.y
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
        self.y = top - count * lay.leading - 2 * PAD_Y
        self.segments.append((lay.xs[0], self.y, lay.xs[-1], self.y))


def table_layout(spec: LedgerSpec) -> TableLayout:
    box = page_box(spec.orientation)
    total = sum(c.width for c in spec.columns)
    xs = [box.left]
    for col in spec.columns:
        xs.append(xs[-1] + box.inner_width * col.width / total)
    inner = [max(xs[i + 1] - xs[i] - 2 * PAD_X, 4.0) for i in range(len(spec.columns))]
    size = spec.font_size
    return TableLayout(box, xs, inner, [c.align for c in spec.columns], size, size * 1.3, size * 0.88)


def write_ledger_pdf(spec: LedgerSpec, info: HeaderInfo, rows: Iterable[dict[str, Any]], out: Path,
                     font: FontFile, total: int | None = None, progress: ProgressFn | None = None,
                     cancel: CancelFn | None = None) -> tuple[int, int]:
    """Write the PDF to `out`; returns (records, pages)."""
    c, name = new_canvas(out, font, spec.orientation, info.title, info.company)
    if info.anchor_token:
        c.setKeywords(info.anchor_token)
    lay = table_layout(spec)
    doc = _LedgerCanvas(c, name, spec, info, lay)
    convert = [(col.key, text_converter(col, info.date_style)) for col in spec.columns]
    doc.start_page()
    ticker = Ticker(total, progress, cancel)
    for row in rows:
        doc.add_row([fn(row.get(key)) for key, fn in convert])
        ticker.tick()
    if ticker.count == 0:
        doc.add_note(NO_RECORDS)
    doc.finish_page()
    define_page_numbers(c, name, doc.page)
    c.save()
    ticker.done()
    return ticker.count, doc.page

