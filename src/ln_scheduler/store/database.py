"""Engines configured for safe use: SQLite in WAL mode with foreign keys, full sync and a busy
timeout, write transactions that take the lock up front; PostgreSQL through psycopg 3 with a
short connect timeout so an unreachable server fails in seconds, not minutes.

Read-only is a fact of the engine (:func:`is_read_only`): ``?mode=ro`` in the URL (both engines),
or a SQLite file the user may not write. A read-only SQLite engine opens its file with SQLite's own
``mode=ro`` (no PRAGMA that writes, no WAL switch); a read-only PostgreSQL engine opens every
transaction read-only (``default_transaction_read_only``), so the server refuses a write that
would slip past the app's own check."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.pool import StaticPool

from ..i18n import _
from ..private_files import create_private_file, make_private_dir
from .errors import StoreConfigError
from .location import check_not_network_share, data_dir, keyring_password, sqlite_file
from .sqlite_connect import connect_file

SQLITE_BUSY_TIMEOUT_MS = 10_000
#: How long a writer waits for another workstation's lock before giving up (slow shared disks).
ENV_BUSY_TIMEOUT = "LN_SCHEDULER_SQLITE_BUSY_MS"
PG_CONNECT_TIMEOUT_S = 5

#: Execution option that marks a write unit of work; on SQLite it starts with BEGIN IMMEDIATE so
#: two writers queue on the lock at the start instead of failing half-way (SQLITE_BUSY on upgrade).
WRITE_OPTION = "ln_write"


#: The URL query key (and its value) that opens a database read-only, on either engine.
READ_ONLY_KEY, READ_ONLY_VALUE = "mode", "ro"
#: SQLite URL options understood here; any other is refused rather than silently ignored (the
#: pysqlite driver drops unknown options, which is how ``?mode=ro`` used to be ignored).
SQLITE_MODES = ("ro", "rw")


def is_read_only(engine: Engine) -> bool:
    """Whether ``engine`` was opened read-only: ``?mode=ro`` in its URL, or (SQLite) a file that
    this user may not write, which :func:`make_engine` marks the same way. Works on an engine made
    by ``execution_options`` too (it shares the URL). A PostgreSQL role without write grants is
    not seen here; that needs a query (the roles check)."""
    return engine.url.query.get(READ_ONLY_KEY) == READ_ONLY_VALUE


def make_engine(url: URL, *, use_keyring: bool = False, check_share: bool = True, create: bool = True,
                made_empty: bool = False) -> Engine:
    """An engine for ``url``. ``create=False``: a SQLite file that does not exist is refused
    (``StoreConfigError``) instead of being created empty; read commands pass it, so a mistyped
    ``--db`` path is reported, not answered from a new, empty database. An empty (0-byte) SQLite
    file is refused whatever the command (a study database cut to nothing, not a new one), unless
    the caller made it empty itself a moment ago (``made_empty``: a backup's private new file)."""
    backend = url.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(url, check_share=check_share, create=create, made_empty=made_empty)
    if backend == "postgresql":
        return _postgresql_engine(url, use_keyring=use_keyring)
    raise StoreConfigError(_("unsupported database '{backend}': use SQLite or PostgreSQL").format(backend=backend))


def _sqlite_read_only_url(url: URL, path: Path | None, *, create: bool, made_empty: bool = False) -> URL:
    """Check the URL's options and existence of its file; mark a file this user cannot write read-only."""
    if url.host:
        raise StoreConfigError(_("'{url}' names no file: write sqlite:///PATH (three slashes) or just the file's "
                                 "path").format(url=url.render_as_string()))
    unknown = sorted(set(url.query) - {READ_ONLY_KEY})
    if unknown:
        raise StoreConfigError(_("unknown option '{option}' in the SQLite URL: only ?mode=ro (read-only) is "
                                 "understood").format(option=unknown[0]))
    mode = url.query.get(READ_ONLY_KEY)
    if mode is not None and mode not in SQLITE_MODES:
        raise StoreConfigError(_("?mode={mode} is not understood: use ?mode=ro to open the database read-only").format(
            mode=mode))
    if path is None:
        if mode == READ_ONLY_VALUE or not create:
            raise StoreConfigError(_("an in-memory database (sqlite://) starts empty and keeps nothing: give the "
                                     "database file, e.g. sqlite:///PATH"))
        return url
    if not path.exists():
        if mode is not None or not create:
            raise StoreConfigError(_("the database file {path} does not exist: check the path (--db, $LN_SCHEDULER_DB "
                                     "or the settings file); only 'participant add', 'demo' and the app's first "
                                     "start create a database").format(path=path))
        return url
    if path.is_dir():
        raise StoreConfigError(_("{path} is a folder, not a database file").format(path=path))
    if path.stat().st_size == 0 and not made_empty:  # SQLite takes it for a new database: the study's, cut?
        raise StoreConfigError(_("{path} is empty (0 bytes): it holds no study database. If it should, restore a "
                                 "backup (ln-scheduler restore); if it was only just made, delete it and start "
                                 "again").format(path=path))
    if mode is None and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        return url.update_query_dict({READ_ONLY_KEY: READ_ONLY_VALUE})
    return url


def _create_engine(url: URL, **kwargs: Any) -> Engine:
    """``create_engine``, with a driver that is not installed or an option it cannot take said in words."""
    try:
        return create_engine(url, **kwargs)
    except (NoSuchModuleError, ImportError) as exc:
        raise StoreConfigError(_("the database driver '{driver}' is not installed ({error}): use sqlite:///PATH or "
                                 "postgresql://USER@HOST/DBNAME").format(driver=url.drivername, error=exc)) from None
    except (ArgumentError, ValueError, TypeError) as exc:
        raise StoreConfigError(_("the database URL is not valid: {error}").format(error=exc)) from None


def _sqlite_engine(url: URL, *, check_share: bool, create: bool = True, made_empty: bool = False) -> Engine:
    path = sqlite_file(url)
    try:
        return _sqlite_engine_at(url, path, check_share=check_share, create=create, made_empty=made_empty)
    except OSError as exc:  # e.g. a file name too long for the file system
        raise StoreConfigError(_("cannot use {path} as the database: {error}").format(
            path=path, error=exc.strerror or exc)) from None


def _sqlite_engine_at(url: URL, path: Path | None, *, check_share: bool, create: bool,
                      made_empty: bool = False) -> Engine:
    url = _sqlite_read_only_url(url, path, create=create, made_empty=made_empty)
    read_only = url.query.get(READ_ONLY_KEY) == READ_ONLY_VALUE
    busy_ms = _busy_timeout_ms()
    kwargs: dict[str, Any] = {"connect_args": {"timeout": busy_ms / 1000}}
    if path is None:
        kwargs["poolclass"] = StaticPool
        kwargs["connect_args"]["check_same_thread"] = False
    else:
        if check_share:
            check_not_network_share(path)
        _ensure_folder(path)
        if path.exists():
            check_ours(path)
    engine = _create_engine(url, **kwargs)

    if path is not None and read_only:
        @event.listens_for(engine, "do_connect")
        def _open_read_only(_dialect: Any, _record: Any, cargs: list[Any], cparams: dict[str, Any]) -> None:
            # SQLite's own read-only open: the file cannot be written through this connection at all
            cargs[:] = [f"{path.absolute().as_uri()}?mode=ro"]
            cparams["uri"] = True

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
        if path is not None and not read_only:
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
        raise StoreConfigError(_("the folder {path} does not exist: create it first, or choose another file for "
                                 "the database").format(path=folder))
    try:
        make_private_dir(folder)
    except OSError as exc:
        raise StoreConfigError(_("cannot create the folder for {path}: {error}").format(
            path=path, error=exc.strerror or exc)) from None


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
    raise StoreConfigError(_("{path} is not an LN Visit Scheduler database (or is damaged): {error}").format(
        path=path, error=exc)) from None


SQLITE_CORRUPT = 11
SQLITE_MAGIC = b"SQLite format 3\x00"
#: The table every database of ours has (Alembic's revision stamp, from the first migration on).
OUR_MARKER_TABLE = "alembic_version"


def check_ours(path: Path) -> None:
    """Refuse another application's SQLite file before anything writes to it (the WAL switch in the
    connect hook is a write): an empty file or one without tables may become ours; one with tables
    must have ours. Opened read-only, so a refused file is left exactly as it was. A file SQLite
    cannot read is refused here if it is not SQLite at all; damage is left to the services."""
    import sqlite3

    try:
        with path.open("rb") as f:
            if not f.read(1):
                return  # an empty file: SQLite makes it a database on first write
        conn = connect_file(path, read_only=True)
    except (OSError, sqlite3.Error) as exc:
        raise StoreConfigError(_("cannot open {path}: {error}").format(
            path=path, error=getattr(exc, "strerror", None) or exc)) from None
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        _refuse_unreadable_file(path, exc)
        return  # damaged: the services say so in their own words when they read it
    finally:
        conn.close()
    if tables and OUR_MARKER_TABLE not in tables:
        shown = ", ".join(sorted(tables)[:3]) + (", ..." if len(tables) > 3 else "")
        raise StoreConfigError(_("{path} is not an LN Visit Scheduler database: it holds other tables ({tables}) and "
                                 "was not created by ln-scheduler; it was left unchanged: choose another file").format(
            path=path, tables=shown))


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
        raise StoreConfigError(_("${variable} must be a number of milliseconds, not '{value}'").format(
            variable=ENV_BUSY_TIMEOUT, value=raw)) from None
    return max(0, value)


def _postgresql_engine(url: URL, *, use_keyring: bool) -> Engine:
    if use_keyring and url.password is None:
        password = keyring_password(url)
        if password:
            url = url.set(password=password)
    mode = url.query.get(READ_ONLY_KEY)
    if mode not in (None, READ_ONLY_VALUE):
        raise StoreConfigError(_("?mode={mode} is not understood: use ?mode=ro to open the database read-only").format(
            mode=mode))
    engine = _create_engine(
        url,
        pool_pre_ping=True,
        connect_args={"connect_timeout": PG_CONNECT_TIMEOUT_S, "application_name": "ln-scheduler"},
    )

    if mode is not None:
        @event.listens_for(engine, "do_connect")
        def _open_read_only(_dialect: Any, _record: Any, _cargs: list[Any], cparams: dict[str, Any]) -> None:
            # libpq knows no 'mode': every transaction of this connection is read-only instead
            cparams.pop(READ_ONLY_KEY, None)
            cparams["options"] = (cparams.get("options", "") + " -c default_transaction_read_only=on").strip()

    return engine

