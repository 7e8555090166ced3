"""Importing an existing Excel 個人情報管理台帳.

Three steps, each shown to the user before the next; nothing is saved before `commit`:

    sheet = read_workbook(path, sheet_name=None)    # finds the header row (SourceSheet)
    mapping = propose_mapping(sheet.headers)         # {column index: field key}, from header names
    # … the user corrects the mapping; `TARGETS` lists what a column can be mapped to,
    #   `unmapped_required(mapping)` what still needs a column or a fixed value in `defaults` …
    result = preview(ws, sheet, mapping, defaults={"department_id": 3})
    # result.good: rows that fit; result.problems: (row number, field, message) in Japanese
    entries = commit(ws, result)                     # after the user confirms: all good rows, one transaction

Values are read leniently (「約1,000件」, 「有（○○運輸）」, 「紙・電子」, 令和/西暦 dates) and checked
with the same rules as the survey. Rows with any problem are left out and listed.
A 状態 (or 廃止) column marks rows already 廃止 in the old ledger: they are imported as retired
entries (kept for the record, with no suggested risks), with the 廃止日 when a column gives it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from pcdesk.dates import parse_date, today
from pcdesk.errors import FieldProblem, PcdeskError, ValidationError
from pcdesk.inventory.choices import ACQUISITION_FROM_CLIENT, ACTIVE, MEDIA_SYNONYMS, RETIRED, STATUSES
from pcdesk.inventory.flow import NEW_SURVEY_DEFAULTS
from pcdesk.inventory.model import BOOL_FIELDS, ENTRY_FIELDS, LIST_FIELDS, InventoryEntry
from pcdesk.inventory.validation import as_list, clean_values, validate_fields
from pcdesk.services import ADMIN, Workspace

HEADER_SCAN_ROWS = 30

# What a column can be: entry field → header names seen in real ledgers (normalised).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "number": ("管理番号", "台帳番号", "番号", "no", "no.", "id"),
    "department_id": ("管理部門", "部門", "部署", "所属部門", "担当部署", "担当部門", "部門名"),
    "business_process": ("業務名", "業務", "業務内容", "業務プロセス", "業務の名称"),
    "name": ("個人情報の名称", "個人情報名", "情報の名称", "名称", "帳票名", "文書名", "個人情報"),
    "subject_kinds": ("本人の区分", "本人区分", "対象者", "本人", "対象者区分", "本人の種類"),
    "items": ("主な項目", "項目", "個人情報の項目", "記載項目", "含まれる項目", "主な個人情報項目"),
    "sensitive_items": ("要配慮個人情報の項目", "要配慮個人情報", "要配慮"),
    "record_count": ("件数(概数)", "件数", "概数", "数量", "人数", "保有件数", "おおよその件数"),
    "acquisition": ("取得方法", "入手方法", "取得経路", "入手経路", "取得形態"),
    "purpose": ("利用目的", "目的", "使用目的"),
    "media": ("媒体", "形態", "保管媒体", "紙/電子", "記録媒体"),
    "storage_location": ("保管場所", "保存場所", "保管先"),
    "protection": ("保管方法", "保存方法", "安全管理措置", "保護方法", "管理方法"),
    "access_holders": ("アクセス権者", "アクセス権限者", "取扱者", "利用者", "閲覧可能者", "取扱担当者"),
    "use_period": ("利用期限", "利用期間", "使用期限"),
    "retention": ("保管期限", "保存期間", "保存期限", "保管期間"),
    "disposal": ("廃棄方法", "消去方法", "廃棄・消去方法", "廃棄"),
    "consigned": ("委託の有無と委託先", "委託の有無", "委託有無", "委託"),
    "consignee": ("委託先", "委託先名"),
    "third_party": ("第三者提供の有無と提供先", "第三者提供の有無", "第三者提供", "提供の有無"),
    "third_party_recipient": ("提供先", "第三者提供先"),
    "joint_use": ("共同利用の有無", "共同利用"),
    "joint_use_details": ("共同利用の内容", "共同利用者", "共同利用の範囲"),
    "taken_out": ("社外持出しの有無", "持出しの有無", "社外持出し", "持出し", "持ち出し", "持出"),
    "organised": ("検索できるよう整理されている", "体系的整理", "データベース化"),
    "held_for_client": ("受託データ", "受託", "預託"),
    "manager": ("管理責任者", "責任者", "管理者"),
    "last_reviewed_on": ("最終見直し日", "見直し日", "最終確認日", "最終更新日", "更新日"),
    "notes": ("備考", "メモ", "特記事項"),
    "status": ("状態", "ステータス", "廃止", "利用状況", "使用状況", "利用状態", "廃止区分"),
    "retired_on": ("廃止日", "廃止年月日", "利用終了日"),
    "category": ("区分", "個人情報の区分", "法律上の区分", "分類"),
}
# Too short or common to be recognised inside a longer heading (「電話番号」 is not 管理番号).
EXACT_ONLY = {"番号", "no", "no.", "id", "本人", "目的", "委託", "受託", "廃棄", "廃止", "形態", "個人情報", "状態",
              "区分", "分類"}
# Columns that are not entry fields: how the row is kept, and the class the old ledger gave it
# (read back into the answers that classification.classify derives it from).
ROW_STATE_FIELDS = {"status": "状態（利用中・廃止）", "retired_on": "廃止日",
                    "category": "区分（非該当・個人情報・個人データ・保有個人データ）"}
# field key → label, for the mapping step
TARGETS: dict[str, str] = {key: ENTRY_FIELDS.get(key) or ROW_STATE_FIELDS[key] for key in SYNONYMS}
# A column mapped to a yes/no field may also say to whom: 「有（○○運輸）」.
DETAIL_OF = {"consigned": "consignee", "third_party": "third_party_recipient", "joint_use": "joint_use_details"}
YES = {"有", "有り", "あり", "○", "〇", "◯", "はい", "yes", "y", "true", "1", "✓", "✔", "する", "該当"}
NO = {"無", "無し", "なし", "×", "✕", "-", "－", "ー", "―", "いいえ", "no", "n", "false", "0", "しない", "非該当", "該当なし"}
IN_USE = {"利用中", "使用中", "運用中", "有効", "現行", "継続", "保有中", "active"}
RETIRED_WORDS = ("廃止", "廃棄済", "利用終了", "使用終了", "retired")


class WorkbookError(PcdeskError):
    """The workbook cannot be read at all (not a row problem)."""


@dataclass(frozen=True)
class FormulaCell:
    """A formula whose result the file does not hold (written by a program, never recalculated
    by Excel): the cell has content, but no value to import."""
    formula: str

    def __str__(self) -> str:
        return self.formula


EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")
SAVE_AS_XLSX = "Excel で開き、「名前を付けて保存」で「Excel ブック (*.xlsx)」を選んで保存し直してください。"
HYPERLINK = re.compile(r'^=\s*HYPERLINK\(\s*"([^"]*)"\s*(?:[,;]\s*"([^"]*)"\s*)?\)\s*$', re.IGNORECASE)


def _open_problem(path: Path) -> str | None:
    """Why the file cannot be a workbook, said before openpyxl is asked (its errors are English)."""
    if not path.exists():
        return f"ファイル「{path.name}」が見つかりません（場所: {path.parent}）。ファイルの場所と名前を確かめてください。"
    if path.is_dir():
        return f"「{path.name}」はフォルダです。Excel ファイル（.xlsx）を選んでください。"
    suffix = path.suffix.lower()
    if suffix == ".xls":
        return f"{path.name} は古い Excel 形式（.xls）です。{SAVE_AS_XLSX}"
    if suffix in (".csv", ".txt", ".tsv"):
        return f"{path.name} は CSV・テキストのファイルです。{SAVE_AS_XLSX}"
    if suffix not in EXCEL_SUFFIXES:
        return f"{path.name} は Excel ファイル（.xlsx）ではありません。{SAVE_AS_XLSX}"
    return None


def _unreadable(path: Path, exc: Exception) -> WorkbookError:
    if isinstance(exc, PermissionError):
        return WorkbookError(f"{path.name} を開けません（読み取りの権限がないか、別のプログラムが使っています）。"
                             "Excel で開いていれば閉じてから、もう一度選んでください。")
    return WorkbookError(f"{path.name} を Excel ファイル（.xlsx）として開けません。壊れているか、パスワード付き・"
                         f"別の形式のファイルです。パスワード付きなら解除してから、{SAVE_AS_XLSX}")


def _formula_value(formula: str) -> Any:
    """The text a formula cell shows when it can be known without calculating: HYPERLINK's label."""
    m = HYPERLINK.match(formula)
    if m:
        return m.group(2) if m.group(2) is not None else m.group(1)
    return FormulaCell(formula)


def normalise(text: Any) -> str:
    s = unicodedata.normalize("NFKC", str(text or "")).strip().lower()
    return re.sub(r"\s+", "", s)


@dataclass
class SourceSheet:
    path: Path
    sheet_name: str
    sheet_names: list[str]
    header_row: int  # 1-based, as Excel shows it
    headers: list[str]
    rows: list[tuple[int, list[Any]]]  # (Excel row number, cell values) below the header


def _field_for(header: str) -> tuple[str, int] | None:
    """(field, strength) for a header: 2 = exact synonym, 1 = a synonym inside the header."""
    h = normalise(header)
    if not h:
        return None
    bare = re.sub(r"\(.*?\)", "", h)
    for key, names in SYNONYMS.items():
        if h in (normalise(n) for n in names) or bare in (normalise(n) for n in names):
            return key, 2
    best: tuple[str, int, int] | None = None  # longest synonym contained in the header wins
    for key, names in SYNONYMS.items():
        for n in names:
            n = normalise(n)
            if n not in EXACT_ONLY and n in h and (best is None or len(n) > best[2]):
                best = (key, 1, len(n))
    return (best[0], best[1]) if best else None


def detect_header_row(rows: list[list[Any]]) -> int | None:
    """Index (0-based) of the row that looks most like a ledger heading, or None."""
    best, best_score = None, 1
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        score = len({f[0] for f in (_field_for(c) for c in row if isinstance(c, str)) if f})
        if score > best_score:
            best, best_score = i, score
    return best


def read_workbook(path: str | Path, sheet_name: str | None = None) -> SourceSheet:
    """The sheet with the ledger heading (or `sheet_name`). Cells hold what Excel last showed;
    a formula never calculated (a file written by another program) is read as its HYPERLINK
    label, or kept as a FormulaCell that the row check names."""
    from openpyxl import load_workbook

    path = Path(path)
    problem = _open_problem(path)
    if problem:
        raise WorkbookError(problem)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a bad file
        raise _unreadable(path, exc) from None
    try:
        names = list(wb.sheetnames)
        if sheet_name is None:
            candidates = []
            for name in names:
                rows = [list(r) for r in wb[name].iter_rows(max_row=HEADER_SCAN_ROWS, values_only=True)]
                i = detect_header_row(rows)
                if i is not None:
                    candidates.append(name)
            sheet_name = candidates[0] if candidates else names[0]
        if sheet_name not in names:
            raise WorkbookError(f"シート「{sheet_name}」がありません。{', '.join(names)} から選んでください。")
        all_rows = [list(r) for r in wb[sheet_name].iter_rows(values_only=True)]
        if any(v is None for r in all_rows for v in r):
            all_rows = _fill_formulas(path, sheet_name, all_rows)
    except WorkbookError:
        raise
    except Exception as exc:  # a damaged sheet inside a readable file
        raise _unreadable(path, exc) from None
    finally:
        wb.close()
    i = detect_header_row(all_rows)
    if i is None:
        raise WorkbookError(f"シート「{sheet_name}」に台帳の見出し行（管理番号・個人情報の名称・利用目的 など）が"
                           "見つかりません。見出しのあるシートを選んでください。")
    width = max((len(r) for r in all_rows), default=0)
    headers = [str(c).strip() if c is not None else "" for c in all_rows[i]] + [""] * (width - len(all_rows[i]))
    body = [(n, list(r) + [None] * (width - len(r))) for n, r in enumerate(all_rows[i + 1:], start=i + 2)]
    return SourceSheet(path, sheet_name, names, i + 1, headers, body)


def _fill_formulas(path: Path, sheet_name: str, rows: list[list[Any]]) -> list[list[Any]]:
    """Empty-looking cells that hold a formula without a stored result."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=False)
    try:
        for r, formulas in enumerate(wb[sheet_name].iter_rows(values_only=True)):
            if r >= len(rows):
                break
            for c, f in enumerate(formulas):
                if isinstance(f, str) and f.startswith("=") and c < len(rows[r]) and rows[r][c] is None:
                    rows[r][c] = _formula_value(f)
    finally:
        wb.close()
    return rows


def propose_mapping(headers: list[str]) -> dict[int, str]:
    """Column index → field, from the header names; each field once (an exact name beats a partial one)."""
    found = [(i, *f) for i, h in enumerate(headers) if (f := _field_for(h))]
    found.sort(key=lambda x: (-x[2], x[0]))
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    for index, key, _ in found:
        if key not in taken:
            mapping[index] = key
            taken.add(key)
    return dict(sorted(mapping.items()))


def unmapped_required(mapping: dict[int, str], defaults: dict[str, Any] | None = None) -> list[str]:
    """Labels of fields every row needs that have neither a column nor a fixed value."""
    needed = ["department_id", "business_process", "name", "subject_kinds", "items", "record_count", "acquisition",
              "purpose", "media", "storage_location", "protection", "access_holders", "use_period", "retention",
              "disposal", "manager"]
    have = set(mapping.values()) | set(defaults or {})
    return [ENTRY_FIELDS[k] for k in needed if k not in have]


# -- reading cell values ---------------------------------------------------------------------

class _Bad(ValueError):
    pass


def _short(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, (dt.datetime, dt.date)):
        return v.strftime("%Y/%m/%d")
    return str(v).strip()


def _count(v: Any) -> int | None:
    if v is None or v == "":
        return None
    if isinstance(v, bool):
        raise _Bad("件数を数字で入れてください（例: 500）。")
    if isinstance(v, (int, float)):
        return int(v)
    s = unicodedata.normalize("NFKC", str(v)).replace(",", "")
    m = re.search(r"\d+(?:\.\d+)?", s)
    if not m:
        raise _Bad(f"「{v}」は件数として読めません。おおよその数を入れてください（例: 約500件 → 500）。")
    n = float(m.group())
    unit = s[m.end():m.end() + 2]
    if "万" in unit:
        n *= 10_000
    elif "千" in unit:
        n *= 1_000
    return int(round(n))


def _flag(v: Any) -> tuple[bool | None, str]:
    """(yes/no, the detail written with it) from 「有」「なし」「○」「有（○○運輸）」「○○運輸」."""
    s = _text(v)
    if not s:
        return None, ""
    n = normalise(s)
    if n in YES:
        return True, ""
    if n in NO:
        return False, ""
    m = re.match(r"^(有り?|あり|○|〇|はい)\s*[（(:：]\s*(.*?)[）)]?$", unicodedata.normalize("NFKC", s))
    if m:
        return True, m.group(2).strip()
    return True, s  # a name alone means yes, to that party


def _media(v: Any) -> str | None:
    s = normalise(v)
    if not s:
        return None
    for word, key in MEDIA_SYNONYMS.items():
        if s == normalise(word):
            return key
    paper, electronic = "紙" in s or "書面" in s, any(w in s for w in ("電子", "データ", "pc", "システム"))
    if paper and electronic:
        return "both"
    if paper or electronic:
        return "paper" if paper else "electronic"
    raise _Bad(f"「{v}」は媒体として読めません。紙・電子・両方 のいずれかにしてください。")


def _date(v: Any) -> dt.date | None:
    if v is None or v == "":
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    try:
        return parse_date(_wareki_to_seireki(str(v)))
    except ValueError:
        raise _Bad(f"「{v}」は日付として読めません（例: 2026/4/1）。") from None


def _status(v: Any) -> tuple[str | None, dt.date | None]:
    """(active/retired, 廃止日 written in the cell) from 「利用中」「廃止」「廃止（2025/3/31）」, or a mark
    or a date in a column headed 廃止."""
    if isinstance(v, (dt.date, dt.datetime)):
        return RETIRED, _date(v)
    s = _text(v)
    if not s:
        return None, None
    n = normalise(s)
    if n in {normalise(w) for w in IN_USE} or n in NO:
        return ACTIVE, None
    if any(w in n for w in RETIRED_WORDS) or n in YES:
        m = re.search(r"(令和|平成|r|h)?\s*(元|\d+)\s*[年./-]\s*\d+\s*[月./-]\s*\d+", n)
        return RETIRED, (_date(m.group()) if m else None)
    try:
        return RETIRED, _date(s)  # a date in a 廃止 column: retired on that day
    except _Bad:
        pass
    raise _Bad(f"「{s}」は状態として読めません。{'・'.join(STATUSES.values())} のどちらかにしてください。")


def _category(v: Any) -> dict[str, bool]:
    """The answers behind a class written in the old ledger: 非該当 → not identifiable,
    個人情報 → not organised, 個人データ → organised but not ours to disclose, 保有個人データ → ours."""
    n = normalise(v)
    if not n:
        return {}
    if "非該当" in n or "該当しない" in n or n in NO:
        return {"identifiable": False}
    if n.startswith("保有個人データ"):
        return {"identifiable": True, "organised": True, "company_has_authority": True}
    if n.startswith("個人データ"):
        return {"identifiable": True, "organised": True, "company_has_authority": False}
    if n.startswith("個人情報"):
        return {"identifiable": True, "organised": False}
    raise _Bad(f"「{_text(v)}」は区分として読めません。非該当・個人情報・個人データ・保有個人データ のいずれかにしてください。")


def _wareki_to_seireki(s: str) -> str:
    s = unicodedata.normalize("NFKC", s.strip())
    m = re.match(r"^(令和|平成|R|H)\s*(元|\d+)\s*[年./-]", s, re.IGNORECASE)
    if not m:
        return s
    year = 1 if m.group(2) == "元" else int(m.group(2))
    base = 2018 if m.group(1) in ("令和", "R", "r") else 1988
    return f"{base + year}年" + s[m.end():]


# -- preview and commit ------------------------------------------------------------------------

@dataclass
class RowProblem:
    row: int  # Excel row number
    field: str  # Japanese label
    message: str

    def __str__(self) -> str:
        return f"{self.row}行目 {self.field}: {self.message}"


@dataclass
class ImportRow:
    row: int
    values: dict[str, Any]
    number: str | None  # 管理番号 kept from the sheet, if any
    retired: bool = False  # 廃止 in the old ledger: imported as a retired entry, without risks
    retired_on: dt.date | None = None  # its 廃止日, when the sheet gives one


@dataclass
class ImportPreview:
    source: str  # file name, for the revision reason
    good: list[ImportRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    blank_rows: int = 0

    @property
    def bad_rows(self) -> list[int]:
        return sorted({p.row for p in self.problems})

    @property
    def retired_rows(self) -> list[int]:
        return [r.row for r in self.good if r.retired]

    def summary(self) -> str:
        text = f"取り込める行: {len(self.good)}件"
        if self.retired_rows:
            text += f"（うち廃止 {len(self.retired_rows)}件: {'・'.join(map(str, self.retired_rows))}行目。廃止のまま登録し、リスクは付けません）"
        if self.problems:
            text += f"、取り込めない行: {len(self.bad_rows)}件（{'・'.join(map(str, self.bad_rows))}行目）"
        return text + "。"


def _row_values(cells: list[Any], mapping: dict[int, str], departments: dict[str, int]) -> tuple[dict[str, Any], list[tuple[str, str]], str | None]:
    values: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    number = None
    for index, key in mapping.items():
        raw = cells[index] if index < len(cells) else None
        try:
            if isinstance(raw, FormulaCell):
                raise _Bad(f"数式のセルです（{_short(raw.formula)}）。Excel で開いて、数式を値に変換して保存し直してください"
                           "（コピーして「値の貼り付け」）。")
            if key == "number":
                number = _text(raw) or None
            elif key == "department_id":
                name = _text(raw)
                if name:
                    dept = departments.get(normalise(name))
                    if dept is None:
                        raise _Bad(f"「{name}」は登録されていません。先に部門を追加するか、部門名を合わせてください。")
                    values[key] = dept
            elif key == "record_count":
                n = _count(raw)
                if n is not None:
                    values[key] = n
            elif key == "media":
                m = _media(raw)
                if m:
                    values[key] = m
            elif key in ("last_reviewed_on", "retired_on"):
                d = _date(raw)
                if d:
                    values[key] = d
            elif key == "category":
                for answer, value in _category(raw).items():
                    if answer not in mapping.values():  # a column of its own says it better
                        values[answer] = value
            elif key == "status":
                status, retired_on = _status(raw)
                if status:
                    values[key] = status
                if retired_on and "retired_on" not in values:
                    values["retired_on"] = retired_on
            elif key in BOOL_FIELDS:
                flag, detail = _flag(raw)
                if flag is not None:
                    values[key] = flag
                    if detail and key in DETAIL_OF and DETAIL_OF[key] not in mapping.values():
                        values[DETAIL_OF[key]] = detail
            elif key in LIST_FIELDS:
                text = _text(raw)
                if text:
                    values[key] = as_list(re.split(r"[、,，/／;；\n]", text))
            else:
                text = _text(raw)
                if text:
                    values[key] = text
        except _Bad as bad:
            problems.append((TARGETS[key], str(bad)))
    for flag, detail in DETAIL_OF.items():  # 委託先 written without 委託の有無
        if values.get(detail) and flag not in values:
            values[flag] = True
    return values, problems, number


def preview(ws: Workspace, sheet: SourceSheet, mapping: dict[int, str],
            defaults: dict[str, Any] | None = None) -> ImportPreview:
    """Read every row with the mapping; `defaults` fill fields that have no column or are empty."""
    from pcdesk.inventory.service import department_names, required_fields

    ws.require(ADMIN)
    names = department_names(ws)
    departments = {normalise(n): i for i, n in names.items()}
    with ws.read() as s:
        existing = set(s.scalars(select(InventoryEntry.number)))
    result = ImportPreview(source=sheet.path.name)
    seen_numbers: dict[str, int] = {}
    for row_number, cells in sheet.rows:
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
            result.blank_rows += 1
            continue
        values, problems, number = _row_values(cells, mapping, departments)
        merged = {**NEW_SURVEY_DEFAULTS, **(defaults or {})}
        merged.update({k: v for k, v in values.items() if v not in (None, "", [])})
        if "held_for_client" not in values and (
                ACQUISITION_FROM_CLIENT in merged.get("acquisition", []) or "委託元の顧客" in merged.get("subject_kinds", [])):
            merged["held_for_client"] = True
        if merged.get("held_for_client") and "company_has_authority" not in values:
            merged["company_has_authority"] = False
        merged.setdefault("organised", True)  # a row of a ledger sheet is, by being there, organised
        reviewed = merged.pop("last_reviewed_on", None)
        status, retired_on = merged.pop("status", None), merged.pop("retired_on", None)
        if retired_on is not None and status is None:
            status = RETIRED  # a 廃止日 alone says the row was retired
        if status == ACTIVE and retired_on is not None:
            problems.append((TARGETS["status"], f"利用中ですが廃止日（{retired_on:%Y/%m/%d}）が入っています。どちらかを直してください。"))
        elif retired_on is not None and retired_on > today():
            problems.append((TARGETS["retired_on"], "未来の日付です。廃止した日を入れてください。"))
        cleaned = clean_values(merged)
        if reviewed is not None:
            cleaned["last_reviewed_on"] = reviewed
        reported = {f for f, _ in problems}  # a value that could not be read is not also "missing"
        problems += [(p.field, p.message) for p in validate_fields(cleaned, required_fields(cleaned))
                     if p.field not in reported]
        if number:
            if number in existing:
                problems.append((ENTRY_FIELDS["number"], f"「{number}」はすでに台帳にあります。"))
            elif number in seen_numbers:
                problems.append((ENTRY_FIELDS["number"], f"「{number}」が{seen_numbers[number]}行目と重複しています。"))
            seen_numbers.setdefault(number, row_number)
        if problems:
            result.problems.extend(RowProblem(row_number, f, m) for f, m in problems)
        else:
            result.good.append(ImportRow(row_number, cleaned, number, status == RETIRED, retired_on))
    return result


def commit(ws: Workspace, result: ImportPreview) -> list[InventoryEntry]:
    """Save every good row of a confirmed preview in one transaction: all, or nothing."""
    from pcdesk.audit.trail import record_event
    from pcdesk.inventory.service import create_entry, retire_entry

    ws.require(ADMIN)
    if not result.good:
        raise ValidationError.single("取込", "取り込める行がありません。列の対応を見直してください。")
    entries = []
    with ws.atomic() as s:
        for row in result.good:
            values = dict(row.values)
            reviewed = values.pop("last_reviewed_on", None)
            where = f"{result.source} {row.row}行目"
            try:
                entry = create_entry(ws, values, reason=f"Excel台帳から取込（{where}）", number=row.number,
                                     reviewed_on=reviewed, with_risks=not row.retired)
                if row.retired:
                    entry = retire_entry(ws, entry.id, f"取込元の Excel 台帳で廃止（{where}）"
                                         + ("" if row.retired_on else "。廃止日の記載がないため取込日を廃止日とした"),
                                         on=row.retired_on)
                entries.append(entry)
            except ValidationError as err:
                raise ValidationError([FieldProblem(f"{row.row}行目 {p.field}", p.message)
                                       for p in err.problems]) from None
        record_event(s, "event", "個人情報管理台帳", "", f"Excel台帳 {result.source} から {len(entries)} 件を取込")
    return entries
