"""Open a SQLite database file by its name, whatever characters the name holds.

``sqlite3.connect(name)`` reads a name that starts with ``file:`` as a URI (the SQLite library is
built to), and ``f"file:{path}?mode=ro"`` breaks on a name holding ``?``, ``#`` or ``%``: a site
whose database is ``file:x.db`` in the current folder had every daily backup made from a new, empty
``x.db`` and refused ("the copy is not a complete LN Visit Scheduler database"). The file's absolute
path as a ``file:`` URI, each awkward character percent-encoded, names exactly that file."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def connect_file(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A plain ``sqlite3`` connection to the file ``path`` (created if missing, unless ``read_only``)."""
    uri = path.absolute().as_uri() + ("?mode=ro" if read_only else "")
    return sqlite3.connect(uri, uri=True)
