"""Choosing a conditioning start so that conditioning and the first infusion days fall on open
days (a Sunday infusion is what these suggestions exist to avoid)."""

from __future__ import annotations

from datetime import date, timedelta

from .protocol import Protocol, VisitDefinition, VisitKind
from .schedule import nominal_target, planned_infusion
from .site_calendar import SiteCalendar

#: D1-anchored day visits that must fall on open days besides conditioning: Days 1 to 4.
CRITICAL_LAST_DAY = 4
SEARCH_LIMIT_DAYS = 3 * 366


def _critical_visits(protocol: Protocol) -> list[VisitDefinition]:
    return [
        v
        for v in protocol.calendar_visits
        if v.kind is VisitKind.CONDITIONING or (v.day is not None and v.day <= CRITICAL_LAST_DAY)
    ]


def suggest_conditioning_starts(protocol: Protocol, calendar: SiteCalendar, start_from: date,
                                count: int = 5) -> list[date]:
    """The next ``count`` start dates on or after ``start_from`` where every conditioning day and
    Days 1-4 (at the planned infusion) are open days. Searches up to three years ahead."""
    critical = _critical_visits(protocol)
    found: list[date] = []
    day = start_from
    limit = start_from + timedelta(days=SEARCH_LIMIT_DAYS)
    while len(found) < count and day <= limit:
        d1 = planned_infusion(protocol, day)
        if all(calendar.is_open(nominal_target(v, day, d1)) for v in critical):
            found.append(day)
        day += timedelta(days=1)
    return found
