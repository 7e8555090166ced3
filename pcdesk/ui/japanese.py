"""Qt in Japanese: its own buttons and dialogs, fonts that have every kanji, our stylesheet."""

from __future__ import annotations

import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from pcdesk.ui.resources import stylesheet

# The first one installed wins: Windows 10/11 ship Yu Gothic UI and Meiryo, BIZ UDGothic is
# the most legible where present; IPAex is the Linux fallback.
FONT_FAMILIES = ["BIZ UDGothic", "Yu Gothic UI", "Meiryo", "IPAexGothic"]


# Qt 6 labels its file dialog "&Look in:" and "Files of &type:"; Qt's Japanese catalogue has
# only the older texts without the shortcut mark, so those two labels stayed English.
MISSING_JAPANESE = {
    ("QFileDialog", "&Look in:"): "ファイルの場所(&L):",
    ("QFileDialog", "Files of &type:"): "ファイルの種類(&T):",
}
# Qt 6 moved the file kinds (Folder, Drive, %1 File) out of QFileDialog; the catalogue has them there.
MOVED_CONTEXTS = {"QAbstractFileIconProvider": "QFileDialog"}


class MissingJapanese(QTranslator):
    """Qt's texts that qtbase_ja lacks; asked last, after Qt's own catalogues (`catalogues`)."""

    def __init__(self, parent: QApplication) -> None:
        super().__init__(parent)
        self.catalogues: list[QTranslator] = []

    def translate(self, context: str, source_text: str, disambiguation: str | None = None,  # type: ignore[override]
                  n: int = -1) -> str | None:
        if (context, source_text) in MISSING_JAPANESE:
            return MISSING_JAPANESE[(context, source_text)]
        if context in MOVED_CONTEXTS:
            for catalogue in self.catalogues:
                text = catalogue.translate(MOVED_CONTEXTS[context], source_text, disambiguation, n)
                if text:
                    return text
        return None  # not translated here: Qt shows the source text

    def isEmpty(self) -> bool:  # noqa: N802
        return False


def install_japanese(app: QApplication) -> None:
    """Qt's own buttons and dialogs (OK, キャンセル, はい…, the file dialog, calendars) in Japanese."""
    if getattr(app, "_pcdesk_translators", None):
        return
    QLocale.setDefault(QLocale(QLocale.Language.Japanese, QLocale.Country.Japan))  # month names, file dates
    supplement = MissingJapanese(app)
    app.installTranslator(supplement)  # installed first, so searched last
    translators: list[QTranslator] = [supplement]
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_ja", "qt_ja"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            translators.append(translator)
            supplement.catalogues.append(translator)
    app._pcdesk_translators = translators  # type: ignore[attr-defined]  (kept alive)


def style_app(app: QApplication) -> None:
    font = app.font()
    font.setFamilies(FONT_FAMILIES + [font.family()])
    font.setPointSize(10)
    app.setFont(font)
    app.setStyleSheet(stylesheet())


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("pcdesk")
    app.setOrganizationName("pcdesk")
    install_japanese(app)
    style_app(app)
    return app  # type: ignore[return-value]
