"""The automatic daily backup of a SQLite database, made when the app opens it.

A site that works on a single SQLite file has no server taking backups for it; the copy a
coordinator forgot to make is the one missing the day the disk fails. So the first time the app
(the desktop application, or any ``ln-scheduler`` command that opens the database) opens an
existing SQLite file on a given site day, it writes a checked, atomic backup
(:func:`~.backup.backup_to_sqlite`, 0600) to ``backups/`` beside the file, named
``<file stem>-YYYY-MM-DD.sqlite3``, and keeps the newest N of them (``[backup] keep`` in
``settings.toml``, default 7; 0 turns it off). A PostgreSQL database is the server's to back up.

Opening never fails because of it: a backup that cannot be written (a read-only folder, a full disk, a
bad setting) is reported as a one-line warning and the database opens as before. The exception is a
database the backup's integrity check finds damaged: that is reported as damage (keep the file,
restore a backup), as when any command meets a damaged page.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import tomllib
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from ..domain.errors import DomainError
from ..i18n import _
from ..private_files import make_private_dir
from ..store.errors import StoreConfigError
from ..store.location import settings_path, sqlite_file
from .context import damaged
from .errors import DatabaseDamagedError

DEFAULT_KEEP = 7
MAX_KEEP = 3660
BACKUP_FOLDER = "backups"
log = logging.getLogger("ln_scheduler.backup")


def backups_to_keep(path: Path | None = None) -> int:
    """``[backup] keep`` from the settings file (default 7)."""
    settings = path or settings_path()
    if not settings.is_file():
        return DEFAULT_KEEP
    try:
        raw = tomllib.loads(settings.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise StoreConfigError(_("cannot read the settings file {path}: {error}").format(
            path=settings, error=exc)) from None
    section = raw.get("backup", {})
    keep = section.get("keep", DEFAULT_KEEP) if isinstance(section, dict) else DEFAULT_KEEP
    if isinstance(keep, bool) or not isinstance(keep, int) or not 0 <= keep <= MAX_KEEP:
        raise StoreConfigError(_("settings file {path}: [backup] keep must be a whole number from 0 to {most} "
                                 "(how many daily backups to keep; 0: none)").format(path=settings, most=MAX_KEEP))
    return keep


def backup_folder(database: Path) -> Path:
    return database.parent / BACKUP_FOLDER


def daily_backup_name(database: Path, day: date) -> str:
    return f"{database.stem}-{day.isoformat()}{database.suffix or '.sqlite3'}"


def automatic_backup(engine: Engine, today: date, *, keep: int) -> Path | None:
    """Today's backup of ``engine``'s SQLite file, if there is none yet; older ones beyond ``keep``
    are deleted. None when nothing was written (not SQLite, turned off, already done today)."""
    database = sqlite_file(engine.url)
    if keep == 0 or database is None or engine.url.query:
        return None
    folder = backup_folder(database)
    dest = folder / daily_backup_name(database, today)
    if dest.exists():
        return None
    from .backup import backup_to_sqlite

    made_folder = not folder.exists()
    make_private_dir(folder)
    try:
        written = backup_to_sqlite(engine, dest)
    except DomainError:
        if made_folder:
            with contextlib.suppress(OSError):
                folder.rmdir()  # no empty folder left beside the database by a backup that failed
        if dest.exists():  # another process made today's a moment ago
            return None
        raise
    _prune(folder, database, keep)
    return written


def _prune(folder: Path, database: Path, keep: int) -> None:
    """Delete the oldest daily backups of ``database`` beyond ``keep`` (names sort by date)."""
    suffix = database.suffix or ".sqlite3"
    ours = sorted(p for p in folder.glob(f"{database.stem}-????-??-??{suffix}") if p.is_file())
    for old in ours[:-keep]:
        old.unlink(missing_ok=True)


def automatic_backup_or_warn(engine: Engine, today: date, *, fresh: bool) -> Path | None:
    """:func:`automatic_backup` for the moment the app opens a database: a database created just now
    (``fresh``) has nothing to back up, and a failure is a warning, never a failed start."""
    if fresh:
        return None
    try:
        return automatic_backup(engine, today, keep=backups_to_keep())
    except DatabaseDamagedError:
        # The copy's integrity check found the database itself damaged: said as everywhere else
        # (keep the file, restore a backup), not as a warning, before anything writes to it.
        found = damaged(sqlite3.DatabaseError("database disk image is malformed (found by the daily backup's "
                                              "integrity check)"), engine.url)
        raise found if found is not None else DatabaseDamagedError(_("the database is damaged")) from None
    except (DomainError, OSError) as exc:
        log.warning(_("ln-scheduler: warning: no automatic backup today: %s"), " ".join(str(exc).split()))
        return None
