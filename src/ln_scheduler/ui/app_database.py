"""Opening a database from the GUI: off the UI thread (SQLAlchemy's import and a schema upgrade
take a moment), with clear choices when it fails, and the first-start question on a new one."""

from __future__ import annotations

from typing import TYPE_CHECKING
from weakref import WeakSet

from PySide6.QtCore import QCoreApplication

from ..services.errors import DatabaseDamagedError
from .errors import describe

if TYPE_CHECKING:
    from ..services.app import Services
    from .main_window import MainWindow
    from .tasks import Progress

#: The databases already asked about in this session (a new empty one is asked about once).
_ASKED: WeakSet[Services] = WeakSet()

translate = QCoreApplication.translate


def _back_up_in_the_background(window: MainWindow, services: Services) -> None:
    """The day's automatic backup of a SQLite file (``services/auto_backup.py``), started once the
    window has the database: made before, its integrity check and copy delayed the first worklist of
    every day by their whole time (start → worklist filled went from floor + 0.4 s to + 0.6 s on the
    demo site). It is atomic, so quitting while it runs leaves no half backup under its name."""
    from .tasks import Task

    def failed(exc: BaseException, _trace: str) -> None:
        # the copy's integrity check is also the day's deep look at the file: damage it finds is
        # shown as everywhere else (keep the file, restore a backup); anything else was logged
        text = describe(exc)
        window.prompter.error(text.title, text.full if isinstance(exc, DatabaseDamagedError) else text.message,
                              text.advice or None)

    task = Task(lambda _progress: services.automatic_backup(), window)
    task.error.connect(failed)
    task.start()


def open_database(window: MainWindow, url: str | None) -> None:
    """Open ``url`` (None: the configured or default database) and show it in ``window``."""
    opening = translate("AppDatabase", "Opening the database…")
    window.statusBar().showMessage(opening)

    def work(progress: Progress) -> Services:
        progress(0, 0, opening)
        from ..holiday_cache import install_holiday_cache
        from ..services.app import open_services

        install_holiday_cache()  # the holidays package costs ~0.15 s to import; its dates are cached
        return open_services(url)

    def done(services: object) -> None:
        window.statusBar().clearMessage()
        window.set_services(services)  # type: ignore[arg-type]
        _back_up_in_the_background(window, services)  # type: ignore[arg-type]
        if url is not None and window.services is not None and window.services.url_source == "--db":
            from ..store.location import settings_path

            window.statusBar().showMessage(
                translate("AppDatabase", "Opened {database} for this session; to open it at every start, set "
                                         "[database] url in {path}").format(database=window.services.url_display,
                                                                            path=settings_path()), 15000)
        _maybe_first_start(window)

    def failed(exc: BaseException, trace: str) -> None:
        import logging

        logging.getLogger("ln_scheduler.ui").warning("cannot open the database %s\n%s", url or "(default)", trace)
        window.statusBar().clearMessage()
        text = describe(exc)
        window.set_services(None)
        # A damaged file's advice (keep it, restore a backup) is the point of the message; other
        # failures' advice ("try again", "F5") does not fit a window that has no database yet.
        body = text.full if isinstance(exc, DatabaseDamagedError) else text.message
        question = translate("AppDatabase", "Choose another database?")
        if window.prompter.confirm(text.title, f"{body}\n\n{question}", translate("AppDatabase", "Choose…")):
            choose_database(window)

    window.runner.run(work, on_done=done, on_error=failed)


def choose_database(window: MainWindow) -> None:
    """The database connection dialog; Open switches this window to the chosen database."""
    from ..store.location import choose_database as configured
    from ..store.location import default_sqlite_path
    from .dialogs.db_connection_dialog import DatabaseConnectionDialog

    current = window.services.sqlite_path if window.services else None
    try:
        current_url = configured(None).url
    except Exception:  # a broken settings file: start from the default
        current_url = f"sqlite:///{default_sqlite_path()}"
    if current is not None:  # the file itself: the display text carries a translated " (read-only)"
        current_url = f"sqlite:///{current}"
    dialog = DatabaseConnectionDialog(current_url, default_sqlite_path(), window.prompter, window)
    dialog.accepted.connect(lambda: open_database(window, dialog.url()))
    window.show_dialog(dialog)


def _maybe_first_start(window: MainWindow) -> None:
    """A database created just now (each new one, not only the first ever), still empty, and not
    asked about yet: demo site or empty?"""
    services = window.services
    if services is None or services in _ASKED:
        return
    created = services.upgrade_result is not None and services.upgrade_result.from_revision is None
    if not created or services.participants():
        return
    from .dialogs.first_start_dialog import FirstStartDialog

    dialog = FirstStartDialog(services.url_display, window)

    def answered() -> None:
        _ASKED.add(services)
        if dialog.load_demo:
            load_demo(window)
        else:
            window.commands.site_settings()

    dialog.accepted.connect(answered)
    window.show_dialog(dialog)


def load_demo(window: MainWindow) -> None:
    services = window.services
    assert services is not None

    def work(progress: Progress) -> object:
        from ..services.demo import fill_demo_site

        progress(0, 0, translate("AppDatabase", "Creating the demo site…"))
        return fill_demo_site(services)

    def done(_summary: object) -> None:
        window.set_services(services)
        window.statusBar().showMessage(
            translate("AppDatabase", "Demo site loaded: invented participants, for trying things out"), 10000)

    window.runner.run(work, on_done=done, on_error=lambda exc, _t: window.commands.show_error(exc),
                      title=translate("AppDatabase", "Loading the demo site"))
