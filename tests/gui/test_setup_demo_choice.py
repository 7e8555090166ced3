"""After choosing the demo once, pcdesk starts in the demo without asking again, until the
person chooses 「ファイル → 自分の会社を設定する」."""

from __future__ import annotations

import pytest

import pcdesk.demo
from pcdesk.company.setup_flow import is_first_run
from pcdesk.services import Workspace
from pcdesk.store.opening import open_database
from pcdesk.ui.desk import Desk
from pcdesk.ui.setup.start_choice import DEMO, DEMO_FILE, StartChoiceDialog, demo_chosen
from pcdesk.ui.shell.login_dialog import LoginDialog


@pytest.fixture
def quick_demo(monkeypatch):
    monkeypatch.setattr(pcdesk.registry, "demo_steps", lambda: ["pcdesk.demo:foundation_step"])


@pytest.fixture
def asked(monkeypatch):
    """How often the start choice was shown; it answers デモデータで試す."""
    shown = []
    monkeypatch.setattr(StartChoiceDialog, "exec",
                        lambda self: (shown.append(1), setattr(self, "choice", DEMO), 1)[2])
    return shown


@pytest.fixture
def logins(monkeypatch):
    notices = []

    def log_in(self):
        notices.append(self.notice.text())
        self.password.setText(pcdesk.demo.DEMO_PASSWORD)
        self.try_login()
        return self.result()

    monkeypatch.setattr(LoginDialog, "exec", log_in)
    return notices


def start(qtbot, path):
    desk = Desk(open_database(path))
    window = desk.start()
    qtbot.addWidget(window)
    return desk, window


def test_the_demo_once_chosen_opens_at_the_next_start_without_asking(qtbot, tmp_path, quick_demo, asked, logins,
                                                                     messages):
    real = tmp_path / "pcdesk.sqlite3"
    desk, window = start(qtbot, real)
    assert asked == [1] and desk.db.path.name == DEMO_FILE and demo_chosen(real)
    assert "デモ用アカウント" in messages.last and "ファイル → 自分の会社を設定する" in messages.last
    window.close()
    desk.db.dispose()
    shown = len(messages.calls)

    desk, window = start(qtbot, real)
    assert asked == [1]  # not asked again
    assert desk.db.path.name == DEMO_FILE and window.actor.is_admin
    assert len(messages.calls) == shown  # nor the accounts told again: the login says the password
    assert "demo-pass-2026" in logins[-1]
    assert window.own_company_action.text().startswith("自分の会社を設定する")

    messages.answer = True
    window.own_company_action.trigger()
    assert "自分の会社の設定を始めますか" in messages.texts("question")[-1]
    assert not demo_chosen(real)
    desk.db.dispose()
    again = open_database(real)
    assert is_first_run(Workspace(again))  # the real database is still empty: set-up comes next
    again.dispose()
