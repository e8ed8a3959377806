"""Render the application icon (resources/icons/ln-scheduler.svg) into the PNG sizes that
desktops, the window title bar and PyInstaller use, and a Windows .ico.

    python packaging/make_icons.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "src" / "ln_scheduler" / "resources" / "icons"
SIZES = (16, 32, 48, 64, 128, 256)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - QImage painting needs an application
    renderer = QSvgRenderer(str(ICONS / "ln-scheduler.svg"))
    if not renderer.isValid():
        print("the SVG icon could not be read", file=sys.stderr)
        return 1
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(ICONS / f"ln-scheduler-{size}.png"))
    big = QImage(str(ICONS / "ln-scheduler-256.png"))
    big.save(str(ICONS / "ln-scheduler.ico"))
    print(f"wrote {len(SIZES)} PNGs and an .ico into {ICONS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
