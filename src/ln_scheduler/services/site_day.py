"""Today at the site: the date in the site's time zone, which decides what is due, late and overdue.
Shared by the services' context and the first look at a file (no SQLAlchemy here)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def site_today(now: datetime, timezone: str | None) -> date:
    """The date of ``now`` at the site. A naive ``now`` (a test's clock) is taken as it is; an
    unknown or missing zone falls back to this computer's."""
    if now.tzinfo is None:
        return now.date()
    if timezone:
        try:
            return now.astimezone(ZoneInfo(timezone)).date()
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return now.astimezone().date()
