"""Files that hold participant data are private to the user who wrote them.

The database, its ``-wal``/``-shm`` files, backups and every export (CSV, .ics, PDF) carry study
IDs and dates; on a shared workstation the default umask (022) would make them readable by every
account. So they are created 0600 and the app's own folders (data, settings, backups) 0700, from
the first byte (``os.open`` with a mode, never a ``chmod`` after the data is in). On Windows the
modes mean nothing: the user's profile folder already has the right ACL, and it is kept as it is.

Free of any import of ours, so the store, the services, reports, exports, the CLI and the GUI all
use this one module.
"""

from __future__ import annotations

import os
import secrets
from os import PathLike
from pathlib import Path

PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700
POSIX = os.name == "posix"


def make_private_dir(folder: Path) -> Path:
    """Create ``folder`` (and missing parents) as 0700. An existing folder is left as it is: it may
    be one the user shares on purpose; only the app's own folders are created by the app."""
    missing = []
    probe = folder
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for part in reversed(missing):
        try:
            part.mkdir(mode=PRIVATE_DIR_MODE)
        except FileExistsError:
            continue
        if POSIX:
            os.chmod(part, PRIVATE_DIR_MODE)  # mkdir's mode is filtered by the umask
    return folder


def create_private_file(path: Path) -> None:
    """Create an empty file 0600 (refused if it exists): SQLite keeps the mode of a file it opens and
    gives its ``-wal``/``-shm`` files the same one, so a database created this way stays private."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), PRIVATE_FILE_MODE)
    os.close(fd)


def temporary_name(target: Path, suffix: str = "tmp") -> Path:
    """A hidden, unique name beside ``target`` (same folder, so a rename onto ``target`` is atomic)."""
    return target.with_name(f".{target.name}.{secrets.token_hex(6)}.{suffix}")


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX: the directory entry is data too)."""
    if not POSIX:
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_private(path: str | PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` so that no reader ever sees half of it and nobody else can read it:
    the bytes go to a 0600 temporary file beside it, are flushed to disk, and replace ``path`` in one
    rename. A calendar client or a synced folder watching the file sees the old or the new file."""
    target = Path(path)
    tmp = temporary_name(target)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), PRIVATE_FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
