"""プライバシーポリシー: the versions, the one in force and the draft, what is out of step with the
個人情報管理台帳; drafting (wizard), publishing, comparing, copying and exporting."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMenu, QPushButton, QSplitter, QTabWidget, QTextBrowser, QWidget

from pcdesk.policy.document import KINDS
from pcdesk.policy.model import PolicyVersion
from pcdesk.policy.plain_text import printable_text
from pcdesk.policy.screens import COLUMNS, SAMPLES, status_lines, version_rows
from pcdesk.policy.service import (EDITORS, discard_draft, draft_version, get_version, inventory_gaps_of,
                                   list_versions, printable_of, published_version)
from pcdesk.policy.web_page import article
from pcdesk.services import ADMIN, Workspace
from pcdesk.settings import load_settings
from pcdesk.ui import messages
from pcdesk.ui.messages import user_errors
from pcdesk.ui.page import action_button, action_row, menu_action, more_button, open_dialog, page_layout
from pcdesk.ui.table import ROW_ID_ROLE, RowTableModel, row_table

PENDING_STYLE = "color: #9a5b00;"


class VersionModel(RowTableModel):
    COLUMNS = COLUMNS

    def role_data(self, row, col, role):  # type: ignore[no-untyped-def]
        if role == Qt.ItemDataRole.FontRole and row.draft:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setItalic(True)
            return font
        return None


class PolicyPage(QWidget):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.dialog = None
        self.wizard = None
        actor = ws.actor
        self.is_admin = bool(actor and actor.has(ADMIN))
        self.can_edit = bool(actor and any(actor.has(r) for r in EDITORS))

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.gaps = QLabel()
        self.gaps.setWordWrap(True)
        self.gaps.setStyleSheet(PENDING_STYLE)
        self.gaps.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.draft_button = action_button("下書きを編集…", self.open_wizard,
                                          "ウィザードで個人情報保護方針と「個人情報の取扱いについて」を作ります。", True)
        self.publish_button = action_button("公表…", self.publish_draft, "下書きを公表し、版として固定します（管理者）。")
        self.compare_button = action_button("版の比較…", self.compare, "2つの版を条項ごとに並べて比べます。")
        self.statement_button = action_button("利用目的の明示…", self.show_statement,
                                              "申込書や Web フォームに載せる短い文を作ってコピーします。")
        self.copy_button = QPushButton("コピー")
        self.copy_button.setToolTip("選んだ版の本文をクリップボードにコピーします（テキストと HTML）。")
        copy_menu = QMenu(self.copy_button)
        for kind, title in KINDS.items():
            copy_menu.addAction(f"{title}をコピー", lambda k=kind: self.copy_document(k))
        self.copy_button.setMenu(copy_menu)
        self.export_button = QPushButton("出力…")
        self.export_button.setToolTip("選んだ版を PDF（掲示用）・HTML（Web サイト用）・テキストで出力します。")
        export_menu = QMenu(self.export_button)
        for kind, title in KINDS.items():
            export_menu.addAction(f"{title}…", lambda k=kind: self.export(k))
        self.export_button.setMenu(export_menu)
        self.discard_action = menu_action(self, "下書きを破棄…", self.discard, "公表していない下書きを削除します（管理者）。")
        self.discard_action.setVisible(self.is_admin)
        self.more = more_button(self.discard_action)
        self.draft_button.setVisible(self.can_edit)
        self.publish_button.setVisible(self.is_admin)

        self.model = VersionModel(self)
        self.table = row_table(self.model, SAMPLES)
        self.table.setSelectionMode(self.table.SelectionMode.SingleSelection)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.show_selected())
        self.preview = QTabWidget()
        self.previews: dict[str, QTextBrowser] = {}
        for kind, title in KINDS.items():
            view = QTextBrowser()
            view.setOpenLinks(False)
            self.previews[kind] = view
            self.preview.addTab(view, title)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.preview)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setSizes([140, 420])

        layout = page_layout(self, "プライバシーポリシー",
                             note="個人情報保護方針と「個人情報の取扱いについて」（個人情報保護法第32条の公表事項）を作り、"
                                  "版ごとに公表します。公表した版は変更できません。改定するときは下書きを作って公表し直します。")
        layout.addWidget(self.status)
        layout.addWidget(self.gaps)
        layout.addLayout(action_row(self.draft_button, self.publish_button, self.compare_button, self.statement_button,
                                    right=(self.more, self.copy_button, self.export_button)))
        layout.addWidget(split, 1)
        self.refresh()

    # -- state ----------------------------------------------------------------------------------
    def focus(self, hint_text: str) -> None:
        """From the home page: 「draft」 selects the draft, the others the version in force."""
        rows = self.model.rows
        if hint_text == "draft":
            target = next((r for r in rows if r.draft), None)
        else:
            target = next((r for r in rows if not r.draft), None)
        if target is not None:
            self.table.selectRow(self.model.row_of(target.id))

    def refresh(self) -> None:
        with user_errors(self):
            style = load_settings(self.ws).date_style
            versions = list_versions(self.ws)
            published, draft = published_version(self.ws), draft_version(self.ws)
            self.status.setText("\n".join(status_lines(published, draft, style)))
            gaps = inventory_gaps_of(self.ws, published)
            self.gaps.setText("公表中の版と個人情報管理台帳の食い違い:\n" + "\n".join(f"・{g.text}" for g in gaps)
                              if gaps else "")
            self.gaps.setVisible(bool(gaps))
            self.draft_button.setText("下書きを編集…" if draft else ("改定…" if published else "作成…"))
            self.publish_button.setEnabled(draft is not None)
            self.discard_action.setEnabled(draft is not None)
            self.compare_button.setEnabled(len(versions) > 1)
            self.statement_button.setEnabled(bool(versions))
            for b in (self.copy_button, self.export_button):
                b.setEnabled(bool(versions))
            self.model.set_rows(version_rows(versions, style))
            if self.model.rows:
                chosen = next((r for r in self.model.rows if not r.draft), self.model.rows[0])
                self.table.selectRow(self.model.row_of(chosen.id))
            else:
                for view in self.previews.values():
                    view.setHtml("<p>まだ版がありません。「作成…」で下書きを作ってください。</p>")

    def selected(self) -> PolicyVersion | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return get_version(self.ws, rows[0].data(ROW_ID_ROLE))

    def show_selected(self) -> None:
        version = self.selected()
        if version is None:
            return
        with user_errors(self):
            for kind, view in self.previews.items():
                view.setHtml(article(printable_of(self.ws, version, kind)))

    # -- actions --------------------------------------------------------------------------------
    def open_wizard(self) -> None:
        from pcdesk.policy.ui.policy_wizard import PolicyWizard

        with user_errors(self):
            self.wizard = PolicyWizard(self.ws, parent=self)
            open_dialog(self, self.wizard, lambda _r: self.refresh(), attribute="wizard")

    def publish_draft(self) -> None:
        from pcdesk.policy.ui.publish_dialog import PublishDialog

        draft = draft_version(self.ws)
        if draft is None:
            return
        dialog = PublishDialog(self.ws, draft, self)

        def closed(result: int) -> None:
            self.refresh()
            if dialog.published is not None:
                messages.info(self, f"{dialog.published.label}を公表しました。PDF を掲示し、HTML を Web サイトに載せてください。")

        open_dialog(self, dialog, closed)

    def compare(self) -> None:
        from pcdesk.policy.ui.compare_dialog import CompareDialog

        with user_errors(self):
            open_dialog(self, CompareDialog(self.ws, parent=self))

    def show_statement(self) -> None:
        from pcdesk.policy.ui.statement_dialog import StatementDialog

        with user_errors(self):
            open_dialog(self, StatementDialog(self.ws, self))

    def copy_document(self, kind: str) -> None:
        from pcdesk.policy.ui.statement_dialog import copy_to_clipboard

        version = self.selected()
        if version is None:
            return
        with user_errors(self):
            item = printable_of(self.ws, version, kind)
            copy_to_clipboard(printable_text(item), article(item))
        self.copied = f"{KINDS[kind]}（{version.label}）をクリップボードにコピーしました。"
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(self.copied, 5000)

    def export(self, kind: str) -> None:
        from pcdesk.ui.output import open_export_dialog

        version = self.selected()
        filters = {"version": version.number} if version is not None else {}
        open_export_dialog(self, self.ws, kind, filters)
        self.refresh()

    def discard(self) -> None:
        draft = draft_version(self.ws)
        if draft is None or not messages.ask(self, f"{draft.label}の下書きを削除しますか？（元に戻せません）", "下書きの破棄"):
            return
        with user_errors(self):
            discard_draft(self.ws, draft.id)
        self.refresh()

