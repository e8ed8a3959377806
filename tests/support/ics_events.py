"""A minimal one-event calendar body, for tests of the CalDAV edge that need an event to upload."""

from __future__ import annotations

from datetime import UTC, date, datetime

from icalendar import Calendar, Event


def one_event(uid: str, summary: str, sequence: int = 0) -> bytes:
    """An all-day event on 2027-03-01 with this UID, title and SEQUENCE, as CalDAV would store it."""
    cal = Calendar()
    cal.add("prodid", "-//test//EN")
    cal.add("version", "2.0")
    event = Event()
    event.add("uid", uid)
    event.add("summary", summary)
    event.add("sequence", sequence)
    event.add("dtstart", date(2027, 3, 1))
    event.add("dtstamp", datetime(2027, 3, 1, 12, 0, tzinfo=UTC))
    cal.add_component(event)
    return cal.to_ical()
