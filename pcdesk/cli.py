"""The command line beside the GUI: everything here works without a screen.

Each feature's manifest names a `register(subparsers)` function adding its subcommands;
a handler receives the parsed arguments and returns an exit code.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pcdesk import __version__
from pcdesk.errors import PcdeskError



def _open(args: argparse.Namespace, must_exist: bool = True):  # -> Database
    import pcdesk.store.models  # noqa: F401  every feature's tables known before the first query
    from pcdesk.store.opening import open_database

    return open_database(args.db, must_exist=must_exist)


def _workspace(args: argparse.Namespace, must_exist: bool = True):
    from pcdesk.services import COMMAND_LINE, Workspace

    return Workspace(_open(args, must_exist), COMMAND_LINE)


def cmd_demo(args: argparse.Namespace) -> int:
    from pcdesk.demo import create_demo, demo_accounts_text

    ws = _workspace(args, must_exist=False)
    # Options features added to the demo command (e.g. --visitors) reach their demo steps.
    options = {k: v for k, v in vars(args).items() if k not in ("db", "command", "handler", "seed")}
    demo = create_demo(ws, seed=args.seed, options=options)
    print(f"デモ会社を作成しました（seed={demo.seed}）: {ws.db.display_name()}")
    print(demo_accounts_text())
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from pcdesk.backups import make_backup

    ws = _workspace(args)
    out = make_backup(ws, Path(args.out))
    print(f"バックアップを作成しました: {out}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from pcdesk.backups import restore
    from pcdesk.services import COMMAND_LINE, Workspace
    from pcdesk.store.engine import Database, resolve_url

    db = Database(resolve_url(args.db))  # the target may not exist yet; restore checks the file
    try:
        result = restore(Workspace(db, COMMAND_LINE), Path(args.file), allow_missing_key=args.without_key)
    finally:
        db.dispose()
    print(result.describe())
    return 0


def cmd_compliance(args: argparse.Namespace) -> int:
    """`pcdesk check --compliance`: the consistency check across features; 1 when anything is found."""
    from pcdesk.compliance import check_compliance

    report = check_compliance(_workspace(args))
    print(report.describe())
    return 0 if report.clean else 1


def cmd_check(args: argparse.Namespace) -> int:
    if getattr(args, "compliance", False):
        return cmd_compliance(args)
    from pcdesk.integrity import check_database

    db = _open(args)
    try:
        report = check_database(db, args.anchor or [])
    finally:
        db.dispose()
    print("\n".join(report.lines()))
    return 0 if report.ok else 1


def cmd_key_export(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from pcdesk.audit.keys import export_keys
    from pcdesk.audit.model import AuditEntry, AuditHead

    db = _open(args)
    try:
        with db.new_read_session() as s:
            used = [k for k in s.scalars(select(AuditEntry.key_id).distinct()) if k]
            current = s.scalar(select(AuditHead.key_id).where(AuditHead.id == 1)) or ""
    finally:
        db.dispose()
    wanted = sorted(set(used) | ({current} if current else set()))
    if not wanted:
        print("このデータベースの監査証跡には、まだ鍵がありません（最初の記録のときに作られます）。")
        return 0
    written = export_keys(wanted, Path(args.out))
    print(f"監査証跡の鍵 {'・'.join(written)} を書き出しました: {args.out}\n"
          "この鍵で監査証跡を書き換えられるため、ほかの PC で pcdesk key import を実行したら、"
          "ファイルは消してください（USB メモリに残さないでください）。")
    return 0


def cmd_key_import(args: argparse.Namespace) -> int:
    from pcdesk.audit.keys import import_keys

    ids = import_keys(Path(args.file))
    print(f"監査証跡の鍵 {'・'.join(ids)} をこの PC に登録しました。鍵ファイルは消してください。")
    return 0


def cmd_recover(args: argparse.Namespace) -> int:
    import getpass

    from pcdesk.accounts.recovery import recover_admin
    from pcdesk.services import Workspace

    db = _open(args)
    try:
        code = args.code or getpass.getpass("回復コード（初期設定のときに印刷したもの）: ")
        done = recover_admin(Workspace(db), args.login_id, code)
    finally:
        db.dispose()
    print(f"{done.display_name}（{done.login_id}）を管理者に戻しました。\n"
          f"仮のパスワード: {done.temporary_password}\n"
          "このパスワードでログインすると、新しいパスワードを決める画面になります。\n\n"
          f"新しい回復コード: {done.new_code}\n"
          "前の回復コードは使えなくなりました。新しいコードを印刷するか書き写して、安全な場所に保管してください。")
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from pcdesk.store.engine import Database, resolve_url
    from pcdesk.store.migrate import current_revision, head_revision, upgrade

    db = Database(resolve_url(args.db))
    if db.path is not None and not db.path.exists():
        print(f"エラー: データベースのファイルがありません: {db.path}", file=sys.stderr)
        return 2
    before = current_revision(db)
    backup = upgrade(db)
    print(f"スキーマ: {before or '（空）'} → {head_revision()}")
    if backup:
        print(f"移行前のバックアップ: {backup}")
    return 0


def command_group(sub: argparse._SubParsersAction, name: str, help: str) -> argparse._SubParsersAction:
    """The subcommands of `pcdesk <name> ...`, shared by every feature that adds one: the first
    caller creates the group (e.g. `pcdesk import`), later ones add to it (`pcdesk import workers`)."""
    parser = sub.choices.get(name)
    if parser is None:
        parser = sub.add_parser(name, help=help)
        inner = parser.add_subparsers(dest=f"{name}_command", metavar="<対象>", title="対象",
                                      parser_class=JapaneseArgumentParser)
        parser.set_defaults(handler=lambda _args: (parser.print_help(), 2)[1], _group=inner)
        return inner
    return parser.get_default("_group")


def register_foundation(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="デモ会社のデータを作成する")
    p.add_argument("--seed", type=int, default=1, help="乱数の種（同じ種なら同じデータ）")
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("backup", help="データベースのバックアップを作成する（使用中でも可）")
    p.add_argument("--out", required=True, help="保存先ファイル")
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", help="バックアップから復元する（置き換える前のファイルは保存）")
    p.add_argument("file", help="バックアップファイル")
    p.add_argument("--without-key", action="store_true",
                   help="この PC にない鍵で署名された監査証跡を、照合せずに復元する（元の PC が使えないとき）")
    p.set_defaults(handler=cmd_restore)

    p = sub.add_parser("check", help="監査証跡の改ざんとデータベースの整合性を検査する")
    p.add_argument("--anchor", action="append", metavar="控え",
                   help="照合に使う控え: 出力した台帳（.xlsx/.pdf）、バックアップ、または台帳の下に印刷された"
                        "「No.123-1a2b3c4d5e6f7a8b」（何度でも指定可）")
    p.add_argument("--compliance", action="store_true",
                   help="台帳・リスク分析・公表文・誓約書・持出しの食い違いを検査する（問題があれば終了コード 1）")
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser("key", help="監査証跡の鍵をほかの PC へ移す（共有データベース、PC の入れ替え）")
    key_sub = p.add_subparsers(dest="key_command", metavar="<操作>", title="操作",
                               parser_class=JapaneseArgumentParser)
    k = key_sub.add_parser("export", help="このデータベースの鍵をファイルに書き出す")
    k.add_argument("--out", required=True, help="書き出す鍵ファイル")
    k.set_defaults(handler=cmd_key_export)
    k = key_sub.add_parser("import", help="書き出した鍵をこの PC に登録する")
    k.add_argument("file", help="pcdesk key export で書き出した鍵ファイル")
    k.set_defaults(handler=cmd_key_import)

    p = sub.add_parser("recover", help="回復コードで管理者に戻す（管理者のパスワードがすべて分からないとき）")
    p.add_argument("login_id", help="管理者に戻すアカウントのログインID")
    p.add_argument("--code", help="回復コード（省略すると入力を求めます）")
    p.set_defaults(handler=cmd_recover)

    p = sub.add_parser("migrate", help="データベースを最新の形式に移行する（起動時にも自動で実行）")
    p.set_defaults(handler=cmd_migrate)

    from pcdesk.output.cli import register as register_output

    register_output(sub)


# argparse's own English, as a Japanese office worker should read it.
_ARGPARSE_JA = [
    ("the following arguments are required: ", "次の指定が必要です: "),
    ("unrecognized arguments: ", "認識できない指定です: "),
    ("invalid choice: ", "選べない値です: "),
    ("(choose from ", "（次から選んでください: "),
    ("expected one argument", "値を1つ指定してください"),
    ("invalid int value: ", "整数ではありません: "),
    ("argument <コマンド>: ", ""),
    ("argument ", "指定 "),
]


class JapaneseHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        return super().add_usage(usage, actions, groups, "使い方: " if prefix is None else prefix)


class JapaneseArgumentParser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", JapaneseHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "引数"
        self._optionals.title = "オプション"
        self.add_argument("-h", "--help", action="help", help="この説明を表示して終わる")

    def error(self, message: str) -> None:  # type: ignore[override]
        for english, japanese in _ARGPARSE_JA:
            message = message.replace(english, japanese)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: エラー: {message}\n（説明は {self.prog} --help）\n")


def build_parser() -> argparse.ArgumentParser:
    parser = JapaneseArgumentParser(prog="pcdesk", description="pcdesk 個人情報保護デスク")
    parser.add_argument("--version", action="version", version=f"pcdesk {__version__}",
                        help="バージョンを表示して終わる")
    parser.add_argument("--db", help="データベースのファイルまたは URL（例: postgresql+psycopg://user@host/pcdesk）。"
                                     "省略時は環境変数 PCDESK_DATABASE_URL、なければ利用者ごとの既定ファイル")
    sub = parser.add_subparsers(dest="command", metavar="<コマンド>", title="コマンド",
                                parser_class=JapaneseArgumentParser)
    from pcdesk import registry
    from pcdesk.feature import load

    for ref in registry.command_registrars():
        load(ref)(sub)
    return parser


def _add_db_to_subcommands(argv: list[str]) -> list[str]:
    """Allow `pcdesk demo --db X` as well as `pcdesk --db X demo`."""
    if "--db" in argv[1:] and argv and argv[0] != "--db":
        i = argv.index("--db")
        if i + 1 < len(argv):
            return ["--db", argv[i + 1], *argv[:i], *argv[i + 2:]]
    for i, a in enumerate(argv):
        if a.startswith("--db="):
            return [a, *argv[:i], *argv[i + 1:]]
    return argv


def _remove_leftovers(args: argparse.Namespace) -> None:
    """What an interrupted export, backup or restore left behind (never a running one's)."""
    try:
        from pcdesk.output.parts import remove_stale_parts

        remove_stale_parts()
        from pcdesk.backups import remove_leftovers
        from pcdesk.store.engine import Database, resolve_url

        url = resolve_url(args.db)
        if url.get_backend_name() == "sqlite" and url.database and Path(url.database).parent.is_dir():
            db = Database(url)
            remove_leftovers(db)
            db.dispose()
    except Exception:  # noqa: BLE001 - tidying up must never stop a command
        pass


def run(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(_add_db_to_subcommands(argv))
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    from sqlalchemy.exc import DBAPIError

    _remove_leftovers(args)
    try:
        return int(args.handler(args) or 0)
    except PcdeskError as exc:
        print(f"エラー: {exc}", file=sys.stderr)
        return 2
    except DBAPIError as exc:  # e.g. a file that is not a database, a server that is down
        from pcdesk.store.engine import explain_failure, resolve_url

        print(f"エラー: {explain_failure(resolve_url(args.db), exc)}", file=sys.stderr)
        return 2
