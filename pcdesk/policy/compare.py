"""Two versions side by side: the documents lined up clause by clause (by clause key).

A clause is 「変更」 when its text differs; a renumbered heading alone is no change. Inside
a changed clause, `marks` says which lines differ, for the screen to highlight.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from pcdesk.policy.document import Block, Document

SAME, CHANGED, ADDED, REMOVED = "same", "changed", "added", "removed"
STATUS_LABELS = {SAME: "変更なし", CHANGED: "変更", ADDED: "追加", REMOVED: "削除"}
NUMBER = re.compile(r"^[0-9０-９]+[．.]\s*")
PREAMBLE, CLOSING = "_preamble", "_closing"


@dataclass(frozen=True)
class ClauseChange:
    document: str  # the document's title
    key: str
    heading: str  # the newer heading (the older one when removed)
    before: tuple[str, ...]
    after: tuple[str, ...]
    status: str

    @property
    def changed(self) -> bool:
        return self.status != SAME

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    def marks(self) -> tuple[list[bool], list[bool]]:
        """(changed? per line before, changed? per line after)."""
        left, right = [False] * len(self.before), [False] * len(self.after)
        matcher = difflib.SequenceMatcher(a=self.before, b=self.after, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op != "equal":
                for i in range(i1, i2):
                    left[i] = True
                for j in range(j1, j2):
                    right[j] = True
        return left, right


def _lines(blocks: tuple[Block, ...]) -> tuple[str, ...]:
    return tuple(line for b in blocks for line in b.lines())


def _sections(doc: Document) -> list[tuple[str, str, tuple[str, ...]]]:
    found = [(PREAMBLE, "前文", _lines(doc.preamble))]
    found += [(c.key, c.heading, tuple(c.lines())) for c in doc.clauses]
    found.append((CLOSING, "結び・お問い合わせ先", _lines(doc.closing)))
    return [s for s in found if s[2] or s[0] not in (PREAMBLE, CLOSING)]


def bare_heading(heading: str) -> str:
    return NUMBER.sub("", heading)


def compare_documents(before: Document, after: Document) -> list[ClauseChange]:
    """Every clause of either document, in the newer order (a removed clause where it stood)."""
    old = {key: (heading, lines) for key, heading, lines in _sections(before)}
    new_sections = _sections(after)
    new_keys = {key for key, _h, _l in new_sections}
    out: list[ClauseChange] = []
    old_order = [key for key, _h, _l in _sections(before)]
    for key, heading, lines in new_sections:
        # Clauses gone from the newer version are shown where they stood in the older one.
        for gone in _removed_before(key, old_order, new_keys, out):
            out.append(ClauseChange(after.title, gone, old[gone][0], old[gone][1], (), REMOVED))
        if key not in old:
            out.append(ClauseChange(after.title, key, heading, (), lines, ADDED))
            continue
        old_heading, old_lines = old[key]
        same = old_lines == lines and bare_heading(old_heading) == bare_heading(heading)
        out.append(ClauseChange(after.title, key, heading, old_lines, lines, SAME if same else CHANGED))
    for gone in [k for k in old_order if k not in new_keys and all(c.key != k for c in out)]:
        out.append(ClauseChange(after.title, gone, old[gone][0], old[gone][1], (), REMOVED))
    return out


def _removed_before(key: str, old_order: list[str], new_keys: set[str], done: list[ClauseChange]) -> list[str]:
    if key not in old_order:
        return []
    shown = {c.key for c in done}
    found = []
    for k in old_order[:old_order.index(key)]:
        if k not in new_keys and k not in shown:
            found.append(k)
    return found


def change_summary(changes: list[ClauseChange], limit: int = 3) -> str:
    """「保有個人データの利用目的」を改定: what a 改定履歴 line says, from the changed clauses."""
    names = [bare_heading(c.heading) for c in changes if c.changed and c.key not in (PREAMBLE, CLOSING)]
    names = list(dict.fromkeys(names))
    if not names:
        return "改定" if any(c.changed for c in changes) else ""
    shown = "」「".join(names[:limit])
    more = "ほか" if len(names) > limit else ""
    return f"「{shown}」{more}を改定"


def comparison_html(changes: list[ClauseChange], before_label: str, after_label: str,
                    only_changed: bool = True) -> str:
    """The comparison as an HTML table for the screen: clause by clause, the older version on
    the left and the newer on the right, changed lines marked (everything escaped)."""
    from html import escape

    def cell(lines: tuple[str, ...], marks: list[bool], colour: str) -> str:
        if not lines:
            return '<td style="color:#777">（なし）</td>'
        shown = [f'<span style="background:{colour}">{escape(line)}</span>' if marked else escape(line)
                 for line, marked in zip(lines, marks)]
        return f"<td>{'<br>'.join(shown)}</td>"

    rows = [f'<tr><th width="50%">{escape(before_label)}</th><th width="50%">{escape(after_label)}</th></tr>']
    title = ""
    shown_any = False
    for change in changes:
        if only_changed and not change.changed:
            continue
        shown_any = True
        if change.document != title:
            title = change.document
            rows.append(f'<tr><td colspan="2" style="background:#dfe6f2"><b>{escape(title)}</b></td></tr>')
        tag = "" if not change.changed else f'<span style="color:#b00020">【{change.status_label}】</span>'
        rows.append(f'<tr><td colspan="2" style="background:#f3f5f9">{tag}<b>{escape(change.heading)}</b></td></tr>')
        left, right = change.marks()
        rows.append(f"<tr>{cell(change.before, left, '#f9d3d3')}{cell(change.after, right, '#cdeccf')}</tr>")
    if not shown_any:
        rows.append('<tr><td colspan="2">2つの版の本文に違いはありません。</td></tr>')
    return ('<table width="100%" cellspacing="0" cellpadding="6" border="1" style="border-collapse:collapse">'
            + "".join(rows) + "</table>")
