"""Errors that reach the user: always Japanese, always naming the field and the fix."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FieldProblem:
    field: str  # the Japanese label the user sees, e.g. 「社名」
    message: str  # what is wrong and how to fix it

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class PcdeskError(Exception):
    """Base of errors whose message is meant for the user."""


@dataclass
class ValidationError(PcdeskError):
    """Input that cannot be saved. Nothing has been written when this is raised."""

    problems: list[FieldProblem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.message)

    @classmethod
    def single(cls, field_label: str, message: str) -> "ValidationError":
        return cls([FieldProblem(field_label, message)])

    @property
    def message(self) -> str:
        return "\n".join(str(p) for p in self.problems)

    def __str__(self) -> str:
        return self.message


class Problems:
    """Collects field problems so a form reports all of them at once."""

    def __init__(self) -> None:
        self.items: list[FieldProblem] = []

    def add(self, field_label: str, message: str) -> None:
        self.items.append(FieldProblem(field_label, message))

    def require(self, value: object, field_label: str) -> None:
        if value is None or (isinstance(value, str) and not value.strip()):
            self.add(field_label, "入力してください。")

    def raise_if_any(self) -> None:
        if self.items:
            raise ValidationError(list(self.items))


class PermissionDenied(PcdeskError):
    """The logged-in person lacks the role for this action."""


class NotFound(PcdeskError):
    pass
