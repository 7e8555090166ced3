"""`pcdesk policy`: the versions, what is missing or out of step, a comparison, the
利用目的の明示 text, and publishing the draft. The documents themselves are printed with
`pcdesk export policy|notice --format pdf|html|txt`."""

from __future__ import annotations

import argparse

from pcdesk.errors import ValidationError


def _ws(args: argparse.Namespace):
    from pcdesk.cli import _workspace

    return _workspace(args)


def cmd_list(args: argparse.Namespace) -> int:
    from pcdesk.dates import format_date
    from pcdesk.policy.model import STATUSES
    from pcdesk.policy.service import list_versions
    from pcdesk.settings import load_settings

    ws = _ws(args)
    style = load_settings(ws).date_style
    versions = list_versions(ws)
    if not versions:
        print("まだ版がありません。画面の「プライバシーポリシー」で下書きを作成してください。")
    for v in versions:
        day = format_date(v.published_on, style) if v.published_on else "—"
        print(f"{v.label:<6} {STATUSES[v.status]:<5} 公表日 {day}  {v.note}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from pcdesk.policy.service import answers_of, draft_version, inventory_gaps_of, published_version
    from pcdesk.policy.rules import missing_items

    ws = _ws(args)
    published, draft = published_version(ws), draft_version(ws)
    trouble = 0
    if published is None:
        print("公表した版がありません。")
        trouble += 1
    else:
        gaps = inventory_gaps_of(ws, published)
        print(f"公表中の{published.label}と個人情報管理台帳: " + ("食い違いはありません。" if not gaps else f"{len(gaps)} 件"))
        for gap in gaps:
            print(f"  ・{gap.text}")
        trouble += len(gaps)
    if draft is not None:
        missing = missing_items(answers_of(draft))
        print(f"下書き（{draft.label}）: " + ("公表できます。" if not missing else f"公表に足りない項目 {len(missing)} 件"))
        for problem in missing:
            print(f"  ・{problem}")
    return 1 if trouble else 0


def cmd_compare(args: argparse.Namespace) -> int:
    from pcdesk.policy.service import compare_versions, version_by_number

    ws = _ws(args)
    before, after = version_by_number(ws, args.before), version_by_number(ws, args.after)
    changes = [c for c in compare_versions(ws, before.id, after.id) if c.changed or args.all]
    if not changes:
        print(f"{before.label}と{after.label}の本文に違いはありません。")
    title = ""
    for c in changes:
        if c.document != title:
            title = c.document
            print(f"■ {title}")
        print(f"【{c.status_label}】{c.heading}")
        left, right = c.marks()
        for line, changed in zip(c.before, left):
            if changed:
                print(f"  - {line}")
        for line, changed in zip(c.after, right):
            if changed:
                print(f"  + {line}")
    return 0


def cmd_statement(args: argparse.Namespace) -> int:
    from pcdesk.policy.statement import statement_text

    print(statement_text(_ws(args), args.subject), end="")
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from pcdesk.dates import parse_date
    from pcdesk.policy.service import draft_version, publish

    ws = _ws(args)
    draft = draft_version(ws)
    if draft is None:
        raise ValidationError.single("下書き", "公表する下書きがありません。画面の「プライバシーポリシー」で改定してください。")
    on = None
    if args.on:
        try:
            on = parse_date(args.on)
        except ValueError:
            raise ValidationError.single("--on", f"「{args.on}」を日付として読めません（例: 2026-12-01）。") from None
    version = publish(ws, draft.id, args.note or "", on)
    print(f"{version.label}を公表しました（{version.note}）。")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("policy", help="プライバシーポリシー（版の一覧・台帳との照合・比較・利用目的の明示・公表）")
    inner = p.add_subparsers(dest="policy_command", metavar="<操作>")
    q = inner.add_parser("list", help="版の一覧（状態・公表日・改定内容）")
    q.set_defaults(handler=cmd_list)
    q = inner.add_parser("check", help="公表中の版と個人情報管理台帳の食い違い、下書きに足りない項目")
    q.set_defaults(handler=cmd_check)
    q = inner.add_parser("compare", help="2つの版を条項ごとに比べる（例: pcdesk policy compare 1 2）")
    q.add_argument("before", type=int, help="古いほうの版の番号")
    q.add_argument("after", type=int, help="新しいほうの版の番号")
    q.add_argument("--all", action="store_true", help="変更のない条項も表示する")
    q.set_defaults(handler=cmd_compare)
    q = inner.add_parser("statement", help="申込書・Web フォームに載せる「個人情報の取扱いについて」（利用目的の明示）")
    q.add_argument("--subject", help="本人の区分（例: 顧客）。省略時はすべての区分")
    q.set_defaults(handler=cmd_statement)
    q = inner.add_parser("publish", help="下書きを公表する（足りない項目があると公表しません）")
    q.add_argument("--note", help="改定内容（省略時は変わった条項から作ります）")
    q.add_argument("--on", help="公表日（省略時は今日、例: 2026-12-01）")
    q.set_defaults(handler=cmd_publish)
    p.set_defaults(handler=lambda args: (p.print_help(), 2)[1])
