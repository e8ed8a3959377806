"""How dates, times and windows are written on paper.

Worksheets use DD-Mon-YYYY, the clinical-research convention that no reader in any country can
misread (02/03 is February in one clinic and March in the next), with the month abbreviated in the
document's language (``31-Jan-2027``, ``31-ene-2027``: CLDR names, by Babel). The take-home schedule
spells dates out in full in the participant's language (``ParticipantTexts``: Babel too, no month
tables of our own). Never ``strftime``, so the output never depends on the process locale (Qt
changes it in the GUI).
"""

from __future__ import annotations

from datetime import date, datetime, time

from ..i18n import _, interface_language
from ..i18n.dates import staff_day, weekday
from ..services.records import VisitRecord
from ..services.site_day import site_time as site_time  # the reports' printed-at times

NONE = "—"


def day_text(d: date | None, language_code: str | None = None) -> str:
    """``31-Jan-2027`` (``31-ene-2027`` in Spanish); an em dash when there is no date yet.
    ``language_code``: the document's language (default: the interface language, for staff)."""
    if d is None:
        return NONE
    return staff_day(d, language_code or interface_language())


def day_with_weekday(d: date | None) -> str:
    """``Sun 31-Jan-2027`` (``dom 31-ene-2027``): the weekday catches a booking on a closed day at a glance."""
    if d is None:
        return NONE
    return f"{weekday(d, interface_language())} {day_text(d)}"


def clock_text(t: time | None) -> str:
    return "" if t is None else f"{t.hour:02d}:{t.minute:02d}"


def printed_text(at: datetime, language_code: str | None = None) -> str:
    return f"{day_text(at.date(), language_code)} {clock_text(at.time())}"


def study_day_text(day: int | None) -> str:
    return NONE if day is None else _("Day {number}").format(number=day)


def window_text(visit: VisitRecord) -> str:
    """Earliest to latest allowed date; a visit with no window says so instead of ``X to X``."""
    if visit.earliest is None or visit.latest is None:
        return NONE
    if visit.earliest == visit.latest:
        return _("{day} only").format(day=day_text(visit.earliest))
    return _("{first} to {last}").format(first=day_text(visit.earliest), last=day_text(visit.latest))


def scheduled_text(visit: VisitRecord) -> str:
    text = day_with_weekday(visit.scheduled)
    if visit.scheduled is not None and visit.scheduled_time is not None:
        text += f" {clock_text(visit.scheduled_time)}"
    return text

