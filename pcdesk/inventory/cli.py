"""`pcdesk inventory`: list the 台帳 and import an existing 台帳 (Excel or CSV) from the command line.

`pcdesk inventory import FILE` makes the import wizard's decisions in words: it shows every
column with the field it feeds or 「取り込まない」; `--map E=利用目的` / `--map E=取り込まない`
changes one, `--set 管理責任者=総務部長` gives a fixed value, `--keep-ignored` keeps the
columns not taken in 備考. Nothing is saved until `--yes`; then every data row is saved
(incomplete ones as 要確認), new departments are created and colliding 管理番号 renumbered.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from pcdesk.errors import ValidationError

SHOWN_ROWS = 200


def cmd_list(args: argparse.Namespace) -> int:
    from pcdesk.cli import _workspace
    from pcdesk.dates import format_date
    from pcdesk.inventory.classification import CATEGORIES
    from pcdesk.inventory.service import EntryFilter, department_names, list_entries
    from pcdesk.settings import load_settings

    ws = _workspace(args)
    names = department_names(ws)
    style = load_settings(ws).date_style  # 西暦 or 和暦, as on the screens and ledgers
    filt = EntryFilter(review_overdue=True if args.overdue else None, needs_review=True if args.review else None,
                       status=None if args.all else "active")
    for e in list_entries(ws, filt):
        flags = "・".join(f for f, on in (("要配慮", e.is_sensitive), ("特定", e.is_specific)) if on)
        state = "（廃止）" if e.status == "retired" else "（要確認）" if e.needs_review else ""
        print(f"{e.number}  {names.get(e.department_id, ''):<10} {e.name}{state}  {CATEGORIES[e.category]}"
              f"{'・' + flags if flags else ''}  最終見直し {format_date(e.last_reviewed_on, style)}")
    return 0


def _column(table, ref: str):
    """A column named by its letter (E) or its heading."""
    from pcdesk.tabular import fold

    for c in table.columns:
        if ref.upper() == c.letter or fold(ref) in (fold(c.header), fold(c.label)):
            return c
    raise ValidationError.single("--map", f"「{ref}」という列がありません。列の文字（例: E）か見出しで指定してください。")


def _field(ref: str) -> str | None:
    from pcdesk.inventory.fields import IMPORT_FIELDS
    from pcdesk.inventory.importer import SKIP
    from pcdesk.tabular import fold

    if fold(ref) in (fold(SKIP), "-", "なし"):
        return None
    for f in IMPORT_FIELDS:
        if fold(ref) in (fold(f.label), fold(f.key)):
            return f.key
    names = "、".join(f.label for f in IMPORT_FIELDS)
    raise ValidationError.single("--map/--set", f"「{ref}」という項目はありません。次から選んでください: {names}")


def _pair(text: str, option: str) -> tuple[str, str]:
    left, sep, right = text.partition("=")
    if not sep or not left.strip():
        raise ValidationError.single(option, f"「{text}」は「左=右」の形で指定してください（例: {option} E=利用目的）。")
    return left.strip(), right.strip()


def plan_from_args(ws, table, args: argparse.Namespace):
    from pcdesk.inventory.importer import ImportPlan, parse_fixed
    from pcdesk.inventory.service import department_names

    plan = ImportPlan.proposed(table)
    for text in args.map or []:
        column, field = _pair(text, "--map")
        plan.mapping[_column(table, column).index] = _field(field)
    departments = {name: i for i, name in department_names(ws).items()}
    for text in args.set or []:
        key, value = _pair(text, "--set")
        field = _field(key)
        if field is None:
            raise ValidationError.single("--set", "固定値を入れる項目を指定してください（例: --set 管理責任者=総務部長）。")
        try:
            plan.fixed[field] = parse_fixed(field, value)
        except ValueError as exc:
            raise ValidationError.single(f"--set {key}", str(exc)) from None
    if args.department:
        if args.department not in departments:
            raise ValidationError.single("--department", f"「{args.department}」という部門はありません。"
                                                         f"次から選んでください: {'、'.join(departments)}")
        plan.fixed["department_id"] = departments[args.department]
    plan.keep_ignored = args.keep_ignored
    return plan


def print_preview(table, plan, result, names: dict[int, str] | None = None) -> None:
    from pcdesk.inventory.fields import SPECS
    from pcdesk.inventory.importer import target_label

    print(table.describe())
    print("列の対応（--map 列=項目 で変えられます。「取り込まない」も指定できます）:")
    for column, key in result.columns:
        if column.header:
            print(f"  {column.title} → {target_label(key)}")
    ignored = [c.header for c in plan.ignored(table)]
    if ignored:
        kept = "備考に残します" if plan.keep_ignored else "--keep-ignored で備考に残せます"
        print(f"取り込まない列: {'、'.join(ignored)}（{kept}）")
    for key, value in plan.fixed.items():
        print(f"固定値: {SPECS[key].label} = {SPECS[key].format(value, names=names)}")
    for p in result.file_problems:
        print(f"  {p}")
    if result.skipped:
        print("データでない行（読み飛ばしました）: " + "、".join(f"{r}行目（{why}）" for r, why in result.skipped))
    if result.problems:
        print("読めなかった値（その値は空欄にして取り込みます）:")
        for group in result.grouped_problems():
            print(f"  {group}")
    if result.review_rows:
        print("要確認になる項目（取込後に入力してください）:")
        for label, rows in result.grouped_missing():
            print(f"  {label}: {'・'.join(map(str, rows[:30]))}行目" + (f" ほか{len(rows) - 30}行" if len(rows) > 30 else ""))
    print("行ごとの区分:")
    for row in result.rows[:SHOWN_ROWS]:
        number = row.number or (f"（新番号・元 {row.source_number}）" if row.source_number else "（新番号）")
        review = "　要確認" if row.needs_review else ""
        print(f"  {row.row}行目 {number} {row.values.get('name') or '（名称なし）'} → {row.verdict()}{review}")
        for note in row.notes:
            print(f"      {note}")
    if len(result.rows) > SHOWN_ROWS:
        print(f"  … ほか {len(result.rows) - SHOWN_ROWS} 行")
    print(result.summary())


def cmd_import(args: argparse.Namespace) -> int:
    from pcdesk.cli import _workspace
    from pcdesk.inventory.importer import commit, preview, read
    from pcdesk.inventory.service import department_names

    ws = _workspace(args)
    table = read(Path(args.file), args.sheet)
    plan = plan_from_args(ws, table, args)
    result = preview(ws, table, plan)
    print_preview(table, plan, result, department_names(ws))
    if not args.yes:
        print("まだ保存していません。内容を確かめて --yes を付けて実行すると取り込みます。")
        return 0
    entries = commit(ws, result)
    review = sum(e.needs_review for e in entries)
    print(f"{len(entries)} 件を個人情報管理台帳に取り込みました。"
          + (f"うち {review} 件は要確認です（pcdesk inventory list --review で一覧できます）。" if review else ""))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("inventory", help="個人情報管理台帳（一覧・既存の台帳の取込）")
    inner = p.add_subparsers(dest="inventory_command", metavar="<操作>")
    q = inner.add_parser("list", help="台帳の一覧")
    q.add_argument("--overdue", action="store_true", help="見直し期限を過ぎた項目だけ")
    q.add_argument("--review", action="store_true", help="要確認（入力が足りない）項目だけ")
    q.add_argument("--all", action="store_true", help="廃止した項目も含める")
    q.set_defaults(handler=cmd_list)
    q = inner.add_parser("import", help="既存の台帳（Excel・CSV）を取り込む（--yes を付けるまで保存しない）")
    q.add_argument("file", help="Excel ファイル（.xlsx）または CSV ファイル")
    q.add_argument("--sheet", help="シート名（省略時は見出しのあるシート）")
    q.add_argument("--map", action="append", metavar="列=項目",
                   help="列の対応を変える（例: --map E=利用目的、--map 分類=取り込まない）。何度でも指定できます")
    q.add_argument("--set", action="append", metavar="項目=値",
                   help="列がない・空の項目の固定値（例: --set 管理責任者=総務部長）。何度でも指定できます")
    q.add_argument("--department", help="部門の列がない・空の行の部門名（--set 管理部門=… と同じ）")
    q.add_argument("--keep-ignored", action="store_true", help="取り込まない列の内容を備考に残す")
    q.add_argument("--yes", action="store_true", help="確認済み: すべての行を保存する")
    q.set_defaults(handler=cmd_import)
    p.set_defaults(handler=lambda args: (p.print_help(), 2)[1])
