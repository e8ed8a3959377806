"""``backup PATH``: a consistent copy of the whole database as a SQLite file. A SQLite database is
copied with SQLite's online backup API; a PostgreSQL database is copied table by table inside one
REPEATABLE READ transaction (a consistent snapshot) into a new SQLite file of the same schema, so
any backup can be opened with ``--db sqlite:///PATH`` and checked with ``audit verify``.

Every copy is checked with SQLite's ``integrity_check`` before it is reported written: the online
backup API copies damaged pages faithfully, and a site that finds its database damaged restores
"the most recent backup", which must not be damaged too."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

from sqlalchemy import URL, Engine, select, update

from ..store.database import make_engine
from ..store.location import display_url, parse_url, sqlite_file
from ..store.migrate import backup_sqlite_file, upgrade_database
from ..store.models import AuditHead, Base
from .errors import DatabaseDamagedError, ServiceError

COPY_BATCH = 5000


def backup_to_sqlite(engine: Engine, destination: Path) -> Path:
    dest = destination.expanduser()
    if dest.exists():
        raise ServiceError(f"{dest} already exists: choose a new file name for the backup")
    if not dest.parent.is_dir():
        raise ServiceError(f"folder {dest.parent} does not exist")
    if engine.dialect.name == "sqlite":
        backup_sqlite_file(engine, dest)
        return _checked(dest, source=engine.url)
    target = make_engine(parse_url(f"sqlite:///{dest}"))
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
    except BaseException:
        target.dispose()
        dest.unlink(missing_ok=True)
        raise
    target.dispose()
    return _checked(dest, source=engine.url)


def _checked(dest: Path, *, source: URL) -> Path:
    """``dest`` if SQLite finds it sound; otherwise it is removed (it is no backup) and the error
    says the database it was copied from is damaged. The source is never touched."""
    import sqlite3

    try:
        with closing(sqlite3.connect(dest)) as copy:
            problems = [row[0] for row in copy.execute("PRAGMA integrity_check(20)")]
    except sqlite3.DatabaseError as exc:
        problems = [str(exc)]
    if problems == ["ok"]:
        return dest
    dest.unlink(missing_ok=True)
    where = sqlite_file(source) or display_url(source)
    raise DatabaseDamagedError(
        f"no backup written: the copy of {where} fails SQLite's integrity check ({problems[0]}), so the database "
        "itself is damaged. Keep it exactly as it is (do not delete, move or repair it) and restore your most "
        "recent good backup to a new file", path=sqlite_file(source), detail="; ".join(problems[:3]))
