"""Calendar files (.ics) and spreadsheets (.csv) of participant visits. No Qt, no database.

Callers (the CLI, the GUI's Export actions) fetch detached records through the services and
pass the visits here; both formats show the same rows, chosen by :func:`calendar_entries`.

Choosing visits::

    visits_of(participants)                  # one, several or every participant: all visits
    visits_between(participants, start, end) # every visit whose calendar day is in the range
    visits_on_worklist(worklist_items)       # the rows of the GUI worklist

Writing files::

    write_ics(path, visits, site, now=datetime.now(UTC), name="104-001 visits",
              protocol=protocol, reminder_days=2)       # -> number of events
    write_csv(path, visits)                             # -> number of rows
    build_calendar(...) / build_csv(...)                # the same, as bytes

Which visits appear, and how (see :mod:`.entries`): every visit with a scheduled or actual
date. Open visits sit on their scheduled date, TENTATIVE while only proposed, CONFIRMED once
booked (timed in the site's time zone when booked with a time); done visits sit on their actual
date, CONFIRMED; missed and cancelled visits stay in the file as CANCELLED so a re-import updates
them. Visits without a date yet are left out.

For a second export to update rather than duplicate events, the store must give each visit a
random UID once, when the visit is created, and keep it; and raise the visit's SEQUENCE whenever
its scheduled date, appointment time, actual date or status (done, missed, cancelled) changes.

Any problem is raised as :class:`ExportError` (a ``DomainError``), with a message for a person.
"""

from .csv_table import COLUMNS, build_csv, write_csv
from .entries import (
    CalendarEntry,
    EntryStatus,
    calendar_day,
    calendar_entries,
    calendar_entry,
    visits_between,
    visits_of,
    visits_on_worklist,
)
from .errors import ExportError
from .ics import DEFAULT_APPOINTMENT_LENGTH, PRODID, build_calendar, event_resource, event_resources, write_ics

__all__ = [
    "COLUMNS",
    "DEFAULT_APPOINTMENT_LENGTH",
    "PRODID",
    "CalendarEntry",
    "EntryStatus",
    "ExportError",
    "build_calendar",
    "build_csv",
    "calendar_day",
    "calendar_entries",
    "calendar_entry",
    "event_resource",
    "event_resources",
    "visits_between",
    "visits_of",
    "visits_on_worklist",
    "write_csv",
    "write_ics",
]
