"""Bringing a database to the schema this version expects, on open.

An empty database is created from revision 0001 up; an older one is upgraded after a backup copy
of the SQLite file is made next to it; a database from a *newer* version of the app is refused
(this version would not understand it). On PostgreSQL an advisory lock makes two workstations
that open an old database at the same moment upgrade it once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from ..i18n import _
from ..private_files import create_private_file, make_private_dir
from .errors import StoreConfigError
from .location import sqlite_file
from .schema import HEAD_REVISION as HEAD_REVISION  # re-exported: the migrations' head
from .sqlite_connect import connect_file

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
#: pg_advisory_xact_lock key for schema upgrades ("LNSCHEMA" folded into a bigint).
UPGRADE_LOCK_KEY = 0x4C4E5343_48454D41 & 0x7FFFFFFFFFFFFFFF


@dataclass(frozen=True)
class UpgradeResult:
    from_revision: str | None
    to_revision: str
    backup: Path | None = None

    @property
    def upgraded(self) -> bool:
        return self.from_revision != self.to_revision


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def all_revisions() -> list[str]:
    """Revisions from the oldest to the newest."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def current_revision(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def _stamped_revision(engine: Engine) -> str | None:
    """The revision recorded in the database, read without Alembic (None if not stamped)."""
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
            conn.rollback()
    except DBAPIError:
        return None
    return rows[0] if len(rows) == 1 else None


#: What SQLite and PostgreSQL say when a migration step meets tables it did not expect.
SCHEMA_MISMATCH = ("duplicate column", "no such column", "no such table", "already exists", "does not exist")


def upgrade_database(engine: Engine, target: str = "head", *, backup_dir: Path | None = None,
                     clock: datetime | None = None) -> UpgradeResult:
    """Upgrade ``engine``'s database to ``target`` (default: the newest revision)."""
    if target == "head" and _stamped_revision(engine) == HEAD_REVISION:
        return UpgradeResult(HEAD_REVISION, HEAD_REVISION)  # the common case, without importing Alembic
    head = head_revision()
    known = set(all_revisions())
    with engine.connect() as conn:
        current = current_revision(conn)
        has_tables = bool(inspect(conn).get_table_names())
        conn.rollback()
    if current is not None and current not in known:
        raise StoreConfigError(
            _("this database has schema revision {revision}, made by a newer version of ln-scheduler; install "
              "that version (or newer) to open it").format(revision=current)
        )
    if current is None and has_tables:
        raise StoreConfigError(_("this database is not empty and was not created by ln-scheduler; choose an empty "
                                 "database or an ln-scheduler one"))
    wanted = head if target == "head" else target
    if current == wanted:
        return UpgradeResult(current, wanted)
    from .database import is_read_only

    if is_read_only(engine):
        raise StoreConfigError(
            _("this database (schema revision {revision}) must be upgraded before use, which a read-only "
              "connection cannot do: open it once without ?mode=ro").format(revision=current) if current else
            _("this database (schema revision none: empty) must be created before use, which a read-only "
              "connection cannot do: open it once without ?mode=ro"))
    backup = None
    path = sqlite_file(engine.url)
    if current is not None and path is not None and path.exists():
        backup = backup_sqlite_file(engine, _backup_name(path, current, backup_dir, clock))
    try:
        if engine.dialect.name == "sqlite":
            _upgrade_sqlite(engine, target)
        else:
            with engine.begin() as conn:
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": UPGRADE_LOCK_KEY})
                if current_revision(conn) != wanted:  # another workstation may have just done it
                    from alembic import command

                    command.upgrade(alembic_config(conn), target)
    except DBAPIError as exc:
        detail = " ".join(str(exc.orig).split())
        if not any(sign in detail.lower() for sign in SCHEMA_MISMATCH):
            raise  # busy, a full disk, a server gone: said as such by the caller
        # a step's SQL refused because the tables are not what the recorded revision says
        raise StoreConfigError(
            _("this database records schema revision {revision}, which does not match its tables: upgrading it "
              "failed ({error}); nothing was changed. Its revision was edited, or its tables were: restore a "
              "backup, or ask your IT support").format(revision=current, error=detail)
        ) from None
    return UpgradeResult(current, wanted, backup)


def _upgrade_sqlite(engine: Engine, target: str) -> None:
    """Batch operations rebuild tables, which foreign keys would block: switch them off for the
    migration (outside any transaction, as SQLite requires) and check them before committing."""
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                from alembic import command

                command.upgrade(alembic_config(conn), target)
                problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise StoreConfigError(_("the upgrade left broken references ({count}); nothing was "
                                             "changed").format(count=len(problems)))
        finally:
            raw.execute("PRAGMA foreign_keys=ON")


def _backup_name(path: Path, revision: str, backup_dir: Path | None, clock: datetime | None) -> Path:
    stamp = (clock or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    folder = backup_dir or path.parent
    return folder / f"{path.stem}.rev{revision}.{stamp}{path.suffix}.bak"


def backup_sqlite_file(engine: Engine, destination: Path) -> Path:
    """A consistent copy of a live SQLite database (the online backup API, WAL included)."""

    source = sqlite_file(engine.url)
    if source is None:
        raise StoreConfigError(_("an in-memory database has no file to back up"))
    make_private_dir(destination.parent)
    if not destination.exists():
        create_private_file(destination)  # participant data: 0600, like the database itself
    src = connect_file(source)
    try:
        dst = connect_file(destination)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return destination
