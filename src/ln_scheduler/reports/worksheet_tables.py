"""The blocks a visit worksheet is made of: procedure checklist, timed-sample grid, infusion
record, chemotherapy lines, notes and signatures.

Every table's header row repeats when it splits across pages, so a page torn from the middle of a
worksheet still says what each column means; rows never split. Column widths are shares of the
frame width: the same layout serves Letter and A4. Cells are plain strings wrapped here, not
Paragraphs: a day's batch of worksheets lays out twice as fast.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table
from reportlab.platypus.tables import TableStyle

from ..domain.protocol import DOSE_PROCEDURE, Protocol, TimedSample
from ..dose_wording import dose_count, dose_text
from ..i18n import N_, _
from ..services.records import ParticipantRecord, VisitRecord
from .fonts import MONO, SANS, SANS_BOLD
from .layout import INK, LIGHT_SHADE, RULE, SHADE, Styles, wrap_text

BOX = "☐"
TIME_BLANK = "____ : ____"
#: Blank administration lines on a conditioning day (one per agent, one spare).
CHEMO_LINES = 3
#: Room to write by hand in an otherwise empty row, in points.
WRITING_ROW = 22.0
#: Keep at least this much of a table with its heading; less left on the page starts a new one.
MIN_TABLE_START = 110.0
CELL_SIZE = 8.2
HEAD_SIZE = 7.6
CODE_SIZE = 6.8
PAD = 3.0


@dataclass(frozen=True)
class Column:
    """A table column: heading (marked ``N_``, translated when the table is drawn), share of the frame
    width, and how its body cells are set."""

    title: str
    share: float
    font: str = SANS
    size: float = CELL_SIZE
    align: str = "LEFT"


def _table(columns: Sequence[Column], body: Sequence[Sequence[str]], frame_width: float,
           *, min_row: float | None = None, shaded: bool = True) -> Table:
    """A ruled table of plain strings, wrapped to their column, with a shaded header row that
    repeats on every page it spans. Rows grow with their text; ``min_row`` leaves writing room.
    """
    widths = [c.share * frame_width for c in columns]
    titles = [_(c.title) for c in columns]
    head_sizes = [head_size(title, w - 2 * PAD) for title, w in zip(titles, widths, strict=True)]
    head: list[object] = [wrap_text(title, SANS_BOLD, size, w - 2 * PAD)
                          for title, size, w in zip(titles, head_sizes, widths, strict=True)]
    rows: list[list[object]] = [head]
    for cells in body:
        # An empty cell as an empty tuple, not "": reportlab draws "" as a text object (half
        # the cells of a worksheet are blanks, so this is a third of the drawing time).
        rows.append([wrap_text(text, c.font, c.size, w - 2 * PAD) if text else ()
                     for text, c, w in zip(cells, columns, widths, strict=True)])
    heights: list[float | None] | None = None
    if min_row is not None:
        heights = [None]
        for row in rows[1:]:
            lines = max(text.count("\n") + 1 if isinstance(text, str) else 1 for text in row)
            heights.append(None if lines * CELL_SIZE * 1.2 + 2 * PAD > min_row else min_row)
    style: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, 0), SANS_BOLD, HEAD_SIZE, HEAD_SIZE * 1.15),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BOX", (0, 0), (-1, -1), 0.9, INK),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, 0), 0.9, INK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), PAD),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
    ]
    for i, c in enumerate(columns):
        style.append(("FONT", (i, 1), (i, -1), c.font, c.size, c.size * 1.2))
        if head_sizes[i] != HEAD_SIZE:
            style.append(("FONT", (i, 0), (i, 0), SANS_BOLD, head_sizes[i], head_sizes[i] * 1.15))
        if c.align != "LEFT":
            style.append(("ALIGN", (i, 0), (i, -1), c.align))
    if shaded:
        style.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, LIGHT_SHADE]))
    table = Table(rows, colWidths=widths, rowHeights=heights, repeatRows=1, splitByRow=1)
    table.setStyle(TableStyle(style))
    return table


def head_size(title: str, room: float) -> float:
    """The heading's size: :data:`HEAD_SIZE`, or smaller when one of its words is wider than the
    column (a narrow tick-box column in a language with longer words), so no word spills over."""
    widest = max(stringWidth(word, SANS_BOLD, HEAD_SIZE) for word in title.split())
    return HEAD_SIZE if widest <= room else max(5.0, HEAD_SIZE * room / widest * 0.98)


def visit_date_line(st: Styles) -> Paragraph:
    """The actual date and arrival time: the first thing written on the source document."""
    gap = "&nbsp;" * 8
    return Paragraph(_("<b>Date of visit:</b> ______ - ________ - ________ (DD-Mon-YYYY){gap}"
                       "<b>Arrival time:</b> ____ : ____").format(gap=gap), st.body)


def heading(text: str, st: Styles, note: str = "") -> list[Flowable]:
    """A block title kept on the same page as the start of its table."""
    out: list[Flowable] = [CondPageBreak(MIN_TABLE_START), Paragraph(escape(text), st.heading)]
    if note:
        out.append(Paragraph(escape(note), st.note))
    return out


def procedure_codes(visit: VisitRecord) -> tuple[str, ...]:
    """The visit's procedures in protocol order, then any added at the visit (unscheduled)."""
    codes = list(visit.procedures)
    codes.extend(r.code for r in visit.procedure_records if r.code not in codes)
    return tuple(codes)


CHECKLIST = (
    Column(N_("Code"), 0.075, font=MONO, size=CODE_SIZE),
    Column(N_("Procedure"), 0.335),
    # 13-point tick boxes: big enough to tick, and they give every row room to write in.
    Column(N_("Done"), 0.06, size=13, align="CENTER"),
    Column(N_("Not done"), 0.065, size=13, align="CENTER"),
    Column(N_("Time"), 0.075),
    Column(N_("Result / tube ID"), 0.14),
    Column(N_("Initials"), 0.08),
    Column(N_("Reason if not done"), 0.17),
)


def checklist(visit: VisitRecord, protocol: Protocol, st: Styles, width: float) -> list[Flowable]:
    """Every procedure of the visit, one row each. No fixed row heights: a long description
    (eligibility runs to five lines) grows its row instead of being clipped."""
    descriptions = {r.code: r.description for r in visit.procedure_records if r.description}
    body = [(code, descriptions.get(code) or protocol.procedure_name(code), BOX, BOX, "", "", "", "")
            for code in procedure_codes(visit)]
    return [*heading(_("Procedures"), st, _("Tick Done or Not done for every line; give the reason "
                                            "for anything not done.")), _table(CHECKLIST, body, width)]


_UNIT = re.compile(r"(?<=[\dh]) (?=(?:h|min)\b|\d)")
_SIGN = re.compile(r"([+-]) (\d)")


def keep_units(text: str) -> str:
    """No line break inside ``+ 1 h`` or ``15 min``: a time split over two lines is misread."""
    return _SIGN.sub("\\1\u00a0\\2", _UNIT.sub("\u00a0", text))


TIMED_GRID = (
    Column(N_("Timepoint"), 0.13, font=SANS_BOLD),
    Column(N_("Sample"), 0.17),
    Column(N_("Nominal time"), 0.18),
    Column(N_("Allowed range"), 0.21),
    Column(N_("Actual time"), 0.10),
    Column(N_("Tube ID"), 0.13),
    Column(N_("Initials"), 0.08),
)


def timed_samples_grid(samples: Sequence[TimedSample], protocol: Protocol, st: Styles,
                       width: float, *, dose: int | None = None) -> list[Flowable]:
    """One line per sample tube: a predose PK and a predose cytokine tube are two tube IDs.
    ``dose``: the dose this visit gives; the heading names it, because every dose day of a
    multi-dose cohort has the same grid and the tubes of dose 2 must not be filed as dose 1's."""
    body = [(keep_units(s.label), f"{protocol.procedure_name(code)} ({code})",
             keep_units(s.nominal), keep_units(s.allowed_range), "", "", "")
            for s in samples for code in s.procedures]
    title = _("Timed PK and cytokine samples of dose {dose}").format(dose=dose) if dose is not None else \
        _("Timed PK and cytokine samples")
    infusion = _("the dose {dose} infusion").format(dose=dose) if dose is not None else _("the infusion")
    return [*heading(title, st,
                     _("Times are relative to the start and end of {infusion} recorded above. "
                       "Write the actual clock time (HH:MM) of each draw.").format(infusion=infusion)),
            _table(TIMED_GRID, body, width, min_row=WRITING_ROW + 4)]


INFUSION_CHECKS = (
    Column(N_("Check"), 0.52),
    Column(N_("Result"), 0.24, size=10),
    Column(N_("Initials"), 0.12),
    Column(N_("Second check"), 0.12),
)


def infusion_record(participant: ParticipantRecord, protocol: Protocol, st: Styles,
                    width: float, *, dose: int | None = None) -> list[Flowable]:
    """The product checks and infusion times; ``dose``: which dose of the cohort this is (said in
    the heading of a multi-dose cohort, so the start and end times are not taken for another's)."""
    amount = protocol.procedures.get(DOSE_PROCEDURE)
    count = dose_count(protocol)
    title = _("Infusion record: {dose}").format(dose=dose_text(dose, count).lower()) \
        if dose is not None and count > 1 else _("Infusion record")
    yes_no = _("{box} Yes    {box} No").format(box=BOX)
    checks = [
        (_("Product identity: bag label matches participant {id} ({initials}) and the product release "
           "documents").format(id=participant.id, initials=participant.initials), yes_no),
        (_("Product lot / bag ID"), ""),
        (_("Expiry date and time checked: product not expired"), yes_no),
        (_("Bag integrity: no leak, crack or damage; label intact"), yes_no),
        (_("Dose matches the protocol: {amount}").format(amount=amount) if amount else
         _("Dose matches the prescription"), yes_no),
        (_("Infusion start time"), TIME_BLANK),
        (_("Infusion end time (end of infusion, EOI)"), TIME_BLANK),
    ]
    body = [(text, answer, "", "") for text, answer in checks]
    return [*heading(title, st),
            _table(INFUSION_CHECKS, body, width, min_row=WRITING_ROW + 2, shaded=False)]


CHEMO = (
    Column(N_("Agent"), 0.28),
    Column(N_("Prescribed dose"), 0.17),
    Column(N_("Dose given"), 0.15),
    Column(N_("Start time"), 0.13),
    Column(N_("End time"), 0.13),
    Column(N_("Initials"), 0.14),
)


def chemotherapy_lines(st: Styles, width: float) -> list[Flowable]:
    gap = "&nbsp;" * 8
    bsa = Paragraph(_("Body surface area used for dosing: ________ m²{gap}"
                      "Weight: ________ kg{gap}Height: ________ cm").format(gap=gap), st.body)
    body = [("",) * len(CHEMO)] * CHEMO_LINES
    return [*heading(_("Lymphodepleting chemotherapy administration"), st,
                     _("One line per agent, as prescribed for this conditioning day.")),
            bsa, Spacer(1, 5), _table(CHEMO, body, width, min_row=WRITING_ROW + 4, shaded=False)]


class NotesAndSignatures(Flowable):  # type: ignore[misc]  # reportlab ships no types: Flowable is Any to mypy
    """The notes box and the signature lines, as one block that never splits.

    The notes box takes the room left on the last page, between a minimum (three handwritten
    lines) and a comfortable maximum, so a worksheet whose checklist nearly fills the page does
    not spill a near-empty extra page holding only a signature. With less room than the minimum
    the whole block moves to the next page: a signature never sits apart from its notes.
    """

    TITLE = 14.0
    GAP = 6.0
    SIGN_ROW = 26.0
    NOTES_MIN = 40.0
    NOTES_MAX = 96.0

    def __init__(self) -> None:
        super().__init__()
        self.notes_height = self.NOTES_MAX

    @property
    def fixed(self) -> float:
        return self.TITLE + self.GAP + 2 * self.SIGN_ROW

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        room = availHeight - self.fixed
        self.notes_height = min(self.NOTES_MAX, room) if room >= self.NOTES_MIN else self.NOTES_MAX
        self.height = self.fixed + self.notes_height
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []  # never split: move to the next page whole

    def draw(self) -> None:
        c, w = self.canv, self.width
        top = self.height
        box_bottom = top - self.TITLE - self.notes_height
        c.setFillColor(SHADE)
        c.rect(0, top - self.TITLE, w, self.TITLE, stroke=0, fill=1)
        c.setStrokeColor(INK)
        c.setLineWidth(0.9)
        c.rect(0, box_bottom, w, self.TITLE + self.notes_height)
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        c.line(0, top - self.TITLE, w, top - self.TITLE)
        c.setFillColor(INK)
        c.setFont(SANS_BOLD, 8.2)
        notes = _("Notes")
        c.drawString(PAD, top - self.TITLE + 4.5, notes)
        c.setFont(SANS, 8.2)
        c.drawString(PAD + c.stringWidth(notes + " ", SANS_BOLD, 8.2), top - self.TITLE + 4.5,
                     _("(deviations, observations, samples not collected)"))
        c.setStrokeColor(INK)
        c.setLineWidth(0.7)
        # label | name line | "Signature" | signature line | "Date" | date line
        stops = [0.0, 0.235, 0.44, 0.54, 0.76, 0.82, 1.0]
        x = [s * w for s in stops]
        for i, label in enumerate((_("Completed by (name)"), _("Reviewed by investigator"))):
            y = box_bottom - self.GAP - (i + 1) * self.SIGN_ROW + 6
            c.setFont(SANS_BOLD, 8.2)
            c.drawString(0, y, label)
            c.drawRightString(x[3] - 4, y, _("Signature"))
            c.drawRightString(x[5] - 4, y, _("Date"))
            # A label longer than its share (another language's) shortens its line, never overlaps it.
            name_start = max(x[1], c.stringWidth(label, SANS_BOLD, 8.2) + 4)
            sign_end = min(x[4], x[5] - 4 - c.stringWidth(_("Date"), SANS_BOLD, 8.2) - 6)
            for start, end in ((name_start, x[2]), (x[3], sign_end), (x[5], x[6])):
                c.line(start + 2, y - 2, end, y - 2)


def notes_and_signatures() -> list[Flowable]:
    return [Spacer(1, 10), NotesAndSignatures()]
