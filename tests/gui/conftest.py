"""GUI fixtures: isolated window preferences, message boxes that never block, a small office.

Every GUI test gets a fresh QSettings location and patched QMessageBox; `messages.calls`
lists what the user would have been told, and `messages.answer` is the reply to questions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from pcdesk.demo import DEMO_PASSWORD
from pcdesk.services import Workspace


@pytest.fixture(scope="session", autouse=True)
def _japanese_app(qapp):
    """The same translations, fonts and stylesheet as the real application."""
    from pcdesk.ui.application import install_japanese, style_app

    install_japanese(qapp)
    style_app(qapp)
    return qapp


@pytest.fixture(autouse=True)
def _isolated_window_prefs(tmp_path):
    folder = str(tmp_path / "qsettings")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, folder)
    yield folder


@dataclass
class MessageLog:
    calls: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, title, text)
    answer: bool = True  # reply to QMessageBox.question

    def texts(self, kind: str | None = None) -> list[str]:
        return [text for k, _title, text in self.calls if kind is None or k == kind]

    @property
    def last(self) -> str:
        return self.calls[-1][2] if self.calls else ""


@pytest.fixture(autouse=True)
def messages(monkeypatch) -> MessageLog:
    log = MessageLog()

    def recorder(kind: str):
        def show(parent, title, text, *args, **kwargs):
            log.calls.append((kind, title, text))
            if kind == "question":
                return QMessageBox.StandardButton.Yes if log.answer else QMessageBox.StandardButton.No
            return QMessageBox.StandardButton.Ok
        return staticmethod(show)

    for kind in ("information", "warning", "critical", "question", "about"):
        monkeypatch.setattr(QMessageBox, kind, recorder(kind))
    return log


@pytest.fixture
def office(db, monkeypatch):
    """The demo company's foundation only (company, departments, five accounts) — fast and
    independent of other features' demo steps. Returns the Database."""
    import pcdesk.demo

    monkeypatch.setattr(pcdesk.registry, "demo_steps", lambda: ["pcdesk.demo:foundation_step"])
    pcdesk.demo.create_demo(Workspace(db), seed=1)
    return db


def _login_as(db, login_id: str, password: str = DEMO_PASSWORD) -> Workspace:
    from pcdesk.accounts.service import login

    result = login(Workspace(db), login_id, password)
    assert result.ok, result.message
    return Workspace(db, result.actor)


@pytest.fixture
def login_as():
    """login_as(db, "staff") → a Workspace for that person, logged in through the service."""
    return _login_as


def _squashed(window) -> list[str]:
    """Visible texts and fields of `window` given less height than they need (cut, squashed)."""
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QWidget

    out = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QLabel) and widget.wordWrap() and widget.text():
            need = widget.heightForWidth(widget.width())
        elif isinstance(widget, (QLineEdit, QAbstractButton, QComboBox)):
            need = widget.sizeHint().height()
        else:
            continue
        if widget.height() < need:
            out.append(f"{type(widget).__name__} {widget.height()}<{need}: {getattr(widget, 'text', str)()[:30]}")
    return out


def _clipped(window) -> list[str]:
    """Visible buttons, boxes and fields of `window` narrower than their text or past its right edge."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPushButton, QWidget

    out = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or not isinstance(widget, (QAbstractButton, QComboBox, QLineEdit)):
            continue
        if type(widget).__name__.startswith("QToolButton") or widget.objectName().startswith("qt_"):
            continue  # scroll arrows, tab scrollers and the like belong to Qt
        right = widget.mapTo(window, QPoint(widget.width(), 0)).x()
        text = widget.currentText() if isinstance(widget, QComboBox) else widget.text()
        if isinstance(widget, QComboBox):
            need = widget.minimumWidth()
        elif isinstance(widget, QLineEdit):
            need = widget.minimumSizeHint().width()
        elif isinstance(widget, QPushButton):  # its text and a little room; the menu arrow if any
            need = widget.fontMetrics().horizontalAdvance(text) + 12 + (16 if widget.menu() else 0) if text else 0
        else:
            need = widget.sizeHint().width()
        if widget.width() < need or right > window.width():
            out.append(f"{type(widget).__name__} {widget.width()}<{need} right {right}>{window.width()}: {text[:20]}")
    return out


@pytest.fixture
def clipped():
    """clipped(window) → what the window shows cut at its width (empty when everything fits)."""
    return _clipped


@pytest.fixture
def squashed():
    """squashed(window) → what the window shows cut or squashed (empty when everything fits)."""
    return _squashed


@pytest.fixture
def open_window(qtbot):
    """open_window(db, "admin") → a shown MainWindow for that demo account."""
    from pcdesk.ui.shell.main_window import MainWindow

    def make(db, login_id: str = "admin", clock=None) -> "MainWindow":
        ws = _login_as(db, login_id)
        window = MainWindow(ws, clock=clock)
        qtbot.addWidget(window)
        window.show()
        return window

    return make

