"""Visits as an iCalendar (.ics) file that Outlook, Google, Apple Calendar, khal and calcurse read.

Every line is written by the ``icalendar`` package, never by hand. Three properties make a
second export *update* the events a coordinator imported before instead of duplicating them:
UID (the visit's stored, random UID), SEQUENCE (raised by the store whenever the date, time,
status or booking changes) and STATUS (TENTATIVE for a proposed date, CONFIRMED for a booked or
done visit, CANCELLED for cancelled and missed visits). DTSTAMP comes from the
``now`` parameter, so the same records and the same clock give a byte-identical file.

Privacy: an event names the participant by study ID only. Initials, reasons, notes and sample
IDs in the records are never read here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta, tzinfo
from os import PathLike

from icalendar import Alarm, Calendar, Event, vCategory, vDDDTypes, vInt, vText

from .. import __version__
from ..domain.errors import DomainError
from ..domain.protocol import Protocol, VisitKind
from ..dose_wording import cohort_view
from ..i18n import _
from ..services.records import SiteInfo, VisitRecord
from .entries import CalendarEntry, EntryStatus, calendar_entries, calendar_entry
from .errors import ExportError
from .files import write_atomically
from .ical_lines import calendar_bytes
from .site_timezone import site_zone, vtimezone

PRODID = f"-//LN Visit Scheduler//ln-scheduler {__version__}//EN"

#: Length given to a booked appointment; the store records a start time only.
DEFAULT_APPOINTMENT_LENGTH = timedelta(hours=1)

_ONE_DAY = timedelta(days=1)


def build_calendar(
    visits: Iterable[VisitRecord],
    site: SiteInfo,
    *,
    now: datetime,
    name: str,
    protocol: Protocol | None = None,
    reminder_days: int | None = None,
    appointment_length: timedelta = DEFAULT_APPOINTMENT_LENGTH,
) -> bytes:
    """The .ics text (UTF-8, CRLF lines) for these visits.

    ``now`` is the export time (DTSTAMP); it must carry a time zone. ``name`` is the calendar
    name clients show (NAME, X-WR-CALNAME). The description lists the visit's procedure codes
    (``PE VS HEME``, as in the schedule of assessments); given the ``protocol``, it lists their
    full names instead, one per line (events about twice as long, export about 25% slower).
    ``reminder_days`` adds a display alarm that many days before each open
    visit (0 or None = no alarm, as in the GUI's preferences and the CLI: an alarm "0 days
    before" an all-day visit would ring at midnight). A booked appointment lasts
    ``appointment_length`` in the site's time zone.
    """
    builder = _EventBuilder(site, now, protocol, reminder_days, appointment_length)
    return _render(calendar_entries(visits), site, name, builder)


def write_ics(
    path: str | PathLike[str],
    visits: Iterable[VisitRecord],
    site: SiteInfo,
    *,
    now: datetime,
    name: str,
    protocol: Protocol | None = None,
    reminder_days: int | None = None,
    appointment_length: timedelta = DEFAULT_APPOINTMENT_LENGTH,
) -> int:
    """Write :func:`build_calendar` to ``path`` (replaced whole, never half-written).

    Returns the number of events written.
    """
    builder = _EventBuilder(site, now, protocol, reminder_days, appointment_length)
    entries = calendar_entries(visits)
    write_atomically(path, _render(entries, site, name, builder))
    return len(entries)


def event_resource(
    visit: VisitRecord,
    site: SiteInfo,
    *,
    now: datetime,
    appointment_length: timedelta = DEFAULT_APPOINTMENT_LENGTH,
) -> bytes | None:
    """One visit as a calendar object resource for a CalDAV server (RFC 4791 4.1: one UID per
    resource): the same VEVENT as in :func:`build_calendar` (and its VTIMEZONE when timed), so a
    published calendar and an exported file never differ. None when the visit has no day to show.
    No reminder: a shared calendar's alarms would ring on every subscriber's device."""
    return event_resources([visit], site, now=now, appointment_length=appointment_length)[0]


def event_resources(
    visits: Sequence[VisitRecord],
    site: SiteInfo,
    *,
    now: datetime,
    appointment_length: timedelta = DEFAULT_APPOINTMENT_LENGTH,
) -> list[bytes | None]:
    """:func:`event_resource` of each visit, in order, with what every event shares made once (a
    publisher sends a batch at a time; a first publish 23,000 events)."""
    builder = _EventBuilder(site, now, None, None, appointment_length)
    bodies: list[bytes | None] = []
    for visit in visits:
        entry = calendar_entry(visit)
        if entry is not None and not visit.uid:
            calendar_entries([visit])  # raises the export's error for a visit without a UID
        bodies.append(None if entry is None else _render([entry], site, site.name, builder))
    return bodies


def _render(entries: list[CalendarEntry], site: SiteInfo, name: str,
            builder: _EventBuilder) -> bytes:
    return render_calendar(name, entries, site.timezone, builder.length, builder.event)


def render_calendar(name: str, entries: list[CalendarEntry], tzid: str, length: timedelta,
                    make_event: Callable[[CalendarEntry], Event]) -> bytes:
    """A whole .ics: the calendar's header, the site's VTIMEZONE when an event is timed (entries in
    date order), then ``make_event(entry)`` for each entry. Shared by the site export and the
    participant's personal calendar, so both are read alike by every client."""
    calendar = _calendar_shell(name)
    timed = [e for e in entries if e.start is not None]
    if timed:  # entries are in date order
        last = timed[-1].day + timedelta(days=1 + length.days)  # the last DTEND's day
        calendar.add_component(vtimezone(tzid, timed[0].day, last))
    for entry in entries:
        calendar.add_component(make_event(entry))
    return calendar_bytes(calendar)  # calendar.to_ical(), folded in slices (ical_lines)


def export_stamp(now: datetime) -> vDDDTypes:
    """DTSTAMP from the export time, which must carry a time zone (an ExportError otherwise)."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ExportError(_("the export time must carry a time zone (e.g. datetime.now(UTC))"))
    return vDDDTypes(now.astimezone(UTC))


def add_event_times(event: Event, entry: CalendarEntry, zone: tzinfo, length: timedelta) -> None:
    """DTSTART and DTEND: the whole day for a visit without a booked time, else ``length`` from the
    booked time in the site's zone (the VTIMEZONE that :func:`render_calendar` adds)."""
    if entry.start is None:
        event.add("DTSTART", vDDDTypes(entry.day))
        event.add("DTEND", vDDDTypes(entry.day + _ONE_DAY))
    else:
        start = datetime.combine(entry.day, entry.start, tzinfo=zone)
        event.add("DTSTART", vDDDTypes(start))
        event.add("DTEND", vDDDTypes(start + length))


def _calendar_shell(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # No METHOD: a file to import is not an iTIP message (RFC 5546). "METHOD:PUBLISH" requires an
    # ORGANIZER in every event, which a site export has none to give; libical's iTIP check
    # rejected the file for it. RFC 5545 3.7.2: without METHOD, clients simply import.
    calendar.add("name", name)  # RFC 7986
    calendar.add("x-wr-calname", name)  # what Apple, Google and Outlook read
    return calendar


class _EventBuilder:
    """Builds VEVENTs; what is the same for every event of an export is built once.

    Values are handed to ``icalendar`` already typed (``vText``, ``vDDDTypes``, ...), so it
    does not infer a type per property; the constant ones (DTSTAMP, STATUS, CATEGORIES, the
    alarm trigger) are single shared objects. This halves the cost of a 25,000-event export.
    """

    def __init__(self, site: SiteInfo, now: datetime, protocol: Protocol | None,
                 reminder_days: int | None, appointment_length: timedelta):
        self.stamp = export_stamp(now)
        if reminder_days is not None and reminder_days < 0:
            raise ExportError(_("reminder days must be 0 or more, not {days}").format(days=reminder_days))
        if appointment_length <= timedelta(0):
            raise ExportError(_("an appointment must last more than zero minutes"))
        self.zone = site_zone(site.timezone)
        self.protocol = protocol
        self.views: dict[str, Protocol] = {}  # the protocol's cohort views: each cohort's procedure names
        self.length = appointment_length
        self.statuses = {s: vText(s.value) for s in EntryStatus}
        self.categories = {k: vCategory([k.value.capitalize()]) for k in VisitKind}
        self.trigger = vDDDTypes(timedelta(days=-reminder_days)) if reminder_days else None
        self.display = vText("DISPLAY")

    def event(self, entry: CalendarEntry) -> Event:
        visit = entry.visit
        event = Event()
        event.add("UID", vText(visit.uid))
        event.add("DTSTAMP", self.stamp)
        event.add("SEQUENCE", vInt(visit.sequence))
        add_event_times(event, entry, self.zone, self.length)
        event.add("SUMMARY", vText(entry.summary))
        event.add("DESCRIPTION", vText(self.description(entry)))
        event.add("CATEGORIES", self.categories[visit.kind])
        event.add("STATUS", self.statuses[entry.status])
        if self.trigger is not None and entry.is_open:
            event.add_component(self.alarm(entry))
        return event

    def alarm(self, entry: CalendarEntry) -> Alarm:
        alarm = Alarm()
        alarm.add("ACTION", self.display)
        alarm.add("DESCRIPTION", vText(f"Visit: {entry.summary}"))
        alarm.add("TRIGGER", self.trigger)
        return alarm

    def description(self, entry: CalendarEntry) -> str:
        visit = entry.visit
        lines = []
        if visit.study_day is not None:
            lines.append(f"Study day {visit.study_day}")
        window = visit.window
        if window is not None:
            if window.earliest == window.latest:
                lines.append(f"Fixed day (no window): {window.target.isoformat()}")
            else:
                lines.append(
                    f"Window {window.earliest.isoformat()} to {window.latest.isoformat()} "
                    f"(target {window.target.isoformat()})"
                )
        if entry.outcome is not None:
            lines.append(entry.outcome + (f" on {visit.actual.isoformat()}" if visit.actual else ""))
        elif visit.closed_day:
            lines.append("Booked on a day the site is closed")
        if visit.deviation:
            lines.append("Outside the visit window")
        if not visit.procedures:
            pass
        elif self.protocol is None:
            lines.append("Procedures: " + " ".join(visit.procedures))
        else:
            protocol = self.view(visit.cohort)
            lines.append("Procedures:")
            lines.extend(f"- {protocol.procedure_name(code)}" for code in visit.procedures)
        return "\n".join(lines)

    def view(self, cohort: str) -> Protocol:
        """The cohort's view of the protocol (SSc's ELIG and MRSS are named as SSc's); the protocol
        itself when it has no such cohort (a version 1.0 file: LN only)."""
        assert self.protocol is not None
        view = self.views.get(cohort)
        if view is None:
            try:
                view = cohort_view(self.protocol, cohort)
            except DomainError:
                view = self.protocol
            self.views[cohort] = view
        return view
