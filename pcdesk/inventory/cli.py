"""`pcdesk inventory`: list the 台帳 and import an existing Excel 台帳 from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from pcdesk.errors import ValidationError


def cmd_list(args: argparse.Namespace) -> int:
    from pcdesk.cli import _workspace
    from pcdesk.dates import format_date
    from pcdesk.inventory.classification import CATEGORIES
    from pcdesk.inventory.service import EntryFilter, department_names, list_entries
    from pcdesk.settings import load_settings

    ws = _workspace(args)
    names = department_names(ws)
    style = load_settings(ws).date_style  # 西暦 or 和暦, as on the screens and ledgers
    filt = EntryFilter(review_overdue=True if args.overdue else None, status=None if args.all else "active")
    for e in list_entries(ws, filt):
        flags = "・".join(f for f, on in (("要配慮", e.is_sensitive), ("特定", e.is_specific)) if on)
        state = "（廃止）" if e.status == "retired" else ""
        print(f"{e.number}  {names.get(e.department_id, ''):<10} {e.name}{state}  {CATEGORIES[e.category]}"
              f"{'・' + flags if flags else ''}  最終見直し {format_date(e.last_reviewed_on, style)}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from pcdesk.cli import _workspace
    from pcdesk.inventory.importer import TARGETS, commit, preview, propose_mapping, read_workbook, unmapped_required
    from pcdesk.inventory.service import department_names

    ws = _workspace(args)
    sheet = read_workbook(Path(args.file), args.sheet)
    mapping = propose_mapping(sheet.headers)
    defaults = {}
    if args.department:
        ids = {name: i for i, name in department_names(ws).items()}
        if args.department not in ids:
            raise ValidationError.single("--department", f"「{args.department}」という部門はありません。"
                                                         f"次から選んでください: {'、'.join(ids)}")
        defaults["department_id"] = ids[args.department]
    print(f"シート「{sheet.sheet_name}」の {sheet.header_row} 行目を見出しとして読みました。")
    for index, key in mapping.items():
        print(f"  {sheet.headers[index]} → {TARGETS[key]}")
    missing = unmapped_required(mapping, defaults)
    if missing:
        print(f"対応する列がない項目: {'、'.join(missing)}（その行は取り込めません）")
    result = preview(ws, sheet, mapping, defaults)
    for problem in result.problems:
        print(f"  {problem}")
    print(result.summary())
    if not args.yes:
        print("まだ保存していません。内容を確かめて --yes を付けて実行すると取り込みます。")
        return 0 if not result.problems else 1
    entries = commit(ws, result)
    print(f"{len(entries)} 件を個人情報管理台帳に取り込みました。")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("inventory", help="個人情報管理台帳（一覧・Excel 台帳の取込）")
    inner = p.add_subparsers(dest="inventory_command", metavar="<操作>")
    q = inner.add_parser("list", help="台帳の一覧")
    q.add_argument("--overdue", action="store_true", help="見直し期限を過ぎた項目だけ")
    q.add_argument("--all", action="store_true", help="廃止した項目も含める")
    q.set_defaults(handler=cmd_list)
    q = inner.add_parser("import", help="既存の Excel 台帳を取り込む（--yes を付けるまで保存しない）")
    q.add_argument("file", help="Excel ファイル（.xlsx）")
    q.add_argument("--sheet", help="シート名（省略時は見出しのあるシート）")
    q.add_argument("--department", help="部門の列がない台帳の取込先の部門名")
    q.add_argument("--yes", action="store_true", help="確認済み: 取り込める行を保存する")
    q.set_defaults(handler=cmd_import)
    p.set_defaults(handler=lambda args: (p.print_help(), 2)[1])

