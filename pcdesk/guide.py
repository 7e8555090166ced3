"""The user guide (ヘルプ): one Markdown chapter per feature, shipped with the app.

Chapters are ``docs/guide/<name>.md`` named by each manifest's ``guide``; images sit in
``docs/guide/images/`` and are referenced relatively. Read without Qt, shown by
pcdesk.ui.help.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pcdesk import registry, shipped


@dataclass(frozen=True)
class Chapter:
    name: str  # file stem
    title: str  # the chapter's first heading
    path: Path
    feature: str
    pages: tuple[str, ...]  # page ids this chapter explains (F1 on those pages opens it)

    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")


def guide_dir() -> Path:
    return shipped.guide_dir()


def _title(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return path.stem


def chapters() -> list[Chapter]:
    """Every installed feature's chapter that exists, in feature order."""
    found = []
    for feature, name in registry.guide_chapters():
        path = guide_dir() / f"{name}.md"
        if path.is_file():
            found.append(Chapter(name, _title(path), path, feature.name, tuple(p.id for p in feature.pages)))
    return found


def chapter_for_page(page_id: str) -> Chapter | None:
    return next((c for c in chapters() if page_id in c.pages), None)
