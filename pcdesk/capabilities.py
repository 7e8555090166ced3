"""What features offer each other, by name, without importing each other.

A feature lists in its manifest ``provides={CAPABILITY: "module:function"}``; another
feature asks ``registry.provided(CAPABILITY)`` and calls every provider with a Workspace.
The shapes exchanged are these plain dataclasses, so neither side knows the other's model.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# ws -> list[Person]: people who can be chosen as a host, an applicant, an approver.
PEOPLE = "people"
# ws -> list[HeldRecord]: the personal information the company holds (the 個人情報管理台帳).
HELD_RECORDS = "held_records"


@dataclass(frozen=True)
class Person:
    name: str
    kana: str = ""
    department: str = ""
    kind: str = ""  # 雇用区分 or 「アカウント」
    key: str = ""  # the provider's own id, e.g. "worker:12"
    current: bool = True  # False once they have left


@dataclass(frozen=True)
class HeldRecord:
    """One ledger entry as other features need it (policy, take-out, application pack)."""

    id: int
    number: str  # 管理番号
    name: str  # 個人情報の名称
    department: str
    business_process: str
    subject_kinds: tuple[str, ...]  # 本人の区分 (Japanese labels)
    purpose: str
    category: str  # "not_personal" | "personal" | "personal_data" | "retained" (保有個人データ)
    category_label: str
    sensitive: bool  # 要配慮個人情報
    specific: bool  # 特定個人情報 (マイナンバー)
    record_count: int
    consigned: bool
    consignee: str
    third_party: bool
    third_party_recipient: str
    joint_use: bool
    joint_use_details: str
    taken_out: bool
    measures: tuple[str, ...] = ()  # security measures recorded in its risk analysis
    measure_groups: tuple[str, ...] = ()  # 組織的 / 人的 / 物理的 / 技術的 of those measures
    has_risk_analysis: bool = False
    last_reviewed_on: dt.date | None = None
    needs_attention: bool = False  # 要確認 or not reviewed in time
