"""`pcdesk check`: everything that tells whether the database can still be trusted.

- the file itself (SQLite integrity, foreign keys);
- its structure: exactly what the migrations create (no planted trigger, view or table);
- the audit chain: every entry's keyed hash and link (pcdesk.audit.trail);
- the anchors kept outside the database: the anchor file, the backups, exported ledgers
  and anything given with --anchor; the first one the database no longer contains is named;
- the business rows: each audited row as the trail last recorded it (pcdesk.audit.rows);
- a chain that lost its key: a database this PC keyed whose trail has no keyed entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from pcdesk.audit import anchors, keys
from pcdesk.audit.rows import row_problems, sealed_problems
from pcdesk.audit.trail import verify_chain
from pcdesk.services import ADMIN, Workspace
from pcdesk.store.backup import integrity_ok, schema_differences, sqlite_schema
from pcdesk.store.engine import Database
from pcdesk.store.migrate import applied_revisions, reference_schema

MAX_DETAILS = 20


@dataclass
class Finding:
    ok: bool
    text: str
    details: list[str] = field(default_factory=list)


@dataclass
class CheckReport:
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(f.ok for f in self.findings)

    def lines(self) -> list[str]:
        out = []
        for f in self.findings:
            out.append(f.text)
            out += [f"  {d}" for d in f.details]
        return out


def _schema_finding(db: Database) -> Finding | None:
    if not db.is_sqlite:
        return None
    raw = db.engine.raw_connection()
    try:
        found = sqlite_schema(raw.driver_connection)
    finally:
        raw.close()
    differences = schema_differences(found, reference_schema(applied_revisions(db)))
    if not differences:
        return Finding(True, "データベースの構造: 正常（pcdesk が作る表と索引だけです）")
    return Finding(False, "データベースの構造: 異常 — pcdesk の移行で作られない変更があります。"
                          "監査証跡を通さずにデータを変えるおそれがあるため、個人情報保護管理者に報告してください。",
                   differences[:MAX_DETAILS])


def check(ws: Workspace, anchor_sources: Iterable[str] = ()) -> CheckReport:
    """The whole check for the 監査ログ page: the same as `pcdesk check`, for administrators."""
    ws.require(ADMIN)
    return check_database(ws.db, anchor_sources)


def check_database(db: Database, anchor_sources: Iterable[str] = ()) -> CheckReport:
    report = CheckReport()
    ok_db, message = integrity_ok(db)
    report.findings.append(Finding(ok_db, message))
    schema = _schema_finding(db)
    if schema is not None:
        report.findings.append(schema)
    with db.new_read_session() as s:
        chain = verify_chain(s)
        report.findings.append(Finding(chain.ok, chain.describe()))
        found = anchors.file_anchors(db.url)
        if db.path is not None:
            found += anchors.backup_anchors(db.path.parent / "backups", chain.first_hash)
        unreadable = []
        for source in anchor_sources:
            anchor = anchors.read_anchor(source)
            if anchor is None:
                unreadable.append(source)
            else:
                found.append(anchor)
        checked = anchors.verify(s, found, chain.first_hash, chain.count, trusted_restores=chain.ok,
                                 kept_folder=db.path.parent / "backups" if db.path is not None else None)
        report.findings.append(Finding(checked.ok, checked.describe(), checked.notes[:MAX_DETAILS]))
        if unreadable:
            report.findings.append(Finding(False, "控えを読めません（pcdesk が出力した台帳・バックアップ、または"
                                                  "「No.123-1a2b3c4d5e6f7a8b」の形で指定してください）: "
                                           + "、".join(unreadable)))
        problems = row_problems(s.connection(), keys.get_key)
        earlier = sealed_problems(s.connection())
    if problems or earlier:
        details = [p.describe() for p in problems[:MAX_DETAILS]] + [f"（照合の基準を記録したとき）{t}" for t in earlier]
        first = f"最初の異常は記録番号 {problems[0].seq} の記録の後です。" if problems and problems[0].seq else ""
        report.findings.append(Finding(False, f"業務データと監査証跡: 異常 — {len(problems) + len(earlier)} 件の行が、"
                                              f"監査証跡を通さずに変えられています。{first}", details))
    else:
        report.findings.append(Finding(True, "業務データと監査証跡: 正常（すべての行が記録と一致）"))
    here = anchors.identity(db.url)
    if chain.count and not chain.keys_used and any(k.get("database") == here for k in keys.known_keys()):
        report.findings.append(Finding(False, "この PC で鍵を設定したデータベースなのに、監査証跡に鍵で署名された記録が"
                                              "ありません（鍵のない形で作り直された疑い）。"))
    if report.ok and chain.count:
        try:
            anchors.note(db.url, seq=chain.count, hash=chain.last_hash, chain=chain.first_hash, why="検査")
        except OSError:
            pass
    return report
