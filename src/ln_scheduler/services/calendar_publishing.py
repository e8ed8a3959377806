"""Publishing the site's visit calendar to a CalDAV server, kept in step by itself (issue 15).

How it fits together:

- Every unit of work notes the visits it changed and puts their UIDs into the calendar outbox in the
  same transaction (store/calendar_outbox.py, hooked into services/context.py): a save never waits
  for the server, and nothing is lost when the app or the server goes down.
- :func:`sync_once` (the GUI's worker, ``ln-scheduler calendar sync``) leases outbox rows, reads
  those visits as they are *now*, builds each event exactly as ``export ics`` does
  (:func:`ln_scheduler.exports.event_resource`: same UID, SEQUENCE, STATUS, summary with the
  participant ID and visit name only) and uploads it with ETag preconditions. A visit that no longer
  exists, or has no day any more, is turned CANCELLED on the server, never deleted.
- :func:`status` says what the status bar shows: off, up to date, pending N, or failing and why.

The outbox and the target are plumbing, not study data: they are not audited (they say what still
has to be uploaded, not what happened to a participant; the changes that fill them are audited
already) and ``audit verify``'s replay does not look at them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..publishing.caldav_server import CalDavCalendar, CalendarServerError, EventRefusedError, check_url
from ..publishing.passwords import PasswordStoreError, store_password, stored_password
from ..store import calendar_outbox as outbox
from ..store.models import CalendarOutbox, CalendarTarget
from .context import ServiceContext
from .errors import CalendarServerError as SetUpError
from .errors import ServiceError
from .records import SiteInfo, VisitRecord

#: The site calendar's row in ``calendar_targets`` (a calendar per participant would add rows).
SITE_TARGET = 1
#: Outbox rows leased at a time: an event costs at most three requests of at most the HTTP timeout
#: (15 s), so a batch ends well within the lease (10 min) even on a server at the edge of timing out.
BATCH = 10
#: Back-off after failed syncs: 15 s, 30 s, 1 min ... at most 15 min (a server down for a day is
#: asked about 100 times, not 5,000).
FIRST_RETRY = timedelta(seconds=15)
LONGEST_RETRY = timedelta(minutes=15)


class PublishState(StrEnum):
    OFF = "off"
    UP_TO_DATE = "up-to-date"
    PENDING = "pending"
    FAILING = "failing"


@dataclass(frozen=True)
class PublishingStatus:
    """The calendar as the status bar and ``calendar status`` show it."""

    state: PublishState
    url: str | None
    user: str | None
    last_sync: datetime | None
    pending: int
    last_error: str | None
    last_error_at: datetime | None

    def describe(self) -> str:
        if self.state is PublishState.OFF:
            return "Calendar: off"
        if self.state is PublishState.FAILING:
            waiting = f", {self.pending} pending" if self.pending else ""
            return f"Calendar: failing ({self.last_error}){waiting}"
        if self.state is PublishState.PENDING:
            return f"Calendar: {self.pending} pending"
        return "Calendar: up to date"


@dataclass(frozen=True)
class SyncReport:
    """What one :func:`sync_once` did."""

    published: tuple[str, ...] = ()
    cancelled: tuple[str, ...] = ()
    failed: tuple[tuple[str, str], ...] = ()
    pending: int = 0
    error: str | None = None
    retry_after: float | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and not self.failed

    def describe(self) -> str:
        done = f"Published {_plural(len(self.published), 'event')}"
        if self.cancelled:
            done += f", {len(self.cancelled)} cancelled"
        if self.failed:
            done += f", {len(self.failed)} refused by the server ({self.failed[0][1]})"
        done += f"; {self.pending} pending"
        if self.error:
            done += f"; failing: {self.error}"
        return done


Connect = Callable[[str, str | None, str | None], CalDavCalendar]


def _connect(url: str, user: str | None, password: str | None) -> CalDavCalendar:
    return CalDavCalendar(url, user, password)


def _utcnow() -> datetime:
    """Leases and back-off follow the wall clock (shared by every workstation), not the services'
    clock that tests fix: a lease must run out for real."""
    return datetime.now(UTC)


# -- status ---------------------------------------------------------------------------------
def status(ctx: ServiceContext) -> PublishingStatus:
    with ctx.read() as session:
        target = session.execute(select(CalendarTarget.url, CalendarTarget.user_name, CalendarTarget.last_sync_at,
                                        CalendarTarget.last_error, CalendarTarget.last_error_at)
                                 .where(CalendarTarget.id == SITE_TARGET)).first()
        if target is None:
            return PublishingStatus(PublishState.OFF, None, None, None, 0, None, None)
        pending = outbox.pending_count(session)
    if target.last_error is not None:
        state = PublishState.FAILING
    elif pending:
        state = PublishState.PENDING
    else:
        state = PublishState.UP_TO_DATE
    return PublishingStatus(state, target.url, target.user_name, _aware(target.last_sync_at), pending,
                            target.last_error, _aware(target.last_error_at))


# -- set-up ---------------------------------------------------------------------------------
def set_up(ctx: ServiceContext, url: str, user: str | None, password: str | None, *,
           remember_password: bool = True, connect: Connect = _connect) -> PublishingStatus:
    """Check the server, then store where to publish and queue every visit (see the contract)."""
    try:
        url = check_url(url)
    except ValueError as exc:
        raise ServiceError(str(exc)) from None
    user = (user or "").strip() or None
    if password is None:
        password = stored_password(url, user)
    site_name = _site_name(ctx)
    try:
        with connect(url, user, password) as server:
            server.check(create=True, name=site_name)
    except CalendarServerError as exc:
        raise SetUpError(f"{exc}; nothing was saved", exc.kind) from None
    if remember_password and password:
        try:
            store_password(url, user, password)
        except PasswordStoreError as exc:
            raise ServiceError(str(exc)) from None
    with ctx.write() as tx:
        target = tx.session.get(CalendarTarget, SITE_TARGET)
        if target is None:
            target = CalendarTarget(id=SITE_TARGET, pending=0, failures=0)
            tx.session.add(target)
        target.url, target.user_name = url, user
        target.last_error = target.last_error_at = None
        target.failures = 0
        tx.session.flush()
        outbox.enqueue_all_visits(tx.session, tx.now)
    return status(ctx)


def turn_off(ctx: ServiceContext) -> None:
    """Stop publishing: forget the target, empty the outbox. The server's events stay as they are."""
    with ctx.write() as tx:
        tx.session.query(CalendarOutbox).delete()
        tx.session.query(CalendarTarget).delete()


# -- sync -----------------------------------------------------------------------------------
def sync_once(ctx: ServiceContext, *, password: str | None = None, limit: int | None = None,
              connect: Connect = _connect) -> SyncReport:
    """Upload what the outbox holds (at most ``limit`` events). Server failures are in the report."""
    from . import queries
    from .site import get_site

    with ctx.read() as session:
        target = session.execute(select(CalendarTarget.url, CalendarTarget.user_name)
                                 .where(CalendarTarget.id == SITE_TARGET)).first()
    if target is None:
        raise ServiceError("no calendar is set up: set one up first ('ln-scheduler calendar publish URL')")
    url, user = target.url, target.user_name
    if password is None:
        password = stored_password(url, user)
    if user and not password:
        return _failed(ctx, f"no password for {user} at {url} on workstation {ctx.workstation}: set the calendar "
                       "up again there ('ln-scheduler calendar publish URL --user USER') or give --password-stdin")
    worker = f"{ctx.workstation}/{os.getpid()}/{uuid.uuid4().hex[:8]}"
    site = get_site(ctx)
    published: list[str] = []
    cancelled: list[str] = []
    failed: list[tuple[str, str]] = []
    server: CalDavCalendar | None = None
    try:
        while limit is None or len(published) + len(cancelled) + len(failed) < limit:
            size = BATCH if limit is None else min(BATCH, limit - len(published) - len(cancelled) - len(failed))
            claimed = _claim(ctx, worker, size)
            if not claimed:
                break
            if server is None:
                server = connect(url, user, password)
            visits = {v.uid: v for v in queries.load_visits(ctx, None, None, None, ctx.today(),
                                                              uids=[c.uid for c in claimed])}
            done: list[outbox.Claimed] = []
            refused: list[tuple[outbox.Claimed, str]] = []
            try:
                for item in claimed:
                    visit = visits.get(item.uid)
                    body = _event(visit, site, ctx.clock()) if visit is not None else None
                    try:
                        if body is not None:
                            server.put(item.uid, body)
                            published.append(item.uid)
                        else:
                            if server.cancel(item.uid):
                                cancelled.append(item.uid)
                        done.append(item)
                    except EventRefusedError as exc:
                        refused.append((item, str(exc)))
                        failed.append((item.uid, str(exc)))
            finally:
                _settle(ctx, worker, claimed, done, refused)
    except CalendarServerError as exc:
        return _failed(ctx, str(exc), published, cancelled, failed)
    finally:
        if server is not None:
            server.close()
    with Session(ctx.write_engine) as session:
        row = session.get(CalendarTarget, SITE_TARGET)
        pending = outbox.pending_count(session)
        # Events the server refused (now, or earlier and still backing off) keep the calendar
        # "failing (why)": a calendar that takes no event (read-only share, quota) is not "N pending".
        refused = failed[0][1] if failed else outbox.last_event_error(session)
        if row is not None:
            row.last_sync_at = _utcnow()
            error = None if refused is None else (f"the calendar server at {url} answered with an error for "
                                                  f"{_refused_count(session)} ({refused})")[:2000]
            if error != row.last_error:  # the moment it first read so, not of every sync since
                row.last_error, row.last_error_at = error, None if error is None else _utcnow()
            row.failures = 0
            row.pending = pending
        session.commit()
    retry = _retry_delay(1).total_seconds() if failed else None
    return SyncReport(tuple(published), tuple(cancelled), tuple(failed), pending, None, retry)


def _event(visit: VisitRecord, site: SiteInfo, now: datetime) -> bytes | None:
    """The visit's event, exactly as ``export ics`` writes it (None: the visit has no day)."""
    from ..exports import event_resource

    return event_resource(visit, site, now=now if now.tzinfo else now.replace(tzinfo=UTC))


def _claim(ctx: ServiceContext, worker: str, size: int) -> list[outbox.Claimed]:
    """A short transaction of its own (BEGIN IMMEDIATE on SQLite, SKIP LOCKED on PostgreSQL)."""
    with Session(ctx.write_engine) as session:
        claimed = outbox.claim(session, worker, _utcnow(), size)
        session.commit()
    return claimed


def _settle(ctx: ServiceContext, worker: str, claimed: list[outbox.Claimed], done: list[outbox.Claimed],
            refused: list[tuple[outbox.Claimed, str]]) -> None:
    """Delete what reached the server, back off what it refused, give back what was not tried."""
    now = _utcnow()
    finished = {c.uid for c in done} | {c.uid for c, _ in refused}
    with Session(ctx.write_engine) as session:
        for item in done:
            outbox.finish(session, item, worker)
        for item, why in refused:
            outbox.failed(session, item, worker, why, now + _retry_delay(item.attempts + 1))
        for item in claimed:
            if item.uid not in finished:
                outbox.release(session, item, worker)
        session.commit()


def _failed(ctx: ServiceContext, error: str, published: list[str] | None = None,
            cancelled: list[str] | None = None, failed: list[tuple[str, str]] | None = None) -> SyncReport:
    """Record a failure of the server as a whole; the report says when to try again."""
    now = _utcnow()
    with Session(ctx.write_engine) as session:
        row = session.get(CalendarTarget, SITE_TARGET)
        failures = 1
        if row is not None:
            row.failures = failures = (row.failures or 0) + 1
            row.last_error, row.last_error_at = error[:2000], now
            row.pending = outbox.pending_count(session)
        pending = outbox.pending_count(session)
        session.commit()
    return SyncReport(tuple(published or ()), tuple(cancelled or ()), tuple(failed or ()), pending, error,
                      _retry_delay(failures).total_seconds())


def _refused_count(session: Session) -> str:
    return _plural(outbox.refused_count(session), "event")


def _retry_delay(failures: int) -> timedelta:
    return min(LONGEST_RETRY, FIRST_RETRY * (2 ** max(0, min(failures - 1, 10))))


def _site_name(ctx: ServiceContext) -> str:
    from .site import get_site

    return get_site(ctx).name


def _aware(moment: datetime | None) -> datetime | None:
    """SQLite gives back naive datetimes: they were written in UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def pending_uids(ctx: ServiceContext) -> list[str]:
    """The UIDs waiting in the outbox (tests and diagnostics)."""
    with ctx.read() as session:
        return list(session.execute(select(CalendarOutbox.uid).order_by(CalendarOutbox.id)).scalars())
