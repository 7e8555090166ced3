"""`pcdesk export pack --out DIR [--from --to]` (the export command hands "pack" over here)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pcdesk.output.cli import _date


def export_pack(args: argparse.Namespace) -> int:
    """`pcdesk export pack --out DIR [--from --to]`: the application pack, all or nothing."""
    from pcdesk.cli import _workspace
    from pcdesk.pack.builder import build_pack

    if not args.out:
        print("エラー: --out に保存先のフォルダを指定してください（例: pcdesk export pack --out 申請書類）。",
              file=sys.stderr)
        return 2
    ws = _workspace(args)
    result = build_pack(ws, Path(args.out), _date(args.date_from, "--from"), _date(args.date_to, "--to"),
                        step=lambda done, total, what: done < total and print(f"  [{done + 1}/{total}] {what}",
                                                                              file=sys.stderr))
    print(f"申請書類一式を作成しました: {result.folder}（{len(result.documents)} 種類）")
    if result.findings:
        print(f"整合性チェックで {result.findings} 件の問題が見つかりました（整合性チェック結果を参照）。")
    return 0
