"""Export speed beside the raw libraries, measured in one run (prints a table, asserts nothing).

    python tests/bench/bench_export.py [ROWS ...] [--repeat N]   (default: 10000 100000, N = 3)

For each size the same audit-log-like records are written four ways:
  ours xlsx  — pcdesk.output.xlsx (title block, styled cells, print set-up)
  raw xlsx   — openpyxl write-only, ws.append(values) of the same cells, nothing else
  ours pdf   — pcdesk.output.pdf (wrapping, grid, header per page, page n / N)
  raw pdf    — reportlab canvas.drawString of the same cell texts, 40 rows a page
Goal: ours within 1.3× of raw openpyxl and 2× of raw reportlab. Figures are CPU seconds of
this process (all four are single-threaded), each the best of N runs taken in turn, so that
other work on a shared machine does not decide the ratio.
"""

from __future__ import annotations

import datetime as dt
import gc
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from openpyxl import Workbook  # noqa: E402
from reportlab.lib.pagesizes import A4, landscape  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from pcdesk.output.cells import HeaderInfo, text_converter  # noqa: E402
from pcdesk.output.fonts import find_font, register  # noqa: E402
from pcdesk.output.pdf import write_ledger_pdf  # noqa: E402
from pcdesk.output.spec import load_ledger_spec  # noqa: E402
from pcdesk.output.xlsx import write_ledger_xlsx  # noqa: E402

ACTIONS = ["作成", "更新", "削除", "ログイン", "出力"]
PEOPLE = ["佐藤 太郎", "鈴木 花子", "高橋 健一", "田中 美咲", "コマンドライン"]
TARGETS = ["アカウント", "部門", "会社情報", "個人情報管理台帳", "外来者入退室記録"]


def make_rows(n: int) -> list[dict]:
    start = dt.datetime(2026, 4, 1, 9, 0)
    rows = []
    for i in range(n):
        rows.append({
            "seq": i + 1,
            "at": start + dt.timedelta(minutes=7 * i),
            "actor": PEOPLE[i % 5],
            "action": ACTIONS[i % 5],
            "target": TARGETS[i % 5],
            "record_id": str(1000 + i % 977),
            "summary": f"山田 花子（yamada{i % 50}）の登録内容",
            "changes": (f"氏名: 山田 花子 → 山本 花子\nメール: yamada{i % 50}@example.co.jp → "
                        f"yamamoto{i % 50}@example.co.jp") if i % 3 else f"部門: 営業部 → 開発部（{i}）",
        })
    return rows


def raw_xlsx(spec, rows, out: Path) -> None:
    keys = spec.keys
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("raw")
    for row in rows:
        ws.append([row[k] for k in keys])
    wb.save(out)


def raw_pdf(spec, rows, out: Path, font_name: str) -> None:
    convert = [(c.key, text_converter(c, "seireki")) for c in spec.columns]
    texts = [[fn(row[k]) for k, fn in convert] for row in rows]  # formatting is not the library's time
    w, h = landscape(A4)
    x = [34 + i * (w - 68) / len(convert) for i in range(len(convert))]
    t0 = time.process_time()
    c = Canvas(str(out), pagesize=(w, h), pageCompression=1, initialFontName=font_name)
    c.setFont(font_name, 7.5)
    y = h - 40
    for cells in texts:
        for xi, text in zip(x, cells):
            c.drawString(xi, y, text)
        y -= 13
        if y < 40:
            c.showPage()
            c.setFont(font_name, 7.5)
            y = h - 40
    c.save()
    return time.process_time() - t0


def timed(fn, *args) -> float:
    gc.collect()
    t0 = time.process_time()
    result = fn(*args)
    took = time.process_time() - t0
    return result if isinstance(result, float) else took


def main(sizes: list[int], repeat: int) -> None:
    spec = load_ledger_spec("audit_log")
    font = find_font()
    font_name = register(font)
    info = HeaderInfo("監査ログ", "株式会社さくらデータサービス", "2026年4月1日〜2027年3月31日",
                      dt.datetime(2026, 11, 22, 10, 0))
    print(f"font: {font.describe()}   CPU seconds, best of {repeat}")
    print(f"{'rows':>8} | {'ours xlsx':>9} {'raw xlsx':>9} {'ratio':>6} | {'ours pdf':>9} {'raw pdf':>9} {'ratio':>6} | pages")
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        for n in sizes:
            rows = make_rows(n)
            best = {"rx": [], "ox": [], "rp": [], "op": []}
            pages = 0
            for _ in range(repeat):
                best["rx"].append(timed(raw_xlsx, spec, rows, d / "raw.xlsx"))
                best["ox"].append(timed(write_ledger_xlsx, spec, info, rows, d / "ours.xlsx"))
                best["rp"].append(timed(raw_pdf, spec, rows, d / "raw.pdf", font_name))
                gc.collect()
                t0 = time.process_time()
                _count, pages = write_ledger_pdf(spec, info, rows, d / "ours.pdf", font)
                best["op"].append(time.process_time() - t0)
            rx, ox, rp, op = (min(best[k]) for k in ("rx", "ox", "rp", "op"))
            print(f"{n:>8} | {ox:>8.2f}s {rx:>8.2f}s {ox / rx:>5.2f}× | {op:>8.2f}s {rp:>8.2f}s {op / rp:>5.2f}× | {pages}")
    print("goal: xlsx ratio ≤ 1.30, pdf ratio ≤ 2.00")


if __name__ == "__main__":
    args = sys.argv[1:]
    repeat = 3
    if "--repeat" in args:
        i = args.index("--repeat")
        repeat = int(args[i + 1])
        del args[i:i + 2]
    main([int(a) for a in args] or [10_000, 100_000], repeat)
