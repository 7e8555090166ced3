"""`pcdesk pledges ...` (the register and pledge status, printing) and `pcdesk import workers`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pcdesk.errors import ValidationError


def cmd_list(args: argparse.Namespace) -> int:
    from pcdesk.cli import _workspace
    from pcdesk.dates import format_date
    from pcdesk.pledges.model import EMPLOYMENTS
    from pcdesk.pledges.pledging import standings
    from pcdesk.pledges.rules import NEEDS_ACTION
    from pcdesk.pledges.service import WorkerFilter
    from pcdesk.settings import load_settings

    ws = _workspace(args)
    style = load_settings(ws).date_style
    rows = standings(ws, WorkerFilter(include_left=args.all or args.missing),
                     state=NEEDS_ACTION if args.missing else None)
    for r in rows:
        w = r.worker
        left = f"  退職 {format_date(w.left_on, style)}" if w.left_on else ""
        print(f"{w.number:<8} {w.name:<10} {r.department:<10} {EMPLOYMENTS.get(w.employment, ''):<8} "
              f"{r.standing.label}  {r.standing.reason}{left}")
    print(f"{len(rows)} 人")
    return 0


def cmd_print(args: argparse.Namespace) -> int:
    from pcdesk.cli import _workspace
    from pcdesk.output.export import describe_result
    from pcdesk.pledges.model import TEMPLATE_KINDS
    from pcdesk.pledges.printing import print_pledges
    from pcdesk.pledges.service import find_worker

    ws = _workspace(args)
    ids = [find_worker(ws, n).id for n in args.number] if args.number else None
    kind = None
    if args.kind:
        by_label = {label: k for k, label in TEMPLATE_KINDS.items()}
        kind = by_label.get(args.kind, args.kind)
        if kind not in TEMPLATE_KINDS:
            raise ValidationError.single("--kind", f"「{args.kind}」は選べません。次から選んでください: "
                                                   f"{'、'.join(f'{k}（{v}）' for k, v in TEMPLATE_KINDS.items())}")
    result = print_pledges(ws, Path(args.out), ids, kind)
    print(describe_result(result))
    return 0


def cmd_import_workers(args: argparse.Namespace) -> int:
    from pcdesk.cli import _workspace
    from pcdesk.pledges.importer import commit, preview_file

    ws = _workspace(args)
    result = preview_file(ws, Path(args.file), args.sheet)
    for line in result.header_lines():
        print(line)
    for problem in result.problems:
        print(f"  {problem}", file=sys.stderr)
    print(result.summary())
    if result.problems and not args.valid_only:
        print("1行でも直すところがあるため、何も保存していません。ファイルを直して実行し直すか、"
              "正しい行だけを取り込むときは --valid-only を付けてください。", file=sys.stderr)
        return 1
    if not result.rows:
        print("取り込める行がありません。", file=sys.stderr)
        return 1
    saved = commit(ws, result, valid_only=args.valid_only)
    print(f"従業者名簿に取り込みました: {saved.describe()}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    from pcdesk.cli import command_group

    p = sub.add_parser("pledges", help="従業者名簿と誓約書（取得状況の一覧・誓約書の印刷）")
    inner = p.add_subparsers(dest="pledges_command", metavar="<操作>")
    q = inner.add_parser("list", help="在籍者と誓約書の取得状況")
    q.add_argument("--missing", action="store_true", help="誓約書が必要な人だけ（未取得・要再取得・退職時誓約 未取得）")
    q.add_argument("--all", action="store_true", help="退職者も含める")
    q.set_defaults(handler=cmd_list)
    q = inner.add_parser("print", help="誓約書を印刷用の PDF にする（省略時は必要な人全員、1人1ページ）")
    q.add_argument("--out", required=True, help="保存先 PDF ファイル")
    q.add_argument("--number", action="append", metavar="社員番号", help="この人の分だけ（何度でも指定可）")
    q.add_argument("--kind", help="ひな形の種類（joining/annual/leaving/dispatched/contractor、または 入社時 など）")
    q.set_defaults(handler=cmd_print)
    p.set_defaults(handler=lambda args: (p.print_help(), 2)[1])

    group = command_group(sub, "import", "ファイルから取り込む（pcdesk import <対象> ファイル）")
    q = group.add_parser("workers", help="従業者名簿を CSV・Excel から取り込む（1行でも誤りがあれば何も保存しない）")
    q.add_argument("file", help="CSV（UTF-8・Shift_JIS）または Excel（.xlsx）ファイル")
    q.add_argument("--sheet", help="Excel のシート名（省略時は見出しのあるシート）")
    q.add_argument("--valid-only", action="store_true", help="誤りのある行を除いて、正しい行だけを取り込む")
    q.set_defaults(handler=cmd_import_workers)
