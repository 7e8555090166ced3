"""Texts the inventory's ledgers print beside the fields table's own formatting
(fields.SPECS[key].format gives each value's text)."""

from __future__ import annotations


def with_detail(flag: bool, detail: str) -> str:
    """「あり（株式会社○○）」 / 「なし」 for 委託・第三者提供・共同利用."""
    if not flag:
        return "なし"
    return f"あり（{detail}）" if detail else "あり"
