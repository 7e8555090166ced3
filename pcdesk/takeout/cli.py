"""`pcdesk takeout`: take-outs and assets from the command line (as the command-line actor).

    pcdesk takeout list [--overdue] [--state 申請中]
    pcdesk takeout assets [--unencrypted]
    pcdesk takeout reminder TO-2026-0003      the reminder text, to paste into an e-mail
    pcdesk takeout check                       the compliance check (exit 1 when something is wrong)

The 申請書兼誓約書 of one application: pcdesk form takeout_application --record TO-2026-0001 --out x.pdf
"""

from __future__ import annotations

import argparse

from pcdesk.errors import ValidationError


def _state(text: str | None) -> str | None:
    from pcdesk.takeout.fields import STATES

    if not text:
        return None
    for value, label in STATES:
        if text in (value, label):
            return value
    raise ValidationError.single("--state", f"「{text}」は選べません。次から: {'、'.join(l for _, l in STATES)}")


def cmd_list(args: argparse.Namespace) -> int:
    from pcdesk.cli import _workspace
    from pcdesk.dates import format_date
    from pcdesk.settings import load_settings
    from pcdesk.takeout.queries import ApplicationFilter, list_applications

    ws = _workspace(args)
    style = load_settings(ws).date_style
    found = list_applications(ws, ApplicationFilter(state=_state(args.state), overdue=args.overdue))
    for app in found:
        trip = app.open_trip
        due = trip.due if trip else app.return_due
        print(f"{app.number}  {app.state_label:<4} {app.applicant_name}（{app.applicant_department}）"
              f"  {'、'.join(a.number for a in app.assets)}  → {app.destination}  返却予定 {format_date(due, style)}")
    if not found:
        print("該当する持出し申請はありません。")
    return 0


def cmd_assets(args: argparse.Namespace) -> int:
    from pcdesk.cli import _workspace
    from pcdesk.takeout.assets import AssetFilter, describe_encryption, kind_label, list_assets
    from pcdesk.takeout.fields import ASSET_STATUSES, label

    ws = _workspace(args)
    for a in list_assets(ws, AssetFilter(unencrypted=args.unencrypted, include_disposed=True)):
        print(f"{a.number:<10} {kind_label(a.kind):<8} {a.model}  暗号化: {describe_encryption(a)}"
              f"  {label(ASSET_STATUSES, a.status)}")
    return 0


def cmd_reminder(args: argparse.Namespace) -> int:
    from pcdesk.cli import _workspace
    from pcdesk.takeout.queries import reminder
    from pcdesk.takeout.service import find_application

    ws = _workspace(args)
    print(reminder(ws, find_application(ws, args.number).id))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from pcdesk.cli import _workspace
    from pcdesk.takeout.queries import compliance_findings

    findings = compliance_findings(_workspace(args))
    for f in findings:
        print(f"・{f.text}\n  直すところ: {f.fix}")
    if not findings:
        print("持出しの点検: 問題はありません（個人情報の持出しはすべて暗号化された媒体です）。")
    return 1 if findings else 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("takeout", help="情報・PC社外持出し（申請の一覧・資産・督促文・点検）")
    inner = p.add_subparsers(dest="takeout_command", metavar="<操作>")
    q = inner.add_parser("list", help="持出し申請の一覧（新しい順）")
    q.add_argument("--overdue", action="store_true", help="返却予定日を過ぎたものだけ")
    q.add_argument("--state", help="状態で絞り込む（例: 申請中、持出中）")
    q.set_defaults(handler=cmd_list)
    q = inner.add_parser("assets", help="持出し資産の一覧")
    q.add_argument("--unencrypted", action="store_true", help="暗号化されていない電子媒体だけ")
    q.set_defaults(handler=cmd_assets)
    q = inner.add_parser("reminder", help="返却予定日を過ぎた持出しの督促文を表示する（メールに貼り付け用）")
    q.add_argument("number", help="申請番号（例: TO-2026-0003）")
    q.set_defaults(handler=cmd_reminder)
    q = inner.add_parser("check", help="個人情報の持出しが暗号化された媒体か点検する")
    q.set_defaults(handler=cmd_check)
    p.set_defaults(handler=lambda args: (p.print_help(), 2)[1])
