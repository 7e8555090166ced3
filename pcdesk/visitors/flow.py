"""The kiosk's check-in as data: the notice of purpose, the visitor, the visit, a last look.

The kiosk's screens only show this flow; every rule (what each step asks, what is wrong,
what is shown for confirmation) lives here and is tested without a screen. A flow holds one
visitor's answers and is thrown away when the kiosk returns to its start screen.
"""

from __future__ import annotations

from typing import Any

from pcdesk.capabilities import Person
from pcdesk.errors import FieldProblem
from pcdesk.flow import Flow
from pcdesk.visitors.fields import FIELD
from pcdesk.visitors.rules import check_in_problems, kiosk_values

NOTICE, VISITOR, VISIT, CONFIRM = "notice", "visitor", "visit", "confirm"
OTHER = "その他"  # the 用件 button that asks for the purpose in words


class CheckInFlow(Flow):
    STEPS = {
        NOTICE: "個人情報の取扱いについて",
        VISITOR: "お名前と会社名",
        VISIT: "ご用件と面会される方",
        CONFIRM: "内容のご確認",
    }
    ASKS = {VISITOR: ("name", "company", "party_size"), VISIT: ("purpose", "host_name")}

    def __init__(self, hosts: list[Person], answers: dict[str, Any] | None = None) -> None:
        super().__init__({"party_size": 1, **(answers or {})})
        self.hosts = {p.key or p.name: p for p in hosts}

    # -- answers ------------------------------------------------------------------------
    def choose_host(self, key: str) -> None:
        person = self.hosts.get(key)
        self.set(host_key=key if person else "", host_name=person.name if person else "")

    def choose_purpose(self, purpose: str, other_text: str = "") -> None:
        self.set(purpose=other_text.strip() if purpose == OTHER else purpose)

    def values(self) -> dict[str, Any]:
        return kiosk_values(self.answers)

    def hosts_matching(self, typed: str) -> list[Person]:
        """People whose name, kana or department contains what was typed (全角/半角 folded)."""
        from pcdesk.visitors.rules import name_key

        key = name_key(typed)
        people = sorted(self.hosts.values(), key=lambda p: (p.kana or p.name, p.department))
        if not key:
            return people
        return [p for p in people if key in name_key(p.name) or key in name_key(p.kana) or key in name_key(p.department)]

    # -- rules --------------------------------------------------------------------------
    def validate(self, step: str) -> list[FieldProblem]:
        asked = self.ASKS.get(step)
        if not asked:
            return []
        problems = check_in_problems(self.values(), asked)
        if step == VISIT and self.get("host_key") and self.get("host_key") not in self.hosts:
            problems.append(FieldProblem(FIELD["host_name"].label, "一覧からお選びください。"))
        return problems

    def summary(self) -> list[tuple[str, str]]:
        """(label, value) rows shown before 受付する: only what this visitor typed."""
        v = self.values()
        return [(FIELD["name"].label, v["name"]), (FIELD["company"].label, v["company"] or "（個人）"),
                (FIELD["party_size"].label, f"{v['party_size']} 名" if v["party_size"] else ""),
                (FIELD["purpose"].label, v["purpose"]), (FIELD["host_name"].label, self.get("host_name", ""))]

    def finish(self) -> dict[str, Any]:
        """The answers reception.check_in takes."""
        for step in (VISITOR, VISIT):
            problems = self.validate(step)
            if problems:
                from pcdesk.errors import ValidationError

                raise ValidationError(problems)
        return {**self.values(), "host_key": self.get("host_key", "")}
