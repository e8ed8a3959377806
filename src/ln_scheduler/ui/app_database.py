"""Opening a database from the GUI: off the UI thread (SQLAlchemy's import and a schema upgrade
take a moment), with clear choices when it fails, and the first-start question on a new one.

:class:`DatabaseOpener` is the controller: it opens, and emits ``services_ready`` with the
services to show (the window subscribes); it knows the window only as a :class:`DatabaseHost`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol
from weakref import WeakSet

from PySide6.QtCore import QCoreApplication, QObject, Signal, SignalInstance
from PySide6.QtWidgets import QDialog, QWidget

from ..services.errors import DatabaseDamagedError
from .errors import describe

if TYPE_CHECKING:
    from ..services.app import Services
    from ..services.worklist_rows import WorklistReader
    from .prompter import Prompter
    from .tasks import Progress, TaskRunner

#: The databases already asked about in this session (a new empty one is asked about once).
_ASKED: WeakSet[Services] = WeakSet()

translate = QCoreApplication.translate


class DatabaseHost(Protocol):
    """What opening a database needs from the window: the services shown now, a prompter, a
    worker runner, the status bar's message, a parent for its dialogs, and word that the first
    rows of the database shown arrived (or could not be read)."""

    @property
    def services(self) -> Services | None: ...

    @property
    def first_read_ended(self) -> SignalInstance: ...

    @property
    def prompter(self) -> Prompter: ...

    @property
    def runner(self) -> TaskRunner: ...

    @property
    def dialog_parent(self) -> QWidget: ...

    def show_dialog(self, dialog: QDialog) -> QDialog: ...

    def show_first_look(self, look: WorklistReader, then: Callable[[], None]) -> None: ...

    def show_message(self, text: str, timeout_ms: int = 0) -> None: ...


class DatabaseOpener(QObject):
    """Opens databases for one window. ``services_ready(services)``: show these (None: none could
    be opened); ``site_settings_wanted``: a new empty database's coordinator chose to set the site
    up (File › Site settings)."""

    services_ready = Signal(object)
    site_settings_wanted = Signal()

    def __init__(self, host: DatabaseHost, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.host = host

    def open(self, url: str | None) -> None:
        """Open ``url`` (None: the configured or default database) in a worker thread."""
        _open_database(self, url)

    def choose(self) -> None:
        """The database connection dialog; Open switches the window to the chosen database."""
        _choose_database(self)

    def ask_first_start(self) -> None:
        """A database created just now and still empty: demo site or empty?"""
        _ask_first_start(self)

    def load_demo(self) -> None:
        _load_demo(self)


class _HasDatabase(Protocol):
    @property
    def database(self) -> DatabaseOpener: ...


def open_database(window: _HasDatabase, url: str | None) -> None:
    """Open ``url`` (None: the configured or default database) and show it in ``window``."""
    window.database.open(url)


def _maybe_first_start(window: _HasDatabase) -> None:
    window.database.ask_first_start()


def _back_up_once_shown(window: DatabaseHost, services: Services) -> None:
    """Start the day's backup of ``services`` once the window's first rows of it are shown (or
    could not be read): started with the database, its worker (settings read, the day's check,
    and once a day the integrity check and copy) competed for the interpreter with the reading
    of those rows. Not at all when another database is shown by then (it is backed up when opened)."""

    def first_rows_ended() -> None:
        window.first_read_ended.disconnect(first_rows_ended)
        if window.services is services:
            _back_up_in_the_background(window, services)

    window.first_read_ended.connect(first_rows_ended)


def _back_up_in_the_background(window: DatabaseHost, services: Services) -> None:
    """The day's automatic backup of a SQLite file (``services/auto_backup.py``), started once the
    window shows the database: made before, its integrity check and copy delayed the first worklist of
    every day by their whole time (start → worklist filled went from floor + 0.4 s to + 0.6 s on the
    demo site). It is atomic, so quitting while it runs leaves no half backup under its name."""
    from .tasks import Task

    def failed(exc: BaseException, _trace: str) -> None:
        # the copy's integrity check is also the day's deep look at the file: damage it finds is
        # shown as everywhere else (keep the file, restore a backup); anything else was logged
        text = describe(exc)
        window.prompter.error(text.title, text.full if isinstance(exc, DatabaseDamagedError) else text.message,
                              text.advice or None)

    task = Task(lambda _progress: services.automatic_backup(), window.dialog_parent)
    task.error.connect(failed)
    task.start()


def _open_database(opener: DatabaseOpener, url: str | None) -> None:
    window = opener.host
    opening = translate("AppDatabase", "Opening the database…")
    window.show_message(opening)

    def work(progress: Progress) -> Services:
        progress(0, 0, opening)
        from ..holiday_cache import install_holiday_cache
        from ..services.app import open_services

        install_holiday_cache()  # the holidays package costs ~0.15 s to import; its dates are cached
        return open_services(url)

    def done(services: Services) -> None:
        window.show_message("")
        _back_up_once_shown(window, services)  # connected first: a first read that fails ends at once
        opener.services_ready.emit(services)
        if (url is not None and window.services is not None and window.services.url_source == "--db"
                and not _opens_at_every_start(window.services)):
            from ..services.locations import settings_path
            from .formatting import home_relative

            # the status bar names the database beside it: the message says only what to do (it was cut
            # at 1280 px, "…for this session; to…tart, set [database] url in…": a walk)
            window.show_message(
                translate("AppDatabase", "Opened for this session; to open it at every start, set [database] url "
                                         "in {path}").format(path=home_relative(settings_path())), 15000)
        _ask_first_start(opener)

    def failed(exc: BaseException, trace: str) -> None:
        import logging

        logging.getLogger("ln_scheduler.ui").warning("cannot open the database %s\n%s", url or "(default)", trace)
        window.show_message("")
        text = describe(exc)
        # A damaged file's advice (keep it, restore a backup) is the point of the message; other
        # failures' advice ("try again", "F5") does not fit a window that has no database yet.
        body = text.full if isinstance(exc, DatabaseDamagedError) else text.message
        shown = window.services
        if shown is None:  # at start: nothing to show
            opener.services_ready.emit(None)
        else:  # File › Open database: the database shown stays (it was closed first: a walk)
            body += "\n\n" + translate("AppDatabase", "{database} stays open.").format(database=shown.url_display)
        question = translate("AppDatabase", "Choose another database?")
        if window.prompter.confirm(text.title, f"{body}\n\n{question}", translate("AppDatabase", "Choose…")):
            _choose_database(opener)

    def open_services_now() -> None:
        window.runner.run(work, on_done=done, on_error=failed)

    if window.services is not None:  # another database shown: its rows stay until the new one's arrive
        open_services_now()
        return

    def look(_progress: Progress) -> WorklistReader | None:
        from ..services.first_look import first_look

        return first_look(url)

    def looked(found: WorklistReader | None) -> None:
        # the services load once the look's rows are shown: loading them meanwhile would only have
        # shared the interpreter with the look and put its rows off by as long
        if found is None or window.services is not None:
            open_services_now()
        else:
            window.show_first_look(found, open_services_now)

    window.runner.run(look, on_done=looked, on_error=lambda _exc, _trace: open_services_now())


def _opens_at_every_start(services: Services) -> bool:
    """Whether ``services`` is the database the window opens at every start (File › Open database
    on it said "Opened for this session; to open it at every start, set …": a walk)."""
    from ..services.locations import configured_database

    try:
        configured = configured_database(None).url
    except Exception:  # a broken settings file: nothing opens at every start
        return False
    return services.is_database(configured)


def _choose_database(opener: DatabaseOpener) -> None:
    window = opener.host
    from ..services.locations import configured_database as configured
    from ..services.locations import default_sqlite_path
    from .dialogs.db_connection_dialog import DatabaseConnectionDialog

    current = window.services.sqlite_path if window.services else None
    try:
        current_url = configured(None).url
    except Exception:  # a broken settings file: start from the default
        current_url = f"sqlite:///{default_sqlite_path()}"
    if current is not None:  # the file itself: the display text carries a translated " (read-only)"
        current_url = f"sqlite:///{current}"
    dialog = DatabaseConnectionDialog(current_url, default_sqlite_path(), window.prompter, window.dialog_parent)
    dialog.accepted.connect(lambda: _open_database(opener, dialog.url()))
    window.show_dialog(dialog)


def _ask_first_start(opener: DatabaseOpener) -> None:
    """A database created just now (each new one, not only the first ever), still empty, and not
    asked about yet: demo site or empty?"""
    window = opener.host
    services = window.services
    if services is None or services in _ASKED:
        return
    created = services.upgrade_result is not None and services.upgrade_result.from_revision is None
    if not created or services.participants():
        return
    from .dialogs.first_start_dialog import FirstStartDialog

    dialog = FirstStartDialog(services.url_display, window.dialog_parent)

    def answered() -> None:
        _ASKED.add(services)
        if dialog.load_demo:
            _load_demo(opener)
        else:
            opener.site_settings_wanted.emit()

    dialog.accepted.connect(answered)
    window.show_dialog(dialog)


def _load_demo(opener: DatabaseOpener) -> None:
    window = opener.host
    services = window.services
    assert services is not None

    def work(progress: Progress) -> object:
        from ..services.demo import fill_demo_site

        progress(0, 0, translate("AppDatabase", "Creating the demo site…"))
        return fill_demo_site(services)

    def done(_summary: object) -> None:
        opener.services_ready.emit(services)
        window.show_message(
            translate("AppDatabase", "Demo site loaded: invented participants, for trying things out"), 10000)

    def failed(exc: BaseException, _trace: str) -> None:
        text = describe(exc)
        window.prompter.error(text.title, text.message, text.advice or None)

    window.runner.run(work, on_done=done, on_error=failed,
                      title=translate("AppDatabase", "Loading the demo site"))
