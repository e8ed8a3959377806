"""What every service shares: the engine, who is working where, the clock, and the unit of work
(one transaction per user action, its audit rows appended in the same transaction)."""

from __future__ import annotations

import getpass
import socket
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import URL, Engine, insert, select
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ..store.audit import AuditKeyMismatch, AuditWriter, utc_stamp
from ..store.audit_checkpoint import Checkpoint, database_identity, record_checkpoint
from ..store.audit_key import SiteKey, load_or_create_key
from ..store.database import WRITE_OPTION
from ..store.location import display_url, sqlite_file
from ..store.models import AuditRow
from .errors import ConflictError, DatabaseDamagedError, DatabaseUnavailableError, ServiceError
from .protocols import ProtocolRegistry

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


def os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@dataclass
class Tx:
    """One unit of work: the session, the audit entries to append, the moment it happens, and the
    record it is about (named in a conflict message if a concurrent writer got there first)."""

    session: Session
    audit: AuditWriter
    now: datetime
    today: date
    subject: tuple[str, str] | None = None  # (what, audit entity key)


class ServiceContext:
    def __init__(self, engine: Engine, *, user: str, workstation: str, clock: Clock):
        self.engine = engine
        self.write_engine = engine.execution_options(**{WRITE_OPTION: True})
        self.user = user
        self.workstation = workstation
        self.clock = clock
        self.protocols = ProtocolRegistry(engine)
        self._timezone: str | None = None
        self._site_key: SiteKey | None = None
        url = engine.url
        self.database_identity = database_identity(url.get_backend_name(), url.database, url.host, url.port)

    # -- the audit key ----------------------------------------------------------------------
    def site_key(self) -> SiteKey:
        """The key that seals audit rows, read once per process (created by the first write)."""
        if self._site_key is None:
            self._site_key = load_or_create_key()
        return self._site_key

    def record_checkpoint(self, seq: int, hash_: str, keyed_from: int | None, fingerprint: str) -> None:
        key = self.site_key()
        record_checkpoint(key, Checkpoint(self.database_identity, seq, hash_, keyed_from, fingerprint,
                                          utc_stamp(datetime.now(UTC))))

    # -- time -------------------------------------------------------------------------------
    def set_timezone(self, name: str) -> None:
        self._timezone = name

    def today(self) -> date:
        """Today's date at the site (its time zone), from the injected clock."""
        now = self.clock()
        if now.tzinfo is None:
            return now.date()
        if self._timezone:
            try:
                return now.astimezone(ZoneInfo(self._timezone)).date()
            except (ZoneInfoNotFoundError, ValueError):
                pass
        return now.astimezone().date()

    # -- sessions ---------------------------------------------------------------------------
    @contextmanager
    def read(self) -> Iterator[Session]:
        session = Session(self.engine, expire_on_commit=False)
        try:
            yield session
        except OperationalError as exc:
            raise unavailable(exc) from None
        finally:
            session.rollback()
            session.close()

    @contextmanager
    def write(self) -> Iterator[Tx]:
        # no autoflush: one UPDATE per changed row per transaction, so versions move by exactly one
        session = Session(self.write_engine, expire_on_commit=False, autoflush=False)
        now = self.clock()
        if now.tzinfo is None:
            now = now.replace(tzinfo=UTC)
        tx = Tx(session, AuditWriter(self.user, self.workstation, self.site_key), now, self.today())
        try:
            yield tx
            session.flush()
            rows = tx.audit.rows(session, utc_stamp(now))
            if rows:
                session.execute(insert(AuditRow.__table__), rows)  # Core executemany: no ORM bookkeeping
            session.commit()
            sealed = tx.audit.sealed
            if sealed is not None:  # the new head, outside the database: see store/audit_checkpoint.py
                self.record_checkpoint(sealed.seq, sealed.hash, sealed.keyed_from, sealed.key_fingerprint)
        except AuditKeyMismatch as exc:
            session.rollback()
            raise ServiceError(str(exc)) from None
        except StaleDataError:
            session.rollback()
            raise self.conflict(tx.subject) from None
        except IntegrityError as exc:
            session.rollback()
            raise ServiceError(f"the change breaks a rule of the database and was not saved "
                               f"({_first_line(exc.orig)})") from None
        except OperationalError as exc:
            session.rollback()
            raise unavailable(exc) from None
        except DBAPIError as exc:
            session.rollback()
            if _is_serialization_failure(exc):
                raise self.conflict(tx.subject) from None
            raise
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    # -- conflicts --------------------------------------------------------------------------
    def conflict(self, subject: tuple[str, str] | None, expected: int | None = None,
                 current: int | None = None) -> ConflictError:
        """A ConflictError naming who last changed ``subject`` and when (from the audit trail)."""
        what, key = subject or ("the record", "")
        by = at = None
        where = ""
        if key:
            try:
                with Session(self.engine) as s:
                    row = s.execute(
                        select(AuditRow).where(AuditRow.entity_key == key).order_by(AuditRow.seq.desc()).limit(1)
                    ).scalar_one_or_none()
                    if row is not None:
                        by, where = row.user_name, row.workstation
                        at = datetime.strptime(row.at_utc, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
            except OperationalError:
                pass
        versions = f" (version {expected}, now {current})" if expected is not None and current is not None else ""
        who = (f" by {by} on {where} at {at:%Y-%m-%d %H:%M} UTC" if by and at else "")
        return ConflictError(
            f"{what} was changed{who} after you opened it{versions}; nothing was saved: reload and try again",
            changed_by=by, changed_at=at,
        )

    def check_version(self, tx: Tx, current: int, expected: int | None) -> None:
        if expected is not None and expected != current:
            raise self.conflict(tx.subject, expected, current)


def unavailable(exc: OperationalError) -> DatabaseUnavailableError:
    """A database that cannot be used right now, in words: trying again later may well work.

    A full disk (SQLITE_FULL) and a disk I/O error (SQLITE_IOERR: a removed drive, a share that
    dropped, a file whose permissions changed) are named as such but are not called damage: they
    say nothing about the pages already written, and the same file usually works once the disk
    does. Damage itself is never an OperationalError (see :func:`damaged`)."""
    text = _first_line(exc.orig)
    code = _sqlite_code(exc.orig)
    if "locked" in text or "busy" in text:
        return DatabaseUnavailableError(
            f"the database is busy (another program holds its lock): {text}; nothing was saved, try again"
        )
    if code == SQLITE_FULL or "disk is full" in text:
        return DatabaseUnavailableError(
            f"the disk that holds the database is full ({text}); nothing was saved: free some space, then try again"
        )
    if code == SQLITE_IOERR or "disk I/O error" in text:
        return DatabaseUnavailableError(
            f"the database file could not be read or written ({text}); nothing was saved: check the disk (or "
            "the connection to it), then try again"
        )
    return DatabaseUnavailableError(f"the database cannot be reached: {text}; nothing was saved")


#: SQLite's primary result codes (an extended code keeps them in its low byte).
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11  # "database disk image is malformed": pages that do not hold what they should
SQLITE_FULL = 13
SQLITE_NOTADB = 26  # "file is not a database": the header is no longer SQLite's
#: The same damage in words, for a driver that does not expose the code.
_SQLITE_DAMAGE_WORDS = ("database disk image is malformed", "file is not a database",
                        "file is encrypted or is not a database")
#: PostgreSQL's data_corrupted and index_corrupted.
_PG_DAMAGE_STATES = ("XX001", "XX002")


def damaged(exc: BaseException, url: URL) -> DatabaseDamagedError | None:
    """The DatabaseDamagedError for ``exc`` if it says the stored data of ``url``'s database is
    damaged, else None: the caller then re-raises ``exc`` untouched, so an error nobody expected
    stays visible as one instead of being dressed up as damage.

    The one place that tells damage apart. It is met on any read or write (a damaged page is
    found when a query touches it, not when the file opens), so :func:`services.app
    ._as_service_errors` asks it about every database error a service lets through. ``exc`` is a
    SQLAlchemy DBAPIError or a bare ``sqlite3.DatabaseError`` (the backup copies with sqlite3).
    The message names the file and what to do, never SQL: whoever salvages the file finds the
    engine's words in ``detail`` and the original error as the cause in the log."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    if isinstance(orig, sqlite3.DatabaseError) and not isinstance(orig, sqlite3.OperationalError):
        detail = _first_line(orig)
        code = _sqlite_code(orig)
        if code not in (SQLITE_CORRUPT, SQLITE_NOTADB) and not any(w in detail for w in _SQLITE_DAMAGE_WORDS):
            return None
        path = sqlite_file(url)
        where = f"the database file {path}" if path is not None else "the in-memory database"
        return DatabaseDamagedError(
            f"{where} is damaged and cannot be read (SQLite: {detail}); nothing was written to it. Stop using it "
            "and keep it exactly as it is (do not delete, move or repair it): restore your most recent backup (a "
            "copy made with 'ln-scheduler backup PATH') to a new file and use that copy instead; entries made "
            "after that backup may be salvaged from the damaged file: ask your IT support",
            path=path, detail=detail,
        )
    state = getattr(orig, "sqlstate", None) if isinstance(exc, DBAPIError) else None
    if state in _PG_DAMAGE_STATES:
        detail = _first_line(orig)
        return DatabaseDamagedError(
            f"the database ({display_url(url)}) reports damaged data ({detail}); nothing was saved. Stop using "
            "it and ask your database administrator to check the server and restore the most recent backup",
            detail=detail,
        )
    return None


def _sqlite_code(exc: BaseException | None) -> int | None:
    """SQLite's primary result code of a sqlite3 error (Python 3.11+), or None."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _first_line(exc: BaseException | None) -> str:
    return str(exc).strip().splitlines()[0] if exc is not None and str(exc).strip() else type(exc).__name__


def _is_serialization_failure(exc: DBAPIError) -> bool:
    code = getattr(exc.orig, "sqlstate", None)
    return code in ("40001", "40P01")  # serialization failure, deadlock detected


def workstation_name() -> str:
    return socket.gethostname() or "unknown"
