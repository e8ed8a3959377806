"""Which visits go into an export, on which day, and with which calendar status.

The .ics and the .csv export show the same rows; both get them from :func:`calendar_entries`, so
the rule "what a calendar shows" is written once. Nothing here depends on today's date: a
visit's clock-derived state (due, late, overdue) never changes the file, so re-exporting an
unchanged calendar tomorrow gives the same events (only DTSTAMP moves).

The rule:
- A visit with neither a scheduled nor an actual date is left out: there is no day to show.
- A done visit shows on its actual date (the calendar becomes the record of what happened), at
  its booked time only when it was done on the booked day.
- An open visit shows on its scheduled date: TENTATIVE while the date is only proposed by the
  schedule, CONFIRMED once the site booked it (with or without a time). A coordinator's calendar
  must tell an appointment the participant agreed to from a date nobody has agreed to yet.
- Cancelled and missed visits stay in the file as STATUS:CANCELLED, so that a second import
  updates the event a coordinator already has instead of leaving a stale appointment.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum

from ..domain.visit_status import VisitStatus
from ..dose_wording import name_with_dose
from ..i18n import _
from ..services.records import DEFAULT_COHORT, ParticipantRecord, VisitRecord, WorklistItem
from .errors import ExportError


class EntryStatus(StrEnum):
    """The iCalendar STATUS of an event (RFC 5545 3.8.1.11), also shown in the CSV."""

    TENTATIVE = "TENTATIVE"
    CONFIRMED = "CONFIRMED"
    CANCELLED = "CANCELLED"


#: What happened to a visit, in the words a coordinator uses; open visits have no outcome.
_OUTCOMES = {
    VisitStatus.DONE: "Done",
    VisitStatus.DONE_OUT_OF_WINDOW: "Done out of window",
    VisitStatus.MISSED: "Missed",
    VisitStatus.CANCELLED: "Cancelled",
}


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    """One visit as it appears in a calendar: its day, its booked time, its status."""

    visit: VisitRecord
    day: date
    start: time | None  # booked appointment time (site time zone); None = all-day event
    status: EntryStatus
    outcome: str | None  # "Done", "Missed", ... ; None while the visit is still open

    @property
    def participant_id(self) -> str:
        return self.visit.participant_id

    @property
    def summary(self) -> str:
        """The event title: participant ID and visit, nothing else about the person.

        The visit is named with its dose number and, outside the LN cohort, its cohort code
        (``104-007 · Day 8: TAK-007 dose 2 · SSC-1B``): a calendar grid and a phone show the title
        only, and a dose day needs the product and the PK kits ordered, so the title must say it
        is one and which; the same Day 8 exists only in SSC-1B, so the cohort code names the visit
        as much as the participant (a study code, never the disease's name). It comes last, where
        a narrow cell cuts first. LN, the study as first registered, keeps the titles every export
        before cohorts had: re-importing updates those events in place, and LN's one dose is
        already "the infusion" in its name. English whatever the interface language: the site's
        calendar is shared, and its titles must not change with whoever exports or publishes."""
        v = self.visit
        if v.cohort == DEFAULT_COHORT:
            return f"{v.participant_id} · {v.label}"
        return f"{v.participant_id} · {name_with_dose(v.label, v.dose_number, shared=True)} · {v.cohort}"

    @property
    def is_open(self) -> bool:
        return self.outcome is None


def calendar_day(visit: VisitRecord) -> date | None:
    """The day a calendar shows the visit on: when it was done, else when it is booked."""
    return visit.actual or visit.scheduled


def calendar_entry(visit: VisitRecord) -> CalendarEntry | None:
    """The calendar entry for one visit, or None when the visit has no day to show."""
    day = calendar_day(visit)
    if day is None:
        return None
    outcome = _OUTCOMES.get(visit.status)
    if visit.status in (VisitStatus.CANCELLED, VisitStatus.MISSED):
        status = EntryStatus.CANCELLED
    elif outcome is not None or visit.booked:
        status = EntryStatus.CONFIRMED
    else:
        status = EntryStatus.TENTATIVE
    start = visit.scheduled_time if day == visit.scheduled else None
    return CalendarEntry(visit=visit, day=day, start=start, status=status, outcome=outcome)


def calendar_entries(visits: Iterable[VisitRecord]) -> list[CalendarEntry]:
    """Entries for these visits in calendar order (day, time, participant, visit).

    The same visit given twice (one participant named and also inside a date range) is kept
    once. Every visit must carry its stored UID: an event without a stable UID would be
    duplicated, not updated, by the next import.
    """
    by_uid: dict[str, VisitRecord] = {}
    entries: list[CalendarEntry] = []
    for visit in visits:
        if not visit.uid:
            raise ExportError(
                _("visit {code} of participant {id} has no calendar UID; "
                  "upgrade the database so every visit has one").format(code=visit.code, id=visit.participant_id)
            )
        seen = by_uid.get(visit.uid)
        if seen is not None:
            if (seen.participant_id, seen.code, seen.occurrence) != (
                visit.participant_id, visit.code, visit.occurrence
            ):
                raise ExportError(
                    _("visits {id} {code} and {other_id} {other_code} share the calendar UID {uid}").format(
                        id=seen.participant_id, code=seen.code, other_id=visit.participant_id,
                        other_code=visit.code, uid=visit.uid)
                )
            continue
        by_uid[visit.uid] = visit
        entry = calendar_entry(visit)
        if entry is not None:
            entries.append(entry)
    entries.sort(key=_calendar_order)
    return entries


def _calendar_order(entry: CalendarEntry) -> tuple[date, time, str, str, int]:
    v = entry.visit
    return (entry.day, entry.start or time.min, v.participant_id, v.code, v.occurrence)


def visits_of(participants: Iterable[ParticipantRecord]) -> list[VisitRecord]:
    """Every visit of these participants (a participant export, or ``--all``)."""
    return [v for p in participants for v in p.visits]


def visits_between(
    participants: Iterable[ParticipantRecord], start: date, end: date
) -> list[VisitRecord]:
    """Visits whose calendar day falls in ``start..end`` (inclusive), whatever their status.

    Done, missed and cancelled visits in the range are included on purpose: a clinic calendar
    re-imported after a change must carry the cancellation, not silently drop the event.
    """
    if end < start:
        raise ExportError(_("the range ends ({end}) before it starts ({start})").format(end=end, start=start))
    chosen = []
    for visit in visits_of(participants):
        day = calendar_day(visit)
        if day is not None and start <= day <= end:
            chosen.append(visit)
    return chosen


def visits_on_worklist(items: Iterable[WorklistItem]) -> list[VisitRecord]:
    """The visits of worklist rows (the GUI's worklist export)."""
    return [item.visit for item in items]
