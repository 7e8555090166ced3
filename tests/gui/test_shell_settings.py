"""設定 page: company, departments, display and security, backup and restore."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QInputDialog

from pcdesk.company.service import get_company, list_departments
from pcdesk.settings import load_settings
from pcdesk.ui.settings.settings_page import SettingsPage


def make_page(qtbot, ws):
    page = SettingsPage(ws)
    qtbot.addWidget(page)
    page.show()
    return page


def test_company_tab_shows_problems_inline_and_saves(qtbot, office, login_as, open_window):
    window = open_window(office, "admin")
    page = window.show_page("settings")
    tab = page.company
    assert tab.form.fields["name"].text() == "株式会社みなとソリューションズ"
    tab.form.fields["contact_email"].setText("privacy.example.co.jp")
    tab.save_button.click()
    assert "窓口メールアドレス: メールアドレスの形式ではありません" in tab.problems.text()
    assert get_company(window.ws).contact_email == "privacy@example.co.jp"  # nothing half-saved
    tab.form.fields["contact_email"].setText("soudan@minato.example.jp")
    tab.form.fields["name"].setText("株式会社みなと")
    tab.save_button.click()
    assert tab.saved_label.text() == "保存しました。" and not tab.problems.isVisible()
    assert get_company(window.ws).contact_email == "soudan@minato.example.jp"
    assert window.company_label.text() == "株式会社みなと"


def test_departments_add_rename_and_retire(qtbot, office, login_as, monkeypatch, messages):
    ws = login_as(office, "admin")
    page = make_page(qtbot, ws)
    tab = page.departments
    tab.new_name.setText("法務部")
    tab.add_button.click()
    assert "法務部" in [d.name for d in list_departments(ws)]
    tab.new_name.setText("法務部")
    tab.add_button.click()
    assert "すでにあります" in messages.last and tab.new_name.text() == "法務部"

    tab.select(next(d.id for d in tab.departments if d.name == "法務部"))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("コンプライアンス部", True))
    tab.rename_button.click()
    assert "コンプライアンス部" in [d.name for d in list_departments(ws)]
    assert tab.active_button.text() == "無効にする"
    tab.active_button.click()
    assert "コンプライアンス部" not in [d.name for d in list_departments(ws)]
    assert tab.list.currentItem().text() == "コンプライアンス部（無効）"
    assert tab.active_button.text() == "有効に戻す"


def test_security_settings_are_validated_and_saved(qtbot, office, login_as):
    ws = login_as(office, "admin")
    page = make_page(qtbot, ws)
    tab = page.general
    assert tab.idle.value() == 10
    tab.idle.setValue(0)
    assert tab.idle.text() == "ロックしない"
    tab.lockout_threshold.setValue(3)
    tab.backup_keep.setValue(30)
    tab.save_button.click()
    settings = load_settings(ws)
    assert (settings.idle_lock_minutes, settings.lockout_threshold, settings.backup_keep) == (0, 3, 30)


def test_staff_cannot_save_settings(qtbot, office, login_as):
    page = make_page(qtbot, login_as(office, "staff"))
    tab = page.general
    tab.save_button.click()
    assert "管理者" in tab.problems.text()


def test_backup_then_restore_brings_the_old_data_back(qtbot, office, open_window, tmp_path, monkeypatch, messages):
    window = open_window(office, "admin")
    page = window.show_page("settings")
    target = tmp_path / "usb" / "pcdesk-backup.sqlite3"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.backup()
    assert target.exists()
    assert "バックアップを作成しました" in messages.last and str(target) in messages.last

    page.departments.new_name.setText("あとで消える部")
    page.departments.add_button.click()
    assert "あとで消える部" in [d.name for d in list_departments(window.ws)]

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))
    with qtbot.waitSignal(window.logoutRequested):
        page.backup.restore_button.click()
    question = messages.texts("question")[-1]
    assert "「pcdesk-backup.sqlite3」の内容で" in question and "replaced-" in question
    assert "置き換える前のデータベースは保存してあります" in messages.last and "取り除かれました" in messages.last
    assert "あとで消える部" not in [d.name for d in list_departments(window.ws)]
    from pcdesk.audit.query import AuditFilter, fetch_page

    last = fetch_page(window.ws, AuditFilter(action="restore"), limit=1)
    assert last and "pcdesk-backup.sqlite3 から復元" in last[0].summary


def test_restore_refuses_a_file_that_is_not_a_backup(qtbot, office, open_window, tmp_path, monkeypatch, messages):
    window = open_window(office, "admin")
    bogus = tmp_path / "note.sqlite3"
    bogus.write_text("not a database", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bogus), ""))
    window.restore()
    assert messages.calls[-1][0] == "critical"
    assert "このファイルからは復元できません" in messages.last and "SQLite" in messages.last
    assert window.isVisible()


def test_automatic_backups_are_listed(qtbot, office, login_as):
    from pcdesk.store.backup import auto_backup_if_due

    auto_backup_if_due(office, keep=3)
    page = make_page(qtbot, login_as(office, "admin"))
    tab = page.backup
    tab.refresh()
    assert tab.list.count() == 1 and "auto-" in tab.list.item(0).text()
    assert "14 日分を残し" in tab.keep_label.text()  # the backup_keep setting
    tab.list.setCurrentRow(0)
    assert tab.restore_auto_button.isEnabled()
