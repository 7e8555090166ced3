"""A policy document as an A4 PDF for posting in the office: the embedded Japanese font,
wrapped with 禁則 (pcdesk.output.linebreak), page numbers, the signature and the 改定履歴.

Layout is a simple top-to-bottom flow: a heading is never left alone at the foot of a
page, bullets and numbered sub-items hang, 「項目：内容」 rows keep a label column.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from pathlib import Path

from reportlab.lib.units import mm

from pcdesk.output.fonts import FontFile
from pcdesk.output.linebreak import NO_LINE_END, NO_LINE_START, LineBreaker
from pcdesk.output.pdfpage import define_page_numbers, draw_page_number, new_canvas, page_box
from pcdesk.policy.document import Block, Printable

BODY = 10.0
LEADING = 1.6  # × size: a posted notice is read standing, so lines are spaced generously
HEADING = 11.5
TITLE = 18.0
INDENT = 10.0  # one 全角 at the body size
LABEL_MAX = 42 * mm  # a 「項目：内容」 label wider than this goes on its own line
DRAFT_RED = (0.69, 0.0, 0.13)
HANGING = set("、。，．")  # may hang past the right margin (ぶら下げ) rather than start a line


def _is_word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "@._-/:%#&=?+~")


def wrap_prose(breaker: LineBreaker, text: str, width: float) -> list[str]:
    """Lines of running text, filled to the margin: 禁則 (、。 hang, 「（ never end a line),
    Latin words kept whole, and no last line of one or two characters. Unlike a table cell's
    wrap, a bracketed phrase is not moved down whole, which would leave the line short."""
    if not text or breaker.width(text) <= width:
        return [text]
    edges = [0.0, *accumulate(breaker.width(ch) for ch in text)]
    lines: list[str] = []
    start, n = 0, len(text)
    while start < n:
        end = bisect_right(edges, edges[start] + width + 1e-6) - 1
        if end >= n:
            lines.append(text[start:])
            break
        end = max(end, start + 1)
        if text[end] in HANGING:
            end += 1  # ぶら下げ
        else:
            moved = end
            while moved - 1 > start and moved > end - 3 and (text[moved] in NO_LINE_START
                                                             or text[moved - 1] in NO_LINE_END):
                moved -= 1
            if not (text[moved] in NO_LINE_START or text[moved - 1] in NO_LINE_END):
                end = moved
            if end < n and _is_word(text[end]) and _is_word(text[end - 1]):
                word = end
                while word > start and _is_word(text[word - 1]):
                    word -= 1
                if word > start:
                    end = word
        lines.append(text[start:end])
        start = end
        while start < n and text[start] == " ":
            start += 1
    if len(lines) > 1 and len(lines[-1]) <= 2 and len(lines[-2]) > 6:
        take = 3 - len(lines[-1])
        while take < 6 and (lines[-2][-take] in NO_LINE_START or lines[-2][-take - 1] in NO_LINE_END):
            take += 1
        lines[-2], lines[-1] = lines[-2][:-take], lines[-2][-take:] + lines[-1]
    return lines


class _Page:
    def __init__(self, out: Path, font: FontFile, item: Printable) -> None:
        self.item = item
        self.c, self.font = new_canvas(out, font, "portrait", item.title, item.company)
        self.box = page_box("portrait", margin=17 * mm)
        self.page = 0
        self.y = 0.0
        self._breakers: dict[float, LineBreaker] = {}

    def breaker(self, size: float) -> LineBreaker:
        if size not in self._breakers:
            self._breakers[size] = LineBreaker(self.font, size)
        return self._breakers[size]

    # -- pages ------------------------------------------------------------------------------
    def new_page(self) -> None:
        if self.page:
            self.c.showPage()
        self.page += 1
        c, box = self.c, self.box
        c.setFillGray(0.35)
        c.setFont(self.font, 8)
        if self.page > 1:  # a loose page still says what it belongs to
            c.drawString(box.left, box.top + 7 * mm, self.item.company)
            c.drawRightString(box.right, box.top + 7 * mm, self.item.title)
        if self.item.draft_note:  # every sheet of a draft says so, in the margin, so none is posted by mistake
            c.setFillColorRGB(*DRAFT_RED)
            c.setFont(self.font, 9)
            c.drawCentredString((box.left + box.right) / 2, box.top + 7 * mm, self.item.draft_note)
        c.setFillGray(0)
        draw_page_number(self.c, self.page, (box.left + box.right) / 2, box.bottom - 9 * mm)
        self.y = box.top

    def room(self, height: float) -> None:
        if self.y - height < self.box.bottom:
            self.new_page()

    # -- text -------------------------------------------------------------------------------
    def lines(self, text: str, left: float, size: float = BODY, hang: str = "", right_align: bool = False,
              colour: tuple[float, float, float] | None = None) -> None:
        """One paragraph from `left`; `hang` (「・」「（1）」) stands before the first line and the
        rest hang under the text."""
        breaker = self.breaker(size)
        offset = breaker.width(hang) if hang else 0.0
        width = self.box.right - left - offset
        leading = size * LEADING
        for i, line in enumerate(wrap_prose(breaker, text, width)):
            self.room(leading)
            self.y -= leading
            self.c.setFont(self.font, size)
            if colour:
                self.c.setFillColorRGB(*colour)
            if right_align:
                self.c.drawRightString(self.box.right, self.y, line)
            else:
                if i == 0 and hang:
                    self.c.drawString(left, self.y, hang)
                self.c.drawString(left + offset, self.y, line)
            if colour:
                self.c.setFillGray(0)

    def gap(self, height: float) -> None:
        self.y -= height

    def heading(self, text: str, size: float = HEADING, keep: bool = True) -> None:
        if keep:
            self.room(size * 2.2 + BODY * LEADING * 2)  # the heading and two lines of what follows
        self.gap(size * 0.9)
        box = self.box
        self.y -= size * 1.3
        self.c.setFillColorRGB(0.23, 0.36, 0.57)
        self.c.rect(box.left, self.y - 1.5, 2.2, size + 1, stroke=0, fill=1)
        self.c.setFillGray(0)
        self.c.setFont(self.font, size)
        for i, line in enumerate(self.breaker(size).wrap(text, box.inner_width - 6)):
            if i:
                self.y -= size * 1.3
            self.c.drawString(box.left + 6, self.y, line)
        self.gap(size * 0.3)

    # -- blocks -----------------------------------------------------------------------------
    def block(self, block: Block, left: float) -> None:
        if block.kind == "p":
            self.lines(block.text, left)
            self.gap(BODY * 0.2)
        elif block.kind == "ul":
            for item in block.items:
                self.lines(item, left, hang="・")
        elif block.kind == "dl":
            self.rows(block.items, left)
        else:
            self.room(BODY * LEADING * 3)
            self.gap(BODY * 0.3)
            self.lines(block.text, left)
            for inner in block.items:
                self.block(inner, left + INDENT)

    def rows(self, pairs: tuple, left: float) -> None:
        """「項目　内容」 in two columns; when a label is too long for the column, every label of
        the group stands on its own line with its value under it (one look for the group)."""
        breaker = self.breaker(BODY)
        leading = BODY * LEADING
        stacked = any(breaker.width(label) > LABEL_MAX for label, _v in pairs)
        column = max((breaker.width(label) for label, _v in pairs), default=0.0) + BODY
        width = self.box.right - left - (INDENT if stacked else column)
        wrapped = [[line for part in value.split("\n") for line in wrap_prose(breaker, part, width)]
                   for _label, value in pairs]
        total = sum(len(v) + (1 if stacked else 0) for v in wrapped)
        if total <= 12:
            self.room(leading * total)  # a short group is kept on one page
        for (label, _value), value_lines in zip(pairs, wrapped):
            self.c.setFont(self.font, BODY)
            if stacked:
                self.lines(label, left, hang="■")
                for line in value_lines:
                    self.room(leading)
                    self.y -= leading
                    self.c.drawString(left + INDENT + breaker.width("■"), self.y, line)
                continue
            self.room(leading * min(len(value_lines), 3))
            self.c.drawString(left, self.y - leading, label)
            for line in value_lines:
                self.room(leading)
                self.y -= leading
                self.c.drawString(left + column, self.y, line)

    def history(self, heading: str, rows: tuple) -> None:
        """The 改定履歴 at the foot, kept together: a small heading, then 日付　内容 rows."""
        breaker = self.breaker(BODY)
        column = max((breaker.width(day) for day, _n in rows), default=0.0) + BODY * 1.5
        leading = BODY * LEADING
        wrapped = [(day, wrap_prose(breaker, note, self.box.inner_width - column)) for day, note in rows]
        height = BODY * 2.2 + leading * sum(len(lines) for _d, lines in wrapped)
        if height < self.box.top - self.box.bottom:
            self.room(height)
        self.heading(heading, size=BODY, keep=False)
        for day, lines in wrapped:
            self.room(leading * len(lines))
            self.c.setFont(self.font, BODY)
            self.c.drawString(self.box.left, self.y - leading, day)
            for line in lines:
                self.y -= leading
                self.c.drawString(self.box.left + column, self.y, line)


def write_pdf(item: Printable, out: Path, font: FontFile) -> int:
    """Write the document to `out`; returns the number of pages."""
    doc = item.document
    p = _Page(out, font, item)
    p.new_page()
    box = p.box
    p.c.setFont(p.font, TITLE)
    for line in p.breaker(TITLE).wrap(doc.title, box.inner_width):
        p.y -= TITLE * 1.4
        p.c.drawCentredString((box.left + box.right) / 2, p.y, line)
    p.gap(TITLE * 0.6)
    for block in doc.preamble:
        p.block(block, box.left)
    for clause in doc.clauses:
        p.heading(clause.heading)
        for block in clause.blocks:
            p.block(block, box.left + INDENT)
    p.gap(BODY * 0.6)
    for block in doc.closing:
        if block.kind == "sub":
            p.heading(block.text)
            for inner in block.items:
                p.block(inner, box.left + INDENT)
        else:
            p.block(block, box.left)
    if item.signature:
        p.room(BODY * LEADING * (len(item.signature) + 1))
        p.gap(BODY)
        for line in item.signature:
            p.lines(line, box.left, right_align=True)
    if item.history:
        p.gap(BODY * 0.5)
        p.history(doc.history_heading, item.history)
    define_page_numbers(p.c, p.font, p.page)
    p.c.save()
    return p.page
