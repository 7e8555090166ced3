"""Adding or editing an account; passwords are never typed by the administrator."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from pcdesk.accounts.model import User
from pcdesk.accounts.passwords import temporary_password
from pcdesk.accounts.service import create_user, update_user
from pcdesk.company.service import list_departments
from pcdesk.errors import PcdeskError
from pcdesk.services import ROLE_LABELS, Workspace, offered_roles
from pcdesk.ui.widgets import ProblemLabel, fit_window, form_layout, heading, hint, ok_cancel

# What each role may do, as the screens enforce it: the 管理者 is the 個人情報保護管理者 and
# approves residual risk (リスク分析); the 承認者 is the 上長 approving take-out applications.
ROLE_HINTS = {
    "admin": "台帳・設定・アカウントを管理、残留リスクを承認",
    "staff": "部門の台帳・リスク分析を入力・確認",
    "approver": "上長として持出し申請などを承認",
    "reception": "来訪者受付の画面だけを使う",
}


class UserDialog(QDialog):
    """Saves on OK; problems stay on the form until fixed. `temporary` is set after creating."""

    def __init__(self, ws: Workspace, user: User | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.user = user
        self.temporary: str | None = None
        self.created: User | None = None
        self.setWindowTitle(("アカウントの編集" if user else "アカウントの追加") + " — pcdesk")
        self.setMinimumWidth(540)

        self.login_id = QLineEdit(user.login_id if user else "")
        self.login_id.setPlaceholderText("例: yamada（半角英数字）")
        self.login_id.setReadOnly(user is not None)  # the ID stays: the audit trail refers to it
        self.name = QLineEdit(user.display_name if user else "")
        self.name.setPlaceholderText("例: 山田 太郎")
        self.email = QLineEdit(user.email if user else "")
        self.department = QComboBox()
        self.department.addItem("（なし）", None)
        for dept in list_departments(ws, include_inactive=user is not None):
            if dept.active or (user and user.department_id == dept.id):
                self.department.addItem(dept.name if dept.active else f"{dept.name}（無効）", dept.id)
        if user is not None:
            self.department.setCurrentIndex(max(self.department.findData(user.department_id), 0))
        self.roles: dict[str, QCheckBox] = {}
        roles_box = QVBoxLayout()
        held = user.role_names if user else frozenset()
        for role in offered_roles(held):  # 受付 only once the visitor kiosk is installed
            label = ROLE_LABELS[role]
            box = QCheckBox(f"{label}　— {ROLE_HINTS.get(role, '')}")
            box.setChecked(role in held)
            self.roles[role] = box
            roles_box.addWidget(box)
        self.active = QCheckBox("このアカウントを使えるようにする（有効）")
        self.active.setChecked(user.active if user else True)
        self.problems = ProblemLabel()

        form = form_layout()
        form.addRow("ログインID ＊", self.login_id)
        form.addRow("氏名 ＊", self.name)
        form.addRow("メールアドレス", self.email)
        form.addRow("部門", self.department)
        form.addRow("権限 ＊", roles_box)
        if user is not None:
            form.addRow("", self.active)

        buttons = ok_cancel(self, "保存" if user else "追加")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(heading(self.windowTitle().split(" — ")[0]))
        if user is None:
            layout.addWidget(hint("パスワードは自動で作る仮のものです。追加の後に一度だけ表示するので、本人に渡してください。\n"
                                  "本人は最初のログインで自分のパスワードに変更します。"))
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)

    def chosen_roles(self) -> set[str]:
        return {role for role, box in self.roles.items() if box.isChecked()}

    def accept(self) -> None:
        try:
            if self.user is None:
                temp = temporary_password()
                self.created = create_user(self.ws, self.login_id.text(), self.name.text(), temp,
                                           self.chosen_roles(), self.department.currentData(),
                                           self.email.text(), must_change_password=True)
                self.temporary = temp
            else:
                update_user(self.ws, self.user.id, display_name=self.name.text(), roles=self.chosen_roles(),
                            department_id=self.department.currentData(), email=self.email.text(),
                            active=self.active.isChecked())
        except PcdeskError as exc:
            self.problems.show_error(exc)
            return
        super().accept()


class OneTimePasswordDialog(QDialog):
    """Shows a temporary password once, with a copy button; it is not stored anywhere readable."""

    def __init__(self, person: str, password: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("仮のパスワード — pcdesk")
        self.setMinimumWidth(480)
        self.password = password
        self.password_label = QLabel(password)
        self.password_label.setObjectName("secret")
        self.password_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button = QPushButton("コピー")
        self.copy_button.clicked.connect(self.copy)
        self.copied = hint("")
        self.explanation = hint("この画面を閉じると、もう表示できません。本人に直接渡してください"
                                "（メールで送る場合は件名に書かないでください）。\n"
                                "本人は次のログインでこのパスワードを入力し、自分だけが知るパスワードに変更します。"
                                "管理者が本人のパスワードを知ることはありません。")
        row = QHBoxLayout()
        row.addWidget(self.password_label, 1)
        row.addWidget(self.copy_button)
        close = QPushButton("閉じる")
        close.setObjectName("primary")
        close.setDefault(True)
        close.clicked.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        self.title = heading(f"{person} さんの仮のパスワード")
        layout.addWidget(self.title)
        layout.addLayout(row)
        layout.addWidget(self.copied)
        layout.addWidget(self.explanation)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.password)
        self.copied.setText("クリップボードにコピーしました。貼り付けたら、クリップボードは別の内容で上書きしてください。")
        fit_window(self.copied)
