"""The user guide: chapters at the left, the chapter at the right, offline.

Markdown is rendered by Qt itself (QTextBrowser.setMarkdown); images load from the guide
folder. One window per application, raised again when asked twice.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QTextBrowser, QWidget

from pcdesk.guide import Chapter, chapters, guide_dir

IMG = re.compile(r'<img src="([^"]+)"')


class GuideWindow(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("pcdesk 使い方ガイド")
        self.resize(1000, 700)
        self.chapters = chapters()
        self.toc = QListWidget()
        self.toc.setAccessibleName("章")
        self.toc.setFixedWidth(280)
        self.toc.setWordWrap(True)  # chapter titles are long Japanese phrases: wrap, never cut
        for chapter in self.chapters:
            item = QListWidgetItem(chapter.title)
            item.setToolTip(chapter.title)
            self.toc.addItem(item)
        self.view = QTextBrowser()
        self.view.setAccessibleName("ガイドの本文")
        self.view.setOpenLinks(False)  # .md links switch chapter; web links open the browser
        self.view.anchorClicked.connect(self._follow)
        self.view.setSearchPaths([str(guide_dir())])
        layout = QHBoxLayout(self)
        layout.addWidget(self.toc)
        if self.chapters:
            layout.addWidget(self.view, 1)
        else:
            layout.addWidget(QLabel("ガイドのファイルが見つかりません。pcdesk を入れ直してください。"), 1)
        self.toc.currentRowChanged.connect(self._show)
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)
        if self.chapters:
            self.toc.setCurrentRow(0)

    def _show(self, row: int) -> None:
        if 0 <= row < len(self.chapters):
            chapter: Chapter = self.chapters[row]
            self.view.document().setBaseUrl(QUrl.fromLocalFile(str(guide_dir()) + "/"))
            self.view.setMarkdown(chapter.text())
            self._fit_images()

    def _fit_images(self) -> None:
        """Screenshots no wider than the reading pane (Qt shows Markdown images at full size)."""
        room = max(self.view.viewport().width() - 40, 320)

        def narrowed(match: re.Match) -> str:
            source = match.group(1)
            natural = QImage(str(guide_dir() / source)).width()
            width = min(natural, room) if natural > 0 else room
            return f'<img src="{source}" width="{width}"'

        html = IMG.sub(narrowed, self.view.toHtml())
        self.view.setHtml(html)

    def resizeEvent(self, event) -> None:  # noqa: N802 — Qt's name
        super().resizeEvent(event)
        if self.isVisible():
            self._show(self.toc.currentRow())

    def show_chapter(self, name: str) -> None:
        for row, chapter in enumerate(self.chapters):
            if chapter.name == name:
                self.toc.setCurrentRow(row)
                return

    def current_chapter(self) -> Chapter | None:
        row = self.toc.currentRow()
        return self.chapters[row] if 0 <= row < len(self.chapters) else None

    def _follow(self, url: QUrl) -> None:
        target = url.toString()
        if target.endswith(".md"):
            self.show_chapter(target.rsplit("/", 1)[-1].removesuffix(".md"))
        elif url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
