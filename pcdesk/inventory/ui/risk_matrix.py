"""The risk matrix: likelihood (rows) × impact (columns), each cell coloured by its level
and showing how many risks fall in it; clicking a cell asks the table to show only those."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from pcdesk.inventory.choices import IMPACT_LABELS, LEVEL_HIGH, LEVEL_LOW, LEVEL_MEDIUM, LIKELIHOOD_LABELS
from pcdesk.inventory.risk import HIGH_FROM, MEDIUM_FROM, RiskMatrix
from pcdesk.inventory.ui.risk_model import LEVEL_COLORS

SELECTED_BORDER = "#1f4e79"


class RiskMatrixWidget(QWidget):
    cellClicked = Signal(int, int)  # likelihood, impact  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matrix = RiskMatrix()
        self.selected: tuple[int, int] | None = None
        self.cells: dict[tuple[int, int], QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(3)
        rows, cols = self.matrix.likelihoods, self.matrix.impacts
        side = QLabel("発生可能性")
        side.setAlignment(Qt.AlignmentFlag.AlignCenter)
        side.setObjectName("hint")
        grid.addWidget(side, 0, 0, 1, 1)
        for c, impact in enumerate(cols):
            head = QLabel(f"{impact}\n{IMPACT_LABELS.get(impact, '')}")
            head.setAlignment(Qt.AlignmentFlag.AlignCenter)
            head.setObjectName("hint")
            grid.addWidget(head, 0, c + 1)
        for r, likelihood in enumerate(rows):
            label = QLabel(f"{likelihood} {LIKELIHOOD_LABELS.get(likelihood, '').split('（')[0]}")
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            label.setObjectName("hint")
            grid.addWidget(label, r + 1, 0)
            for c, impact in enumerate(cols):
                button = QPushButton()
                button.setMinimumSize(44, 30)
                button.setMaximumSize(72, 40)
                button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
                button.setCursor(Qt.CursorShape.PointingHandCursor)
                button.clicked.connect(lambda _=False, li=likelihood, im=impact: self.cellClicked.emit(li, im))
                self.cells[(likelihood, impact)] = button
                grid.addWidget(button, r + 1, c + 1)
        bottom = QLabel("影響度 →")
        bottom.setObjectName("hint")
        bottom.setAlignment(Qt.AlignmentFlag.AlignCenter)
        grid.addWidget(bottom, len(rows) + 1, 1, 1, len(cols))
        self.legend = QLabel(f"評価点＝発生可能性×影響度　高: {HIGH_FROM}以上　中: {MEDIUM_FROM}〜{HIGH_FROM - 1}　"
                             f"低: {MEDIUM_FROM - 1}以下")
        self.legend.setObjectName("hint")
        self.legend.setWordWrap(True)
        self.totals = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addSpacing(6)
        layout.addWidget(self.totals)
        layout.addWidget(self.legend)
        layout.addStretch(1)
        self.set_matrix(self.matrix)

    def set_matrix(self, matrix: RiskMatrix, selected: tuple[int, int] | None = None) -> None:
        self.matrix, self.selected = matrix, selected
        for (likelihood, impact), button in self.cells.items():
            n = matrix.count(likelihood, impact)
            level = matrix.level(likelihood, impact)
            color = LEVEL_COLORS[level].name()
            border = f"3px solid {SELECTED_BORDER}" if selected == (likelihood, impact) else "1px solid #c9d1db"
            button.setText(str(n) if n else "")
            button.setStyleSheet(f"QPushButton {{ background: {color}; border: {border}; border-radius: 3px;"
                                 f" font-size: 12pt; font-weight: bold; color: #1f2d3d; padding: 0; }}")
            button.setToolTip(f"発生可能性 {likelihood} × 影響度 {impact} = {likelihood * impact}（{level}）: {n}件"
                              + ("\nクリックすると、この枠のリスクだけを表に表示します。" if n else ""))
            button.setAccessibleName(f"発生可能性{likelihood} 影響度{impact} {n}件")
        by = matrix.by_level()
        self.totals.setText(f"合計 {matrix.total} 件　（高 {by[LEVEL_HIGH]}・中 {by[LEVEL_MEDIUM]}・低 {by[LEVEL_LOW]}）")

    def count_text(self, likelihood: int, impact: int) -> str:
        return self.cells[(likelihood, impact)].text()
