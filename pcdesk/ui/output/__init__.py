"""The export dialog every page opens to put a ledger out as Excel or PDF."""

from pcdesk.ui.output.export_dialog import ExportDialog, open_export_dialog

__all__ = ["ExportDialog", "open_export_dialog"]  # the page (output_page) is loaded by the sidebar
