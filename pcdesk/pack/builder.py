"""Writing the application pack: a folder of numbered Excel and PDF documents with an
index sheet (一覧表) and the consistency report, all or nothing.

The folder is written as ``<name>.part`` and renamed when complete, so a cancel, a full
disk or a kill never leaves a half pack under the real name.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from pcdesk import registry
from pcdesk.errors import PcdeskError, ValidationError
from pcdesk.output.export import export_ledger, ledger_spec
from pcdesk.output.progress import ExportCancelled
from pcdesk.output.registry import LedgerQuery
from pcdesk.services import ADMIN, Workspace

INDEX = "pack_index"
REPORT = "compliance_report"
PACK_FORMATS = ("xlsx", "pdf")


@dataclass(frozen=True)
class PackDocument:
    number: int
    ledger_id: str
    title: str
    formats: tuple[str, ...]
    has_period: bool

    def file_name(self, fmt: str) -> str:
        safe = "".join("_" if ch in '\\/:*?"<>|' else ch for ch in self.title)
        return f"{self.number:02d}_{safe}.{fmt}"


@dataclass
class PackResult:
    folder: Path
    documents: list[dict] = field(default_factory=list)  # the index rows
    findings: int = 0


Step = Callable[[int, int, str], None]  # (done, total, what is being written)


def pack_documents() -> list[PackDocument]:
    """The documents in pack order: the features' ledgers, then the consistency report."""
    declared = sorted(((d.pack, d.id, d) for d in registry.ledgers().values()
                       if d.pack is not None and d.id not in (INDEX, REPORT)), key=lambda t: (t[0], t[1]))
    found = []
    for n, (_pack, ledger_id, decl) in enumerate(declared, 1):
        spec = ledger_spec(ledger_id)
        formats = tuple(f for f in PACK_FORMATS if f in decl.formats) or (decl.formats[0],)
        found.append(PackDocument(n, ledger_id, spec.title, formats, spec.has_period))
    report = ledger_spec(REPORT)
    found.append(PackDocument(len(found) + 1, REPORT, report.title, PACK_FORMATS, False))
    return found


def _check_target(out: Path) -> None:
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ValidationError.single("保存先", f"「{out}」はすでにあり、空ではありません。"
                                               "新しいフォルダ名を指定してください（例: 申請書類_20261122）。")


def build_pack(ws: Workspace, out: Path | str, date_from: dt.date | None = None, date_to: dt.date | None = None,
               step: Step | None = None, cancel: Callable[[], bool] | None = None) -> PackResult:
    """Write the pack into folder `out` (created; it must not exist or must be empty)."""
    ws.require(ADMIN)
    out = Path(out)
    _check_target(out)
    if date_from and date_to and date_from > date_to:
        raise ValidationError.single("期間", "開始日が終了日より後になっています。日付を入れ替えてください。")
    documents = pack_documents()
    total = sum(len(d.formats) for d in documents) + 2
    part = out.with_name(out.name + ".part")
    shutil.rmtree(part, ignore_errors=True)
    part.mkdir(parents=True)
    result = PackResult(out)
    done = 0
    try:
        for doc in documents:
            query = LedgerQuery(date_from, date_to) if doc.has_period else LedgerQuery()
            records = 0
            for fmt in doc.formats:
                if cancel is not None and cancel():
                    raise ExportCancelled()
                if step is not None:
                    step(done, total, doc.title)
                written = export_ledger(ws, doc.ledger_id, fmt, part / doc.file_name(fmt), query, cancel=cancel)
                records = written.records
                done += 1
            if doc.ledger_id == REPORT:
                result.findings = records
            result.documents.append({
                "number": f"{doc.number:02d}", "title": doc.title,
                "files": "、".join(doc.file_name(f) for f in doc.formats), "records": records,
                "period": "期間で絞り込み" if doc.has_period and (date_from or date_to) else "全件"})
        index = PackDocument(0, INDEX, ledger_spec(INDEX).title, PACK_FORMATS, True)
        for fmt in PACK_FORMATS:
            if step is not None:
                step(done, total, index.title)
            export_ledger(ws, INDEX, fmt, part / index.file_name(fmt),
                          LedgerQuery(date_from, date_to, {"documents": result.documents}))
            done += 1
        if step is not None:
            step(total, total, "完了")
        if out.exists():
            out.rmdir()  # empty, checked above
        part.rename(out)
    except BaseException:
        shutil.rmtree(part, ignore_errors=True)
        raise
    return result


def index_rows(ws: Workspace, query: LedgerQuery) -> list[dict]:
    """The 一覧表's rows: handed over by build_pack through the query (they describe files)."""
    ws.require(ADMIN)
    documents = query.filters.get("documents")
    if documents is None:
        raise PcdeskError("一覧表は申請書類一式と一緒に出力されます（pcdesk export pack --out フォルダ）。")
    return list(documents)
