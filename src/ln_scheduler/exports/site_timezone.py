"""The site's time zone, as a Python tzinfo and as the VTIMEZONE that timed events refer to.

Generating a VTIMEZONE walks every offset change in the range, so it is built once per export
(and cached across exports) rather than per event. The range is widened to whole years so that
two exports of nearly the same visits share the cached component and print the same text.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Timezone

from ..i18n import _
from .errors import ExportError


def site_zone(tzid: str) -> ZoneInfo:
    """The IANA zone named in the site settings, or an ExportError a person can act on."""
    try:
        return ZoneInfo(tzid)
    except (ZoneInfoNotFoundError, ValueError):
        raise ExportError(
            _("the site time zone '{zone}' is not a known IANA name (e.g. America/Chicago); "
              "correct it in the site settings").format(zone=tzid)
        ) from None


def vtimezone(tzid: str, first: date, last: date) -> Timezone:
    """A VTIMEZONE for ``tzid`` valid from 1 January of ``first``'s year to the end of ``last``'s.

    The component is shared between exports: add it to a calendar, never change it.
    """
    site_zone(tzid)
    return _vtimezone_for_years(tzid, first.year, last.year)


@lru_cache(maxsize=32)
def _vtimezone_for_years(tzid: str, first_year: int, last_year: int) -> Timezone:
    timezone = Timezone.from_tzid(
        tzid, first_date=date(first_year, 1, 1), last_date=date(last_year + 1, 1, 1)
    )
    # icalendar notes the covered range in a COMMENT, which RFC 5545 (3.6.5) does not allow
    # directly in a VTIMEZONE: libical's restriction check rejects the file for it.
    timezone.pop("COMMENT", None)
    return timezone
