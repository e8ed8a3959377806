"""Paper sizes, margins, colours and paragraph styles shared by every report.

One place for these so that a worksheet and a schedule printed on the same day look like they
come from the same system, and so that A4 and Letter differ only in the page size.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from ..i18n import _
from .errors import ReportError
from .fonts import MONO, SANS, SANS_BOLD, register_fonts

PAGE_SIZES: dict[str, tuple[float, float]] = {"letter": LETTER, "a4": A4}
DEFAULT_PAGE_SIZE = "letter"

#: Margins fit the unprintable border of office printers (about 5 mm) with room to spare, and
#: leave space on the left for a two-hole punch when the sheet goes into the binder.
MARGIN_LEFT: float = 16 * mm  # (reportlab has no types: its values are given theirs here)
MARGIN_RIGHT: float = 12 * mm
MARGIN_TOP: float = 10 * mm
MARGIN_BOTTOM: float = 10 * mm
FOOTER_HEIGHT: float = 9 * mm

INK = colors.black
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#888888")
SHADE = colors.HexColor("#E6E6E6")  # survives photocopying yet prints light
LIGHT_SHADE = colors.HexColor("#F3F3F3")


def page_size(name: str) -> tuple[float, float]:
    """The reportlab page size for ``letter`` or ``a4`` (case-insensitive)."""
    try:
        return PAGE_SIZES[name.lower()]
    except KeyError:
        raise ReportError(_("page size '{name}' is not supported: use letter or a4").format(name=name)) from None


@lru_cache(maxsize=4096)
def fit_font_size(text: str, font: str, size: float, width: float, minimum: float = 6.0) -> float:
    """The largest size up to ``size`` at which ``text`` fits ``width`` (never below ``minimum``)."""
    natural: float = stringWidth(text, font, size)
    if natural <= width:
        return size
    return max(minimum, size * width / natural * 0.98)  # a hair under: float widths


@lru_cache(maxsize=4096)
def clip_text(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis to fit ``width``; a last resort after shrinking."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


@dataclass(frozen=True)
class Styles:
    """Paragraph styles of one kind of document (``size`` is the body size)."""

    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_bold: ParagraphStyle
    column_head: ParagraphStyle
    heading: ParagraphStyle
    note: ParagraphStyle


@cache
def styles(size: float = 9.0) -> Styles:
    """Styles with body text of ``size`` points (9 on worksheets, 14 on the take-home schedule)."""
    register_fonts()
    lead = size * 1.25
    body = ParagraphStyle("body", fontName=SANS, fontSize=size, leading=lead, textColor=INK)
    return Styles(
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=size * 0.85, leading=size * 1.05,
                             textColor=MUTED),
        cell=ParagraphStyle("cell", parent=body, fontSize=size * 0.95, leading=size * 1.15),
        cell_center=ParagraphStyle("cell_center", parent=body, fontSize=size * 0.95,
                                   leading=size * 1.15, alignment=TA_CENTER),
        cell_bold=ParagraphStyle("cell_bold", parent=body, fontName=SANS_BOLD,
                                 fontSize=size * 0.95, leading=size * 1.15),
        column_head=ParagraphStyle("column_head", parent=body, fontName=SANS_BOLD,
                                   fontSize=size * 0.88, leading=size * 1.05),
        heading=ParagraphStyle("heading", parent=body, fontName=SANS_BOLD, fontSize=size * 1.2,
                               leading=size * 1.5, spaceBefore=size * 0.9, spaceAfter=size * 0.35,
                               keepWithNext=1),
        note=ParagraphStyle("note", parent=body, fontSize=size * 0.9, leading=size * 1.15,
                            textColor=MUTED, spaceAfter=size * 0.4),
    )


def code_markup(code: str, size: float) -> str:
    """A procedure code set in small monospace before its description (site documents only)."""
    return f'<font name="{MONO}" size="{size:.1f}" color="#555555">{code}</font>'


@lru_cache(maxsize=8192)
def wrap_text(text: str, font: str, size: float, width: float) -> str:
    """``text`` broken into lines no wider than ``width`` (``\\n``-joined), for a plain table cell.

    Table cells of plain strings draw several times faster than Paragraphs, and a day's batch
    repeats the same few dozen procedure descriptions, hence the cache. Breaks only at ordinary
    spaces: a no-break space (``+ 1 h``) keeps its words together and prints as a space.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and stringWidth(candidate, font, size) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return "\n".join(lines).replace("\u00a0", " ")
