"""Errors services raise. All are DomainErrors, so the CLI prints them as one line (exit 2) and
the GUI shows the message as it is: every message is written for a coordinator, not a developer.
Plain Python (no SQLAlchemy): the GUI imports this before its first paint."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ..domain.errors import DomainError
from ..store.errors import StoreConfigError as StoreConfigError  # the GUI names it through services


class ServiceError(DomainError):
    """A request that cannot be carried out: unknown participant, a rule of the study, bad input."""


class ConflictError(ServiceError):
    """Someone else changed the record since it was read. Nothing was written; the caller reloads.

    ``changed_by`` and ``changed_at`` come from the audit trail so the message can say who and when.
    """

    def __init__(self, message: str, *, changed_by: str | None = None,
                 changed_at: datetime | None = None):
        super().__init__(message)
        self.changed_by = changed_by
        self.changed_at = changed_at


class DatabaseUnavailableError(ServiceError):
    """The database cannot be opened or is locked/unreachable; nothing was written."""


class ReadOnlyDatabaseError(ServiceError):
    """A write to a database opened read-only (``?mode=ro``, a SQLite file this user may not write,
    a PostgreSQL connection whose transactions are read-only). Nothing was written; the message
    says how the database was opened. Bad input for the CLI (exit 2), not an unusable database:
    every read still works."""


class CommitUnknownError(DatabaseUnavailableError):
    """The connection failed while the database was committing: the change may or may not have
    been saved (the acknowledgement was lost, not necessarily the commit). Never reported as
    "nothing was saved": the message says to check before retrying, and how."""


class DatabaseDamagedError(DatabaseUnavailableError):
    """The database's stored data is damaged: SQLite finds its pages malformed or its header no
    longer valid (a disk fault, a copy taken mid-write, a file cut short by a sync tool), or
    PostgreSQL reports corrupted data.

    A DatabaseUnavailableError, because every caller that copes with an unusable database (the
    CLI's exit status, the GUI's "offline" state) copes with this one the same way; a type of its
    own, because the advice is the opposite of "try again": stop, keep the file as it is (rows that
    are still readable may be salvaged from it) and restore a backup. The app never writes to,
    moves or "repairs" the file itself.

    ``path`` is the damaged SQLite file (None for a server); ``detail`` the engine's own short
    words for the damage (never SQL), for whoever salvages the file.
    """

    def __init__(self, message: str, *, path: Path | None = None, detail: str = ""):
        super().__init__(message)
        self.path = path
        self.detail = detail



class CalendarServerError(ServiceError):
    """The CalDAV server cannot be used for the calendar being set up: unreachable, TLS refused, the
    login refused, or the address is not a calendar. Nothing was saved.

    ``kind`` is the edge's word for it ("unreachable", "tls", "login-refused", "forbidden",
    "not-a-calendar", "refused"): the CLI tells a wrong password (bad input) from a server that failed."""

    def __init__(self, message: str, kind: str = "unreachable"):
        super().__init__(message)
        self.kind = kind
