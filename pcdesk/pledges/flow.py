"""Importing the register as a wizard, without Qt: the file → what was read and what is wrong
→ saved. Nothing is saved before the last step; with a bad row the person must choose to
import only the valid rows (or go back and fix the file)."""

from __future__ import annotations

from pathlib import Path

from pcdesk.errors import FieldProblem, PcdeskError
from pcdesk.flow import Flow
from pcdesk.pledges.importer import ImportPreview, SaveCount, commit, preview_file
from pcdesk.services import Workspace

FILE, CHECK = "file", "check"


class WorkerImportFlow(Flow):
    STEPS = {FILE: "ファイルを選ぶ", CHECK: "読み取った内容の確認"}

    def __init__(self, ws: Workspace, answers: dict | None = None) -> None:
        super().__init__(answers)
        self.ws = ws
        self.preview: ImportPreview | None = None

    def validate(self, step: str) -> list[FieldProblem]:
        if step == FILE:
            path = str(self.get("path") or "").strip().strip('"')
            if not path:
                return [FieldProblem("ファイル", "CSV か Excel のファイルを選んでください。")]
            try:
                self.preview = preview_file(self.ws, Path(path), self.get("sheet") or None)
            except PcdeskError as exc:  # a file that is no table at all: said on the file step
                self.preview = None
                return [FieldProblem("ファイル", str(exc))]
            return []
        if step == CHECK:
            result = self.preview
            if result is None:
                return [FieldProblem("ファイル", "ファイルを読み直してください（戻る）。")]
            if not result.rows:
                return [FieldProblem("取込", "取り込める行がありません。ファイルを直してから読み直してください。")]
            if result.problems and not self.get("valid_only"):
                return [FieldProblem("取込", f"直すところのある行が {len(result.bad_rows)} 行あります。ファイルを直して"
                                           "読み直すか、「正しい行だけを取り込む」を選んでください。")]
        return []

    def finish(self) -> SaveCount:
        """Save what the check step showed (the service checks every row again)."""
        assert self.preview is not None
        return commit(self.ws, self.preview, valid_only=bool(self.get("valid_only")))
