#!/usr/bin/env python3
"""Draw the program's icon with QPainter and write ``resources/icons/app.png`` and ``app.ico``.

    .venv/bin/python tools/make_icon.py [--out DIR]

The picture: a white report sheet with a blue check mark on a deep-blue tile, and a red
official seal (公章) over its lower right corner. Small sizes are drawn with less detail
(no text lines, no star) so they stay legible at 16 px instead of being scaled down.

The .ico container is written by hand: Qt's ico plugin writes one image per file, and a
Windows icon needs every size. Sizes below 256 are 32-bit DIB entries, 256 is PNG-compressed,
which is what Windows' own icons do and what every resource tool (PyInstaller, Inno Setup,
Explorer) reads.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QGuiApplication,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

ROOT = Path(__file__).resolve().parent.parent
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
PNG_SIZE = 256

NAVY = QColor("#1d4f91")
NAVY_DARK = QColor("#143a6e")
PAPER = QColor("#ffffff")
FOLD = QColor("#d5deea")
LINE = QColor("#9aa9bd")
CHECK = QColor("#1d4f91")
SEAL = QColor("#d0201b")


def draw_icon(size: int) -> QImage:
    """The icon at ``size`` x ``size`` pixels, transparent outside the tile."""
    img = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 256, size / 256)  # draw on a 256 grid
    detailed = size >= 32

    # Tile: a rounded square, slightly darker at the bottom edge for depth.
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(NAVY_DARK)
    p.drawRoundedRect(QRectF(8, 12, 240, 236), 44, 44)
    p.setBrush(NAVY)
    p.drawRoundedRect(QRectF(8, 8, 240, 232), 44, 44)

    # The sheet with a folded top-right corner.
    left, top, right, bottom, fold = 56.0, 36.0, 192.0, 216.0, 40.0
    sheet = QPolygonF(
        [
            QPointF(left, top),
            QPointF(right - fold, top),
            QPointF(right, top + fold),
            QPointF(right, bottom),
            QPointF(left, bottom),
        ]
    )
    p.setBrush(PAPER)
    p.drawPolygon(sheet)
    p.setBrush(FOLD)
    p.drawPolygon(
        QPolygonF(
            [
                QPointF(right - fold, top),
                QPointF(right - fold, top + fold),
                QPointF(right, top + fold),
            ]
        )
    )

    if detailed:  # text lines of the report
        p.setPen(QPen(LINE, 9, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        for y, x_end in ((70, 136), (96, 172), (122, 172)):
            p.drawLine(QPointF(left + 20, y), QPointF(x_end, y))

    # The check mark: thick enough to survive 16 px.
    width = 18 if detailed else 26
    round_cap, round_join = Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin
    p.setPen(QPen(CHECK, width, Qt.PenStyle.SolidLine, round_cap, round_join))
    p.setBrush(Qt.BrushStyle.NoBrush)
    check = QPainterPath(QPointF(78, 160 if detailed else 130))
    check.lineTo(QPointF(106, 188 if detailed else 165))
    check.lineTo(QPointF(150, 136 if detailed else 92))
    p.drawPath(check)

    # The red seal: a ring, and a five-pointed star when there is room for one.
    cx, cy, r = 184.0, 180.0, 48.0
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(PAPER)  # a white halo separates the seal from the sheet and the tile
    p.drawEllipse(QPointF(cx, cy), r + 8, r + 8)
    p.setPen(QPen(SEAL, 10 if detailed else 16))
    p.setBrush(Qt.BrushStyle.NoBrush if detailed else QBrush(SEAL))
    p.drawEllipse(QPointF(cx, cy), r - 5, r - 5)
    if detailed:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(SEAL)
        p.drawPolygon(_star(cx, cy, 26.0, 10.5))
    p.end()
    return img


def _star(cx: float, cy: float, outer: float, inner: float) -> QPolygonF:
    import math

    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = math.radians(-90 + 36 * i)
        points.append(QPointF(cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return QPolygonF(points)


def png_bytes(img: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    if not img.save(buf, "PNG"):  # type: ignore[call-overload]  # stub: bytes; runtime: str
        raise RuntimeError("Qt could not encode PNG")
    buf.close()
    return bytes(data.data())


def dib_bytes(img: QImage) -> bytes:
    """A 32-bit BI_RGB DIB as an .ico entry holds it: doubled height, rows bottom-up, AND mask."""
    argb = img.convertToFormat(QImage.Format.Format_ARGB32)  # straight (not premultiplied) alpha
    w, h = argb.width(), argb.height()
    rows = []
    mask_rows = []
    mask_stride = ((w + 31) // 32) * 4
    for y in reversed(range(h)):
        row = bytearray()
        mask = bytearray(mask_stride)
        for x in range(w):
            px = argb.pixel(x, y)  # 0xAARRGGBB
            row += struct.pack("<I", px)  # little-endian: B, G, R, A as a DIB wants
            if px >> 24 == 0:
                mask[x // 8] |= 0x80 >> (x % 8)
        rows.append(bytes(row))
        mask_rows.append(bytes(mask))
    xor, and_mask = b"".join(rows), b"".join(mask_rows)
    header = struct.pack(
        "<IiiHHIIiiII", 40, w, h * 2, 1, 32, 0, len(xor) + len(and_mask), 0, 0, 0, 0
    )
    return header + xor + and_mask


def ico_bytes(images: list[QImage]) -> bytes:
    entries = [png_bytes(im) if im.width() >= 256 else dib_bytes(im) for im in images]
    out = bytearray(struct.pack("<HHH", 0, 1, len(images)))
    offset = 6 + 16 * len(images)
    for im, data in zip(images, entries, strict=True):
        side = im.width() if im.width() < 256 else 0  # 0 means 256 in ICONDIRENTRY
        out += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    for data in entries:
        out += data
    return bytes(out)


def write_icons(out_dir: Path) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    png_path, ico_path = out_dir / "app.png", out_dir / "app.ico"
    png_path.write_bytes(png_bytes(draw_icon(PNG_SIZE)))
    ico_path.write_bytes(ico_bytes([draw_icon(s) for s in ICO_SIZES]))
    return png_path, ico_path


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "icons")
    args = parser.parse_args(argv)
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for path in write_icons(args.out):
        print(f"wrote {path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
