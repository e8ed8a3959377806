"""Today and now at the site: the date in the site's time zone decides what is due, late and
overdue, and every time shown is its wall clock. Shared by the services' context and the first look
at a file (no SQLAlchemy here)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def site_time(now: datetime, timezone: str | None) -> datetime:
    """``now`` on the site's wall clock: every time the window shows is the site's (the audit trail,
    the worksheets' "printed at", the status bar), whatever the workstation's own zone. A naive
    ``now`` (a test's clock) is taken as it is; an unknown zone falls back to this computer's."""
    if now.tzinfo is None:
        return now
    if timezone:
        try:
            return now.astimezone(ZoneInfo(timezone))
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return now.astimezone()


def site_today(now: datetime, timezone: str | None) -> date:
    """The date of ``now`` at the site. A naive ``now`` (a test's clock) is taken as it is; an
    unknown or missing zone falls back to this computer's."""
    return site_time(now, timezone).date()
