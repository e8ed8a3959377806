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

The outbox is plumbing, not study data: it is not audited (it says what still has to be uploaded,
not what happened to a participant; the changes that fill it are audited already). Where the
calendar is published is audited (entity ``calendar``: url and user_name, set up, changed, turned
off) and compared by ``audit verify``'s replay: it decides which server receives participant IDs
and visit dates, and a row written behind the application's back redirected them unseen.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..i18n import _, ngettext
from ..publishing.caldav_server import CalDavCalendar, CalendarServerError, EventRefusedError, check_url
from ..publishing.passwords import PasswordStoreError, store_password, stored_password
from ..store import calendar_outbox as outbox
from ..store.audit_replay import CALENDAR, CALENDAR_KEY, SITE_CALENDAR_ID
from ..store.models import CalendarOutbox, CalendarTarget
from .context import ServiceContext, Tx
from .errors import CalendarServerError as SetUpError
from .errors import ServiceError
from .records import SiteInfo, VisitRecord

#: The site calendar's row in ``calendar_targets`` (a calendar per participant would add rows).
SITE_TARGET = SITE_CALENDAR_ID
#: Outbox rows leased at a time. Each batch costs two short transactions and one read of its visits,
#: whatever its size: at 10 these were a third of a first publish's client time (bench_caldav.py).
BATCH = 50
#: A batch stops trying its events after this long and gives the rest back untried: an event costs
#: at most three requests of at most the HTTP timeout (15 s), so even on a server at the edge of
#: timing out a batch ends well within its lease (``calendar_outbox.LEASE``, 10 min).
BATCH_TIME = outbox.LEASE / 2
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
    #: Whether this computer's keyring holds the password (None: not asked, or nothing published):
    #: :func:`status` opens the keyring only when asked, since a keyring may take a moment to unlock.
    has_password: bool | None = None
    #: What failed, for a few words in the status bar (``CalendarServerError.kind``, or
    #: "no-password"): set from this workstation's own sync; None for the stored (English) error.
    error_kind: str | None = None

    def describe(self) -> str:
        """The state in the interface language (``last_error`` as stored: English, shared)."""
        if self.state is PublishState.OFF:
            return _("Calendar: off")
        if self.state is PublishState.FAILING:
            waiting = _(", {count} pending").format(count=self.pending) if self.pending else ""
            return _("Calendar: failing ({error}){waiting}").format(error=self.last_error, waiting=waiting)
        if self.state is PublishState.PENDING:
            return _("Calendar: {count} pending").format(count=self.pending)
        return _("Calendar: up to date")

    def as_seen_after(self, report: SyncReport | None) -> PublishingStatus:
        """The status as this workstation shows it after its own sync: a failure only it had (no
        password in its keyring) is not stored on the shared target, so it is added here."""
        if report is None or report.error is None or self.state in (PublishState.OFF, PublishState.FAILING):
            return self
        return replace(self, state=PublishState.FAILING, last_error=report.error, last_error_at=None,
                       error_kind=report.error_kind)


@dataclass(frozen=True)
class SyncReport:
    """What one :func:`sync_once` did."""

    published: tuple[str, ...] = ()
    cancelled: tuple[str, ...] = ()
    failed: tuple[tuple[str, str], ...] = ()
    pending: int = 0
    error: str | None = None
    retry_after: float | None = None
    #: What failed (``CalendarServerError.kind``, or "no-password"), for the status bar's few words.
    error_kind: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and not self.failed

    def describe(self) -> str:
        done = ngettext("Published {count} event", "Published {count} events", len(self.published)).format(
            count=len(self.published))
        if self.cancelled:
            done += _(", {count} cancelled").format(count=len(self.cancelled))
        if self.failed:
            done += _(", {count} refused by the server ({error})").format(count=len(self.failed),
                                                                          error=self.failed[0][1])
        done += _("; {count} pending").format(count=self.pending)
        if self.error:
            done += _("; failing: {error}").format(error=self.error)
        return done


Connect = Callable[[str, str | None, str | None], CalDavCalendar]


def _connect(url: str, user: str | None, password: str | None) -> CalDavCalendar:
    return CalDavCalendar(url, user, password)


def _utcnow() -> datetime:
    """Leases and back-off follow the wall clock (shared by every workstation), not the services'
    clock that tests fix: a lease must run out for real."""
    return datetime.now(UTC)


# -- status ---------------------------------------------------------------------------------
def status(ctx: ServiceContext, *, with_password: bool = False) -> PublishingStatus:
    """What the status bar shows; ``with_password``: also whether this computer has the password."""
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
    has_password = stored_password(target.url, target.user_name) is not None if with_password else None
    return PublishingStatus(state, target.url, target.user_name, _aware(target.last_sync_at), pending,
                            target.last_error, _aware(target.last_error_at), has_password)


def _account(url: str, user: str | None, password: str | None) -> tuple[str, str | None, str | None]:
    """The address normalised (ServiceError when it is no calendar address), the user without blanks,
    and the password typed, else this computer's keyring's."""
    try:
        url = check_url(url)
    except ValueError as exc:
        raise ServiceError(str(exc)) from None
    user = (user or "").strip() or None
    if password is None:
        password = stored_password(url, user)
    return url, user, password


def url_problem(url: str) -> str | None:
    """What is wrong with a calendar address (None: nothing), said before anything is tried: the
    same rule the set-up applies (http(s) only, https to another machine, no account in the URL)."""
    try:
        check_url(url)
    except ValueError as exc:
        return str(exc)
    return None


def check(url: str, user: str | None, password: str | None, *, connect: Connect = _connect) -> str:
    """Log in and find the calendar, storing nothing (``password`` None: the keyring's for (url, user));
    one sentence for a person. A missing calendar is no failure: the set-up creates it."""
    url, user, password = _account(url, user, password)
    try:
        with connect(url, user, password) as server:
            server.check(create=False, name="")
    except CalendarServerError as exc:
        if exc.kind == "not-a-calendar":
            return _("Connected. There is no calendar at this address yet: setting it up creates it.")
        raise SetUpError(str(exc), exc.kind) from None
    return _("Connected: the calendar is there and this account can use it.")


# -- set-up ---------------------------------------------------------------------------------
def set_up(ctx: ServiceContext, url: str, user: str | None, password: str | None, *,
           remember_password: bool = True, connect: Connect = _connect) -> PublishingStatus:
    """Check the server, then store where to publish and queue every visit (see the contract): every
    visit only for a new address or account, or a calendar the check had to create again; the same
    calendar set up again (a second workstation's password) keeps the outbox as it is."""
    url, user, password = _account(url, user, password)
    site_name = _site_name(ctx)
    try:
        with connect(url, user, password) as server:
            created = server.check(create=True, name=site_name)
    except CalendarServerError as exc:
        raise SetUpError(_("{error}; nothing was saved").format(error=exc), exc.kind) from None
    if remember_password and password:
        try:
            store_password(url, user, password)
        except PasswordStoreError as exc:
            raise ServiceError(str(exc)) from None
    with ctx.write() as tx:
        target = tx.session.get(CalendarTarget, SITE_TARGET)
        same_calendar = target is not None and (target.url, target.user_name) == (url, user) and not created
        _audit_target(tx, target, url, user, always=True)
        if target is None:
            target = CalendarTarget(id=SITE_TARGET, pending=0, failures=0)
            tx.session.add(target)
        target.url, target.user_name = url, user
        target.last_error = target.last_error_at = None
        target.failures = 0
        tx.session.flush()
        if not same_calendar:  # the same one (a password entered, Save again): what it lacks is queued already
            outbox.enqueue_all_visits(tx.session, tx.now)
    return status(ctx)


def turn_off(ctx: ServiceContext) -> None:
    """Stop publishing: forget the target, empty the outbox. The server's events stay as they are."""
    with ctx.write() as tx:
        _audit_target(tx, tx.session.get(CalendarTarget, SITE_TARGET), None, None)
        tx.session.query(CalendarOutbox).delete()
        tx.session.query(CalendarTarget).delete()


def _audit_target(tx: Tx, target: CalendarTarget | None, url: str | None, user: str | None, *,
                  always: bool = False) -> None:
    """Where the site calendar goes, in the audit trail: who set it up, changed or turned it off.
    ``always``: a set-up is recorded even when nothing changed (who confirmed it, and the way a site
    publishing since before the address was audited puts it in the trail)."""
    for field, old, new in (("url", target.url if target else None, url),
                            ("user_name", target.user_name if target else None, user)):
        if always and old == new:
            tx.audit.add(action="update", entity=CALENDAR, key=CALENDAR_KEY, participant_id=None, field=field,
                         old=old, new=new, reason=None)
        else:
            tx.audit.change(entity=CALENDAR, key=CALENDAR_KEY, participant_id=None, field=field, old=old, new=new)


# -- sync -----------------------------------------------------------------------------------
def sync_once(ctx: ServiceContext, *, password: str | None = None, limit: int | None = None,
              force: bool = False, connect: Connect = _connect) -> SyncReport:
    """Upload what the outbox holds (at most ``limit`` events). Server failures are in the report.
    ``force``: a person asked to publish now (after fixing the server): events waiting for their
    back-off go too."""
    from . import queries
    from .site import get_site

    with ctx.read() as session:
        target = session.execute(select(CalendarTarget.url, CalendarTarget.user_name)
                                 .where(CalendarTarget.id == SITE_TARGET)).first()
    if target is None:
        raise ServiceError(_("no calendar is set up: set one up first ('ln-scheduler calendar publish URL')"))
    url, user = target.url, target.user_name
    if password is None:
        password = stored_password(url, user)
    if user and not password:
        return _no_password_here(ctx, _("no password for {user} at {url} on workstation {workstation}: set the "
                                        "calendar up again there ('ln-scheduler calendar publish URL --user "
                                        "USER') or give --password-stdin").format(
            user=user, url=url, workstation=ctx.workstation))
    if force:
        with Session(ctx.write_engine) as session:
            outbox.make_all_due(session)
            session.commit()
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
            began = time.monotonic()
            try:
                bodies = _events([visits.get(c.uid) for c in claimed], site, ctx.clock())
                for tried, (item, body) in enumerate(zip(claimed, bodies, strict=True)):
                    if tried and time.monotonic() - began > BATCH_TIME.total_seconds():
                        break  # the rest is given back untried (_settle), within the lease; one always goes
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
        return replace(_failed(ctx, str(exc), published, cancelled, failed), error_kind=exc.kind)
    finally:
        if server is not None:
            server.close()
    if server is None:  # nothing claimed (leased elsewhere, backed off, or none): the server was not asked
        with ctx.read() as session:
            return SyncReport(pending=outbox.pending_count(session))
    with Session(ctx.write_engine) as session:
        row = session.get(CalendarTarget, SITE_TARGET)
        pending = outbox.pending_count(session)
        # Events the server refused (now, or earlier and still backing off) keep the calendar
        # "failing (why)": a calendar that takes no event (read-only share, quota) is not "N pending".
        refusal = failed[0][1] if failed else outbox.last_event_error(session)
        if row is not None:
            row.last_sync_at = _utcnow()
            # stored on the shared target, read by every workstation: English, never translated
            error = None if refusal is None else (f"the calendar server at {url} answered with an error for "
                                                  f"{_refused_count(session)} ({refusal})")[:2000]
            if error != row.last_error:  # the moment it first read so, not of every sync since
                row.last_error, row.last_error_at = error, None if error is None else _utcnow()
            row.failures = 0
            row.pending = pending
        session.commit()
    retry = _retry_delay(1).total_seconds() if failed else None
    return SyncReport(tuple(published), tuple(cancelled), tuple(failed), pending, None, retry)


def _events(visits: list[VisitRecord | None], site: SiteInfo, now: datetime) -> list[bytes | None]:
    """Each visit's event, exactly as ``export ics`` writes it (None: no such visit any more, or no
    day to show: the server's copy is then cancelled)."""
    from ..exports import event_resources

    found = [v for v in visits if v is not None]
    bodies = iter(event_resources(found, site, now=now if now.tzinfo else now.replace(tzinfo=UTC)))
    return [next(bodies) if v is not None else None for v in visits]


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
    finished = {c.uid for c in done} | {c.uid for c, _why in refused}
    with Session(ctx.write_engine) as session:
        outbox.finish_all(session, done, worker)
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


def _no_password_here(ctx: ServiceContext, error: str) -> SyncReport:
    """This workstation cannot log in, the server may well be fine: said in the report only, never on
    the shared target (on PostgreSQL every workstation's status bar would say failing). Asked again
    after the longest back-off: a password does not appear by itself (setting it up syncs at once)."""
    with ctx.read() as session:
        pending = outbox.pending_count(session)
    return SyncReport(pending=pending, error=error, retry_after=LONGEST_RETRY.total_seconds(),
                      error_kind="no-password")


def _retry_delay(failures: int) -> timedelta:
    doubling: int = 2 ** max(0, min(failures - 1, 10))  # typeshed: int ** int may be a float (a negative power)
    return min(LONGEST_RETRY, FIRST_RETRY * doubling)


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
