"""The main window: header with company and user, a sidebar of pages, menus, screen lock."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QByteArray, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QMainWindow, QMessageBox, QStackedWidget, QVBoxLayout, QWidget)

from pcdesk import __version__
from pcdesk.audit.trail import record_event
from pcdesk.company.service import get_company
from pcdesk.services import ADMIN, ROLE_LABELS, Actor, Workspace
from pcdesk.settings import Settings, load_settings
from pcdesk.ui.messages import user_errors
from pcdesk.ui.prefs import ui_settings
from pcdesk.ui.resources import icon_path
from pcdesk.ui.shell.idle_lock import ActivityFilter, IdleWatcher, LockDialog
from pcdesk.ui.shell.pages import PageSpec, kiosk_page_for, load_factory, visible_pages

log = logging.getLogger(__name__)

IDLE_CHECK_MS = 15_000


def roles_text(actor: Actor) -> str:
    return "・".join(label for role, label in ROLE_LABELS.items() if role in actor.roles)


def user_line(actor: Actor) -> str:
    return f"ログイン中: {actor.name}（{roles_text(actor)}）"


def page_icon(spec: PageSpec) -> QIcon:
    """The page's line icon, drawn white when its row is selected (dark background)."""
    path = icon_path(spec.icon or "page") or icon_path("page")
    if path is None:
        return QIcon()
    svg = path.read_text(encoding="utf-8")
    icon = QIcon()
    for mode, color in ((QIcon.Mode.Normal, None), (QIcon.Mode.Selected, "#ffffff")):
        data = svg if color is None else svg.replace("#1f4e79", color)
        pixmap = QPixmap(40, 40)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        QSvgRenderer(QByteArray(data.encode("utf-8"))).render(painter)
        painter.end()
        icon.addPixmap(pixmap, mode)
    return icon


class _PageError(QLabel):
    """Stands in for a page that failed to open, and says what to do."""

    def __init__(self, title: str, exc: BaseException) -> None:
        super().__init__(f"「{title}」を開けませんでした。\n\n{exc}\n\n"
                         "pcdesk を再起動しても直らないときは、この画面を管理者に見せてください。")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)


class MainWindow(QMainWindow):
    logoutRequested = Signal()  # the application shows the login again
    quitRequested = Signal()  # closed without logging out: the application ends

    def __init__(self, ws: Workspace, clock=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        assert ws.actor is not None
        self.ws = ws
        self.actor: Actor = ws.actor
        self.settings: Settings = load_settings(ws)
        self.specs = visible_pages(self.actor)
        self.pages: dict[str, QWidget] = {}
        self.lock_dialog: LockDialog | None = None
        self.kiosk = None  # the KioskWindow an administrator started on this PC
        self._logging_out = False
        self._logout_pending = False  # closing for another login rather than to quit

        self.setWindowTitle("pcdesk")
        self.setMinimumSize(QSize(760, 520))
        self._build_header_and_body()
        self._build_menus()
        self._build_status_bar()
        self.refresh_header()

        self.idle = IdleWatcher(self.settings.idle_lock_minutes, **({"clock": clock} if clock else {}))
        self._activity = ActivityFilter(self.idle, self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._activity)
        self._idle_timer = QTimer(self)
        self._idle_timer.setInterval(IDLE_CHECK_MS)
        self._idle_timer.timeout.connect(self.check_idle)
        self._idle_timer.start()

        self._restore_window()

    # -- building -----------------------------------------------------------
    def _build_header_and_body(self) -> None:
        header = QWidget()
        header.setObjectName("header")
        header.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.company_label = QLabel()
        self.company_label.setObjectName("company")
        self.user_label = QLabel()
        self.user_label.setObjectName("userline")
        row = QHBoxLayout(header)
        row.setContentsMargins(16, 10, 16, 10)
        row.addWidget(self.company_label)
        row.addStretch(1)
        row.addWidget(self.user_label)

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(200)
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.sidebar.setAccessibleName("機能の一覧")
        self.stack = QStackedWidget()
        for i, spec in enumerate(self.specs):
            item = QListWidgetItem(page_icon(spec), spec.title)
            if i < 9:
                item.setToolTip(f"{spec.title}（Ctrl+{i + 1}）")
            item.setData(Qt.ItemDataRole.UserRole, spec.id)
            self.sidebar.addItem(item)
            self.stack.addWidget(QWidget())  # placeholder until first shown
        self.sidebar.currentRowChanged.connect(self._on_row_changed)
        for i in range(min(9, len(self.specs))):
            QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self, activated=lambda i=i: self.sidebar.setCurrentRow(i))

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.sidebar)
        body.addWidget(self.stack, 1)
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(header)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)

    def _build_menus(self) -> None:
        admin = self.actor.has(ADMIN)
        bar = self.menuBar()
        file_menu = bar.addMenu("ファイル(&F)")
        self.backup_action = file_menu.addAction("バックアップ(&B)…", self.backup)
        self.restore_action = file_menu.addAction("復元(&R)…", self.restore)
        self.backup_action.setEnabled(admin)
        self.restore_action.setEnabled(admin)
        file_menu.addSeparator()
        file_menu.addAction("ログアウト(&L)", self.logout)
        quit_action = file_menu.addAction("終了(&X)", self.close)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))

        settings_menu = bar.addMenu("設定(&S)")
        self.settings_action = settings_menu.addAction("設定(&S)…", lambda: self.show_page("settings"))
        self.settings_action.setEnabled(any(s.id == "settings" for s in self.specs))
        settings_menu.addAction("パスワード変更(&P)…", self.change_password)
        self.lock_action = QAction("画面をロック(&K)", self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(lambda: self.lock_screen(manual=True))
        settings_menu.addAction(self.lock_action)

        help_menu = bar.addMenu("ヘルプ(&H)")
        self.guide_action = QAction("使い方ガイド(&G)", self)
        self.guide_action.setShortcut(QKeySequence.StandardKey.HelpContents)  # F1
        self.guide_action.triggered.connect(self.open_guide)
        help_menu.addAction(self.guide_action)
        help_menu.addAction("pcdesk について(&A)", self.about)

    def _build_status_bar(self) -> None:
        self.db_label = QLabel(f"データベース: {self.ws.db.display_name()}")
        self.statusBar().addPermanentWidget(self.db_label)

    # -- pages --------------------------------------------------------------
    def page_ids(self) -> list[str]:
        return [s.id for s in self.specs]

    def current_page_id(self) -> str | None:
        row = self.sidebar.currentRow()
        return self.specs[row].id if 0 <= row < len(self.specs) else None

    def show_page(self, page_id: str) -> QWidget | None:
        """Switch to `page_id` if this person may see it; returns the page widget."""
        ids = self.page_ids()
        if page_id not in ids:
            return None
        self.sidebar.setCurrentRow(ids.index(page_id))
        return self.pages.get(page_id)

    def page(self, page_id: str) -> QWidget | None:
        return self.pages.get(page_id)

    def _build_page(self, index: int) -> QWidget:
        spec = self.specs[index]
        try:
            widget = load_factory(spec)(self.ws, self.stack)
        except Exception as exc:  # a broken feature page must not take the whole window down
            log.exception("page %s failed to open", spec.id)
            widget = _PageError(spec.title, exc)
        old = self.stack.widget(index)
        self.stack.removeWidget(old)
        old.deleteLater()
        self.stack.insertWidget(index, widget)
        self.pages[spec.id] = widget
        return widget

    def _on_row_changed(self, row: int) -> None:
        if not 0 <= row < len(self.specs):
            return
        spec = self.specs[row]
        widget = self.pages.get(spec.id) or self._build_page(row)
        self.stack.setCurrentIndex(row)
        self.reload_settings()
        self.refresh_header()
        refresh = getattr(widget, "refresh", None)
        if callable(refresh):
            with user_errors(self):
                refresh()

    # -- header, settings ---------------------------------------------------
    def refresh_header(self) -> None:
        company = get_company(self.ws)
        name = company.name if company else "（会社情報が未設定）"
        self.company_label.setText(name)
        self.user_label.setText(user_line(self.actor))
        self.setWindowTitle(f"{name} — pcdesk")

    def reload_settings(self) -> None:
        """Shared settings may have changed (here or on another PC)."""
        self.settings = load_settings(self.ws)
        self.idle.minutes = self.settings.idle_lock_minutes

    # -- idle lock ----------------------------------------------------------
    def check_idle(self) -> None:
        if self.idle.check():
            self.lock_screen()

    def is_locked(self) -> bool:
        return self.lock_dialog is not None

    def lock_screen(self, manual: bool = False) -> None:
        """Lock now: `manual` when the person chose to (Ctrl+L, the menu), else after idle time."""
        if self.lock_dialog is not None:
            return
        self.idle.locked = True
        with self.ws.write() as s:
            record_event(s, "lock", "user_account", self.actor.user_id or "",
                         "画面ロック（手動）" if manual else "画面ロック（一定時間操作なし）")
        self.centralWidget().hide()  # nothing personal stays on screen
        self.menuBar().setEnabled(False)
        self.lock_dialog = LockDialog(self.ws, self, manual=manual)
        self.lock_dialog.finished.connect(self._lock_finished)
        self.lock_dialog.open()

    def _lock_finished(self, result: int) -> None:
        dialog, self.lock_dialog = self.lock_dialog, None
        if dialog is not None:
            dialog.deleteLater()
        if result == LockDialog.LOGOUT:
            self.logout()
            return
        self.idle.unlock()
        self.menuBar().setEnabled(True)
        self.centralWidget().show()

    # -- kiosk mode ---------------------------------------------------------
    def start_kiosk(self, page_id: str = ""):  # -> KioskWindow | None
        """Hand this PC over to a kiosk page (e.g. the visitors' reception), full screen, as 受付
        only; the main window hides until an administrator's password ends it."""
        from pcdesk.ui.shell.kiosk_window import KioskWindow, kiosk_actor

        actor = kiosk_actor(self.actor)
        spec = kiosk_page_for(actor, page_id)
        if spec is None or self.kiosk is not None:
            return None
        self.kiosk = KioskWindow(Workspace(self.ws.db, actor), spec)
        self.kiosk.exited.connect(self._kiosk_ended)
        self._idle_timer.stop()  # the hidden window must not lock itself over the kiosk
        self.hide()
        self.kiosk.showFullScreen()
        return self.kiosk

    def _kiosk_ended(self, admin: Actor) -> None:
        kiosk, self.kiosk = self.kiosk, None
        if kiosk is not None:
            kiosk.deleteLater()
        if admin.user_id == self.actor.user_id:
            self.idle.unlock()
            self._idle_timer.start()
            self.show()
            self.activateWindow()
        else:  # another administrator ended it: the session of the one who started it ends here
            self.logout()

    # -- menu actions -------------------------------------------------------
    def backup(self) -> None:
        from pcdesk.ui.shell.backup_actions import backup_now

        backup_now(self, self.ws)

    def restore(self) -> None:
        from pcdesk.ui.shell.backup_actions import restore_backup

        if restore_backup(self, self.ws):
            self.logout(record=False)

    def change_password(self) -> None:
        from pcdesk.ui.shell.password_dialog import ChangePasswordDialog

        ChangePasswordDialog(self.ws, parent=self).exec()

    def open_guide(self) -> None:
        """The guide, at the chapter of the page in front (F1)."""
        from pcdesk.guide import chapter_for_page
        from pcdesk.ui.help.guide_window import GuideWindow

        if getattr(self, "guide", None) is None:
            self.guide = GuideWindow(self)
        chapter = chapter_for_page(self.current_page_id() or "")
        if chapter is not None:
            self.guide.show_chapter(chapter.name)
        self.guide.show()
        self.guide.raise_()
        self.guide.activateWindow()

    def about(self) -> None:
        QMessageBox.about(self, "pcdesk について", (
            f"<h3>pcdesk {__version__}</h3>"
            "<p>個人情報保護・プライバシーマーク運用デスク</p>"
            f"<p>データベース: {self.ws.db.display_name()}<br>"
            f"Python {sys.version.split()[0]}</p>"
            "<p>入力した記録はすべて監査ログに残ります。使い方は「ヘルプ → 使い方ガイド」（F1）をご覧ください。</p>"))

    def logout(self, record: bool = True) -> None:
        if self._logging_out:
            return
        if record:
            self._record_logout("ログアウト")
        self._logging_out = True
        self._logout_pending = True
        self.close()
        self.logoutRequested.emit()

    def _record_logout(self, summary: str) -> None:
        try:
            with self.ws.write() as s:
                record_event(s, "logout", "user_account", self.actor.user_id or "", summary)
        except Exception:  # leaving must always work, even if the database went away
            log.exception("could not record the logout")

    # -- window state -------------------------------------------------------
    def _restore_window(self) -> None:
        prefs = ui_settings()
        geometry = prefs.value("main/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1120, 720)
        last = prefs.value("main/page", "home")
        if last not in self.page_ids():
            last = self.page_ids()[0] if self.specs else None
        if last:
            self.show_page(last)

    def save_window(self) -> None:
        prefs = ui_settings()
        prefs.setValue("main/geometry", self.saveGeometry())
        page = self.current_page_id()
        if page:
            prefs.setValue("main/page", page)
        prefs.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self._logging_out:
            self._logging_out = True
            self._record_logout("終了")
        self.save_window()
        self._idle_timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self._activity)
        super().closeEvent(event)
        if not self._logout_pending:
            self.quitRequested.emit()
