def register(sub) -> None:
    p = sub.add_parser("fake", help="試験用のコマンド")
    p.set_defaults(handler=lambda args: print("試験用のコマンドです") or 0)
