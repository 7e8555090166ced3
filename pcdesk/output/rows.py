"""Rows that know how many they are, so progress can show a real bar."""

from __future__ import annotations

from typing import Any, Iterable, Iterator


class CountedRows:
    """A provider may return this instead of a bare generator: `len()` is the row count."""

    def __init__(self, count: int, rows: Iterable[dict[str, Any]]) -> None:
        self.count = count
        self._rows = rows

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self._rows)
