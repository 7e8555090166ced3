"""Printed pledges: one worker's on one A4 page, or a PDF with a page for everyone who needs one."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from pcdesk.pledges.pledging import standings
from pcdesk.pledges.printing import print_pledges
from pcdesk.pledges.rules import NEEDS_ACTION
from pcdesk.pledges.service import WorkerFilter, find_worker
from pcdesk.pledges.versions import template_versions

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) が必要です")


def run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def page_text(path, page: int) -> str:
    return run("pdftotext", "-f", str(page), "-l", str(page), str(path), "-")


def pages_of(path) -> int:
    return int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(path))).group(1))


def test_the_batch_has_one_page_per_worker_who_needs_one_with_the_name_on_it(demo, tmp_path):
    ws, _ = demo
    due = standings(ws, WorkerFilter(include_left=True), state=NEEDS_ACTION)
    out = tmp_path / "誓約書.pdf"
    result = print_pledges(ws, out)
    assert result.records == len(due) == pages_of(out)
    for page, row in enumerate(due, 1):
        text = page_text(out, page)
        assert row.worker.name in text and row.worker.number in text
        assert "ページ" not in text  # a one-page pledge carries no page number, even in the batch
    leaver = next(r for r in due if r.state == "leaving_missing")
    assert "（退職時）" in page_text(out, due.index(leaver) + 1)
    dispatched = next((i for i, r in enumerate(due, 1) if r.worker.employment == "dispatched"), None)
    if dispatched:
        assert "株式会社ひかり人材サービスから派遣され" in page_text(out, dispatched).replace("\n", "")


def test_one_pledge_is_a_filled_a4_page_with_numbered_clauses_version_and_boxes(demo, tmp_path):
    ws, _ = demo
    worker = find_worker(ws, "0003")
    out = tmp_path / "one.pdf"
    print_pledges(ws, out, [worker.id])
    assert pages_of(out) == 1
    assert "595.276 x 841.89 pts (A4)" in run("pdfinfo", str(out))
    text = run("pdftotext", "-layout", str(out), "-")
    flat = re.sub(r"\s+", "", text)
    version = template_versions(ws, "annual")[0]
    assert f"誓約書在職者（年次更新）第{version.version}版（{version.effective_on.year}年" in flat
    assert "株式会社" in text and "殿" in text
    numbers = [int(n) for n in re.findall(r"第(\d+)条（", text)]
    assert numbers == list(range(1, len(version.clauses) + 1)) and len(numbers) >= 9
    for heading in ("目的", "定義", "守秘義務", "社内規程の遵守", "私物の記録媒体の禁止", "事故の報告",
                    "資料・データの返還", "退職後の秘密保持", "違反時の責任・損害賠償"):
        assert f"（{heading}）" in text
    assert worker.name in text and worker.number in text
    for box in ("署名日", "本人署名（自署）", "印", "回収者", "確認", "所属", "社員番号", "氏名"):
        assert box in text


def test_the_printed_version_is_stored_so_a_record_can_point_at_it(setup_ws, tmp_path):
    import datetime as dt

    from pcdesk.company.service import add_department
    from pcdesk.pledges.service import create_worker

    ws = setup_ws
    dept = add_department(ws, "総務部").id
    w = create_worker(ws, {"number": "1", "name": "山田 太郎", "department_id": dept, "employment": "regular",
                           "joined_on": dt.date(2026, 11, 1)})
    assert template_versions(ws, "joining")[0].id is None  # still the shipped text
    print_pledges(ws, tmp_path / "p.pdf", [w.id])
    assert template_versions(ws, "joining")[0].id is not None


def test_the_command_line_prints_pledges_and_the_form_from_a_record(demo, tmp_path, capsys):
    from pcdesk.cli import run as cli

    ws, _ = demo
    db = str(ws.db.path)
    out = tmp_path / "all.pdf"
    assert cli(["--db", db, "pledges", "print", "--out", str(out)]) == 0
    assert "ページを出力しました" in capsys.readouterr().out
    out = tmp_path / "leaving.pdf"
    assert cli(["--db", db, "form", "pledge", "--record", "0003:退職時", "--out", str(out)]) == 0
    assert "（退職時）" in page_text(out, 1)
    assert cli(["--db", db, "pledges", "print", "--number", "9999", "--out", str(out)]) == 2
    assert "社員番号「9999」の従業者はいません" in capsys.readouterr().err
    assert cli(["--db", db, "pledges", "print", "--kind", "bogus", "--out", str(out)]) == 2
    assert "joining（入社時）" in capsys.readouterr().err
