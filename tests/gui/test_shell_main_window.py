"""Main window: pages by role, keyboard, remembered size, idle screen lock, home page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from pcdesk.accounts.service import login
from pcdesk.audit.query import AuditFilter, fetch_page
from pcdesk.services import Workspace
from pcdesk.ui.shell import pages
from pcdesk.ui.shell.idle_lock import IdleWatcher
from pcdesk import registry
from pcdesk.ui.shell.pages import PageSpec


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def sidebar_titles(window):
    return [window.sidebar.item(i).text() for i in range(window.sidebar.count())]


def test_administrator_sees_every_foundation_page_and_who_is_logged_in(office, open_window):
    window = open_window(office, "admin")
    titles = sidebar_titles(window)
    assert titles[0] == "ホーム"
    assert {"監査ログ", "アカウント", "設定"} <= set(titles)
    assert window.company_label.text() == "株式会社みなとソリューションズ"
    assert window.user_label.text().startswith("ログイン中: ") and "（管理者・担当者）" in window.user_label.text()
    assert window.backup_action.isEnabled() and window.restore_action.isEnabled()


def test_staff_does_not_see_accounts_or_settings(office, open_window):
    window = open_window(office, "staff")
    assert "アカウント" not in sidebar_titles(window)
    assert "監査ログ" not in sidebar_titles(window)
    assert window.show_page("accounts") is None  # not even by id
    assert not window.backup_action.isEnabled()
    assert not window.settings_action.isEnabled()


def test_reception_only_sees_pages_that_allow_reception(office, open_window, monkeypatch):
    kiosk = PageSpec("kiosk", "来訪者受付", "PySide6.QtWidgets:QWidget", frozenset({"reception"}), 50)
    monkeypatch.setattr(pages, "all_pages", lambda: [*registry.pages(), kiosk])
    window = open_window(office, "reception")
    assert window.page_ids() == ["home", "kiosk"]
    admin = open_window(office, "admin")
    assert "kiosk" not in admin.page_ids()


def test_visible_pages_rules():
    from pcdesk.services import ADMIN, RECEPTION, STAFF, Actor

    reception = Actor(1, "受付", frozenset({RECEPTION}))
    staff = Actor(2, "担当", frozenset({STAFF}))
    admin = Actor(3, "管理", frozenset({ADMIN, STAFF}))
    admin_only = {"audit", "accounts", "settings"}
    for actor in (reception, staff, admin):
        assert pages.visible_pages(actor)[0].id == "home"
    assert not admin_only & {p.id for p in pages.visible_pages(staff)}
    assert admin_only <= {p.id for p in pages.visible_pages(admin)}
    assert all(not p.roles or RECEPTION in p.roles for p in pages.visible_pages(reception))
    assert pages.visible_pages(None) == []


def test_ctrl_number_switches_pages_and_pages_are_built_once(qtbot, office, open_window):
    window = open_window(office, "admin")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_id() == window.page_ids()[1]
    first = window.page(window.page_ids()[1])
    window.sidebar.setFocus()
    qtbot.keyClick(window.sidebar, Qt.Key.Key_Up)
    assert window.current_page_id() == "home"
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.page(window.page_ids()[1]) is first


def test_a_broken_page_shows_what_to_do_instead_of_crashing(office, open_window, monkeypatch):
    broken = PageSpec("broken", "壊れた機能", "pcdesk.does_not_exist:Page", frozenset(), 500)
    monkeypatch.setattr(pages, "all_pages", lambda: [*registry.pages(), broken])
    window = open_window(office, "admin")
    widget = window.show_page("broken")
    assert "「壊れた機能」を開けませんでした" in widget.text()


def test_window_remembers_size_and_last_page(qtbot, office, open_window):
    window = open_window(office, "admin")
    window.resize(780, 590)
    window.show_page("audit")
    window.close()
    again = open_window(office, "admin")
    assert (again.width(), again.height()) == (780, 590)
    assert again.current_page_id() == "audit"
    staff = open_window(office, "staff")  # a page this person may not see falls back to home
    assert staff.current_page_id() == "home"


def test_nothing_is_cut_at_the_default_window_size(qtbot, office, open_window, clipped):
    window = open_window(office, "admin")
    assert (window.width(), window.height()) == (1120, 720)
    for page_id in window.page_ids():
        window.show_page(page_id)
        page = window.page(page_id)
        qtbot.waitUntil(lambda: page.isVisible())
        assert clipped(window) == [], (page_id, clipped(window))


def test_idle_watcher_rules():
    clock = FakeClock()
    watcher = IdleWatcher(10, clock=clock)
    clock.now += 599
    assert not watcher.check()
    watcher.touch()
    clock.now += 599
    assert not watcher.check()
    clock.now += 1
    assert watcher.check()
    assert not watcher.check()  # once
    watcher.touch()
    assert watcher.locked  # activity behind the lock does not unlock
    watcher.unlock()
    assert not watcher.locked
    off = IdleWatcher(0, clock=clock)
    clock.now += 10_000
    assert not off.check()


def test_idle_lock_hides_the_work_and_needs_the_same_password(qtbot, office, open_window):
    clock = FakeClock()
    window = open_window(office, "staff", clock=clock)
    clock.now += 9 * 60
    window.check_idle()
    assert not window.is_locked()
    clock.now += 61
    window.check_idle()
    assert window.is_locked()
    dialog = window.lock_dialog
    assert dialog.isVisible() and not window.centralWidget().isVisible()
    assert dialog.explanation.text().startswith("しばらく操作がなかったため")
    dialog.reject()  # Esc does not unlock
    assert window.is_locked()
    dialog.password.setText("wrong-pass-9")
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert window.is_locked() and "パスワードが違います" in dialog.problems.text()
    dialog.password.setText("demo-pass-2026")
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert not window.is_locked()
    assert window.centralWidget().isVisible()
    ws = Workspace(office, window.actor)
    admin = ws.as_actor(login(Workspace(office), "admin", "demo-pass-2026").actor)
    actions = [r.action for r in fetch_page(admin, AuditFilter(actor_id=window.actor.user_id), limit=4)]
    assert actions[:3] == ["login", "login_failed", "lock"]


def test_a_manual_lock_says_so_rather_than_blaming_idleness(qtbot, office, open_window):
    window = open_window(office, "staff")
    window.lock_action.trigger()  # 設定 ▸ 画面をロック (Ctrl+L)
    dialog = window.lock_dialog
    assert window.is_locked() and dialog.isVisible()
    assert dialog.explanation.text() == "続けるには 田中 真由美 さんのパスワードを入力してください。"  # the heading says locked
    admin = Workspace(office, login(Workspace(office), "admin", "demo-pass-2026").actor)
    assert fetch_page(admin, AuditFilter(action="lock"), limit=1)[0].summary == "画面ロック（手動）"


def test_wrong_unlock_password_is_shown_whole(qtbot, office, open_window, squashed):
    window = open_window(office, "staff")
    window.lock_screen()
    dialog = window.lock_dialog
    qtbot.waitExposed(dialog)
    dialog.password.setText("wrong-pass-9")
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert dialog.problems.text().endswith("「ログアウト」を押してください。")
    qtbot.waitUntil(lambda: squashed(dialog) == [])


def test_idle_lock_offers_logout(qtbot, office, open_window):
    clock = FakeClock()
    window = open_window(office, "staff", clock=clock)
    window.lock_screen()
    with qtbot.waitSignal(window.logoutRequested):
        qtbot.mouseClick(window.lock_dialog.logout_button, Qt.MouseButton.LeftButton)
    assert not window.isVisible()


def test_idle_lock_follows_the_setting(office, open_window, login_as):
    from dataclasses import replace

    from pcdesk.settings import load_settings, save_settings

    admin = login_as(office, "admin")
    save_settings(admin, replace(load_settings(admin), idle_lock_minutes=0))
    clock = FakeClock()
    window = open_window(office, "staff", clock=clock)
    clock.now += 10 * 3600
    window.check_idle()
    assert not window.is_locked()


def test_home_shows_date_user_and_attention_that_opens_the_page(office, open_window):
    for _ in range(5):
        login(Workspace(office), "staff", "wrong-pass-1")
    window = open_window(office, "admin")
    home = window.show_page("home")
    assert "年" in home.date_label.text() and home.date_label.text().endswith("）")
    lines = [home.attention_list.itemAt(i).widget() for i in range(home.attention_list.count())]
    locked = [w for w in lines if "待ち時間中のアカウントが 1 件" in w.text()]
    assert locked
    locked[0].linkActivated.emit("accounts")
    assert window.current_page_id() == "accounts"
    staff = open_window(office, "reception")
    reception_home = staff.show_page("home")
    texts = [reception_home.attention_list.itemAt(i).widget().text()
             for i in range(reception_home.attention_list.count())]
    assert not any("待ち時間" in t for t in texts)  # not told about pages they cannot open
    assert not reception_home.counts_card.isVisibleTo(reception_home)


@pytest.mark.parametrize("style, prefix", [("wareki", "令和"), ("seireki", "20")])
def test_date_style_setting_changes_the_home_date(office, open_window, style, prefix):
    window = open_window(office, "admin")
    settings = window.show_page("settings")
    settings.tabs.setCurrentWidget(settings.general)
    (settings.general.wareki if style == "wareki" else settings.general.seireki).setChecked(True)
    assert settings.general.preview.text().startswith(f"表示例: {prefix}")
    settings.general.save_button.click()
    assert settings.general.saved_label.text() == "保存しました。"
    home = window.show_page("home")
    assert home.date_label.text().startswith(prefix)


def test_about_and_change_password_from_the_menu(office, open_window, messages, monkeypatch):
    from pcdesk.ui.shell.password_dialog import ChangePasswordDialog

    window = open_window(office, "staff")
    window.about()
    assert messages.calls[-1][0] == "about" and "pcdesk" in messages.last
    opened = []
    monkeypatch.setattr(ChangePasswordDialog, "exec", lambda self: opened.append(self.windowTitle()) or 0)
    window.change_password()
    assert opened == ["パスワード変更 — pcdesk"]


def test_logout_records_and_asks_for_login_again(qtbot, office, open_window, login_as):
    window = open_window(office, "staff")
    with qtbot.waitSignal(window.logoutRequested):
        window.logout()
    admin = login_as(office, "admin")
    last = fetch_page(admin, AuditFilter(actor_id=window.actor.user_id), limit=1)[0]
    assert last.action == "logout"
    assert isinstance(window, QWidget) and not window.isVisible()
