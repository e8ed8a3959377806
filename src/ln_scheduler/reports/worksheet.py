"""Visit worksheets: the printed source document a nurse works from at a visit.

A worksheet is a blank form for one participant and one visit. Results recorded in the app are
not pre-printed: the paper is the source, the database is transcribed from it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time
from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, Paragraph

from ..domain.protocol import Protocol, VisitKind
from ..dose_wording import cohort_view, dose_count, dose_of, dose_text
from ..i18n import _
from ..services.records import ParticipantRecord, SiteInfo, VisitRecord
from .document import HeaderField, Output, PageHeader, Section, build_pdf
from .errors import ReportError
from .formatting import day_text, scheduled_text, site_time, study_day_text, window_text
from .layout import DEFAULT_PAGE_SIZE, MARGIN_LEFT, MARGIN_RIGHT, page_size, styles
from .worksheet_tables import (
    checklist,
    chemotherapy_lines,
    infusion_record,
    notes_and_signatures,
    timed_samples_grid,
    visit_date_line,
)

ProtocolLookup = Callable[[str, str], Protocol]


def site_text(site: SiteInfo) -> str:
    """Site number first: if a long name must be cut to fit the header, the number survives."""
    return f"{site.number} · {site.name}" if site.number else site.name


def worksheet_header(participant: ParticipantRecord, visit: VisitRecord, protocol: Protocol,
                     site: SiteInfo) -> PageHeader:
    """Who, which visit, which cohort and which dose: a page separated from its worksheet still
    says that this Day 8 is dose 2 of 3 of an SSC-1B participant (``protocol``: the cohort view)."""
    scheduled = scheduled_text(visit)
    if visit.closed_day:
        scheduled += _(" (site closed)")
    dose = dose_of(protocol, visit.code)
    return PageHeader(
        title=_("Visit worksheet"),
        tag=_("{registry} · Protocol {id} version {version}").format(registry=protocol.registry, id=protocol.id,
                                                                      version=protocol.version),
        subtitle=_("Study: {title}").format(title=protocol.title),
        rows=(
            (HeaderField(_("Site"), site_text(site), 0.30),
             HeaderField(_("Participant ID"), participant.id, 0.14),
             HeaderField(_("Initials"), participant.initials, 0.08),
             HeaderField(_("Cohort"), participant.cohort, 0.10),
             HeaderField(_("Visit"), visit.label, 0.38)),
            (HeaderField(_("Nominal study day"), study_day_text(visit.study_day), 0.14),
             HeaderField(_("Target date"), day_text(visit.target), 0.14),
             HeaderField(_("Window"), window_text(visit), 0.30),
             HeaderField(_("Scheduled"), scheduled, 0.30),
             HeaderField(_("Dose"), _("{dose} of {count}").format(dose=dose, count=dose_count(protocol))
                         if dose else "—", 0.12)),
        ),
    )


def _remarks(visit: VisitRecord) -> list[str]:
    """What a nurse must know before starting that the header cannot say."""
    out: list[str] = []
    if not visit.status.is_open:
        done = _(" on {day}").format(day=day_text(visit.actual)) if visit.actual else ""
        out.append(_("Reprint: this visit is already recorded as {status}{done}.").format(
            status=visit.status.label.lower(), done=done))
    if visit.closed_day:
        out.append(_("Scheduled on a day the site is normally closed: check staffing and lab pick-up."))
    if visit.deviation:
        out.append(_("Booked or done outside the protocol window: document the deviation."))
    if visit.reason:
        out.append(_("Reason: {reason}").format(reason=visit.reason))
    return out


def dose_check_text(protocol: Protocol, dose: int) -> str:
    """What to check before giving a later dose (the rules of the cohort's protocol data): a dose
    given too soon after the previous one, or after one not given, is refused by the app anyway,
    but the nurse holding the bag must know before the line goes in."""
    count = dose_count(protocol)
    if dose == 1:
        return _("{dose} (cohort {cohort}): the later doses are planned from the date this one is given; "
                 "record it on the day.").format(dose=dose_text(1, count), cohort=protocol.cohort_code)
    rule = next((r for r in protocol.doses if r.number == dose), None)
    gap = _("at least {days} days after dose {previous}").format(days=rule.min_days_after_previous,
                                                                 previous=dose - 1) if rule else \
        _("after dose {previous}").format(previous=dose - 1)
    return _("{dose} (cohort {cohort}). Before dosing: dose {previous} was given (not recorded \u201cnot given\u201d) "
             "and today is {gap}.").format(dose=dose_text(dose, count), cohort=protocol.cohort_code,
                                           previous=dose - 1, gap=gap)


def worksheet_section(participant: ParticipantRecord, visit: VisitRecord, protocol: Protocol,
                      site: SiteInfo, page_size_name: str = DEFAULT_PAGE_SIZE) -> Section:
    """The pages of one worksheet, ready to be laid out alone or in a batch."""
    if visit.participant_id != participant.id:
        raise ReportError(_("visit {code} belongs to participant {owner}, not {id}").format(
            code=visit.code, owner=visit.participant_id, id=participant.id))
    if (participant.protocol_id, participant.protocol_version) != (protocol.id, protocol.version):
        raise ReportError(
            _("participant {id} follows protocol {protocol} version {version}, but the worksheet was asked for "
              "with {asked} version {asked_version}").format(
                id=participant.id, protocol=participant.protocol_id, version=participant.protocol_version,
                asked=protocol.id, asked_version=protocol.version)
        )
    protocol = cohort_view(protocol, participant.cohort)
    width = page_size(page_size_name)[0] - MARGIN_LEFT - MARGIN_RIGHT
    st = styles(9.0)
    dose = dose_of(protocol, visit.code)
    body: list[Flowable] = [Paragraph(escape(text), st.note) for text in _remarks(visit)]
    if dose is not None and dose_count(protocol) > 1:
        body.append(Paragraph(escape(dose_check_text(protocol, dose)), st.note))
    body.append(visit_date_line(st))
    body.extend(checklist(visit, protocol, st, width))
    if visit.kind is VisitKind.INFUSION or dose is not None:
        body.extend(infusion_record(participant, protocol, st, width, dose=dose))
    samples = protocol.samples_for(visit.code)
    if samples:
        body.extend(timed_samples_grid(samples, protocol, st, width, dose=dose))
    if visit.kind is VisitKind.CONDITIONING:
        body.extend(chemotherapy_lines(st, width))
    body.extend(notes_and_signatures())
    return Section(
        header=worksheet_header(participant, visit, protocol, site),
        footer_label=f"{participant.id} · {visit.code}"
        + (f" #{visit.occurrence}" if visit.kind is VisitKind.UNSCHEDULED else ""),
        body=tuple(body),
    )


def write_worksheet(out: Output, participant: ParticipantRecord, visit: VisitRecord,
                    protocol: Protocol, site: SiteInfo, *, printed_by: str, printed_at: datetime,
                    page_size: str = DEFAULT_PAGE_SIZE) -> int:
    """Write the worksheet of one visit as a PDF; returns the number of pages."""
    section = worksheet_section(participant, visit, protocol, site, page_size)
    return build_pdf(out, [section], page_size_name=page_size, printed_by=printed_by,
                     printed_at=site_time(printed_at, site.timezone),
                     title=_("Visit worksheet {id} {visit}").format(id=participant.id, visit=visit.label),
                     subject=f"{protocol.registry} {protocol.id} {protocol.version}")


def batch_order(items: Sequence[tuple[ParticipantRecord, VisitRecord]]
                ) -> list[tuple[ParticipantRecord, VisitRecord]]:
    """Clinic order: by scheduled date, then participant, then appointment time and visit."""
    return sorted(items, key=lambda item: (
        item[1].scheduled or date.max,
        item[0].id,
        item[1].scheduled_time or time.min,
        item[1].study_day if item[1].study_day is not None else 0,
        item[1].occurrence,
    ))


def write_worksheet_batch(out: Output, items: Sequence[tuple[ParticipantRecord, VisitRecord]],
                          protocol_for: ProtocolLookup, site: SiteInfo, *, printed_by: str,
                          printed_at: datetime, page_size: str = DEFAULT_PAGE_SIZE, title: str | None = None) -> int:
    """Write every worksheet of ``items`` into one PDF, in clinic order; returns the page count.
    ``title``: the PDF's title (default: "Visit worksheets" and the visits' dates); the window gives
    the name its preview and file carry, so the three agree.

    Each worksheet starts on a new page and is numbered on its own ("Page X of Y" of that
    worksheet), because the pages are split up and filed per participant after the clinic.
    ``protocol_for(protocol_id, version)`` returns the protocol a participant's calendar was
    built with (``Services.protocol``); each one is asked for once.
    """
    if not items:
        raise ReportError(_("there are no visits to print worksheets for"))
    protocols: dict[tuple[str, str], Protocol] = {}
    sections = []
    for participant, visit in batch_order(items):
        key = (participant.protocol_id, participant.protocol_version)
        if key not in protocols:
            protocols[key] = protocol_for(*key)
        sections.append(worksheet_section(participant, visit, protocols[key], site, page_size))
    dates = [v.scheduled for _participant, v in items if v.scheduled is not None]
    span = _("{first} to {last}").format(first=day_text(min(dates)), last=day_text(max(dates))) if dates else ""
    return build_pdf(out, sections, page_size_name=page_size, printed_by=printed_by,
                     printed_at=site_time(printed_at, site.timezone),
                     title=title or _("Visit worksheets {span}").format(span=span).strip(),
                     subject=_("{count} visit worksheets").format(count=len(sections)))
