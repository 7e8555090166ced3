"""Draws installer/pcdesk.ico (the executable's and the setup program's icon) from the
app's own shield icon, pcdesk/ui/resources/icons/audit.svg: white on the header blue.

    python installer/make_icon.py        (needs PySide6 and Pillow, both already installed)

The .ico is committed, so a Windows build does not need to run this.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image  # noqa: E402
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "pcdesk" / "ui" / "resources" / "icons" / "audit.svg"
TARGET = ROOT / "installer" / "pcdesk.ico"
BLUE = "#1f4e79"  # style.qss: the header
SIZES = [16, 24, 32, 48, 64, 128, 256]


def render(size: int) -> Image.Image:
    svg = SOURCE.read_text(encoding="utf-8").replace(f'stroke="{BLUE}"', 'stroke="#ffffff"')
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(BLUE))
    painter.drawRoundedRect(QRectF(0, 0, size, size), size * 0.18, size * 0.18)
    margin = size * 0.14
    QSvgRenderer(QByteArray(svg.encode())).render(painter, QRectF(margin, margin, size - 2 * margin, size - 2 * margin))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(data))).convert("RGBA")


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    largest = render(256)
    # Each size drawn on its own, so the small ones stay sharp instead of being scaled down.
    frames = {size: render(size) for size in SIZES}
    largest.save(TARGET, format="ICO", sizes=[(s, s) for s in SIZES],
                 append_images=[frames[s] for s in SIZES if s != 256])
    print(f"{TARGET} ({', '.join(map(str, SIZES))} px)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
