"""Weekday and month names in the interface language, for the views' headings.

``strftime`` names follow the C locale: English whatever language the window speaks. These come
from Babel's CLDR data (the same as ``ln_scheduler.i18n``), in the locale of
``i18n.interface_language()``, which the window sets at start to its own language; in English
they are the very words ``strftime`` gave ("Wednesday", "February 2027", "Feb"), written here
without Babel (an English start never loads it: 0.1-0.3 s before the first paint)."""

from __future__ import annotations

from datetime import date

from ...i18n import interface_language
from ...i18n.dates import month_names, month_year, weekday


def weekday_name(d: date) -> str:
    """``Wednesday`` / ``miércoles``."""
    return weekday(d, interface_language(), "wide")


def short_month(d: date) -> str:
    """``Feb`` / ``feb``: a month's first day in the calendar grid."""
    return month_names(interface_language(), "abbreviated")[d.month - 1]


def month_title(d: date) -> str:
    """``February 2027`` / ``Febrero de 2027`` (a heading: first letter upper case)."""
    text = month_year(d, interface_language())
    return text[:1].upper() + text[1:]
