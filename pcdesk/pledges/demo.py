"""The demo company's 従業者 register: about 30 workers of every 雇用区分, most with a valid
pledge, a few 未取得 and 要再取得, one leaver without the 退職時 pledge.

The staff who have accounts (demo.people) are workers in the same departments, so a host or
an applicant chosen at the kiosk or in a take-out is the same person in both lists.
"""

from __future__ import annotations

import datetime as dt
import io

from sqlalchemy import select

from pcdesk.accounts.model import User
from pcdesk.dates import today
from pcdesk.pledges.model import (ANNUAL, CONTRACT, CONTRACTOR, DISPATCHED, FOR_CONTRACTOR, FOR_DISPATCHED, JOINING,
                                  LEAVING, OFFICER, PART_TIME, REGULAR, SECONDED)
from pcdesk.pledges.pledging import ScanFile, record_pledge
from pcdesk.pledges.rules import add_months
from pcdesk.pledges.service import create_worker
from pcdesk.pledges.versions import current_template, save_template_version

# Readings and mail names of the foundation's demo names (pcdesk.demo), and of the others.
KANA = {"佐藤": ("サトウ", "sato"), "鈴木": ("スズキ", "suzuki"), "高橋": ("タカハシ", "takahashi"),
        "田中": ("タナカ", "tanaka"), "伊藤": ("イトウ", "ito"), "渡辺": ("ワタナベ", "watanabe"),
        "山本": ("ヤマモト", "yamamoto"), "中村": ("ナカムラ", "nakamura"), "小林": ("コバヤシ", "kobayashi"),
        "加藤": ("カトウ", "kato"), "吉田": ("ヨシダ", "yoshida"), "山田": ("ヤマダ", "yamada"),
        "佐々木": ("ササキ", "sasaki"), "山口": ("ヤマグチ", "yamaguchi"), "松本": ("マツモト", "matsumoto"),
        "井上": ("イノウエ", "inoue"), "木村": ("キムラ", "kimura"), "林": ("ハヤシ", "hayashi"),
        "斎藤": ("サイトウ", "saito"), "清水": ("シミズ", "shimizu"),
        "太郎": ("タロウ", "taro"), "花子": ("ハナコ", "hanako"), "健一": ("ケンイチ", "kenichi"),
        "美咲": ("ミサキ", "misaki"), "翔太": ("ショウタ", "shota"), "陽子": ("ヨウコ", "yoko"),
        "大輔": ("ダイスケ", "daisuke"), "由美": ("ユミ", "yumi"), "誠": ("マコト", "makoto"), "恵": ("メグミ", "megumi"),
        "直樹": ("ナオキ", "naoki"), "愛": ("アイ", "ai"), "拓也": ("タクヤ", "takuya"), "真由美": ("マユミ", "mayumi"),
        "浩二": ("コウジ", "koji"), "さくら": ("サクラ", "sakura"),
        "森": ("モリ", "mori"), "池田": ("イケダ", "ikeda"), "橋本": ("ハシモト", "hashimoto"), "阿部": ("アベ", "abe"),
        "石川": ("イシカワ", "ishikawa"), "山下": ("ヤマシタ", "yamashita"), "中島": ("ナカジマ", "nakajima"),
        "石井": ("イシイ", "ishii"), "小川": ("オガワ", "ogawa"), "前田": ("マエダ", "maeda"), "岡田": ("オカダ", "okada"),
        "長谷川": ("ハセガワ", "hasegawa"), "藤田": ("フジタ", "fujita"), "後藤": ("ゴトウ", "goto"),
        "近藤": ("コンドウ", "kondo"), "村上": ("ムラカミ", "murakami"), "遠藤": ("エンドウ", "endo"),
        "青木": ("アオキ", "aoki"), "坂本": ("サカモト", "sakamoto"), "西村": ("ニシムラ", "nishimura"),
        "一郎": ("イチロウ", "ichiro"), "京子": ("キョウコ", "kyoko"), "修": ("オサム", "osamu"), "彩": ("アヤ", "aya"),
        "亮": ("リョウ", "ryo"), "智子": ("トモコ", "tomoko"), "達也": ("タツヤ", "tatsuya"), "優子": ("ユウコ", "yuko"),
        "健太": ("ケンタ", "kenta"), "麻衣": ("マイ", "mai"), "大樹": ("ダイキ", "daiki"), "結衣": ("ユイ", "yui"),
        "和也": ("カズヤ", "kazuya"), "明美": ("アケミ", "akemi"), "悠斗": ("ユウト", "yuto"), "七海": ("ナナミ", "nanami")}
OTHER_SURNAMES = ["森", "池田", "橋本", "阿部", "石川", "山下", "中島", "石井", "小川", "前田", "岡田", "長谷川",
                  "藤田", "後藤", "近藤", "村上", "遠藤", "青木", "坂本", "西村"]
OTHER_GIVEN = ["一郎", "京子", "修", "彩", "亮", "智子", "達也", "優子", "健太", "麻衣", "大樹", "結衣", "和也", "明美",
               "悠斗", "七海"]
AGENCY = "株式会社ひかり人材サービス"
PARENT = "さくらホールディングス株式会社"
CONTRACTOR_COMPANY = "株式会社みらいシステムサポート"

# (雇用区分, department or None for a random one, years since joining, pledge plan) of the
# workers who are not demo.people. Plans: "ok" (signed the current pledge), "missing",
# "renew_time" (signed over 12 months ago), "renew_text" (signed the annual pledge before its
# revision), "left_signed" / "left_missing" (left with / without the 退職時 pledge).
OTHERS = [
    (REGULAR, "営業部", 6, "ok"), (REGULAR, "営業部", 3, "ok"), (REGULAR, "開発部", 8, "ok"),
    (REGULAR, "開発部", 2, "ok"), (REGULAR, "カスタマーサポート部", 4, "ok"), (REGULAR, "カスタマーサポート部", 1, "renew_time"),
    (REGULAR, "人事部", 5, "renew_text"),
    (CONTRACT, "カスタマーサポート部", 2, "ok"), (CONTRACT, "営業部", 1, "ok"), (CONTRACT, "開発部", 0, "missing"),
    (PART_TIME, "カスタマーサポート部", 3, "ok"), (PART_TIME, "総務部", 1, "missing"),
    (DISPATCHED, "カスタマーサポート部", 1, "renew_time"), (DISPATCHED, "営業部", 0, "ok"),
    (SECONDED, "開発部", 1, "ok"),
    (CONTRACTOR, "開発部", 2, "ok"), (CONTRACTOR, "開発部", 0, "missing"),
    (REGULAR, "営業部", 4, "left_signed"), (REGULAR, "開発部", 3, "left_missing"),
]


def _reading(name: str) -> tuple[str, str]:
    parts = name.split(" ")
    kana = [KANA.get(p, ("", ""))[0] for p in parts]
    roman = [KANA.get(p, ("", ""))[1] for p in parts]
    return (" ".join(kana) if all(kana) else ""), (".".join(reversed(roman)) if all(roman) else "")


def _scan_sample(title: str) -> bytes:
    """A one-page PDF standing in for a scanned signed pledge (ASCII only: no font needed)."""
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    c = Canvas(buffer, invariant=1)
    c.setFont("Helvetica", 12)
    c.drawString(72, 760, f"Scanned pledge (demo sample): {title}")
    c.showPage()
    c.save()
    return buffer.getvalue()


def add_demo(ws, demo) -> None:  # ws: Workspace, demo: pcdesk.demo.DemoCompany
    rng = demo.rng
    day = today()
    depts = demo.department_ids
    collector = demo.people[3] if len(demo.people) > 3 else "総務部"
    storage = "総務部 施錠キャビネットA 誓約書ファイル"
    with ws.read() as s:
        account_dept = {u.display_name: u.department_id for u in s.scalars(select(User))}

    people: list[tuple[str, str, int, int, str]] = []  # name, 雇用区分, department id, years, plan
    for i, name in enumerate(demo.people):
        employment = OFFICER if i < 2 else PART_TIME if i == 6 else REGULAR
        dept = account_dept.get(name) or (depts.get("総務部") if employment == OFFICER else None) \
            or depts[rng.choice(sorted(depts))]
        years = 15 - i if i < 2 else rng.randint(1, 12)
        people.append((name, employment, dept, years, "ok"))
    taken = set(demo.people)
    for employment, dept_name, years, plan in OTHERS:
        while True:
            name = f"{rng.choice(OTHER_SURNAMES)} {rng.choice(OTHER_GIVEN)}"
            if name not in taken:
                taken.add(name)
                break
        people.append((name, employment, depts.get(dept_name) or next(iter(depts.values())), years, plan))

    revised_on = add_months(day, -5)  # the annual pledge was revised five months ago
    counters = {"staff": 0, DISPATCHED: 0, CONTRACTOR: 0, SECONDED: 0}
    created = []
    for name, employment, dept, years, plan in people:
        prefix = {DISPATCHED: "H-", CONTRACTOR: "C-", SECONDED: "S-"}.get(employment, "")
        counter = employment if prefix else "staff"
        counters[counter] += 1
        number = f"{prefix}{counters[counter]:03d}" if prefix else f"{counters[counter]:04d}"
        joined = add_months(day, -12 * years - rng.randint(1, 10)) if years else day - dt.timedelta(days=rng.randint(5, 20))
        kana, roman = _reading(name)
        left = day - dt.timedelta(days=20) if plan == "left_missing" else add_months(day, -4) if plan == "left_signed" else None
        worker = create_worker(ws, {
            "number": number, "name": name, "kana": kana, "department_id": dept, "employment": employment,
            "agency": {DISPATCHED: AGENCY, SECONDED: PARENT, CONTRACTOR: CONTRACTOR_COMPANY}.get(employment, ""),
            "joined_on": joined, "left_on": left,
            "email": f"{roman}@example.co.jp" if roman and employment != CONTRACTOR else "",
            "note": "代表取締役" if employment == OFFICER and not created else "",
        })
        created.append((worker, plan))

    def sign(worker, kind, on, template_id=None, scanned=False):
        scan = ScanFile(f"誓約書_{worker.number}.pdf", _scan_sample(f"{worker.number} {kind} {on}")) if scanned else None
        return record_pledge(ws, worker.id, {"kind": kind, "signed_on": on, "collected_by": collector,
                                             "original_location": f"{storage}（{on.year}年度）"}, template_id, scan)

    # Before the revision: the annual pledges of last year, the one that has to be taken again.
    old_annual = []
    for worker, plan in created:
        if plan == "renew_text":
            old_annual.append(sign(worker, ANNUAL, add_months(day, -8)))
        if plan == "renew_time":
            kind = FOR_DISPATCHED if worker.employment == DISPATCHED else JOINING
            sign(worker, kind, max(add_months(day, -14), worker.joined_on))
    save_template_version(ws, ANNUAL, {
        "title": current_template(ws, ANNUAL).title, "preamble": current_template(ws, ANNUAL).preamble,
        "closing": "以上", "effective_on": revised_on, "note": "生成AIサービスへの入力の禁止を守秘義務に追加",
    }, _revised_annual_clauses(ws))

    for n, (worker, plan) in enumerate(created):
        scanned = n % 7 == 0
        if plan == "ok":
            if worker.employment == DISPATCHED:
                sign(worker, FOR_DISPATCHED, worker.joined_on, scanned=scanned)
            elif worker.employment == CONTRACTOR:
                sign(worker, FOR_CONTRACTOR, max(worker.joined_on, add_months(day, -6)), scanned=scanned)
            elif worker.joined_on > revised_on:
                sign(worker, JOINING, worker.joined_on, scanned=scanned)
            else:
                sign(worker, ANNUAL, revised_on + dt.timedelta(days=rng.randint(3, 40)), scanned=scanned)
        elif plan == "left_signed":
            sign(worker, ANNUAL, revised_on + dt.timedelta(days=7))
            sign(worker, LEAVING, worker.left_on, scanned=True)
        elif plan == "left_missing":
            sign(worker, ANNUAL, revised_on + dt.timedelta(days=9))


def _revised_annual_clauses(ws) -> list[dict[str, str]]:
    clauses = [{"heading": c.heading, "text": c.text} for c in current_template(ws, ANNUAL).clauses]
    for c in clauses:
        if c["heading"] == "守秘義務":
            c["text"] += "\n（4）貴社の許可なく、生成AIサービスその他の社外のサービスに秘密情報等を入力しないこと。"
    return clauses
