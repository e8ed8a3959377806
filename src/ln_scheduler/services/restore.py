"""``restore BACKUP``: put a backup back as the site's SQLite database, without losing the current one.

Order, so that every step can fail and leave the site no worse off: the backup is checked (SQLite's
integrity check, a whole database of this schema; its audit trail verified, and what fails said
before the question); it is copied beside the database under a hidden
name and checked again there; the current database is copied aside (``<name>.before-restore-<UTC
stamp>.sqlite3``, byte for byte with its WAL, 0600: it may be a damaged file, to be kept exactly as
it is); only then does the copy replace the database in one rename.
A database that another process has open (the app on this workstation, a script) is refused: the
other process would go on writing into the file that is being replaced.

A PostgreSQL database is restored with the server's own tools (``pg_restore``); a backup made by
``backup`` from PostgreSQL is a SQLite file and can be opened as one (``--db sqlite:///PATH``).
"""

from __future__ import annotations

import os
import shutil
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..i18n import _
from ..private_files import POSIX, create_private_file, fsync_folder, temporary_name
from ..store.migrate import HEAD_REVISION
from ..store.sqlite_connect import connect_file
from .backup import SIDE_FILES, check_backup_file, checked_copy, file_errors_as
from .errors import ServiceError

#: SQLite's unix VFS holds a shared lock on this byte of ``-shm`` for as long as a connection has
#: the database open in WAL mode (its "dead man switch"); an exclusive lock on it succeeds only
#: when no other process has the database open.
SHM_DMS_BYTE = 128
COPY_CHUNK = 1 << 20


@dataclass(frozen=True)
class RestorePlan:
    """What a restore will do, shown before it is confirmed."""

    backup: Path
    database: Path
    participants: int
    audit_rows: int
    last_change: str | None
    database_exists: bool
    #: What ``audit verify`` finds wrong with the backup's own trail (empty: it verifies); None when
    #: it could not be checked here (a backup of an earlier schema: verified once restored and opened).
    audit_problems: tuple[str, ...] | None = ()
    #: How many problems there are in all (``audit_problems`` lists the first 20, as verify does).
    audit_problem_count: int = 0


def plan_restore(backup: Path, database: Path) -> RestorePlan:
    """Check ``backup`` and say what restoring it over ``database`` means; nothing is changed."""
    try:
        return _plan(backup.expanduser(), database)
    except OSError as exc:  # a name too long for the file system, a folder we may not read...
        raise ServiceError(_("cannot read {path}: {error}").format(path=exc.filename or backup,
                                                                   error=exc.strerror or exc)) from None


def _plan(backup: Path, database: Path) -> RestorePlan:
    if not backup.is_file():
        raise ServiceError(_("backup {path} does not exist (or is not a file)").format(path=backup))
    if database.exists() and backup.resolve() == database.resolve():
        raise ServiceError(_("{path} is the database itself: choose a backup file").format(path=backup))
    if not database.parent.is_dir():
        raise ServiceError(_("folder {path} does not exist").format(path=database.parent))
    with backup.open("rb"):  # may this user read it? (PermissionError: "cannot read ..."; SQLite would
        pass  # say "unable to open database file", and a sound backup looked damaged)
    check_backup_file(backup, accept_older=True)
    with closing(connect_file(backup, read_only=True)) as con:
        participants = int(con.execute("SELECT count(*) FROM participants").fetchone()[0])
        rows, last = con.execute("SELECT count(*), max(at_utc) FROM audit_log").fetchone()
        current = con.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD_REVISION,)
    problems, count = _audit_problems(backup) if current else (None, 0)
    return RestorePlan(backup, database, participants, int(rows), str(last)[:19] if last else None,
                       database.exists(), problems, count)


def _audit_problems(backup: Path) -> tuple[tuple[str, ...], int]:
    """``audit verify`` of the backup itself, read-only (its chain with this workstation's key, the
    replay of its trail against its tables, its triggers): restored without a word, a backup edited
    behind its trail's back put a trail in place that the next verify failed. (A backup of an earlier
    schema revision is not checked here: only opening it read-write upgrades it.)"""
    from .app import open_services  # the use cases, for a file that is not the site's database (yet)

    with open_services(f"sqlite:///{backup.absolute()}?mode=ro", create=False, upgrade=False) as copy:
        result = copy.verify_audit()
    return result.problems, result.problem_count


def restore_backup(plan: RestorePlan, now: datetime) -> Path | None:
    """Carry out ``plan``; returns where the previous database was kept (None if there was none).
    The audit checkpoint of the database is reset to the backup's head (see
    :func:`reset_audit_checkpoint`): a restore winds the trail back on purpose."""
    database = plan.database
    _refuse_if_open_elsewhere(database)
    tmp = temporary_name(database, "restoring")
    aside: Path | None = None
    with file_errors_as(_("nothing restored"), removing=tmp):
        checked_copy(plan.backup, tmp, accept_older=True)
        if database.exists():
            aside = _aside_name(database, now)
            _keep_aside(database, aside)
        _refuse_if_open_elsewhere(database)  # a last look: the copies took a moment
        os.replace(tmp, database)
        fsync_folder(database.parent)
    reset_audit_checkpoint(plan, now)
    return aside


def _aside_name(database: Path, now: datetime) -> Path:
    """``<name>.before-restore-<UTC stamp>.sqlite3``, numbered when a copy of that second is there
    already (two restores within a second, from a script, stopped with "File exists")."""
    stem = f"{database.stem}.before-restore-{now.strftime('%Y%m%dT%H%M%SZ')}"
    suffix = database.suffix or ".sqlite3"
    aside, n = database.with_name(stem + suffix), 1
    while aside.exists():
        n += 1
        aside = database.with_name(f"{stem}-{n}{suffix}")
    return aside


def reset_audit_checkpoint(plan: RestorePlan, now: datetime) -> str | None:
    """Move this workstation's audit checkpoint of the database back to the restored trail's head,
    saying in it what was restored and where the trail stood before (the old checkpoint is kept
    beside it). Without this, ``audit verify`` would report the restore itself as rows cut from
    the end; with it, verify is intact and prints the reset as a note. Returns that note (None
    without a site key: nothing was ever checkpointed here)."""
    from ..store.audit import utc_stamp
    from ..store.audit_checkpoint import Checkpoint, database_identity, read_checkpoint, reset_checkpoint
    from ..store.audit_key import load_key

    key = load_key()
    if key is None:
        return None
    identity = database_identity("sqlite", str(plan.database))
    before = read_checkpoint(key, identity)
    with closing(connect_file(plan.database, read_only=True)) as con:
        columns = {row[1] for row in con.execute("PRAGMA table_info(audit_head)")}
        keyed = ", keyed_from, key_fingerprint" if "keyed_from" in columns else ", NULL, NULL"
        head = con.execute(f"SELECT seq, hash{keyed} FROM audit_head WHERE id = 1").fetchone()
    if head is None:
        return None
    seq, hash_, keyed_from, fingerprint = head
    was = f"; before it the trail was at seq {before.seq}" if before is not None else ""
    note = f"{plan.backup} restored on {now.strftime('%Y-%m-%d %H:%M')} UTC (trail at seq {seq}{was})"
    if before is not None and before.reset:  # an earlier restore stays named: what it wound back is told
        note = f"{before.reset}; then {note}"
    reset_checkpoint(key, Checkpoint(identity, int(seq), str(hash_), keyed_from, fingerprint or "",
                                     utc_stamp(now), reset=note))
    return note


def _keep_aside(database: Path, aside: Path) -> None:
    """Copy the database byte for byte to ``aside`` (0600), with its ``-wal`` as ``aside``'s own, then
    remove the database's ``-wal``/``-shm``: SQLite would replay an old WAL into the restored file.

    Bytes, not SQLite's backup API: the database being replaced is often a damaged one, and the
    advice for a damaged file is to keep it exactly as it is (rows may be salvaged from it)."""
    for side in ("", "-wal", "-journal"):
        source = Path(f"{database}{side}")
        if not source.exists():
            continue
        target = Path(f"{aside}{side}")
        create_private_file(target)
        with source.open("rb") as src, target.open("r+b") as dst:
            shutil.copyfileobj(src, dst, COPY_CHUNK)
            dst.flush()
            os.fsync(dst.fileno())
    for side in SIDE_FILES:
        Path(f"{database}{side}").unlink(missing_ok=True)


def _refuse_if_open_elsewhere(database: Path) -> None:
    if open_in_another_process(database):
        raise ServiceError(_("{path} is open in another program (LN Visit Scheduler or a script): close it "
                             "there first; nothing was restored").format(path=database))


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
