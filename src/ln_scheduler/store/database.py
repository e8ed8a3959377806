"""Engines configured for safe use: SQLite in WAL mode with foreign keys, full sync and a busy
timeout, write transactions that take the lock up front; PostgreSQL through psycopg 3 with a
short connect timeout so an unreachable server fails in seconds, not minutes."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.pool import StaticPool

from ..private_files import create_private_file, make_private_dir
from .errors import StoreConfigError
from .location import check_not_network_share, data_dir, keyring_password, sqlite_file

SQLITE_BUSY_TIMEOUT_MS = 10_000
#: How long a writer waits for another workstation's lock before giving up (slow shared disks).
ENV_BUSY_TIMEOUT = "LN_SCHEDULER_SQLITE_BUSY_MS"
PG_CONNECT_TIMEOUT_S = 5

#: Execution option that marks a write unit of work; on SQLite it starts with BEGIN IMMEDIATE so
#: two writers queue on the lock at the start instead of failing half-way (SQLITE_BUSY on upgrade).
WRITE_OPTION = "ln_write"


def make_engine(url: URL, *, use_keyring: bool = False, check_share: bool = True) -> Engine:
    backend = url.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(url, check_share=check_share)
    if backend == "postgresql":
        return _postgresql_engine(url, use_keyring=use_keyring)
    raise StoreConfigError(f"unsupported database '{backend}': use SQLite or PostgreSQL")


def _sqlite_engine(url: URL, *, check_share: bool) -> Engine:
    path = sqlite_file(url)
    busy_ms = _busy_timeout_ms()
    kwargs: dict[str, Any] = {"connect_args": {"timeout": busy_ms / 1000}}
    if path is None:
        kwargs["poolclass"] = StaticPool
        kwargs["connect_args"]["check_same_thread"] = False
    else:
        if check_share:
            check_not_network_share(path)
        _ensure_folder(path)
    engine = create_engine(url, **kwargs)

    if path is not None and not url.query:  # a URI filename or ?mode=... is SQLite's to interpret
        @event.listens_for(engine, "do_connect")
        def _create_private(*_args: Any) -> None:
            # SQLite would create a new file with the umask's mode (0644): create it 0600 first; its
            # -wal and -shm files take the database file's mode.
            if not path.exists():
                # OSError: created by another process a moment ago, or SQLite will say why it cannot
                with contextlib.suppress(OSError):
                    create_private_file(path)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control away from the sqlite3 module (it would not emit BEGIN before
        # SELECTs, breaking isolation) and emit BEGIN ourselves in the "begin" event.
        dbapi_connection.isolation_level = None
        cur = dbapi_connection.cursor()
        if path is not None:
            try:
                cur.execute("PRAGMA journal_mode=WAL")  # the first statement that reads the file
            except Exception as exc:
                _refuse_unreadable_file(path, exc)
                raise
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute(f"PRAGMA busy_timeout={busy_ms}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _ensure_folder(path: Path) -> None:
    """Create the app's own data folder on first start; any other missing folder is refused, so a
    mistyped ``--db`` path fails clearly instead of leaving new folders (and a new, empty database)."""
    folder = path.expanduser().parent
    if folder.is_dir():
        return
    if folder.absolute() != data_dir().absolute():
        raise StoreConfigError(f"the folder {folder} does not exist: create it first, or choose another "
                               "file for the database")
    try:
        make_private_dir(folder)
    except OSError as exc:
        raise StoreConfigError(f"cannot create the folder for {path}: {exc.strerror or exc}") from None


def _refuse_unreadable_file(path: Path, exc: Exception) -> None:
    """A file that is not SQLite at all fails with SQLITE_NOTADB: say so in words (a locked or
    missing file is an OperationalError and keeps its own message).

    A SQLite file that is damaged (SQLITE_CORRUPT, or SQLITE_NOTADB on a file that still looks
    like SQLite: a damaged header) is left to raise as it is: the services turn damage into one
    error with what to do about it, wherever it is met (here at open, or on a later read)."""
    import sqlite3

    if not isinstance(exc, sqlite3.DatabaseError) or isinstance(exc, sqlite3.OperationalError):
        return
    code = getattr(exc, "sqlite_errorcode", None)
    corrupt = isinstance(code, int) and code & 0xFF == SQLITE_CORRUPT
    if corrupt or _looks_like_sqlite(path):
        return
    raise StoreConfigError(f"{path} is not an LN Visit Scheduler database (or is damaged): {exc}") from None


SQLITE_CORRUPT = 11
SQLITE_MAGIC = b"SQLite format 3\x00"


def _looks_like_sqlite(path: Path) -> bool:
    """Whether a file SQLite refuses was a SQLite database: its header string is there, or (header
    wiped) its size is whole pages and the first page still starts a b-tree at byte 100. Read
    only: the file is not changed. A false "yes" only changes which words the refusal uses."""
    try:
        with path.open("rb") as f:
            head = f.read(108)
        size = path.stat().st_size
    except OSError:
        return False
    if head.startswith(SQLITE_MAGIC):
        return True
    if len(head) < 108 or size < 512 or size % 512:
        return False
    content_start = int.from_bytes(head[105:107], "big") or 65536
    return head[100] in (0x05, 0x0D) and 108 <= content_start <= 65536


def _busy_timeout_ms() -> int:
    raw = os.environ.get(ENV_BUSY_TIMEOUT, "").strip()
    if not raw:
        return SQLITE_BUSY_TIMEOUT_MS
    try:
        value = int(raw)
    except ValueError:
        raise StoreConfigError(f"${ENV_BUSY_TIMEOUT} must be a number of milliseconds, not '{raw}'") from None
    return max(0, value)


def _postgresql_engine(url: URL, *, use_keyring: bool) -> Engine:
    if use_keyring and url.password is None:
        password = keyring_password(url)
        if password:
            url = url.set(password=password)
    return create_engine(
        url,
        pool_pre_ping=True,
        connect_args={"connect_timeout": PG_CONNECT_TIMEOUT_S, "application_name": "ln-scheduler"},
    )

