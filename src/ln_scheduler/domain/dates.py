"""Parsing of dates typed by people, with a message that says what was expected."""

import calendar
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


# --- dates typed into the application's date fields ---------------------------------------------
#: What a date field accepts, as its tooltip and its error messages say it.
TYPED_DATE_HELP = "YYYY-MM-DD (e.g. 2027-01-26), or 20270126, t for today, +7 / -7 for days from today"
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")
_TYPED = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:\s+(?P<wd>[A-Za-z]+)\.?)?|(?P<compact>\d{8})")
_RELATIVE = re.compile(r"(?P<sign>[+-])\s*(?P<n>\d{1,4})")


def parse_typed_date(text: str, today: date) -> date:
    """The date a person typed, or a DomainError saying exactly what is wrong.

    Only a real calendar date is accepted: Qt's date edits turned the typo 2026-02-30 into
    2026-02-03 and 20261209 into 2026-02-02, and the wrong date was saved without a word. Accepted:
    ``YYYY-MM-DD`` (one-digit month or day too), optionally followed by its weekday, which must be
    right (``2027-01-26 Tue``, the form a field shows); ``YYYYMMDD``; ``t`` or ``today``; ``+N`` /
    ``-N`` days from ``today``. Dates outside :data:`EARLIEST_SENSIBLE`..:data:`LATEST_SENSIBLE`
    are refused like every other date the application reads."""
    value = " ".join(text.split())
    if not value:
        raise DomainError(f"Enter a date: {TYPED_DATE_HELP}.")
    if value.lower() in ("t", "today"):
        return today
    relative = _RELATIVE.fullmatch(value)
    if relative:
        days = int(relative["n"]) * (1 if relative["sign"] == "+" else -1)
        return _sensible(date.fromordinal(today.toordinal() + days), value)
    match = _TYPED.fullmatch(value)
    if not match:
        raise DomainError(f"'{value}' is not a date: type {TYPED_DATE_HELP}.")
    if match["compact"]:
        y, m, d = int(value[:4]), int(value[4:6]), int(value[6:])
    else:
        y, m, d = int(match["y"]), int(match["m"]), int(match["d"])
    if not 1 <= m <= 12:
        raise DomainError(f"'{value}' is not a date: there is no month {m}.")
    try:
        parsed = date(y, m, d)
    except ValueError:
        last = calendar.monthrange(y, m)[1]
        raise DomainError(f"'{value}' is not a date: {_MONTH_NAMES[m - 1]} {y} has {last} days.") from None
    weekday = match["wd"]
    if weekday:
        named = [i for i, name in enumerate(_WEEKDAY_NAMES) if len(weekday) >= 2 and name.startswith(weekday.lower())]
        if not named:
            raise DomainError(f"'{weekday}' is not a day of the week: type the date alone, e.g. {parsed.isoformat()}.")
        if parsed.weekday() not in named:
            raise DomainError(f"{parsed.isoformat()} is a {_WEEKDAY_NAMES[parsed.weekday()].title()}, not a "
                              f"{_WEEKDAY_NAMES[named[0]].title()}: correct the date, or type it without the day.")
    return _sensible(parsed, value)


def _sensible(d: date, typed: str) -> date:
    if not EARLIEST_SENSIBLE <= d <= LATEST_SENSIBLE:
        what = f"{d.isoformat()} is" if typed == d.isoformat() else f"'{typed}' is {d.isoformat()},"
        raise DomainError(f"{what} outside any sensible range "
                          f"({EARLIEST_SENSIBLE.isoformat()} to {LATEST_SENSIBLE.isoformat()}).")
    return d
