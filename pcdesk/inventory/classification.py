"""Which legal class a piece of personal information falls into, and why (DOMAIN.md §1).

`classify(answers)` is pure: it reads the survey answers (or an entry's values, the keys
are the same) and returns the class, the flags and one plain sentence per step of the
reasoning, which the survey's last page and the ledger show as they are.

Answer keys read: identifiable (bool, 生存する個人を識別できる), items (list[str]),
sensitive_items (list[str], free items the user marked 要配慮), name (its words count too:
「健康診断結果」), organised (bool, 検索できるよう体系的に整理), held_for_client (bool, 受託),
company_has_authority (bool), sensitive_declared / specific_declared ("" = judge from the
items, "yes" / "no" = as a person or the old ledger states it, which then decides).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any, Mapping

from pcdesk.inventory.choices import MY_NUMBER_ITEMS, SENSITIVE_ITEMS, SENSITIVE_WORDS, MY_NUMBER_WORDS

NOT_PERSONAL = "not_personal"
PERSONAL = "personal"
PERSONAL_DATA = "personal_data"
RETAINED = "retained"
CATEGORIES = {
    NOT_PERSONAL: "個人情報に該当しない",
    PERSONAL: "個人情報",
    PERSONAL_DATA: "個人データ",
    RETAINED: "保有個人データ",
}
SENSITIVE = "要配慮個人情報"
SPECIFIC = "特定個人情報"


@dataclass(frozen=True)
class Classification:
    category: str  # key of CATEGORIES
    sensitive: bool
    specific: bool
    reasons: tuple[str, ...]

    @property
    def label(self) -> str:
        return CATEGORIES[self.category]

    @property
    def flags(self) -> tuple[str, ...]:
        return tuple(f for f, on in ((SENSITIVE, self.sensitive), (SPECIFIC, self.specific)) if on)

    @property
    def reason(self) -> str:
        return "".join(self.reasons)

    def summary(self) -> str:
        """e.g. 「保有個人データ（要配慮個人情報・特定個人情報）」"""
        return self.label + (f"（{'・'.join(self.flags)}）" if self.flags else "")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(" ", "")


def sensitive_word(text: str) -> str | None:
    """The 要配慮 word (健康診断, 病歴, 障害, 犯罪歴, 信条 …) a text contains, or None."""
    folded = _fold(text)
    return next((w for w in SENSITIVE_WORDS if w in folded), None)


def my_number_word(text: str) -> str | None:
    folded = _fold(text)
    return next((w for w in MY_NUMBER_WORDS if w in folded), None)


def sensitive_items_of(answers: Mapping[str, Any]) -> list[str]:
    """The 要配慮 items among the answers' items: checklist ones, those whose words say so
    (「健康診断の結果」, 「通院歴」), and those marked by hand."""
    items = list(answers.get("items") or [])
    marked = set(answers.get("sensitive_items") or [])
    return [i for i in items if i in SENSITIVE_ITEMS or i in marked or sensitive_word(i)]


def has_my_number(answers: Mapping[str, Any]) -> bool:
    return any(i in MY_NUMBER_ITEMS or my_number_word(i) for i in answers.get("items") or [])


def _sensitive(answers: Mapping[str, Any], reasons: list[str]) -> bool:
    declared = answers.get("sensitive_declared") or ""
    found = sensitive_items_of(answers)
    word = sensitive_word(answers.get("name") or "")
    if declared == "no":
        seen = "・".join(found) or (f"名称の「{word}」" if word else "")
        reasons.append("要配慮個人情報には該当しないと判断されています" + (f"（{seen}を含みますが、判断を優先）。" if seen else "。"))
        return False
    if found:
        reasons.append(f"{'・'.join(found)}を含むため要配慮個人情報です。")
    elif word:
        reasons.append(f"名称に「{word}」とあるため要配慮個人情報です（違うときは「要配慮個人情報の判断」で直せます）。")
    elif declared == "yes":
        reasons.append("要配慮個人情報に該当すると判断されています（取込元の台帳または担当者の判断。"
                       "どの項目が要配慮かを項目に書き加えてください）。")
    return bool(found or word or declared == "yes")


def _specific(answers: Mapping[str, Any], reasons: list[str]) -> bool:
    declared = answers.get("specific_declared") or ""
    items = has_my_number(answers)
    word = my_number_word(answers.get("name") or "")
    if declared == "no":
        reasons.append("特定個人情報には該当しないと判断されています。")
        return False
    if items:
        reasons.append("マイナンバーを含むため特定個人情報です。")
    elif word:
        reasons.append(f"名称に「{word}」とあるため特定個人情報です（違うときは「特定個人情報の判断」で直せます）。")
    elif declared == "yes":
        reasons.append("特定個人情報（マイナンバーを含む）に該当すると判断されています。")
    return bool(items or word or declared == "yes")


def classify(answers: Mapping[str, Any]) -> Classification:
    reasons: list[str] = []
    my_number = has_my_number(answers) or bool(my_number_word(answers.get("name") or ""))
    if answers.get("specific_declared") == "no":
        my_number = False
    if not answers.get("identifiable", True):
        if not my_number:
            return Classification(NOT_PERSONAL, False, False, (
                "生存する特定の個人を識別できない情報（統計・匿名化済みなど）のため、個人情報に該当しません。",))
        reasons.append("マイナンバー（個人識別符号）を含むため、それだけで個人を識別でき個人情報です。")

    if not answers.get("organised"):
        reasons.append("検索できるよう体系的に整理されていないため、個人情報（個人データではない）です。")
        category = PERSONAL
    else:
        reasons.append("検索できるよう体系的に整理されているため個人データです。")
        if answers.get("held_for_client"):
            reasons.append("委託を受けて取り扱うデータ（受託）のため、保有個人データではありません。")
            category = PERSONAL_DATA
        elif not answers.get("company_has_authority", True):
            reasons.append("開示・訂正・利用停止などに応じる権限が自社にないため、保有個人データではありません。")
            category = PERSONAL_DATA
        else:
            reasons.append("開示・訂正・利用停止などに応じる権限が自社にあるため保有個人データです。")
            category = RETAINED

    sensitive = _sensitive(answers, reasons)
    specific = _specific(answers, reasons)
    return Classification(category, sensitive, specific, tuple(reasons))


def handling_notes(answers: Mapping[str, Any], result: Classification | None = None) -> list[str]:
    """What the law then asks of this information, for the survey's confirmation page."""
    c = result or classify(answers)
    notes: list[str] = []
    if c.category == NOT_PERSONAL:
        return ["個人情報管理台帳には「個人情報に該当しない」として記録し、リスク分析の対象外とします。"]
    if c.sensitive:
        notes.append("要配慮個人情報の取得には本人の同意が必要です。オプトアウトによる第三者提供はできません。")
    if c.specific:
        notes.append("マイナンバーは法律で定められた事務（税・社会保障）以外に利用・提供できません。")
    if c.category == RETAINED:
        notes.append("利用目的や開示等の請求方法を本人が知りうる状態にしてください（公表事項）。")
    if answers.get("third_party"):
        notes.append("第三者提供には原則として本人の同意が必要で、提供の記録を残します。")
    if answers.get("consigned"):
        notes.append("委託先を評価し、安全管理措置を定めた契約を結び、監督してください。")
    return notes
