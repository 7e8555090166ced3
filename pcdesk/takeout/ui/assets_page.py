"""持出し資産: the register of what may be taken out, with its encryption and where it is now;
unencrypted media are marked (they never carry personal data)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QInputDialog, QLabel, QLineEdit, QPlainTextEdit,
                               QPushButton, QVBoxLayout, QWidget)

from pcdesk.company.service import list_departments
from pcdesk.errors import PcdeskError
from pcdesk.services import ADMIN, Workspace
from pcdesk.takeout.assets import (EDITORS, FIELD, AssetFilter, create_asset, department_names, dispose_asset,
                                   get_asset, list_assets, mark_found, report_lost, suggest_number, update_asset)
from pcdesk.takeout.fields import ASSET_KINDS, ASSET_STATUSES, ELECTRONIC, LOST, PAPER
from pcdesk.takeout.model import TakeoutAsset
from pcdesk.takeout.screens import asset_rows
from pcdesk.takeout.ui.models import AssetTableModel
from pcdesk.ui.messages import user_errors
from pcdesk.ui.page import (ALL, action_button, action_row, filter_row, menu_action, more_button, open_dialog,
                            page_layout, refill_combo)
from pcdesk.ui.table import ROW_ID_ROLE, row_table
from pcdesk.ui.widgets import ProblemLabel, form_layout, hint, ok_cancel

COLUMN_SAMPLES = ["USB-0000", "外付けディスク", "暗号化USBメモリ 32GB", "あり（BitLocker）", "持出中（TO-2026-0000）",
                  "営業部", "営業1課 共用", "PF3ABC1234"]


class AssetDialog(QDialog):
    """Add an asset, or change one; `saved` holds it after 保存."""

    def __init__(self, ws: Workspace, asset: TakeoutAsset | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.asset = ws, asset
        self.saved: TakeoutAsset | None = None
        self.setWindowTitle(f"{asset.number} — 持出し資産" if asset else "資産の登録 — 持出し資産")
        self.resize(560, 480)
        self.kind = QComboBox()
        for value, text in ASSET_KINDS:
            self.kind.addItem(text, value)
        self.number = QLineEdit()
        self.model_name = QLineEdit()
        self.serial = QLineEdit()
        self.encrypted = QCheckBox("暗号化している")
        self.method = QLineEdit()
        self.department = QComboBox()
        self.department.addItem("（なし）", None)
        for d in list_departments(ws):
            self.department.addItem(d.name, d.id)
        self.owner = QLineEdit()
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(60)
        for key, widget in (("number", self.number), ("model", self.model_name), ("serial", self.serial),
                            ("encryption_method", self.method), ("owner", self.owner)):
            widget.setPlaceholderText(FIELD[key].placeholder)
            widget.setAccessibleName(FIELD[key].label)
        form = form_layout()
        form.addRow(FIELD["kind"].label, self.kind)
        form.addRow(FIELD["number"].label, self.number)
        form.addRow(FIELD["model"].label, self.model_name)
        form.addRow(FIELD["serial"].label, self.serial)
        form.addRow(FIELD["encrypted"].label, self.encrypted)
        form.addRow(FIELD["encryption_method"].label, self.method)
        form.addRow(FIELD["department_id"].label, self.department)
        form.addRow(FIELD["owner"].label, self.owner)
        form.addRow(FIELD["notes"].label, self.notes)
        self.warning = hint("")
        self.warning.setStyleSheet("color: #9a5b00;")
        self.problems = ProblemLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(self.problems)
        layout.addStretch(1)
        layout.addWidget(ok_cancel(self, "保存"))
        if asset is not None:
            self.kind.setCurrentIndex(max(self.kind.findData(asset.kind), 0))
            self.number.setText(asset.number)
            self.model_name.setText(asset.model)
            self.serial.setText(asset.serial)
            self.encrypted.setChecked(asset.encrypted)
            self.method.setText(asset.encryption_method)
            self.department.setCurrentIndex(max(self.department.findData(asset.department_id), 0))
            self.owner.setText(asset.owner)
            self.notes.setPlainText(asset.notes)
        else:
            self.number.setPlaceholderText(f"空欄なら {suggest_number(ws, self.kind.currentData())}")
        self.kind.currentIndexChanged.connect(self._changed)
        self.encrypted.toggled.connect(self._changed)
        self._changed()

    def _changed(self) -> None:
        kind = self.kind.currentData()
        paper = kind == PAPER
        self.encrypted.setEnabled(not paper)
        if paper:
            self.encrypted.setChecked(False)
        self.method.setEnabled(self.encrypted.isChecked())
        if self.asset is None:
            self.number.setPlaceholderText(f"空欄なら {suggest_number(self.ws, kind)}")
        bare = kind in ELECTRONIC and not self.encrypted.isChecked()
        self.warning.setText("暗号化されていない電子媒体は、個人情報を含む持出しには選べません。" if bare else "")

    def values(self) -> dict[str, Any]:
        return {"kind": self.kind.currentData(), "number": self.number.text(), "model": self.model_name.text(),
                "serial": self.serial.text(), "encrypted": self.encrypted.isChecked(),
                "encryption_method": self.method.text(), "department_id": self.department.currentData(),
                "owner": self.owner.text(), "notes": self.notes.toPlainText()}

    def accept(self) -> None:
        try:
            self.saved = (update_asset(self.ws, self.asset.id, self.values()) if self.asset is not None
                          else create_asset(self.ws, self.values()))
        except PcdeskError as exc:
            self.problems.show_error(exc)
            return
        super().accept()


class AssetsPage(QWidget):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.dialog: QDialog | None = None
        self.assets: dict[int, TakeoutAsset] = {}
        editor = ws.actor is not None and any(ws.actor.has(r) for r in EDITORS)
        admin = ws.actor is not None and ws.actor.has(ADMIN)

        self.kind = QComboBox()
        self.kind.setAccessibleName("種類")
        self.kind.addItem(ALL, None)
        for value, text in ASSET_KINDS:
            self.kind.addItem(text, value)
        self.state = QComboBox()
        self.state.setAccessibleName("状態")
        refill_combo(self.state, [(ALL, None), *((text, value) for value, text in ASSET_STATUSES)])
        self.unencrypted = QCheckBox("暗号化なしだけ")
        self.search = QLineEdit()
        self.search.setPlaceholderText("資産番号・機種・使用者で検索")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("検索")
        self.count_label = QLabel()
        filters = filter_row("種類", self.kind, "状態", self.state, self.unencrypted, self.search, grow=self.search)

        self.model = AssetTableModel(self)
        self.table = row_table(self.model, COLUMN_SAMPLES)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.add_button = action_button("資産を登録…", self.add_asset, "持ち出すことのあるPC・USBメモリなどを登録します。", True)
        self.edit_button = action_button("編集…", self.edit_selected)
        self.lost_action = menu_action(self, "紛失を記録…", self.lost_selected, "社内で見当たらなくなった資産を「紛失」にします。")
        self.found_action = menu_action(self, "見つかった…", self.found_selected, "紛失していた資産を「社内」に戻します。")
        self.dispose_action = menu_action(self, "廃棄を記録…", self.dispose_selected, "廃棄した資産を「廃棄」にします（管理者）。")
        self.dispose_action.setVisible(admin)
        self.more_button = more_button(self.lost_action, self.found_action, self.dispose_action)
        for w in (self.add_button, self.edit_button):
            w.setVisible(editor)
        self.lost_action.setVisible(editor)
        self.found_action.setVisible(editor)
        self.export_button = QPushButton("出力…")
        self.export_button.setToolTip("持出し資産台帳を Excel / PDF に出力します。")
        self.export_button.clicked.connect(self.export)
        actions = action_row(self.add_button, self.edit_button, self.more_button, right=(self.export_button,))

        layout = page_layout(self, "持出し資産", self.count_label,
                             note="社外に持ち出すことのある PC・USBメモリ・外付けディスク・スマートフォン・書類ファイルの台帳です。"
                                  "登録された資産だけが持出し申請で選べます。暗号化のない電子媒体には個人情報を入れて持ち出せません。")
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        for combo in (self.kind, self.state):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.unencrypted.toggled.connect(self.apply_filter)
        self.search.textChanged.connect(self.apply_filter)
        self.refresh()

    def refresh(self) -> None:
        self.apply_filter()

    def apply_filter(self) -> None:
        from pcdesk.takeout.queries import ApplicationFilter, list_applications

        with user_errors(self):
            chosen = self.selected_id()
            filt = AssetFilter(kind=self.kind.currentData(), status=self.state.currentData(), include_disposed=True,
                               unencrypted=self.unencrypted.isChecked(), text=self.search.text())
            assets = list_assets(self.ws, filt)
            self.assets = {a.id: a for a in assets}
            out_with = {a.id: app.number for app in list_applications(self.ws, ApplicationFilter(state="out"))
                        for a in app.assets}
            rows = asset_rows(assets, department_names(self.ws), out_with)
            self.model.set_rows(rows)
            bare = sum(r.unencrypted and not r.gone for r in rows)
            self.count_label.setText(f"{len(rows)} 件" + (f"（うち暗号化なしの電子媒体 {bare} 件）" if bare else ""))
            if chosen is not None and self.model.row_of(chosen) >= 0:
                self.table.selectRow(self.model.row_of(chosen))
        self._update_buttons()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return rows[0].data(ROW_ID_ROLE) if rows else None

    def selected(self) -> TakeoutAsset | None:
        chosen = self.selected_id()
        return self.assets.get(chosen) if chosen is not None else None

    def _update_buttons(self) -> None:
        a = self.selected()
        self.edit_button.setEnabled(a is not None)
        self.lost_action.setEnabled(a is not None and a.status == "in_office")
        self.found_action.setEnabled(a is not None and a.status == LOST)
        self.dispose_action.setEnabled(a is not None and a.status in ("in_office", LOST))

    def add_asset(self) -> None:
        with user_errors(self):
            self._run(AssetDialog(self.ws, parent=self))

    def edit_selected(self) -> None:
        a = self.selected()
        if a is not None:
            with user_errors(self):
                self._run(AssetDialog(self.ws, get_asset(self.ws, a.id), self))

    def _run(self, dialog: AssetDialog) -> None:
        def closed(_result: int) -> None:
            if dialog.saved is not None:
                self.apply_filter()
                row = self.model.row_of(dialog.saved.id)
                if row >= 0:
                    self.table.selectRow(row)
        open_dialog(self, dialog, closed)

    def _status_change(self, title: str, prompt: str, change) -> None:  # type: ignore[no-untyped-def]
        a = self.selected()
        if a is None:
            return
        reason, ok = QInputDialog.getText(self, title, f"{a.number} {a.model}\n{prompt}")
        if not ok:
            return
        with user_errors(self):
            change(self.ws, a.id, reason)
            self.apply_filter()

    def lost_selected(self) -> None:
        self._status_change("紛失を記録", "いつ、どこで見当たらなくなったかを入力してください。", report_lost)

    def found_selected(self) -> None:
        self._status_change("見つかった", "どこで見つかったかを入力してください。", mark_found)

    def dispose_selected(self) -> None:
        self._status_change("廃棄を記録", "廃棄の方法（データ消去の方法と証明書の保管場所など）を入力してください。", dispose_asset)

    def export(self) -> None:
        from pcdesk.ui.output.export_dialog import open_export_dialog

        filters = {k: v for k, v in {"kind": self.kind.currentData(), "status": self.state.currentData(),
                                     "unencrypted": self.unencrypted.isChecked() or None}.items() if v}
        with user_errors(self):
            open_export_dialog(self, self.ws, "takeout_assets", filters)
