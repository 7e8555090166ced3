"""`pcdesk visitors`: who is inside, the passes, entries past the retention period; and the
`--visitors N` option of `pcdesk demo`. The printed log is `pcdesk export visitor_log`."""

from __future__ import annotations

import argparse


def cmd_inside(args: argparse.Namespace) -> int:
    from pcdesk.cli import _workspace
    from pcdesk.visitors.rules import passes_text
    from pcdesk.visitors.service import EntryFilter, entry_ids, load_entries, reconciliation

    ws = _workspace(args)
    ids = entry_ids(ws, EntryFilter(inside=True), descending=False)
    entries = load_entries(ws, ids)
    for entry_id in ids:
        e = entries[entry_id]
        print(f"{e.entered_at:%Y-%m-%d %H:%M}  入館証 {e.pass_number or '－':<4} {e.name}（{e.company or '個人'}）"
              f"  面会者 {e.host_name}")
    r = reconciliation(ws)
    print(f"館内: 本日 {r.inside_today} 名、前日以前の退室未記録 {r.inside_earlier} 名。"
          f"未返却の入館証: {passes_text(r.passes_out) if r.passes_out else 'なし'}")
    return 0


def cmd_passes(args: argparse.Namespace) -> int:
    from pcdesk.cli import _workspace
    from pcdesk.visitors.passes import add_passes, list_passes
    from pcdesk.visitors.rules import pass_numbers

    ws = _workspace(args)
    if args.add:
        made = add_passes(ws, pass_numbers(args.first, args.add, args.prefix, args.width))
        print(f"入館証を {len(made)} 枚登録しました: {made[0].number}〜{made[-1].number}")
    for p in list_passes(ws):
        print(f"{p.number:<8} {p.state}" + (f"（{p.note}）" if p.note else ""))
    return 0


def cmd_expired(args: argparse.Namespace) -> int:
    from pcdesk.cli import _workspace
    from pcdesk.visitors.retention import expired_summary, purge_expired

    ws = _workspace(args)
    summary = expired_summary(ws)
    print(summary.describe())
    if not args.purge or not summary.count:
        if summary.count:
            print(f"削除するには --purge --count {summary.count} を付けて実行してください（件数を確かめるため）。")
        return 0
    if args.count != summary.count:
        print(f"エラー: --count {args.count} が対象の件数 {summary.count} と違います。削除していません。")
        return 2
    deleted = purge_expired(ws, args.count)
    print(f"{deleted:,} 件を削除しました（監査ログに件数と期間を記録しました）。")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    demo = sub.choices.get("demo")
    if demo is not None:  # the foundation's `pcdesk demo`
        demo.add_argument("--visitors", type=int, metavar="N",
                          help="外来者入退室記録を N 件（過去数年分）作る（既定: 240 件と本日の来訪者）")
    p = sub.add_parser("visitors", help="外来者入退室記録（館内の来訪者・入館証・保存期間）")
    inner = p.add_subparsers(dest="visitors_command", metavar="<操作>")
    q = inner.add_parser("inside", help="退室が記録されていない来訪者と未返却の入館証")
    q.set_defaults(handler=cmd_inside)
    q = inner.add_parser("passes", help="入館証の一覧と登録")
    q.add_argument("--add", type=int, metavar="枚数", help="連番で登録する枚数")
    q.add_argument("--first", type=int, default=1, help="最初の番号（既定: 1）")
    q.add_argument("--prefix", default="", help="番号の前に付ける文字（例: V-）")
    q.add_argument("--width", type=int, default=0, help="桁数をそろえる（例: 2 で 01, 02, …）")
    q.set_defaults(handler=cmd_passes)
    q = inner.add_parser("expired", help="保存期間を過ぎた記録（--purge で削除）")
    q.add_argument("--purge", action="store_true", help="確認した件数（--count）と一致すれば削除する")
    q.add_argument("--count", type=int, default=-1, help="削除する件数（expired で表示された件数）")
    q.set_defaults(handler=cmd_expired)
    p.set_defaults(handler=lambda args: (p.print_help(), 2)[1])
