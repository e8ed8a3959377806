"""What every service shares: the engine, who is working where, the clock, and the unit of work
(one transaction per user action, its audit rows appended in the same transaction)."""

from __future__ import annotations

import getpass
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ..store.audit import AuditWriter, utc_stamp
from ..store.database import WRITE_OPTION
from ..store.models import AuditRow
from .errors import ConflictError, DatabaseUnavailableError, ServiceError
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
        tx = Tx(session, AuditWriter(self.user, self.workstation), now, self.today())
        try:
            yield tx
            session.flush()
            rows = tx.audit.rows(session, utc_stamp(now))
            if rows:
                session.execute(insert(AuditRow.__table__), rows)  # Core executemany: no ORM bookkeeping
            session.commit()
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
    text = _first_line(exc.orig)
    if "locked" in text or "busy" in text:
        return DatabaseUnavailableError(
            f"the database is busy (another program holds its lock): {text}; nothing was saved, try again"
        )
    return DatabaseUnavailableError(f"the database cannot be reached: {text}; nothing was saved")


def _first_line(exc: BaseException | None) -> str:
    return str(exc).strip().splitlines()[0] if exc is not None and str(exc).strip() else type(exc).__name__


def _is_serialization_failure(exc: DBAPIError) -> bool:
    code = getattr(exc.orig, "sqlstate", None)
    return code in ("40001", "40P01")  # serialization failure, deadlock detected


def workstation_name() -> str:
    return socket.gethostname() or "unknown"
