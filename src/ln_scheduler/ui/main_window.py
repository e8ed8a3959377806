"""The main window: worklist, month calendar and participants in tabs, the menus and shortcuts,
a status bar that says which database is open and who is working, and the refresh that keeps a
shared database current (on a timer and whenever the window comes back into focus)."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QWidget

from ..services.records import VisitRecord
from .commands import Commands
from .errors import describe
from .exporting import ExportController
from .forms.ui_main_window import Ui_MainWindow
from .printing import PrintController
from .prompter import Prompter
from .settings import AppSettings, Options
from .tasks import TaskRunner
from .views.month_view import MonthView
from .views.participant_view import ParticipantView
from .views.worklist_view import WorklistView

if TYPE_CHECKING:
    from ..services.app import Services

WORKLIST_TAB, CALENDAR_TAB, PARTICIPANTS_TAB = range(3)


class MainWindow(QMainWindow):
    first_painted = Signal()
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
        self.services: Services | None = None
        self.active_dialog: QDialog | None = None
        self._stamp: object = None
        self._painted = False
        self._offline_since: datetime | None = None
        self.runner = TaskRunner(self)
        self.printing = PrintController(self, self.prompter, settings, self.runner)
        self.exporting = ExportController(self, self.prompter, settings, self.runner)

        today = self.today()
        if first_weekday is None:
            from PySide6.QtCore import QLocale

            first_weekday = QLocale().firstDayOfWeek().value - 1  # Qt: Monday = 1
        self.worklist = WorklistView(settings, today, self)
        self.month = MonthView(settings, today, first_weekday, self)
        self.participants = ParticipantView(settings, today, self)
        self.ui.worklist_layout.addWidget(self.worklist)
        self.ui.calendar_layout.addWidget(self.month)
        self.ui.participants_layout.addWidget(self.participants)
        self.ui.central_widget.installEventFilter(self)

        self._db_label = QLabel("Opening the database…")
        self._user_label = QLabel("")
        self._sync_label = QLabel("")
        for label in (self._db_label, self._user_label, self._sync_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.ui.status_bar.addPermanentWidget(label)

        self.commands = Commands(self)
        for signal in (self.worklist.selection_changed, self.month.selection_changed,
                       self.participants.participant_changed, self.participants.visit_changed,
                       self.ui.tabs.currentChanged):
            signal.connect(self.update_actions)

        self._timer = QTimer(self)
        self._timer.timeout.connect(lambda: self.refresh())
        QGuiApplication.instance().applicationStateChanged.connect(self._application_state_changed)
        QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _scheme: self._repaint_views())
        self._restore_window_state()
        self.update_actions()

    # --- clock and services ---------------------------------------------------------------
    def today(self) -> date:
        """Today at the site: the injected clock (tests), else the services' site-local date."""
        if self._clock is not None:
            return self._clock()
        if self.services is not None:
            return self.services.today()
        return date.today()

    def set_services(self, services: Services | None) -> None:
        """Show this database. Views get the services object; nothing reaches for a global."""
        if self.services is not None and self.services is not services:
            self.services.close()
        self.services = services
        self._stamp = None
        if services is None:
            self._db_label.setText("No database open")
            self._user_label.setText("")
        else:
            self._db_label.setText(f"Database: {services.url_display}")
            self._db_label.setToolTip(f"Chosen by: {services.url_source}")
            self._user_label.setText(f"User: {services.user} on {services.workstation}")
            self.month.set_calendar(services.site().calendar())
        today = self.today()
        for view in (self.worklist, self.month, self.participants):
            view.set_today(today)
            view.set_services(services)
        self.month.go_to_today()
        self._stamp = self._data_stamp()
        self._mark_synced()
        seconds = self.settings.get(Options.REFRESH_SECONDS)
        if services is not None and seconds > 0:
            self._timer.start(seconds * 1000)
        else:
            self._timer.stop()
        self.services_changed.emit()
        self.update_actions()

    def _data_stamp(self) -> object:
        """The newest audit entry: every write adds one, so an unchanged stamp means nothing to
        reload (one indexed query per timer tick instead of reloading every view)."""
        if self.services is None:
            return None
        newest = self.services.audit(limit=1)
        return (newest[-1].seq if newest else 0, self.today())

    # --- refresh --------------------------------------------------------------------------
    def refresh(self, *, force: bool = False, user_asked: bool = False) -> None:
        """Reload what changed in the database (a no-op when nothing did, unless ``force``)."""
        if self.services is None:
            return
        try:
            stamp = self._data_stamp()
            if stamp == self._stamp and not force:
                self._mark_synced()
                return
            today = self.today()
            for view in (self.worklist, self.month, self.participants):
                view.set_today(today)
                view.refresh()
            self._stamp = stamp
        except Exception as exc:  # a lost connection must not end the session
            self._offline(exc, user_asked)
            return
        self._mark_synced()
        self.update_actions()
        self.refreshed.emit()

    def _mark_synced(self) -> None:
        self._offline_since = None
        self._sync_label.setText(f"Up to date at {datetime.now().strftime('%H:%M')}")
        self._sync_label.setStyleSheet("")

    def _offline(self, exc: BaseException, user_asked: bool) -> None:
        text = describe(exc)
        if self._offline_since is None:
            self._offline_since = datetime.now()
        self._sync_label.setText(f"⚠ {text.title} since {self._offline_since.strftime('%H:%M')}: retrying")
        self._sync_label.setToolTip(text.full)
        self._sync_label.setStyleSheet("color: #d93636; font-weight: bold")
        if user_asked:
            self.prompter.error(text.title, text.message, text.advice or None)

    def _application_state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.refresh()

    def _repaint_views(self) -> None:
        """The system switched between light and dark: status colours follow."""
        for view in (self.worklist, self.month, self.participants):
            for child in view.findChildren(QWidget):
                child.update()

    # --- selection context ----------------------------------------------------------------
    def current_tab(self) -> int:
        return self.ui.tabs.currentIndex()

    def show_tab(self, tab: int) -> None:
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
        self.commands.update_enabled()

    # --- dialogs --------------------------------------------------------------------------
    def show_dialog(self, dialog: QDialog) -> QDialog:
        """Open ``dialog`` window-modal without blocking (tests reach it as ``active_dialog``)."""
        previous = self.active_dialog
        self.active_dialog = dialog

        def finished(_result: int) -> None:
            if self.active_dialog is dialog:
                self.active_dialog = previous if previous is not None and previous.isVisible() else None
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    # --- window state ---------------------------------------------------------------------
    def _restore_window_state(self) -> None:
        geometry = self.settings.restore_state("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.restore_state("main/state")
        if state is not None:
            self.restoreState(state)
        tab = self.settings.restore_state("main/tab")
        if tab is not None:
            self.ui.tabs.setCurrentIndex(int(bytes(tab.data()) or b"0"))

    def save_window_state(self) -> None:
        from PySide6.QtCore import QByteArray

        self.settings.save_state("main/geometry", self.saveGeometry())
        self.settings.save_state("main/state", self.saveState())
        self.settings.save_state("main/tab", QByteArray(str(self.ui.tabs.currentIndex()).encode()))
        for view in (self.worklist, self.month, self.participants):
            view.save_state()
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.runner.busy and not self.prompter.confirm(
                "Work in progress", "A print or export is still running. Quit anyway?", "Quit"):
            event.ignore()
            return
        self.save_window_state()
        self._timer.stop()
        if self.services is not None:
            self.services.close()
        super().closeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._painted and watched is self.ui.central_widget and event.type() == QEvent.Type.Paint:
            self._painted = True
            self.first_paint_time = time.time()
            QTimer.singleShot(0, self.first_painted.emit)
        return super().eventFilter(watched, event)
