"""The month calendar: every participant's visits per day, counts, closed days greyed, the
window of the selected visit shaded; clicking a visit opens it. The day's visits are listed
beside the grid, which is how the keyboard reaches them (arrows, then Tab, then Enter)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QMouseEvent, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QWidget

from ...domain.site_calendar import SiteCalendar
from ...domain.visit_status import VisitStatus
from ...services.records import WorklistItem
from ..formatting import booking_legend
from ..forms.ui_month_view import Ui_MonthView
from ..give_way import give_way, no_pause, user_acted
from ..models import worklist_model as wl
from ..models.month_model import MonthModel, grid_range
from ..models.roles import Role
from ..settings import AppSettings
from .interface_dates import month_title, weekday_name
from .month_delegate import MonthDayDelegate
from .table_setup import restore_header, save_header, setup_table

if TYPE_CHECKING:
    from ...services.app import Services

# Which read a refresh's answer is for: the grid's first and last day, and today.
MonthToken = tuple[date, date, date]
# What it read: the grid's visits and the site's calendar (closures).
MonthData = tuple["list[WorklistItem]", SiteCalendar]


PREFETCH_DELAY_MS = 150


def read_month(services: Services, start: date, end: date, today: date,
               pause: Callable[[], None] = no_pause) -> list[WorklistItem]:
    """Every visit of the site on the days ``start..end`` (done on their actual day, the others
    on their scheduled day), cancelled ones left out, as worklist rows. Thread-safe: the
    read-ahead runs it in a worker (``pause`` between its two reads: see ``ui.give_way``)."""
    initials = {p.id: p.initials for p in services.participants()}
    pause()
    return [WorklistItem(v.participant_id, initials.get(v.participant_id, ""), v)
            for v in services.visits(start, end, today=today) if v.status is not VisitStatus.CANCELLED]


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


class MonthView(QWidget):
    visit_activated = Signal(object)  # WorklistItem
    selection_changed = Signal()

    def __init__(self, settings: AppSettings, today: date, first_weekday: int = 0,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_MonthView()
        self.ui.setupUi(self)
        self._settings = settings
        self._today = today
        self._services: Services | None = None
        # The months either side of the one shown are read in a worker thread while the
        # coordinator looks at this one, so paging through months does not wait for the database.
        self._prefetcher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="month-prefetch")
        self._months: dict[tuple[date, date], Future[list[WorklistItem]]] = {}
        self.destroyed.connect(lambda: self._prefetcher.shutdown(wait=False, cancel_futures=True))
        # Read ahead once the new month is painted and the window is idle: a worker reading
        # while the grid paints would slow the paint down (both need Python's GIL).
        self._prefetch_timer = QTimer(self)
        self._prefetch_timer.setSingleShot(True)
        self._prefetch_timer.setInterval(PREFETCH_DELAY_MS)
        self._prefetch_timer.timeout.connect(self._prefetch_neighbours)
        # No closures until the site's own rules arrive with the services (computing holidays
        # now would load the holidays package before the first paint).
        no_closures = SiteCalendar(closed_weekdays=frozenset(), us_holidays=False)
        self.model = MonthModel(today, no_closures, first_weekday=first_weekday, parent=self)
        self.delegate = MonthDayDelegate(self)
        grid = self.ui.month_table
        grid.setModel(self.model)
        grid.setItemDelegate(self.delegate)
        grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        grid.setShowGrid(False)
        grid.setMouseTracking(True)
        grid.viewport().installEventFilter(self)
        grid.selectionModel().currentChanged.connect(self._day_changed)
        grid.activated.connect(self._day_activated)

        self.day_model = wl.WorklistModel(self)
        self.day_proxy = wl.WorklistProxy(self)
        self.day_proxy.setSourceModel(self.day_model)
        day = self.ui.day_table
        day.setModel(self.day_proxy)
        setup_table(day)
        restore_header(settings, "month_day", day,
                       hidden_by_default=(wl.INITIALS, wl.DATE, wl.WINDOW, wl.STUDY_DAY, wl.NOTES))
        day.sortByColumn(wl.TIME, Qt.SortOrder.AscendingOrder)
        day.setSortingEnabled(True)
        day.selectionModel().selectionChanged.connect(self._visit_selected)
        day.activated.connect(lambda index: self._emit_visit(index.data(Role.RECORD)))
        self.ui.open_button.clicked.connect(lambda: self._emit_visit(self.current_item()))
        self.ui.prev_button.clicked.connect(lambda: self.step(-1))
        self.ui.next_button.clicked.connect(lambda: self.step(1))
        self.ui.this_month_button.clicked.connect(self.go_to_today)
        for keys, delta in ((QKeySequence.StandardKey.MoveToPreviousPage, -1),
                            (QKeySequence.StandardKey.MoveToNextPage, 1)):
            shortcut = QShortcut(QKeySequence(keys), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda d=delta: self.step(d))
        self.ui.splitter.setStretchFactor(0, 1)
        self.ui.splitter.setStretchFactor(1, 0)
        state = settings.restore_state("month/splitter")
        if state is None or not self.ui.splitter.restoreState(state):
            self.ui.splitter.setSizes([1060, 340])
        self.ui.legend_label.setWordWrap(True)  # on two lines at 1024 px rather than a window wider than the screen
        self.ui.nav_row.setStretchFactor(self.ui.legend_label, 1)  # wraps only when the row is full, not into a column
        self.ui.legend_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.ui.legend_label.setText(self.tr(
            "Every visit of the site, done ones on the day they were done · Grey: site closed · "
            "Blue: window of the selected visit · {booking}").format(booking=booking_legend()))
        self._update_title()

    # --- state ----------------------------------------------------------------------------
    def set_services(self, services: Services | None) -> None:
        self._services = services
        self._months.clear()
        if services is not None:
            self.model.set_calendar(services.site().calendar())
        self.refresh()

    def set_today(self, today: date) -> None:
        if today != self._today:
            self._months.clear()
        self._today = today
        self.model.set_today(today)

    def set_calendar(self, calendar: SiteCalendar) -> None:
        self.model.set_calendar(calendar)

    def show_month(self, year: int, month: int) -> None:
        """Switch to a month: one worklist query for the visible six weeks."""
        user_acted()
        selected = self.selected_date()
        self._keep_shown_month()
        self.model.set_month(year, month, self._fetch(*grid_range(year, month, self.model.first_weekday)))
        self._update_title()
        keep = selected if selected and (selected.year, selected.month) == (year, month) else None
        target = keep or (self._today if (self._today.year, self._today.month) == (year, month)
                          else date(year, month, 1))
        self.select_date(target)
        self._prefetch_timer.start()

    def step(self, delta: int) -> None:
        self.show_month(*shift_month(self.model.year, self.model.month, delta))

    def go_to_today(self) -> None:
        self.show_month(self._today.year, self._today.month)

    def refresh(self) -> None:
        if self._services is None:
            return
        self._months.clear()  # the data changed: what was read ahead is stale
        calendar = self._services.site().calendar()  # closures may have changed on another workstation
        if calendar != self.model.calendar:
            self.model.set_calendar(calendar)
        self._show_items(self._fetch(*self.model.visible_range()))

    def refresh_job(self, changed: frozenset[str] | None = None) -> tuple[MonthToken, Callable[[], MonthData | None]]:
        """For a refresh in a worker thread (see ``MainWindow.refresh_in_background``). The
        month shown is read whole whoever ``changed``: a few hundred visits; and the site's
        closures, which another workstation may have changed."""
        services, today = self._services, self._today
        start, end = self.model.visible_range()

        def read() -> MonthData | None:
            if services is None:
                return None
            return read_month(services, start, end, today, give_way), services.site().calendar()

        return (start, end, today), read

    def apply_refresh(self, token: MonthToken, data: MonthData | None) -> None:
        """Show what a refresh read. Whatever was read ahead is older than it, so it goes; if
        another month is shown by now, that one is read again (it may have come from there)."""
        if data is None:
            return
        items, calendar = data
        self._months.clear()
        if calendar != self.model.calendar:
            self.model.set_calendar(calendar)
        if token != (*self.model.visible_range(), self._today):
            self.refresh()
            return
        self._show_items(items)

    def _show_items(self, items: list[WorklistItem]) -> None:
        selected = self.selected_date()
        self.model.set_items(items)
        self._update_title()
        if selected is not None:
            self._show_day(selected)
        self._prefetch_timer.start()

    def _fetch(self, start: date, end: date) -> list[WorklistItem]:
        """The visits of a grid: read ahead already (wait for it if still running), or now."""
        if self._services is None:
            return []
        ahead = self._months.pop((start, end), None)
        if ahead is not None and not ahead.cancelled():
            try:
                return ahead.result()
            except Exception:  # the read-ahead failed (database busy?): read again, report that
                pass
        return read_month(self._services, start, end, self._today)

    def _keep_shown_month(self) -> None:
        """Going back to the month just left needs no read: keep what it showed."""
        if self._services is None:
            return
        done: Future[list[WorklistItem]] = Future()
        done.set_result(self.model.all_items())
        self._months[self.model.visible_range()] = done

    def _prefetch_neighbours(self) -> None:
        services = self._services
        if services is None:
            return
        year, month = self.model.year, self.model.month
        wanted = {grid_range(*shift_month(year, month, delta), self.model.first_weekday) for delta in (1, -1)}
        for key in list(self._months):
            if key not in wanted:
                self._months.pop(key).cancel()
        today = self._today
        for start, end in wanted - self._months.keys():
            self._months[(start, end)] = self._prefetcher.submit(read_month, services, start, end, today)

    def _update_title(self) -> None:
        first = date(self.model.year, self.model.month, 1)
        self.ui.month_label.setText(
            self.tr("<b>{month}</b> — %n visits", "", self.model.month_total()).format(month=month_title(first)))

    # --- selection ------------------------------------------------------------------------
    def selected_date(self) -> date | None:
        index = self.ui.month_table.currentIndex()
        return index.data(Role.DATE) if index.isValid() else None

    def select_date(self, d: date) -> None:
        index = self.model.index_of(d)
        if index.isValid():
            if index == self.ui.month_table.currentIndex():
                self._show_day(d)  # the same cell, new contents: no currentChanged to do it
            else:
                self.ui.month_table.setCurrentIndex(index)  # currentChanged shows the day

    def _day_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._show_day(current.data(Role.DATE))

    def _show_day(self, d: date) -> None:
        items = self.model.items_on(d)
        self.day_model.set_rows(items)
        index = self.model.index_of(d)
        closed = index.data(Role.CLOSED_REASON) if index.isValid() else None
        text = f"<b>{weekday_name(d).capitalize()} {d.isoformat()}</b>: "  # the line's first word
        if not items:
            text += self.tr("no visits")
        else:
            text += self.tr("1 visit") if len(items) == 1 else self.tr("%n visits", "", len(items))
        if closed:
            text += self.tr(" · site closed ({reason})").format(reason=closed)
        counts: dict[VisitStatus, int] = {}
        for i in items:
            counts[i.visit.status] = counts.get(i.visit.status, 0) + 1
        if counts:
            text += " · " + ", ".join(self._status_count(s, n) for s, n in counts.items())
        self.ui.day_label.setText(text)
        self.ui.open_button.setEnabled(bool(items))
        if items and not self.ui.day_table.selectionModel().hasSelection():
            self.ui.day_table.selectRow(0)
        self._update_highlight()
        self.selection_changed.emit()

    def _status_count(self, status: VisitStatus, n: int) -> str:
        """``2 due``: how many visits of the day have ``status`` (a word of its own per status, so
        that a language whose adjectives agree in number can say it)."""
        texts = {
            VisitStatus.UPCOMING: lambda: self.tr("%n upcoming", "", n),
            VisitStatus.DUE: lambda: self.tr("%n due", "", n),
            VisitStatus.LATE: lambda: self.tr("%n late", "", n),
            VisitStatus.OVERDUE: lambda: self.tr("%n overdue", "", n),
            VisitStatus.DONE: lambda: self.tr("%n done", "", n),
            VisitStatus.DONE_OUT_OF_WINDOW: lambda: self.tr("%n done out of window", "", n),
            VisitStatus.MISSED: lambda: self.tr("%n missed", "", n),
            VisitStatus.CANCELLED: lambda: self.tr("%n cancelled", "", n),
        }
        return texts[status]()

    def _visit_selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_highlight()
        self.selection_changed.emit()

    def _update_highlight(self) -> None:
        """Shade the window of the visit selected in the day's list."""
        item = self.current_item()
        if item is not None and item.visit.earliest and item.visit.latest:
            self.model.set_highlight_window((item.visit.earliest, item.visit.latest))
        else:
            self.model.set_highlight_window(None)

    def current_item(self) -> WorklistItem | None:
        rows = self.ui.day_table.selectionModel().selectedRows()
        return rows[0].data(Role.RECORD) if rows else None

    def _day_activated(self, index: QModelIndex) -> None:
        """Enter on a day: open its only visit, or move to the day's list to choose one."""
        items = self.model.items_on(index.data(Role.DATE))
        if len(items) == 1:
            self._emit_visit(items[0])
        elif items:
            self.ui.day_table.setFocus()

    def _emit_visit(self, item: WorklistItem | None) -> None:
        if item is not None:
            self.visit_activated.emit(item)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A click on a visit line inside a day selects that visit (its window is shaded, the day's
        list shows it); a double-click opens it, as the README says (a single click opened it)."""
        kinds = (QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick)
        if watched is self.ui.month_table.viewport() and event.type() in kinds:
            assert isinstance(event, QMouseEvent)
            pos = event.position().toPoint()
            index = self.ui.month_table.indexAt(pos)
            if index.isValid() and event.button() == Qt.MouseButton.LeftButton:
                items = self.model.items_on(index.data(Role.DATE))
                rect = self.ui.month_table.visualRect(index)
                line = self.delegate.line_at(rect, pos, self.ui.month_table.fontMetrics(), len(items))
                if line is not None:
                    self.ui.month_table.setCurrentIndex(index)
                    self.ui.day_table.selectRow(self._day_row_of(items[line]))
                    if event.type() == QEvent.Type.MouseButtonDblClick:
                        self._emit_visit(items[line])
                    return True
        return super().eventFilter(watched, event)

    def _day_row_of(self, item: WorklistItem) -> int:
        for r in range(self.day_proxy.rowCount()):
            if self.day_proxy.index(r, 0).data(Role.RECORD) == item:
                return r
        return 0

    def stop_reading_ahead(self) -> None:
        """Before the services close: cancel what is queued, wait for what is running."""
        self._prefetch_timer.stop()
        self._months.clear()
        self._prefetcher.shutdown(wait=True, cancel_futures=True)
        self._prefetcher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="month-prefetch")

    def focus_list(self) -> None:
        self.ui.month_table.setFocus()

    @property
    def months_read_ahead(self) -> dict[tuple[date, date], Future[list[WorklistItem]]]:
        """The months read (or being read) ahead of the one shown, by the dates they span."""
        return self._months

    def status_count(self, status: VisitStatus, n: int) -> str:
        """How the day's list counts ``n`` visits of ``status`` ("2 due"), in the window's language."""
        return self._status_count(status, n)

    def save_state(self) -> None:
        save_header(self._settings, "month_day", self.ui.day_table)
        self._settings.save_state("month/splitter", self.ui.splitter.saveState())
