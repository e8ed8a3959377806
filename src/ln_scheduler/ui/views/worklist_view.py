"""The site's worklist: visits to do today, this week, next week or in chosen dates, overdue
visits pinned on top, with the actions a coordinator takes from it.

Choosing another period reads it in a worker thread, and the rows are merged, sorted and
counted there too (``worklist_data``): a site that fell behind lists 15,000 overdue visits, and
doing that on the UI thread froze the window for a quarter of a second at every click."""

from __future__ import annotations

import html
from collections.abc import Callable, Hashable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractButton, QWidget

from ...domain.visit_status import VisitStatus
from ...services.records import WorklistItem
from ..errors import describe
from ..flow_layout import wrap_row
from ..forms.ui_worklist_view import Ui_WorklistView
from ..give_way import give_way, no_pause, user_acted
from ..models import worklist_model as wl
from ..models.record_table_model import PreparedRows, in_steps
from ..models.roles import Role
from ..qt_dates import edit_date, setup_date_edit, to_qdate
from ..settings import AppSettings, Options
from ..tasks import TaskRunner
from .day_glance import DayGlanceData, DayGlancePanel, day_glance
from .interface_dates import weekday_name
from .table_setup import restore_header, save_header, setup_table

if TYPE_CHECKING:
    from ...services.app import Services
    from ...services.worklist_rows import WorklistReader

# Which read a refresh's answer is for: the period's first and last day, today, the days at a glance.
WorklistToken = tuple[date, date, date, "int | None"]

PERIODS = ("today", "week", "next_week", "range", "day")  # "day": the day at a glance (day_glance.py)


@dataclass(frozen=True)
class WorklistData:
    """A period's worklist ready to show: the visits the site is behind on (kept while only the
    period changes), every row sorted and keyed, and the counts the summary line gives."""

    behind: list[WorklistItem]
    prepared: PreparedRows[WorklistItem]
    pinned: int
    closed: int
    glance: DayGlanceData | None = None  # the "day" mode's lists


def worklist_data(model: wl.WorklistModel, behind: list[WorklistItem], in_period: list[WorklistItem],
                  pause: Callable[[], None] = no_pause) -> WorklistData:
    """The period's visits after the ones behind (each once). Pure Python: runs in a worker
    (``pause`` between its steps: see ``give_way``)."""
    keys: set[Hashable] = set()
    for part in in_steps(behind, pause):
        keys.update([model.row_key(i) for i in part])
    items = behind + [i for i in in_period if model.row_key(i) not in keys]
    prepared = model.prepare_rows(items, pause)
    pinned = closed = 0
    for part in in_steps(items, pause):
        pinned += sum(1 for i in part if wl.is_pinned(i))
        closed += sum(1 for i in part if i.visit.closed_day)
    return WorklistData(behind, prepared, pinned, closed)


def week_of(d: date, first_weekday: int = 0) -> tuple[date, date]:
    """The seven days holding ``d`` that start on ``first_weekday`` (0 = Monday, 6 = Sunday): the
    same weeks as the month calendar's rows, so "this week" means one thing in both views."""
    start = d - timedelta(days=(d.weekday() - first_weekday) % 7)
    return start, start + timedelta(days=6)


class WorklistView(QWidget):
    visit_activated = Signal(object)  # WorklistItem
    selection_changed = Signal()
    filled = Signal()  # the worklist was (re)loaded from the database
    unreadable = Signal(object)  # a read in the worker failed (the exception); the summary says so

    def __init__(self, settings: AppSettings, today: date, first_weekday: int = 0,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_WorklistView()
        self.ui.setupUi(self)
        # the rows of buttons wrap: in one line they made the window wider than a 1024 px screen
        self._button_rows = (wrap_row(self.ui.range_row), wrap_row(self.ui.actions_row))
        self._settings = settings
        self._today = today
        self._first_weekday = first_weekday
        self._services: Services | None = None
        self._behind: list[WorklistItem] | None = None  # kept while only the period changes
        self._runner = TaskRunner(self)
        self._request = 0  # the latest period read asked for; older answers are dropped
        self._first_look = False  # the rows shown are a first look's, until the services' arrive
        self.model = wl.WorklistModel(self)
        self.proxy = wl.WorklistProxy(self)
        self.proxy.setSourceModel(self.model)
        table = self.ui.table
        table.setModel(self.proxy)
        setup_table(table)
        table.sortByColumn(wl.DATE, Qt.SortOrder.AscendingOrder)
        restore_header(settings, "worklist", table)
        table.activated.connect(self._activated)
        table.selectionModel().selectionChanged.connect(lambda *_: self.selection_changed.emit())
        self.ui.search_edit.textChanged.connect(self.proxy.set_search)
        self.ui.search_edit.textChanged.connect(self._resummarise)  # after the proxy: its rows are filtered
        self._summarised: tuple[date, date, WorklistData] | None = None
        self._period = settings.get(Options.WORKLIST_RANGE)
        self._buttons = {"today": self.ui.today_button, "week": self.ui.week_button,
                         "next_week": self.ui.next_week_button, "range": self.ui.range_button,
                         "day": self.ui.day_button}
        self.day_panel = DayGlancePanel(self)
        self.ui.main_layout.insertWidget(self.ui.main_layout.indexOf(self.ui.table) + 1, self.day_panel, 1)
        self.day_panel.visit_activated.connect(self.visit_activated)
        self.day_panel.selection_changed.connect(self.selection_changed)
        for period, button in self._buttons.items():
            button.clicked.connect(lambda _=False, p=period: self.set_period(p))
        start, end = week_of(today, first_weekday)
        setup_date_edit(self.ui.from_date_edit, start, today)
        setup_date_edit(self.ui.to_date_edit, end, today)
        self.ui.from_date_edit.dateChanged.connect(self._range_edited)
        self.ui.to_date_edit.dateChanged.connect(self._range_edited)
        self._sync_buttons()
        self.ui.summary_label.setText(self.tr("Opening the database…"))

    # --- state ----------------------------------------------------------------------------
    def set_services(self, services: Services | None) -> None:
        """Show this database's worklist: read in a worker thread (the UI thread only shows the
        rows): a site that fell behind has 15,000 visits overdue, and reading them here froze the
        window for more than a second as it opened. Until they arrive the summary says so."""
        self._services = services
        self._behind = None
        first_look, self._first_look = self._first_look, False
        if services is None:
            self._request += 1  # a read still running was for the database that went away
            self.model.set_rows([])
            self.ui.summary_label.setText(self.tr("No database open: choose one with File › Open database…"))
            return
        if not first_look:
            if self.model.rowCount():  # another database's rows: never shown as this one's
                self.model.set_rows([])
            self.ui.summary_label.setText(self.tr("Reading the worklist…"))
        self._reload()  # the first look's rows (this database's) stay until the services' arrive

    def show_first_look(self, look: WorklistReader, then: Callable[[], None]) -> None:
        """Show the rows of a first look at the database being opened (``services/first_look.py``),
        read in a worker thread, before its services have loaded; ``then`` once they are shown, or
        could not be read (nothing is said then: the services read them again and say what is wrong)."""
        self._first_look = True
        self._request += 1
        request = self._request
        try:
            self.set_today(look.today())
        except Exception:
            self._first_look = False
            then()
            return
        today, (start, end), glance_days = self._today, self.period(), self._glance_days()

        def shown(data: WorklistData) -> None:
            if request == self._request and self._services is None:
                self._show(data)
            then()

        def failed(_exc: BaseException, _trace: str) -> None:
            self._first_look = False  # nothing of it shown: the services' read says what it says
            then()

        self._runner.run(lambda _progress: self._read(look, today, None, start, end, glance_days=glance_days),
                         on_done=shown, on_error=failed)

    def say_unreadable(self, exc: BaseException) -> None:
        """The rows shown could not be read (the status bar says more and retries)."""
        self.ui.summary_label.setText(
            self.tr("⚠ The worklist could not be read: {reason}").format(reason=describe(exc).title))

    def set_today(self, today: date) -> None:
        if today != self._today:
            self._today = today
            self._behind = None
            if self._period != "range":
                self._sync_buttons()

    @property
    def day_mode(self) -> bool:
        """The day at a glance is shown instead of the one table."""
        return self._period == "day"

    def period(self) -> tuple[date, date]:
        if self._period in ("today", "day"):
            return self._today, self._today
        if self._period == "week":
            return week_of(self._today, self._first_weekday)
        if self._period == "next_week":
            return week_of(self._today + timedelta(days=7), self._first_weekday)
        start, end = edit_date(self.ui.from_date_edit), edit_date(self.ui.to_date_edit)
        return (start, end) if start <= end else (end, start)

    def set_period(self, period: str, start: date | None = None, end: date | None = None) -> None:
        user_acted()
        self._period = period if period in PERIODS else "week"
        if start is not None and end is not None:
            self._period = "range"
            self.ui.from_date_edit.blockSignals(True)
            self.ui.to_date_edit.blockSignals(True)
            self.ui.from_date_edit.setDate(to_qdate(start))
            self.ui.to_date_edit.setDate(to_qdate(end))
            self.ui.from_date_edit.blockSignals(False)
            self.ui.to_date_edit.blockSignals(False)
        self._settings.set(Options.WORKLIST_RANGE, self._period)
        self._sync_buttons()
        self._reload()

    def preferences_changed(self) -> None:
        """The "to book" horizon may have changed: the day at a glance is read again."""
        if self.day_mode:
            self._reload()

    def _range_edited(self) -> None:
        """A range date typed or picked. An end before the start is read as the range between them
        (rewriting the other field here overwrote a date while it was being typed: 2027-02-3… is
        already a date, before the 1 of 2027-02-31)."""
        self._period = "range"
        self._sync_buttons()
        self._reload()

    def _sync_buttons(self) -> None:
        for period, button in self._buttons.items():
            button.setChecked(period == self._period)
            font = button.font()  # the checked look alone is faint in some styles (dark ones)
            font.setBold(True)  # each as wide as it is bold: bold text is wider, and the buttons after
            button.setFont(font)  # the chosen one moved 3-5 px under the mouse (a walk)
            button.setMinimumWidth(button.sizeHint().width())
            font.setBold(period == self._period)
            button.setFont(font)
        self.ui.table.setVisible(not self.day_mode)
        self.day_panel.setVisible(self.day_mode)
        if self._period != "range":
            start, end = self.period()
            for edit, value in ((self.ui.from_date_edit, start), (self.ui.to_date_edit, end)):
                edit.blockSignals(True)
                edit.setDate(to_qdate(value))
                edit.blockSignals(False)

    # --- data -----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload after a change in the database (the overdue visits too), on the UI thread."""
        if self._services is None:
            return
        self._behind = None
        self._request += 1  # a period read still running is older than this
        self._show(self._read(self._services, self._today, None, *self.period(), glance_days=self._glance_days()))

    def _glance_days(self) -> int | None:
        """The "to book" horizon of the day mode (a preference); None in the other modes."""
        return self._settings.get(Options.TO_BOOK_DAYS) if self.day_mode else None

    def _read(self, services: WorklistReader, today: date, behind: list[WorklistItem] | None, start: date,
              end: date, *, yielding: bool = False, glance_days: int | None = None) -> WorklistData:
        """The period's visits, plus every open visit whose date has passed: overdue (pinned) and
        late ones still in their window (read once per refresh, not per period: a site that fell
        behind can have many). No Qt: runs in a worker thread too (``yielding``: in a worker,
        giving way to the user's clicks between steps)."""
        pause = give_way if yielding else no_pause
        if behind is None:
            behind = visits_behind(services, today)
        pause()
        in_period = services.worklist(start, end, today=today, include_overdue=False)
        pause()
        data = worklist_data(self.model, behind, in_period, pause)
        if glance_days is None:
            return data
        opening = services.open_windows(today + timedelta(days=glance_days), today=today)
        pause()
        return replace(data, glance=day_glance(today, in_period, behind, opening, glance_days))

    def _reload(self) -> None:
        """Another period: read and prepare it in a worker thread, show it when it arrives."""
        services = self._services
        if services is None:
            return
        today, behind, (start, end) = self._today, self._behind, self.period()
        glance_days = self._glance_days()
        self._request += 1
        request = self._request

        def shown(data: WorklistData) -> None:
            if request == self._request and (start, end, today) == (*self.period(), self._today):
                self._show(data)

        def failed(exc: BaseException, _trace: str) -> None:
            if request == self._request:
                self.say_unreadable(exc)
                self.unreadable.emit(exc)

        self._runner.run(lambda _progress: self._read(services, today, behind, start, end, glance_days=glance_days),
                         on_done=shown, on_error=failed)

    def refresh_job(self, changed: frozenset[str] | None = None
                    ) -> tuple[WorklistToken, Callable[[], WorklistData | None]]:
        """For a refresh in a worker thread: what to read and prepare (no Qt in it) and a token
        that says which request the answer is for. ``changed``: only these participants' records
        changed since the last read (None: anything may have), so only their visits behind are
        read again; a site that fell behind keeps the other 15,000 rows it already holds."""
        services, today = self._services, self._today
        start, end = self.period()
        kept = self._behind if changed is not None else None
        glance_days = self._glance_days()

        def read() -> WorklistData | None:
            if services is None:
                return None
            behind = None
            if kept is not None and changed is not None:
                behind = [i for i in kept if i.participant_id not in changed]
                behind += visits_behind(services, today, changed) if changed else []
            return self._read(services, today, behind, start, end, yielding=True, glance_days=glance_days)

        return (start, end, today, glance_days), read

    def apply_refresh(self, token: WorklistToken, data: WorklistData | None) -> None:
        """Show what a background refresh read. If the period changed meanwhile, keep the visits
        behind it read (they do not depend on the period) and read the new period with them."""
        if data is None or token[2] != self._today:
            return
        if token != (*self.period(), self._today, self._glance_days()):
            self._behind = data.behind
            self._reload()
            return
        self._request += 1  # a period read still running holds older visits behind: drop it
        self._show(data)

    def _show(self, data: WorklistData) -> None:
        picked = None if self.day_mode else self.current_item()  # what the next command acts on: kept
        self._behind = data.behind
        self.model.show_prepared(data.prepared)
        if data.glance is not None:
            self.day_panel.show_data(data.glance, self._today, self._settings.get(Options.TO_BOOK_DAYS))
        if self.proxy.rowCount() and not self.ui.table.selectionModel().hasSelection():
            # after a save the rows are read again in a new order: the selection went to the top row,
            # and the next Ctrl+D would have acted on another visit (a walk)
            kept = picked is not None and self.select_visit(picked.participant_id, picked.visit.code,
                                                            picked.visit.occurrence)
            if not kept:
                self.ui.table.selectRow(0)
        self._summarise(*self.period(), data)
        self.filled.emit()

    def _resummarise(self) -> None:
        if self._summarised is not None:
            self._summarise(*self._summarised)

    def _search_note(self) -> str:
        """What the search leaves shown, said where the counts are: with a participant ID typed, the
        period's counts stood unchanged above an empty table (seen walking the window)."""
        typed = self.proxy.search
        if not typed:
            return ""
        shown = self.proxy.rowCount()
        if not shown:
            return self.tr(" · <b>search “{text}”: no visit shown</b>").format(  # short: one line at 1024 px
                text=html.escape(typed))
        return self.tr(" · <b>search “{text}”: %n shown</b>", "", shown).format(text=html.escape(typed))

    def _summarise(self, start: date, end: date, data: WorklistData) -> None:
        self._summarised = (start, end, data)
        day = f"{weekday_name(start)} {start.isoformat()}"
        if data.glance is not None:
            g = data.glance
            self.ui.summary_label.setText(self.tr(
                "<b>Day at a glance, {day}</b>: {booked} booked today · {behind} carried over "
                "({overdue} overdue) · {to_book} to book · {closing} closing soon").format(
                day=day, booked=len(g.booked_today), behind=len(g.behind),
                overdue=sum(1 for i in g.behind if wl.is_pinned(i)), to_book=len(g.to_book),
                closing=len(g.closing_soon)))
            return  # the day's panel has no search
        pinned = data.pinned
        in_range = len(data.prepared.rows) - pinned
        first, last = start.isoformat(), end.isoformat()
        if self._period == "today":
            span = self.tr("Today, {day}").format(day=day)
        elif self._period == "week":
            span = self.tr("This week, {start} to {end}").format(start=first, end=last)
        elif self._period == "next_week":
            span = self.tr("Next week, {start} to {end}").format(start=first, end=last)
        else:
            span = self.tr("{start} to {end}").format(start=first, end=last)
        # "1 visit" apart: English has no catalogue to give %n its singular
        text = (self.tr("<b>{span}</b>: 1 visit to do") if in_range == 1
                else self.tr("<b>{span}</b>: %n visits to do", "", in_range)).format(span=span)
        if pinned:
            text += self.tr(" · <b>%n overdue</b> (window closed, nothing recorded) pinned on top", "", pinned)
        closed = data.closed
        if closed:
            text += self.tr(" · %n on a day the site is closed", "", closed)
        self.ui.summary_label.setText(text + self._search_note())

    # --- selection ------------------------------------------------------------------------
    def selected_items(self) -> list[WorklistItem]:
        if self.day_mode:
            item = self.day_panel.current_item()
            return [item] if item is not None else []
        rows = self.ui.table.selectionModel().selectedRows()
        return [self.proxy.data(r, Role.RECORD) for r in sorted(rows, key=lambda i: i.row())]

    def current_item(self) -> WorklistItem | None:
        if self.day_mode:
            return self.day_panel.current_item()
        index = self.ui.table.currentIndex()
        if not index.isValid() or not self.ui.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            selected = self.selected_items()
            return selected[0] if selected else None
        return self.proxy.data(index, Role.RECORD)

    def all_items(self) -> list[WorklistItem]:
        """The rows as shown (filtered and sorted), for batch printing and export."""
        if self.day_mode:
            return self.day_panel.all_items()
        return [self.proxy.data(self.proxy.index(r, 0), Role.RECORD) for r in range(self.proxy.rowCount())]

    def select_visit(self, participant_id: str, code: str, occurrence: int = 1) -> bool:
        index = self.proxy.source_index_of_key((participant_id, code, occurrence))
        if index.isValid():
            self.ui.table.selectRow(index.row())
            self.ui.table.scrollTo(index)
        return index.isValid()

    def _activated(self, index: QModelIndex) -> None:
        item = self.proxy.data(index, Role.RECORD)
        if item is not None:
            self.visit_activated.emit(item)

    def focus_search(self) -> None:
        self.ui.search_edit.setFocus()
        self.ui.search_edit.selectAll()

    def save_state(self) -> None:
        save_header(self._settings, "worklist", self.ui.table)

    # --- what the view offers the commands ------------------------------------------------
    def action_buttons(self) -> dict[str, QAbstractButton]:
        """The buttons that trigger the window's actions, by action name: the commands connect
        each to its action (one command, one enabled state, however it is reached)."""
        ui = self.ui
        return {"open_visit": ui.open_button, "book_visit": ui.book_button, "complete_visit": ui.done_button,
                "miss_visit": ui.missed_button}

    def batch_buttons(self) -> dict[str, QAbstractButton]:
        """The buttons acting on the rows shown: ``preview``, ``print`` and ``pdf`` (one document
        of every row, or of those selected) and ``ics``, ``csv`` (an export of the rows)."""
        ui = self.ui
        return {"preview": ui.preview_batch_button, "print": ui.print_batch_button, "pdf": ui.pdf_batch_button,
                "ics": ui.export_ics_button, "csv": ui.export_csv_button}

    def set_batch_enabled(self, enabled: bool) -> None:
        for button in self.batch_buttons().values():
            button.setEnabled(enabled)

    def has_rows(self) -> bool:
        """Whether any row is shown (after the search), so there is something to print or export."""
        return self.proxy.rowCount() > 0

    def focus_list(self) -> None:
        self.ui.table.setFocus()

    def period_buttons(self) -> dict[str, QAbstractButton]:
        """The period buttons by period ("today", "week", "next_week", "range", "day")."""
        return dict(self._buttons)

    @property
    def reading(self) -> bool:
        """Whether a period's rows are still being read in the background."""
        return self._runner.busy

    @property
    def today(self) -> date:
        """The date the view counts from (what it shows as today, overdue and due)."""
        return self._today


def visits_behind(services: WorklistReader, today: date,
                  participant_ids: frozenset[str] | None = None) -> list[WorklistItem]:
    """Open visits the site is behind on, whatever period is shown: window closed (overdue), or
    scheduled date passed while the window is still open (late, e.g. an early-termination visit
    booked last week). Without the late ones a visit could vanish from every view of the list.
    ``participant_ids``: only theirs."""
    return [
        i
        for i in services.worklist(today, today, today=today, include_overdue=True, participant_ids=participant_ids)
        if i.visit.status is VisitStatus.OVERDUE or (i.visit.scheduled is not None and i.visit.scheduled < today)
    ]
