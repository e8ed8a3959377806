"""``backup PATH``: a consistent copy of the whole database as a SQLite file. A SQLite database is
copied with SQLite's online backup API; a PostgreSQL database is copied table by table inside one
REPEATABLE READ transaction (a consistent snapshot) into a new SQLite file of the same schema, so
any backup can be opened with ``--db sqlite:///PATH`` and checked with ``audit verify``."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select, update

from ..store.database import make_engine
from ..store.location import parse_url
from ..store.migrate import backup_sqlite_file, upgrade_database
from ..store.models import AuditHead, Base
from .errors import ServiceError

COPY_BATCH = 5000


def backup_to_sqlite(engine: Engine, destination: Path) -> Path:
    dest = destination.expanduser()
    if dest.exists():
        raise ServiceError(f"{dest} already exists: choose a new file name for the backup")
    if not dest.parent.is_dir():
        raise ServiceError(f"folder {dest.parent} does not exist")
    if engine.dialect.name == "sqlite":
        return backup_sqlite_file(engine, dest)
    target = make_engine(parse_url(f"sqlite:///{dest}"))
    try:
        upgrade_database(target)
        with engine.connect().execution_options(isolation_level="REPEATABLE READ") as src, target.begin() as dst:
            for table in Base.metadata.sorted_tables:
                if table.name == AuditHead.__tablename__:
                    head = src.execute(select(table)).mappings().one()
                    dst.execute(update(table).where(table.c.id == 1).values(seq=head["seq"], hash=head["hash"]))
                    continue
                result = src.execution_options(yield_per=COPY_BATCH).execute(select(table))
                for chunk in result.mappings().partitions(COPY_BATCH):
                    dst.execute(table.insert(), [dict(r) for r in chunk])
    except BaseException:
        target.dispose()
        dest.unlink(missing_ok=True)
        raise
    target.dispose()
    return dest
