"""Breaking Japanese text into lines that fit a width, without ever dropping a character.

Japanese has no spaces, so lines break between any two characters, except that
closing punctuation never starts a line and opening brackets never end one (禁則).
Runs of Latin letters and digits break at a space when they can.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

# 行頭禁則: may not start a line.  行末禁則: may not end a line.
NO_LINE_START = set("、。，．・：；？！ー－）」』】〕］｝〉》”’ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々ゝゞ"
                    "゛゜,.:;?!)]}%")
NO_LINE_END = set("（「『【〔［｛〈《“‘([{")
# A bracketed part moves down whole only if that leaves at most half the line, and at most
# this many characters, empty: in a narrow cell 「件数/（概数）」 reads better; in running text
# (a pledge's clauses) a line ending a third early does not.
BRACKET_GAP_CHARS = 8


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "@._-/:%#&=?+~")


class LineBreaker:
    """Measures and wraps text in one font at one size."""

    def __init__(self, font_name: str, size: float) -> None:
        from reportlab.pdfbase import pdfmetrics

        font = pdfmetrics.getFont(font_name)
        self.size = size
        self._string_width = font.stringWidth
        face = getattr(font, "face", None)
        if face is not None:
            self._char_widths = face.charWidths
            self._default = face.defaultWidth
            widest = max(face.charWidths.values(), default=1000)
        else:  # a Type 1 font (only in tests that pass a Latin font)
            self._char_widths, self._default = {}, 1000
            widest = 1000
        self._widest = max(widest, self._default) * size / 1000.0

    def width(self, text: str) -> float:
        return self._string_width(text, self.size)

    def wrap(self, text: str, max_width: float) -> list[str]:
        """The lines of `text` in order: every character kept, only a space at a break dropped."""
        if not text:
            return [""]
        if "\n" not in text and "\r" not in text:
            if len(text) * self._widest <= max_width or self._string_width(text, self.size) <= max_width:
                return [text]
            return self._wrap_paragraph(text, max_width)
        lines: list[str] = []
        for para in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            if len(para) * self._widest <= max_width or self._string_width(para, self.size) <= max_width:
                lines.append(para)
            else:
                lines.extend(self._wrap_paragraph(para, max_width))
        return lines

    def wrap_balanced(self, text: str, max_width: float) -> list[str]:
        """As few lines as `wrap`, but as even as they can be: 「管理/部門」, not 「管理部/門」 (headings)."""
        lines = self.wrap(text, max_width)
        if len(lines) < 2 or "\n" in text:
            return lines
        low, high = max(self.width(ch) for ch in text), max_width  # the narrowest width giving as few lines
        for _ in range(12):
            mid = (low + high) / 2
            if len(self.wrap(text, mid)) <= len(lines):
                high = mid
            else:
                low = mid
        return self.wrap(text, high)

    def wrap_after(self, text: str, max_width: float, breaks: str) -> list[str]:
        """Wrap only after one of `breaks` (「2026年 / 11月22日」, never 「2026年11月22 / 日」).

        A piece wider than the cell on its own still wraps per character.
        """
        if len(text) * self._widest <= max_width or self._string_width(text, self.size) <= max_width:
            return [text]
        lines: list[str] = []
        current = ""
        for piece in re.split(f"(?<=[{re.escape(breaks)}])", text):
            if not piece:
                continue
            if self._string_width(current + piece, self.size) <= max_width:
                current += piece
                continue
            if current.strip():
                lines.append(current.rstrip(" "))
            current = piece.lstrip(" ")
            if self._string_width(current, self.size) > max_width:
                *full, current = self.wrap(current, max_width)
                lines.extend(full)
        if current or not lines:
            lines.append(current)
        return lines

    def _wrap_paragraph(self, text: str, max_width: float) -> list[str]:
        scale = self.size / 1000.0
        get, default = self._char_widths.get, self._default
        # edges[i] = width of text[:i]; a line from a to b fits when edges[b] - edges[a] <= max_width
        edges = [0.0, *accumulate(get(ord(ch), default) * scale for ch in text)]
        lines: list[str] = []
        start, n = 0, len(text)
        while start < n:
            end = bisect_right(edges, edges[start] + max_width + 1e-6) - 1
            if end >= n:
                lines.append(text[start:])
                break
            end = max(end, start + 1)  # a character wider than the cell still gets a line of its own
            if end >= n:
                lines.append(text[start:])
                break
            end = self._adjust(text, edges, start, end, max_width, self.size)
            lines.append(text[start:end])
            start = end
            while start < n and text[start] == " " and start < n - 1:
                start += 1  # a space at a break is swallowed, as in any word processor
        return lines

    @staticmethod
    def _bracket_group(text: str, start: int, end: int) -> tuple[int, int] | None:
        """(opening, after closing) of a bracket opened on this line (not at its start) and closed after `end`."""
        opening = max(text.rfind("（", start + 1, end), text.rfind("(", start + 1, end))
        if opening < 0 or any(ch in "）)" for ch in text[opening:end]):
            return None
        closing = min((i for i in (text.find("）", end), text.find(")", end)) if i >= 0), default=-1)
        return (opening, closing + 1) if closing >= 0 else None

    @staticmethod
    def _word_start(text: str, edges: list[float], start: int, pos: int, max_width: float) -> int | None:
        """Where the Latin word broken at `pos` starts, if the whole word fits on the next line."""
        if not (_is_word_char(text[pos - 1]) and _is_word_char(text[pos])):
            return None
        i, j = pos - 1, pos
        while i > start and _is_word_char(text[i - 1]):
            i -= 1
        while j < len(text) and _is_word_char(text[j]):
            j += 1
        return i if i > start and edges[j] - edges[i] <= max_width else None

    @staticmethod
    def _adjust(text: str, edges: list[float], start: int, end: int, max_width: float, em: float = 10.0) -> int:
        """Move a break at `end` earlier for 禁則 and whole Latin words; never to `start`.
        `em` is the width of one 全角 character."""
        word = LineBreaker._word_start(text, edges, start, end, max_width)
        if word is not None:
            return word
        group = LineBreaker._bracket_group(text, start, end)
        if group is not None and edges[group[1]] - edges[group[0]] <= max_width \
                and edges[end] - edges[group[0]] <= min(max_width / 2, BRACKET_GAP_CHARS * em):
            return group[0]  # 「件数」/「（概数）」: a short bracketed part moves down whole
        moved = end
        for _ in range(2):  # at most two characters pushed down, like Word's 禁則 (追い出し)
            if moved - 1 > start and (text[moved] in NO_LINE_START or text[moved - 1] in NO_LINE_END):
                moved -= 1
            else:
                break
        if text[moved] in NO_LINE_START or text[moved - 1] in NO_LINE_END:
            return end  # no better place within two characters: keep every character visible
        if moved != end:  # 「Web・」: pushing the 「・」 down must not split the word before it
            word = LineBreaker._word_start(text, edges, start, moved, max_width)
            if word is not None:
                return word
        return moved
