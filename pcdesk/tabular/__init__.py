"""Reading a company's own Excel or CSV table — a 個人情報管理台帳, a list of workers — whatever
its layout, into rows of field values. Shared by every feature that imports (inventory,
pledges, …); it knows fields only through the feature's fields table (pcdesk.fields).

    from pcdesk import tabular
    table = tabular.read_table(path, FIELDS)              # Table: finds the sheet and heading
    mapping = tabular.propose_mapping(table, FIELDS)      # {column index: field key}
    # … the person corrects the mapping (a column → 「取り込まない」, fixed values) …
    records = tabular.read_records(table, mapping, FIELDS, fixed={"department_id": 3},
                                   parsers={"department_id": my_department_parser})
    for r in records: r.row, r.values, r.problems, r.ignored
    tabular.group_problems(problems, order=[f.label for f in FIELDS])   # one line per column

What it handles:
- .xlsx/.xlsm (read-only, cached values; a formula with no stored result is a FormulaCell,
  a HYPERLINK its label) and CSV/TSV in UTF-8 with or without BOM, UTF-16, or
  Shift_JIS/CP932 (detected); .xls and other files are refused with a Japanese reason
  (TableError).
- The heading found among title rows (the sheet with the best heading when none is named);
  a two-row grouped heading (「委託」 over 「有無」「委託先」) gives columns with a `group`;
  merged cells (a heading merged across or down, a 部門 merged over several rows) filled in;
  rows that are not data below it (記入例, column numbers, notes, a repeated heading, 以上)
  skipped and listed in Table.skipped.
- Heading words compared 全角/半角-folded (NFKC) with each field's label, synonyms and
  exact_synonyms; cell values read by the field's kind (pcdesk.fields.parse_text: marks
  ○ ◯ ● ✓ 有 無 あり なし 該当 - × as yes/no, lists split on 、・/, dates in 西暦 or 和暦 such
  as R8.4.1 or 令和8年4月1日, counts such as 約1,200件), or by a feature's own parser.
- Limits (Limits): only cells the file holds are read (never padded to a lying <dimension>
  or a stray cell at XFD1048576), at most max_rows data rows and max_columns columns, no
  cell longer than Excel's 32,767 characters, files and unpacked workbooks of bounded size;
  what was cut is said in Table.problems (row 0 = the whole file). Field lengths are then
  checked by the feature (pcdesk.fields.check), giving field errors, never KeyErrors.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from pcdesk.fields import FieldSpec
from pcdesk.tabular.files import Grid, Workbook, check_file, read_csv
from pcdesk.tabular.headings import Vocabulary, find_heading, fold, looks_like_marks, propose, skip_reason
from pcdesk.tabular.model import (DEFAULT_LIMITS, Column, FormulaCell, Limits, Problem, Row, Table, TableError,
                                  column_letter)
from pcdesk.tabular.records import ProblemGroup, Record, cell_text, group_problems, read_records

__all__ = ["Column", "FormulaCell", "Limits", "Problem", "ProblemGroup", "Record", "Row", "Table", "TableError",
           "Vocabulary", "cell_text", "column_letter", "fold", "group_problems", "looks_like_marks",
           "propose_mapping", "read_records", "read_table", "samples"]


def read_table(path: str | Path, fields: Sequence[FieldSpec], sheet: str | None = None,
               limits: Limits = DEFAULT_LIMITS) -> Table:
    """The table in the file: its heading found by the fields' names, data rows below it.
    `sheet` names the sheet; without it, the sheet whose heading names the most fields."""
    path = Path(path)
    kind = check_file(path, limits)
    vocabulary = Vocabulary(fields)
    if kind == "csv":
        grid, names, name = read_csv(path, limits), [], ""
    else:
        book = Workbook(path, limits)
        try:
            names = book.sheet_names
            if sheet is not None and sheet not in names:
                raise TableError(f"シート「{sheet}」がありません。{'、'.join(names)} から選んでください。")
            name = sheet if sheet is not None else _best_sheet(book, vocabulary, limits)
            grid = book.grid(name)
        finally:
            book.close()
    return _table(path, grid, name, names, vocabulary, limits)


def _best_sheet(book: Workbook, vocabulary: Vocabulary, limits: Limits) -> str:
    best, best_score = book.sheet_names[0], 0
    for name in book.sheet_names:
        heading = find_heading(book.grid(name, limits.header_scan_rows).rows, vocabulary)
        if heading is not None and heading.score > best_score:
            best, best_score = name, heading.score
    return best


def _fill_merges(grid: Grid, heading_until: int) -> list[tuple[int, list[Any]]]:
    """Merged cells as a reader sees them: a heading merged across or down is in every cell
    it covers; in the data, a value merged down (a 部門 over its rows) is in each row."""
    rows = {n: list(cells) for n, cells in grid.rows}
    for first_row, first_col, last_row, last_col in grid.merged:
        value = rows.get(first_row, [None] * first_col)[first_col - 1] if first_row in rows and \
            first_col - 1 < len(rows[first_row]) else None
        if value is None:
            continue
        columns = range(first_col, last_col + 1) if first_row <= heading_until else range(first_col, first_col + 1)
        for r in range(first_row, last_row + 1):
            if r not in rows:
                continue  # an otherwise empty row stays a blank row
            cells = rows[r]
            for c in columns:
                if c - 1 >= len(cells):
                    cells.extend([None] * (c - len(cells)))
                if cells[c - 1] is None:
                    cells[c - 1] = value
    return sorted(rows.items())


def _table(path: Path, grid: Grid, name: str, names: list[str], vocabulary: Vocabulary, limits: Limits) -> Table:
    scan_until = grid.rows[min(len(grid.rows), limits.header_scan_rows) - 1][0] if grid.rows else 0
    heading = find_heading(_fill_merges(grid, scan_until)[:limits.header_scan_rows], vocabulary)
    if heading is None:
        where = f"シート「{name}」" if name else path.name
        raise TableError(f"{where}に表の見出し行が見つかりません（{'・'.join(_examples(vocabulary))} などの見出しが"
                         "2つ以上ある行を探しました）。見出しのあるシートを選ぶか、見出しの行を1行目に置いてください。")
    scanned = grid.rows[:limits.header_scan_rows]
    heading_numbers = tuple(scanned[heading.index + i][0] for i in range(heading.rows))
    rows = _fill_merges(grid, heading_numbers[-1])  # merged across only within the heading
    title = next((str(c).strip() for _, cells in rows[:heading.index] for c in cells if c is not None
                  and str(c).strip()), "")
    data: list[Row] = []
    skipped: list[tuple[int, str]] = []
    blank = 0
    previous = heading_numbers[-1]
    width = len(heading.columns)
    body = rows[heading.index + heading.rows:]
    for position, (number, cells) in enumerate(body):
        why = skip_reason(cells, heading.columns, just_below=position < 2 and not data)
        if why:
            skipped.append((number, why))
        else:
            blank += number - previous - 1
            data.append(Row(number, tuple(cells)))
            width = max(width, len(cells))
        previous = number
    problems = list(grid.problems)
    if len(data) > limits.max_rows:
        data = data[:limits.max_rows]
        if not any(p.row == 0 and "行が多すぎます" in p.message for p in problems):
            from pcdesk.tabular.files import _too_many_rows

            problems.append(_too_many_rows(limits))
    columns = list(heading.columns) + [Column(i, "") for i in range(len(heading.columns), width)]
    data = [Row(r.number, tuple(r.cells) + (None,) * (width - len(r.cells))) for r in data]
    return Table(path, name, names, heading_numbers, columns, data, blank, skipped, title, problems, grid.encoding)


def _examples(vocabulary: Vocabulary) -> list[str]:
    return [spec.label for spec in list(vocabulary.fields.values())[:3]]


def samples(table: Table, limit: int = 50) -> dict[int, list[Any]]:
    """Up to `limit` non-empty values of each column (what the mapping step shows)."""
    out: dict[int, list[Any]] = {c.index: [] for c in table.columns}
    for row in table.rows:
        for index, value in enumerate(row.cells):
            if value is not None and len(out.setdefault(index, [])) < limit:
                out[index].append(value)
    return out


def propose_mapping(table: Table, fields: Sequence[FieldSpec]) -> dict[int, str]:
    """Column index → field key from the headings (each field once, the best heading
    winning; a column of ○/× marks goes to a yes/no field its heading may name)."""
    return propose(table.columns, Vocabulary(fields), samples(table))
