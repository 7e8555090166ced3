"""How the cells of an existing 個人情報管理台帳 read, and what they mean in law.

Pure (no database): `PARSERS` read one cell of a field as real ledgers write it (「約1,200件」,
「有（○○運輸）」, 「書類・事務所PC」, 「-」); `interpret(values, given)` then carries the legal
meaning over and says why, in sentences shown in the import preview:
受託 / 委託元から受領 / 開示対象「-」 → 個人データ (not 保有個人データ); 委託先「なし」 → no
consignment; a 機微 / 要配慮 column or sub-column marked ○ → 要配慮個人情報 (the items and the
name are read for 健康診断, 病歴, マイナンバー … by classification.classify as well).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Callable

from pcdesk.fields import split_list, yes_no
from pcdesk.inventory.choices import (ACQUISITION_DIRECT_WRITTEN, ACQUISITION_FROM_CLIENT, ACQUISITIONS, ACTIVE, BOTH,
                                      ELECTRONIC, PAPER, RETIRED, STATUSES)
from pcdesk.inventory.fields import LABELS
from pcdesk.inventory.rules import DETAIL_OF
from pcdesk.tabular import Column, cell_text

# 媒体 words → 紙 / 電子 (a cell naming both kinds is 紙・電子).
PAPER_WORDS = ("紙", "書類", "書面", "帳票", "用紙", "ファイル綴", "台帳（紙）", "原本", "ノート", "伝票", "ハガキ", "はがき",
               "名刺", "履歴書", "申込書", "アンケート用紙", "印刷物", "バインダー", "キャビネット")
ELECTRONIC_WORDS = ("電子", "データ", "pc", "パソコン", "サーバ", "クラウド", "システム", "usb", "外部記憶", "記憶媒体",
                    "cd", "dvd", "hdd", "ssd", "nas", "メール", "excel", "エクセル", "ファイルサーバ", "共有フォルダ",
                    "web", "db", "データベース", "スマートフォン", "タブレット", "電磁")
IN_USE = ("利用中", "使用中", "運用中", "有効", "現行", "継続", "保有中", "active")
RETIRED_WORDS = ("廃止", "廃棄済", "利用終了", "使用終了", "retired")
FROM_CLIENT = ("委託元", "受託", "預か", "預り", "お客様から提供")
ACQUISITION_WORDS = (
    (FROM_CLIENT, ACQUISITION_FROM_CLIENT),
    (("本人から書面", "申込書", "応募書類", "履歴書", "アンケート", "契約書", "名刺", "用紙", "書面で"), ACQUISITION_DIRECT_WRITTEN),
    (("web", "ウェブ", "ホームページ", "フォーム", "電話", "口頭", "メールで", "メール受信"), ACQUISITIONS[1]),
    (("第三者", "紹介", "購入", "名簿業者"), ACQUISITIONS[2]),
    (("公開", "官報", "インターネット上"), ACQUISITIONS[3]),
)


def fold(text: Any) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", cell_text(text))).lower()


def record_count(raw: Any, _column: Column) -> int:
    """「約1,200件」 → 1200, 「1.2万」 → 12000, 「３万件」 → 30000, 750.0 → 750."""
    if isinstance(raw, bool):
        raise ValueError("件数として読めません。おおよその数を入れてください（例: 約500件 → 500）。")
    if isinstance(raw, (int, float)):
        return int(raw)
    s = unicodedata.normalize("NFKC", str(raw)).replace(",", "")
    m = re.search(r"\d+(?:\.\d+)?", s)
    if not m:
        raise ValueError("件数として読めません。おおよその数を入れてください（例: 約500件 → 500）。")
    n = float(m.group())
    unit = s[m.end():m.end() + 2]
    n *= 10_000 if "万" in unit else 1_000 if "千" in unit else 1
    return int(round(n))


def media(raw: Any, _column: Column) -> str:
    """書類 → 紙, 事務所PC・社外サーバー・USB → 電子, 「書類・事務所PC」 → 紙・電子."""
    s = fold(raw)
    paper = any(w in s for w in PAPER_WORDS)
    electronic = any(w in s for w in ELECTRONIC_WORDS)
    if s in ("両方", "紙と電子", "紙・電子", "紙/電子", "紙、電子", "both") or (paper and electronic):
        return BOTH
    if paper or electronic:
        return PAPER if paper else ELECTRONIC
    raise ValueError("媒体として読めません。紙（書類）・電子（PC・サーバーなど）・両方 のどれかにしてください。")


def flag_with_detail(raw: Any, _column: Column) -> tuple[bool, str]:
    """(yes/no, to whom) from 「有」「なし」「○」「-」「有（○○運輸）」「○○運輸」."""
    verdict = yes_no(raw)
    if verdict is not None:
        return verdict, ""
    s = unicodedata.normalize("NFKC", cell_text(raw))
    m = re.match(r"^(有り?|あり|○|〇|◯|はい|する)\s*[（(:：]\s*(.*?)[）)]?$", s)
    if m:
        return True, m.group(2).strip()
    m = re.match(r"^(無し?|なし|-|×)\s*[（(:：]", s)
    if m:
        return False, ""
    return True, s  # a name alone means yes, to that party


def party(raw: Any, _column: Column) -> tuple[bool, str]:
    """委託先・提供先 columns: 「なし」「-」「該当なし」 say there is none; a name says who."""
    verdict = yes_no(raw)
    if verdict is False:
        return False, ""
    if verdict is True:
        return True, ""
    return True, cell_text(raw)


def mark(raw: Any, _column: Column) -> bool:
    verdict = yes_no(raw)
    if verdict is None:
        raise ValueError("あり・なしとして読めません。○・×、あり・なし、-（なし）などにしてください。")
    return verdict


def declared(raw: Any, column: Column) -> tuple[str, list[str]]:
    """A 要配慮 / 特定 (機微) column: ○ says it is (「yes」); ×, - and empty say nothing against
    what the items show; words (「病歴」) are items that make it so."""
    verdict = yes_no(raw)
    if verdict is True:
        return "yes", []
    if verdict is False:
        return "", []
    return "yes", split_list(cell_text(raw))


def acquisition(raw: Any, _column: Column) -> list[str]:
    """Ways of acquiring, the usual ones named as the survey names them (委託元から受領 → 委託元から（受託））."""
    out: list[str] = []
    for part in split_list(cell_text(raw)):
        folded = fold(part)
        standard = next((choice for words, choice in ACQUISITION_WORDS if any(w in folded for w in words)), None)
        value = standard or part
        if value not in out:
            out.append(value)
    return out


def status(raw: Any, column: Column) -> tuple[str, Any]:
    """(active/retired, 廃止日 written in the cell) from 「利用中」「廃止」「廃止（2025/3/31）」, a mark in a
    column headed 廃止, or a date there."""
    from pcdesk.dates import parse_date

    if hasattr(raw, "year"):
        return RETIRED, raw.date() if hasattr(raw, "date") else raw
    s = fold(raw)
    if s in IN_USE or yes_no(raw) is False:
        return ACTIVE, None
    if any(w in s for w in RETIRED_WORDS) or yes_no(raw) is True:
        m = re.search(r"(令和|平成|r|h)?\s*(元|\d+)\s*[年./-]\s*\d+\s*[月./-]\s*\d+日?", s)
        try:
            return RETIRED, parse_date(m.group()) if m else None
        except ValueError:
            return RETIRED, None
    try:
        return RETIRED, parse_date(cell_text(raw))  # a date in a 廃止 column: retired on that day
    except ValueError:
        pass
    raise ValueError(f"状態として読めません。{'・'.join(STATUSES.values())} のどちらかにしてください。")


def category(raw: Any, _column: Column) -> dict[str, bool]:
    """The answers behind a class written in the old ledger: 非該当 → not identifiable,
    個人情報 → not organised, 個人データ → organised but not ours to disclose, 保有個人データ → ours."""
    n = fold(raw)
    if "非該当" in n or "該当しない" in n or yes_no(raw) is False:
        return {"identifiable": False}
    if n.startswith("保有個人データ"):
        return {"identifiable": True, "organised": True, "company_has_authority": True}
    if n.startswith("個人データ"):
        return {"identifiable": True, "organised": True, "company_has_authority": False}
    if n.startswith("個人情報"):
        return {"identifiable": True, "organised": False}
    raise ValueError("区分として読めません。非該当・個人情報・個人データ・保有個人データ のいずれかにしてください"
                     "（「顧客情報」のような分類は、この列ではなく「取り込まない」か備考にしてください）。")


def department(raw: Any, _column: Column) -> str:
    name = unicodedata.normalize("NFKC", cell_text(raw)).strip()
    if len(name) > 100:
        raise ValueError("部門名が長すぎます。100文字以内にしてください。")
    return name


def number(raw: Any, _column: Column) -> str:
    return cell_text(raw)


PARSERS: dict[str, Callable[[Any, Column], Any]] = {
    "number": number, "department_id": department, "record_count": record_count, "media": media,
    "acquisition": acquisition,
    "consigned": flag_with_detail, "third_party": flag_with_detail, "joint_use": flag_with_detail,
    "consignee": party, "third_party_recipient": party, "joint_use_details": party,
    "taken_out": mark, "identifiable": mark, "organised": mark, "held_for_client": mark, "company_has_authority": mark,
    "sensitive_declared": declared, "specific_declared": declared, "status": status, "category": category,
}


def interpret(values: dict[str, Any], given: set[str], header_of: dict[str, str],
              raw_of: dict[str, Any] | None = None) -> list[str]:
    """Unfold what the parsers read into entry values, carrying the legal meaning over; returns
    the sentences that explain it. `given` = fields a column (or fixed value) gave;
    `header_of` = field → the heading of its column, `raw_of` = field → the cell as written."""
    raw_of = raw_of or {}
    notes: list[str] = []
    for flag, detail in DETAIL_OF.items():
        f, d = values.pop(flag, None), values.pop(detail, None)
        on = f[0] if isinstance(f, tuple) else f
        to = (f[1] if isinstance(f, tuple) else "") or (d[1] if isinstance(d, tuple) else (d or ""))
        if on is None and isinstance(d, tuple):
            on = d[0]  # 委託先 written without 委託の有無: 「なし」 means none, a name means yes
            if not on:
                what = {"consigned": "委託", "third_party": "第三者提供", "joint_use": "共同利用"}[flag]
                notes.append(f"{header_of.get(detail, LABELS[detail])}が「{cell_text(raw_of.get(detail))}」のため、"
                             f"{what}はないものとしました。")
        if on is not None:
            values[flag] = on
            values[detail] = to if on else ""
    for key in ("sensitive_declared", "specific_declared"):
        found = values.pop(key, None)
        if found is None:
            continue
        state, words = found if isinstance(found, tuple) else (found, [])
        if state:
            values[key] = state
        if words:
            values["items"] = list(values.get("items") or []) + [w for w in words if w not in (values.get("items") or [])]
            if key == "sensitive_declared":
                values["sensitive_items"] = list(values.get("sensitive_items") or []) + words
    answers = values.pop("category", None)
    if isinstance(answers, dict):
        for answer, value in answers.items():
            if answer not in given:
                values[answer] = value
    acquired = values.get("acquisition") or []
    if "held_for_client" not in given and (ACQUISITION_FROM_CLIENT in acquired
                                           or "委託元の顧客" in (values.get("subject_kinds") or [])):
        values["held_for_client"] = True
        notes.append("取得方法が委託元から（受託）のため、受託データとしました: 個人データですが、保有個人データではありません。")
    if values.get("held_for_client") and "company_has_authority" not in given:
        values["company_has_authority"] = False
    elif "company_has_authority" in given and values.get("company_has_authority") is False:
        notes.append(f"{header_of.get('company_has_authority', '開示対象')}が「{cell_text(raw_of.get('company_has_authority'))}」"
                     "のため、開示等に応じる権限は自社になく、個人データ（保有個人データではない）としました。")
    if "held_for_client" in given and values.get("held_for_client"):
        notes.append("受託データのため、個人データですが保有個人データではありません。")
    return notes
