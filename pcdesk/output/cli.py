"""`pcdesk export`: ledgers from the command line, as the COMMAND_LINE actor."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pcdesk.dates import parse_date
from pcdesk.errors import ValidationError


def _date(text: str | None, label: str):  # -> dt.date | None
    if not text:
        return None
    try:
        return parse_date(text)
    except ValueError:
        raise ValidationError.single(label, f"「{text}」を日付として読めません（例: 2026-11-22）。") from None


def _department_id(ws, name: str) -> int:
    from pcdesk.company.service import list_departments

    departments = {d.name: d.id for d in list_departments(ws, include_inactive=True)}
    if name not in departments:
        known = "、".join(departments) or "（部門がありません）"
        raise ValidationError.single("--department", f"「{name}」という部門はありません。次から選んでください: {known}")
    return departments[name]


def _formats_note(formats: tuple[str, ...]) -> str:
    """「（pdf・html・txt）」 beside a ledger that is not exported as the usual xlsx and pdf."""
    from pcdesk.output.export import TABLE_FORMATS

    return "" if tuple(formats) == TABLE_FORMATS else f"（{'・'.join(formats)}）"


def cmd_export(args: argparse.Namespace) -> int:
    from pcdesk.output.export import describe_result, export_ledger, filter_descriptions, ledger_spec, list_ledgers
    from pcdesk.output.registry import LedgerQuery

    from pcdesk import registry

    # A feature may write something other than one ledger under `pcdesk export <name>`
    # (e.g. the application pack): it provides the capability "export:<name>".
    handlers = registry.provided(f"export:{args.ledger}") if args.ledger else []
    if handlers:
        return int(handlers[0](args) or 0)
    if args.list:
        for entry in list_ledgers():
            print(f"{entry.id:<24} {entry.title}{_formats_note(entry.formats)}")
            if entry.problem:
                print(f"    {entry.problem}", file=sys.stderr)
        return 0
    if not args.ledger or not args.out:
        print("エラー: 台帳の ID と --out を指定してください（例: pcdesk export audit_log --format xlsx "
              "--out 監査ログ.xlsx）。台帳の一覧は pcdesk export --list", file=sys.stderr)
        return 2
    from pcdesk.cli import _workspace

    ws = _workspace(args)
    filters = {"department_id": _department_id(ws, args.department)} if args.department else {}
    query = LedgerQuery(date_from=_date(args.date_from, "--from"), date_to=_date(args.date_to, "--to"),
                        filters=filters)
    if filters and "department_id" not in filter_descriptions(ws, args.ledger, query):
        raise ValidationError.single("--department", f"{ledger_spec(args.ledger).title}は部門で絞り込めません。"
                                                     "--department を外してください。")
    result = export_ledger(ws, args.ledger, args.format, Path(args.out), query)
    print(describe_result(result))
    return 0


def cmd_form(args: argparse.Namespace) -> int:
    from pcdesk.output.export import render_form
    from pcdesk.output.forms import list_forms

    if args.list or not args.form:
        for form_id, title in list_forms():
            print(f"{form_id:<24} {title}")
        return 0 if args.list else 2
    if not args.out:
        print("エラー: --out で保存先の PDF ファイルを指定してください。", file=sys.stderr)
        return 2
    values = {}
    for item in args.set or []:
        key, sep, value = item.partition("=")
        if not sep:
            raise ValidationError.single("--set", f"「{item}」は 項目=値 の形で書いてください（例: --set name=山田）。")
        values[key.strip()] = value
    from pcdesk.cli import _workspace

    ws = _workspace(args)
    record = None
    if args.record:
        from pcdesk import registry
        from pcdesk.feature import load

        declared = registry.forms().get(args.form)
        if declared is None or not declared.values:
            raise ValidationError.single("--record", f"帳票「{args.form}」は記録から記入できません。--record を外してください。")
        record = load(declared.values)(ws, args.record)  # the feature says which record the key names
    result = render_form(ws, args.form, values, Path(args.out), record=record)
    print(f"{result.pages}ページの帳票を出力しました: {result.path}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    from pcdesk.output.export import FORMATS

    p = sub.add_parser("export", help="台帳を Excel・PDF などで出力する（--list で一覧と形式）")
    p.add_argument("ledger", nargs="?", help="台帳の ID（pcdesk export --list で確認）。pack で申請書類一式をフォルダに")
    p.add_argument("--list", action="store_true", help="出力できる台帳の ID と名前を表示する")
    p.add_argument("--format", choices=list(FORMATS),
                   help="形式（省略時は --out の拡張子から）。html・txt は方針のような文書の台帳だけ")
    p.add_argument("--out", help="保存先ファイル")
    p.add_argument("--from", dest="date_from", help="期間の開始日（例: 2026-11-01）")
    p.add_argument("--to", dest="date_to", help="期間の終了日（例: 2026-11-30、この日を含む）")
    p.add_argument("--department", help="部門名で絞り込む（例: 個人情報調査表を営業部だけ: --department 営業部）")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("form", help="記入用紙などの帳票を PDF で出力する（--list で一覧）")
    p.add_argument("form", nargs="?", help="帳票の ID（pcdesk form --list で確認）")
    p.add_argument("--list", action="store_true", help="出力できる帳票の ID と名前を表示する")
    p.add_argument("--out", help="保存先 PDF ファイル")
    p.add_argument("--set", action="append", metavar="項目=値", help="記入する値（何度でも指定可）")
    p.add_argument("--record", metavar="キー", help="記録から記入する（例: 誓約書なら社員番号）")
    p.set_defaults(handler=cmd_form)
