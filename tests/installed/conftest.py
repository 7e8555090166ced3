"""Fixtures for the installed-program tests (tests/installed/programs.py runs the programs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.installed.programs import SUMMARY


def pytest_terminal_summary(terminalreporter) -> None:
    for line in SUMMARY:
        terminalreporter.write_line(line)


@pytest.fixture
def workdir(tmp_path) -> Path:
    folder = tmp_path / "利用者 フォルダ"  # a space and Japanese, like C:\Users\山田 太郎\
    folder.mkdir()
    return folder
