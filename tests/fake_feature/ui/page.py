from PySide6.QtWidgets import QLabel


class FakePage(QLabel):
    def __init__(self, ws, parent=None) -> None:
        super().__init__("試験用の画面です", parent)
