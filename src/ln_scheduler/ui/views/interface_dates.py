"""Weekday and month names in the interface language, for the views' headings.

``strftime`` names follow the C locale: English whatever language the window speaks. These come
from Babel's CLDR data (the same as ``ln_scheduler.i18n``), in the locale of
``i18n.interface_language()``, which the window sets at start to its own language; in English
they are the very words ``strftime`` gave ("Wednesday", "February 2027", "Feb"), written here
without Babel (an English start never loads it: 0.1-0.3 s before the first paint)."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from ...domain.site_calendar import WEEKDAY_NAMES
from ...i18n import SOURCE_LANGUAGE, interface_language, language

#: CLDR's English month names (``en_US``), what Babel writes for ``MMMM``; ``MMM`` is their first three letters.
_ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                   "October", "November", "December")


@lru_cache(maxsize=512)
def _formatted(d: date, pattern: str, code: str, skeleton: bool) -> str:
    if code == SOURCE_LANGUAGE:
        return _english(d, pattern)
    from babel.dates import format_date, format_skeleton  # Babel loads for another language only

    locale = language(code).locale
    return format_skeleton(pattern, d, locale=locale) if skeleton else format_date(d, pattern, locale=locale)


def weekday_name(d: date) -> str:
    """``Wednesday`` / ``miércoles``."""
    return _formatted(d, "EEEE", interface_language(), False)


def short_month(d: date) -> str:
    """``Feb`` / ``feb``: a month's first day in the calendar grid."""
    return _formatted(d, "MMM", interface_language(), False)


def month_title(d: date) -> str:
    """``February 2027`` / ``Febrero de 2027`` (a heading: first letter upper case)."""
    text = _formatted(d, "yMMMM", interface_language(), True)
    return text[:1].upper() + text[1:]


def _english(d: date, pattern: str) -> str:
    """The three patterns above in English, as Babel writes them for ``en_US``."""
    month = _ENGLISH_MONTHS[d.month - 1]
    return {"EEEE": WEEKDAY_NAMES[d.weekday()], "MMM": month[:3], "yMMMM": f"{month} {d.year}"}[pattern]
