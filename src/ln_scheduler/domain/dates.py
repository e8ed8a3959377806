"""Parsing of dates typed by people, with a message that says what was expected."""

from datetime import date

from .errors import DomainError

EARLIEST_SENSIBLE = date(2000, 1, 1)
LATEST_SENSIBLE = date(2100, 12, 31)


def parse_date(text: str, what: str = "date") -> date:
    """An ISO date (YYYY-MM-DD) inside a sane range, or a DomainError naming the field."""
    value = text.strip()
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise DomainError(f"{what} '{text}' is not a valid date: use YYYY-MM-DD, e.g. 2027-01-26") from None
    if len(value) != 10:
        raise DomainError(f"{what} '{text}' is not a valid date: use YYYY-MM-DD, e.g. 2027-01-26")
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
