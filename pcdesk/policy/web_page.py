"""A policy document as a standalone HTML page for the company's website.

Semantic and self-contained: <main><article> with one <section> per clause, <ul> for
bullets, <dl> for 項目：内容 rows, a <table> for the 改定履歴; the style sheet is inline
and nothing is loaded from elsewhere (no fonts, scripts or images). Every text is
escaped, so whatever was typed into the wizard is shown as text, never run as markup.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from pcdesk.policy.document import Block, Printable

STYLE = """
body { margin: 0; background: #fff; color: #222; font-family: "Hiragino Sans", "Hiragino Kaku Gothic ProN",
  "BIZ UDPGothic", "Yu Gothic", "Meiryo", sans-serif; line-height: 1.8; }
main { max-width: 46em; margin: 0 auto; padding: 2em 1.25em 3em; }
h1 { font-size: 1.6em; text-align: center; margin: 0 0 1.2em; }
h2 { font-size: 1.15em; margin: 1.8em 0 0.5em; padding-left: 0.5em; border-left: 0.3em solid #3b5b92; }
h3 { font-size: 1em; margin: 1em 0 0.3em; }
section.sub { margin-left: 1em; }
p { margin: 0.4em 0; }
ul { margin: 0.3em 0 0.6em; padding-left: 1.5em; }
dl { display: grid; grid-template-columns: minmax(7em, max-content) 1fr; gap: 0.2em 1em; margin: 0.5em 0; }
dt { font-weight: bold; }
dd { margin: 0; }
.draft { border: 2px solid #b00020; color: #b00020; padding: 0.4em 0.8em; text-align: center; }
.signature { text-align: right; margin-top: 2em; }
table { border-collapse: collapse; margin-top: 0.5em; }
th, td { border: 1px solid #999; padding: 0.2em 0.8em; text-align: left; vertical-align: top; }
th { background: #eef1f7; }
@media print { main { max-width: none; } }
""".strip()


def _text(value: str) -> str:
    """Escaped, with the line breaks of a value kept."""
    return "<br>".join(escape(part, quote=True) for part in value.split("\n"))


def _block(block: Block, level: int) -> list[str]:
    if block.kind == "p":
        return [f"<p>{_text(block.text)}</p>"]
    if block.kind == "ul":
        return ["<ul>", *(f"<li>{_text(item)}</li>" for item in block.items), "</ul>"]
    if block.kind == "dl":
        out = ["<dl>"]
        for label, value in block.items:
            out += [f"<dt>{_text(label)}</dt>", f"<dd>{_text(value)}</dd>"]
        return out + ["</dl>"]
    out = ['<section class="sub">', f"<h{level}>{_text(block.text)}</h{level}>"]
    for inner in block.items:
        out += _block(inner, min(level + 1, 6))
    return out + ["</section>"]


def _anchor(key: str) -> str:
    return "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "-" for ch in key)


def article(item: Printable) -> str:
    """The <article> alone: what is pasted into a website's page (and copied to the clipboard)."""
    doc = item.document
    out = [f'<article class="pcdesk-{_anchor(doc.kind)}">']
    if item.draft_note:
        out.append(f'<p class="draft">{_text(item.draft_note)}</p>')
    out.append(f"<h1>{_text(doc.title)}</h1>")
    if doc.preamble:
        out.append('<section class="preamble">')
        for block in doc.preamble:
            out += _block(block, 3)
        out.append("</section>")
    for clause in doc.clauses:
        out.append(f'<section id="{_anchor(clause.key)}">')
        out.append(f"<h2>{_text(clause.heading)}</h2>")
        for block in clause.blocks:
            out += _block(block, 3)
        out.append("</section>")
    for block in doc.closing:
        if block.kind == "sub":  # a heading of its own, like a clause without a number
            out += ['<section class="closing">', f"<h2>{_text(block.text)}</h2>"]
            for inner in block.items:
                out += _block(inner, 3)
            out.append("</section>")
        else:
            out += _block(block, 3)
    if item.signature:
        out.append(f'<p class="signature">{"<br>".join(_text(line) for line in item.signature)}</p>')
    if item.history:
        out += ['<section class="history">', f"<h2>{_text(doc.history_heading)}</h2>", "<table>",
                "<thead><tr><th>日付</th><th>内容</th></tr></thead>", "<tbody>"]
        out += [f"<tr><td>{_text(day)}</td><td>{_text(note)}</td></tr>" for day, note in item.history]
        out += ["</tbody>", "</table>", "</section>"]
    out.append("</article>")
    return "\n".join(out)


def page(item: Printable) -> str:
    title = item.document.title + (f"｜{item.company}" if item.company else "")
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="ja">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_text(title)}</title>", f"<style>\n{STYLE}\n</style>", "</head>", "<body>", "<main>",
        article(item), "</main>", "</body>", "</html>", ""])


def write_html(item: Printable, out: Path) -> None:
    out.write_text(page(item), encoding="utf-8", newline="\n")
