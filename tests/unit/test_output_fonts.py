"""Which Japanese font goes into the PDF, and what the person is told when there is none."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from pcdesk.output import fonts
from pcdesk.output.export import export_ledger
from pcdesk.output.fonts import FontNotFound, candidates, find_font, parse_choice
from pcdesk.settings import load_settings, save_settings

IPAEX_MINCHO = "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf"


def test_linux_prefers_ipaex_gothic():
    font = find_font(platform="linux")
    assert font.path.name in ("ipaexg.ttf", "fonts-japanese-gothic.ttf")
    assert font.family == "IPAexゴシック"


def test_windows_search_order_and_ttc_face(tmp_path, monkeypatch):
    fonts_dir = tmp_path / "Fonts"
    fonts_dir.mkdir()
    for name in ("meiryo.ttc", "msgothic.ttc", "YuGothR.ttc"):
        (fonts_dir / name).write_bytes(b"")
    monkeypatch.setenv("WINDIR", str(tmp_path))
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    found = candidates(platform="win32")
    assert [f.family for f in found] == ["游ゴシック", "MS ゴシック", "メイリオ"]
    assert all(f.subfont_index == 0 for f in found)
    (fonts_dir / "BIZ-UDGothicR.ttc").write_bytes(b"")
    assert candidates(platform="win32")[0].family == "BIZ UDゴシック"


def test_setting_may_name_a_ttc_face():
    choice = parse_choice(r"C:\Windows\Fonts\msgothic.ttc#2")
    assert choice.subfont_index == 2 and choice.path.name.endswith("msgothic.ttc")


def test_no_font_found_names_what_to_install(monkeypatch):
    monkeypatch.setattr(fonts, "candidates", lambda platform=None: [])
    with pytest.raises(FontNotFound, match="sudo apt install fonts-ipaexfont"):
        find_font(platform="linux")
    with pytest.raises(FontNotFound, match="BIZ UDゴシック・游ゴシック・MS ゴシック・メイリオ"):
        find_font(platform="win32")


def test_chosen_font_that_is_not_truetype_is_refused_clearly(tmp_path):
    bad = tmp_path / "fake.ttf"
    bad.write_bytes(b"not a font at all")
    with pytest.raises(FontNotFound, match="設定の「PDF の日本語フォント」.*使えません") as err:
        find_font(str(bad))
    assert "TrueType フォントとして読めません（壊れているか、フォントではないファイルです）。" in str(err.value)
    assert "version" not in str(err.value) and "Error" not in str(err.value)  # no English from reportlab


def test_missing_font_stops_the_export_before_any_file_is_written(demo, tmp_path, monkeypatch):
    ws, _ = demo
    monkeypatch.setattr(fonts, "candidates", lambda platform=None: [])
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with pytest.raises(FontNotFound):
        export_ledger(ws, "audit_log", "pdf", out_dir / "a.pdf")
    assert list(out_dir.iterdir()) == []


@pytest.mark.skipif(not (shutil.which("pdffonts") and __import__("os").path.exists(IPAEX_MINCHO)),
                    reason="fonts-ipaexfont と poppler-utils が必要です")
def test_font_chosen_in_settings_is_the_one_embedded(demo, tmp_path):
    ws, _ = demo
    settings = load_settings(ws)
    settings.pdf_font_path = IPAEX_MINCHO
    save_settings(ws, settings)
    out = tmp_path / "a.pdf"
    export_ledger(ws, "accounts", "pdf", out)
    listing = subprocess.run(["pdffonts", out], capture_output=True, text=True).stdout
    assert "IPAexMincho" in listing and "IPAexGothic" not in listing
