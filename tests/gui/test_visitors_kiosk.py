"""The reception kiosk: a 受付 account lands in it full screen; visitors check in and out by
touch or keyboard; it shows no other screen and no other visitor's data (widgets, models and
the SQL it runs), forgets each visitor, and only an administrator's password leaves it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCompleter, QLabel, QLineEdit, QListWidget,
                               QMenuBar, QPushButton, QWidget)
from sqlalchemy import event

from pcdesk.demo import DEMO_PASSWORD
from pcdesk.errors import PermissionDenied
from pcdesk.services import RECEPTION
from pcdesk.ui.desk import Desk
from pcdesk.ui.shell.kiosk_window import KioskWindow
from pcdesk.ui.shell.main_window import MainWindow
from pcdesk.visitors import reception
from pcdesk.visitors.ui.kiosk_checkin import CheckInPanel
from pcdesk.visitors.ui.kiosk_checkout import CheckOutPanel

KIOSK_UI = Path(reception.__file__).parent / "ui"


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def kiosk(qtbot, demo, login_as):
    """The kiosk as the demo's 受付 account lands in it (Desk.open_main)."""
    ws, _info = demo
    desk = Desk(ws.db)
    window = desk.open_main(login_as(ws.db, "reception").actor)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


def texts(root: QWidget) -> list[str]:
    """Every text the widget tree holds: labels, buttons, fields (and their undo), list items."""
    found = []
    for w in root.findChildren(QWidget):
        if isinstance(w, (QLabel, QPushButton, QLineEdit)):
            found.append(w.text())
        if isinstance(w, QLineEdit):
            found.append(w.placeholderText())
        if isinstance(w, QListWidget):
            found += [w.item(i).text() for i in range(w.count())]
    return found


def press(qtbot, key, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(QApplication.focusWidget(), key)


def ime(widget: QWidget, text: str) -> None:
    """Japanese as an input method commits it (QTest can type ASCII only)."""
    from PySide6.QtGui import QInputMethodEvent

    commit = QInputMethodEvent("", [])
    commit.setCommitString(text)
    QApplication.sendEvent(widget, commit)


def type_text(qtbot, text: str) -> None:
    widget = QApplication.focusWidget()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        ime(widget, text)


def check_in_by_touch(qtbot, page, name: str, company: str = "株式会社ABC商事") -> None:
    qtbot.mouseClick(page.check_in_button, Qt.MouseButton.LeftButton)
    panel = page.panel
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)  # the notice, read
    ime(panel.name, name)
    ime(panel.company, company)
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.purposes.buttons()[0], Qt.MouseButton.LeftButton)
    panel.hosts.list.setCurrentRow(0)
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)  # 受付する


def test_a_reception_account_lands_in_the_kiosk_full_screen_with_nothing_else(kiosk):
    assert isinstance(kiosk, KioskWindow) and kiosk.isFullScreen()
    assert kiosk.ws.actor.roles == frozenset({RECEPTION})
    assert not kiosk.findChildren(QMenuBar) and not kiosk.findChildren(QListWidget, "sidebar")
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    page = kiosk.page
    assert page.stack.currentWidget() is page.start and page.company.text()


def test_the_kiosk_cannot_be_left_without_an_administrators_password(qtbot, kiosk, demo, monkeypatch):
    logins_after = []
    monkeypatch.setattr(Desk, "_after_logout", lambda self: logins_after.append(True))
    kiosk.close()
    qtbot.keyClick(kiosk, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(kiosk, Qt.Key.Key_Escape)
    assert kiosk.isVisible()
    qtbot.mouseClick(kiosk.admin_button, Qt.MouseButton.LeftButton)
    dialog = kiosk.exit_dialog
    for login_id, password, said in (("reception", DEMO_PASSWORD, "管理者のアカウントではありません"),
                                     ("staff", DEMO_PASSWORD, "管理者のアカウントではありません"),
                                     ("admin", "wrong-pass-1", "ログインIDまたはパスワードが違います")):
        dialog.login_id.setText(login_id)
        dialog.password.setText(password)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert said in dialog.problems.text() and kiosk.isVisible()
        assert dialog.password.text() == ""
    dialog.login_id.setText("admin")
    dialog.password.setText(DEMO_PASSWORD)
    with qtbot.waitSignal(kiosk.exited) as left:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert left.args[0].is_admin and not kiosk.isVisible()
    assert logins_after == [True]  # the receptionist's session ends: the login comes back
    from pcdesk.audit.query import AuditFilter, fetch_page

    entries = fetch_page(demo[0], AuditFilter(), limit=3)
    assert [e.summary for e in entries][:2] == ["ログアウト（受付モードの終了）",
                                                f"受付モードを終了・管理者: {left.args[0].name}（来訪者受付）"]
    assert entries[1].record_type == "user_account" and entries[1].record_id == str(kiosk.ws.actor.user_id)


def test_cancelling_the_administrators_dialog_returns_to_the_start_screen(qtbot, kiosk):
    page = kiosk.page
    page.start_check_in()
    kiosk.ask_exit()
    kiosk.exit_dialog.reject()
    assert kiosk.exit_dialog is None and page.panel is None and page.stack.currentWidget() is page.start


def test_a_visitor_checks_in_by_touch_and_the_kiosk_forgets_them(qtbot, kiosk):
    page = kiosk.page
    check_in_by_touch(qtbot, page, "来訪 一郎")
    assert page.stack.currentWidget() is page.done
    assert page.done_pass.text() == "4"  # the demo's passes 1–3 are out
    assert "受付が完了しました（10:00）" == page.done_title.text()
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.start and page.panel is None
    qtbot.waitUntil(lambda: not page.findChildren(CheckInPanel))  # deleted, with its fields and undo history
    assert not [t for t in texts(kiosk) if "来訪 一郎" in t or "ABC商事" in t]


def test_the_receipt_goes_by_itself_after_a_while(qtbot, kiosk):
    page = kiosk.page
    page.done_timer.setInterval(50)
    check_in_by_touch(qtbot, page, "来訪 二郎")
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.start, timeout=3000)
    assert not [t for t in texts(kiosk) if "来訪 二郎" in t]


def test_a_visitor_checks_in_with_the_keyboard_alone(qtbot, kiosk):
    page = kiosk.page
    page.check_in_button.setFocus()
    press(qtbot, Qt.Key.Key_Return)  # 入館の受付
    panel = page.panel
    assert QApplication.focusWidget() is panel.next_button
    press(qtbot, Qt.Key.Key_Return)  # the notice, read
    assert QApplication.focusWidget() is panel.name
    type_text(qtbot, "鍵盤 太郎")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "株式会社キー")
    press(qtbot, Qt.Key.Key_Return)
    assert panel.flow.current == "visit" and QApplication.focusWidget() is panel.purposes.buttons()[0]
    press(qtbot, Qt.Key.Key_Space)  # 打合せ
    for _ in range(12):
        if QApplication.focusWidget() is panel.hosts.search:
            break
        press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.hosts.search
    host = reception.host_choices(kiosk.ws)[0]
    type_text(qtbot, host.name.split()[0])
    press(qtbot, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is panel.hosts.list
    press(qtbot, Qt.Key.Key_Return)  # the person: on to the confirmation
    assert panel.flow.current == "confirm" and QApplication.focusWidget() is panel.next_button
    press(qtbot, Qt.Key.Key_Return)  # 受付する
    assert page.stack.currentWidget() is page.done and page.done_pass.text() == "4"
    press(qtbot, Qt.Key.Key_Return)  # 完了
    assert page.stack.currentWidget() is page.start


def test_esc_goes_back_one_step_and_then_to_the_start(qtbot, kiosk):
    page = kiosk.page
    page.start_check_in()
    page.panel.go_next()
    assert page.panel.flow.current == "visitor"
    page.step_back()
    assert page.panel.flow.current == "notice"
    page.step_back()
    assert page.stack.currentWidget() is page.start and page.panel is None


def test_mistakes_are_shown_on_the_screen_naming_the_field(qtbot, kiosk):
    page = kiosk.page
    page.start_check_in()
    panel = page.panel
    panel.go_next()
    panel.party.setText("")
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    assert "氏名: 入力してください（例: 山田 太郎）。" in panel.problems.text()
    assert "人数: 入力してください（例: 2）。" in panel.problems.text()
    assert panel.flow.current == "visitor"


def test_check_out_by_pass_number_on_the_number_pad(qtbot, kiosk):
    page = kiosk.page
    qtbot.mouseClick(page.check_out_button, Qt.MouseButton.LeftButton)
    panel = page.panel
    assert isinstance(panel, CheckOutPanel)
    pad = [b for b in panel.by_pass.findChildren(QPushButton) if b.objectName() == "kioskKey"]
    qtbot.mouseClick(next(b for b in pad if b.text() == "2"), Qt.MouseButton.LeftButton)
    assert panel.pass_number.text() == "2"
    qtbot.mouseClick(panel.pass_go, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.done
    assert page.done_pass.text() == "2" and "返却箱" in page.done_text.text()
    shown = " ".join(texts(page))
    with kiosk.ws.read() as s:  # whoever held pass 2 is not named anywhere on the screen
        from sqlalchemy import select

        from pcdesk.visitors.model import VisitorEntry

        holder = s.scalar(select(VisitorEntry).where(VisitorEntry.pass_number == "2",
                                                     VisitorEntry.left_at.is_not(None)).order_by(VisitorEntry.id.desc()))
    assert holder.name not in shown and holder.company not in shown


def test_check_out_by_name_shows_only_ones_own_entry(qtbot, kiosk):
    page = kiosk.page
    check_in_by_touch(qtbot, page, "来訪 一郎", "株式会社じぶん")
    page.reset()
    page.start_check_out()
    panel = page.panel
    qtbot.mouseClick(panel.by_name_button, Qt.MouseButton.LeftButton)
    ime(panel.full_name, "来訪")  # part of a name: nothing, and no list
    qtbot.mouseClick(panel.name_go, Qt.MouseButton.LeftButton)
    assert "見つかりませんでした" in panel.problems.text() and panel.stack.currentWidget() is panel.by_name
    panel.full_name.setText("来訪　一郎")
    qtbot.mouseClick(panel.name_go, Qt.MouseButton.LeftButton)
    assert panel.stack.currentWidget() is panel.confirm
    values = [w.text() for w in panel.confirm.findChildren(QLabel) if w.objectName() == "kioskValue"]
    assert values == ["来訪 一郎", "株式会社じぶん", "10:00", "4"]
    qtbot.mouseClick(panel.confirm_go, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.done and page.done_pass.text() == "4"


def test_idle_time_brings_back_the_start_screen(qtbot, demo, login_as):
    ws, _info = demo
    clock = FakeClock()
    from pcdesk.ui.shell.pages import kiosk_page_for

    actor = login_as(ws.db, "reception").actor
    window = KioskWindow(ws.as_actor(actor), kiosk_page_for(actor), clock=clock, idle_seconds=60)
    qtbot.addWidget(window)
    window.page.start_check_in()
    window.page.panel.go_next()
    window.page.panel.name.setText("途中 太郎")
    clock.t += 59
    window.check_idle()
    assert window.page.panel is not None
    clock.t += 2
    window.check_idle()
    assert window.page.panel is None and window.page.stack.currentWidget() is window.page.start
    assert not [t for t in texts(window) if "途中 太郎" in t]


def test_the_kiosk_widgets_list_and_suggest_no_visitor(qtbot, kiosk):
    """On every screen: no table or tree, no completer, fields that learn nothing; the one list
    holds the company's people (the hosts), never a visitor."""
    page = kiosk.page
    hosts = {p.name for p in reception.host_choices(kiosk.ws)}

    def check_screen() -> None:
        views = page.findChildren(QAbstractItemView)
        assert all(isinstance(v, QListWidget) for v in views)
        for view in views:
            assert all(view.item(i).text().split("　")[0] in hosts for i in range(view.count()))
        for field in page.findChildren(QLineEdit):
            assert field.completer() is None or not isinstance(field.completer(), QCompleter)
            if field.isVisibleTo(page) and field.echoMode() == QLineEdit.EchoMode.Normal:
                assert field.inputMethodHints() & Qt.InputMethodHint.ImhNoPredictiveText

    check_screen()
    page.start_check_in()
    for _step in range(3):
        check_screen()
        panel = page.panel
        if panel.flow.current == "visitor":
            panel.name.setText("来訪 一郎")
        if panel.flow.current == "visit":
            panel.purposes.buttons()[0].setChecked(True)
            panel.hosts.list.setCurrentRow(0)
        panel.go_next()
    check_screen()
    page.reset()
    page.start_check_out()
    check_screen()


def test_the_kiosk_screens_use_only_the_kiosk_service():
    """The kiosk's modules reach the data through pcdesk.visitors.reception alone."""
    allowed = {"pcdesk.visitors", "pcdesk.visitors.reception", "pcdesk.visitors.flow", "pcdesk.visitors.fields",
               "pcdesk.visitors.rules"}
    for path in KIOSK_UI.glob("kiosk_*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pcdesk.visitors"):
                if node.module.startswith("pcdesk.visitors.ui"):
                    continue
                assert node.module in allowed, f"{path.name} imports {node.module}"
                if node.module == "pcdesk.visitors":
                    assert {a.name for a in node.names} <= {"reception"}, path.name


def test_the_queries_the_kiosk_runs_read_one_visitor_at_most(qtbot, kiosk):
    """Every SELECT of visitor_entry the kiosk issues names the visitor (their name key, the pass
    they hold or the entry found for them) and asks for at most two rows; none counts or lists."""
    seen: list[str] = []

    def capture(_conn, _cursor, statement, _params, _context, _many):  # type: ignore[no-untyped-def]
        seen.append(" ".join(statement.split()))

    event.listen(kiosk.ws.db.engine, "before_cursor_execute", capture)
    try:
        page = kiosk.page
        check_in_by_touch(qtbot, page, "来訪 一郎")
        page.reset()
        page.start_check_out()
        page.panel.full_name.setText("来訪")
        page.panel.find_by_name()
        page.panel.full_name.setText("来訪 一郎")
        page.panel.find_by_name()
        page.panel.check_out_own()
        page.reset()
        page.start_check_out()
        page.panel.pass_number.setText("1")
        page.panel.check_out_by_pass()
        page.reset()
        page.start_check_out()
        page.panel.pass_number.setText("77")
        page.panel.check_out_by_pass()
    finally:
        event.remove(kiosk.ws.db.engine, "before_cursor_execute", capture)
    reads = [q for q in seen if q.upper().startswith("SELECT") and re.search(r"\bFROM visitor_entry\b", q)]
    visitor_reads = 0
    for query in reads:
        assert "count(" not in query.lower(), query
        columns = query[len("SELECT "):query.index(" FROM ")]
        if "visitor_entry." not in columns:
            continue  # e.g. the free passes: pass numbers only, no visitor
        visitor_reads += 1
        where = query.split(" WHERE ", 1)[1]
        by_id = "visitor_entry.id = " in where
        assert by_id or "visitor_entry.name_key = " in where or "visitor_entry.held_pass = " in where, query
        if not by_id:
            assert re.search(r"LIMIT \?", query), query
    assert visitor_reads >= 3
    assert not [q for q in seen if "visitor_correction" in q]


def test_an_administrator_starts_the_kiosk_on_this_pc_and_comes_back(qtbot, demo, open_window, messages):
    ws, _info = demo
    window = open_window(ws.db, "admin")
    page = window.show_page("visitors")
    messages.answer = True
    page.start_kiosk()
    kiosk = window.kiosk
    qtbot.addWidget(kiosk)
    assert kiosk.isFullScreen() and not window.isVisible()
    assert kiosk.ws.actor.roles == frozenset({RECEPTION}) and kiosk.ws.actor.name.endswith("（受付モード）")
    from pcdesk.visitors.service import entry_ids

    with pytest.raises(PermissionDenied):  # the kiosk runs as 受付: the services refuse the rest
        entry_ids(kiosk.ws)
    assert "visitor_kiosk" not in window.page_ids()  # never in the sidebar
    kiosk.leave(window.actor)
    assert window.isVisible() and window.kiosk is None


def test_another_administrator_ending_the_kiosk_ends_the_first_ones_session(qtbot, demo, open_window, login_as):
    ws, _info = demo
    window = open_window(ws.db, "admin")
    kiosk = window.start_kiosk("visitor_kiosk")
    qtbot.addWidget(kiosk)
    with qtbot.waitSignal(window.logoutRequested):
        kiosk.leave(login_as(ws.db, "manager").actor)
    assert not window.isVisible()


def test_an_unexpected_failure_shows_no_details_on_the_kiosk(qtbot, kiosk, monkeypatch):
    from sqlalchemy.exc import OperationalError

    def broken(_ws, answers):
        raise OperationalError("INSERT INTO visitor_entry ...", {"name": answers["name"]}, Exception("disk I/O error"))

    monkeypatch.setattr(reception, "check_in", broken)
    page = kiosk.page
    check_in_by_touch(qtbot, page, "来訪 秘密")
    panel = page.panel
    assert panel.problems.text() == "受付端末で問題が起きたため、記録できませんでした。受付の担当者にお声がけください。"
    assert panel.next_button.isEnabled()
