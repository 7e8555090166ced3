"""A policy document as plain text: for e-mail, a web form's notice, or pasting anywhere.

No line is wrapped by hand (the place it is pasted wraps it); numbered headings and
「・」 bullets carry the structure; the signature and the 改定履歴 close it.
"""

from __future__ import annotations

from pathlib import Path

from pcdesk.policy.document import Block, Document, Printable

INDENT = "　"


def _block_lines(block: Block, indent: str = "") -> list[str]:
    if block.kind == "sub":
        out = [f"{indent}{block.text}"]
        for inner in block.items:
            out += _block_lines(inner, indent + INDENT)
        return out
    return [f"{indent}{line}" for line in block.lines()]


def blocks_text(blocks: tuple[Block, ...], indent: str = "") -> list[str]:
    return [line for b in blocks for line in _block_lines(b, indent)]


def document_lines(doc: Document) -> list[str]:
    """The body alone (title, preamble, clauses, closing), as the clipboard and the comparison read it."""
    lines = [doc.title, ""]
    if doc.preamble:
        lines += blocks_text(doc.preamble) + [""]
    for clause in doc.clauses:
        lines.append(clause.heading)
        lines += blocks_text(clause.blocks, INDENT)
        lines.append("")
    for block in doc.closing:
        if block.kind == "sub":  # 「本方針に関するお問い合わせ先」 stands as a heading of its own
            lines.append(block.text)
            lines += blocks_text(block.items, INDENT)
        else:
            lines += _block_lines(block)
        lines.append("")
    return lines


def printable_text(item: Printable) -> str:
    lines = [f"【{item.draft_note}】", ""] if item.draft_note else []
    lines += document_lines(item.document)
    if item.signature:
        lines += list(item.signature) + [""]
    if item.history:
        lines.append(item.document.history_heading)
        lines += [f"{day}　{note}" for day, note in item.history]
    return "\n".join(lines).rstrip("\n") + "\n"


def write_text(item: Printable, out: Path) -> None:
    # UTF-8 with CRLF: Windows メモ帳 and mail clients read it as written.
    out.write_bytes(printable_text(item).replace("\n", "\r\n").encode("utf-8"))
