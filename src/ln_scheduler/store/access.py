"""Whether the connection may write at all: asked once when the database is opened, so the GUI
can show "Read-only" and offer no edit action, and every write command can say so in one line
before it tries (the database refuses such writes anyway; this only says so first, in words).

PostgreSQL answers from the session itself: a read-only transaction (``default_transaction_read_only``,
set for the monitor role by the roles script, or a hot standby) or a role without INSERT on the
tables every change writes (visits, audit_log) and UPDATE on the audit chain head. SQLite answers
from the URL (``?mode=ro``, see ``store.database.is_read_only``) and from the file system (a file
or folder the user may not write).
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, text

from ..i18n import _
from .database import is_read_only
from .location import sqlite_file

#: Tables every change writes: a role that may not write all of them can change nothing.
_PG_PROBE = text(
    "SELECT current_user, current_setting('transaction_read_only') = 'on', pg_is_in_recovery(), "
    "has_table_privilege('public.visits', 'INSERT') AND has_table_privilege('public.audit_log', 'INSERT') "
    "AND has_table_privilege('public.audit_head', 'UPDATE')"
)


def read_only_reason(engine: Engine) -> str | None:
    """Why nothing can be written through ``engine`` (words for a person), or None if it can write.

    Call after the schema is at head (the privilege check names its tables)."""
    if engine.dialect.name == "postgresql":
        return _postgresql_reason(engine)
    if engine.dialect.name == "sqlite":
        return _sqlite_reason(engine)
    return None


def _postgresql_reason(engine: Engine) -> str | None:
    with engine.connect() as conn:
        user, read_only_tx, standby, may_write = conn.execute(_PG_PROBE).one()
        conn.rollback()
    if standby:
        return _("the server is a read-only standby")
    if read_only_tx:
        return _("transactions of the role {user} are read-only").format(user=user)
    if not may_write:
        return _("the role {user} may only read it").format(user=user)
    return None


def _sqlite_reason(engine: Engine) -> str | None:
    """The file system first (``make_engine`` also marks a file this user may not write ``mode=ro``,
    and the file is the better reason to give), then the URL's ``mode=ro``."""
    path = sqlite_file(engine.url)
    if path is not None and path.exists():
        if not os.access(path, os.W_OK):
            return _("the file {path} is read-only for this user").format(path=path)
        if not os.access(Path(path).parent, os.W_OK):
            return _("the folder of {path} is read-only for this user (SQLite writes its journal beside the "
                     "file)").format(path=path)
    if is_read_only(engine):
        return _("it was opened read-only (mode=ro)")
    return None
