"""Importing an existing 個人情報管理台帳 (Excel or CSV), laid out the way the company keeps it.

Three steps, each shown to the person before the next (the wizard and `pcdesk inventory
import` make the same decisions); nothing is saved before `commit`:

    table = read(path, sheet=None)           # pcdesk.tabular: heading found among title rows,
                                             #   grouped headings, merged cells
    plan = ImportPlan.proposed(table)        # every column → a field, or None = 「取り込まない」
    plan.mapping[4] = "purpose"; plan.fixed["manager"] = "総務部長"; plan.keep_ignored = True
    result = preview(ws, table, plan)        # ImportPreview: each row's values, 区分 and flags with
                                             #   the reasons, 要確認 fields, problems grouped by column
    entries = commit(ws, result)             # every data row, in one transaction

Nothing is refused for being incomplete: a row lacking required values, or whose value could
not be read, is saved as 要確認 with the missing fields named. Unknown departments are
listed and created on commit; a 管理番号 already used (a second department's sheet numbered
1…n) is replaced by the next PI-nnnn and kept as 取込元の管理番号. A 状態 (or 廃止) column
brings rows already 廃止 in as retired entries, with no suggested risks.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from pcdesk import tabular
from pcdesk.dates import today
from pcdesk.errors import FieldProblem, ValidationError
from pcdesk.inventory import rules
from pcdesk.inventory.choices import RETIRED
from pcdesk.inventory.classification import Classification, classify
from pcdesk.inventory.fields import IMPORT_FIELDS, LABELS, SPECS
from pcdesk.inventory.import_cells import PARSERS, interpret
from pcdesk.inventory.model import InventoryEntry
from pcdesk.inventory.roles import MANAGERS
from pcdesk.services import Workspace
from pcdesk.tabular import Column, Problem, ProblemGroup, Table, TableError

SKIP = "取り込まない"
WorkbookError = TableError  # the file cannot be read at all (Japanese message)


def read(path: str | Path, sheet: str | None = None) -> Table:
    return tabular.read_table(path, IMPORT_FIELDS, sheet)


def target_label(key: str | None) -> str:
    return SKIP if key is None else LABELS[key]


@dataclass
class ImportPlan:
    """The person's decisions: which field each column feeds (None: 取り込まない), fixed
    values for fields (used where a row has none), and whether the columns not taken are
    kept in 備考 (「見出し: 値」 lines)."""

    mapping: dict[int, str | None]
    fixed: dict[str, Any] = field(default_factory=dict)
    keep_ignored: bool = False

    @classmethod
    def proposed(cls, table: Table) -> "ImportPlan":
        found = tabular.propose_mapping(table, IMPORT_FIELDS)
        return cls({c.index: found.get(c.index) for c in table.columns if c.header or c.index in found})

    def used(self) -> dict[int, str]:
        return {i: k for i, k in self.mapping.items() if k is not None}

    def ignored(self, table: Table) -> list[Column]:
        return [c for c in table.columns if c.header and self.mapping.get(c.index) is None]

    def unmapped_required(self, table: Table | None = None) -> list[str]:
        """Labels of required fields with neither a column nor a fixed value (those rows come in 要確認)."""
        have = set(self.used().values()) | {k for k, v in self.fixed.items() if v not in (None, "", [])}
        media = next((i for i, k in self.used().items() if k == "media"), None)
        if table is not None and media is not None and _names_place(table.column(media).header):
            have.add("storage_location")  # 「媒体・保存先」 gives the 保管場所 too
        return [f.label for f in IMPORT_FIELDS if f.required and f.kind != "bool" and f.key not in have]  # yes/no default to なし

    def twice(self) -> dict[str, list[Column]]:
        """Fields fed by more than one column (allowed for lists, said for the rest)."""
        out: dict[str, list[int]] = {}
        for i, k in self.used().items():
            out.setdefault(k, []).append(i)
        return {k: v for k, v in out.items() if len(v) > 1 and SPECS[k].kind != "multi"}  # type: ignore[misc]


def parse_fixed(key: str, text: str) -> Any:
    """A fixed value typed as text, read like a cell of that field (ValueError in Japanese);
    a department is named (a new name is created on commit, like a cell's)."""
    column = Column(-1, LABELS[key])
    parser = PARSERS.get(key)
    return parser(text, column) if parser else tabular.records.default_parse(SPECS[key], text, column)


@dataclass
class ImportRow:
    row: int  # the row number as Excel shows it
    values: dict[str, Any]  # entry values as they will be saved (department_id None while new)
    number: str | None  # 管理番号 kept from the sheet; None: the next PI-nnnn
    source_number: str = ""  # the sheet's own number when it cannot be kept
    department: str = ""  # a department name not yet registered (created on commit)
    retired: bool = False
    retired_on: dt.date | None = None
    classification: Classification | None = None
    missing: list[str] = field(default_factory=list)  # labels of the fields to fill in (要確認)
    notes: list[str] = field(default_factory=list)  # how the legal meaning was carried over
    reviewed_on: dt.date | None = None

    @property
    def needs_review(self) -> bool:
        return bool(self.missing)

    def verdict(self) -> str:
        """「保有個人データ（要配慮個人情報）」 and, for 要確認, what is missing."""
        text = self.classification.summary() if self.classification else ""
        if self.retired:
            text += "・廃止"
        return text


@dataclass
class ImportPreview:
    source: str  # file name, for the revision reason
    description: str  # where the heading was found
    columns: list[tuple[Column, str | None]]  # every column and the field it feeds (None: 取り込まない)
    rows: list[ImportRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # values that could not be read (left out)
    file_problems: list[Problem] = field(default_factory=list)  # what the reader cut (limits)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # 記入例, repeated headings …
    new_departments: list[str] = field(default_factory=list)
    kept_in_notes: list[str] = field(default_factory=list)  # headings of ignored columns kept in 備考

    @property
    def review_rows(self) -> list[ImportRow]:
        return [r for r in self.rows if r.needs_review]

    @property
    def retired_rows(self) -> list[int]:
        return [r.row for r in self.rows if r.retired]

    @property
    def renumbered(self) -> list[ImportRow]:
        return [r for r in self.rows if r.source_number]

    def grouped_problems(self) -> list[ProblemGroup]:
        return tabular.group_problems(self.problems, order=[f.label for f in IMPORT_FIELDS])

    def grouped_missing(self) -> list[tuple[str, list[int]]]:
        """(field label, rows) of the fields left empty, in the fields table's order."""
        rows: dict[str, list[int]] = {}
        for r in self.rows:
            for label in r.missing:
                rows.setdefault(label, []).append(r.row)
        order = [f.label for f in IMPORT_FIELDS]
        return sorted(rows.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order))

    def summary(self) -> str:
        """「取り込む行: 18件（うち要確認 5件・廃止 1件・管理番号の振り直し 3件）。…」"""
        parts = []
        if self.review_rows:
            parts.append(f"要確認 {len(self.review_rows)}件")
        if self.retired_rows:
            parts.append(f"廃止 {len(self.retired_rows)}件")
        if self.renumbered:
            parts.append(f"管理番号の振り直し {len(self.renumbered)}件")
        text = f"取り込む行: {len(self.rows)}件" + (f"（うち{'・'.join(parts)}）" if parts else "") + "。"
        if self.review_rows:
            text += "要確認の行は、足りない項目を取込後に入力します。"
        if self.retired_rows:
            text += f"廃止の行（{'・'.join(map(str, self.retired_rows))}行目）は廃止のまま登録し、リスクは付けません。"
        if self.renumbered:
            text += "振り直した行の元の番号は「取込元の管理番号」に残します。"
        if self.new_departments:
            text += f"新しく登録する部門: {'、'.join(self.new_departments)}。"
        return text


def _known_departments(ws: Workspace) -> dict[str, int]:
    from pcdesk.inventory.service import department_names

    return {_fold(n): i for i, n in department_names(ws).items()}


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def preview(ws: Workspace, table: Table, plan: ImportPlan) -> ImportPreview:
    """Read every data row with the plan; save nothing."""
    ws.require(*MANAGERS)
    departments = _known_departments(ws)
    with ws.read() as s:
        existing = set(s.scalars(select(InventoryEntry.number)))
    used = plan.used()
    header_of = {k: table.column(i).header for i, k in used.items()}
    fixed = {k: v for k, v in plan.fixed.items() if v not in (None, "", [])}
    records = tabular.read_records(table, used, IMPORT_FIELDS, fixed=fixed, parsers=PARSERS)
    _blank_marks(table, used, records)
    result = ImportPreview(table.source, table.describe(), [(c, plan.mapping.get(c.index)) for c in table.columns],
                           file_problems=list(table.problems), skipped=list(table.skipped),
                           kept_in_notes=[c.header for c in plan.ignored(table)] if plan.keep_ignored else [])
    seen: dict[str, int] = {}
    for record in records:
        row = _row(record, set(used.values()) | set(fixed), header_of, plan.keep_ignored, departments, result)
        _numbering(row, existing, seen)
        result.rows.append(row)
    return result


def _blank_marks(table: Table, used: dict[int, str], records: list[tabular.Record]) -> None:
    """In a column of marks for a field whose blank means no (IPA's 個人情報 「有」 or blank),
    an empty cell says no; elsewhere an empty cell says nothing."""
    samples = tabular.samples(table)
    for index, key in used.items():
        if SPECS[key].extra.get("blank_is_no") and tabular.looks_like_marks(samples.get(index, [])):
            for record in records:
                if table.rows and record.values.get(key) is None and key not in record.problem_fields():
                    record.values[key] = False


def _names_place(heading: str) -> bool:
    return any(w in heading for w in ("保存先", "保管先", "場所"))


def _storage_from_media(values: dict[str, Any], record: tabular.Record, given: set[str], header_of: dict[str, str]) -> None:
    """A 「媒体・保存先」 column says where too: 「事務所PC」 is the 保管場所 when no column gives one."""
    if "storage_location" not in given and _names_place(header_of.get("media", "")) \
            and record.raw.get("media") is not None:
        values["storage_location"] = tabular.cell_text(record.raw["media"])


def _row(record: tabular.Record, given: set[str], header_of: dict[str, str], keep_ignored: bool,
         departments: dict[str, int], result: ImportPreview) -> ImportRow:
    values = dict(record.values)
    new_department = _department(values, departments, result)
    result.problems.extend(record.problems)
    number = values.pop("number", None) or None
    state, retired_on = values.pop("status", (None, None)), values.pop("retired_on", None)
    status, stated_on = state if isinstance(state, tuple) else (state, None)
    retired_on = retired_on or stated_on
    reviewed = values.pop("last_reviewed_on", None)
    notes = interpret(values, given, header_of, record.raw)
    _storage_from_media(values, record, given, header_of)
    if retired_on is not None and status is None:
        status = RETIRED  # a 廃止日 alone says the row was retired
    if status != RETIRED and retired_on is not None:
        result.problems.append(Problem(record.row, LABELS["status"], "利用中ですが廃止日が入っています。廃止日は取り込みません。",
                                       f"{retired_on:%Y/%m/%d}"))
        retired_on = None
    if retired_on is not None and retired_on > today():
        result.problems.append(Problem(record.row, LABELS["retired_on"], "未来の日付です。取込日を廃止日にします。"))
        retired_on = None
    if reviewed is not None and reviewed > today():
        result.problems.append(Problem(record.row, LABELS["last_reviewed_on"], "未来の日付です。取込日を最終見直し日にします。"))
        reviewed = None
    values.setdefault("organised", True)  # a row of a ledger sheet is, by being there, organised
    if keep_ignored and record.ignored:
        kept = "\n".join(f"{heading}: {text}" for heading, text in record.ignored)
        values["notes"] = f"{values['notes']}\n{kept}" if values.get("notes") else kept
    cleaned = rules.clean({**rules.DEFAULTS, **values})
    for p in rules.problems(cleaned, missing_ok=True):  # too long, too many: left out, the row 要確認
        key = next(k for k, label in LABELS.items() if label == p.field)
        result.problems.append(Problem(record.row, p.field, f"{p.message}この値は取り込まず、空欄にします。"))
        cleaned.pop(key, None)
    row = ImportRow(record.row, cleaned, number, department=new_department, retired=status == RETIRED,
                    retired_on=retired_on, notes=notes, reviewed_on=reviewed)
    row.classification = classify(cleaned)
    row.notes += [r for r in row.classification.reasons if any(w in r for w in ("要配慮", "特定個人情報", "該当しません"))]
    row.missing = [LABELS[k] for k in rules.missing(cleaned)]
    return row


NEW_DEPARTMENT = -1  # stands for a department the commit creates


def _department(values: dict[str, Any], departments: dict[str, int], result: ImportPreview) -> str:
    """The row's department as an id; a name not registered yet is returned (and listed)."""
    name = values.get("department_id")
    if not isinstance(name, str):
        return ""
    found = departments.get(_fold(name))
    if found is not None:
        values["department_id"] = found
        return ""
    values["department_id"] = NEW_DEPARTMENT
    if name not in result.new_departments:
        result.new_departments.append(name)
    return name


def _numbering(row: ImportRow, existing: set[str], seen: dict[str, int]) -> None:
    if row.number is None:
        return
    if row.number in existing or row.number in seen or len(row.number) > 20:
        row.source_number, row.number = row.number, None
        row.notes.append(f"管理番号「{row.source_number}」は" + ("すでに台帳にある" if row.source_number in existing
                                                        else "長すぎる" if len(row.source_number) > 20
                                                        else f"{seen[row.source_number]}行目と同じ") +
                         "ため、新しい番号を振り、元の番号は「取込元の管理番号」に残します。")
    else:
        seen[row.number] = row.row


def commit(ws: Workspace, result: ImportPreview, create_departments: bool = True) -> list[InventoryEntry]:
    """Save every row of a confirmed preview in one transaction (all, or nothing); create the
    departments it names that do not exist yet."""
    from pcdesk.audit.trail import record_event
    from pcdesk.company.service import add_department
    from pcdesk.inventory.service import create_entry, number_taken, retire_entry

    ws.require(*MANAGERS)
    if not result.rows:
        raise ValidationError.single("取込", "取り込める行がありません。見出しの下に台帳の行があるか確かめてください。")
    entries = []
    with ws.atomic() as s:
        created: dict[str, int] = {}
        if create_departments:
            known = _known_departments(ws)
            for name in result.new_departments:
                created[name] = known.get(_fold(name)) or add_department(ws, name).id
        for row in result.rows:
            values = dict(row.values)
            if row.department:
                values["department_id"] = created.get(row.department)
            number, source = row.number, row.source_number
            if number and number_taken(s, number):  # imported meanwhile by someone else
                number, source = None, number
            where = f"{result.source} {row.row}行目"
            try:
                entry = create_entry(ws, values, reason=f"台帳ファイルから取込（{where}）", number=number,
                                     source_number=source, reviewed_on=row.reviewed_on, with_risks=not row.retired,
                                     incomplete_ok=True)
                if row.retired:
                    entry = retire_entry(ws, entry.id, f"取込元の台帳で廃止（{where}）"
                                         + ("" if row.retired_on else "。廃止日の記載がないため取込日を廃止日とした"),
                                         on=row.retired_on)
            except ValidationError as err:
                raise ValidationError([FieldProblem(f"{row.row}行目 {p.field}", p.message)
                                       for p in err.problems]) from None
            entries.append(entry)
        review = sum(e.needs_review for e in entries)
        record_event(s, "event", "個人情報管理台帳", "",
                     f"台帳ファイル {result.source} から {len(entries)} 件を取込" + (f"（うち要確認 {review} 件）" if review else ""))
    return entries
