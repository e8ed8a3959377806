"""The blocks a visit worksheet is made of: procedure checklist, timed-sample grid, infusion
record, chemotherapy lines, notes and signatures.

Every block is a reportlab Table whose header row repeats when it splits across pages, so a page
torn from the middle of a worksheet still says what each column means. Column widths are shares
of the frame width: the same layout serves Letter and A4.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table
from reportlab.platypus.tables import TableStyle

from ..domain.protocol import Protocol, TimedSample
from ..services.records import ParticipantRecord, VisitRecord
from .fonts import SANS, SANS_BOLD
from .layout import INK, LIGHT_SHADE, RULE, SHADE, Styles, code_markup

BOX = "☐"
YES_NO = f"{BOX} Yes    {BOX} No"
TIME_BLANK = "____ : ____"
#: The protocol's procedure code for the cell infusion; its description states the dose.
INFUSION_PROCEDURE = "INFUSE"
#: Blank administration lines on a conditioning day (one per agent, one spare).
CHEMO_LINES = 3
#: Room to write by hand in an otherwise empty row, in points.
WRITING_ROW = 22.0
#: Keep at least this much of a table with its heading; less left on the page starts a new one.
MIN_TABLE_START = 110.0


def _table(rows: list[list[object]], widths: Sequence[float], frame_width: float,
           extra: Sequence[tuple[object, ...]] = (), row_heights: Sequence[float | None] | None = None,
           body_font_size: float = 8.5) -> Table:
    """A ruled table with a shaded header row that repeats on every page it spans."""
    table = Table(rows, colWidths=[w * frame_width for w in widths], repeatRows=1,
                  rowHeights=row_heights, splitByRow=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), SANS, body_font_size),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BOX", (0, 0), (-1, -1), 0.9, INK),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, 0), 0.9, INK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        *extra,
    ]))
    return table


def _header_cells(st: Styles, labels: Sequence[str]) -> list[object]:
    return [Paragraph(escape(label), st.column_head) for label in labels]


def visit_date_line(st: Styles) -> Paragraph:
    """The actual date and arrival time: the first thing written on the source document."""
    gap = "&nbsp;" * 8
    return Paragraph(f"<b>Date of visit:</b> ______ - ________ - ________ (DD-Mon-YYYY){gap}"
                     "<b>Arrival time:</b> ____ : ____", st.body)


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


def checklist(visit: VisitRecord, protocol: Protocol, st: Styles, width: float) -> list[Flowable]:
    descriptions = {r.code: r.description for r in visit.procedure_records if r.description}
    head = _header_cells(st, ["Procedure", "Done", "Not done", "Time", "Result / tube ID",
                              "Initials", "Reason if not done"])
    rows: list[list[object]] = [head]
    for code in procedure_codes(visit):
        text = descriptions.get(code) or protocol.procedure_name(code)
        rows.append([Paragraph(f"{code_markup(code, 6.5)} {escape(text)}", st.cell),
                     BOX, BOX, "", "", "", ""])
    # No fixed row heights: the 13-point tick boxes give every row room to write, and a long
    # description (eligibility runs to four lines) grows its row instead of being clipped.
    table = _table(
        rows, (0.36, 0.06, 0.07, 0.08, 0.15, 0.08, 0.20), width,
        extra=[("FONT", (1, 1), (2, -1), SANS, 13), ("ALIGN", (1, 0), (2, -1), "CENTER"),
               ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, LIGHT_SHADE])],
    )
    return [*heading("Procedures", st, "Tick Done or Not done for every line; give the reason "
                     "for anything not done."), table]


_UNIT = re.compile(r"(?<=[\dh]) (?=(?:h|min)\b|\d)")
_SIGN = re.compile(r"([+-]) (\d)")


def keep_units(text: str) -> str:
    """No line break inside ``+ 1 h`` or ``15 min``: a time split over two lines is misread."""
    return _SIGN.sub("\\1\u00a0\\2", _UNIT.sub("\u00a0", text))


def timed_samples_grid(samples: Sequence[TimedSample], protocol: Protocol, st: Styles,
                       width: float) -> list[Flowable]:
    """One line per sample tube: a predose PK and a predose cytokine tube are two tube IDs."""
    head = _header_cells(st, ["Timepoint", "Sample", "Nominal time", "Allowed range",
                              "Actual time", "Tube ID", "Initials"])
    rows: list[list[object]] = [head]
    for s in samples:
        for code in s.procedures:
            rows.append([
                Paragraph(f"<b>{escape(keep_units(s.label))}</b>", st.cell),
                Paragraph(f"{code_markup(code, 6.5)} {escape(protocol.procedure_name(code))}",
                          st.cell),
                Paragraph(escape(keep_units(s.nominal)), st.cell),
                Paragraph(escape(keep_units(s.allowed_range)), st.cell),
                "", "", "",
            ])
    table = _table(rows, (0.12, 0.17, 0.19, 0.21, 0.10, 0.13, 0.08), width,
                   extra=[("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, LIGHT_SHADE])])
    return [*heading("Timed PK and cytokine samples", st,
                     "Times are relative to the infusion start and end recorded above. "
                     "Write the actual clock time (HH:MM) of each draw."), table]


def infusion_record(participant: ParticipantRecord, protocol: Protocol, st: Styles,
                    width: float) -> list[Flowable]:
    dose = protocol.procedures.get(INFUSION_PROCEDURE)
    checks: list[tuple[str, str]] = [
        (f"Product identity: bag label matches participant {participant.id} "
         f"({participant.initials}) and the product release documents", YES_NO),
        ("Product lot / bag ID", ""),
        ("Expiry date and time checked: product not expired", YES_NO),
        ("Bag integrity: no leak, crack or damage; label intact", YES_NO),
        (f"Dose matches the protocol: {dose}" if dose else "Dose matches the prescription", YES_NO),
        ("Infusion start time", TIME_BLANK),
        ("Infusion end time (end of infusion, EOI)", TIME_BLANK),
    ]
    head = _header_cells(st, ["Check", "Result", "Initials", "Second check"])
    rows: list[list[object]] = [head]
    rows.extend([Paragraph(escape(text), st.cell), answer, "", ""] for text, answer in checks)
    table = _table(rows, (0.52, 0.24, 0.12, 0.12), width,
                   extra=[("FONT", (1, 1), (1, -1), SANS, 10)],
                   row_heights=[None] + [WRITING_ROW + 2] * len(checks))
    return [*heading("Infusion record", st), table]


def chemotherapy_lines(st: Styles, width: float) -> list[Flowable]:
    head = _header_cells(st, ["Agent", "Prescribed dose", "Dose given", "Start time",
                              "End time", "Initials"])
    rows: list[list[object]] = [head, *([""] * 6 for _ in range(CHEMO_LINES))]
    table = _table(rows, (0.28, 0.17, 0.15, 0.13, 0.13, 0.14), width,
                   row_heights=[None] + [WRITING_ROW + 4] * CHEMO_LINES)
    gap = "&nbsp;" * 8
    bsa = Paragraph(f"Body surface area used for dosing: ________ m²{gap}"
                    f"Weight: ________ kg{gap}Height: ________ cm", st.body)
    return [*heading("Lymphodepleting chemotherapy administration", st,
                     "One line per agent, as prescribed for this conditioning day."),
            bsa, Spacer(1, 5), table]


def notes_and_signatures(st: Styles, width: float) -> list[Flowable]:
    """Kept together: a signature must never sit alone at the top of a page."""
    notes = Table([[Paragraph("<b>Notes</b> (deviations, observations, samples not collected)",
                              st.cell)], [""]],
                  colWidths=[width], rowHeights=[None, 84])
    notes.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.9, INK),
                               ("LINEBELOW", (0, 0), (-1, 0), 0.5, RULE),
                               ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                               ("FONT", (0, 0), (-1, -1), SANS, 8.5)]))
    sign_rows = [
        ["Completed by (name)", "", "Signature", "", "Date", ""],
        ["Reviewed by investigator", "", "Signature", "", "Date", ""],
    ]
    shares = (0.21, 0.22, 0.10, 0.23, 0.06, 0.18)
    signatures = Table(sign_rows, colWidths=[s * width for s in shares], rowHeights=[30, 30])
    signatures.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), SANS_BOLD, 8.5),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LINEBELOW", (1, 0), (1, -1), 0.7, INK),
        ("LINEBELOW", (3, 0), (3, -1), 0.7, INK),
        ("LINEBELOW", (5, 0), (5, -1), 0.7, INK),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("ALIGN", (2, 0), (2, -1), "RIGHT"),
        ("ALIGN", (4, 0), (4, -1), "RIGHT"),
    ]))
    return [Spacer(1, 10), KeepTogether([notes, Spacer(1, 6), signatures])]
