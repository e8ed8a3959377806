"""Shared by the export tests: a participant with realistic visits, a fixed clock, and both
independent parsers (icalendar and vobject) reading an export back."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time
from typing import Any

import icalendar
import vobject

from ln_scheduler.domain.visit_status import VisitStatus
from ln_scheduler.exports import build_calendar
from ln_scheduler.services.records import ParticipantRecord, VisitRecord
from tests.support.sample_records import SITE, sample_participant, with_visit

NOW = datetime(2027, 1, 20, 15, 0, tzinfo=UTC)
INITIALS = "JQD"
#: Free text a coordinator might type; none of it may reach a calendar file.
NOTE = "Jane Quincy Doe phoned: flu, husband Bob drives"
SAMPLE_ID = "TUBE-4711-XZ"


def participant(pid: str = "104-001") -> ParticipantRecord:
    """Conditioning from Tue 2027-01-26 (Chicago site): screening done, Day 7 booked at 09:30
    in winter (CST), Day 21 booked for the day (no time), Month 3 booked at 14:00 in summer time (CDT),
    the rest only proposed by the schedule."""
    p = sample_participant(pid=pid, initials=INITIALS, conditioning_start=date(2027, 1, 26),
                           today=date(2027, 1, 20), site=SITE)
    scr = p.visit("SCR")
    p = with_visit(p, "SCR", actual=date(2027, 1, 19), status=VisitStatus.DONE, sequence=1,
                   procedure_records=tuple(
                       replace(r, done=r.code != "ECHO", not_done_reason=NOTE if r.code == "ECHO" else None,
                               sample_id=SAMPLE_ID if r.code == "HEME" else None)
                       for r in scr.procedure_records))
    p = with_visit(p, "D7", scheduled_time=time(9, 30), booked=True, sequence=1)
    p = with_visit(p, "D21", booked=True, sequence=1)
    p = with_visit(p, "M3", scheduled_time=time(14, 0), booked=True, sequence=1, reason=NOTE)
    return p


def export(visits, **options: Any) -> bytes:
    """The .ics bytes of these visits at the Chicago sample site, at the fixed clock."""
    options = {"now": NOW, "name": "104-001 visits", **options}
    return build_calendar(visits, SITE, **options)


def events_by_uid(data: bytes) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    by_uid = {str(e["UID"]): e for e in events}
    assert len(by_uid) == len(events), "a UID is repeated"
    return by_uid


def vobject_events(data: bytes) -> dict[str, Any]:
    calendar = vobject.readOne(data.decode("utf-8"))
    return {e.uid.value: e for e in calendar.vevent_list}


def visit_by_uid(visits: tuple[VisitRecord, ...] | list[VisitRecord]) -> dict[str, VisitRecord]:
    return {v.uid: v for v in visits}


