"""Writes on a connection that may only read, in words: refused before they start when the
database is known to be read-only (see :mod:`ln_scheduler.store.access`), and recognised when the
database refuses one anyway (a right revoked while the app was open, a table the role was never
granted), so neither ever reaches a person as "unexpected error" with SQL in it."""

from __future__ import annotations

import sqlite3

from sqlalchemy.exc import DBAPIError

from ..i18n import _
from .errors import ReadOnlyDatabaseError

#: PostgreSQL's insufficient_privilege and read_only_sql_transaction.
PG_NO_PRIVILEGE, PG_READ_ONLY_TRANSACTION = "42501", "25006"
#: SQLite's SQLITE_READONLY (an extended code keeps it in its low byte).
SQLITE_READONLY = 8


def read_only_error(reason: str) -> ReadOnlyDatabaseError:
    """The refusal of a write on a database known to be read-only, before anything is tried."""
    return ReadOnlyDatabaseError(_("the database is read-only: {reason}; nothing was changed (use an account "
                                   "that may write to it)").format(reason=reason))


def refused_write(exc: BaseException, user: str) -> ReadOnlyDatabaseError | None:
    """The ReadOnlyDatabaseError for a write the database refused (``exc`` a SQLAlchemy DBAPIError
    or a bare sqlite3 error), or None when ``exc`` is about something else."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    state = getattr(orig, "sqlstate", None)
    if state == PG_NO_PRIVILEGE:
        return ReadOnlyDatabaseError(_("the database refused the change: the role {user} may not make it "
                                       "(permission denied); nothing was saved (use an account that may "
                                       "write)").format(user=user))
    if state == PG_READ_ONLY_TRANSACTION:
        return read_only_error(_("the server accepts only reads from {user}").format(user=user))
    code = getattr(orig, "sqlite_errorcode", None)
    if isinstance(orig, sqlite3.Error) and isinstance(code, int) and code & 0xFF == SQLITE_READONLY:
        return read_only_error(_("SQLite refused to write to the file (attempt to write a readonly database)"))
    return None
