"""``backup PATH``: a consistent copy of the whole database as a SQLite file. A SQLite database is
copied with SQLite's online backup API; a PostgreSQL database is copied table by table inside one
REPEATABLE READ transaction (a consistent snapshot) into a new SQLite file of the same schema, so
any backup can be opened with ``--db sqlite:///PATH`` and checked with ``audit verify``.

A backup is atomic: the copy is written to a hidden temporary name in the destination's folder
(created 0600), checked (SQLite's ``integrity_check``, and that it is a complete database of this
schema), flushed to disk, and only then given its name, by a link that never replaces an existing
file. A backup that is killed or runs out of disk leaves nothing under the backup's name: it used to
leave a file that opened as an empty, "intact" database, and a second backup to the name was refused.

The integrity check matters on its own: the online backup API copies damaged pages faithfully, and a
site that finds its database damaged restores "the most recent backup", which must not be damaged too.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from sqlalchemy import URL, Engine, select, update
from sqlalchemy.exc import DBAPIError

from ..i18n import _
from ..private_files import create_private_file, fsync_file, fsync_folder, temporary_name
from ..store.database import make_engine
from ..store.location import display_url, parse_url, sqlite_file
from ..store.migrate import HEAD_REVISION, all_revisions, upgrade_database
from ..store.models import AuditHead, Base
from ..store.sqlite_connect import connect_file
from .errors import DatabaseDamagedError, ServiceError

COPY_BATCH = 5000
PARTIAL = "partial"
#: Files SQLite may keep beside a database while it is open.
SIDE_FILES = ("-journal", "-wal", "-shm")


def backup_to_sqlite(engine: Engine, destination: Path) -> Path:
    dest = destination.expanduser()
    try:
        _check_destination(dest)
    except OSError as exc:  # a name too long for the file system, a folder we may not read...
        raise ServiceError(_("no backup written to {path}: {error}").format(path=dest,
                                                                            error=exc.strerror or exc)) from None
    tmp = temporary_name(dest, PARTIAL)
    with file_errors_as(_("no backup written to {path}").format(path=dest), removing=tmp):
        source = sqlite_file(engine.url)
        if source is not None:
            checked_copy(source, tmp, source_url=engine.url)
        else:
            create_private_file(tmp)
            _copy_into_sqlite(engine, tmp)
            check_backup_file(tmp, source=engine.url)
            fsync_file(tmp)
        _publish(tmp, dest)
    return dest


@contextmanager
def file_errors_as(failure: str, *, removing: Path) -> Iterator[None]:
    """A file-system or SQLite I/O error (a full disk, a name too long...) becomes one ServiceError
    that starts with ``failure``; the temporary copy ``removing`` is deleted whatever happens."""
    try:
        yield
    except OSError as exc:
        raise ServiceError(f"{failure}: {exc.strerror or exc}" + (f" ({exc.filename})" if exc.filename else "")
                           ) from None
    except sqlite3.OperationalError as exc:
        raise ServiceError(_("{failure}: {error} (is the disk full?)").format(failure=failure, error=exc)) from None
    finally:
        remove_sqlite_file(removing)


def checked_copy(source: Path, dest: Path, *, source_url: URL | None = None, accept_older: bool = False) -> None:
    """Copy the SQLite database ``source`` to a new private file ``dest``, check the copy and flush
    it to disk: what a backup, a restore and the copy a restore keeps aside all need."""
    create_private_file(dest)
    copy_sqlite_file(source, dest)
    check_backup_file(dest, source=source_url, accept_older=accept_older)
    fsync_file(dest)


def _check_destination(dest: Path) -> None:
    if dest.is_dir():
        raise ServiceError(_("{path} is a folder: give a file name for the backup, e.g. {example}").format(
            path=dest, example=dest / "backup.sqlite3"))
    if dest.exists():
        raise ServiceError(_("{path} already exists: choose a new file name for the backup").format(path=dest))
    if not dest.parent.is_dir():
        raise ServiceError(_("folder {path} does not exist").format(path=dest.parent))
    _remove_leftovers(dest)


def copy_sqlite_file(source: Path, destination: Path) -> None:
    """A consistent copy of a live SQLite database (the online backup API, WAL included), written as
    a single self-contained file (rollback journal, not WAL: nothing beside it belongs to it)."""
    with closing(connect_file(source)) as src, closing(connect_file(destination)) as dst:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")


def _copy_into_sqlite(engine: Engine, tmp: Path) -> None:
    target = make_engine(parse_url(f"sqlite:///{tmp}"), made_empty=True)  # create_private_file made it, 0600
    try:
        upgrade_database(target)
        with engine.connect().execution_options(isolation_level="REPEATABLE READ") as src, target.begin() as dst:
            for table in Base.metadata.sorted_tables:
                if table.name == AuditHead.__tablename__:
                    head = src.execute(select(table)).mappings().one()
                    dst.execute(update(table).where(table.c.id == 1).values(
                        {k: v for k, v in head.items() if k != "id"}))  # keyed_from, key_fingerprint too
                    continue
                result = src.execution_options(yield_per=COPY_BATCH).execute(select(table))
                for chunk in result.mappings().partitions(COPY_BATCH):
                    dst.execute(table.insert(), [dict(r) for r in chunk])
    except DBAPIError as exc:
        if isinstance(exc.orig, sqlite3.OperationalError):  # the copy's side: a full disk, an I/O error
            raise exc.orig from None
        raise
    finally:
        target.dispose()
    with closing(connect_file(tmp)) as copy:
        copy.execute("PRAGMA journal_mode=DELETE")


def check_backup_file(path: Path, *, source: URL | None = None, accept_older: bool = False) -> None:
    """Refuse a copy SQLite finds damaged, or one that is not a whole database of this schema (or,
    ``accept_older``, of an earlier revision this version upgrades on open: a backup to restore).

    Damage in a fresh copy means the database it came from is damaged (DatabaseDamagedError naming
    it: the source is never touched); anything else is a ServiceError."""
    try:
        with closing(connect_file(path, read_only=True)) as copy:
            problems = [row[0] for row in copy.execute("PRAGMA integrity_check(20)")]
            if problems == ["ok"]:
                missing = _schema_problem(copy, accept_older)
                if missing:
                    if source is not None:
                        raise ServiceError(_("no backup written: the copy is not a complete LN Visit Scheduler "
                                             "database ({problem})").format(problem=missing))
                    raise ServiceError(_("{path} is not a complete LN Visit Scheduler database ({problem})").format(
                        path=path, problem=missing))
                return
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError) and source is not None:
            raise
        problems = [str(exc)]
    first = " ".join(next((p for p in problems if not p.startswith("*** in database")), problems[0]).split())
    if source is None:
        raise ServiceError(_("{path} fails SQLite's integrity check ({problem}): it is not a usable backup").format(
            path=path, problem=first))
    where = sqlite_file(source) or display_url(source)
    raise DatabaseDamagedError(
        _("no backup written: the copy of {where} fails SQLite's integrity check ({problem}), so the database "
          "itself is damaged. Keep it exactly as it is (do not delete, move or repair it) and restore your most "
          "recent good backup to a new file").format(where=where, problem=first),
        path=sqlite_file(source), detail="; ".join(problems[:3]))


def _schema_problem(con: sqlite3.Connection, accept_older: bool) -> str | None:
    """What makes ``con`` not a database of this version's schema, or None."""
    tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "alembic_version" not in tables:
        return _("no schema revision") if tables else _("it is empty")
    revision = [row[0] for row in con.execute("SELECT version_num FROM alembic_version")]
    if revision != [HEAD_REVISION]:
        if accept_older and len(revision) == 1 and revision[0] in all_revisions():
            return None  # opening it upgrades it (after a copy of the old file is made)
        return _("schema revision {found}, expected {expected}").format(found=", ".join(revision) or "none",
                                                                          expected=HEAD_REVISION)
    absent = sorted(set(Base.metadata.tables) - tables)
    if absent:
        return _("missing table {table}").format(table=absent[0])
    return None


def _publish(tmp: Path, dest: Path) -> None:
    """Give the checked copy its name without ever replacing a file (a hard link fails if ``dest``
    appeared meanwhile), then make the new name durable."""
    try:
        os.link(tmp, dest)
    except FileExistsError:
        raise ServiceError(_("{path} already exists: choose a new file name for the backup").format(
            path=dest)) from None
    except OSError:  # no hard links on this file system (FAT, some shares): rename, after a last look
        if dest.exists():
            raise ServiceError(_("{path} already exists: choose a new file name for the backup").format(
                path=dest)) from None
        os.replace(tmp, dest)
    fsync_folder(dest.parent)


def remove_sqlite_file(path: Path) -> None:
    for side in ("", *SIDE_FILES):
        Path(f"{path}{side}").unlink(missing_ok=True)


def _remove_leftovers(dest: Path) -> None:
    """Temporary copies that a killed backup to this name left behind (never a finished backup)."""
    for stale in dest.parent.glob(f".{dest.name}.*.{PARTIAL}"):
        remove_sqlite_file(stale)
