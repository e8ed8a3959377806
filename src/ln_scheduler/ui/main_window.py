"""The main window: worklist, month calendar and participants in tabs, the menus and shortcuts,
a status bar that says which database is open and who is working, and the refresh that keeps a
shared database current (on a timer and whenever the window comes back into focus: the
:class:`~.refresh.Refresher`). Opening a database is the :class:`~.app_database.DatabaseOpener`'s
job: the window shows the services it hands over. The commands see the window as their
:class:`~.command_context.CommandContext`.

Start-up: the window's shell (menus, tabs, status bar) is painted first; the views, the
commands and the print/export controllers are built in the next turn of the event loop (or on
first use), so the coordinator sees the window as soon as Qt can show one.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QByteArray, QEvent, QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QMenu, QWidget

from .app_database import DatabaseOpener
from .calendar_publisher import CalendarPublisher
from .errors import describe
from .forms.ui_main_window import Ui_MainWindow
from .prompter import Prompter
from .refresh import RefreshableView, Refresher
from .settings import AppSettings, Options
from .status_message import show_fitted
from .tabs import Tab

if TYPE_CHECKING:
    from ..services.app import Services
    from ..services.records import VisitRecord
    from ..services.worklist_rows import WorklistReader
    from .commands import Commands
    from .exporting import ExportController
    from .printing import PrintController
    from .tasks import TaskRunner
    from .views.month_view import MonthView
    from .views.participant_view import ParticipantView
    from .views.worklist_view import WorklistView

WORKLIST_TAB, CALENDAR_TAB, PARTICIPANTS_TAB = Tab.WORKLIST, Tab.CALENDAR, Tab.PARTICIPANTS
STATUS_LABEL_STYLE = "QLabel { border-left: 1px solid palette(mid); padding-left: 8px; margin-left: 4px; }"
DB_LABEL_WIDTH = 320  # px: the status message keeps room at 1024 px
CALENDAR_LABEL_WIDTH = 340  # px: "⚠ Calendar: failing (…)" longer than this is cut, whole in the tooltip
FAILING_STYLE = "color: #d93636; font-weight: bold"


def workstation_week_start() -> int:
    """The first day of "This week" (0 = Monday): the workstation's, whatever the window's language.
    The language's locale set it before (es_US: Sunday), and an English and a Spanish window on the
    same day listed different weeks."""
    return QLocale.system().firstDayOfWeek().value - 1  # Qt counts Monday as 1


class MainWindow(QMainWindow):
    first_painted = Signal()
    views_built = Signal()
    worklist_filled = Signal()
    #: the window no longer waits for the first rows of the database shown: they arrived, could
    #: not be read, or there is no database
    first_read_ended = Signal()
    services_changed = Signal()
    refreshed = Signal()

    def __init__(self, settings: AppSettings, *, prompter: Prompter | None = None,
                 clock: Callable[[], date] | None = None, first_weekday: int | None = None) -> None:
        super().__init__()
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.settings = settings
        self.prompter = prompter or Prompter(self)
        self._clock = clock
        self._first_weekday = first_weekday
        self.services: Services | None = None
        self.active_dialog: QDialog | None = None
        self.first_paint_time: float | None = None
        self._painted = False
        self._first_fill = False  # the worklist of the database just shown is being read
        self._offline_since: datetime | None = None
        self._looked: WorklistReader | None = None  # a first look at the database opening (its today)
        self._worklist: WorklistView | None = None
        self._month: MonthView | None = None
        self._participants: ParticipantView | None = None
        self._commands: Commands | None = None
        self._runner: TaskRunner | None = None
        self._printing: PrintController | None = None
        self._exporting: ExportController | None = None
        self.ui.central_widget.installEventFilter(self)

        # the status bar's labels, public: the open database, who works where, when the views were
        # last read (or why they cannot be), read-only, the published calendar (tests read them too)
        self.database_label = QLabel(self.tr("Opening the database…"))
        self.read_only_label = QLabel(self.tr("Read-only"))  # shown beside the database on a read-only connection
        self.read_only_label.setStyleSheet("font-weight: bold")
        self.read_only_label.setVisible(False)
        self.user_label = QLabel("")
        self.sync_label = QLabel("")
        # the published calendar's state (ui/calendar_status.py); hidden while none is published
        self.calendar_label = QLabel("")
        self.calendar_label.setObjectName("calendar_status_label")
        self.calendar_label.setVisible(False)
        for label in (self.database_label, self.read_only_label, self.user_label, self.sync_label,
                      self.calendar_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            # a rule and room before each: a status message ("Saved", "Opened … for this session")
            # ran straight into the database label
            label.setStyleSheet(STATUS_LABEL_STYLE)
            self.ui.status_bar.addPermanentWidget(label)
        for action in self.ui.menu_bar.actions():  # until the commands are wired
            if isinstance(menu := action.menu(), QMenu):
                menu.setEnabled(False)

        self.refresher = Refresher(self, self)
        self.refresher.synced.connect(self._mark_synced)
        self.refresher.failed.connect(self._offline)
        self.refresher.refreshed.connect(self._after_refresh)
        self.database = DatabaseOpener(self, self)
        self.database.services_ready.connect(self.set_services)
        self.database.site_settings_wanted.connect(lambda: self.commands.site_settings())
        self.calendar = CalendarPublisher(self)
        self.calendar.status_changed.connect(self._show_calendar)
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication), "a window needs the application"  # notr: a programming error
        app.applicationStateChanged.connect(self._application_state_changed)
        QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _scheme: self._repaint_views())
        self._restore_window_state()

    # --- the parts built after the first paint ----------------------------------------------
    def build_views(self) -> None:
        """Create every view and wire the commands (once; cheap to call again).

        The worklist comes first (``_build_worklist``, right after the first paint); the month
        calendar, the participants and the commands follow once the database is open, or as soon
        as something asks for them: building them while the database opens would only compete
        with it for the interpreter and delay the worklist."""
        self._build_worklist()
        if self._month is not None:
            return
        from .commands import Commands
        from .views.month_view import MonthView
        from .views.participant_view import ParticipantView

        today = self.today()
        month = MonthView(self.settings, today, self._week_start(), self)
        participants = ParticipantView(self.settings, today, self)
        self._month, self._participants = month, participants
        self.ui.calendar_layout.addWidget(month)
        self.ui.participants_layout.addWidget(participants)
        for action in self.ui.menu_bar.actions():
            if isinstance(menu := action.menu(), QMenu):
                menu.setEnabled(True)
        self._commands = Commands(self)
        assert self._worklist is not None
        for signal in (self._worklist.selection_changed, month.selection_changed, participants.participant_changed,
                       participants.visit_changed, self.ui.tabs.currentChanged):
            signal.connect(self.update_actions)
        if self.services is not None:  # the database opened before these views existed
            try:
                self._show_services_in((month, participants))
            except Exception as exc:
                self._first_reads_failed(exc)
        self.update_actions()
        self.views_built_time = time.time()
        self.views_built.emit()

    def _build_worklist(self) -> WorklistView:
        if self._worklist is None:
            from .views.worklist_view import WorklistView

            worklist = WorklistView(self.settings, self.today(), self._week_start(), self)
            self._worklist = worklist
            worklist.filled.connect(self._worklist_first_filled)
            worklist.filled.connect(self.worklist_filled)
            worklist.unreadable.connect(self._worklist_unreadable)
            self.ui.worklist_layout.addWidget(worklist)
            if self.services is not None:
                self._show_services_in((worklist,))
        return self._worklist

    def _week_start(self) -> int:
        if self._first_weekday is None:
            self._first_weekday = workstation_week_start()
        return self._first_weekday

    def _built_views(self) -> tuple[WorklistView | MonthView | ParticipantView, ...]:
        return tuple(view for view in (self._worklist, self._month, self._participants) if view is not None)

    def refreshable_views(self) -> tuple[RefreshableView[Any, Any], ...]:
        """The views built so far, for the refresher (the others read when they are built)."""
        return self._built_views()

    @property
    def views_ready(self) -> bool:
        """Whether every view and the commands are built (they follow the worklist)."""
        return self._commands is not None

    @property
    def worklist(self) -> WorklistView:
        return self._build_worklist()

    @property
    def month(self) -> MonthView:
        self.build_views()
        assert self._month is not None
        return self._month

    @property
    def participants(self) -> ParticipantView:
        self.build_views()
        assert self._participants is not None
        return self._participants

    @property
    def commands(self) -> Commands:
        self.build_views()
        assert self._commands is not None
        return self._commands

    @property
    def runner(self) -> TaskRunner:
        if self._runner is None:
            from .tasks import TaskRunner

            self._runner = TaskRunner(self)
        return self._runner

    @property
    def printing(self) -> PrintController:
        if self._printing is None:
            from .printing import PrintController

            self._printing = PrintController(self, self.prompter, self.settings, self.runner)
        return self._printing

    @property
    def exporting(self) -> ExportController:
        if self._exporting is None:
            from .exporting import ExportController

            self._exporting = ExportController(self, self.prompter, self.settings, self.runner)
        return self._exporting

    # --- clock and services ---------------------------------------------------------------
    def set_clock(self, clock: Callable[[], date] | None) -> None:
        """Count days from ``clock`` (tests: midnight passing) instead of the services' date."""
        self._clock = clock

    def today(self) -> date:
        """Today at the site: the injected clock (tests), else the services' site-local date."""
        if self._clock is not None:
            return self._clock()
        if self.services is not None:
            return self.services.today()
        if self._looked is not None:  # the first look knows the site's date before the services load
            return self._looked.today()
        return date.today()

    def set_services(self, services: Services | None) -> None:
        """Show this database. Views get the services object; nothing reaches for a global."""
        if self.services is not None and self.services is not services:
            self._stop_background_reads()
            self.services.close()
        self.services = services
        self._looked = None
        self.refresher.forget()
        self.calendar.set_services(services)
        if services is None:
            self.database_label.setText(self.tr("No database open"))
            self.user_label.setText("")
        else:
            # a long path is cut in the middle, whole in the tooltip
            full = self.tr("Database: {database}").format(database=services.url_display)
            label = self.database_label
            label.setText(label.fontMetrics().elidedText(full, Qt.TextElideMode.ElideMiddle, DB_LABEL_WIDTH))
            label.setToolTip(full + "\n" + self.tr("Chosen by: {source}").format(source=services.url_source))
            self.user_label.setText(self.tr("User: {user} on {workstation}").format(user=services.user,
                                                                                    workstation=services.workstation))
        self._show_read_only(services)
        self._first_fill = services is not None
        failure: Exception | None = None
        try:  # the stamp first: whatever the reads below find is at least that new
            self.refresher.note_read()
        except Exception as exc:
            failure = exc
        try:
            if self._worklist is None:  # no view yet: the worklist reads from the services as it is built
                self._build_worklist()
            else:  # the worklist reads in a worker thread, the other views here
                self._show_services_in(self._built_views())
        except Exception as exc:
            failure = failure or exc
        if failure is not None:  # the first reads failed: say so, keep the window usable, retry on the timer
            self._first_reads_failed(failure)
        else:
            self._mark_synced()
        self.apply_preferences()
        self.services_changed.emit()
        self.update_actions()
        if services is None:
            self._first_fill = False
            self.build_views()  # nothing to wait for: the commands say what cannot be done
            self.first_read_ended.emit()
        elif failure is not None:
            self._worklist_first_filled()

    def _worklist_first_filled(self) -> None:
        """The worklist's rows of the database just shown arrived (or could not be read): the
        rest of the window follows (built while the worker reads, the other views and their
        reads only competed with it for the interpreter)."""
        if self._first_fill:
            self._first_fill = False
            if self._month is None:
                QTimer.singleShot(0, self.build_views)
            self.first_read_ended.emit()

    def _worklist_unreadable(self, exc: BaseException) -> None:
        if self._first_fill:  # the first read of this database: the window says so and retries
            self._first_reads_failed(exc)
            self._worklist_first_filled()

    def _show_read_only(self, services: Services | None) -> None:
        """"Read-only" in the status bar, why in its tooltip; the commands grey every edit action."""
        reason = services.read_only if services is not None else None
        self.read_only_label.setVisible(bool(reason))
        self.read_only_label.setToolTip(self.tr("Nothing can be changed here: {reason}").format(reason=reason)
                                        if reason else "")

    def is_read_only(self) -> bool:
        return self.services is not None and bool(self.services.read_only)

    def _first_reads_failed(self, exc: BaseException) -> None:
        """Reading what a view shows failed right after the database opened (locked, connection
        lost, a missing grant): the status bar says so and the timer tries again (nothing noted as
        read: everything is read then); the views stay empty rather than the window half-built."""
        self.refresher.forget()
        if self._worklist is not None:
            self._worklist.say_unreadable(exc)
        self._offline(exc, user_asked=False)

    def _show_services_in(self, views: tuple[WorklistView | MonthView | ParticipantView, ...]) -> None:
        """Give ``views`` today's date and the open services (each reads what it shows)."""
        services = self.services
        today = self.today()
        month = self._month if self._month in views else None
        if month is not None and services is not None:
            month.set_calendar(services.site().calendar())
        for view in views:
            view.set_today(today)
            view.set_services(services)
        if month is not None:
            month.go_to_today()

    def apply_preferences(self) -> None:
        """Follow the preferences (the refresh interval; paper and reminders are read on use)."""
        self.refresher.set_interval(self.settings.get(Options.REFRESH_SECONDS))

    # --- refresh (the Refresher reads; the window says how it went) -------------------------
    def refresh(self, *, force: bool = False, user_asked: bool = False) -> None:
        """Reload what changed in the database (a no-op when nothing did, unless ``force``)."""
        self.refresher.refresh(force=force, user_asked=user_asked)

    def refresh_in_background(self, *, force: bool = False, user_asked: bool = False) -> None:
        """What the timer, regaining focus and F5 do (see :meth:`Refresher.refresh_in_background`)."""
        self.refresher.refresh_in_background(force=force, user_asked=user_asked)

    request_refresh = refresh_in_background

    def _after_refresh(self) -> None:
        self.update_actions()
        self.refreshed.emit()

    def after_save(self, participant_id: str | None) -> None:
        """A dialog saved: show that participant at once (one read on the UI thread), then bring
        the worklist, the calendar and the list up to date in the background."""
        if participant_id is not None and self.services is not None:
            record = self.participants.record
            if record is not None and record.id == participant_id:
                self.participants.load_participant(participant_id, keep_visit=True)
        self.refresh_in_background()
        self.calendar.changes_saved()

    def _show_calendar(self, status: object) -> None:
        """The calendar's state in the status bar (nothing while none is published)."""
        from .calendar_status import calendar_words

        words = calendar_words(status)
        label = self.calendar_label
        label.setVisible(words is not None)
        if words is None:
            label.clear()
            return
        label.setText(label.fontMetrics().elidedText(words.text, Qt.TextElideMode.ElideRight, CALENDAR_LABEL_WIDTH))
        label.setToolTip(words.tooltip)
        label.setAccessibleName(words.text)
        label.setStyleSheet(STATUS_LABEL_STYLE + (f" QLabel {{ {FAILING_STYLE}; }}" if words.failing else ""))

    def _mark_synced(self) -> None:
        """Say when the views were last read; nothing at all without a database (there is
        nothing to be up to date with)."""
        self._offline_since = None
        self.sync_label.setStyleSheet("")
        self.sync_label.setToolTip("")
        if self.services is None:
            self.sync_label.setText("")
            return
        self.sync_label.setText(self.tr("Up to date at {time}").format(
            time=self.services.site_now().strftime("%H:%M")))

    def _offline(self, exc: BaseException, user_asked: bool) -> None:
        from ..services.errors import DatabaseDamagedError

        text = describe(exc)
        if self._offline_since is None:  # the site's wall clock, as every time shown
            self._offline_since = self.services.site_now() if self.services is not None else datetime.now()
        since = self._offline_since.strftime('%H:%M')
        if isinstance(exc, DatabaseDamagedError):  # it will not heal: no retries, say what to do
            self.refresher.stop()
            self.sync_label.setText(self.tr("⚠ {problem} since {time}: restore a backup (details: F5)").format(
                problem=text.title, time=since))
        else:
            self.sync_label.setText(self.tr("⚠ {problem} since {time}: retrying").format(problem=text.title,
                                                                                         time=since))
        self.sync_label.setToolTip(text.full)
        self.sync_label.setStyleSheet("color: #d93636; font-weight: bold")
        if user_asked:
            self.prompter.error(text.title, text.message, text.advice or None)

    def _application_state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.refresh_in_background()

    def _repaint_views(self) -> None:
        """The system switched between light and dark: status colours follow."""
        from . import status_style

        status_style.invalidate()
        for view in self._built_views():
            for child in view.findChildren(QWidget):
                child.update()

    # --- selection context ----------------------------------------------------------------
    def current_tab(self) -> Tab:
        return Tab(self.ui.tabs.currentIndex())

    def show_tab(self, tab: Tab) -> None:
        self.ui.tabs.setCurrentIndex(tab)

    def selected_participant_id(self) -> str | None:
        tab = self.current_tab()
        if tab == PARTICIPANTS_TAB:
            return self.participants.record.id if self.participants.record else None
        item = self.worklist.current_item() if tab == WORKLIST_TAB else self.month.current_item()
        return item.participant_id if item else None

    def selected_visit(self) -> VisitRecord | None:
        tab = self.current_tab()
        if tab == PARTICIPANTS_TAB:
            return self.participants.current_visit()
        item = self.worklist.current_item() if tab == WORKLIST_TAB else self.month.current_item()
        return item.visit if item else None

    def update_actions(self) -> None:
        if self._commands is not None:
            self._commands.update_enabled()

    # --- what the commands see (command_context.CommandContext) ------------------------------
    @property
    def dialog_parent(self) -> QWidget:
        return self

    def action(self, name: str) -> QAction:
        action: QAction = getattr(self.ui, f"action_{name}")
        return action

    def shortcut_menus(self) -> list[QMenu]:
        ui = self.ui
        return [ui.menu_file, ui.menu_participant, ui.menu_visit, ui.menu_view, ui.menu_help]

    @property
    def help_menu(self) -> QMenu:
        return self.ui.menu_help

    def show_message(self, text: str, timeout_ms: int = 0) -> None:
        """A passing message in the status bar (an empty text clears it), fitted to its room."""
        show_fitted(self.statusBar(), text, timeout_ms)

    def choose_database(self) -> None:
        self.database.choose()

    def show_first_look(self, look: WorklistReader, then: Callable[[], None]) -> None:
        """The worklist's rows from a first look at the database being opened, before its services
        have loaded (the commands wait for them: nothing is done with these rows but showing them);
        ``then`` once they are shown or could not be read."""
        self._looked = look
        self.worklist.show_first_look(look, then)

    # --- dialogs --------------------------------------------------------------------------
    def show_dialog(self, dialog: QDialog) -> QDialog:
        """Open ``dialog`` window-modal without blocking (tests reach it as ``active_dialog``)."""
        previous = self.active_dialog
        self.active_dialog = dialog

        def finished(_result: int) -> None:
            if self.active_dialog is dialog:
                # ``previous`` may be gone: a dialog opened from another's ``accepted`` (first start →
                # site settings) outlives it, and asking a deleted dialog isVisible() raised.
                alive = previous is not None and shiboken6.isValid(previous) and previous.isVisible()
                self.active_dialog = previous if alive else None
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    # --- window state ---------------------------------------------------------------------
    def _restore_window_state(self) -> None:
        geometry = self.settings.restore_state("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        elif self.screen() is not None:  # first start: the form's 1360x860, within a 1024x768 screen
            area = self.screen().availableGeometry()
            self.resize(min(self.width(), area.width()), min(self.height(), area.height() - 32))
        state = self.settings.restore_state("main/state")
        if state is not None:
            self.restoreState(state)
        tab = self.settings.restore_state("main/tab")
        if tab is not None:
            self.ui.tabs.setCurrentIndex(int(bytes(tab.data()) or b"0"))

    def save_window_state(self) -> None:
        self.settings.save_state("main/geometry", self.saveGeometry())
        self.settings.save_state("main/state", self.saveState())
        self.settings.save_state("main/tab", QByteArray(str(self.ui.tabs.currentIndex()).encode()))
        for view in self._built_views():
            view.save_state()
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._runner is not None and self._runner.busy and not self.prompter.confirm(
                self.tr("Work in progress"), self.tr("A print or export is still running. Quit anyway?"),
                self.tr("Quit")):
            event.ignore()
            return
        self.save_window_state()
        self.refresher.close()
        self.calendar.stop()
        self._stop_background_reads()
        if self.services is not None:
            self.services.close()
        super().closeEvent(event)

    def _stop_background_reads(self) -> None:
        if self._month is not None:
            self._month.stop_reading_ahead()
        if self._runner is not None or self._worklist is not None:  # the views read in the pool too
            from PySide6.QtCore import QThreadPool

            QThreadPool.globalInstance().waitForDone(10000)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.ApplicationPaletteChange, QEvent.Type.PaletteChange):
            self._repaint_views()
        super().changeEvent(event)

    def _after_first_paint(self) -> None:
        """Start what the window waits for (opening the database, in a worker thread, connected
        to ``first_painted``), then build the worklist; the other views follow when the database
        is open (``set_services``) or as soon as their tab is chosen."""
        self.first_painted.emit()
        self._build_worklist()
        if self.current_tab() != WORKLIST_TAB:
            self.build_views()
        else:
            self.ui.tabs.currentChanged.connect(self._tab_chosen)

    def _tab_chosen(self, _tab: int) -> None:
        self.ui.tabs.currentChanged.disconnect(self._tab_chosen)
        self.build_views()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._painted and watched is self.ui.central_widget and event.type() == QEvent.Type.Paint:
            self._painted = True
            self.first_paint_time = time.time()
            self.ui.central_widget.removeEventFilter(self)  # no Python call per event from now on
            QTimer.singleShot(0, self._after_first_paint)
        return super().eventFilter(watched, event)
