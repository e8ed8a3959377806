"""Choosing a conditioning start so that every fixed dose-related day falls on an open day (a Sunday
infusion is what these suggestions exist to avoid).

Which days must be open is read from the cohort's protocol, not written here: every visit with no
window (early = late = 0) anchored on C1 or on a dose, at its planned date. For LN that is LD1-LD3
and Days 1-4; for SSC-1B also D8, D9, D15 and D16 (the dose days and the day after each).
"""

from __future__ import annotations

from datetime import date, timedelta

from .protocol import Anchor, Protocol, VisitDefinition
from .schedule import planned_targets
from .site_calendar import SiteCalendar

SEARCH_LIMIT_DAYS = 3 * 366
#: Anchors whose fixed days a start date must keep open: conditioning and the doses (the last-dose
#: visit has a window, and a dose slipping moves it anyway).
DOSE_RELATED = (Anchor.C1, Anchor.D1, Anchor.DOSE)


def critical_visits(protocol: Protocol) -> tuple[VisitDefinition, ...]:
    """The cohort's fixed days a conditioning start must keep on open days."""
    return tuple(v for v in protocol.calendar_visits if v.fixed_day and v.anchor in DOSE_RELATED)


def suggest_conditioning_starts(protocol: Protocol, calendar: SiteCalendar, start_from: date,
                                count: int = 5, until: date | None = None) -> list[date]:
    """The next ``count`` start dates on or after ``start_from`` where every critical day (see
    :func:`critical_visits`, every dose on its planned date) is open. Searches up to three years
    ahead, or to ``until`` (the last start a screening allows)."""
    critical = critical_visits(protocol)  # only their targets: the others (months by relativedelta) cost 4/5
    found: list[date] = []
    day = start_from
    limit = start_from + timedelta(days=SEARCH_LIMIT_DAYS)
    if until is not None:
        limit = min(limit, until)
    while len(found) < count and day <= limit:
        if all(calendar.is_open(target) for target in planned_targets(protocol, day, critical).values()):
            found.append(day)
        day += timedelta(days=1)
    return found
