"""The audit log and account pages export through the shared dialog."""

import pytest

from pcdesk.ui.output.export_dialog import ExportDialog


@pytest.mark.parametrize("page_id, ledger", [("audit", "audit_log"), ("accounts", "accounts")])
def test_page_export_button_opens_the_dialog_on_its_ledger(office, open_window, monkeypatch, page_id, ledger):
    opened = []
    monkeypatch.setattr(ExportDialog, "exec", lambda self: opened.append(self.ledger.currentData()) or 0)
    window = open_window(office, "admin")
    page = window.show_page(page_id)
    page.export_button.click()
    assert opened == [ledger]


def test_export_and_print_events_read_in_japanese_in_the_viewer():
    from pcdesk.audit.query import record_type_label

    assert record_type_label("ledger") == "台帳" and record_type_label("form") == "帳票"
