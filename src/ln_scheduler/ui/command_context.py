"""What the commands (``ui/commands.py``) need from the window, and nothing more.

The commands are written against this Protocol, not the main window: they reach the services,
the current selection, the prompter, the status bar's message, refresh requests, the views'
public methods and a parent for their dialogs. The main window satisfies it; a test can hand the
commands anything else that does. Nothing here imports the window, so the window can import
the commands without an import cycle."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QDialog, QMenu, QWidget

    from ..services.app import Services
    from ..services.records import VisitRecord
    from .calendar_publisher import CalendarPublisher
    from .exporting import ExportController
    from .printing import PrintController
    from .prompter import Prompter
    from .settings import AppSettings
    from .tabs import Tab
    from .tasks import TaskRunner
    from .views.month_view import MonthView
    from .views.participant_view import ParticipantView
    from .views.worklist_view import WorklistView


class CommandContext(Protocol):
    """The window as the commands see it."""

    # --- services, settings, the people asked -------------------------------------------------
    @property
    def services(self) -> Services | None: ...

    @property
    def settings(self) -> AppSettings: ...

    @property
    def prompter(self) -> Prompter: ...

    @property
    def dialog_parent(self) -> QWidget:
        """The window: parent of the commands' dialogs."""

    def today(self) -> date: ...

    def is_read_only(self) -> bool: ...

    # --- the selection and the views --------------------------------------------------------
    def selected_participant_id(self) -> str | None: ...

    def selected_visit(self) -> VisitRecord | None: ...

    def current_tab(self) -> Tab: ...

    def show_tab(self, tab: Tab) -> None: ...

    @property
    def worklist(self) -> WorklistView: ...

    @property
    def month(self) -> MonthView: ...

    @property
    def participants(self) -> ParticipantView: ...

    # --- actions and menus --------------------------------------------------------------------
    def action(self, name: str) -> QAction:
        """The window's action ``name`` (``action_<name>`` in the Designer form)."""

    def shortcut_menus(self) -> list[QMenu]:
        """The menus whose shortcuts Help › Keyboard shortcuts lists, in menu-bar order."""

    @property
    def help_menu(self) -> QMenu: ...

    # --- dialogs, messages, refreshes, workers -------------------------------------------------
    def show_dialog(self, dialog: QDialog) -> QDialog: ...

    def show_message(self, text: str, timeout_ms: int = 0) -> None:
        """A passing message in the status bar ("Saved")."""

    def after_save(self, participant_id: str | None) -> None:
        """A dialog saved: show that participant at once, refresh the rest in the background."""

    def request_refresh(self, *, force: bool = False, user_asked: bool = False) -> None: ...

    def apply_preferences(self) -> None: ...

    def choose_database(self) -> None:
        """File › Open database…"""

    def close(self) -> bool: ...

    @property
    def runner(self) -> TaskRunner: ...

    @property
    def printing(self) -> PrintController: ...

    @property
    def exporting(self) -> ExportController: ...

    @property
    def calendar(self) -> CalendarPublisher: ...
