"""アカウント (administrators): who may log in, with which roles; reset, lifting login waits,
a new recovery code."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QDialog, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from pcdesk.accounts.recovery import issue_recovery_code
from pcdesk.accounts.service import (ACTIVE_STATE, LOCKED_STATE, Account, account_state, list_users,
                                     reset_password, unlock_user)
from pcdesk.company.service import list_departments
from pcdesk.dates import format_datetime, now
from pcdesk.services import ROLE_LABELS, Workspace
from pcdesk.settings import load_settings
from pcdesk.ui import messages
from pcdesk.ui.accounts.user_dialog import OneTimePasswordDialog, UserDialog
from pcdesk.ui.messages import user_errors
from pcdesk.ui.page import action_button, action_row, open_dialog, page_layout

COLUMNS = ["ログインID", "氏名", "権限", "部門", "状態", "最終ログイン"]


def roles_text(user: Account) -> str:
    return "・".join(label for role, label in ROLE_LABELS.items() if role in user.role_names)


class AccountsPage(QWidget):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.users: list[Account] = []
        self.otp_dialog: OneTimePasswordDialog | None = None

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())

        self.add_button = action_button("追加…", self.add_user, primary=True)
        self.edit_button = action_button("編集…", self.edit_selected)
        self.reset_button = action_button("パスワード再設定…", self.reset_selected)
        self.unlock_button = action_button("ログイン制限の解除", self.unlock_selected,
                                           "ログインの失敗が続いて待ち時間中のアカウントを、すぐにログインできるようにします。")
        self.recovery_button = action_button("回復コード…", self.new_recovery_code,
                                             "管理者のパスワードがすべて分からなくなったときに使うコードを作り直します。")
        self.export_button = action_button("出力…", self.export, "アカウント一覧を Excel / PDF に出力します。")
        buttons = action_row(self.add_button, self.edit_button, self.reset_button, self.unlock_button,
                             right=(self.recovery_button, self.export_button))

        layout = page_layout(self, "アカウント",
                             note="一人ひとりが自分のアカウントでログインします（共用のアカウントは作りません）。"
                                  "辞めた人のアカウントは削除せず「無効」にします。監査ログの記録が残るためです。")
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.refresh()

    # -- list ---------------------------------------------------------------
    def export(self) -> None:
        from pcdesk.ui.output.export_dialog import open_export_dialog

        open_export_dialog(self, self.ws, "accounts")

    def refresh(self) -> None:
        with user_errors(self):
            selected = self.selected_user()
            departments = {d.id: d.name for d in list_departments(self.ws, include_inactive=True)}
            style = load_settings(self.ws).date_style
            self.users = list_users(self.ws)
            moment = now()
            self.table.setRowCount(len(self.users))
            for row, user in enumerate(self.users):
                values = [user.login_id, user.display_name, roles_text(user),
                          departments.get(user.department_id or -1, ""), account_state(user, moment),
                          format_datetime(user.last_login_at, style) or "（なし）"]
                for col, value in enumerate(values):
                    item = QTableWidgetItem(value)
                    if col == 4 and value != ACTIVE_STATE:
                        item.setForeground(Qt.GlobalColor.darkRed if value == LOCKED_STATE else Qt.GlobalColor.darkGray)
                    self.table.setItem(row, col, item)
            self.table.resizeColumnsToContents()
            for col in range(len(COLUMNS) - 1):  # room to breathe; the last column stretches
                self.table.setColumnWidth(col, self.table.columnWidth(col) + 24)
            if selected is not None:
                self.select_login(selected.login_id)
        self._update_buttons()

    def selected_user(self) -> Account | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or not 0 <= rows[0].row() < len(self.users):
            return None
        return self.users[rows[0].row()]

    def select_login(self, login_id: str) -> None:
        for row, user in enumerate(self.users):
            if user.login_id == login_id:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        user = self.selected_user()
        for b in (self.edit_button, self.reset_button):
            b.setEnabled(user is not None)
        self.unlock_button.setEnabled(user is not None and account_state(user) == LOCKED_STATE)

    # -- actions ------------------------------------------------------------
    def add_user(self) -> None:
        dialog = UserDialog(self.ws, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.temporary:
            self.refresh()
            self.select_login(dialog.login_id.text().strip())
            self.show_temporary(dialog.name.text().strip(), dialog.temporary)

    def edit_selected(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        if UserDialog(self.ws, user, parent=self).exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def reset_selected(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        if not messages.ask(self, f"{user.display_name} さん（{user.login_id}）のパスワードを再設定しますか？\n\n"
                                  "今のパスワードは使えなくなり、仮のパスワードを一度だけ表示します。",
                            "パスワード再設定"):
            return
        with user_errors(self):
            temp = reset_password(self.ws, user.id)
            self.refresh()
            self.show_temporary(user.display_name, temp)

    def show_temporary(self, person: str, password: str) -> None:
        open_dialog(self, OneTimePasswordDialog(person, password, self), attribute="otp_dialog")

    def unlock_selected(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        with user_errors(self):
            unlock_user(self.ws, user.id)
            self.refresh()
            messages.info(self, f"{user.display_name} さんのログイン制限を解除しました。すぐにログインできます。")

    def new_recovery_code(self) -> None:
        from pcdesk.ui.accounts.recovery_code import RecoveryCodeDialog

        if not messages.ask(self, "新しい回復コードを作りますか？\n\n今の回復コードは使えなくなります。"
                                  "新しいコードは一度だけ表示します。", "回復コード"):
            return
        with user_errors(self):
            code = issue_recovery_code(self.ws)
            open_dialog(self, RecoveryCodeDialog(code, self), attribute="recovery_dialog")
