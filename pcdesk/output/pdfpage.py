"""Page furniture shared by ledgers and forms: A4 geometry, stamp boxes, page n / N."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from pcdesk.output.fonts import FontFile, register

PAGE_NUMBER_FORM = "pcdeskPage"  # one form per page, drawn once the page count is known
LINE_GREY = 0.35
HEADER_FILL = (0.85, 0.88, 0.95)


@dataclass(frozen=True)
class PageBox:
    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float

    @property
    def inner_width(self) -> float:
        return self.right - self.left


def page_box(orientation: str, margin: float = 12 * mm) -> PageBox:
    w, h = landscape(A4) if orientation == "landscape" else A4
    return PageBox(w, h, margin, w - margin, h - margin, margin)


def new_canvas(out: Path, font: FontFile, orientation: str, title: str, author: str) -> tuple[Canvas, str]:
    """A canvas on A4 that never mentions a non-embedded font; returns it and the font name."""
    name = register(font)
    size = landscape(A4) if orientation == "landscape" else A4
    c = Canvas(str(out), pagesize=size, pageCompression=1, initialFontName=name, initialFontSize=10,
               invariant=0)
    c.setTitle(title)
    c.setAuthor(author)
    c.setCreator("pcdesk")
    c.setSubject(title)
    return c, name


def draw_stamp_boxes(c: Canvas, font: str, labels: list[str] | tuple[str, ...], right: float, top: float,
                     box_width: float = 17 * mm, label_height: float = 5 * mm,
                     stamp_height: float = 17 * mm, names: list[str] | tuple[str, ...] = ()) -> float:
    """作成・確認・承認 boxes ending at `right`, hanging from `top`; returns their bottom edge.
    `names` (one per box, may be empty) are printed small at the foot of each box, shrunk to fit."""
    if not labels:
        return top
    n = len(labels)
    left = right - n * box_width
    bottom = top - label_height - stamp_height
    c.saveState()
    c.setStrokeGray(LINE_GREY)
    c.setLineWidth(0.6)
    c.setFillColorRGB(*HEADER_FILL)
    c.rect(left, top - label_height, n * box_width, label_height, stroke=0, fill=1)
    c.setFillGray(0)
    c.rect(left, bottom, n * box_width, label_height + stamp_height, stroke=1, fill=0)
    c.line(left, top - label_height, right, top - label_height)
    size = 8
    c.setFont(font, size)
    for i, label in enumerate(labels):
        x = left + i * box_width
        if i:
            c.line(x, bottom, x, top)
        c.drawCentredString(x + box_width / 2, top - label_height + (label_height - size) / 2 + 1.2, label)
        name = names[i] if i < len(names) else ""
        if name:
            fit = min(7.0, 7.0 * (box_width - 4) / max(c.stringWidth(name, font, 7), 1))
            c.setFont(font, fit)
            c.drawCentredString(x + box_width / 2, bottom + 2.5, name)
            c.setFont(font, size)
    c.restoreState()
    return bottom


def _page_form(page: int) -> str:
    return f"{PAGE_NUMBER_FORM}{page}"


def draw_page_number(c: Canvas, page: int, centre_x: float, y: float) -> None:
    """Place 「n / N ページ」; the text is filled in by `define_page_numbers` once N is known."""
    c.saveState()
    c.translate(centre_x, y)
    c.doForm(_page_form(page))
    c.restoreState()


def define_page_numbers(c: Canvas, font: str, pages: int, size: float = 8, single: bool = True) -> None:
    """Write every page's number; with `single` False a one-page document shows none."""
    texts = [f"{page} / {pages} ページ" if single or pages > 1 else "" for page in range(1, pages + 1)]
    define_page_texts(c, font, texts, size)


def define_page_texts(c: Canvas, font: str, texts: list[str], size: float = 8) -> None:
    """Write the text placed by `draw_page_number` on each page (page 1 first); "" leaves it blank.
    Several filled copies of a form in one file number their pages per copy this way."""
    for page, text in enumerate(texts, 1):
        c.beginForm(_page_form(page), lowerx=-size * 10, lowery=-size, upperx=size * 10, uppery=size * 2)
        if text:
            c.setFont(font, size)
            c.drawCentredString(0, 0, text)
        c.endForm()
