"""Writing an export file so that a reader never sees half of it.

A calendar client may watch the file (or a synced folder may upload it) while it is written;
the bytes go to a temporary file beside it and replace the target in one rename. The temporary
file is created with the user's usual permissions (umask), like any file the user saves.
"""

from __future__ import annotations

import os
import secrets
from os import PathLike
from pathlib import Path


def write_atomically(path: str | PathLike[str], data: bytes) -> None:
    target = Path(path)
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
