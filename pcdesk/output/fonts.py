"""Finding and registering the Japanese TrueType font embedded in every PDF.

Order: the font chosen in settings; on Windows BIZ UDGothic, Yu Gothic, MS Gothic,
Meiryo; on Linux IPAex, IPA, Takao. CID fonts are never used: they are not embedded
and print as boxes on a PC without them.
"""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pcdesk.errors import PcdeskError

FONT_NAME = "PcdeskJP"  # prefix of the names the PDF writers draw with


class FontNotFound(PcdeskError):
    pass


@dataclass(frozen=True)
class FontFile:
    path: Path
    subfont_index: int = 0  # which face of a .ttc collection
    family: str = ""  # the name shown to the user

    def describe(self) -> str:
        face = f"（{self.subfont_index}番目の書体）" if self.path.suffix.lower() == ".ttc" else ""
        return f"{self.family or self.path.stem}: {self.path}{face}"


# (file name, subfont index, family). The .ttc indexes pick the fixed-pitch face a ledger wants.
WINDOWS_FONTS = [
    ("BIZ-UDGothicR.ttc", 0, "BIZ UDゴシック"),
    ("YuGothR.ttc", 0, "游ゴシック"),
    ("msgothic.ttc", 0, "MS ゴシック"),
    ("meiryo.ttc", 0, "メイリオ"),
]
LINUX_FONTS = [
    ("ipaexg.ttf", 0, "IPAexゴシック"),
    ("fonts-japanese-gothic.ttf", 0, "IPAexゴシック"),
    ("ipag.ttf", 0, "IPAゴシック"),
    ("ipagp.ttf", 0, "IPA Pゴシック"),
    ("TakaoGothic.ttf", 0, "Takaoゴシック"),
    ("TakaoPGothic.ttf", 0, "Takao Pゴシック"),
]

INSTALL_HINT_WINDOWS = ("Windows 標準の日本語フォント（BIZ UDゴシック・游ゴシック・MS ゴシック・メイリオ）が"
                        "見つかりません。Windows の「設定 → 個人用設定 → フォント」から日本語の追加フォントを"
                        "入れるか、設定の「PDF の日本語フォント」で .ttf/.ttc ファイルを選んでください。")
INSTALL_HINT_LINUX = ("PDF に埋め込む日本語フォントが見つかりません。IPAex フォントを入れてください"
                      "（Debian/Ubuntu: sudo apt install fonts-ipaexfont）。または設定の"
                      "「PDF の日本語フォント」で .ttf/.ttc ファイルを選んでください。")


def windows_font_dirs() -> list[Path]:
    dirs = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
    local = os.environ.get("LOCALAPPDATA")
    if local:
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")  # fonts installed for one user
    return dirs


def linux_font_dirs() -> list[Path]:
    home = Path.home()
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"),
            home / ".local" / "share" / "fonts", home / ".fonts"]


def _bundled_dir() -> Path:
    return Path(__file__).resolve().parents[1] / "_bundled" / "fonts"


def _find_in(dirs: list[Path], names: set[str], recursive: bool) -> dict[str, Path]:
    found: dict[str, Path] = {}
    lowered = {n.lower(): n for n in names}
    for folder in dirs:
        if not folder.is_dir():
            continue
        walker = os.walk(folder) if recursive else [(str(folder), [], os.listdir(folder))]
        for root, _dirs, files in walker:
            for f in files:
                want = lowered.get(f.lower())
                if want and want not in found:
                    found[want] = Path(root) / f
    return found


def candidates(platform: str | None = None) -> list[FontFile]:
    """Installed fonts in preference order (the chosen font from settings is not included)."""
    platform = platform or sys.platform
    table = WINDOWS_FONTS if platform == "win32" else LINUX_FONTS
    dirs = windows_font_dirs() if platform == "win32" else linux_font_dirs()
    found = _find_in(dirs, {name for name, _i, _f in table}, recursive=platform != "win32")
    result = [FontFile(found[name], index, family) for name, index, family in table if name in found]
    bundled = _bundled_dir()
    if bundled.is_dir():
        result += [FontFile(p, 0, p.stem) for p in sorted(bundled.glob("*.tt[fc]"))]
    return result


def parse_choice(setting: str) -> FontFile:
    """The settings value: a path, optionally followed by `#n` for a .ttc face (msgothic.ttc#2)."""
    text = setting.strip().strip('"')
    index = 0
    if "#" in text:
        head, _, tail = text.rpartition("#")
        if tail.isdigit():
            text, index = head, int(tail)
    return FontFile(Path(text), index, Path(text).stem)


def _check(font: FontFile) -> str:
    """'' when reportlab can embed the font, else why not (in Japanese)."""
    if not font.path.is_file():
        return "ファイルがありません。"
    return _check_file(str(font.path), font.subfont_index, font.path.stat().st_mtime)


@lru_cache(maxsize=16)
def _check_file(path: str, index: int, _mtime: float) -> str:
    from reportlab.pdfbase.ttfonts import TTFError, TTFontFile

    try:
        face = TTFontFile(path, validate=0, subfontIndex=index)
    except TTFError as exc:
        if "postscript" in str(exc).lower() or "cff" in str(exc).lower():
            return "PostScript（CFF）形式のフォントは埋め込めません。TrueType 形式（IPAex など）を選んでください。"
        if index and "subfont" in str(exc).lower():
            return f"このフォント集（.ttc）に {index} 番の書体はありません。#0 から選び直してください。"
        return "TrueType フォントとして読めません（壊れているか、フォントではないファイルです）。"
    except (OSError, ValueError, IndexError):  # reportlab's own wording is English: say it in Japanese
        return "ファイルを読めません（読み取りの権限がないか、壊れています）。"
    if 0x3042 not in face.charToGlyph or 0x6F22 not in face.charToGlyph:  # あ, 漢
        return "日本語の文字が入っていないフォントです。"
    return ""


def find_font(chosen: str = "", platform: str | None = None) -> FontFile:
    """The font to embed, or FontNotFound whose message says what to install or choose."""
    if chosen.strip():
        font = parse_choice(chosen)
        problem = _check(font)
        if problem:
            raise FontNotFound(f"設定の「PDF の日本語フォント」（{font.path}）を使えません: {problem}"
                               "設定を空欄にすると、使えるフォントを自動で探します。")
        return font
    for font in candidates(platform):
        if not _check(font):
            return font
    raise FontNotFound(INSTALL_HINT_WINDOWS if (platform or sys.platform) == "win32" else INSTALL_HINT_LINUX)


@lru_cache(maxsize=8)
def _register(path: str, index: int) -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    digest = hashlib.sha1(f"{path}#{index}".encode()).hexdigest()[:8]
    name = f"{FONT_NAME}-{digest}"
    pdfmetrics.registerFont(TTFont(name, path, subfontIndex=index))
    return name


def register(font: FontFile) -> str:
    """Register the font with reportlab once per process; returns the name to draw with."""
    return _register(str(font.path), font.subfont_index)
