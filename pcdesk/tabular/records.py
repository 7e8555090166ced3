"""Turning the rows of a table into field values, with row-numbered problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Sequence

from pcdesk.fields import LONG_TEXT, MULTI, TEXT, FieldSpec, parse_text, yes_no
from pcdesk.tabular.model import Column, FormulaCell, Problem, Row, Table

# parser(cell value, column) -> typed value; raises ValueError with a Japanese reason
Parser = Callable[[Any, Column], Any]

FORMULA = ("数式のセルです。Excel で開いて、数式を値に変換して保存し直してください（コピーして「値の貼り付け」）。")


@dataclass
class Record:
    """One data row read with a mapping."""

    row: int
    values: dict[str, Any]  # field key → typed value (what the row and the fixed values give)
    problems: list[Problem] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)  # field key → the cell as written
    ignored: list[tuple[str, str]] = field(default_factory=list)  # (heading, text) of columns not mapped
    fixed: set[str] = field(default_factory=set)  # keys whose value came from the fixed values

    def problem_fields(self) -> set[str]:
        return {p.field for p in self.problems}


def cell_text(value: Any) -> str:
    """A cell as a person reads it: 1200.0 → 1200, dates as 2026/4/1."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "year") and hasattr(value, "month"):
        return f"{value.year}/{value.month}/{value.day}"
    return str(value).strip()


def default_parse(spec: FieldSpec, raw: Any, column: Column) -> Any:
    """A cell read as the field's kind. A list field fed by a column of marks (a 「氏名」
    column holding ○) takes the column's heading where the mark says yes."""
    if spec.kind == MULTI and not isinstance(raw, (list, tuple)):
        mark = yes_no(raw)
        if mark is not None and cell_text(raw) not in {label for _, label in spec.choices}:
            return [spec.choice_value(column.label) or column.label] if mark and column.label else []
    return parse_text(spec, raw)


def _merge(spec: FieldSpec, before: Any, value: Any) -> Any:
    """Two columns feeding one field: lists add up, texts join, anything else keeps the first."""
    if before in (None, "", []):
        return value
    if spec.kind == MULTI:
        return list(before) + [v for v in value if v not in before]
    if spec.kind in (TEXT, LONG_TEXT) and value and value != before:
        return f"{before}\n{value}" if spec.kind == LONG_TEXT else f"{before}、{value}"
    return before


def read_records(table: Table, mapping: Mapping[int, str], fields: Sequence[FieldSpec], *,
                 fixed: Mapping[str, Any] | None = None, parsers: Mapping[str, Parser] | None = None) -> list[Record]:
    """Every data row with the mapping {column index: field key}. A cell that cannot be read
    becomes a Problem naming the field (the value is left out, the row is still returned);
    `fixed` values fill fields no column gives or whose cell is empty; `parsers` override
    how a field's cells are read. Unmapped columns' texts are kept in Record.ignored."""
    specs = {f.key: f for f in fields}
    unknown = sorted(set(mapping.values()) - set(specs))
    if unknown:
        raise KeyError(f"mapping names fields not in the fields table: {unknown}")
    parsers = parsers or {}
    records = []
    for row in table.rows:
        records.append(_read_row(table, row, mapping, specs, fixed or {}, parsers))
    return records


def _read_row(table: Table, row: Row, mapping: Mapping[int, str], specs: dict[str, FieldSpec],
              fixed: Mapping[str, Any], parsers: Mapping[str, Parser]) -> Record:
    record = Record(row.number, {})
    for column in table.columns:
        raw = row.get(column.index)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        key = mapping.get(column.index)
        if key is None:
            if column.header:
                record.ignored.append((column.header, cell_text(raw)))
            continue
        spec = specs[key]
        record.raw.setdefault(key, raw)
        if isinstance(raw, FormulaCell):
            record.problems.append(Problem(row.number, spec.label, FORMULA, _short(raw.formula)))
            continue
        try:
            parser = parsers.get(key)
            value = parser(raw, column) if parser else default_parse(spec, raw, column)
        except ValueError as exc:
            record.problems.append(Problem(row.number, spec.label, str(exc), _short(cell_text(raw))))
            continue
        if value not in (None, "", []):
            record.values[key] = _merge(spec, record.values.get(key), value)
    for key, value in fixed.items():
        if key in specs and record.values.get(key) in (None, "", []) and value not in (None, "", []):
            if any(p.field == specs[key].label for p in record.problems):
                continue  # the cell says something unreadable: the fixed value does not hide it
            record.values[key] = value
            record.fixed.add(key)
    return record


def _short(text: str, limit: int = 40) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[:limit - 1] + "…"


# -- problems grouped by column ------------------------------------------------------------------

@dataclass(frozen=True)
class ProblemGroup:
    """The same problem of one field in several rows: said once, with the rows (and values)."""

    field: str
    message: str
    rows: tuple[tuple[int, str], ...]  # (row, value as written)

    def rows_text(self, limit: int = 12) -> str:
        parts = [f"{r}行目" + (f"「{v}」" if v else "") for r, v in self.rows[:limit]]
        more = len(self.rows) - limit
        return "、".join(parts) + (f" ほか{more}行" if more > 0 else "")

    def __str__(self) -> str:
        return f"{self.field}: {self.message}（{self.rows_text()}）"


def group_problems(problems: Iterable[Problem], order: Sequence[str] = ()) -> list[ProblemGroup]:
    """Problems by field (in `order`, the fields table's labels, then as met) and message."""
    groups: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for p in problems:
        groups.setdefault((p.field, p.message), []).append((p.row, p.value))
    rank = {label: i for i, label in enumerate(order)}
    keys = sorted(groups, key=lambda k: (rank.get(k[0], len(rank)), list(groups).index(k)))
    return [ProblemGroup(f, m, tuple(groups[(f, m)])) for f, m in keys]
