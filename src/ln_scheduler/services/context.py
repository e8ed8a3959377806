"""What every service shares: the engine, who is working where, the clock, and the unit of work
(one transaction per user action, its audit rows appended in the same transaction)."""

from __future__ import annotations

import functools
import getpass
import logging
import os
import re
import socket
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, String, event, insert, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Mapper, Session
from sqlalchemy.orm.exc import StaleDataError

from ..i18n import N_, _
from ..store.audit import AuditKeyMismatch, AuditWriter, utc_stamp
from ..store.audit_checkpoint import Checkpoint, record_checkpoint, url_identity
from ..store.audit_key import SiteKey, load_or_create_key
from ..store.calendar_outbox import collect_changed_visits, collect_core_visit_writes, enqueue_collected
from ..store.database import WRITE_OPTION
from ..store.location import display_url, sqlite_file
from ..store.models import AuditRow, StoredProtocol
from ..store.sqlite_connect import connect_file
from .errors import (
    CommitUnknownError,
    ConflictError,
    DatabaseDamagedError,
    DatabaseUnavailableError,
    ServiceError,
)
from .inputs import MAX_FREE_TEXT, check_free_text
from .protocols import ProtocolRegistry
from .read_only import read_only_error, refused_write
from .site_day import site_today
from .tables import core_table

_log = logging.getLogger("ln_scheduler.services")

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


def os_user() -> str:
    """The account this process runs as, as the audit trail records it (SQLite; PostgreSQL records
    the role). On POSIX the system's name for the process's user id: ``getpass.getuser`` reads
    $LOGNAME and $USER first, so ``LOGNAME=dr_smith ln-scheduler ...`` was audited as dr_smith."""
    try:
        import pwd  # POSIX only

        return pwd.getpwuid(os.geteuid()).pw_name
    except (ImportError, KeyError, OSError):  # Windows (its account name), or a uid with no name
        pass
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
        #: Why this connection may not write (None: it may): a monitor's role, a standby, ``?mode=ro``,
        #: a file this user may not write; set on open (store/access.py).
        self.write_refusal: str | None = None
        self._site_key: SiteKey | None = None
        self.database_identity = url_identity(engine.url)

    # -- the audit key ----------------------------------------------------------------------
    def site_key(self) -> SiteKey:
        """The key that seals audit rows, read once per process (created by the first write)."""
        if self._site_key is None:
            self._site_key = load_or_create_key()
        return self._site_key

    def record_checkpoint(self, seq: int, hash_: str, keyed_from: int | None, fingerprint: str) -> None:
        """The new head as this workstation's checkpoint, if the trail still holds the one recorded
        before (``store.audit_checkpoint.record_checkpoint``: one indexed read of that row)."""
        key = self.site_key()

        def hash_at(at_seq: int) -> str | None:
            try:
                with self.read() as session:
                    return session.execute(select(AuditRow.hash).where(AuditRow.seq == at_seq)).scalar_one_or_none()
            except Exception:  # the write is committed: unread, the recorded checkpoint stays
                _log.warning("audit checkpoint not moved: the trail could not be read", exc_info=True)
                return None

        record_checkpoint(key, Checkpoint(self.database_identity, seq, hash_, keyed_from, fingerprint,
                                          utc_stamp(datetime.now(UTC))), hash_at)

    # -- time -------------------------------------------------------------------------------
    def set_timezone(self, name: str) -> None:
        self._timezone = name

    @property
    def timezone(self) -> str | None:
        """The site's IANA time zone once the site settings were read (None before)."""
        return self._timezone

    def today(self) -> date:
        """Today's date at the site (its time zone), from the injected clock."""
        return site_today(self.clock(), self._timezone)

    # -- sessions ---------------------------------------------------------------------------
    @contextmanager
    def read(self) -> Iterator[Session]:
        session = Session(self.engine, expire_on_commit=False)
        try:
            yield session
        except OperationalError as exc:
            raise (damaged_text(exc, self.engine.url) or unavailable(exc)) from None
        finally:
            session.rollback()
            session.close()

    @contextmanager
    def write(self) -> Iterator[Tx]:
        if self.write_refusal:
            raise read_only_error(self.write_refusal)  # before any SQL: nothing to roll back
        # no autoflush: one UPDATE per changed row per transaction, so versions move by exactly one
        session = Session(self.write_engine, expire_on_commit=False, autoflush=False)
        event.listen(session, "before_flush", _check_free_texts)
        event.listen(session, "before_flush", collect_changed_visits)
        event.listen(session, "do_orm_execute", collect_core_visit_writes)
        now = self.clock()
        if now.tzinfo is None:
            now = now.replace(tzinfo=UTC)
        tx = Tx(session, AuditWriter(self.user, self.workstation, self.site_key), now, self.today())
        try:
            yield tx
            session.flush()
            enqueue_collected(session, now)  # the calendar outbox, in this very transaction
            rows = tx.audit.rows(session, utc_stamp(now))
            for row in rows:  # a reason kept only in the audit trail (a booking outside its window...)
                if isinstance(row.get("reason"), str):
                    check_free_text(row["reason"], _("the reason"))
            if rows:
                session.execute(insert(core_table(AuditRow)), rows)  # Core executemany: no ORM bookkeeping
            try:
                session.commit()
            except DBAPIError as exc:
                if _commit_certainly_failed(exc):
                    raise  # rolled back by the database: the handlers below say "nothing was saved"
                unknown = self.commit_unknown(tx.subject, exc)
                _rollback_quietly(session)
                raise unknown from None
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
            raise ServiceError(_("the change breaks a rule of the database and was not saved ({detail})").format(
                detail=_first_line(exc.orig))) from None
        except OperationalError as exc:
            session.rollback()
            raise (refused_write(exc, self.user) or damaged_text(exc, self.engine.url) or unavailable(exc)) from None
        except DBAPIError as exc:
            session.rollback()
            refused = refused_write(exc, self.user)
            if refused is not None:
                raise refused from None
            if _is_serialization_failure(exc):
                raise self.conflict(tx.subject) from None
            raise
        except UnicodeEncodeError:  # a text with lone surrogates (bytes that were not UTF-8) met the driver
            session.rollback()
            raise ServiceError(_("a text entered is not valid (not Unicode text): retype it; nothing was "
                                 "saved")) from None
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def commit_unknown(self, subject: tuple[str, str] | None, exc: DBAPIError) -> CommitUnknownError:
        """The error for a COMMIT that failed on the way back: the database may have committed and
        the answer been lost (a dropped connection, a server restart), so "nothing was saved" could
        be false and a retry could record the change twice. The message says how to look."""
        what, key = subject or (_("the change"), "")
        check = (_("'ln-scheduler participant show {key}' or 'ln-scheduler audit {key} --last 5'").format(key=key)
                 if key else "'ln-scheduler audit --last 5'")
        return CommitUnknownError(
            _("the connection to the database failed while {what} was being saved ({detail}): UNKNOWN whether "
              "it was saved. Check before retrying: {check} (in the app: refresh and open the audit trail) shows "
              "whether the change is there").format(what=what, detail=_first_line(exc.orig), check=check)
        )

    # -- conflicts --------------------------------------------------------------------------
    def conflict(self, subject: tuple[str, str] | None, expected: int | None = None,
                 current: int | None = None) -> ConflictError:
        """A ConflictError naming who last changed ``subject`` and when (from the audit trail)."""
        what, key = subject or (_("the record"), "")
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
        versions = (_(" (version {expected}, now {current})").format(expected=expected, current=current)
                    if expected is not None and current is not None else "")
        who = (_(" by {user} on {workstation} at {when} UTC").format(user=by, workstation=where,
                                                                     when=f"{at:%Y-%m-%d %H:%M}")
               if by and at else "")
        return ConflictError(
            _("{what} was changed{who} after you opened it{versions}; nothing was saved: reload and try "
              "again").format(what=what, who=who, versions=versions),
            changed_by=by, changed_at=at,
        )

    def check_version(self, tx: Tx, current: int, expected: int | None) -> None:
        if expected is not None and expected != current:
            raise self.conflict(tx.subject, expected, current)


#: How a refused free text is named, by column; any other column: its name in words.
_TEXT_NAMES = {"reason": N_("the reason"), "withdrawal_reason": N_("the withdrawal reason"),
               "not_done_reason": N_("the reason a procedure was not done"), "sample_id": N_("the sample ID"),
               "name": N_("the name"), "number": N_("the site number")}


def _check_free_texts(session: Session, _context: object, _instances: object) -> None:
    """Before every flush of a write: each text column a change sets (new rows: all of them) passes
    :func:`~.inputs.check_free_text`, capped at the column's own length. One check for every
    service, GUI and CLI alike; a refusal raises inside the transaction, so nothing is written.
    Stored protocol files are whole TOML documents, not free text, and are left out.

    Read from the instance's own state (its values, and the committed values of what was set), as
    an attribute's history says it: a value set to what it was is no change. Asking each object
    for ``inspect(obj).attrs`` built an attribute object for every column of every row written (a
    tenth of a millisecond each, on every flush)."""
    for obj in (*session.new, *session.dirty):
        if isinstance(obj, StoredProtocol | AuditRow):
            continue
        state = sa_inspect(obj)
        for key, limit in _text_columns(state.mapper):
            value = state.dict.get(key)
            if not isinstance(value, str):
                continue
            if not state.pending:
                original = state.committed_state.get(key, _UNCHANGED)
                if original is _UNCHANGED or original == value:
                    continue
            named = _TEXT_NAMES.get(key)
            what = _(named) if named else _("the {column}").format(column=key.replace("_", " "))
            check_free_text(value, what, limit)


_UNCHANGED = object()


@functools.cache
def _text_columns(mapper: Mapper[Any]) -> tuple[tuple[str, int], ...]:
    """The text columns of a mapped class (attribute key, the longest text it takes): worked out
    once per class, not at every flush."""
    return tuple((column.key, min(MAX_FREE_TEXT, column.type.length or MAX_FREE_TEXT))
                 for column in mapper.columns
                 if isinstance(column.type, String) and column.key in mapper.attrs)


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
            _("the database is busy (another program holds its lock): {detail}; nothing was saved, try "
              "again").format(detail=text)
        )
    if code == SQLITE_FULL or "disk is full" in text:
        return DatabaseUnavailableError(
            _("the disk that holds the database is full ({detail}); nothing was saved: free some space, then "
              "try again").format(detail=text)
        )
    if code == SQLITE_IOERR or "disk I/O error" in text:
        return DatabaseUnavailableError(
            _("the database file could not be read or written ({detail}); nothing was saved: check the disk "
              "(or the connection to it), then try again").format(detail=text)
        )
    return DatabaseUnavailableError(_("the database cannot be reached: {detail}; nothing was saved").format(
        detail=text))


#: SQLite's primary result codes (an extended code keeps them in its low byte).
SQLITE_READONLY = 8  # "attempt to write a readonly database"
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
        where = (_("the database file {path}").format(path=path) if path is not None
                 else _("the in-memory database"))
        return DatabaseDamagedError(
            _("{where} is damaged and cannot be read (SQLite: {detail}); nothing was written to it. Stop using it "
              "and keep it exactly as it is (do not delete, move or repair it): restore your most recent backup "
              "(a copy made with 'ln-scheduler backup PATH') to a new file and use that copy instead; entries "
              "made after that backup may be salvaged from the damaged file: ask your IT support").format(
                where=where, detail=detail),
            path=path, detail=detail,
        )
    state = getattr(orig, "sqlstate", None) if isinstance(exc, DBAPIError) else None
    if state in _PG_DAMAGE_STATES:
        detail = _first_line(orig)
        return DatabaseDamagedError(
            _("the database ({url}) reports damaged data ({detail}); nothing was saved. Stop using it and ask "
              "your database administrator to check the server and restore the most recent backup").format(
                url=display_url(url), detail=detail),
            detail=detail,
        )
    return None


_UNDECODABLE = re.compile(r"Could not decode to UTF-8 column '([^']+)'")


def damaged_text(exc: OperationalError, url: URL) -> DatabaseDamagedError | None:
    """A SQLite text column holding bytes that are not UTF-8 (written by another tool, or a damaged
    page) is damaged data, not an unreachable database: say which table, row and column, found by
    a read-only scan of the file (only on this rare path), so whoever repairs it knows where."""
    found = _UNDECODABLE.search(str(exc.orig))
    path = sqlite_file(url)
    if found is None or path is None:
        return None
    column = found.group(1)
    where = _undecodable_cell(path, column) or _("column '{column}'").format(column=column)
    return DatabaseDamagedError(
        _("the database file {path} holds damaged data: {where} is not valid text (not UTF-8), so it cannot be "
          "read; nothing was written. Keep the file as it is and restore your most recent backup, or ask your "
          "IT support to repair that value").format(path=path, where=where),
        path=path, detail=_first_line(exc.orig))


def _undecodable_cell(path: Path, column: str) -> str | None:
    """Where ``column`` holds bytes that are not UTF-8 ("table 'x', row N, column 'c'"), found by a
    read-only scan of the file; None when it cannot be found (the message then names the column)."""
    try:
        conn = connect_file(path, read_only=True)
    except sqlite3.Error:
        return None
    conn.text_factory = bytes
    try:
        for (raw_table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
            table = raw_table.decode("utf-8", "replace")
            if column.encode() not in [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]:
                continue
            for rowid, value in conn.execute(f'SELECT rowid, "{column}" FROM "{table}"'):
                if isinstance(value, bytes) and not _is_utf8(value):
                    return _("table '{table}', row {row}, column '{column}'").format(table=table, row=rowid,
                                                                                   column=column)
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return None


def _is_utf8(value: bytes) -> bool:
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _sqlite_code(exc: BaseException | None) -> int | None:
    """SQLite's primary result code of a sqlite3 error (Python 3.11+), or None."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _first_line(exc: BaseException | None) -> str:
    return str(exc).strip().splitlines()[0] if exc is not None and str(exc).strip() else type(exc).__name__


#: PostgreSQL's read_only_sql_transaction (a ?mode=ro connection, default_transaction_read_only).
PG_READ_ONLY_TRANSACTION = "25006"


#: SQLite codes with which a COMMIT leaves the transaction not committed (then rolled back here).
_SQLITE_NOT_COMMITTED = (5, 6, SQLITE_FULL, SQLITE_READONLY)  # BUSY, LOCKED, FULL, READONLY


def _commit_certainly_failed(exc: DBAPIError) -> bool:
    """Whether a failed COMMIT certainly committed nothing: the database said so (a constraint
    checked at commit, a serialization failure, a lock or a full disk). Anything else, a lost
    connection above all, leaves the outcome unknown."""
    if isinstance(exc, IntegrityError) or _is_serialization_failure(exc):
        return True
    if getattr(exc.orig, "sqlstate", None) == PG_READ_ONLY_TRANSACTION:
        return True
    return _sqlite_code(exc.orig) in _SQLITE_NOT_COMMITTED


def _rollback_quietly(session: Session) -> None:
    """Roll back what may be left of a session whose connection failed (that can fail too)."""
    with suppress(DBAPIError):
        session.rollback()


def _is_serialization_failure(exc: DBAPIError) -> bool:
    code = getattr(exc.orig, "sqlstate", None)
    return code in ("40001", "40P01")  # serialization failure, deadlock detected


def workstation_name() -> str:
    return socket.gethostname() or "unknown"
