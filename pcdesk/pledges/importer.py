"""Importing the 従業者 register from a company's own CSV or Excel list (pcdesk.tabular).

Headings are recognised by the fields table's labels and synonyms (従業員番号, 社員No,
氏名（漢字）, 部署, 雇用形態 …); CSV in UTF-8 with or without BOM or Shift_JIS/CP932.
Every bad row is reported with its row number and reason, and nothing is saved while any
row is bad, unless the person chooses to import only the valid rows. A 社員番号 already in
the register updates that worker (with the row's non-empty cells), it is never doubled.

    preview_file(ws, path, sheet=None) -> ImportPreview       (reads and checks, saves nothing)
    preview(ws, table, mapping) -> ImportPreview
    commit(ws, preview, valid_only=False) -> SaveCount
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pcdesk import tabular
from pcdesk.errors import ValidationError
from pcdesk.pledges.fields import WORKER_FIELDS
from pcdesk.pledges.model import EMPLOYMENTS, WORKER_LABELS
from pcdesk.pledges.rules import clean_kana, clean_name, clean_number, employment_of
from pcdesk.pledges.service import (EDITORS, SaveCount, check_rows, clean_worker, department_names,
                                    registered_numbers, save_workers)
from pcdesk.services import Workspace
from pcdesk.tabular import Problem, Table

REQUIRED_FOR_NEW = [f.key for f in WORKER_FIELDS if f.required]


@dataclass
class ImportPreview:
    table: Table
    mapping: dict[int, str]  # column index → field key
    rows: list[dict[str, Any]]  # the valid rows' values (what commit saves)
    row_numbers: list[int]  # the file's row number of each valid row
    problems: list[Problem] = field(default_factory=list)  # every bad row: its number, field and reason
    updates: set[str] = field(default_factory=set)  # 社員番号 already registered (updated, not added)
    total: int = 0  # data rows read
    notes: list[str] = field(default_factory=list)  # how a row was read, when it is worth saying

    @property
    def bad_rows(self) -> list[int]:
        return sorted({p.row for p in self.problems if p.row})

    def header_lines(self) -> list[str]:
        lines = [self.table.describe()]
        if self.table.encoding:
            names = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8（BOM付き）", "cp932": "Shift_JIS", "utf-16": "UTF-16"}
            lines.append(f"文字コード: {names.get(self.table.encoding, self.table.encoding)}")
        for index, key in self.mapping.items():
            lines.append(f"  {self.table.columns[index].title} → {WORKER_LABELS[key]}")
        missing = [WORKER_LABELS[k] for k in REQUIRED_FOR_NEW if k not in self.mapping.values()]
        if missing:
            lines.append(f"対応する列がない項目: {'、'.join(missing)}（新しく登録する人の行には必要です）")
        for row, why in self.table.skipped[:10]:
            lines.append(f"  {row}行目は取り込みません（{why}）")
        lines += [f"  {note}" for note in self.notes[:20]]
        return lines

    def summary(self) -> str:
        new = len(self.rows) - len(self.updates)
        text = f"{self.total} 行のうち、取り込める行 {len(self.rows)}（新規 {new} 人・更新 {len(self.updates)} 人）"
        if self.bad_rows:
            text += f"、直すところのある行 {len(self.bad_rows)}（{'、'.join(f'{r}行目' for r in self.bad_rows[:10])}"
            text += f" ほか{len(self.bad_rows) - 10}行）" if len(self.bad_rows) > 10 else "）"
        if any(p.row == 0 for p in self.problems):
            text += "、ファイル全体の問題あり"
        return text + "。"


def _department_parser(ws: Workspace):
    by_name = {tabular.fold(name): dept_id for dept_id, name in department_names(ws).items()}
    names = "、".join(department_names(ws).values())

    def parse(raw: Any, _column) -> int:
        found = by_name.get(tabular.fold(clean_name(raw)))
        if found is None:
            raise ValueError(f"部門として登録されていません。設定 → 部門 で追加するか、次の名前に直してください: {names}")
        return found
    return parse


def _employment(raw: Any, _column) -> str:
    found = employment_of(raw)
    if found is None:
        raise ValueError(f"雇用区分として読めません。次のどれかにしてください: {'、'.join(EMPLOYMENTS.values())}")
    return found


def _text(clean):
    return lambda raw, _column: clean(tabular.cell_text(raw) if not isinstance(raw, str) else raw)


def preview(ws: Workspace, table: Table, mapping: dict[int, str]) -> ImportPreview:
    """Read every row with `mapping` and check it as the register would; nothing is saved."""
    ws.require(*EDITORS)
    parsers = {"department_id": _department_parser(ws), "employment": _employment,
               "number": _text(clean_number), "name": _text(clean_name), "kana": _text(clean_kana),
               "agency": _text(clean_name)}
    records = tabular.read_records(table, mapping, WORKER_FIELDS, parsers=parsers)
    problems = list(table.problems)
    values = [clean_worker(r.values) for r in records]
    registered = registered_numbers(ws)
    notes = [_restore_zeros(record.row, vals, registered) for record, vals in zip(records, values)]
    row_problems = check_rows(ws, values)
    seen: dict[str, int] = {}
    good, numbers, updates = [], [], set()
    for record, vals, found in zip(records, values, row_problems):
        bad = list(record.problems)
        unreadable = record.problem_fields()
        # A cell that could not be read is said once (its own reason), not again as 「入力してください」.
        bad += [Problem(record.row, p.field, p.message) for p in found if p.field not in unreadable]
        number = vals.get("number")
        if number and number in seen:
            bad.append(Problem(record.row, WORKER_LABELS["number"], f"{seen[number]}行目と同じ番号です。1人1行にしてください。",
                               number))
        elif number:
            seen[number] = record.row
        if bad:
            problems += bad
            continue
        good.append(vals)
        numbers.append(record.row)
        if number in registered:
            updates.add(number)
    return ImportPreview(table, dict(mapping), good, numbers, problems, updates, len(records),
                         [n for n in notes if n])


def _restore_zeros(row: int, values: dict[str, Any], registered: set[str]) -> str:
    """Excel drops the leading zeros of a 社員番号 kept as a number (0101 → 101): a number
    that is registered only with leading zeros is read as that worker's."""
    number = values.get("number") or ""
    if not number.isdigit() or number in registered:
        return ""
    same = [n for n in registered if n.isdigit() and n.lstrip("0") == number.lstrip("0")]
    if len(same) != 1:
        return ""
    values["number"] = same[0]
    return f"{row}行目の社員番号 {number} は、登録済みの {same[0]} として読みました（Excel で先頭の 0 が消えた番号）。"


def preview_file(ws: Workspace, path: Path, sheet: str | None = None) -> ImportPreview:
    table = tabular.read_table(path, WORKER_FIELDS, sheet)
    return preview(ws, table, tabular.propose_mapping(table, WORKER_FIELDS))


def commit(ws: Workspace, result: ImportPreview, valid_only: bool = False) -> SaveCount:
    """Save the valid rows in one transaction. While any row is bad nothing is saved, unless
    `valid_only` (the person chose to leave the bad rows out)."""
    ws.require(*EDITORS)
    if result.problems and not valid_only:
        raise ValidationError.single("取込", f"直すところのある行が {len(result.bad_rows)} 行あるため、何も保存していません。"
                                             "ファイルを直すか、正しい行だけを取り込んでください。")
    if not result.rows:
        raise ValidationError.single("取込", "取り込める行がありません。")
    return save_workers(ws, result.rows)
