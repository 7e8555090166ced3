"""The documents as people receive them: PDF for the wall, HTML for the website, text, the
command line — and the demo company's, read as a whole."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from pcdesk.audit.query import AuditFilter, fetch_page
from pcdesk.errors import ValidationError
from pcdesk.output.export import export_ledger
from pcdesk.output.registry import LedgerQuery
from pcdesk.policy import service
from pcdesk.services import ADMIN, STAFF, Actor, Workspace
from tests.policy_answers import NOTICE_SECTIONS, POLICY_SECTIONS, full_answers

SECTIONS = {"policy": POLICY_SECTIONS, "notice": NOTICE_SECTIONS}
VOID = {"meta", "br", "link", "img", "hr", "input"}


class StrictPage(HTMLParser):
    """Collects the text and checks that every element is closed in order (a valid tree)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self.tags.append(tag)
        self.attributes += attrs
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if "body" in self.stack and "style" not in self.stack:  # what the page shows, not its style sheet
            self.text.append(data)


def parse(path) -> StrictPage:
    page = StrictPage()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    assert not page.problems and not page.stack, (page.problems, page.stack)
    return page


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def published(setup_ws):
    """A company whose version 1 has every section (共同利用, 外国, Cookie, 認定団体 …)."""
    from pcdesk.company.service import save_company

    save_company(setup_ws, {"name": "株式会社テストデータ", "address": "東京都千代田区千代田1番1号",
                            "representative": "代表取締役 山田 太郎", "pms_manager": "取締役 鈴木 花子",
                            "contact_name": "個人情報お問合せ窓口", "contact_phone": "03-0000-1111",
                            "contact_email": "privacy@example.jp"})
    ws = Workspace(setup_ws.db, Actor(None, "総務 一郎", frozenset({ADMIN, STAFF})))
    draft = service.start_draft(ws)
    service.save_draft(ws, draft.id, full_answers(philosophy='私たちは <大切な> 情報を & 守ります。'))
    service.publish(ws, draft.id, on=dt.date(2025, 4, 1))
    return ws


@pytest.mark.parametrize("ledger", ["policy", "notice"])
def test_the_html_parses_holds_every_section_and_loads_nothing(published, tmp_path, ledger):
    out = tmp_path / f"{ledger}.html"
    result = export_ledger(published, ledger, "html", out)
    page = parse(out)
    text = "".join(page.text)
    for section in SECTIONS[ledger]:
        assert section in text, section
    assert page.tags[:3] == ["html", "head", "meta"] and "main" in page.tags and "article" in page.tags
    assert page.tags.count("h1") == 1 and "section" in page.tags and "table" in page.tags  # 改定履歴
    assert not [a for a in page.attributes if a[0] in ("src", "href")]
    raw = out.read_text(encoding="utf-8")
    assert raw.startswith("<!DOCTYPE html>") and '<html lang="ja">' in raw
    assert "url(" not in raw and "@import" not in raw and "<script" not in raw
    if ledger == "policy":
        assert "&lt;大切な&gt; 情報を &amp; 守ります" in raw and "私たちは <大切な> 情報を & 守ります。" in text
    assert result.label == ("個人情報保護方針" if ledger == "policy" else "個人情報の取扱いについて") + "（第1版・公表版）"


@pytest.mark.parametrize("ledger", ["policy", "notice"])
def test_the_pdf_text_holds_every_section(published, tmp_path, ledger):
    out = tmp_path / f"{ledger}.pdf"
    result = export_ledger(published, ledger, "pdf", out)
    text = flat(pdf_text(out))
    for section in SECTIONS[ledger]:
        assert flat(section) in text, section
    assert "改定履歴" in text and "2025年4月1日制定" in text
    assert result.pages and f"{result.pages}/{result.pages}ページ" in text


def test_the_text_file_is_plain_utf8_with_windows_line_ends(published, tmp_path):
    out = tmp_path / "notice.txt"
    export_ledger(published, "notice", "txt", out)
    raw = out.read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    text = raw.decode("utf-8")
    assert text.startswith("個人情報の取扱いについて\r\n") and "13．認定個人情報保護団体" in text


def test_exports_are_audited_and_other_formats_refused(published, tmp_path):
    export_ledger(published, "notice", "pdf", tmp_path / "掲示用.pdf")
    entry = fetch_page(published, AuditFilter(action="export"), limit=1)[0]
    assert entry.record_id == "notice" and entry.actor_name == "総務 一郎"
    assert re.fullmatch(r"個人情報の取扱いについて（第1版・公表版）をPDFで出力（\d+ページ） → 掲示用.pdf", entry.summary)
    assert json.loads(entry.changes)["format"] == "pdf"
    with pytest.raises(ValidationError, match="「xlsx」は選べません。pdf、html、txt のどれかにしてください。"):
        export_ledger(published, "policy", "xlsx", tmp_path / "x.xlsx")
    with pytest.raises(ValidationError, match="保存先「x.pdf」は PDF の拡張子"):
        export_ledger(published, "policy", "html", tmp_path / "x.pdf")
    assert not (tmp_path / "x.xlsx").exists()


def test_a_table_ledger_still_exports_only_as_excel_and_pdf(published, tmp_path):
    with pytest.raises(ValidationError, match="「html」は選べません。xlsx か pdf にしてください。"):
        export_ledger(published, "accounts", "html", tmp_path / "a.html")


def test_nothing_published_nothing_exported(setup_ws, tmp_path):
    ws = Workspace(setup_ws.db, Actor(None, "総務", frozenset({ADMIN})))
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ValidationError, match="公表した版がありません"):
        export_ledger(ws, "policy", "pdf", out / "p.pdf")
    assert list(out.iterdir()) == []  # not even a .part file


def test_a_draft_is_exported_only_when_asked_for_and_says_it_is_a_draft(published, tmp_path):
    draft = service.start_draft(published)
    service.save_draft(published, draft.id, full_answers(contact_hours="平日 10:00〜16:00"))
    export_ledger(published, "notice", "txt", tmp_path / "now.txt")
    export_ledger(published, "notice", "txt", tmp_path / "draft.txt", LedgerQuery(filters={"version": draft.number}))
    now, next_one = (tmp_path / "now.txt").read_text("utf-8"), (tmp_path / "draft.txt").read_text("utf-8")
    assert "平日 9:00〜17:00" in now and "下書き" not in now
    assert next_one.startswith("【下書き（第2版・公表前の案）】") and "平日 10:00〜16:00" in next_one


# -- the demo company -------------------------------------------------------------------------

def cli(db, *args):
    return subprocess.run([sys.executable, "-m", "pcdesk", "--db", str(db), *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8")


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=。)", flat(text)) if len(s) > 10]


def read_as_a_reader(text: str) -> None:
    """What a Japanese reader would stop at: a blank after 「：」, braces, None, ISO dates, a
    sentence said twice, a 〒 code from another prefecture's range."""
    assert "{" not in text and "}" not in text and "None" not in text
    assert not re.search(r"：\s*(\n|$)", text), "a label with nothing after it"
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text), "an ISO date"
    found = sentences(text)
    assert len(found) == len(set(found)), [s for s in found if found.count(s) > 1]


def test_the_demo_export_prints_the_published_version(demo, tmp_path):
    ws, _info = demo
    db = ws.db.path
    ws.db.dispose()
    for ledger in ("policy", "notice"):
        for fmt in ("pdf", "html", "txt"):
            run = cli(db, "export", ledger, "--format", fmt, "--out", tmp_path / f"{ledger}.{fmt}")
            assert run.returncode == 0, run.stderr
            assert "（第1版・公表版）" in run.stdout
    notice_pdf = pdf_text(tmp_path / "notice.pdf")
    notice_html = "".join(parse(tmp_path / "notice.html").text)
    policy_pdf = pdf_text(tmp_path / "policy.pdf")
    policy_html = "".join(parse(tmp_path / "policy.html").text)
    for text in (notice_pdf, notice_html, policy_pdf, policy_html):
        read_as_a_reader(text)
        assert "改定履歴" in text and "制定" in text
    assert "退職証明書" not in flat(notice_pdf)  # added in the draft version 2 only
    for section in ("保有個人データの利用目的", "個人データの共同利用", "開示等の請求の手続", "苦情・相談の窓口"):
        assert flat(section) in flat(notice_pdf) and section in notice_html
    assert "株式会社みなとソリューションズ" in policy_html and "〒231-0002" in notice_html
    assert "1 / 1 ページ" in policy_pdf  # the 方針 fits one sheet for posting


def test_the_demo_has_version_1_published_and_a_draft_2_differing_in_one_clause(demo):
    ws, _info = demo
    versions = service.list_versions(ws)
    assert [(v.label, v.status, v.note) for v in versions] == [("第1版", "published", "制定"), ("第2版", "draft", "")]
    assert versions[0].published_by != "コマンドライン"
    changes = [c for c in service.compare_versions(ws, versions[0].id, versions[1].id) if c.changed]
    assert [(c.document, c.heading) for c in changes] == [("個人情報の取扱いについて", "2．保有個人データの利用目的")]
    item = service.printable_of(ws, versions[0], "notice")
    assert len(item.history) == 1 and item.history[0][1] == "制定"


def test_the_demo_home_page_and_compliance_check_point_at_the_missing_purpose(demo):
    ws, _info = demo
    items = service.policy_attention(ws)
    assert [(i.severity, i.count) for i in items] == [("warning", 1), ("info", 1)]
    assert items[0].text == "公表中の「個人情報の取扱いについて」が個人情報管理台帳と合っていません（1 件）。改定してください。"
    findings = service.compliance_findings(ws)
    assert [f.text for f in findings] == [
        "台帳の「PI-0011 退職者名簿」の利用目的「退職証明書の発行と法定書類の保存のため」が公表文にありません。"]
    assert findings[0].page == "policy" and "台帳から読み込む" in findings[0].fix


def test_the_command_line_checks_compares_and_makes_the_statement(demo):
    ws, _info = demo
    db = ws.db.path
    ws.db.dispose()
    check = cli(db, "policy", "check")
    assert check.returncode == 1 and "PI-0011 退職者名簿" in check.stdout and "下書き（第2版）: 公表できます。" in check.stdout
    compare = cli(db, "policy", "compare", "1", "2")
    assert "【変更】2．保有個人データの利用目的" in compare.stdout and "+ ・退職証明書の発行と法定書類の保存のため" in compare.stdout
    statement = cli(db, "policy", "statement", "--subject", "顧客")
    assert statement.returncode == 0, statement.stderr
    assert statement.stdout.startswith("【個人情報の取扱いについて】\nご記入いただいた個人情報は、株式会社みなとソリューションズ（以下「当社」といいます。）が")
    assert "・商品の発送、代金の請求、アフターサービスのご案内のため" in statement.stdout
    wrong = cli(db, "policy", "statement", "--subject", "宇宙人")
    assert wrong.returncode == 2 and "「宇宙人」の利用目的は公表文にありません" in wrong.stderr
    listed = cli(db, "export", "--list")
    assert "policy                   個人情報保護方針（pdf・html・txt）" in listed.stdout
    published = cli(db, "policy", "publish", "--note", "退職者の利用目的を追加")
    assert published.returncode == 0 and "第2版を公表しました（退職者の利用目的を追加）。" in published.stdout
    assert cli(db, "policy", "check").returncode == 0
