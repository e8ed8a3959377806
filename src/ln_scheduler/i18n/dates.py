"""Weekday and month words in a language, for every edge that writes a date for staff (the CLI's
``plan``, the window's headings and cells, the worksheets): one place, so the CLI, the window and
the paper never write a date two ways.

English (the source language) is written from the tables below, which are CLDR's ``en_US`` words
(a test holds them to Babel's), so an English process never loads Babel (0.1-0.3 s of start-up);
any other language asks Babel's CLDR data. Pure: no Qt, no database.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Literal

from .languages import SOURCE_LANGUAGE, language

Width = Literal["abbreviated", "wide"]

#: CLDR en_US, Monday first; the abbreviations are their first three letters ("Mon", "Sep").
ENGLISH_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December")


@lru_cache(maxsize=64)
def weekday_names(code: str, width: Width) -> tuple[str, ...]:
    """Monday first, as language ``code`` writes them mid-sentence (``lunes``; ``lun``)."""
    if code == SOURCE_LANGUAGE:
        return tuple(name if width == "wide" else name[:3] for name in ENGLISH_WEEKDAYS)
    from babel.dates import get_day_names  # Babel loads for another language only

    names = get_day_names(width, context="format", locale=language(code).locale)
    return tuple(names[i] for i in range(7))


@lru_cache(maxsize=64)
def month_names(code: str, width: Width) -> tuple[str, ...]:
    """January first, as language ``code`` writes them in a date (``enero``; ``ene``)."""
    if code == SOURCE_LANGUAGE:
        return tuple(name if width == "wide" else name[:3] for name in ENGLISH_MONTHS)
    from babel.dates import get_month_names

    names = get_month_names(width, context="format", locale=language(code).locale)
    return tuple(names[i] for i in range(1, 13))


def weekday(d: date, code: str, width: Width = "abbreviated") -> str:
    """``Tue`` / ``mar``; ``Tuesday`` / ``martes`` with ``width="wide"``."""
    return weekday_names(code, width)[d.weekday()]


def month_year(d: date, code: str) -> str:
    """``February 2027`` / ``febrero de 2027`` (CLDR's ``yMMMM``)."""
    if code == SOURCE_LANGUAGE:
        return f"{ENGLISH_MONTHS[d.month - 1]} {d.year}"
    from babel.dates import format_skeleton

    return format_skeleton("yMMMM", d, locale=language(code).locale)


def staff_day(d: date, code: str) -> str:
    """``31-Jan-2027`` / ``31-ene-2027``: the unambiguous clinical date of the staff's paper."""
    return f"{d.day:02d}-{month_names(code, 'abbreviated')[d.month - 1]}-{d.year}"
