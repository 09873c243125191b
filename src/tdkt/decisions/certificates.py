"""Certificates (Giấy khen, Chiến sĩ thi đua cơ sở) as PDF pages, drawn with ReportLab.

Layout of ND 98/2023 Điều 104 (documents.md §5.1): A4 landscape, a decorated border, white
background, and top to bottom: the national name and motto (black, the motto with a rule of its
length), the deciding authority (red), "TẶNG" / "TẶNG DANH HIỆU" (black), "GIẤY KHEN" /
"CHIẾN SĨ THI ĐUA CƠ SỞ" (red), the recipient's name, position and unit, and achievement;
bottom left the decision number and date and the register number (số sổ vàng); bottom right
place and date, the signer's title, room for signature and seal, and the name. A QR code at
the bottom left leads to the public verification page.

The State emblem (Quốc huy) that the decree puts at the top is not drawn: tdkt ships no image
of it, and a stand-in would be worse than none. Offices print on blanks that carry it, or add
it by hand.

Fonts: Liberation Serif (Times New Roman metrics, every Vietnamese letter), DejaVu Serif if it
is missing. Texts must be NFC (ReportLab misplaces combining marks), which every model ensures.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import qrcode
from reportlab import rl_config
from reportlab.lib.colors import Color, black, white
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from tdkt.common.text import clean_text

PAGE = landscape(A4)  # 297 × 210 mm
RED = Color(0.78, 0.06, 0.09)
DARK_RED = Color(0.55, 0.05, 0.07)
GOLD = Color(0.80, 0.60, 0.18)
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/liberation"),
)
FAMILIES = (
    ("LiberationSerif", ("Regular", "Bold", "Italic", "BoldItalic")),
    ("DejaVuSerif", ("", "-Bold", "-Italic", "-BoldItalic")),
)
REGULAR, BOLD, ITALIC, BOLD_ITALIC = (
    "TdktSerif",
    "TdktSerif-Bold",
    "TdktSerif-Italic",
    "TdktSerif-BoldItalic",
)
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
CONTENT_WIDTH = 225 * mm


class CertificateError(RuntimeError):
    """The certificates cannot be drawn (no usable font)."""


@dataclass(frozen=True)
class CertificateText:
    """Everything one certificate says, already worded."""

    authority: str  # "CHỦ TỊCH ỦY BAN NHÂN DÂN QUẬN CẨM LỆ"
    verb: str  # "TẶNG" or "TẶNG DANH HIỆU"
    title: str  # "GIẤY KHEN" or "CHIẾN SĨ THI ĐUA CƠ SỞ"
    name: str  # "Bà Nguyễn Thị Ánh"
    position: str  # "Công chức Văn hóa - Xã hội, Phường Hòa Thọ Đông"
    achievement: str
    decision_line: str  # "Số quyết định: 15/QĐ-UBND, ngày 16/01/2018"
    register_line: str  # "Số sổ vàng: 07"
    place_date: str  # "Cẩm Lệ, ngày 16 tháng 01 năm 2018"
    signer_lines: tuple[str, ...]  # ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    signer_name: str
    verify_url: str


def _font_files() -> list[Path]:
    for family, styles in FAMILIES:
        for folder in (*FONT_DIRS, Path("/usr/share/fonts/truetype/dejavu")):
            sep = "-" if family == "LiberationSerif" else ""
            files = [folder / f"{family}{sep}{style}.ttf" for style in styles]
            if all(path.exists() for path in files):
                return files
    raise CertificateError(
        "No serif font with Vietnamese letters was found: apt-get install fonts-liberation2"
    )


_registered = False


def register_fonts() -> None:
    """Register the four faces once per process."""
    global _registered
    if _registered:
        return
    for name, path in zip((REGULAR, BOLD, ITALIC, BOLD_ITALIC), _font_files(), strict=True):
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
    )
    _registered = True


_qr_versions: dict[int, int] = {}


def qr_matrix(text: str) -> list[list[bool]]:
    """The QR code's modules. The mask is fixed (choosing the best of eight costs 4 ms a code,
    and every mask reads the same) and the version is found once per text length (every
    verification address of a print has the same length)."""
    version = _qr_versions.get(len(text))
    code = qrcode.QRCode(
        version=version,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=0,
        mask_pattern=2,
    )
    code.add_data(text)
    code.make(fit=version is None)
    if version is None:
        _qr_versions[len(text)] = code.version
    return code.get_matrix()


def _draw_qr(canvas: Canvas, text: str, x: float, y: float, size: float) -> None:
    """The code on a white square. Drawn in module units as raw PDF rectangles, one per run
    of dark modules: formatting thousands of coordinates through ReportLab costs more than
    the rest of the page."""
    matrix = qr_matrix(text)
    count = len(matrix)
    cell = size / count
    canvas.setFillColor(white)
    canvas.rect(x - 1.5 * mm, y - 1.5 * mm, size + 3 * mm, size + 3 * mm, stroke=0, fill=1)
    canvas.saveState()
    canvas.transform(cell, 0, 0, cell, x, y)
    canvas.setFillColor(black)
    runs: list[str] = []
    for row_index, row in enumerate(matrix):
        bottom = count - row_index - 1
        start = -1
        for col_index, dark in enumerate([*row, False]):
            if dark and start < 0:
                start = col_index
            elif not dark and start >= 0:
                runs.append(f"{start} {bottom} {col_index - start} 1.03 re")  # no seams
                start = -1
    canvas.addLiteral("\n".join(runs) + "\nf")
    canvas.restoreState()


def _lozenge(path, cx: float, cy: float, rx: float, ry: float) -> None:  # type: ignore[no-untyped-def]
    path.moveTo(cx - rx, cy)
    path.lineTo(cx, cy + ry)
    path.lineTo(cx + rx, cy)
    path.lineTo(cx, cy - ry)
    path.close()


def draw_border(canvas: Canvas) -> None:
    """A double frame with a band of gold lozenges between its lines and a rosette in each
    inner corner: simple, symmetrical, nothing outside the frame (Đ.104)."""
    width, height = PAGE
    outer, band_out, band_in, inner = 9 * mm, 11.5 * mm, 19.5 * mm, 21.5 * mm
    canvas.saveState()
    canvas.setStrokeColor(DARK_RED)
    canvas.setLineWidth(2.6)
    canvas.rect(outer, outer, width - 2 * outer, height - 2 * outer, stroke=1, fill=0)
    canvas.setLineWidth(0.9)
    canvas.rect(band_out, band_out, width - 2 * band_out, height - 2 * band_out, stroke=1, fill=0)
    canvas.rect(band_in, band_in, width - 2 * band_in, height - 2 * band_in, stroke=1, fill=0)
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(0.6)
    canvas.rect(inner, inner, width - 2 * inner, height - 2 * inner, stroke=1, fill=0)

    # The band: lozenges along each side, evenly spaced between the corner squares.
    mid = (band_out + band_in) / 2
    half = (band_in - band_out) / 2
    rx, ry = 2.6 * mm, 2.6 * mm
    path = canvas.beginPath()
    for start, end, fixed, horizontal in (
        (band_in, width - band_in, mid, True),
        (band_in, width - band_in, height - mid, True),
        (band_in, height - band_in, mid, False),
        (band_in, height - band_in, width - mid, False),
    ):
        length = end - start
        count = max(1, math.floor(length / (7 * mm)))
        step = length / count
        for index in range(count):
            position = start + step * (index + 0.5)
            if horizontal:
                _lozenge(path, position, fixed, rx, ry)
            else:
                _lozenge(path, fixed, position, ry, rx)
    canvas.setFillColor(GOLD)
    canvas.drawPath(path, stroke=0, fill=1)

    # Corner squares of the band, each with a red lozenge inside.
    canvas.setFillColor(DARK_RED)
    corners = (
        (mid, mid),
        (width - mid, mid),
        (mid, height - mid),
        (width - mid, height - mid),
    )
    for cx, cy in corners:
        canvas.rect(cx - half, cy - half, 2 * half, 2 * half, stroke=0, fill=1)
    canvas.setFillColor(GOLD)
    path = canvas.beginPath()
    for cx, cy in corners:
        _lozenge(path, cx, cy, half * 0.8, half * 0.8)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.setFillColor(DARK_RED)
    path = canvas.beginPath()
    for cx, cy in corners:
        _lozenge(path, cx, cy, half * 0.35, half * 0.35)
    canvas.drawPath(path, stroke=0, fill=1)

    # Small rosettes inside the inner frame's corners, so the corners close the frame.
    canvas.setFillColor(GOLD)
    path = canvas.beginPath()
    for cx, cy in (
        (inner + 4 * mm, inner + 4 * mm),
        (width - inner - 4 * mm, inner + 4 * mm),
        (inner + 4 * mm, height - inner - 4 * mm),
        (width - inner - 4 * mm, height - inner - 4 * mm),
    ):
        _lozenge(path, cx, cy, 2.2 * mm, 2.2 * mm)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def _fit_size(text: str, font: str, size: float, width: float, smallest: float) -> float:
    """The largest size up to `size` at which `text` fits `width` on one line."""
    while size > smallest and pdfmetrics.stringWidth(text, font, size) > width:
        size -= 0.5
    return size


def _centred(
    canvas: Canvas,
    text: str,
    y: float,
    font: str,
    size: float,
    *,
    colour: Color = black,
    width: float = CONTENT_WIDTH,
    smallest: float = 10,
    x: float | None = None,
) -> float:
    """One centred line, shrunk to fit; returns the size used."""
    size = _fit_size(text, font, size, width, smallest)
    canvas.setFont(font, size)
    canvas.setFillColor(colour)
    canvas.drawCentredString(PAGE[0] / 2 if x is None else x, y, text)
    return size


def _paragraph(
    canvas: Canvas,
    text: str,
    top: float,
    font: str,
    size: float,
    *,
    width: float = CONTENT_WIDTH,
    max_lines: int = 3,
    leading: float = 1.25,
) -> float:
    """Centred wrapped lines from `top` down (shrinking until they fit `max_lines`); returns
    the baseline of the last line."""
    lines = simpleSplit(text, font, size, width)
    while len(lines) > max_lines and size > 10:
        size -= 0.5
        lines = simpleSplit(text, font, size, width)
    canvas.setFont(font, size)
    canvas.setFillColor(black)
    y = top
    for line in lines:
        canvas.drawCentredString(PAGE[0] / 2, y, line)
        y -= size * leading
    return y + size * leading


def draw_certificate(canvas: Canvas, item: CertificateText) -> None:
    """One page; the border is drawn by the caller (once, as a reusable form)."""
    width, height = PAGE
    centre = width / 2
    top = height - 38 * mm
    _centred(canvas, NATIONAL_NAME, top, BOLD, 14)
    motto_size = 14
    canvas.setFont(BOLD, motto_size)
    canvas.drawCentredString(centre, top - 6.5 * mm, MOTTO)
    rule = pdfmetrics.stringWidth(MOTTO, BOLD, motto_size)
    canvas.setStrokeColor(black)
    canvas.setLineWidth(0.8)
    canvas.line(centre - rule / 2, top - 8.3 * mm, centre + rule / 2, top - 8.3 * mm)

    _centred(canvas, item.authority, top - 21 * mm, BOLD, 18, colour=RED, smallest=12)
    _centred(canvas, item.verb, top - 31 * mm, BOLD, 16)
    title_size = 46 if len(item.title) <= 12 else 34
    _centred(canvas, item.title, top - 48 * mm, BOLD, title_size, colour=RED, smallest=20)

    y = top - 66 * mm
    _centred(canvas, item.name, y, BOLD_ITALIC, 24, smallest=14)
    y -= 11 * mm
    if item.position:
        y = _paragraph(canvas, item.position, y, REGULAR, 15, max_lines=2) - 8 * mm
    if item.achievement:
        _paragraph(canvas, item.achievement, y, ITALIC, 15, max_lines=3)

    # Bottom left: the decision, the register number, the QR code to the verification page.
    left = 34 * mm
    canvas.setFillColor(black)
    canvas.setFont(BOLD_ITALIC, 12.5)
    canvas.drawString(left, 52 * mm, item.decision_line)
    canvas.drawString(left, 46 * mm, item.register_line)
    if item.verify_url:
        _draw_qr(canvas, item.verify_url, left, 24.5 * mm, 18 * mm)
        canvas.setFillColor(black)
        canvas.setFont(ITALIC, 8)
        canvas.drawString(left + 21 * mm, 26 * mm, "Quét mã để kiểm tra")

    # Bottom right: place and date, the signer's title, room to sign and seal, the name.
    right = width - 78 * mm
    y = 66 * mm
    _centred(canvas, item.place_date, y, BOLD_ITALIC, 13.5, width=110 * mm, x=right)
    for line in item.signer_lines:
        y -= 6.5 * mm
        _centred(canvas, line, y, BOLD, 14, width=110 * mm, x=right)
    _centred(canvas, item.signer_name, 28 * mm, BOLD, 15, width=110 * mm, x=right)


def render(
    items: Iterable[CertificateText],
    out: BinaryIO | str,
    *,
    progress: Callable[[int], None] | None = None,
    title: str = "Giấy khen",
) -> int:
    """Draw every certificate as one page of one PDF written to `out`; returns the page count.
    `progress(n)` is called after each page."""
    register_fonts()
    # Compressed streams without the ASCII85 layer: smaller files, 2 ms a page less.
    rl_config.useA85 = 0
    canvas = Canvas(out, pagesize=PAGE, pageCompression=1)
    canvas.setTitle(clean_text(title))
    canvas.setAuthor("tdkt")
    canvas.setCreator("tdkt")
    canvas.beginForm("border")
    draw_border(canvas)
    canvas.endForm()
    count = 0
    for item in items:
        canvas.doForm("border")
        draw_certificate(canvas, item)
        canvas.showPage()
        count += 1
        if progress is not None:
            progress(count)
    canvas.save()
    return count
