"""Parsing of dates typed by people, with a message that says what was expected."""

import calendar
import re
import unicodedata
from datetime import date

from ..i18n import N_, _
from .errors import DomainError

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

EARLIEST_SENSIBLE = date(2000, 1, 1)
LATEST_SENSIBLE = date(2100, 12, 31)

#: Dates this far back are pointed out before (the window asks) or when (the command line warns) they
#: are saved: a screening more than 60 days ago is older than the study's screening period allows (a
#: typo of year or month is the usual cause); a conditioning start more than 14 days ago means
#: conditioning is recorded two weeks late, or planned in the past, which the coordinator should confirm.
FAR_PAST_SCREENING_DAYS = 60
FAR_PAST_CONDITIONING_DAYS = 14


def days_far_past(d: date, today: date, days: int) -> int | None:
    """How many days before ``today`` ``d`` is, when that is more than ``days``; else None."""
    ago = (today - d).days
    return ago if ago > days else None


def parse_date(text: str, what: str | None = None) -> date:
    """An ISO date (YYYY-MM-DD) inside a sane range, or a DomainError naming the field (``what``,
    already in the interface language; default: "date")."""
    value = text.strip()
    try:
        # Only the calendar form: Python also reads week dates (2027-W04-2) and 20270126.
        if not _ISO_DAY.fullmatch(value):
            raise ValueError(value)
        parsed = date.fromisoformat(value)
    except ValueError:
        raise DomainError(_("{what} '{text}' is not a valid date: use YYYY-MM-DD, e.g. 2027-01-26").format(
            what=what or _("date"), text=text)) from None
    check_sensible(parsed, what)
    return parsed


def check_sensible(d: date, what: str | None = None) -> date:
    """Refuse dates no study visit can have (typos such as 0207 for 2027). ``what`` names the field
    in the message (already in the interface language; default: "date")."""
    if not EARLIEST_SENSIBLE <= d <= LATEST_SENSIBLE:
        raise DomainError(
            _("{what} {date} is outside any sensible range ({earliest} to {latest})").format(
                what=what or _("date"), date=d.isoformat(), earliest=EARLIEST_SENSIBLE.isoformat(),
                latest=LATEST_SENSIBLE.isoformat())
        )
    return d


# --- dates typed into the application's date fields ---------------------------------------------
#: What a date field accepts, as its tooltip and its error messages say it (marked: ``_()`` at use).
TYPED_DATE_HELP = N_("YYYY-MM-DD (e.g. 2027-01-26), or 20270126, t for today, +7 / -7 for days from today")
#: The weekday a person may type after a date: English names (or their first letters), as the fields show.
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_LABELS = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"),
                   N_("Sunday"))
_MONTH_NAMES = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
                N_("August"), N_("September"), N_("October"), N_("November"), N_("December"))
_TYPED = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:\s+(?P<wd>[^\W\d_]+)\.?)?|(?P<compact>\d{8})")
_RELATIVE = re.compile(r"(?P<sign>[+-])\s*(?P<n>\d{1,4})")
#: A typed date typing would not go on with: every digit of ``YYYY-MM-DD`` (its weekday may follow)
#: or of ``YYYYMMDD``. On the way to 2027-02-12 the text 2027-02-1 reads as February 1st.
_WHOLE = re.compile(r"\d{4}-\d{2}-\d{2}(?:\s.*)?|\d{8}")


def typed_in_full(text: str) -> bool:
    """Whether ``text`` is a date written out in full, which typing would not go on with (a field
    can act on it at once; ``2027-02-1`` or ``+1`` may be on their way to ``2027-02-14``, ``+14``)."""
    return _WHOLE.fullmatch(" ".join(text.split())) is not None


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
        raise DomainError(_("Enter a date: {help}.").format(help=_(TYPED_DATE_HELP)))
    if value.lower() in ("t", "today"):
        return today
    relative = _RELATIVE.fullmatch(value)
    if relative:
        days = int(relative["n"]) * (1 if relative["sign"] == "+" else -1)
        return _sensible(date.fromordinal(today.toordinal() + days), value)
    match = _TYPED.fullmatch(value)
    if not match:
        raise DomainError(_("'{text}' is not a date: type {help}.").format(text=value, help=_(TYPED_DATE_HELP)))
    if match["compact"]:
        y, m, d = int(value[:4]), int(value[4:6]), int(value[6:])
    else:
        y, m, d = int(match["y"]), int(match["m"]), int(match["d"])
    if not 1 <= m <= 12:
        raise DomainError(_("'{text}' is not a date: there is no month {month}.").format(text=value, month=m))
    if d == 0:
        raise DomainError(_("'{text}' is not a date: there is no day 0: {month} {year} has days 1 to {days}.").format(
            text=value, month=_(_MONTH_NAMES[m - 1]), year=y, days=calendar.monthrange(y, m)[1]))
    try:
        parsed = date(y, m, d)
    except ValueError:
        last = calendar.monthrange(y, m)[1]
        raise DomainError(_("'{text}' is not a date: {month} {year} has {days} days.").format(
            text=value, month=_(_MONTH_NAMES[m - 1]), year=y, days=last)) from None
    weekday = match["wd"]
    if weekday:
        named = _weekdays_named(weekday)
        if not named:
            raise DomainError(_("'{text}' is not a day of the week: type the date alone, e.g. {date}.").format(
                text=weekday, date=parsed.isoformat()))
        if parsed.weekday() not in named:
            raise DomainError(_("{date} is a {weekday}, not a {typed}: correct the date, or type it without the "
                                "day.").format(date=parsed.isoformat(), weekday=_(_WEEKDAY_LABELS[parsed.weekday()]),
                                               typed=_(_WEEKDAY_LABELS[named[0]])))
    return _sensible(parsed, value)


def _weekdays_named(typed: str) -> list[int]:
    """The weekdays (0 = Monday) whose name starts with ``typed`` (two letters at least), in English
    or in the interface language, accents and case ignored: a Spanish window shows "2026-12-09 mié"
    and must read it back, and "mie" typed without the accent means the same day."""
    if len(typed) < 2:
        return []
    wanted = _folded(typed)
    return [i for i, english in enumerate(_WEEKDAY_NAMES)
            if english.startswith(wanted) or _folded(_(_WEEKDAY_LABELS[i])).startswith(wanted)]


def _folded(text: str) -> str:
    """``text`` in lower case without accents (``Miércoles`` -> ``miercoles``)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def _sensible(d: date, typed: str) -> date:
    if not EARLIEST_SENSIBLE <= d <= LATEST_SENSIBLE:
        bounds = {"earliest": EARLIEST_SENSIBLE.isoformat(), "latest": LATEST_SENSIBLE.isoformat()}
        if typed == d.isoformat():
            raise DomainError(_("{date} is outside any sensible range ({earliest} to {latest}).").format(
                date=d.isoformat(), **bounds))
        raise DomainError(_("'{text}' is {date}, outside any sensible range ({earliest} to {latest}).").format(
            text=typed, date=d.isoformat(), **bounds))
    return d
