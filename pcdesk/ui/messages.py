"""Message boxes in one place, so every page speaks the same way and tests can patch them."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from pcdesk.errors import PcdeskError, PermissionDenied, ValidationError

TITLE = "pcdesk"


def info(parent: QWidget | None, text: str, title: str = TITLE) -> None:
    QMessageBox.information(parent, title, text)


def warn(parent: QWidget | None, text: str, title: str = "確認してください") -> None:
    QMessageBox.warning(parent, title, text)


def error(parent: QWidget | None, text: str, title: str = "エラー") -> None:
    QMessageBox.critical(parent, title, text)


def ask(parent: QWidget | None, text: str, title: str = "確認") -> bool:
    answer = QMessageBox.question(parent, title, text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def show_error(parent: QWidget | None, exc: PcdeskError) -> None:
    """A domain error as the user should read it."""
    from pcdesk.ui.progress import TaskCancelled

    if isinstance(exc, TaskCancelled):
        info(parent, str(exc))
    elif isinstance(exc, ValidationError):
        warn(parent, "次の項目を確認してください。\n\n" + exc.message, "入力を確認してください")
    elif isinstance(exc, PermissionDenied):
        warn(parent, str(exc), "権限がありません")
    else:
        error(parent, str(exc))


class user_errors:  # noqa: N801  (used as a statement: `with user_errors(self): ...`)
    """Show a domain error raised inside the block and carry on; `failed` tells afterwards."""

    def __init__(self, parent: QWidget | None) -> None:
        self.parent = parent
        self.failed = False

    def __enter__(self) -> "user_errors":
        return self

    def __exit__(self, exc_type, exc, _tb) -> bool:  # type: ignore[no-untyped-def]
        if exc is not None and isinstance(exc, PcdeskError):
            self.failed = True
            show_error(self.parent, exc)
            return True
        return False
