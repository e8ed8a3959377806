"""The page machinery every report shares: a header on every page, a footer with "Page X of Y".

A PDF may hold several *sections* (one per worksheet in a batch). Each section has its own
header, and pages are numbered within their section: a nurse files each worksheet in a different
participant's binder, so "Page 2 of 3" must mean page 2 of *that* worksheet, not of the day's print
job. Totals are known only at the end, so pages are kept until the document is saved and the
footers are drawn then (one pass, no second layout).
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from .. import __version__
from ..i18n import _, interface_language, language
from ..private_files import write_private
from .fonts import SANS, SANS_BOLD, register_fonts
from .formatting import printed_text
from .layout import (
    FOOTER_HEIGHT,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MUTED,
    RULE,
    clip_text,
    fit_font_size,
    page_size,
)

# ASCII85 stream encoding only makes PDFs 7-bit clean for transports that died in the 1990s; it
# costs a tenth of the build time and grows the file by a quarter. Binary streams are plain
# PDF 1.2+. (A process-wide reportlab setting: this package is the app's only reportlab user.)
rl_config.useA85 = 0

APP_NAME = "LN Visit Scheduler"
HEADER_GAP = 10.0  # points between the header box and the first line of content

Output = BinaryIO | Path | str


@dataclass(frozen=True)
class HeaderField:
    """One labelled box of the page header; ``width`` is its share of the row (row sums to 1)."""

    label: str
    value: str
    width: float


@dataclass(frozen=True)
class PageHeader:
    """What identifies a page when it is separated from the rest (photocopy, fax, binder).

    ``scale`` enlarges everything for the take-home schedule.
    """

    title: str
    tag: str
    subtitle: str
    rows: tuple[tuple[HeaderField, ...], ...]
    scale: float = 1.0

    @property
    def height(self) -> float:
        return (27.0 + 22.0 * len(self.rows)) * self.scale

    def draw(self, canv: Canvas, x: float, top: float, width: float) -> None:
        s = self.scale
        canv.setFillColor(MUTED)
        tag_size = fit_font_size(self.tag, SANS, 8 * s, width * 0.45)
        canv.setFont(SANS, tag_size)
        canv.drawRightString(x + width, top - 10 * s, self.tag)
        tag_width = canv.stringWidth(self.tag, SANS, tag_size)
        canv.setFillColorRGB(0, 0, 0)
        title_room = width - tag_width - 12
        title_size = fit_font_size(self.title, SANS_BOLD, 12.5 * s, title_room)
        canv.setFont(SANS_BOLD, title_size)
        canv.drawString(x, top - 10.5 * s, clip_text(self.title, SANS_BOLD, title_size, title_room))
        canv.setFillColor(MUTED)
        sub_size = fit_font_size(self.subtitle, SANS, 8 * s, width)
        canv.setFont(SANS, sub_size)
        canv.drawString(x, top - 21 * s, clip_text(self.subtitle, SANS, sub_size, width))

        row_h = 22.0 * s
        grid_top = top - 26.0 * s
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.6)
        canv.rect(x, grid_top - row_h * len(self.rows), width, row_h * len(self.rows))
        for r, row in enumerate(self.rows):
            row_top = grid_top - r * row_h
            if r:
                canv.line(x, row_top, x + width, row_top)
            cx = x
            for i, cell in enumerate(row):
                cw = cell.width * width
                if i:
                    canv.line(cx, row_top, cx, row_top - row_h)
                canv.setFillColor(MUTED)
                room = cw - 6 * s
                label = cell.label.upper()  # shrunk to its box, as the value is (a longer language's label)
                label_size = fit_font_size(label, SANS, 6.5 * s, room, minimum=5.0 * s)
                canv.setFont(SANS, label_size)
                canv.drawString(cx + 3 * s, row_top - 7.5 * s, clip_text(label, SANS, label_size, room))
                canv.setFillColorRGB(0, 0, 0)
                size = fit_font_size(cell.value, SANS_BOLD, 9.5 * s, room, minimum=6.5 * s)
                canv.setFont(SANS_BOLD, size)
                canv.drawString(cx + 3 * s, row_top - 18 * s,
                                clip_text(cell.value, SANS_BOLD, size, room))
                cx += cw


@dataclass(frozen=True)
class Section:
    """A run of pages with one header and its own page numbering (one worksheet).

    ``footer_label`` repeats the document's identity in the footer (``104-001 · Day 1``).
    """

    header: PageHeader
    footer_label: str
    body: tuple[Flowable, ...]


@dataclass(frozen=True)
class PageWords:
    """The footer's words and the declared language of a document: a staff document's follow the
    interface language (:func:`staff_words`, the default); the take-home schedule passes the
    participant's, whoever prints it. ``printed`` is the finished "Printed ... by ..." line, ``page``
    a template with ``{number}`` and ``{total}``, ``lang`` a BCP 47 tag (``es-US``) for /Lang."""

    printed: str
    page: str
    lang: str


def staff_words(printed_by: str, printed_at: datetime) -> PageWords:
    """The footer of a staff document (worksheets, the site schedule), in the interface language."""
    return PageWords(printed=_("Printed {when} by {user}").format(when=printed_text(printed_at), user=printed_by),
                     page=_("Page {number} of {total}"), lang=document_language(interface_language()))


@dataclass(frozen=True)
class _Footer:
    printed: str
    app: str
    scale: float
    page: str = "Page {number} of {total}"


class _SectionStart(Flowable):  # type: ignore[misc]  # reportlab ships no types: Flowable is Any to mypy
    """Takes no room; tells the page being laid out which section (header) it belongs to."""

    def __init__(self, section: Section) -> None:
        super().__init__()
        self.section = section

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0.0, 0.0

    def frameAction(self, frame: Frame) -> None:
        self.canv._ln_section = self.section  # the canvas is a _NumberedCanvas (build_pdf's canvasmaker)

    def draw(self) -> None:  # never called: frameAction consumes the flowable
        pass


class _NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no types: Canvas is Any to mypy
    """Holds every page until ``save`` so each footer can say "Page X of Y" for its section."""

    def __init__(self, *args: Any, footer: _Footer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._ln_footer = footer
        self._ln_pages: list[dict[str, Any]] = []
        self._ln_section: Section | None = None

    def showPage(self) -> None:
        self._ln_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        totals = Counter(id(page["_ln_section"]) for page in self._ln_pages)
        seen: Counter[int] = Counter()
        for page in self._ln_pages:
            key = id(page["_ln_section"])
            seen[key] += 1
            self.__dict__.update(page)
            self._draw_footer(seen[key], totals[key], page["_ln_section"])
            Canvas.showPage(self)
        Canvas.save(self)

    @property
    def page_count(self) -> int:
        return len(self._ln_pages)

    def _draw_footer(self, number: int, total: int, section: Section | None) -> None:
        f = self._ln_footer
        width, _height = self._pagesize
        y = MARGIN_BOTTOM + 2
        size = 7.5 * f.scale
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(MARGIN_LEFT, y + size + 4, width - MARGIN_RIGHT, y + size + 4)
        self.setFillColor(MUTED)
        self.setFont(SANS, size)
        centre = f.app + (f"  ·  {section.footer_label}" if section and section.footer_label else "")
        middle = (MARGIN_LEFT + width - MARGIN_RIGHT) / 2
        self.drawCentredString(middle, y, centre)
        # An unusually long user name is cut rather than printed over the centre text (the full
        # name is in the PDF's Author field).
        room = middle - self.stringWidth(centre, SANS, size) / 2 - 10 - MARGIN_LEFT
        self.drawString(MARGIN_LEFT, y, clip_text(f.printed, SANS, size, room))
        self.setFillColorRGB(0, 0, 0)
        self.setFont(SANS_BOLD, size * 1.1)
        self.drawRightString(width - MARGIN_RIGHT, y, f.page.format(number=number, total=total))
        self.restoreState()


def _draw_header(canv: Canvas, doc: BaseDocTemplate) -> None:
    section: Section | None = getattr(canv, "_ln_section", None)
    if section is None:
        return
    width, height = doc.pagesize
    section.header.draw(canv, MARGIN_LEFT, height - MARGIN_TOP,
                        width - MARGIN_LEFT - MARGIN_RIGHT)


def document_language(code: str) -> str:
    """The BCP 47 tag of language ``code`` (``en`` → ``en-US``, ``es`` → ``es-US``), declared in the
    PDF's catalog (/Lang): screen readers choose their voice from it."""
    return language(code).locale.replace("_", "-")


def build_pdf(
    out: Output,
    sections: Sequence[Section],
    *,
    page_size_name: str,
    printed_by: str,
    printed_at: datetime,
    title: str,
    subject: str = "",
    footer_scale: float = 1.0,
    words: PageWords | None = None,
) -> int:
    """Lay ``sections`` out, each from a fresh page, and write the PDF; returns the page count.

    ``words``: the footer's words and the document's language (default: a staff document in the
    interface language, :func:`staff_words`).
    The PDF is built in memory and written in one go, so a failure never leaves half a file
    where the user expects a worksheet.
    """
    register_fonts()
    words = words or staff_words(printed_by, printed_at)
    size = page_size(page_size_name)
    header_height = max(s.header.height for s in sections)
    footer = _Footer(printed=words.printed, app=f"{APP_NAME} {__version__}", scale=footer_scale, page=words.page)
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP + header_height + HEADER_GAP,
        bottomMargin=MARGIN_BOTTOM + FOOTER_HEIGHT * footer_scale,
        title=title,
        subject=subject,
        author=printed_by,
        creator=f"{APP_NAME} {__version__}",
        # Screen readers choose their voice from the document language, and viewers show the
        # title instead of the file name (PDF/UA asks for both).
        lang=words.lang,
        displayDocTitle=True,
        initialFontName=SANS,  # else reportlab opens every page with an unembedded Helvetica
        initialFontSize=9,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=_draw_header)])

    flowables: list[Flowable] = []
    for i, section in enumerate(sections):
        if i:
            flowables.append(PageBreak())
        flowables.append(_SectionStart(section))
        flowables.extend(section.body)

    made: list[_NumberedCanvas] = []

    def canvas_maker(*args: Any, **kwargs: Any) -> _NumberedCanvas:
        canv = _NumberedCanvas(*args, footer=footer, **kwargs)
        made.append(canv)
        return canv

    doc.build(flowables, canvasmaker=canvas_maker)
    data = buffer.getvalue()
    if isinstance(out, str | Path):
        write_private(out, data)
    else:
        out.write(data)
    return made[-1].page_count
