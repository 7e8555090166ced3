"""Exporting a ledger or printing a form: the one entry point the GUI and the CLI call.

Checks rights and input first, writes to a temporary file beside the target
(``.part``, registered so that one left by a killed export is removed at start-up),
records the export in the audit trail, and only then renames the file: a complete
export is never visible without its audit entry, and a cancelled or failed one leaves
nothing half-written. Every ledger carries the audit trail's anchor (its footer and
document properties), which ``pcdesk check --anchor`` compares with the database.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, TypeVar

from pcdesk.audit.trail import record_event
from pcdesk.output import parts
from pcdesk.company.service import get_company
from pcdesk.dates import now
from pcdesk.errors import PcdeskError, ValidationError
from pcdesk.output.cells import HeaderInfo, period_text
from pcdesk.output.progress import CancelFn, ProgressFn
from pcdesk.feature import load
from pcdesk.output.registry import FilterDescriber, LedgerQuery, RowProvider, declaration, ledger_ids
from pcdesk.output.spec import PAPERS, LedgerSpec, SpecError, load_ledger_spec, read_definition
from pcdesk.services import Workspace
from pcdesk.settings import load_settings

T = TypeVar("T")
TABLE_FORMATS = ("xlsx", "pdf")  # what the table writers make of any ledger
# Every format a ledger may declare (pcdesk.feature.Ledger.formats); html and txt only through a `document`.
FORMATS = {"xlsx": "Excel", "pdf": "PDF", "html": "HTML", "txt": "テキスト"}
SUFFIXES = {"xlsx": ".xlsx", "pdf": ".pdf", "html": ".html", "txt": ".txt"}
# File endings that clearly name another kind of file ("2026.11.22" is a name, not a kind).
OTHER_KINDS = {"xls": "Excel 97-2003", "xlsm": "Excel マクロ有効", "csv": "CSV", "txt": "テキスト", "doc": "Word",
               "docx": "Word", "png": "画像", "jpg": "画像", "html": "HTML"}


@dataclass(frozen=True)
class ExportResult:
    path: Path
    records: int
    pages: int | None = None  # PDF only
    format: str = "pdf"
    label: str = ""  # a document ledger's own words for what was written: 「個人情報保護方針（第1版）」


@dataclass(frozen=True)
class DocumentOutput:
    """What a ledger's `document` function returns: the parts (clauses, records) and pages it
    wrote, and how the audit trail and the dialog name it (「個人情報保護方針（第1版）」)."""

    records: int
    pages: int | None = None
    label: str = ""


@dataclass(frozen=True)
class LedgerEntry:
    id: str
    title: str
    has_period: bool = True
    roles: tuple[str, ...] = ()
    description: str = ""
    problem: str = ""  # a definition that cannot be read is listed with the reason
    paper: str = "A4"  # the paper it prints on unless the export chooses another
    orientation: str = "landscape"
    splits_on_a4: bool = False  # too wide for A4: printed there in two halves
    formats: tuple[str, ...] = TABLE_FORMATS  # what it can be exported as (the manifest's Ledger.formats)

    def allowed(self, roles: frozenset[str]) -> bool:
        return not self.problem and (not self.roles or bool(set(self.roles) & roles))


def list_ledgers() -> list[LedgerEntry]:
    """Every registered ledger with its Japanese title, in registry order."""
    entries = []
    for ledger_id in ledger_ids(listed_only=True):
        try:
            spec = load_ledger_spec(ledger_id)
        except SpecError as exc:
            entries.append(LedgerEntry(ledger_id, "（定義を読めません）", problem=str(exc)))
        else:
            entries.append(LedgerEntry(ledger_id, spec.title, spec.has_period, spec.roles, spec.description,
                                       paper=spec.paper, orientation=spec.orientation,
                                       splits_on_a4=len(spec.column_groups("A4")) > 1,
                                       formats=ledger_formats(ledger_id)))
    return entries


def ledger_spec(ledger_id: str) -> LedgerSpec:
    if declaration(ledger_id) is None:
        known = "、".join(ledger_ids(listed_only=True))
        raise ValidationError.single("台帳", f"「{ledger_id}」という台帳はありません。次から選んでください: {known}")
    return load_ledger_spec(ledger_id)


def ledger_formats(ledger_id: str) -> tuple[str, ...]:
    """The formats a ledger can be exported as, in the order its manifest lists them."""
    found = declaration(ledger_id)
    if found is None:
        return TABLE_FORMATS
    # Without a `document` only the table writers can make it, whatever the manifest lists.
    return tuple(f for f in found.formats if f in FORMATS and (found.document or f in TABLE_FORMATS))


def _format_names(allowed: tuple[str, ...]) -> str:
    """「xlsx か pdf 」, 「pdf、html、txt のどれか」: the choices, as a message names them."""
    return " か ".join(allowed) + " " if len(allowed) <= 2 else "、".join(allowed) + " のどれか"


def format_of(fmt: str | None, out: Path, allowed: Iterable[str] = TABLE_FORMATS) -> str:
    """The format asked for, or the one the file name says (.xlsx / .pdf / …), among `allowed`."""
    allowed = tuple(allowed)
    suffix = out.suffix.lower().lstrip(".")
    if fmt:
        fmt = fmt.lower().lstrip(".")
        if fmt not in allowed:
            raise ValidationError.single("形式", f"「{fmt}」は選べません。{_format_names(allowed)}にしてください。")
        if suffix != fmt and (suffix in FORMATS or suffix in OTHER_KINDS):
            other = FORMATS.get(suffix) or OTHER_KINDS[suffix]
            raise ValidationError.single(
                "形式", f"形式は {FORMATS[fmt]}（{fmt}）ですが、保存先「{out.name}」は {other} の拡張子（.{suffix}）です。"
                        f"保存先を「{out.stem}{SUFFIXES[fmt]}」にするか、形式を合わせてください。")
        return fmt
    if suffix in allowed:
        return suffix
    endings = " / ".join(SUFFIXES[f] for f in allowed)
    raise ValidationError.single("形式", f"{_format_names(allowed)}を指定してください"
                                         f"（または保存先を {endings} にしてください）。")


def _provider(ledger_id: str) -> RowProvider:
    found = declaration(ledger_id)
    assert found is not None, ledger_id
    return load(found.rows)


def filter_descriptions(ws: Workspace, ledger_id: str, query: LedgerQuery) -> dict[str, str]:
    """{filter key: 「部門: 営業部」} for the filters of `query` that the ledger honours; a key
    missing here is not applied by that ledger."""
    active = {k: v for k, v in query.filters.items() if v is not None}
    found = declaration(ledger_id)
    if not active or found is None or not found.filters:
        return {}
    describe: FilterDescriber = load(found.filters)
    return describe(ws, LedgerQuery(query.date_from, query.date_to, active))


def audit_anchor(ws: Workspace) -> tuple[str, str]:
    """(paper text, token) of where the audit trail stands now (pcdesk.audit.anchors)."""
    from sqlalchemy import select

    from pcdesk.audit.anchors import paper_text, token
    from pcdesk.audit.model import AuditEntry, AuditHead

    with ws.read() as s:
        head = s.execute(select(AuditHead.last_seq, AuditHead.last_hash).where(AuditHead.id == 1)).first()
        if head is None or not head.last_seq:
            return "", ""
        chain = s.scalar(select(AuditEntry.hash).where(AuditEntry.seq == 1)) or ""
    return paper_text(head.last_seq, head.last_hash), token(head.last_seq, head.last_hash, chain)


def header_info(ws: Workspace, spec: LedgerSpec, query: LedgerQuery, date_style: str) -> HeaderInfo:
    company = get_company(ws)
    period = period_text(query.date_from, query.date_to, date_style) if spec.has_period else ""
    conditions = tuple(filter_descriptions(ws, spec.id, query).values()) if spec.header.filters else ()
    anchor, anchor_token = audit_anchor(ws)
    return HeaderInfo(title=spec.title, company=company.name if company else "", period=period,
                      output_at=now(), date_style=date_style, conditions=conditions,
                      anchor=anchor, anchor_token=anchor_token)


def _check_query(spec: LedgerSpec, query: LedgerQuery) -> None:
    if not spec.has_period and (query.date_from or query.date_to):
        raise ValidationError.single("期間", f"{spec.title}は期間で絞り込めません。期間を空欄にしてください。")
    if query.date_from and query.date_to and query.date_from > query.date_to:
        raise ValidationError.single("期間", "開始日が終了日より後になっています。日付を入れ替えてください。")


def _check_keys(spec: LedgerSpec, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """The first row tells whether the definition's keys match what the ledger provides."""
    it = iter(rows)
    for first in it:
        missing = [c for c in spec.columns if c.key not in first]
        if missing:
            names = "、".join(f"{c.header}（key = \"{c.key}\"）" for c in missing)
            raise SpecError(f"定義ファイル {spec.id}.toml の列 {names} の値を、この台帳は持っていません。"
                            f"使える key: {', '.join(first)}")
        yield first
        break
    yield from it


def _temp_beside(out: Path) -> Path:
    return out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.part")


def _check_destination(out: Path) -> None:
    if not out.parent.is_dir():
        raise ValidationError.single("保存先", f"フォルダ「{out.parent}」がありません。別の場所を選んでください。")
    if out.is_dir():
        raise ValidationError.single("保存先", f"「{out}」はフォルダです。ファイル名を指定してください。")


def _publish(tmp: Path, out: Path) -> None:
    try:
        os.replace(tmp, out)
    except PermissionError:
        raise PcdeskError(f"「{out.name}」を上書きできません。Excel や PDF ビューアーで開いていたら閉じてから、"
                          "もう一度出力してください。") from None


def _write_recorded(ws: Workspace, out: Path, write: Callable[[Path], T], record: Callable[[T], None]) -> T:
    """.part → audit entry → rename. The entry is committed before the file appears; if
    the rename then fails, that is recorded too and the .part removed."""
    from pcdesk.store.backup import disk_problem

    tmp = _temp_beside(out)
    note = parts.register(tmp)
    try:
        try:
            result = write(tmp)
        except OSError as exc:  # a full disk, a folder that became read-only
            raise disk_problem(exc, out, "出力") from None
        record(result)
        try:
            _publish(tmp, out)
        except (PcdeskError, OSError) as exc:
            with ws.write() as s:
                record_event(s, "event", "ledger", "", f"出力に失敗しました（ファイルを置けませんでした）: {out.name}",
                             {"file": str(out)})
            if isinstance(exc, OSError):
                raise disk_problem(exc, out, "出力") from None
            raise
        return result
    finally:
        tmp.unlink(missing_ok=True)
        parts.release(note)


def paper_of(spec: LedgerSpec, paper: str | None) -> str:
    """The paper asked for (A4 / A3), or the one the definition prints on."""
    if not paper:
        return spec.paper
    chosen = paper.strip().upper()
    if chosen not in PAPERS:
        raise ValidationError.single("用紙", f"「{paper}」は選べません。A4 か A3 にしてください。")
    return chosen


def export_ledger(ws: Workspace, ledger_id: str, fmt: str, out: Path | str,
                  query: LedgerQuery | None = None, progress: ProgressFn | None = None,
                  cancel: CancelFn | None = None, action: str = "export", paper: str | None = None) -> ExportResult:
    """Write ledger `ledger_id` as Excel (fmt "xlsx") or PDF ("pdf") to `out`, laid out for
    printing on `paper` ("A4" / "A3"; the definition's paper when None).

    `action` is what the audit trail records: "export", or "print" when the PDF is
    only made to be printed.
    """
    out = Path(out)
    query = query or LedgerQuery()
    spec = ledger_spec(ledger_id)
    ws.require(*spec.roles)
    fmt = format_of(fmt, out, ledger_formats(ledger_id))
    paper = paper_of(spec, paper)
    _check_query(spec, query)
    _check_destination(out)
    if _document_renderer(ledger_id):
        return export_document(ws, spec, fmt, out, query, action)
    settings = load_settings(ws)
    font = None
    if fmt == "pdf":
        from pcdesk.output.fonts import find_font

        font = find_font(settings.pdf_font_path)  # before any work: the message says what to install
    info = header_info(ws, spec, query, settings.date_style)
    provided = _provider(ledger_id)(ws, query)
    total = len(provided) if hasattr(provided, "__len__") else None  # type: ignore[arg-type]
    rows = _check_keys(spec, provided)

    def write(tmp: Path) -> tuple[int, int | None]:
        if fmt == "xlsx":
            from pcdesk.output.xlsx import write_ledger_xlsx

            return write_ledger_xlsx(spec, info, rows, tmp, total, progress, cancel, paper=paper), None
        from pcdesk.output.pdf import write_ledger_pdf

        return write_ledger_pdf(spec, info, rows, tmp, font, total, progress, cancel, paper=paper)

    verb = "印刷用に出力" if action == "print" else f"{FORMATS[fmt]}で出力"
    period = f"（{info.period}）" if spec.has_period else ""
    if info.conditions:
        period += f"（{'、'.join(info.conditions)}）"

    def record(written: tuple[int, int | None]) -> None:
        with ws.write() as s:
            record_event(s, action, "ledger", ledger_id, f"{spec.title}{period}を{verb}: {written[0]}件 → {out.name}",
                         {"format": fmt, "paper": paper, "records": written[0], "file": str(out),
                          "from": query.date_from.isoformat() if query.date_from else None,
                          "to": query.date_to.isoformat() if query.date_to else None,
                          **({"anchor": info.anchor} if info.anchor else {}),
                          **({"filters": query.filters} if query.filters else {})})

    records, pages = _write_recorded(ws, out, write, record)
    return ExportResult(out, records, pages, fmt)


# -- ledgers printed as documents (Ledger.document) ----------------------------------------

def _document_renderer(ledger_id: str) -> str:
    found = declaration(ledger_id)
    return found.document if found is not None else ""


def export_document(ws: Workspace, spec: LedgerSpec, fmt: str, out: Path, query: LedgerQuery,
                    action: str = "export") -> ExportResult:
    """A ledger that declares a `document` is written by it, in every format it lists, as
    ``document(ws, query, fmt, path)`` -> DocumentOutput; the file appears whole or not at all,
    and the export is audited like any other."""
    render = load(_document_renderer(spec.id))
    verb = "印刷用に出力" if action == "print" else f"{FORMATS[fmt]}で出力"

    def record(written: DocumentOutput) -> None:
        name = written.label or spec.title
        pages = f"（{written.pages}ページ）" if written.pages else ""
        with ws.write() as s:
            record_event(s, action, "ledger", spec.id, f"{name}を{verb}{pages} → {out.name}",
                         {"format": fmt, "records": written.records, "pages": written.pages, "file": str(out),
                          **({"filters": query.filters} if query.filters else {})})

    written: DocumentOutput = _write_recorded(ws, out, lambda tmp: render(ws, query, fmt, tmp), record)
    return ExportResult(out, written.records, written.pages, fmt, written.label or spec.title)


MAX_NAME = 80  # characters of a suggested file name before its date and extension


def default_file_name(ledger_id: str, fmt: str, when: Any = None, conditions: Iterable[str] = ()) -> str:
    """監査ログ_20261122.xlsx, or with the filters applied 個人情報管理台帳_営業部_保有個人データ_20261122.xlsx:
    the ledger's (or form's) title, what it was narrowed to and the day, for the save dialog."""
    try:
        title = str(read_definition(ledger_id)[1].get("title") or ledger_id)
    except SpecError:
        title = ledger_id
    day = (when or now()).strftime("%Y%m%d")
    # 「部門: 営業部」 names the value; 「要配慮個人情報を含むもの」 is its own name
    parts = [title, *(c.split(": ", 1)[-1].strip() for c in conditions)]
    name = "_".join(p for p in parts if p)[:MAX_NAME]
    safe = "".join("_" if ch in '\\/:*?"<>|' or ord(ch) < 32 else ch for ch in name).rstrip(" .")
    return f"{safe}_{day}{SUFFIXES[fmt]}"


def print_path(ledger_id: str, fmt: str = "pdf") -> Path:
    """A fresh private file for 「印刷」: made, opened in the viewer, printed there, then removed
    (pcdesk.output.printing)."""
    from pcdesk.output.printing import print_path as private_path

    return private_path(Path(default_file_name(ledger_id, fmt)).stem, SUFFIXES[fmt])


def describe_result(result: ExportResult) -> str:
    if result.label:  # a document: its name says more than a count of clauses
        pages = f"（{result.pages}ページ）" if result.pages else ""
        return f"{result.label}{pages}を出力しました: {result.path}"
    pages = f"、{result.pages}ページ" if result.pages else ""
    return f"{result.records}件{pages}を出力しました: {result.path}"


def form_context(ws: Workspace, date_style: str) -> dict[str, str]:
    """What a form's fixed text may name: {company}, {representative}, {contact_phone}, {today}, …"""
    from pcdesk.company.model import COMPANY_FIELDS
    from pcdesk.dates import format_date

    company = get_company(ws)
    context = {key: (getattr(company, key, "") or "") if company else "" for key in COMPANY_FIELDS}
    context["company"] = context.pop("name", "")
    context["today"] = format_date(now(), date_style)
    return context


def render_form(ws: Workspace, form_id: str, values: dict[str, Any], out: Path | str,
                record: dict[str, Any] | None = None) -> ExportResult:
    """Draw form `form_id` filled with `values` as a PDF at `out`; recorded as a print.

    `values` are what a person typed (checked against the form's fields, read as their type);
    `record` (optional) is what the form's own provider (Form.values) returns for one record,
    printed as given, so its wording and placeholders may name any of its keys."""
    from pcdesk.output.form_spec import form_values, load_form_spec

    spec = load_form_spec(form_id)
    ws.require(*spec.roles)
    if record is None and not spec.blank:
        raise ValidationError.single(spec.title, f"「{spec.title}」は記録から記入して印刷する帳票です。白紙では印刷できません"
                                                 f"（コマンドラインでは pcdesk form {form_id} --record キー）。")
    values = form_values(spec, values)  # unknown names and unreadable values are refused, before any file
    merged = {**(record or {}), **{k: v for k, v in values.items() if v is not None}}
    result = render_forms(ws, form_id, [merged], out, summary=f"{spec.title}を印刷用に出力: {Path(out).name}",
                          details={"fields": sorted(values)})
    return ExportResult(result.path, 1, result.pages, "pdf")


def render_forms(ws: Workspace, form_id: str, records: list[dict[str, Any]], out: Path | str,
                 summary: str = "", details: dict[str, Any] | None = None) -> ExportResult:
    """One PDF at `out` holding a filled copy of form `form_id` per record (e.g. a pledge for each
    worker), each on its own page(s); recorded as one print. Records come from the feature's
    provider and are printed as given."""
    from pcdesk.output.fonts import find_font
    from pcdesk.output.form_spec import load_form_spec
    from pcdesk.output.forms import write_forms_pdf

    out = Path(out)
    spec = load_form_spec(form_id)
    ws.require(*spec.roles)
    if not records:
        raise ValidationError.single(spec.title, "印刷するものがありません。対象を選び直してください。")
    _check_destination(out)
    settings = load_settings(ws)
    font = find_font(settings.pdf_font_path)
    context = form_context(ws, settings.date_style)
    merged = [{**context, **{k: v for k, v in r.items() if v is not None}} for r in records]

    def record(pages: int) -> None:
        with ws.write() as s:
            record_event(s, "print", "form", form_id,
                         summary or f"{spec.title}を印刷用に出力: {len(records)}件 → {out.name}",
                         {"file": str(out), "pages": pages, "records": len(records), **(details or {})})

    pages = _write_recorded(ws, out, lambda tmp: write_forms_pdf(spec, merged, tmp, font, settings.date_style,
                                                                 context["company"]), record)
    return ExportResult(out, len(records), pages, "pdf")
