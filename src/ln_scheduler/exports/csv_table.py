"""The rows of the calendar export as CSV, for spreadsheets.

RFC 4180: one header row, comma-separated, CRLF line ends, fields quoted only when they hold a
comma, a quote or a line break; UTF-8 without a byte-order mark; ISO 8601 dates and HH:MM times.
The rows are the same :class:`CalendarEntry` rows as the .ics export, in the same order, with the
same privacy rule: participant ID only, no initials, reasons or notes. ``cohort`` and ``dose`` are
the last columns (added with cohorts), so a spreadsheet reading the earlier ones by position is
unchanged.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date, time
from os import PathLike

from ..services.records import VisitRecord
from .entries import CalendarEntry, calendar_entries
from .files import write_atomically

COLUMNS: tuple[str, ...] = (
    "participant_id",
    "visit_code",
    "visit",
    "kind",
    "study_day",
    "date",
    "time",
    "booked",
    "calendar_status",
    "visit_status",
    "target",
    "earliest",
    "latest",
    "scheduled",
    "actual",
    "site_closed",
    "out_of_window",
    "procedures",
    "uid",
    "sequence",
    "cohort",
    "dose",
)

#: A cell starting with one of these is run as a formula by spreadsheet programs.
_FORMULA_START = ("=", "+", "@", "\t", "\r")


def build_csv(visits: Iterable[VisitRecord]) -> bytes:
    """The CSV bytes (UTF-8) for these visits: a header row, then one row per calendar entry."""
    return _render(calendar_entries(visits))


def write_csv(path: str | PathLike[str], visits: Iterable[VisitRecord]) -> int:
    """Write :func:`build_csv` to ``path`` (replaced whole, never half-written).

    Returns the number of data rows written.
    """
    entries = calendar_entries(visits)
    write_atomically(path, _render(entries))
    return len(entries)


def _render(entries: list[CalendarEntry]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(_row(entry) for entry in entries)
    return out.getvalue().encode("utf-8")


def _row(entry: CalendarEntry) -> list[str]:
    v = entry.visit
    return [
        v.participant_id,
        v.code,
        _text(v.label),
        v.kind.value,
        "" if v.study_day is None else str(v.study_day),
        entry.day.isoformat(),
        _time(entry.start),
        "yes" if v.booked else "no",  # no: the date is only the schedule's proposal
        entry.status.value,
        v.status.value,
        _date(v.target),
        _date(v.earliest),
        _date(v.latest),
        _date(v.scheduled),
        _date(v.actual),
        "yes" if v.closed_day else "no",
        "yes" if v.deviation else "no",
        " ".join(v.procedures),
        v.uid,
        str(v.sequence),
        v.cohort,
        "" if v.dose_number is None else str(v.dose_number),
    ]


def _text(value: str) -> str:
    """Protocol text as a value, never a formula (CSV injection)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _date(value: date | None) -> str:
    return "" if value is None else value.isoformat()


def _time(value: time | None) -> str:
    return "" if value is None else value.strftime("%H:%M")
