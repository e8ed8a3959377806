"""Parsing of dates typed by people, with a message that says what was expected."""

import re
from datetime import date

from .errors import DomainError

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

EARLIEST_SENSIBLE = date(2000, 1, 1)
LATEST_SENSIBLE = date(2100, 12, 31)


def parse_date(text: str, what: str = "date") -> date:
    """An ISO date (YYYY-MM-DD) inside a sane range, or a DomainError naming the field."""
    value = text.strip()
    try:
        # Only the calendar form: Python also reads week dates (2027-W04-2) and 20270126.
        if not _ISO_DAY.fullmatch(value):
            raise ValueError(value)
        parsed = date.fromisoformat(value)
    except ValueError:
        raise DomainError(f"{what} '{text}' is not a valid date: use YYYY-MM-DD, e.g. 2027-01-26") from None
    check_sensible(parsed, what)
    return parsed


def check_sensible(d: date, what: str = "date") -> date:
    """Refuse dates no study visit can have (typos such as 0207 for 2027)."""
    if not EARLIEST_SENSIBLE <= d <= LATEST_SENSIBLE:
        raise DomainError(
            f"{what} {d.isoformat()} is outside any sensible range "
            f"({EARLIEST_SENSIBLE.isoformat()} to {LATEST_SENSIBLE.isoformat()})"
        )
    return d
