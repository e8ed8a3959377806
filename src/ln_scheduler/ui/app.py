"""Start the desktop application: Qt first, the main window painted, then the database.

Start-up order matters to a coordinator who opens the app twenty times a day: nothing heavy
(SQLAlchemy, reportlab, icalendar) is imported before the window is on screen; right after the first
paint a worker takes a first look at a SQLite file's worklist with the standard library (shown at
once), then opens the database's services, which read it again and act on it. Set ``LN_SCHEDULER_TRACE_STARTUP=1`` to
print the window's language and whether its catalogues were found (``language es application=yes
qt=yes``), when the window was painted and when the worklist was filled (with the process's CPU
time by then, ``worklist_cpu``: the figure other work on a busy machine inflates least; on a SQLite
file, from a first look at it: ``services/first_look.py``), when the services had opened and read
it again (``ready``: the window acts from then on), then whether the garbage collector is back on
(``=exit`` also quits then; ``benchmarks/bench_gui.py`` uses it).
"""

from __future__ import annotations

import gc
import os
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from .. import __version__

TRACE_ENV = "LN_SCHEDULER_TRACE_STARTUP"


def application_icon() -> QIcon:
    from importlib.resources import files

    icon = QIcon()
    folder = files("ln_scheduler.resources") / "icons"
    for size in (16, 32, 48, 64, 128, 256):
        png = folder / f"ln-scheduler-{size}.png"
        if png.is_file():
            icon.addFile(str(png))
    return icon


#: How long a thread may hold the interpreter before one waiting for it gets a turn (Python's
#: default: 5 ms). Painting a table calls into Python once per cell and role, and each call waits
#: for a worker thread that is reading to hand over: a 40-row table took 0.23 s to repaint while a
#: worker computed, 35 ms at 0.2 ms. Only threads that compete pay for the extra switches; set
#: once start-up is over (while the database opens, quick turns only slow both threads down).
SWITCH_INTERVAL_S = 0.0002


def trace_line(text: str) -> None:
    """Print one start-up trace line, and survive a reader that went away.

    ``ln-scheduler | grep -q worklist`` closes the pipe at the first match: the next write fails
    with EPIPE. Raised in a Qt slot, that error reached the exception hook, whose dialog nobody
    can close offscreen, and the process never quit (packaging/build.sh hung there). The trace is
    only for the reader: once it is gone, stdout is pointed at the null device (so the flush at
    exit cannot fail either) and start-up goes on, quitting as asked."""
    try:
        print(text, flush=True)
    except (BrokenPipeError, ValueError):  # ValueError: stdout already closed by the caller
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
        finally:
            os.close(devnull)


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("LN Visit Scheduler")  # notr: the product's name
    app.setApplicationDisplayName("LN Visit Scheduler")  # notr: the product's name
    app.setOrganizationName("ln-scheduler")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("ln-scheduler")
    app.setWindowIcon(application_icon())
    return app


def settle_after_startup() -> None:
    """What the application does once the worklist is first shown.

    Leaves what start-up created (modules, Qt wrappers, the database layer: several hundred
    thousand objects that live as long as the process) out of Python's cyclic garbage
    collection: otherwise each full collection walks them all and freezes the window for about a
    tenth of a second at a random click. Objects created later are collected as usual. Then
    lets the UI thread in quickly while workers read (``SWITCH_INTERVAL_S``)."""
    gc.freeze()
    sys.setswitchinterval(SWITCH_INTERVAL_S)


def run_gui(db_url: str | None, *, collector_paused: bool = False) -> int:
    """Open the main window on ``db_url`` (None: the configured or default database).

    ``collector_paused``: the caller paused the garbage collector before importing Qt (see
    ``cli.gui_main``); it resumes, with everything start-up loaded frozen, once the worklist is
    first shown or no database could be opened. Collecting passes over the objects PySide6,
    SQLAlchemy and the services load would cost 60-190 ms of start-up and free nothing."""
    trace = os.environ.get(TRACE_ENV, "")
    from .import_scan import skip_feature_import, skip_source_scan

    # before the window's modules and the worker's SQLAlchemy and services are imported (ui/import_scan.py)
    if not skip_feature_import():
        skip_source_scan()
    app = create_application()
    from .errors import ErrorText, install_excepthook, setup_logging
    from .main_window import MainWindow
    from .settings import AppSettings, Options
    from .translations import choose_language, install_language

    setup_logging()
    settings = AppSettings()
    installed = install_language(choose_language(settings.get(Options.LANGUAGE)))
    if trace:
        trace_line(f"language {installed.code} application={'yes' if installed.application_catalogue else 'no'} "
                   f"qt={'yes' if installed.qt_catalogue else 'no'}")
    window = MainWindow(settings)

    def show_error(text: ErrorText, _trace: str) -> None:
        QTimer.singleShot(0, lambda: window.prompter.error(text.title, text.message, text.advice or None))

    install_excepthook(show_error)
    if trace:
        def painted() -> None:
            trace_line(f"painted {window.first_paint_time:.6f}")

        def built() -> None:
            trace_line(f"views {window.views_built_time:.6f}")

        def filled() -> None:
            trace_line(f"worklist {time.time():.6f}")
            trace_line(f"worklist_cpu {time.process_time():.6f}")

        window.first_painted.connect(painted)
        window.views_built.connect(built)
        window.worklist_filled.connect(filled)
    window.first_painted.connect(lambda: window.database.open(db_url))

    def after_first_fill() -> None:
        window.first_read_ended.disconnect(after_first_fill)
        if trace:
            trace_line(f"ready {time.time():.6f}")
        QTimer.singleShot(0, end_startup)

    def end_startup() -> None:
        settle_after_startup()
        if collector_paused:
            from ..services.collector import resume_collector

            resume_collector()
        if trace:
            trace_line(f"collector {'on' if gc.isenabled() else 'off'}")
            if trace == "exit":
                QTimer.singleShot(0, app.quit)

    window.first_read_ended.connect(after_first_fill)  # also when no database could be opened
    window.show()
    return app.exec()
