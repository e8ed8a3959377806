"""Weekday and month names in the interface language, for the views' headings.

``strftime`` names follow the C locale: English whatever language the window speaks. These come
from Babel's CLDR data (the same as ``ln_scheduler.i18n``), in the locale of
``i18n.interface_language()``, which the window sets at start to its own language; in English
they are the very words ``strftime`` gave ("Wednesday", "February 2027", "Feb")."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from babel.dates import format_date, format_skeleton

from ...i18n import interface_language, language


@lru_cache(maxsize=512)
def _formatted(d: date, pattern: str, code: str, skeleton: bool) -> str:
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
