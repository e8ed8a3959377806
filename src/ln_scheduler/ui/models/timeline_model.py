"""One participant's calendar: every visit with study day, target, window, its date and status; the
visits whose window is open today are marked current.

The Date column says in words what kind of date it shows: ``Booked Tue 2027-02-02 09:30`` (an
appointment), ``Proposed 2027-02-02`` (the schedule's suggestion, italic and grey too), ``Done
2027-02-03 Wed``. Booked and proposed dates used to look the same. It replaced separate Scheduled
and Done-on columns: with the booking words both no longer fitted beside the visit names at 1440
pixels, and a done visit's booked date is in the tooltip."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication, QPalette

from ...services.records import VisitRecord
from .. import status_style
from ..formatting import (
    booking_text,
    booking_tooltip,
    day_text,
    short_day_text,
    study_day_text,
    visit_flags_text,
    visit_name_text,
    window_span_text,
    window_text,
)
from ..translate_noop import QT_TRANSLATE_NOOP
from .record_table_model import RecordTableModel
from .roles import Role

VISIT, STATUS, STUDY_DAY, TARGET, WINDOW, SCHEDULED, NOTES = range(7)


#: The anchor a visit's target counts from, in words (the timeline's tooltip).
ANCHOR_WORDS = {"C1": QT_TRANSLATE_NOOP("TimelineModel", "the first conditioning day (C1)"),
                "D1": QT_TRANSLATE_NOOP("TimelineModel", "dose 1, the infusion (D1)"),
                "X2": QT_TRANSLATE_NOOP("TimelineModel", "dose 2 (X2)"),
                "X3": QT_TRANSLATE_NOOP("TimelineModel", "dose 3 (X3)"),
                "LAST": QT_TRANSLATE_NOOP("TimelineModel", "the last dose given"),
                "EVENT": QT_TRANSLATE_NOOP("TimelineModel", "the day it happens")}


def is_current(visit: VisitRecord, today: date) -> bool:
    """Today is inside the window of a visit that still needs doing."""
    w = visit.window
    return w is not None and visit.status.is_open and today in w


class TimelineModel(RecordTableModel[VisitRecord]):
    HEADERS = (
        QT_TRANSLATE_NOOP("TimelineModel", "Visit"),
        QT_TRANSLATE_NOOP("TimelineModel", "Status"),
        QT_TRANSLATE_NOOP("TimelineModel", "Day"),
        QT_TRANSLATE_NOOP("TimelineModel", "Target"),
        QT_TRANSLATE_NOOP("TimelineModel", "Window"),
        QT_TRANSLATE_NOOP("TimelineModel", "Date"),
        QT_TRANSLATE_NOOP("TimelineModel", "Notes"),
    )
    ICON_COLUMNS = (STATUS,)
    SAMPLES = (
        QT_TRANSLATE_NOOP("TimelineModel", "Screening"),
        QT_TRANSLATE_NOOP("TimelineModel", "Upcoming"),
        "-12",
        "2027-01-26",
        "2027-03-05 … 03-09",
        QT_TRANSLATE_NOOP("TimelineModel", "Done 2027-01-26 Tue"),
        "",
    )
    CONTENT_COLUMNS = (VISIT, STATUS, WINDOW, SCHEDULED)  # Scheduled: as wide as its booked/proposed words
    #: Nothing is squeezed: the visit's name is what the coordinator reads first ("Day 1: TAK-00…"
    #: and "Month 24 / En…" were cut); on a narrow screen the last columns scroll instead.
    SQUEEZE_COLUMNS: tuple[int, ...] = ()
    BOLD_ROWS = True
    ROLES = RecordTableModel.ROLES | {Qt.ItemDataRole.ForegroundRole}  # a proposed date is grey
    TOOLTIPS = (
        QT_TRANSLATE_NOOP("TimelineModel", "Visit name (repeatable visits are numbered)"),
        QT_TRANSLATE_NOOP("TimelineModel", "Status as of today"),
        QT_TRANSLATE_NOOP("TimelineModel", "Study day of the target date (no Day 0: Day 1 is the infusion day)"),
        QT_TRANSLATE_NOOP("TimelineModel", "The protocol's ideal date"),
        QT_TRANSLATE_NOOP("TimelineModel", "Earliest and latest allowed dates, both inclusive"),
        QT_TRANSLATE_NOOP(
            "TimelineModel", "Booked (an appointment, with its time), only proposed "
            "by the schedule, or the day it was done"),
        QT_TRANSLATE_NOOP("TimelineModel", "Warnings: closed day, outside window, reasons"),
    )

    def __init__(self, today: date, parent: Any = None) -> None:
        super().__init__(parent)
        self._today = today

    def set_today(self, today: date) -> None:
        if today != self._today:
            self._today = today
            self.changed()  # "window open" follows the clock

    def row_key(self, record: VisitRecord) -> tuple[str, int]:
        return (record.code, record.occurrence)

    def current_row(self) -> int:
        """The first visit whose window is open today, else the next one to do, else -1."""
        for i, v in enumerate(self._rows):
            if is_current(v, self._today):
                return i
        for i, v in enumerate(self._rows):
            if v.status.is_open:
                return i
        return -1

    def cell(self, v: VisitRecord, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(v, column)
        if role == Role.SORT:
            return self._sort_key(v, column)
        if role == Role.STATUS:
            return v.status
        if role == Role.CURRENT:
            return is_current(v, self._today)
        if role == Qt.ItemDataRole.BackgroundRole:
            if column == STATUS:
                return status_style.visit_tint(v.status)
            if is_current(v, self._today):
                return status_style.current_window_tint()
            return None
        if role == Qt.ItemDataRole.DecorationRole and column == STATUS:
            return status_style.swatch_icon(status_style.visit_mark(v.status))
        if role == Qt.ItemDataRole.FontRole:
            return _font(bold=is_current(v, self._today), italic=column == SCHEDULED and v.proposed)
        if role == Qt.ItemDataRole.ForegroundRole and column == SCHEDULED and v.proposed:
            return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)  # with the word, not instead
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(v, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == STUDY_DAY:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, v: VisitRecord, column: int) -> str:
        if column == VISIT:
            return visit_name_text(v)
        if column == STUDY_DAY:
            return str(v.study_day) if v.study_day is not None else "—"
        if column == TARGET:
            return short_day_text(v.target)
        if column == WINDOW:
            return window_text(v)
        if column == SCHEDULED:
            return self.tr("Done {date}").format(date=day_text(v.actual)) if v.actual else booking_text(v)
        if column == STATUS:
            if v.target is None and v.status.is_open:
                return self.tr("Not planned yet")
            label = v.status.label
            return self.tr("{status} · window open").format(status=label) if is_current(v, self._today) else label
        if column == NOTES:
            return visit_flags_text(v)
        return ""

    def _sort_key(self, v: VisitRecord, column: int) -> Any:
        far = date.max.toordinal()
        if column == STUDY_DAY:
            return v.study_day if v.study_day is not None else 10**6
        if column == TARGET:
            return v.target.toordinal() if v.target else far
        if column == WINDOW:
            return v.earliest.toordinal() if v.earliest else far
        if column == SCHEDULED:
            when = v.actual or v.scheduled
            return when.toordinal() if when else far
        if column == VISIT:
            # date order is the natural order of a calendar, not the alphabet
            return (v.scheduled or v.target or date.max).toordinal()
        return self._display(v, column)

    def _tooltip(self, v: VisitRecord, column: int) -> str | None:
        if column == WINDOW:
            return window_span_text(v) or None
        if column == VISIT:
            words = ANCHOR_WORDS.get(v.anchor_label)
            anchor = (self.tr(" — counted from {anchor}").format(anchor=self.tr(words) if words else v.anchor_label)
                      if v.anchor_label else "")
            dose = (self.tr(" — dose {number} is given at this visit").format(number=v.dose_number)
                    if v.dose_number else "")
            return f"{v.code}: {v.name} — {study_day_text(v.study_day)}{anchor}{dose}"
        if column == SCHEDULED:
            if v.actual and v.scheduled:
                at = f" {v.scheduled_time:%H:%M}" if v.scheduled_time else ""
                return (self.tr("Done on {done}; scheduled for {scheduled}").format(
                    done=day_text(v.actual), scheduled=day_text(v.scheduled)) + at
                        + (self.tr(" (booked)") if v.booked else ""))
            return booking_tooltip(v)
        if column == STATUS and is_current(v, self._today):
            return self.tr("{status}: the window is open today; book or record it").format(status=v.status.label)
        return None


def _font(*, bold: bool, italic: bool) -> QFont | None:
    """Bold for the window open today, italic for a date only proposed; None: the view's font."""
    if not (bold or italic):
        return None
    font = QFont()
    font.setBold(bold)
    font.setItalic(italic)
    return font
