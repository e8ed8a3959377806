"""The site's worklist: visits to do in a date range, with overdue visits pinned on top whatever
column the coordinator sorts by (they are what must not be forgotten)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication, QPalette

from ...domain.visit_status import VisitStatus
from ...services.records import WorklistItem
from .. import status_style
from ..formatting import (
    booking_tooltip,
    booking_word,
    day_text,
    visit_flags_text,
    visit_name_text,
    window_span_text,
    window_text,
)
from ..translate_noop import QT_TRANSLATE_NOOP
from .record_table_model import RecordFilterProxy, RecordTableModel
from .roles import Role

DATE, TIME, PARTICIPANT, INITIALS, VISIT, STUDY_DAY, WINDOW, STATUS, NOTES = range(9)


def is_pinned(item: WorklistItem) -> bool:
    return item.visit.status is VisitStatus.OVERDUE


class WorklistModel(RecordTableModel[WorklistItem]):
    HEADERS = (
        QT_TRANSLATE_NOOP("WorklistModel", "Date"),
        QT_TRANSLATE_NOOP("WorklistModel", "Booking"),
        QT_TRANSLATE_NOOP("WorklistModel", "Participant"),
        QT_TRANSLATE_NOOP("WorklistModel", "Initials"),
        QT_TRANSLATE_NOOP("WorklistModel", "Visit"),
        QT_TRANSLATE_NOOP("WorklistModel", "Study day"),
        QT_TRANSLATE_NOOP("WorklistModel", "Window"),
        QT_TRANSLATE_NOOP("WorklistModel", "Status"),
        QT_TRANSLATE_NOOP("WorklistModel", "Notes"),
    )
    ICON_COLUMNS = (STATUS,)
    SAMPLES = (
        "2027-01-26 Tue",
        QT_TRANSLATE_NOOP("WorklistModel", "Booked 10:30"),
        "",
        "",
        QT_TRANSLATE_NOOP("WorklistModel", "Day 2"),
        "",
        "2027-12-20 … 2028-01-03",
        QT_TRANSLATE_NOOP("WorklistModel", "Upcoming"),
        "",
    )
    CONTENT_COLUMNS = (PARTICIPANT, INITIALS, VISIT, STATUS)
    SQUEEZE_COLUMNS = (VISIT,)
    ROLES = RecordTableModel.ROLES | {Qt.ItemDataRole.ForegroundRole}  # a proposed date is grey
    TOOLTIPS = (
        QT_TRANSLATE_NOOP("WorklistModel", "Scheduled date (overdue visits: the last day of their window has passed)"),
        QT_TRANSLATE_NOOP(
            "WorklistModel", "Booked (an appointment, with its time if one was "
            "given) or only proposed by the schedule"),
        QT_TRANSLATE_NOOP("WorklistModel", "Study participant ID"),
        QT_TRANSLATE_NOOP("WorklistModel", "Initials"),
        QT_TRANSLATE_NOOP("WorklistModel", "Visit"),
        QT_TRANSLATE_NOOP("WorklistModel", "Study day of the visit's target"),
        QT_TRANSLATE_NOOP("WorklistModel", "Earliest and latest allowed dates"),
        QT_TRANSLATE_NOOP("WorklistModel", "Status as of today"),
        QT_TRANSLATE_NOOP("WorklistModel", "Warnings: closed day, outside window, reasons"),
    )

    def row_key(self, record: WorklistItem) -> tuple[str, str, int]:
        return (record.participant_id, record.visit.code, record.visit.occurrence)

    def pinned(self, record: WorklistItem) -> bool:
        return is_pinned(record)

    def texts_of(self, rows: Sequence[WorklistItem], column: int) -> Iterable[str]:
        """Distinct field values (a site that fell behind can list thousands of rows)."""
        if column == PARTICIPANT:
            return {i.participant_id for i in rows}
        if column == INITIALS:
            return {i.initials for i in rows}
        if column == VISIT:
            return {visit_name_text(i.visit) for i in rows}
        if column == STATUS:
            return {s.label for s in {i.visit.status for i in rows}}
        return super().texts_of(rows, column)

    def cell(self, item: WorklistItem, column: int, role: int) -> Any:
        v = item.visit
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == Role.SORT:
            return self._sort_key(item, column)
        if role == Role.STATUS:
            return v.status
        if role == Role.PINNED:
            return is_pinned(item)
        if role == Role.SEARCH:
            return item.participant_id
        if role == Qt.ItemDataRole.BackgroundRole and column == STATUS:
            return status_style.visit_tint(v.status)
        if role == Qt.ItemDataRole.DecorationRole and column == STATUS:
            return status_style.swatch_icon(status_style.visit_mark(v.status))
        if role == Qt.ItemDataRole.ToolTipRole and column == WINDOW:
            return window_span_text(v) or None
        if role == Qt.ItemDataRole.ToolTipRole and column == TIME:
            return booking_tooltip(v)
        if column == TIME and v.proposed and role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        if column == TIME and v.proposed and role == Qt.ItemDataRole.ForegroundRole:
            return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == STUDY_DAY:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, item: WorklistItem, column: int) -> str:
        v = item.visit
        if column == DATE:
            return day_text(v.scheduled or v.target)
        if column == TIME:
            return booking_word(v)
        if column == PARTICIPANT:
            return item.participant_id
        if column == INITIALS:
            return item.initials
        if column == VISIT:
            return visit_name_text(v)
        if column == STUDY_DAY:
            return str(v.study_day) if v.study_day is not None else "—"
        if column == WINDOW:
            return window_text(v)
        if column == STATUS:
            return v.status.label
        if column == NOTES:
            return visit_flags_text(v)
        return ""

    def _sort_key(self, item: WorklistItem, column: int) -> Any:
        v = item.visit
        when = (v.scheduled or v.target or date.max).toordinal()
        if column == DATE:
            return (when, v.scheduled_time.isoformat() if v.scheduled_time else "", item.participant_id)
        if column == TIME:
            return (v.scheduled_time.isoformat() if v.scheduled_time else "99", when)
        if column == STUDY_DAY:
            return (v.study_day if v.study_day is not None else 10**6, when)
        if column == WINDOW:
            return ((v.earliest or date.max).toordinal(), when)
        if column == STATUS:
            return (list(VisitStatus).index(v.status), when)
        return (self._display(item, column), when)


class WorklistProxy(RecordFilterProxy):
    """Filters by a participant-ID search; sorting (overdue pinned first in either order)
    happens in the model. The search is Qt's own fixed-string filter on the participant ID:
    with no search text, 15,000 rows pass without one call into Python."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setFilterRole(Role.SEARCH)
        self.setFilterKeyColumn(PARTICIPANT)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search = ""

    def set_search(self, text: str) -> None:
        self.search = "".join(text.split())  #: what is searched for (blanks dropped); "" for none
        self.setFilterFixedString(self.search)
