"""``restore BACKUP``: put a backup back as the site's SQLite database, without losing the current one.

Order, so that every step can fail and leave the site no worse off: the backup is checked (SQLite's
integrity check, a whole database of this schema); it is copied beside the database under a hidden
name and checked again there; the current database is copied aside (``<name>.before-restore-<UTC
stamp>.sqlite3``, WAL included, 0600); only then does the copy replace the database in one rename.
A database that another process has open (the app on this workstation, a script) is refused: the
other process would go on writing into the file that is being replaced.

A PostgreSQL database is restored with the server's own tools (``pg_restore``); a backup made by
``backup`` from PostgreSQL is a SQLite file and can be opened as one (``--db sqlite:///PATH``).
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..private_files import POSIX, create_private_file, fsync_file, fsync_folder, temporary_name
from .backup import SIDE_FILES, check_backup_file, copy_sqlite_file, remove_sqlite_file
from .errors import ServiceError

#: SQLite's unix VFS holds a shared lock on this byte of ``-shm`` for as long as a connection has
#: the database open in WAL mode (its "dead man switch"); an exclusive lock on it succeeds only
#: when no other process has the database open.
SHM_DMS_BYTE = 128


@dataclass(frozen=True)
class RestorePlan:
    """What a restore will do, shown before it is confirmed."""

    backup: Path
    database: Path
    participants: int
    audit_rows: int
    last_change: str | None
    database_exists: bool


def plan_restore(backup: Path, database: Path) -> RestorePlan:
    """Check ``backup`` and say what restoring it over ``database`` means; nothing is changed."""
    try:
        return _plan(backup.expanduser(), database)
    except OSError as exc:  # a name too long for the file system, a folder we may not read...
        raise ServiceError(f"cannot read {exc.filename or backup}: {exc.strerror or exc}") from None


def _plan(backup: Path, database: Path) -> RestorePlan:
    if not backup.is_file():
        raise ServiceError(f"backup {backup} does not exist (or is not a file)")
    if database.exists() and backup.resolve() == database.resolve():
        raise ServiceError(f"{backup} is the database itself: choose a backup file")
    if not database.parent.is_dir():
        raise ServiceError(f"folder {database.parent} does not exist")
    check_backup_file(backup, accept_older=True)
    with closing(sqlite3.connect(f"file:{backup}?mode=ro", uri=True)) as con:
        participants = int(con.execute("SELECT count(*) FROM participants").fetchone()[0])
        rows, last = con.execute("SELECT count(*), max(at_utc) FROM audit_log").fetchone()
    return RestorePlan(backup, database, participants, int(rows), str(last)[:19] if last else None,
                       database.exists())


def restore_backup(plan: RestorePlan, now: datetime) -> Path | None:
    """Carry out ``plan``; returns where the previous database was kept (None if there was none)."""
    database = plan.database
    _refuse_if_open_elsewhere(database)
    tmp = temporary_name(database, "restoring")
    aside: Path | None = None
    try:
        create_private_file(tmp)
        copy_sqlite_file(plan.backup, tmp)
        check_backup_file(tmp, accept_older=True)
        fsync_file(tmp)
        if database.exists():
            aside = database.with_name(f"{database.stem}.before-restore-{now.strftime('%Y%m%dT%H%M%SZ')}"
                                       f"{database.suffix or '.sqlite3'}")
            create_private_file(aside)
            copy_sqlite_file(database, aside)
            check_backup_file(aside, accept_older=True)
            fsync_file(aside)
            _fold_in_wal(database)
        _refuse_if_open_elsewhere(database)  # a last look: the copies took a moment
        os.replace(tmp, database)
        fsync_folder(database.parent)
    except OSError as exc:
        raise ServiceError(f"nothing restored: {exc.strerror or exc} ({exc.filename or database})") from None
    except sqlite3.OperationalError as exc:
        raise ServiceError(f"nothing restored: {exc}") from None
    finally:
        remove_sqlite_file(tmp)
    return aside


def _fold_in_wal(database: Path) -> None:
    """Write the database's WAL into the file and remove it: a ``-wal`` left beside the restored
    file belongs to the old one, and SQLite would replay it into the new one."""
    with closing(sqlite3.connect(database)) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for side in SIDE_FILES:
        Path(f"{database}{side}").unlink(missing_ok=True)


def _refuse_if_open_elsewhere(database: Path) -> None:
    if open_in_another_process(database):
        raise ServiceError(f"{database} is open in another program (LN Visit Scheduler or a script): close it "
                           "there first; nothing was restored")


def open_in_another_process(database: Path) -> bool:
    """Whether another process has ``database`` open (POSIX; elsewhere: not detectable, False).

    Must be called before this process opens the database itself: POSIX locks belong to the
    process, and closing any descriptor of the file drops them all."""
    shm = Path(f"{database}-shm")
    if not POSIX or not shm.exists():
        return False
    import fcntl

    try:
        fd = os.open(shm, os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, SHM_DMS_BYTE)
    except OSError:
        return True
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, SHM_DMS_BYTE)
        return False
    finally:
        os.close(fd)
