"""The dialogs of the 持出し申請 page: one application's details and history, the approver's
decision (承認 / 差戻し / 却下 with a reason), the take-out of a standing approval (this trip's
return day), the return confirmation, and the reminder to copy or print."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QDialog, QFormLayout, QLabel, QListWidget, QListWidgetItem,
                               QPlainTextEdit, QRadioButton, QVBoxLayout, QWidget)
from PySide6.QtCore import Qt

from pcdesk.errors import PcdeskError
from pcdesk.services import Workspace
from pcdesk.settings import load_settings
from pcdesk.takeout import rules, service
from pcdesk.takeout.fields import ELECTRONIC, RETURN, RETURN_CONDITIONS, RETURN_PROBLEM
from pcdesk.takeout.model import TakeoutApplication
from pcdesk.takeout.screens import detail_rows, history_lines
from pcdesk.ui.widgets import (ProblemLabel, SummaryForm, close_only, date_edit, heading, hint, ok_cancel,
                               scroll_area, subheading, to_date)


class DetailDialog(QDialog):
    """Everything about one application, and who moved it when."""

    def __init__(self, ws: Workspace, app: TakeoutApplication, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        style = load_settings(ws).date_style
        self.setWindowTitle(f"{app.number} — 持出し申請")
        self.resize(720, 640)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(heading(f"{app.number}　{app.applicant_name}"))
        self.summary = SummaryForm()
        self.summary.show_rows(detail_rows(app, style))
        layout.addWidget(self.summary)
        layout.addWidget(subheading("経過"))
        self.history = QLabel("\n".join(history_lines(service.events(ws, app.id), style)) or "（まだありません）")
        self.history.setWordWrap(True)
        self.history.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.history)
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll_area(content), 1)
        outer.addWidget(close_only(self))


class DecisionDialog(QDialog):
    """The approver's answer to an application: 承認, 差戻し or 却下 (the last two with a reason)."""

    def __init__(self, ws: Workspace, app: TakeoutApplication, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.app = ws, app
        self.done_action = ""
        style = load_settings(ws).date_style
        self.setWindowTitle(f"{app.number} の承認 — 持出し申請")
        self.resize(680, 620)
        summary = SummaryForm()
        summary.show_rows(detail_rows(app, style))
        self.choices = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for action, text in ((rules.APPROVE, "承認する"), (rules.SEND_BACK, "差し戻す（直して出し直してもらう）"),
                             (rules.REJECT, "却下する（持出しを認めない）")):
            self.buttons[action] = QRadioButton(text)
            self.choices.addButton(self.buttons[action])
        self.buttons[rules.APPROVE].setChecked(True)
        self.reason = QPlainTextEdit()
        self.reason.setFixedHeight(64)
        self.reason.setPlaceholderText("差戻し・却下の理由（例: 持出し先の住所を書いてください）")
        self.reason.setAccessibleName("理由")
        self.problems = ProblemLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(scroll_area(summary), 1)
        layout.addWidget(subheading("判断"))
        for button in self.buttons.values():
            layout.addWidget(button)
        layout.addWidget(self.reason)
        layout.addWidget(hint("承認すると、申請者が持ち出せるようになります。自分の申請は承認できません。"))
        layout.addWidget(self.problems)
        self.ok = ok_cancel(self, "決定")
        layout.addWidget(self.ok)

    def chosen(self) -> str:
        return next(a for a, b in self.buttons.items() if b.isChecked())

    def accept(self) -> None:
        action = self.chosen()
        try:
            service.act(self.ws, self.app.id, action, self.ws.require(), self.reason.toPlainText())
        except PcdeskError as exc:
            self.problems.show_error(exc)
            return
        self.done_action = action
        super().accept()


class TripDialog(QDialog):
    """A take-out under a standing approval: when this trip comes back."""

    def __init__(self, app: TakeoutApplication, default: dt.date, period: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{app.number} の持出し")
        self.due = date_edit(QDate(default.year, default.month, default.day))
        form = QFormLayout()
        form.addRow("今回の返却予定日", self.due)
        layout = QVBoxLayout(self)
        layout.addWidget(hint(f"包括承認（期間: {period}）による今回の持出しを記録します。"
                              "今回の返却予定日を選んでください（期間の末日まで）。"))
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self, "持出しを記録"))

    def chosen(self) -> dt.date:
        return to_date(self.due.date())


class ReturnDialog(QDialog):
    """返却確認 by someone other than the applicant: condition, virus check, copies deleted."""

    def __init__(self, ws: Workspace, app: TakeoutApplication, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.app = ws, app
        self.setWindowTitle(f"{app.number} の返却確認")
        self.resize(600, 520)
        electronic = any(a.kind in ELECTRONIC for a in app.assets)
        self.conditions = QButtonGroup(self)
        self.condition_buttons: dict[str, QRadioButton] = {}
        for value, text in RETURN_CONDITIONS:
            self.condition_buttons[value] = QRadioButton(text)
            self.conditions.addButton(self.condition_buttons[value])
        self.note = QPlainTextEdit()
        self.note.setFixedHeight(60)
        self.note.setPlaceholderText(RETURN["condition_note"].example)
        self.note.setAccessibleName(RETURN["condition_note"].label)
        self.lost = QListWidget()
        self.lost.setMaximumHeight(90)
        for a in app.assets:
            item = QListWidgetItem(f"{a.number}　{a.model}")
            item.setData(Qt.ItemDataRole.UserRole, a.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.lost.addItem(item)
        self.virus = QCheckBox("返却された媒体のウイルスチェックをした" if electronic else "ウイルスチェック（紙のみのため対象外）")
        self.virus.setEnabled(electronic)
        self.copies = QCheckBox("持ち出した情報の複製・一時ファイルを消去した（紙は廃棄した）")
        self.problems = ProblemLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(heading(f"{app.number}　{app.applicant_name}"))
        layout.addWidget(hint("持ち出した物が戻ったことを、申請者以外の人が確かめて記録します。"
                              "持出し物: " + "、".join(a.number for a in app.assets)))
        layout.addWidget(subheading(RETURN["condition"].label))
        for button in self.condition_buttons.values():
            layout.addWidget(button)
        self.note_label = QLabel(RETURN["condition_note"].label)
        layout.addWidget(self.note_label)
        layout.addWidget(self.note)
        self.lost_label = QLabel("紛失した資産（あれば印を付けます。資産台帳で「紛失」になります）")
        layout.addWidget(self.lost_label)
        layout.addWidget(self.lost)
        layout.addWidget(subheading("返却後の処置"))
        layout.addWidget(self.virus)
        layout.addWidget(self.copies)
        layout.addStretch(1)
        layout.addWidget(self.problems)
        layout.addWidget(ok_cancel(self, "返却を確認"))
        self.conditions.buttonToggled.connect(lambda *_: self._condition_changed())
        self._condition_changed()

    def _condition_changed(self) -> None:
        problem = self.condition_buttons[RETURN_PROBLEM].isChecked()
        for w in (self.note_label, self.note, self.lost_label, self.lost):
            w.setVisible(problem)

    def values(self) -> dict:
        condition = next((v for v, b in self.condition_buttons.items() if b.isChecked()), "")
        lost = [self.lost.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.lost.count())
                if self.lost.item(i).checkState() == Qt.CheckState.Checked] if condition == RETURN_PROBLEM else []
        return {"condition": condition, "condition_note": self.note.toPlainText().strip() if condition == RETURN_PROBLEM
                else "", "virus_checked": self.virus.isChecked(), "copies_deleted": self.copies.isChecked(),
                "lost_asset_ids": lost}

    def accept(self) -> None:
        try:
            service.confirm_return(self.ws, self.app.id, self.values())
        except PcdeskError as exc:
            self.problems.show_error(exc)
            return
        super().accept()


class ReminderDialog(QDialog):
    """The reminder for an overdue take-out: copy it into an e-mail, or print it."""

    def __init__(self, ws: Workspace, app: TakeoutApplication, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.app = ws, app
        self.setWindowTitle(f"{app.number} の督促状")
        self.resize(640, 560)
        self.text = QPlainTextEdit(text)
        self.text.setAccessibleName("督促状の文面")
        self.status = hint("文面は直してからコピー・印刷できます。1行目は件名です。")
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.status)
        buttons = close_only(self)
        self.copy_button = buttons.add_action("コピー（メール用）", self.copy)
        self.print_button = buttons.add_action("印刷…", self.print_reminder)
        layout.addWidget(buttons)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
        self.status.setText("クリップボードにコピーしました。メールの本文に貼り付けてください（1行目は件名です）。")

    def print_reminder(self) -> None:
        from pcdesk.output.export import print_path, render_form
        from pcdesk.takeout.ledgers import reminder_form_values
        from pcdesk.ui.messages import user_errors
        from pcdesk.ui.output.viewer import open_in_viewer

        with user_errors(self):
            # The text as shown, with any changes made here, is what is printed.
            values = {**reminder_form_values(self.ws, self.app.id), "body": self.text.toPlainText()}
            result = render_form(self.ws, "takeout_reminder", {}, print_path("takeout_reminder"), record=values)
            if open_in_viewer(self, result.path, printing=True):
                self.status.setText("PDF ビューアーで開きました。ビューアーの印刷ボタンから印刷してください。")
