"""Wizard flows as plain data (Electrum-style): steps, answers, "next" rules, a back stack.

A Qt QWizard only shows a flow; every rule lives here and is tested without a screen.
"""

from __future__ import annotations

from typing import Any

from pcdesk.errors import FieldProblem, ValidationError


class Flow:
    """Subclasses set STEPS (id → Japanese title) and override `validate`/`next_step`."""

    STEPS: dict[str, str] = {}

    def __init__(self, answers: dict[str, Any] | None = None) -> None:
        self.answers: dict[str, Any] = dict(answers or {})
        self.history: list[str] = [self.first_step()]

    # -- rules (override) -------------------------------------------------
    def first_step(self) -> str:
        return next(iter(self.STEPS))

    def next_step(self, step: str) -> str | None:
        """The step after `step` given the answers so far; None when `step` is the last."""
        ids = list(self.STEPS)
        i = ids.index(step)
        return ids[i + 1] if i + 1 < len(ids) else None

    def validate(self, step: str) -> list[FieldProblem]:
        return []

    # -- navigation -------------------------------------------------------
    @property
    def current(self) -> str:
        return self.history[-1]

    @property
    def title(self) -> str:
        return self.STEPS[self.current]

    def set(self, **values: Any) -> None:
        self.answers.update(values)

    def get(self, key: str, default: Any = None) -> Any:
        return self.answers.get(key, default)

    def can_go_back(self) -> bool:
        return len(self.history) > 1

    def is_last(self) -> bool:
        return self.next_step(self.current) is None

    def go_next(self) -> str | None:
        problems = self.validate(self.current)
        if problems:
            raise ValidationError(problems)
        nxt = self.next_step(self.current)
        if nxt is not None:
            self.history.append(nxt)
        return nxt

    def go_back(self) -> str:
        if self.can_go_back():
            self.history.pop()
        return self.current

    def path(self) -> list[str]:
        """Every step the user will pass through with the current answers."""
        steps, step = [], self.first_step()
        while step is not None:
            steps.append(step)
            step = self.next_step(step)
        return steps
