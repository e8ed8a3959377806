"""A participant's whole calendar on paper: the site-file version and the take-home version.

The site file keeps the coordinator's view (codes, study days, windows, status). The take-home
version is for the participant: large type, dates written out, what to expect in plain words, no
internal codes (SCR, LD1, PK) and no study jargon beyond what the visit names already say.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table
from reportlab.platypus.tables import TableStyle

from ..domain.protocol import Protocol, Translations, VisitDefinition, VisitKind, plain_name
from ..domain.protocol_loader import participant_translations
from ..domain.site_calendar import SiteCalendar
from ..domain.visit_status import COMING
from ..dose_wording import cohort_view, dose_count, dose_text, ordinal
from ..i18n import SOURCE_LANGUAGE, ParticipantTexts, _, participant_texts
from ..services.records import ParticipantRecord, SiteInfo, VisitRecord
from .document import HeaderField, Output, PageHeader, PageWords, Section, build_pdf
from .errors import ReportError
from .fonts import SANS, SANS_BOLD
from .formatting import (
    NONE,
    day_text,
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
            _("participant {id} follows protocol {protocol} version {version}, not {other} version "
              "{other_version}").format(id=participant.id, protocol=participant.protocol_id,
                                        version=participant.protocol_version, other=protocol.id,
                                        other_version=protocol.version)
        )


def _anchor_text(planned: date | None, actual: date | None) -> str:
    if actual is not None:
        return _("{date} (actual)").format(date=day_text(actual))
    if planned is not None:
        return _("{date} (planned)").format(date=day_text(planned))
    return NONE


def expectations(definition: VisitDefinition, protocol: Protocol) -> list[str]:
    """Short flags for the site version: what the visit needs the participant to do or plan
    (``protocol``: the participant's cohort view, so Day 8 of SSC-1B says ``Dose 2 of 3``)."""
    flags: list[str] = []
    count = dose_count(protocol)
    if definition.dose_number is not None and count > 1:
        flags.append(dose_text(definition.dose_number, count))
    elif definition.kind is VisitKind.INFUSION or definition.dose_number is not None:
        flags.append(_("Infusion day"))
    if definition.kind is VisitKind.CONDITIONING:
        flags.append(_("Chemotherapy"))
    if definition.fasting:
        flags.append(_("Fasting"))
    if definition.urine:
        flags.append(_("Urine sample"))
    if protocol.samples_for(definition.code):
        flags.append(_("Timed samples"))
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
    last_cell = (HeaderField(_("Withdrawn"), day_text(participant.withdrawal_date), 0.24)
                 if participant.withdrawal_date else
                 HeaderField(_("Visits"), _("{total} on calendar, {done} done").format(
                     total=len(participant.visits), done=done), 0.24))
    header = PageHeader(
        title=_("Participant visit schedule"),
        tag=_("{registry} · Protocol {id} version {version}").format(
            registry=protocol.registry, id=protocol.id, version=protocol.version),
        subtitle=_("Study: {title}").format(title=protocol.title),
        rows=(
            (HeaderField(_("Site"), site_text(site), 0.32),
             HeaderField(_("Participant ID"), participant.id, 0.16),
             HeaderField(_("Initials"), participant.initials, 0.10),
             HeaderField(_("Cohort"), participant.cohort, 0.12),
             HeaderField(_("Status"), participant.status.label, 0.30)),
            (HeaderField(_("Screening"), day_text(participant.screening_date), 0.18),
             HeaderField(_("Conditioning start"), _anchor_text(
                 participant.conditioning_start_planned, participant.conditioning_start_actual), 0.29),
             HeaderField(_("Infusion (Day 1)"), _anchor_text(
                 participant.infusion_planned, participant.infusion_actual), 0.29),
             last_cell),
        ),
    )
    labels = [_("Visit"), _("Study day"), _("Scheduled"), _("Window"), _("Status"), _("What to expect")]
    rows: list[list[object]] = [[Paragraph(escape(t), st.cell_bold) for t in labels]]
    for v in participant.visits:
        scheduled = scheduled_text(v) + (" " + _("(site closed)") if v.closed_day else "")
        definition = protocol.defined_visit(v.code)  # None: a former cohort's visit, cancelled
        flags = expectations(definition, protocol) if definition is not None else []
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
        body.insert(0, Paragraph(escape(_("Withdrawal reason: {reason}").format(
            reason=participant.withdrawal_reason)), st.note))
    return Section(header=header, footer_label=_("{id} schedule").format(id=participant.id), body=tuple(body))


def plain_visit_name(visit: VisitRecord) -> str:
    """The visit name without its technical suffix (``Day 30: DLT assessment`` -> ``Day 30``)."""
    return plain_name(visit.label)


@dataclass(frozen=True)
class _Words:
    """Everything the take-home says, in one language: the ``take_home`` catalogue and dates
    (``texts``), and the protocol file's translations of its own texts (``protocol``)."""

    texts: ParticipantTexts
    protocol: Translations

    def gettext(self, message: str) -> str:
        """A take-home catalogue message (extracted by its name, ``gettext``: tests/support/catalogues.py)."""
        return self.texts.gettext(message)

    def of_protocol(self, english: str) -> str:
        """A text of the protocol file (visit name, take-home note, study title) in this language."""
        return self.protocol.get(self.texts.language.code, english)

    def visit_name(self, visit: VisitRecord, definition: VisitDefinition) -> str:
        """The plain visit name; the name the calendar stored, else the protocol's (a name stored by
        an earlier version of the file), translated; the occurrence of an unscheduled visit kept."""
        english = plain_name(visit.name)
        code = self.texts.language.code
        translated = self.protocol.text(code, english) or self.protocol.text(code, definition.plain_name)
        if translated is None:
            return plain_visit_name(visit)
        return f"{translated} #{visit.occurrence}" if visit.kind is VisitKind.UNSCHEDULED else translated

    def range(self, first: date, last: date) -> tuple[str, str]:
        """``July 17`` and ``August 14, 2027`` (the year once, unless the range crosses it), each held
        together by no-break spaces so that no line ends between a month and its day."""
        nb = "\u00a0"
        start = self.texts.month_day(first) if first.year == last.year else self.texts.long_day(first)
        return start.replace(" ", nb), self.texts.long_day(last).replace(" ", nb)


def _words(protocol: Protocol, language: str) -> _Words:
    return _Words(participant_texts(language), participant_translations(protocol))


def _capitalised(text: str) -> str:
    """The first letter made a capital (``lunes`` on a line of its own reads ``Lunes``)."""
    return text[:1].upper() + text[1:]


def _plain_when(visit: VisitRecord, words: _Words, room: float) -> str:
    """The weekday on one line, the date under it; a date too long for the column (``17 de
    septiembre de 2027``) breaks once, after its day and month (``17 de septiembre`` / ``de 2027``)."""
    if visit.scheduled is None:
        return escape(words.gettext("Date to be arranged: we will call you"))
    weekday, _sep, rest = words.texts.long_date(visit.scheduled).partition(", ")
    day_month = words.texts.month_day(visit.scheduled)
    if stringWidth(rest, SANS_BOLD, PLAIN_SIZE) > room and rest.startswith(day_month):
        nb = "\u00a0"
        tail = rest[len(day_month):]
        stuck = len(tail) - len(tail.lstrip(",."))  # a comma stays with the day
        rest = f"{day_month.replace(' ', nb)}{tail[:stuck]} {tail[stuck:].strip().replace(' ', nb)}"
    when = f"<b>{escape(_capitalised(weekday))}</b><br/><b>{escape(rest)}</b>"  # never wrap in a date
    if visit.scheduled_time is not None:
        when += "<br/>" + escape(words.gettext("at {time}").format(time=words.texts.clock(visit.scheduled_time)))
    return when


def _plain_what(visit: VisitRecord, definition: VisitDefinition, today: date, calendar: SiteCalendar,
                doses: int = 1, words: _Words | None = None) -> str:
    """``today`` (the printing day) bounds the "can be moved" range: never offer a past date, nor a
    day the clinic is closed (a participant reads the range as days they may come). Messages with
    ``<b>`` are rich text the translator keeps; inserted values are escaped."""
    words = words or _Words(participant_texts(SOURCE_LANGUAGE), Translations())
    name = f"<b>{escape(words.visit_name(visit, definition))}</b>"
    if definition.dose_number is not None and doses > 1:
        name += " " + escape(words.gettext("(your {ordinal} treatment dose)").format(
            ordinal=ordinal(definition.dose_number, words.texts)))
    elif definition.kind is VisitKind.INFUSION:
        name += " " + escape(words.gettext("(your infusion day)"))
    lines = [name]
    if definition.expect:
        lines.append(escape(words.of_protocol(definition.expect)))
    if definition.fasting:
        lines.append(words.gettext("Please come <b>fasting</b>: the study team will tell you from what time."))
    if definition.asks_urine_sample:
        lines.append(words.gettext("We will ask you for a <b>urine sample</b>."))
    if visit.earliest is not None and visit.latest is not None:
        first, last = max(visit.earliest, today), visit.latest
        open_days = [first + timedelta(days=i) for i in range((last - first).days + 1)
                     if calendar.is_open(first + timedelta(days=i))]
        if len(open_days) > 1:
            start, end = words.range(open_days[0], open_days[-1])
            lines.append(words.gettext("If needed, it can move to another clinic day from {first} to {last}.").format(
                first=escape(start), last=escape(end)))
    return "<br/>".join(lines)


def dose_days_text(participant: ParticipantRecord, protocol: Protocol, language: str = SOURCE_LANGUAGE) -> list[str]:
    """The dose days of a multi-dose cohort in plain words (empty for a one-dose cohort): how many,
    how far apart, what happens on them, what a delay or a dose not given means, then each dose
    day with its date. Rich text for the take-home schedule, in ``language``; no codes (X2, PK,
    SSC-1B)."""
    count = dose_count(protocol)
    if count < 2:
        return []
    words = _words(protocol, language)
    gaps = sorted({r.planned_days_after_previous for r in protocol.doses})
    if len(gaps) > 1:
        apart = words.gettext("a few days apart")
    elif gaps[0] == 7:
        apart = words.gettext("{days} days (one week) apart").format(days=gaps[0])
    else:
        apart = words.gettext("{days} days apart").format(days=gaps[0])
    # only what the protocol data says of these days: timed samples, a visit the day after each dose
    dose_visits = [v for v in protocol.visits if v.dose_number is not None]
    timed = all(protocol.samples_for(v.code) for v in dose_visits)
    targets = {v.target for v in participant.visits if v.target is not None}
    day_after = all(v.target is not None and v.target + timedelta(days=1) in targets
                    for v in participant.visits if v.dose_number is not None)
    given = count - sum(1 for d in participant.doses if d.given is False)
    if given == 1:  # a dose recorded not given: no promise of the doses that will not come
        intro = [words.gettext("The study doctor decided that you receive the study treatment <b>once</b>, not "
                               "{count} times.").format(count=count)]
    elif given < count:
        intro = [words.gettext("The study doctor decided that you receive the study treatment <b>{given} times</b>, "
                               "not {count}, on dose days about {apart}.").format(given=given, count=count,
                                                                                 apart=escape(apart))]
    else:
        intro = [words.gettext("You will receive the study treatment <b>{count} times</b>, on {count} dose days "
                               "about {apart}.").format(count=count, apart=escape(apart))]
    if timed:
        intro.append(words.gettext("On each dose day you stay for several hours: blood samples are taken before "
                                   "the dose and at set times after it. Please plan to spend most of the day "
                                   "with us."))
    if day_after:
        intro.append(words.gettext("The day after each dose you come back for a check-up."))
    after = words.gettext("Each dose day is planned from the day the dose before it was given: if a dose has to "
                          "be moved, the visits after it move too. We will give you a new schedule. If the study "
                          "doctor decides that a dose should not be given, the visits that belong to it are "
                          "cancelled. We will tell you which ones.")
    visits = {v.dose_number: v for v in participant.visits if v.dose_number is not None}
    days: list[str] = []
    for d in participant.doses:
        visit = visits.get(d.number)
        if d.given is False:
            when = words.gettext("not given")
        elif d.given and d.actual is not None:
            when = words.gettext("given on {date}").format(date=words.texts.long_date(d.actual))
        elif visit is not None and visit.scheduled is not None:
            when = words.texts.long_date(visit.scheduled)  # the day to come: booked, or proposed
        else:
            when = words.texts.long_date(d.planned) if d.planned else words.gettext("date to be arranged")
        name = (f" ({escape(words.visit_name(visit, protocol.visit(visit.code)))})"
                if visit is not None else "")
        dose = _capitalised(words.gettext("{ordinal} dose").format(ordinal=ordinal(d.number, words.texts)))
        days.append(f"&bull; <b>{escape(dose)}</b>{name}: {escape(when)}")
    intro_text = " ".join(intro)
    return [intro_text, after, "<br/>".join(days)] if days else [intro_text, after]


def _dose_days(participant: ParticipantRecord, protocol: Protocol, st: Styles, words: _Words) -> list[Flowable]:
    texts = dose_days_text(participant, protocol, words.texts.language.code)
    if not texts:
        return []
    out: list[Flowable] = [Paragraph(escape(words.gettext("Your dose days")), st.heading)]
    for text in texts:
        out.extend([Paragraph(text, st.body), Spacer(1, 6)])
    out.append(Spacer(1, 6))
    return out


#: What is printed for the participant to write the study team's number on, when the site has none.
PHONE_LINE = "______________________________"


def _plain_section(participant: ParticipantRecord, protocol: Protocol, site: SiteInfo,
                   width: float, today: date, words: _Words) -> Section:
    st = styles(PLAIN_SIZE)
    header = PageHeader(
        title=words.gettext("Your study visit schedule"),
        tag=words.gettext("Study {registry}").format(registry=protocol.registry),
        subtitle=words.of_protocol(protocol.title),
        rows=((HeaderField(words.gettext("Participant ID"), participant.id, 0.3),
               HeaderField(words.gettext("Initials"), participant.initials, 0.18),
               HeaderField(words.gettext("Study site"), site.name, 0.52)),),
        scale=PLAIN_SCALE,
    )
    coming = [v for v in participant.visits if v.status in COMING]
    body: list[Flowable] = [
        Paragraph(escape(words.gettext("These are your coming study visits. Please keep this sheet and bring it to "
                               "every visit. If you cannot come on a date, call the study team as early as "
                               "you can.")), st.body),
        Spacer(1, 8),
        Paragraph(escape(words.gettext("Study team phone: {phone}").format(phone=site.phone.strip() or PHONE_LINE)),
                  st.body),
        Spacer(1, 10),
    ]
    body.extend(_dose_days(participant, protocol, st, words))
    if not coming:
        body.append(Paragraph(escape(words.gettext("You have no more study visits on the calendar.")), st.heading))
        return Section(header=header, footer_label="", body=tuple(body))
    calendar = site.calendar()
    rows: list[list[object]] = [[Paragraph(f"<b>{escape(words.gettext('Date'))}</b>", st.body),
                                 Paragraph(f"<b>{escape(words.gettext('Visit and what to expect'))}</b>", st.body)]]
    doses = dose_count(protocol)
    date_room = 0.3 * width - 10  # the column less its padding
    rows.extend([Paragraph(_plain_when(v, words, date_room), st.body),
                 Paragraph(_plain_what(v, protocol.visit(v.code), today, calendar, doses, words), st.body)]
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
                               printed_at: datetime, page_size: str = DEFAULT_PAGE_SIZE,
                               language: str | None = None) -> int:
    """Write one participant's calendar as a PDF (site version, or ``plain`` take-home version);
    returns the number of pages. The take-home version is in ``language`` (default: the
    participant's), every word of it, the page footers too; the site version is staff paper, in
    the interface language."""
    _check_protocol(participant, protocol)
    width = _frame_width(page_size)
    printed_at = site_time(printed_at, site.timezone)
    if plain:
        words = _words(protocol, language or participant.language)
        section = _plain_section(participant, cohort_view(protocol, participant.cohort), site, width,
                                 printed_at.date(), words)
        page_words = PageWords(
            printed=words.gettext("Printed {when} by {user}").format(when=words.texts.stamp(printed_at),
                                                                      user=printed_by),
            page=words.gettext("Page {number} of {total}"), lang=words.texts.bcp47)
        return build_pdf(out, [section], page_size_name=page_size, printed_by=printed_by,
                         printed_at=printed_at, title=words.gettext("Your study visit schedule"),
                         subject=protocol.registry, footer_scale=1.25, words=page_words)
    section = _site_section(participant, cohort_view(protocol, participant.cohort), site, width)
    return build_pdf(out, [section], page_size_name=page_size, printed_by=printed_by,
                     printed_at=printed_at, title=_("Visit schedule {id}").format(id=participant.id),
                     subject=f"{protocol.registry} {protocol.id} {protocol.version}")


def _frame_width(page_size_name: str) -> float:
    return page_size(page_size_name)[0] - MARGIN_LEFT - MARGIN_RIGHT
