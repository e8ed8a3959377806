"""A month as a 6 × 7 grid of days: each cell carries that day's visits (every participant),
whether the site is closed and why, and whether it lies in the highlighted visit's window."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ...domain.site_calendar import SiteCalendar
from ...services.records import WorklistItem
from ..formatting import booking_word, visit_name_text, weekday_name
from .roles import Role

ROWS, COLUMNS = 6, 7
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class DayCell:
    """One day as the calendar delegate paints it (one model call per cell, not six)."""

    day: date
    visits: tuple[WorklistItem, ...]
    closed_reason: str | None
    in_month: bool
    shaded: bool
    is_today: bool


def grid_start(year: int, month: int, first_weekday: int) -> date:
    """The first date shown: the ``first_weekday`` (0 = Monday) on or before the 1st."""
    first = date(year, month, 1)
    return first - timedelta(days=(first.weekday() - first_weekday) % 7)


def grid_range(year: int, month: int, first_weekday: int) -> tuple[date, date]:
    """First and last date of the six weeks shown for a month."""
    start = grid_start(year, month, first_weekday)
    return start, start + timedelta(days=ROWS * COLUMNS - 1)


class MonthModel(QAbstractTableModel):
    def __init__(self, today: date, calendar: SiteCalendar, *, first_weekday: int = 0,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self._today = today
        self._calendar = calendar
        self._first_weekday = first_weekday
        self._year, self._month = today.year, today.month
        self._start = grid_start(self._year, self._month, first_weekday)
        self._by_day: dict[date, list[WorklistItem]] = {}
        self._closed: dict[date, str | None] = {}
        self._window: tuple[date, date] | None = None
        self._compute_closures()

    # --- what is shown --------------------------------------------------------------------
    @property
    def year(self) -> int:
        return self._year

    @property
    def month(self) -> int:
        return self._month

    @property
    def first_weekday(self) -> int:
        return self._first_weekday

    @property
    def calendar(self) -> SiteCalendar:
        return self._calendar

    def visible_range(self) -> tuple[date, date]:
        """First and last date of the grid (the range to ask the services for)."""
        return grid_range(self._year, self._month, self._first_weekday)

    def set_month(self, year: int, month: int, items: Iterable[WorklistItem] = ()) -> None:
        self.beginResetModel()
        self._year, self._month = year, month
        self._start = grid_start(year, month, self._first_weekday)
        self._compute_closures()
        self._index_items(items)
        self.endResetModel()

    def set_items(self, items: Iterable[WorklistItem]) -> None:
        self._index_items(items)
        self._emit_all_changed()

    def set_calendar(self, calendar: SiteCalendar) -> None:
        self._calendar = calendar
        self._compute_closures()
        self._emit_all_changed()

    def set_today(self, today: date) -> None:
        self._today = today
        self._emit_all_changed()

    def set_highlight_window(self, window: tuple[date, date] | None) -> None:
        """Shade the days from ``window[0]`` to ``window[1]`` (a selected visit's window)."""
        if window != self._window:
            self._window = window
            self._emit_all_changed()

    def date_at(self, index: Index) -> date:
        return self._start + timedelta(days=index.row() * COLUMNS + index.column())

    def index_of(self, d: date) -> QModelIndex:
        offset = (d - self._start).days
        if not 0 <= offset < ROWS * COLUMNS:
            return QModelIndex()
        return self.index(offset // COLUMNS, offset % COLUMNS)

    def items_on(self, d: date) -> list[WorklistItem]:
        return list(self._by_day.get(d, ()))

    def all_items(self) -> list[WorklistItem]:
        return [item for visits in self._by_day.values() for item in visits]

    def month_total(self) -> int:
        return sum(len(v) for d, v in self._by_day.items() if (d.year, d.month) == (self._year, self._month))

    # --- Qt interface ---------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else ROWS

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < COLUMNS:
            return weekday_name((self._first_weekday + section) % 7)
        if orientation == Qt.Orientation.Vertical and 0 <= section < ROWS:
            return self.tr("W{week}").format(week=self.week_number(section))
        return None

    def week_number(self, row: int) -> int:
        """The ISO week that holds most of the row's days, i.e. the week of its middle day: the
        row's Monday-to-Saturday for weeks starting on Sunday (labelling a Sunday-first row with
        its Sunday's ISO week was one week behind), and the same rule for any first weekday."""
        middle = self._start + timedelta(days=row * COLUMNS + COLUMNS // 2)
        return middle.isocalendar().week

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < ROWS and 0 <= index.column() < COLUMNS):
            return None
        d = self.date_at(index)
        visits = self._by_day.get(d, [])
        if role == Qt.ItemDataRole.DisplayRole:
            return str(d.day)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._describe(d, visits)
        if role == Role.CELL:
            return DayCell(d, tuple(visits), self._closed.get(d), (d.year, d.month) == (self._year, self._month),
                           self._window is not None and self._window[0] <= d <= self._window[1], d == self._today)
        if role == Role.DATE:
            return d
        if role == Role.VISITS:
            return list(visits)
        if role == Role.CLOSED_REASON:
            return self._closed.get(d)
        if role == Role.IN_MONTH:
            return (d.year, d.month) == (self._year, self._month)
        if role == Role.SHADED:
            return self._window is not None and self._window[0] <= d <= self._window[1]
        if role == Role.IS_TODAY:
            return d == self._today
        if role == Role.SORT:
            return d.toordinal()
        return None

    # --- internals ------------------------------------------------------------------------
    def _describe(self, d: date, visits: list[WorklistItem]) -> str:
        text = f"{weekday_name(d.weekday())} {d.isoformat()}"
        reason = self._closed.get(d)
        if reason:
            text += self.tr(" — site closed ({reason})").format(reason=reason)
        if visits:
            count = self.tr("1 visit") if len(visits) == 1 else self.tr("{count} visits").format(count=len(visits))
            text += f" — {count}: " + ", ".join(
                f"{i.participant_id} {visit_name_text(i.visit)} ({_status_and_booking(i)})" for i in visits
            )
        return text

    def _compute_closures(self) -> None:
        first, last = self.visible_range()
        self._closed = {
            first + timedelta(days=n): self._calendar.closure_reason(first + timedelta(days=n))
            for n in range((last - first).days + 1)
        }

    def _index_items(self, items: Iterable[WorklistItem]) -> None:
        by_day: dict[date, list[WorklistItem]] = defaultdict(list)
        for item in items:
            day = item.visit.actual or item.visit.scheduled
            if day is not None:
                by_day[day].append(item)
        for visits in by_day.values():
            visits.sort(key=lambda i: (i.visit.scheduled_time is None, i.visit.scheduled_time or 0,
                                       i.participant_id))
        self._by_day = dict(by_day)

    def _emit_all_changed(self) -> None:
        self.dataChanged.emit(self.index(0, 0), self.index(ROWS - 1, COLUMNS - 1))


def _status_and_booking(item: WorklistItem) -> str:
    """``Due, booked 09:30`` / ``Upcoming, proposed``: the tooltip says in words what the cell's
    ✓ and ? marks mean."""
    word = booking_word(item.visit) if item.visit.status.is_open else ""
    return f"{item.visit.status.label}, {word.lower()}" if word else item.visit.status.label
