"""Home: who and where we are, today's date, and what needs attention."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from pcdesk.accounts.service import list_users
from pcdesk.company.service import get_company, list_departments
from pcdesk.dates import format_date, today
from pcdesk.home import Attention, attention_items
from pcdesk.services import ADMIN, Workspace
from pcdesk.settings import load_settings
from pcdesk.ui.shell.pages import page_by_id
from pcdesk.ui.widgets import card, clear_layout, heading, hint, scroll_area, subheading

WEEKDAYS = "月火水木金土日"
SEVERITY_COLORS = {"ok": "#2e7d32", "info": "#1f4e79", "warning": "#b36b00", "danger": "#b00020"}


class HomePage(QWidget):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.company_label = heading("")
        self.date_label = subheading()
        self.user_label = hint("")

        self.attention_card, attention_layout = card("対応が必要なこと")
        self.attention_list = QVBoxLayout()
        attention_layout.addLayout(self.attention_list)

        self.counts_card, counts_layout = card("登録の状況")
        self.counts_grid = QGridLayout()
        self.counts_grid.setHorizontalSpacing(28)
        counts_layout.addLayout(self.counts_grid)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(28, 22, 28, 22)
        layout.setSpacing(12)
        layout.addWidget(self.company_label)
        layout.addWidget(self.date_label)
        layout.addWidget(self.user_label)
        layout.addSpacing(6)
        layout.addWidget(self.attention_card)
        layout.addWidget(self.counts_card)
        layout.addStretch(1)
        scroll = scroll_area(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.refresh()

    def date_text(self) -> str:
        day = today()
        style = load_settings(self.ws).date_style
        return f"{format_date(day, style)}（{WEEKDAYS[day.weekday()]}）"

    def refresh(self) -> None:
        company = get_company(self.ws)
        self.company_label.setText(company.name if company else "会社情報が未設定です")
        self.date_label.setText(self.date_text())
        actor = self.ws.actor
        if actor is not None:
            self.user_label.setText(f"ようこそ、{actor.name} さん。")
        self._fill_attention()
        self._fill_counts()

    def visible_attention(self) -> list[Attention]:
        """Items whose page this person may open (a receptionist is not told about accounts)."""
        actor = self.ws.actor
        shown = []
        for item in attention_items(self.ws):
            spec = page_by_id(item.page) if item.page else None
            if spec is not None and not spec.allows(actor):
                continue
            if spec is None and (actor is None or actor.kiosk_only):
                continue
            shown.append(item)
        return shown

    def _fill_attention(self) -> None:
        clear_layout(self.attention_list)
        items = self.visible_attention()
        if not items:
            self.attention_list.addWidget(hint("いま対応が必要なことはありません。"))
        for item in items:
            color = SEVERITY_COLORS.get(item.severity, SEVERITY_COLORS["info"])
            text = html.escape(item.text)
            if item.page:
                target = f"{item.page}#{item.focus}" if item.focus else item.page
                text = f'<a href="{html.escape(target)}" style="color:{color}">{text}</a>'
            label = QLabel(f'<span style="color:{color}">●</span>&nbsp;{text}')
            label.setObjectName("attention")
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            label.linkActivated.connect(self.open_page)
            self.attention_list.addWidget(label)

    def open_page(self, target: str) -> None:
        """Open "page" or "page#focus"; a page that knows the focus hint filters to it."""
        page_id, _, focus = target.partition("#")
        window = self.window()
        if hasattr(window, "show_page"):
            page = window.show_page(page_id)
            if focus and hasattr(page, "focus"):
                page.focus(focus)

    def counts(self) -> list[tuple[str, str]]:
        actor = self.ws.actor
        if actor is None or not actor.has(ADMIN):
            return []
        users = [u for u in list_users(self.ws) if u.active]
        from pcdesk.audit.query import AuditFilter, count_entries

        return [("アカウント", f"{len(users)} 人"),
                ("部門", f"{len(list_departments(self.ws))}"),
                ("監査ログ", f"{count_entries(self.ws, AuditFilter()):,} 件")]

    def _fill_counts(self) -> None:
        clear_layout(self.counts_grid)
        counts = self.counts()
        self.counts_card.setVisible(bool(counts))
        for col, (label, value) in enumerate(counts):
            number = QLabel(value)
            number.setObjectName("count")
            self.counts_grid.addWidget(number, 0, col)
            self.counts_grid.addWidget(hint(label), 1, col)
        self.counts_grid.setColumnStretch(len(counts), 1)
