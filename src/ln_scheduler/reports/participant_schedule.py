"""A participant's whole calendar on paper: the site-file version and the take-home version.

The site file keeps the coordinator's view (codes, study days, windows, status). The take-home
version is for the participant: large type, dates written out, what to expect in plain words, no
internal codes (SCR, LD1, PK) and no study jargon beyond what the visit names already say.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, Paragraph, Spacer, Table
from reportlab.platypus.tables import TableStyle

from ..domain.protocol import Protocol, VisitDefinition, VisitKind
from ..domain.site_calendar import SiteCalendar
from ..domain.visit_status import COMING
from ..dose_wording import cohort_view, dose_count, dose_text, ordinal
from ..services.records import ParticipantRecord, SiteInfo, VisitRecord
from .document import HeaderField, Output, PageHeader, Section, build_pdf
from .errors import ReportError
from .fonts import SANS
from .formatting import (
    NONE,
    day_text,
    friendly_clock,
    friendly_range,
    long_date,
    scheduled_text,
    site_time,
    study_day_text,
    window_text,
)
from .layout import (
    DEFAULT_PAGE_SIZE,
    INK,
    LIGHT_SHADE,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    RULE,
    SHADE,
    Styles,
    code_markup,
    page_size,
    styles,
)
from .worksheet import site_text

PLAIN_SIZE = 13.0
PLAIN_SCALE = 1.3


def _check_protocol(participant: ParticipantRecord, protocol: Protocol) -> None:
    if (participant.protocol_id, participant.protocol_version) != (protocol.id, protocol.version):
        raise ReportError(
            f"participant {participant.id} follows protocol {participant.protocol_id} version "
            f"{participant.protocol_version}, not {protocol.id} version {protocol.version}"
        )


def _anchor_text(planned: object, actual: object) -> str:
    if actual is not None:
        return f"{day_text(actual)} (actual)"  # type: ignore[arg-type]
    if planned is not None:
        return f"{day_text(planned)} (planned)"  # type: ignore[arg-type]
    return NONE


def expectations(definition: VisitDefinition, protocol: Protocol) -> list[str]:
    """Short flags for the site version: what the visit needs the participant to do or plan
    (``protocol``: the participant's cohort view, so Day 8 of SSC-1B says ``Dose 2 of 3``)."""
    flags: list[str] = []
    count = dose_count(protocol)
    if definition.dose_number is not None and count > 1:
        flags.append(dose_text(definition.dose_number, count))
    elif definition.kind is VisitKind.INFUSION or definition.dose_number is not None:
        flags.append("Infusion day")
    if definition.kind is VisitKind.CONDITIONING:
        flags.append("Chemotherapy")
    if definition.fasting:
        flags.append("Fasting")
    if definition.urine:
        flags.append("Urine sample")
    if protocol.samples_for(definition.code):
        flags.append("Timed samples")
    return flags


def _status_text(visit: VisitRecord) -> str:
    text = visit.status.label
    if visit.actual is not None:
        text += f" {day_text(visit.actual)}"
    return text


def _site_section(participant: ParticipantRecord, protocol: Protocol, site: SiteInfo,
                  width: float) -> Section:
    st = styles(8.5)
    done = sum(1 for v in participant.visits if v.actual is not None)
    last_cell = (HeaderField("Withdrawn", day_text(participant.withdrawal_date), 0.24)
                 if participant.withdrawal_date else
                 HeaderField("Visits", f"{len(participant.visits)} on calendar, {done} done", 0.24))
    header = PageHeader(
        title="Participant visit schedule",
        tag=f"{protocol.registry} · Protocol {protocol.id} version {protocol.version}",
        subtitle=f"Study: {protocol.title}",
        rows=(
            (HeaderField("Site", site_text(site), 0.32),
             HeaderField("Participant ID", participant.id, 0.16),
             HeaderField("Initials", participant.initials, 0.10),
             HeaderField("Cohort", participant.cohort, 0.12),
             HeaderField("Status", participant.status.label, 0.30)),
            (HeaderField("Screening", day_text(participant.screening_date), 0.18),
             HeaderField("Conditioning start", _anchor_text(
                 participant.conditioning_start_planned, participant.conditioning_start_actual), 0.29),
             HeaderField("Infusion (Day 1)", _anchor_text(
                 participant.infusion_planned, participant.infusion_actual), 0.29),
             last_cell),
        ),
    )
    labels = ["Visit", "Study day", "Scheduled", "Window", "Status", "What to expect"]
    rows: list[list[object]] = [[Paragraph(escape(t), st.cell_bold) for t in labels]]
    for v in participant.visits:
        scheduled = scheduled_text(v) + (" (site closed)" if v.closed_day else "")
        flags = expectations(protocol.visit(v.code), protocol)
        rows.append([
            Paragraph(f"{code_markup(v.code, 7)} {escape(v.label)}", st.cell),
            study_day_text(v.study_day),
            Paragraph(escape(scheduled), st.cell),
            Paragraph(escape(window_text(v)), st.cell),
            Paragraph(escape(_status_text(v)), st.cell),
            Paragraph(escape(", ".join(flags)), st.cell),
        ])
    shares = (0.25, 0.08, 0.16, 0.19, 0.14, 0.18)
    table = Table(rows, colWidths=[s * width for s in shares], repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), SANS, 8),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BOX", (0, 0), (-1, -1), 0.9, INK),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, 0), 0.9, INK),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, LIGHT_SHADE]),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]))
    body: list[Flowable] = [table]
    if participant.withdrawal_reason:
        body.insert(0, Paragraph(f"Withdrawal reason: {escape(participant.withdrawal_reason)}",
                                 st.note))
    return Section(header=header, footer_label=f"{participant.id} schedule", body=tuple(body))


def plain_visit_name(visit: VisitRecord) -> str:
    """The visit name without its technical suffix (``Day 30: DLT assessment`` -> ``Day 30``)."""
    name = visit.label.split(":", 1)[0].strip()
    return name or visit.label


def _plain_when(visit: VisitRecord) -> str:
    if visit.scheduled is None:
        return "Date to be arranged: we will call you"
    weekday, _, rest = long_date(visit.scheduled).partition(", ")
    when = f"<b>{weekday}</b><br/><b>{rest}</b>"  # never wrap in the middle of a date
    if visit.scheduled_time is not None:
        when += f"<br/>at {friendly_clock(visit.scheduled_time)}"
    return when


def _plain_what(visit: VisitRecord, definition: VisitDefinition, today: date, calendar: SiteCalendar,
                doses: int = 1) -> str:
    """``today`` (the printing day) bounds the "can be moved" range: never offer a past date, nor a
    day the clinic is closed (a participant reads the range as days they may come)."""
    name = f"<b>{escape(plain_visit_name(visit))}</b>"
    if definition.dose_number is not None and doses > 1:
        name += f" (your {ordinal(definition.dose_number)} treatment dose)"
    elif definition.kind is VisitKind.INFUSION:
        name += " (your infusion day)"
    lines = [name]
    if definition.expect:
        lines.append(escape(definition.expect))
    if definition.fasting:
        lines.append("Please come <b>fasting</b>: the study team will tell you from what time.")
    if definition.urine:
        lines.append("We will ask you for a <b>urine sample</b>.")
    if visit.earliest is not None and visit.latest is not None:
        first, last = max(visit.earliest, today), visit.latest
        open_days = [first + timedelta(days=i) for i in range((last - first).days + 1)
                     if calendar.is_open(first + timedelta(days=i))]
        if len(open_days) > 1:
            lines.append("If needed, it can move to another clinic day from "
                         f"{friendly_range(open_days[0], open_days[-1])}.")
    return "<br/>".join(lines)


def dose_days_text(participant: ParticipantRecord, protocol: Protocol) -> list[str]:
    """The dose days of a multi-dose cohort in plain words (empty for a one-dose cohort): how many,
    how far apart, what happens on them, what a delay or a dose not given means, then each dose
    day with its date. Rich text for the take-home schedule; no codes (X2, PK, SSC-1B)."""
    count = dose_count(protocol)
    if count < 2:
        return []
    gaps = sorted({r.planned_days_after_previous for r in protocol.doses})
    apart = (f"{gaps[0]} days ({'one week' if gaps[0] == 7 else f'{gaps[0]} days'}) apart" if len(gaps) == 1
             else "a few days apart")
    # only what the protocol data says of these days: timed samples, a visit the day after each dose
    dose_visits = [v for v in protocol.visits if v.dose_number is not None]
    timed = all(protocol.samples_for(v.code) for v in dose_visits)
    targets = {v.target for v in participant.visits if v.target is not None}
    day_after = all(v.target is not None and v.target + timedelta(days=1) in targets
                    for v in participant.visits if v.dose_number is not None)
    intro = f"You will receive the study treatment <b>{count} times</b>, on {count} dose days about {apart}."
    if timed:
        intro += (" On each dose day you stay for several hours: blood samples are taken before the dose and at "
                  "set times after it, so please plan to spend most of the day with us.")
    if day_after:
        intro += " The day after each dose you come back for a check-up."
    after = ("Each dose day is planned from the day the dose before it was given: if a dose has to be moved, "
             "the visits after it move too, and we will give you a new schedule. If the study doctor decides "
             "that a dose should not be given, the visits that belong to it are cancelled and we will tell you "
             "which ones.")
    visits = {v.dose_number: v for v in participant.visits if v.dose_number is not None}
    days: list[str] = []
    for d in participant.doses:
        visit = visits.get(d.number)
        if d.given is False:
            when = "not given"
        elif d.given and d.actual is not None:
            when = f"given on {long_date(d.actual)}"
        elif visit is not None and visit.scheduled is not None:
            when = long_date(visit.scheduled)  # the day to come: booked, or proposed
        else:
            when = long_date(d.planned) if d.planned else "date to be arranged"
        name = f" ({escape(plain_visit_name(visit))})" if visit is not None else ""
        days.append(f"&bull; <b>{ordinal(d.number).capitalize()} dose</b>{name}: {when}")
    return [intro, after, "<br/>".join(days)] if days else [intro, after]


def _dose_days(participant: ParticipantRecord, protocol: Protocol, st: Styles) -> list[Flowable]:
    texts = dose_days_text(participant, protocol)
    if not texts:
        return []
    out: list[Flowable] = [Paragraph("Your dose days", st.heading)]
    for text in texts:
        out.extend([Paragraph(text, st.body), Spacer(1, 6)])
    out.append(Spacer(1, 6))
    return out


def _plain_section(participant: ParticipantRecord, protocol: Protocol, site: SiteInfo,
                   width: float, today: date) -> Section:
    st = styles(PLAIN_SIZE)
    header = PageHeader(
        title="Your study visit schedule",
        tag=f"Study {protocol.registry}",
        subtitle=protocol.title,
        rows=((HeaderField("Participant ID", participant.id, 0.3),
               HeaderField("Initials", participant.initials, 0.18),
               HeaderField("Study site", site.name, 0.52)),),
        scale=PLAIN_SCALE,
    )
    coming = [v for v in participant.visits if v.status in COMING]
    body: list[Flowable] = [
        Paragraph("These are your coming study visits. Please keep this sheet and bring it to "
                  "every visit. If you cannot come on a date, call the study team as early as "
                  "you can.", st.body),
        Spacer(1, 8),
        Paragraph("Study team phone: ______________________________", st.body),
        Spacer(1, 10),
    ]
    body.extend(_dose_days(participant, protocol, st))
    if not coming:
        body.append(Paragraph("You have no more study visits on the calendar.", st.heading))
        return Section(header=header, footer_label="", body=tuple(body))
    calendar = site.calendar()
    rows: list[list[object]] = [[Paragraph("<b>Date</b>", st.body),
                                 Paragraph("<b>Visit and what to expect</b>", st.body)]]
    doses = dose_count(protocol)
    rows.extend([Paragraph(_plain_when(v), st.body),
                 Paragraph(_plain_what(v, protocol.visit(v.code), today, calendar, doses), st.body)]
                for v in coming)
    table = Table(rows, colWidths=[0.3 * width, 0.7 * width], repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), SANS, PLAIN_SIZE),  # else reportlab leaves Helvetica in the file
        ("LINEBELOW", (0, 0), (-1, -1), 0.6, RULE),
        ("LINEBELOW", (0, 0), (-1, 0), 1.2, INK),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
    ]))
    body.append(table)
    return Section(header=header, footer_label="", body=tuple(body))


def write_participant_schedule(out: Output, participant: ParticipantRecord, protocol: Protocol,
                               site: SiteInfo, *, plain: bool = False, printed_by: str,
                               printed_at: datetime, page_size: str = DEFAULT_PAGE_SIZE) -> int:
    """Write one participant's calendar as a PDF (site version, or ``plain`` take-home version);
    returns the number of pages."""
    _check_protocol(participant, protocol)
    width = _frame_width(page_size)
    printed_at = site_time(printed_at, site.timezone)
    if plain:
        section = _plain_section(participant, cohort_view(protocol, participant.cohort), site, width,
                                 printed_at.date())
        return build_pdf(out, [section], page_size_name=page_size, printed_by=printed_by,
                         printed_at=printed_at, title="Your study visit schedule",
                         subject=protocol.registry, footer_scale=1.25)
    section = _site_section(participant, cohort_view(protocol, participant.cohort), site, width)
    return build_pdf(out, [section], page_size_name=page_size, printed_by=printed_by,
                     printed_at=printed_at, title=f"Visit schedule {participant.id}",
                     subject=f"{protocol.registry} {protocol.id} {protocol.version}")


def _frame_width(page_size_name: str) -> float:
    return page_size(page_size_name)[0] - MARGIN_LEFT - MARGIN_RIGHT
