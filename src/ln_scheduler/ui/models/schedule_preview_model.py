"""What a re-anchoring moves (record infusion, plan or record conditioning), shown before saving:
every visit whose dates change, and which booked appointments fall outside their new window."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont

from ...domain.visit_status import VisitStatus
from ...services.records import VisitChange
from .. import status_style
from ..formatting import day_text, weekday_abbreviation
from ..translate_noop import QT_TRANSLATE_NOOP
from .record_table_model import RecordTableModel
from .roles import Role

#: What happens to the appointment comes right after the visit: it is what the coordinator must
#: read (and tell the participant), so it is never the column squeezed or pushed off-screen.
VISIT, ACTION, STUDY_DAY, TARGET, WINDOW, SCHEDULED = range(6)

ARROW = " → "


def _dates(old: date | None, new: date | None, *, weekday: bool = True) -> str:
    """``2027-03-06 Sat → 03-08 Mon`` (the year once when it does not change); targets without
    the weekday (the protocol's ideal day: the appointment beside it is what is booked)."""
    def full(d: date | None) -> str:
        return day_text(d) if weekday or d is None else d.isoformat()

    if old == new or old is None or new is None:
        return full(new or old)
    if old.year == new.year:
        return f"{full(old)}{ARROW}{new.strftime('%m-%d')}" + (f" {weekday_abbreviation(new)}" if weekday else "")
    return f"{full(old)}{ARROW}{full(new)}"


def _window(earliest: date | None, latest: date | None) -> str:
    if earliest is None or latest is None:
        return "—"
    if earliest == latest:
        return QCoreApplication.translate("SchedulePreviewModel", "{date} only").format(date=earliest.isoformat())
    if earliest.year == latest.year:
        return f"{earliest.isoformat()} … {latest.strftime('%m-%d')}"
    return f"{earliest.isoformat()} … {latest.isoformat()}"


def action_text(change: VisitChange) -> str:
    """What happens to the appointment, in words (the colour only repeats it)."""
    def _t(text: str) -> str:
        return QCoreApplication.translate("SchedulePreviewModel", text)

    if change.added:
        return _t(QT_TRANSLATE_NOOP("SchedulePreviewModel", "New visit"))
    if change.removed:
        return _t(QT_TRANSLATE_NOOP("SchedulePreviewModel", "Cancelled"))
    if change.rebook:
        return _t(QT_TRANSLATE_NOOP("SchedulePreviewModel", "Re-book: outside the new window"))
    if change.booked and change.old_scheduled == change.new_scheduled:
        return _t(QT_TRANSLATE_NOOP("SchedulePreviewModel", "Booked date stays (inside the new window)"))
    if change.old_scheduled != change.new_scheduled:
        return _t(QT_TRANSLATE_NOOP("SchedulePreviewModel", "Suggested date moves"))
    return _t(QT_TRANSLATE_NOOP("SchedulePreviewModel", "Window changes"))


class SchedulePreviewModel(RecordTableModel[VisitChange]):
    HEADERS = (
        QT_TRANSLATE_NOOP("SchedulePreviewModel", "Visit"),
        QT_TRANSLATE_NOOP("SchedulePreviewModel", "What happens"),
        QT_TRANSLATE_NOOP("SchedulePreviewModel", "Day"),
        QT_TRANSLATE_NOOP("SchedulePreviewModel", "Target"),
        QT_TRANSLATE_NOOP("SchedulePreviewModel", "Window (new)"),
        QT_TRANSLATE_NOOP("SchedulePreviewModel", "Scheduled"),
    )
    SAMPLES = (
        QT_TRANSLATE_NOOP("SchedulePreviewModel", "Day 2"),
        QT_TRANSLATE_NOOP("SchedulePreviewModel", "Suggested date moves"),
        "",
        "2027-03-06 → 03-08",
        "2027-03-06 … 03-08",
        QT_TRANSLATE_NOOP("SchedulePreviewModel", "2027-03-06 Sat → 03-08 Mon"),
    )
    CONTENT_COLUMNS = (VISIT, ACTION, STUDY_DAY, TARGET, WINDOW, SCHEDULED)
    SQUEEZE_COLUMNS = (VISIT,)
    BOLD_ROWS = True
    TOOLTIPS = (
        "",
        QT_TRANSLATE_NOOP("SchedulePreviewModel", "What happens to the appointment"),
        QT_TRANSLATE_NOOP("SchedulePreviewModel", "Study day of the target (old → new when it changes)"),
        QT_TRANSLATE_NOOP("SchedulePreviewModel", "The protocol's ideal date, old → new"),
        QT_TRANSLATE_NOOP("SchedulePreviewModel", "The allowed dates once the change is saved"),
        QT_TRANSLATE_NOOP("SchedulePreviewModel", "The appointment or suggested date, old → new"),
    )

    def row_key(self, record: VisitChange) -> tuple[str, int]:
        return (record.code, record.occurrence)

    def cell(self, c: VisitChange, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(c, column)
        if role == Role.SORT:
            return (c.new_target or c.old_target or date.max).toordinal()
        if role == Qt.ItemDataRole.BackgroundRole and c.rebook:
            return status_style.visit_tint(VisitStatus.LATE)
        if role == Qt.ItemDataRole.FontRole and c.rebook:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == WINDOW:
            return self.tr("Old window: {window}").format(window=_window(c.old_earliest, c.old_latest))
        if role == Qt.ItemDataRole.ToolTipRole and column == ACTION and c.rebook:
            return self.tr("The appointment booked on {old} is outside the new window; it moves to the suggested "
                           "{new}: tell the participant").format(old=day_text(c.old_scheduled),
                                                                 new=day_text(c.new_scheduled))
        return None

    def _display(self, c: VisitChange, column: int) -> str:
        if column == VISIT:
            return c.name
        if column == STUDY_DAY:
            if c.old_study_day == c.new_study_day:
                return str(c.new_study_day) if c.new_study_day is not None else "—"
            return f"{c.old_study_day}{ARROW}{c.new_study_day}"
        if column == TARGET:
            return _dates(c.old_target, c.new_target, weekday=False)
        if column == WINDOW:
            return _window(c.new_earliest, c.new_latest)
        if column == SCHEDULED:
            return _dates(c.old_scheduled, c.new_scheduled)
        if column == ACTION:
            return action_text(c)
        return ""
