"""The 個人情報保護方針 (ledger id ``policy``) and 個人情報の取扱いについて (``notice``) in
`pcdesk export`: documents, written as PDF, HTML or text by `policy_document` /
`notice_document` (pcdesk.feature.Ledger.document).

Which version: ``query.filters["version"]`` (a 版 number) when given, else the version
in force (the last published). The row providers list the clauses, one row each, for
whatever reads ledgers as tables (forms/policy.toml, forms/notice.toml).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from pcdesk.errors import ValidationError
from pcdesk.output.export import DocumentOutput
from pcdesk.output.registry import LedgerQuery
from pcdesk.policy.document import KINDS, NOTICE, POLICY, Printable
from pcdesk.policy.model import PolicyVersion
from pcdesk.policy.plain_text import blocks_text
from pcdesk.policy.service import printable_of, published_version, version_by_number
from pcdesk.services import Workspace


def chosen_version(ws: Workspace, query: LedgerQuery) -> PolicyVersion:
    number = query.filters.get("version")
    if number is not None:
        return version_by_number(ws, int(number))
    version = published_version(ws)
    if version is None:
        raise ValidationError.single("版", "公表した版がありません。「プライバシーポリシー」で下書きを作り、"
                                          "公表してから出力してください（下書きは画面の「プレビュー」で確かめられます）。")
    return version


def _rows(ws: Workspace, query: LedgerQuery, kind: str) -> Iterator[dict[str, Any]]:
    item = printable_of(ws, chosen_version(ws, query), kind)
    doc = item.document
    if doc.preamble:
        yield {"heading": "前文", "text": "\n".join(blocks_text(doc.preamble))}
    for clause in doc.clauses:
        yield {"heading": clause.heading, "text": "\n".join(blocks_text(clause.blocks))}
    for block in doc.closing:
        yield {"heading": block.text if block.kind == "sub" else "", "text": "\n".join(blocks_text(
            block.items if block.kind == "sub" else (block,)))}


def policy_rows(ws: Workspace, query: LedgerQuery) -> Iterator[dict[str, Any]]:
    return _rows(ws, query, POLICY)


def notice_rows(ws: Workspace, query: LedgerQuery) -> Iterator[dict[str, Any]]:
    return _rows(ws, query, NOTICE)


def describe_filters(ws: Workspace, query: LedgerQuery) -> dict[str, str]:
    if query.filters.get("version") is None:
        return {}
    version = chosen_version(ws, query)
    state = "下書き" if version.is_draft else "公表版"
    return {"version": f"版: {version.label}（{state}）"}


def write_printable(item: Printable, fmt: str, out: Path, font: Any = None) -> int | None:
    """Write one printable document as `fmt` (a PDF needs the font); returns the PDF's page count."""
    if fmt == "pdf":
        from pcdesk.policy.pdf_document import write_pdf

        return write_pdf(item, out, font)
    if fmt == "html":
        from pcdesk.policy.web_page import write_html

        write_html(item, out)
        return None
    if fmt == "txt":
        from pcdesk.policy.plain_text import write_text

        write_text(item, out)
        return None
    raise ValidationError.single("形式", f"「{fmt}」では出力できません。pdf、html、txt のどれかにしてください。")


def pdf_font(ws: Workspace) -> Any:
    from pcdesk.output.fonts import find_font
    from pcdesk.settings import load_settings

    return find_font(load_settings(ws).pdf_font_path)  # the message says what to install when none is found


def _document(ws: Workspace, query: LedgerQuery, fmt: str, out: Path, kind: str) -> DocumentOutput:
    version = chosen_version(ws, query)
    item = printable_of(ws, version, kind)
    pages = write_printable(item, fmt, out, pdf_font(ws) if fmt == "pdf" else None)
    state = "下書き" if version.is_draft else "公表版"
    return DocumentOutput(records=len(item.document.clauses), pages=pages,
                          label=f"{KINDS[kind]}（{version.label}・{state}）")


def policy_document(ws: Workspace, query: LedgerQuery, fmt: str, out: Path) -> DocumentOutput:
    return _document(ws, query, fmt, out, POLICY)


def notice_document(ws: Workspace, query: LedgerQuery, fmt: str, out: Path) -> DocumentOutput:
    return _document(ws, query, fmt, out, NOTICE)
