"""What the coordinator reads when something goes wrong, and the last line of defence: an
exception hook that logs the traceback and shows a dialog instead of letting the app die.

Services raise errors whose message is already written for a person (ServiceError, ConflictError,
DomainError); this module only adds the title and what to do next.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from io import TextIOWrapper
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication

# These error modules are plain Python (no SQLAlchemy), cheap to import before the first paint.
from ..domain.errors import DomainError
from ..private_files import create_private_file, make_private_dir
from ..services.errors import (
    CommitUnknownError,
    ConflictError,
    DatabaseDamagedError,
    DatabaseUnavailableError,
    ReadOnlyDatabaseError,
    StoreConfigError,
)

log = logging.getLogger("ln_scheduler.ui")
#: Qt's translation of this module's texts (context "Errors"); lupdate reads ``translate(...)`` calls.
translate = QCoreApplication.translate


@dataclass(frozen=True)
class ErrorText:
    title: str
    message: str
    advice: str = ""

    @property
    def full(self) -> str:
        return f"{self.message}\n\n{self.advice}" if self.advice else self.message


def _is(exc: BaseException, module: str, name: str) -> bool:
    """isinstance without importing ``module`` (if it is not loaded, exc cannot be one of its)."""
    mod = sys.modules.get(module)
    cls = getattr(mod, name, None) if mod else None
    return isinstance(cls, type) and isinstance(exc, cls)


def conflict_text(exc: BaseException) -> ErrorText:
    who = getattr(exc, "changed_by", None)
    when = getattr(exc, "changed_at", None)
    by = ""
    if who:
        by = translate("Errors", " by {user}").format(user=who)
        if when is not None:
            by += translate("Errors", " at {time}").format(time=when.astimezone().strftime("%Y-%m-%d %H:%M"))
    return ErrorText(  # outside a dialog (dialogs say more: dialogs.base.conflict_message)
        translate("Errors", "Changed by someone else"),
        translate("Errors", "Not saved: this record was changed{by} after you opened it.").format(by=by),
        translate("Errors", "Refresh (F5) to see the latest data, check it, then do it again."),
    )


def damaged_text(exc: DatabaseDamagedError) -> ErrorText:
    """A damaged database: unlike any other database failure, trying again will not help, and the
    one thing that can lose more data is doing something to the file. So the advice is to stop,
    keep it, restore a backup and leave salvage to IT (SQLite's ``.recover`` needs a sqlite3 built
    with the sqlite_dbpage table: the one from sqlite.org has it, Debian 12's package does not)."""
    if exc.path is None:
        return ErrorText(
            translate("Errors", "Database damaged"),
            translate("Errors", "The database reports damaged data ({detail}). Nothing was saved.").format(
                detail=exc.detail),
            translate("Errors", "Stop using it and tell your database administrator: the server's data must be "
                                "checked and the most recent backup restored."),
        )
    return ErrorText(
        translate("Errors", "Database damaged"),
        translate("Errors", "The database file {path} is damaged: the application cannot read it ({detail}). "
                            "Nothing was written to it.").format(path=exc.path, detail=exc.detail),
        translate("Errors", "Stop using this file and keep it exactly as it is: do not delete, move or try to repair "
                            "it. Restore your most recent backup (a copy made with File › Back up database… or "
                            "“ln-scheduler backup”) to a new file and open that copy (File › Open database…). Entries "
                            "made after that backup may be salvaged from the damaged file by your IT support "
                            "(SQLite's “.recover”, run on a copy, with a sqlite3 from sqlite.org: Debian's package "
                            "lacks it)."),
    )


def describe(exc: BaseException) -> ErrorText:
    """Title, message and advice for any error the GUI may meet."""
    if isinstance(exc, ConflictError):
        return conflict_text(exc)
    if isinstance(exc, DatabaseDamagedError):  # before its parent: "try again" would be wrong advice
        return damaged_text(exc)
    if isinstance(exc, ReadOnlyDatabaseError):
        return ErrorText(translate("Errors", "Read-only database"), str(exc),
                         translate("Errors", "Nothing was saved. This account (or file) may only read the database: "
                                             "to make changes, open it with an account that may write to it (ask "
                                             "your database administrator)."))
    if isinstance(exc, CommitUnknownError):  # before its parent: "nothing was saved" may be false here
        return ErrorText(
            translate("Errors", "Saved or not? Check first"),
            str(exc),
            translate("Errors", "The connection failed just as the change was being saved, so it may have been "
                                "saved. Press F5 to reload and look at the participant (and Audit trail) before "
                                "entering it again, or it may be recorded twice."),
        )
    if isinstance(exc, DatabaseUnavailableError):
        return ErrorText(
            translate("Errors", "Database not available"),
            str(exc),
            translate("Errors", "Nothing was saved. If the database is on a server, check the network connection; "
                                "if another program holds the file, close it. Then try again (F5 reloads)."),
        )
    if isinstance(exc, StoreConfigError):
        return ErrorText(translate("Errors", "Cannot use this database"), str(exc),
                         translate("Errors", "Choose another database with File › Open database…"))
    if _is(exc, "sqlalchemy.exc", "OperationalError") or isinstance(exc, ConnectionError):
        detail = " ".join(str(getattr(exc, "orig", None) or exc).split())
        return ErrorText(translate("Errors", "Database not available"),
                         translate("Errors", "The database did not answer: {detail}").format(detail=detail),
                         translate("Errors", "Nothing was saved. Check the connection, then try again (F5 reloads)."))
    if isinstance(exc, DomainError):
        return ErrorText(translate("Errors", "Cannot do that"), str(exc))
    if isinstance(exc, OSError):
        return ErrorText(translate("Errors", "File problem"),
                         f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": "),
                         translate("Errors", "Check that the folder exists and that you may write to it."))
    return ErrorText(
        translate("Errors", "Unexpected error"),
        translate("Errors", "Something went wrong that the application did not expect: {error}").format(
            error=f"{type(exc).__name__}: {exc}"),
        translate("Errors", "Your saved data is safe. The details were written to {path}; please send that file to "
                            "your support contact.").format(path=log_file()),
    )


# --- logging and the exception hook ---------------------------------------------------------
def log_file() -> Path:
    from platformdirs import user_log_dir

    return Path(user_log_dir("ln-scheduler", appauthor=False)) / "ln-scheduler.log"


#: The log file is rotated at this size, and this many older files are kept (ln-scheduler.log.1
#: ... .5): a busy site's tracebacks must not fill a workstation's disk, and 5 MB keep weeks.
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 5


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose every file, the first and each one after a rollover, is readable by
    its owner only: tracebacks may quote participant IDs."""

    def _open(self) -> TextIOWrapper:
        path = Path(self.baseFilename)
        if not path.exists():
            create_private_file(path)
        return super()._open()


def setup_logging() -> logging.Handler:
    """Log warnings and errors to a rotating file in the user's log directory (tracebacks go
    there, not in the coordinator's face; ``LOG_MAX_BYTES`` x ``LOG_BACKUPS`` at most)."""
    path = log_file()
    try:
        make_private_dir(path.parent)
        handler: logging.Handler = PrivateRotatingFileHandler(path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS,
                                                              encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("ln_scheduler")
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return handler


ShowError = Callable[[ErrorText, str], None]


def install_excepthook(show: ShowError) -> Callable[..., None]:
    """Replace ``sys.excepthook``: log the traceback, then ``show(text, traceback)``. An error
    while showing the error is logged and swallowed: the app must keep running."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        trace = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("uncaught exception\n%s", trace)
        try:
            show(describe(exc), trace)
        except Exception:  # never recurse into the hook
            log.exception("could not show the error dialog")

    sys.excepthook = hook
    return hook
