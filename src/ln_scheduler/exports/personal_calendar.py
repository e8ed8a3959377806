"""The participant's own calendar (.ics) for their phone, in their language.

What a participant imports is not the site's calendar: it carries their *coming* visits only (as
the take-home schedule, :data:`~ln_scheduler.domain.visit_status.COMING`), named in plain words in
the participant's language ("Visita del estudio: Día 9", "Segunda dosis del tratamiento"; visit
names and what to expect as the protocol file translates them, like the take-home schedule), with
the fasting and urine notes, the clinic's name and phone, and reminders. It leaves
the site on a phone, so it carries no initials, no participant ID and no code of any kind (visit,
procedure or cohort codes, the registry number): not in a title, a note or a UID.

Re-importing updates the events imported before: each event's UID is derived from the visit's
stored, random UID (a name-based UUID, so it stays the same for the same visit, cannot be turned
back into the site's UID, and differs from it: a phone holding both calendars keeps them apart),
SEQUENCE is the visit's, and a visit cancelled since (a dose not given, the participant withdrawn)
is sent as STATUS:CANCELLED while its day is still ahead, so the phone drops the appointment.
Visits done, missed or overdue are left out: the phone keeps what it has for past days.

Reminders (DISPLAY alarms, what phones show): the day before at 9:00 for a visit without a booked
time (a trigger 15 hours before its all-day start, Apple Calendar's own "1 day before, 9 AM"), and
for a booked time both the day before at that time (fasting and transport need the evening before)
and 2 hours before.

Words come from the ``take_home`` catalogue (``resources/locale/<lang>/take_home/calendar.po``) and
dates from :class:`~ln_scheduler.i18n.ParticipantTexts`; no Qt, no database.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from os import PathLike

from icalendar import Alarm, Event, vDDDTypes, vInt, vText

from ..domain.protocol import Protocol, VisitDefinition, VisitKind
from ..domain.protocol_loader import participant_translations
from ..domain.visit_status import COMING, VisitStatus
from ..dose_wording import cohort_view
from ..i18n import ParticipantTexts, UnknownLanguage, participant_texts
from ..services.records import ParticipantRecord, SiteInfo, VisitRecord
from .entries import CalendarEntry, EntryStatus, calendar_entries
from .errors import ExportError
from .files import write_atomically
from .ics import DEFAULT_APPOINTMENT_LENGTH, add_event_times, export_stamp, render_calendar
from .site_timezone import site_zone

#: Namespace of the personal calendar's UIDs (uuid5 of the visit's UID): fixed forever, or every
#: phone would get a second copy of each visit on the next import.
PERSONAL_UID_NAMESPACE = uuid.UUID("5b0f4f7e-2f0a-4d57-9a53-6c1f3f0e8a21")
#: Before an all-day event's midnight start: 9:00 the day before.
DAY_BEFORE_MORNING = timedelta(hours=-15)
DAY_BEFORE = timedelta(days=-1)
TWO_HOURS_BEFORE = timedelta(hours=-2)


def personal_uid(visit: VisitRecord) -> str:
    """The event UID on the participant's phone: stable per visit, opaque, not the site's UID."""
    return str(uuid.uuid5(PERSONAL_UID_NAMESPACE, f"{visit.uid}:personal"))


def personal_entries(participant: ParticipantRecord, today: date) -> list[CalendarEntry]:
    """The events of the personal calendar: coming visits, and visits cancelled whose day is
    ``today`` or later (so a re-import cancels them on the phone), in calendar order."""
    chosen = [v for v in participant.visits
              if v.status in COMING or (v.status is VisitStatus.CANCELLED and _day(v) >= today)]
    return calendar_entries(chosen)


def _day(visit: VisitRecord) -> date:
    return visit.actual or visit.scheduled or date.min


def build_personal_calendar(participant: ParticipantRecord, protocol: Protocol, site: SiteInfo, *,
                            language: str, now: datetime, reminders: bool = True) -> bytes:
    """The personal .ics (UTF-8, CRLF lines) of ``participant`` in ``language`` (``es``, ``en``...).

    ``protocol`` is the participant's protocol (its cohort view is taken here); ``now`` the export
    time (DTSTAMP, and the day from which cancelled visits are still sent); ``reminders`` adds the
    alarms."""
    builder = _PersonalEvents(participant, protocol, site, _texts(language), now, reminders)
    return builder.render()


def write_personal_calendar(path: str | PathLike[str], participant: ParticipantRecord, protocol: Protocol,
                            site: SiteInfo, *, language: str, now: datetime, reminders: bool = True) -> int:
    """Write :func:`build_personal_calendar` to ``path`` (0600, replaced whole, never half-written).

    Returns the number of coming visits written (cancellations not counted)."""
    builder = _PersonalEvents(participant, protocol, site, _texts(language), now, reminders)
    write_atomically(path, builder.render())
    return sum(1 for e in builder.entries if e.status is not EntryStatus.CANCELLED)


def _texts(code: str) -> ParticipantTexts:
    """The take-home texts of ``code``; a language the application has no catalogue for (a code
    stored before a catalogue was removed) is the export's error, with the choices, not a crash."""
    try:
        return participant_texts(code)
    except UnknownLanguage as exc:
        raise ExportError(str(exc)) from None


class _PersonalEvents:
    """One participant's personal calendar: the entries, and each entry's VEVENT in one language."""

    def __init__(self, participant: ParticipantRecord, protocol: Protocol, site: SiteInfo,
                 texts: ParticipantTexts, now: datetime, reminders: bool) -> None:
        if (participant.protocol_id, participant.protocol_version) != (protocol.id, protocol.version):
            raise ExportError(f"participant {participant.id} follows protocol {participant.protocol_id} "
                              f"version {participant.protocol_version}, not {protocol.id} version "
                              f"{protocol.version}")
        self.protocol = cohort_view(protocol, participant.cohort)
        self.site = site
        self.texts = texts
        self.stamp = export_stamp(now)
        self.zone = site_zone(site.timezone)
        self.reminders = reminders
        self.entries = personal_entries(participant, now.astimezone(self.zone).date())
        self.translations = participant_translations(self.protocol)
        self.conditioning = [v.code for v in self.protocol.visits if v.kind is VisitKind.CONDITIONING]

    def render(self) -> bytes:
        name = self.texts.gettext("My study visits")
        return render_calendar(name, self.entries, self.site.timezone, DEFAULT_APPOINTMENT_LENGTH, self.event)

    def event(self, entry: CalendarEntry) -> Event:
        visit = entry.visit
        definition = self.protocol.defined_visit(visit.code)  # None: a former cohort's visit, cancelled
        title = self.title(visit, definition)
        event = Event()
        event.add("UID", vText(personal_uid(visit)))
        event.add("DTSTAMP", self.stamp)
        event.add("SEQUENCE", vInt(visit.sequence))
        add_event_times(event, entry, self.zone, DEFAULT_APPOINTMENT_LENGTH)
        event.add("SUMMARY", vText(title))
        event.add("DESCRIPTION", vText(self.description(entry, definition)))
        event.add("LOCATION", vText(self.site.name))
        event.add("STATUS", vText(entry.status.value))
        if self.reminders and entry.status is not EntryStatus.CANCELLED:
            for trigger, text in self.alarms(entry, title):
                event.add_component(_alarm(trigger, text))
        return event

    def title(self, visit: VisitRecord, definition: VisitDefinition | None) -> str:
        """The visit in plain words: what the day is (a dose, chemotherapy) or the visit's plain name
        as the protocol file translates it (the take-home schedule's name: paper and phone agree).
        A visit the cohort no longer defines (cancelled by a cohort change) keeps its stored name."""
        gettext = self.texts.gettext
        if definition is None:
            return gettext("Study visit: {name}").format(name=self.translated(visit.name))
        if definition.dose_number is not None and self.protocol.dose_count > 1:
            return self.dose_title(definition.dose_number)
        if definition.kind is VisitKind.INFUSION or definition.dose_number is not None:
            return gettext("Infusion day")
        if definition.kind is VisitKind.CONDITIONING and visit.code in self.conditioning:
            return gettext("Chemotherapy: day {number} of {count}").format(
                number=self.conditioning.index(visit.code) + 1, count=len(self.conditioning))
        name = self.translated(definition.plain_name)
        if definition.kind is VisitKind.FOLLOW_UP:  # "Day 9" alone does not say it is a visit
            return gettext("Study visit: {name}").format(name=name)
        return name  # screening, unscheduled visit, early termination: the name says what it is

    def translated(self, text: str) -> str:
        """A protocol text (plain name, take-home note) in the participant's language: the protocol
        file's translation, else the English text (never blank), as on the take-home schedule."""
        return self.translations.get(self.texts.language.code, text)

    def dose_title(self, number: int) -> str:
        """Each dose named as a person counts them ("Second treatment dose": no digits to misread, no
        "X2"), with the take-home schedule's ordinals (in Spanish they agree with *la dosis*)."""
        text = self.texts.gettext("{ordinal} treatment dose").format(ordinal=self.texts.ordinal(number))
        return text[:1].upper() + text[1:]

    def description(self, entry: CalendarEntry, definition: VisitDefinition | None) -> str:
        """When, what to expect and what to bring, then who to call; a cancelled visit says so and
        who to call only (what it would have been is no longer of use)."""
        gettext = self.texts.gettext
        cancelled = entry.status is EntryStatus.CANCELLED
        lines = [self.when(entry)]
        if not cancelled and definition is not None:
            lines.append(self.translated(definition.expect.strip()))
            if definition.fasting:
                lines.append(gettext("Please come fasting: the study team will tell you from what time."))
            if definition.asks_urine_sample:
                lines.append(gettext("We will ask you for a urine sample."))
        lines = [line for line in lines if line]
        lines.append("")
        lines.append(gettext("Clinic: {name}").format(name=self.site.name))
        if self.site.phone.strip():
            lines.append(gettext("Study team phone: {phone}").format(phone=self.site.phone.strip()))
        if not cancelled:
            lines.append(gettext("If you cannot come, call the study team as early as you can."))
        return "\n".join(lines)

    def when(self, entry: CalendarEntry) -> str:
        """The first line: the day in words, and whether it is settled."""
        gettext, texts = self.texts.gettext, self.texts
        day = texts.long_date(entry.day)
        if entry.status is EntryStatus.CANCELLED:
            return gettext("This visit on {date} is cancelled.").format(date=day)
        if entry.status is EntryStatus.TENTATIVE:
            return gettext("Planned for {date}. This date is not confirmed yet: the study team will "
                           "call you to set the day and the time.").format(date=day)
        if entry.start is None:
            return gettext("Your visit: {date}. The study team will tell you the time.").format(date=day)
        return gettext("Your appointment: {date}, {time}").format(date=day, time=texts.clock(entry.start))

    def alarms(self, entry: CalendarEntry, title: str) -> Iterable[tuple[timedelta, str]]:
        gettext = self.texts.gettext
        tomorrow = gettext("Tomorrow: {visit}").format(visit=title)
        if entry.start is None:
            return [(DAY_BEFORE_MORNING, tomorrow)]
        return [(DAY_BEFORE, tomorrow), (TWO_HOURS_BEFORE, gettext("In 2 hours: {visit}").format(visit=title))]


def _alarm(trigger: timedelta, text: str) -> Alarm:
    alarm = Alarm()
    alarm.add("ACTION", vText("DISPLAY"))
    alarm.add("DESCRIPTION", vText(text))
    alarm.add("TRIGGER", vDDDTypes(trigger))
    return alarm
