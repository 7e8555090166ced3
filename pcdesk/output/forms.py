"""Single-record forms (誓約書, 申請書, 記入用紙) drawn on A4 from a `kind = "form"` definition.

Blocks are laid out top to bottom; one that does not fit moves to the next page
(a table repeats its header there), and text is wrapped, never cut.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Mapping, Sequence

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from pcdesk.dates import SEIREKI
from pcdesk.output.cells import text_converter
from pcdesk.output.fonts import FontFile
from pcdesk.output.form_spec import (Block, FieldsBlock, FormField, FormSpec, HeadingBlock, SignatureBlock,
                                     SpaceBlock, StampsBlock, TableBlock, TextBlock, TitleBlock, list_forms,
                                     load_form_spec)
from pcdesk.output.linebreak import LineBreaker
from pcdesk.output.pdfpage import (HEADER_FILL, define_page_texts, draw_page_number, draw_stamp_boxes, new_canvas,
                                   page_box)

__all__ = ["list_forms", "load_form_spec", "write_form_pdf", "write_forms_pdf", "fill_placeholders"]

VALUE_SIZE = 10.5
LABEL_SIZE = 9.0
HINT_GREY = 0.45
FRAME = 1.1  # outer line of a box group (太枠)
RULE = 0.5
LINE_HEIGHT = 9 * mm  # one line of handwriting in a field box
# 「1. 」「（2）」「第3条 」: continuation lines of a numbered clause indent under its text.
HANGING_NUMBER = re.compile(r"^(?:\d+[\.．]\s*|[（(]\d+[）)]\s*|第[0-9０-９一二三四五六七八九十]+条\s*|[0-9０-９]+　)")
PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)\}(?!\})")


def fill_placeholders(text: str, values: Mapping[str, Any]) -> str:
    """{company} → the value; unknown names become blank, other braces stay as they are."""
    return PLACEHOLDER.sub(lambda m: str(values.get(m.group(1)) or ""), text)


class _FormCanvas:
    def __init__(self, c: Canvas, font: str, spec: FormSpec, values: Mapping[str, Any], date_style: str,
                 company: str, first_page: int = 1) -> None:
        self.c, self.font, self.spec, self.values = c, font, spec, values
        self.date_style, self.company = date_style, company
        self.box = page_box(spec.orientation, margin=15 * mm)
        self.page = first_page - 1  # pages of the file so far: copies of a form share one canvas
        self.first_page = first_page
        self.y = 0.0
        self._breakers: dict[float, LineBreaker] = {}

    def breaker(self, size: float) -> LineBreaker:
        if size not in self._breakers:
            self._breakers[size] = LineBreaker(self.font, size)
        return self._breakers[size]

    # -- pages -------------------------------------------------------------------------------------
    def new_page(self) -> None:
        if self.page >= self.first_page:
            self.c.showPage()
        self.page += 1
        c, box = self.c, self.box
        c.setFillGray(0)
        c.setFont(self.font, 8)
        if self.spec.company and self.company:
            c.drawString(box.left, box.top - 8, self.company)
        if self.spec.code:  # may name the record's values, e.g. the version of the wording printed
            c.drawRightString(box.right, box.top - 8, fill_placeholders(self.spec.code, self.values))
        draw_page_number(c, self.page, (box.left + box.right) / 2, box.bottom - 10)
        self.y = box.top - 20

    def ensure(self, height: float) -> bool:
        """Room for `height` below the cursor, starting a page if needed; True if a page began."""
        if self.y - height < self.box.bottom:
            self.new_page()
            return True
        return False

    # -- blocks ------------------------------------------------------------------------------------
    def draw(self, block: Block) -> None:
        if isinstance(block, TitleBlock):
            self.title(block)
        elif isinstance(block, HeadingBlock):
            self.heading(block.text, block.size)
        elif isinstance(block, TextBlock):
            self.text(block)
        elif isinstance(block, FieldsBlock):
            self.fields(block)
        elif isinstance(block, TableBlock):
            self.table(block)
        elif isinstance(block, SignatureBlock):
            self.signature(block)
        elif isinstance(block, StampsBlock):
            self.stamps(block)
        elif isinstance(block, SpaceBlock):
            self.y -= block.height * mm

    def title(self, block: TitleBlock) -> None:
        text = fill_placeholders(block.text, self.values)
        lines = self.breaker(block.size).wrap(text, self.box.inner_width)
        self.ensure(len(lines) * block.size * 1.3 + block.size)
        self.c.setFont(self.font, block.size)
        for line in lines:
            self.y -= block.size * 1.25
            self.c.drawCentredString((self.box.left + self.box.right) / 2, self.y, line)
        self.y -= block.size * 0.8

    def heading(self, text: str, size: float) -> None:
        self.ensure(size * 3.5)  # never a heading alone at the foot of a page
        c, box = self.c, self.box
        self.y -= size * 1.6
        c.setFillGray(0.2)
        c.rect(box.left, self.y - 0.5, size * 0.55, size * 0.8, stroke=0, fill=1)
        c.setFillGray(0)
        c.setFont(self.font, size)
        c.drawString(box.left + size * 0.9, self.y, fill_placeholders(text, self.values))
        self.y -= size * 0.6

    def text(self, block: TextBlock) -> None:
        c, box = self.c, self.box
        size, leading = block.size, block.size * 1.55
        breaker = self.breaker(size)
        for para in fill_placeholders(block.text, self.values).split("\n"):
            number = HANGING_NUMBER.match(para) if block.hanging else None
            indent = breaker.width(number.group(0)) if number else 0.0
            lines = self._hanging(breaker, para, indent) if indent else breaker.wrap(para, box.inner_width)
            for i, line in enumerate(lines):
                self.ensure(leading)
                self.y -= leading
                c.setFont(self.font, size)
                x = box.left + (indent if i and indent else 0)
                if block.align == "center":
                    c.drawCentredString((box.left + box.right) / 2, self.y, line)
                elif block.align == "right":
                    c.drawRightString(box.right, self.y, line)
                else:
                    c.drawString(x, self.y, line)
            self.y -= size * block.gap

    def _hanging(self, breaker: LineBreaker, para: str, indent: float) -> list[str]:
        width = self.box.inner_width
        first = breaker.wrap(para, width)[0]
        rest = para[len(first):].lstrip(" ")
        return [first, *(breaker.wrap(rest, width - indent) if rest else [])]

    def _value_text(self, f: FormField) -> str:
        value = self.values.get(f.key)
        if value is None or value == "":
            return ""
        return text_converter(f.column, self.date_style)(value)

    def fields(self, block: FieldsBlock) -> None:
        if block.heading:
            self.heading(block.heading, 10.5)
        c, box = self.c, self.box
        col_w = box.inner_width / block.columns
        label_w = min(block.label_width * mm, col_w * 0.45)
        rows: list[list[FormField]] = []
        used = block.columns
        for f in block.fields:
            if used + f.span > block.columns:
                rows.append([])
                used = 0
            rows[-1].append(f)
            used += f.span
        value_breaker, label_breaker = self.breaker(VALUE_SIZE), self.breaker(LABEL_SIZE)
        group_top = None
        for row in rows:
            laid = []
            height = 0.0
            x = box.left
            for f in row:
                w = col_w * f.span
                text = self._value_text(f)
                lines = value_breaker.wrap(text or fill_placeholders(f.hint, self.values), w - label_w - 8)
                labels = label_breaker.wrap(f.label, label_w - 6)
                need = max(len(lines) * VALUE_SIZE * 1.35, len(labels) * LABEL_SIZE * 1.3) + 8
                height = max(height, f.lines * LINE_HEIGHT, need)
                laid.append((f, x, w, lines, labels, bool(text)))
                x += w
            if self.ensure(height) or group_top is None:
                if group_top is not None:
                    self._frame(group_top)
                group_top = self.y
            top = self.y
            bottom = top - height
            for f, x, w, lines, labels, filled in laid:
                c.setFillColorRGB(*HEADER_FILL)
                c.rect(x, bottom, label_w, height, stroke=0, fill=1)
                c.setFillGray(0)
                c.setFont(self.font, LABEL_SIZE)
                ly = bottom + height / 2 + (len(labels) * LABEL_SIZE * 1.3) / 2 - LABEL_SIZE
                for label in labels:
                    c.drawCentredString(x + label_w / 2, ly, label)
                    ly -= LABEL_SIZE * 1.3
                c.setFont(self.font, VALUE_SIZE)
                if not filled:
                    c.setFillGray(HINT_GREY)
                block_h = len(lines) * VALUE_SIZE * 1.35
                vy = bottom + height / 2 + block_h / 2 - VALUE_SIZE
                for line in lines:
                    c.drawString(x + label_w + 4, vy, line)
                    vy -= VALUE_SIZE * 1.35
                c.setFillGray(0)
                c.setLineWidth(RULE)
                c.line(x + label_w, bottom, x + label_w, top)
                c.line(x, bottom, x, top)
            c.line(box.left, top, box.right, top)  # after the fills, which would paint over it
            c.line(box.left, bottom, box.right, bottom)
            self.y = bottom
        if group_top is not None:
            self._frame(group_top)
        self.y -= 2

    def _frame(self, top: float) -> None:
        c, box = self.c, self.box
        c.setLineWidth(FRAME)
        c.rect(box.left, self.y, box.inner_width, top - self.y, stroke=1, fill=0)
        c.setLineWidth(RULE)

    def table(self, block: TableBlock) -> None:
        if block.heading:
            self.heading(block.heading, 10.5)
        c, box = self.c, self.box
        total = sum(col.width for col in block.columns)
        xs = [box.left]
        for col in block.columns:
            xs.append(xs[-1] + box.inner_width * col.width / total)
        size = 9.0
        breaker = self.breaker(size)
        header = [breaker.wrap(col.header, xs[i + 1] - xs[i] - 6) for i, col in enumerate(block.columns)]
        header_h = max(len(h) for h in header) * size * 1.3 + 6
        records = list(self.values.get(block.key) or [])
        records += [{}] * max(0, block.rows - len(records))
        convert = [text_converter(col, self.date_style) for col in block.columns]

        def draw_header() -> float:
            top = self.y
            c.setFillColorRGB(*HEADER_FILL)
            c.rect(xs[0], top - header_h, xs[-1] - xs[0], header_h, stroke=0, fill=1)
            c.setFillGray(0)
            c.setFont(self.font, size)
            for i, lines in enumerate(header):
                y = top - 3 - size * 0.88 - (header_h - 6 - len(lines) * size * 1.3) / 2
                for line in lines:
                    c.drawCentredString((xs[i] + xs[i + 1]) / 2, y, line)
                    y -= size * 1.3
            c.setLineWidth(RULE)
            c.line(xs[0], top - header_h, xs[-1], top - header_h)
            self.y = top - header_h
            return top

        self.ensure(header_h + block.row_lines * 7 * mm)
        table_top = draw_header()
        for record in records:
            cells = [breaker.wrap(fn(record.get(col.key)), xs[i + 1] - xs[i] - 6)
                     for i, (col, fn) in enumerate(zip(block.columns, convert))]
            height = max(max(len(x) for x in cells) * size * 1.3 + 6, block.row_lines * 7 * mm)
            if self.y - height < box.bottom:
                self._table_frame(xs, table_top)
                self.new_page()
                table_top = draw_header()
            c.setFont(self.font, size)
            for i, lines in enumerate(cells):
                y = self.y - 3 - size * 0.88
                for line in lines:
                    align = block.columns[i].align
                    if align == "right":
                        c.drawRightString(xs[i + 1] - 3, y, line)
                    elif align == "center":
                        c.drawCentredString((xs[i] + xs[i + 1]) / 2, y, line)
                    else:
                        c.drawString(xs[i] + 3, y, line)
                    y -= size * 1.3
            self.y -= height
            c.line(xs[0], self.y, xs[-1], self.y)
        self._table_frame(xs, table_top)
        self.y -= 2

    def _table_frame(self, xs: list[float], top: float) -> None:
        c = self.c
        c.setLineWidth(RULE)
        for x in xs[1:-1]:
            c.line(x, self.y, x, top)
        c.setLineWidth(FRAME)
        c.rect(xs[0], self.y, xs[-1] - xs[0], top - self.y, stroke=1, fill=0)
        c.setLineWidth(RULE)

    def signature(self, block: SignatureBlock) -> None:
        c, box = self.c, self.box
        width = min(block.width * mm, box.inner_width)
        left = box.right - width
        line_h = 11 * mm
        stamps_h = 22 * mm if block.stamps else 0.0
        self.ensure(max(line_h * len(block.lines) + 4, stamps_h + 4))
        top = self.y
        if block.stamps:  # 受領・確認 boxes to the left of the lines, so they take no height of their own
            draw_stamp_boxes(c, self.font, block.stamps, left - 8 * mm, top - 2)
        label_breaker = self.breaker(LABEL_SIZE)
        label_w = max(label_breaker.width(s.label) for s in block.lines) + 8
        seal = 10 * mm
        for line in block.lines:
            self.y -= line_h
            baseline = self.y + 3
            c.setFont(self.font, LABEL_SIZE + 1)
            c.drawString(left, baseline, line.label)
            value = str(self.values.get(line.key) or "") if line.key else ""
            end = box.right - (seal + 4 if line.seal else 0)
            c.setFont(self.font, VALUE_SIZE)
            if value:
                c.drawString(left + label_w, baseline, value)
            elif line.hint:
                c.setFillGray(HINT_GREY)
                c.drawString(left + label_w, baseline, fill_placeholders(line.hint, self.values))
                c.setFillGray(0)
            c.setLineWidth(RULE)
            c.line(left + label_w - 2, self.y, end, self.y)
            if line.seal:
                cx, cy = box.right - seal / 2, self.y + seal / 2 - 1
                c.setDash(2, 2)
                c.circle(cx, cy, seal / 2 - 1, stroke=1, fill=0)
                c.setDash()
                c.setFont(self.font, 10)
                c.drawCentredString(cx, cy - 3.5, "印")
        self.y = min(self.y, top - stamps_h - 2) - 8

    def stamps(self, block: StampsBlock) -> None:
        height = 22 * mm
        self.ensure(height + 4)
        names = [str(self.values.get(key) or "") for key in block.keys]
        self.y = draw_stamp_boxes(self.c, self.font, block.labels, self.box.right, self.y,
                                  box_width=block.width * mm, names=names) - 4


def write_form_pdf(spec: FormSpec, values: Mapping[str, Any], out: Path, font: FontFile,
                   date_style: str = SEIREKI, company: str = "") -> int:
    """Draw the form with `values` filled in; returns the number of pages."""
    return write_forms_pdf(spec, [values], out, font, date_style, company)


def write_forms_pdf(spec: FormSpec, records: Sequence[Mapping[str, Any]], out: Path, font: FontFile,
                    date_style: str = SEIREKI, company: str = "") -> int:
    """One filled copy of the form per record in one file (e.g. a pledge for each worker), each
    starting on a new page and numbered on its own (a one-page copy shows no number); returns
    the number of pages."""
    c, name = new_canvas(out, font, spec.orientation, spec.title, company)
    texts: list[str] = []
    for values in records:
        doc = _FormCanvas(c, name, spec, values, date_style, company, first_page=len(texts) + 1)
        doc.new_page()
        for block in spec.blocks:
            doc.draw(block)
        c.showPage()
        count = doc.page - len(texts)
        texts += [f"{n} / {count} ページ" if count > 1 else "" for n in range(1, count + 1)]
    define_page_texts(c, name, texts)
    c.save()
    return len(texts)
