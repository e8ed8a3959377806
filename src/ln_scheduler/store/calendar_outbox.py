"""The calendar outbox: which visits' events still have to reach the CalDAV server.

Why an outbox: a change is saved whether or not the calendar server answers. The visit's UID is
written into ``calendar_outbox`` in the same transaction as the change (see
:func:`enqueue`, called from the unit of work in services/context.py), so a crash, a closed app or
a server that is down loses nothing; a publisher later reads the visit as it is *then* and uploads it.

One row per UID: a second change before the upload raises ``generation`` instead of adding a row
(coalescing: ten moves of one visit are one upload of its latest state).

Several publishers (workstations on one PostgreSQL database, or a GUI worker beside a scheduled
``calendar sync``) share the outbox without publishing a change twice:

- :func:`claim` leases rows: on PostgreSQL ``SELECT ... FOR UPDATE SKIP LOCKED`` picks rows no
  other claimer is looking at, then marks them ``claimed_by``/``claimed_until``; on SQLite the
  claim runs in a ``BEGIN IMMEDIATE`` transaction, which already excludes every other writer. The
  claim's transaction is short: nothing is locked while the HTTP requests run, so a slow or dead
  server never makes a save wait.
- :func:`finish` deletes a row only if its generation is still the one claimed; a change saved
  while the upload ran leaves the row (and its lease is dropped), so the newer state is uploaded next.
- A lease that runs out (a publisher killed mid-way) makes its rows claimable again.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, or_, select, tuple_, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import ORMExecuteState, Session

from .models import CalendarOutbox, CalendarTarget, Participant, SiteSettings, Visit

if TYPE_CHECKING:
    from sqlalchemy.dialects.postgresql import Insert as PostgresqlInsert
    from sqlalchemy.dialects.sqlite import Insert as SqliteInsert

#: Rows per INSERT (4 parameters each: far below SQLite's limit of bound parameters).
_CHUNK = 200
#: How long a claim is held before another publisher may take the rows over.
LEASE = timedelta(minutes=10)


@dataclass(frozen=True)
class Claimed:
    """One outbox row a publisher holds: the visit's UID and the generation it will publish."""

    uid: str
    generation: int
    attempts: int


#: Noted instead of UIDs when a change touches every event (the site's time zone).
EVERY_VISIT = "*every visit*"
#: Where a unit of work collects the UIDs of the visits it changed (``Session.info``).
CHANGED_UIDS = "ln_calendar_changed_uids"


def collect_changed_visits(session: Session, _context: object, _instances: object) -> None:
    """``before_flush`` hook: note the UID of every visit this flush inserts, changes or deletes,
    and of every visit of a participant whose study ID changes (it is in every event's title).

    Generic on purpose: any service that changes a visit row (a booking, an outcome, a correction, a
    protocol change, a withdrawal, a dose that moves the calendar...) is covered without knowing of
    the calendar. A deleted visit is published as cancelled, never deleted from the server."""
    changed: set[str] = session.info.setdefault(CHANGED_UIDS, set())
    for obj in (*session.new, *session.deleted):
        if isinstance(obj, Visit) and obj.uid:
            changed.add(obj.uid)
    for obj in session.dirty:
        if isinstance(obj, Visit) and obj.uid and session.is_modified(obj):
            changed.add(obj.uid)
        elif isinstance(obj, Participant) and session.is_modified(obj):
            if sa_inspect(obj).attrs.study_id.history.has_changes():
                changed.update(v.uid for v in obj.visits if v.uid)
        elif isinstance(obj, SiteSettings) and sa_inspect(obj).attrs.timezone.history.has_changes():
            changed.add(EVERY_VISIT)  # a booked time is a moment in the site's zone: every timed event moves


def collect_core_visit_writes(state: ORMExecuteState) -> None:
    """``do_orm_execute`` hook: the same for a Core statement run through the session (a bulk
    enrolment inserts thousands of visit rows at once, bypassing the flush). An INSERT names its
    UIDs; an UPDATE or DELETE of visits by statement (no service does one today) queues every visit,
    which is always safe."""
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    if getattr(table, "name", None) != Visit.__tablename__:
        return
    changed: set[str] = state.session.info.setdefault(CHANGED_UIDS, set())
    params = state.parameters
    rows = [params] if isinstance(params, Mapping) else list(params or [])
    uids = [uid for row in rows if isinstance(uid := row.get("uid"), str) and uid]
    if state.is_insert and rows and len(uids) == len(rows):
        changed.update(uids)
    else:
        changed.add(EVERY_VISIT)


def enqueue_collected(session: Session, now: datetime) -> None:
    """At the end of a unit of work: the collected UIDs into the outbox (same transaction), if a
    calendar is published at all."""
    uids = session.info.pop(CHANGED_UIDS, None)
    if not uids or not publishing_configured(session):
        return
    if EVERY_VISIT in uids:
        enqueue_all_visits(session, now)
    else:
        enqueue(session, uids, now)


def publishing_configured(session: Session) -> bool:
    """Whether any calendar target is set up (without one, nothing is enqueued)."""
    return session.execute(select(CalendarTarget.id).limit(1)).first() is not None


def enqueue(session: Session, uids: Collection[str], now: datetime) -> None:
    """Put these UIDs into the outbox (or raise their generation), in the caller's transaction.

    A new change makes the row due at once: a back-off left from an earlier failure is for the old
    state, and the user expects the new one to go out."""
    if not uids:
        return
    ordered = sorted(set(uids))  # one lock order for every writer (no deadlock between two saves)
    insert: Callable[[type[CalendarOutbox]], PostgresqlInsert | SqliteInsert]
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert
        insert = postgresql_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert
        insert = sqlite_insert
    for start in range(0, len(ordered), _CHUNK):  # within SQLite's limit of bound parameters
        values = [{"uid": uid, "generation": 1, "enqueued_at": now, "attempts": 0}
                  for uid in ordered[start:start + _CHUNK]]
        stmt = insert(CalendarOutbox).values(values).on_conflict_do_update(
            index_elements=[CalendarOutbox.uid],
            set_={"generation": CalendarOutbox.generation + 1, "next_attempt_at": None, "enqueued_at": now},
        )
        session.execute(stmt)


def claim(session: Session, worker: str, now: datetime, limit: int) -> list[Claimed]:
    """Lease up to ``limit`` due rows for ``worker``; the caller commits at once."""
    free = or_(CalendarOutbox.claimed_until.is_(None), CalendarOutbox.claimed_until < now)
    due = or_(CalendarOutbox.next_attempt_at.is_(None), CalendarOutbox.next_attempt_at <= now)
    query = (select(CalendarOutbox.id, CalendarOutbox.uid, CalendarOutbox.generation, CalendarOutbox.attempts)
             .where(free, due).order_by(CalendarOutbox.id).limit(limit))
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    rows = session.execute(query).all()
    if rows:
        session.execute(update(CalendarOutbox).where(CalendarOutbox.id.in_([r.id for r in rows]))
                        .values(claimed_by=worker, claimed_until=now + LEASE))
    return [Claimed(r.uid, r.generation, r.attempts) for r in rows]


def finish_all(session: Session, items: Collection[Claimed], worker: str) -> None:
    """The claimed states are on the server: delete their rows, except those a newer change reached
    meanwhile (a higher generation), whose lease is only dropped. Two statements per
    :data:`_CHUNK` items, not one or two per item: a first publish settles 23,000 of them."""
    items = list(items)
    for start in range(0, len(items), _CHUNK):
        chunk = items[start:start + _CHUNK]
        session.execute(delete(CalendarOutbox).where(
            tuple_(CalendarOutbox.uid, CalendarOutbox.generation).in_([(i.uid, i.generation) for i in chunk])))
        session.execute(update(CalendarOutbox)  # what is left of them changed again: queued, not ours
                        .where(CalendarOutbox.uid.in_([i.uid for i in chunk]), CalendarOutbox.claimed_by == worker)
                        .values(claimed_by=None, claimed_until=None))


def release(session: Session, item: Claimed, worker: str) -> None:
    """Give the row back untouched (not attempted)."""
    session.execute(update(CalendarOutbox)
                    .where(CalendarOutbox.uid == item.uid, CalendarOutbox.claimed_by == worker)
                    .values(claimed_by=None, claimed_until=None))


def failed(session: Session, item: Claimed, worker: str, error: str, retry_at: datetime) -> None:
    """The upload failed: count the attempt, keep the error, and retry not before ``retry_at``
    (unless a newer change makes the row due again, see :func:`enqueue`)."""
    mine = (CalendarOutbox.uid == item.uid, CalendarOutbox.claimed_by == worker)
    session.execute(update(CalendarOutbox).where(*mine, CalendarOutbox.generation == item.generation)
                    .values(next_attempt_at=retry_at))  # a newer change stays due at once
    session.execute(update(CalendarOutbox).where(*mine)
                    .values(claimed_by=None, claimed_until=None, attempts=CalendarOutbox.attempts + 1,
                            last_error=error[:2000]))


def make_all_due(session: Session) -> None:
    """Forget every row's back-off (the user asked to publish now, after fixing the server); leases
    stay: a row another publisher is sending is still its own."""
    session.execute(update(CalendarOutbox).where(CalendarOutbox.next_attempt_at.is_not(None))
                    .values(next_attempt_at=None))


def pending_count(session: Session) -> int:
    return int(session.execute(select(func.count()).select_from(CalendarOutbox)).scalar_one())


def refused_count(session: Session) -> int:
    """Rows whose last upload the server refused (they wait for their back-off or a newer change)."""
    return int(session.execute(select(func.count()).select_from(CalendarOutbox)
                               .where(CalendarOutbox.last_error.is_not(None))).scalar_one())


def last_event_error(session: Session) -> str | None:
    """Why the server refused an event still queued (the latest attempt), or None."""
    return session.execute(select(CalendarOutbox.last_error).where(CalendarOutbox.last_error.is_not(None))
                           .order_by(CalendarOutbox.attempts.desc(), CalendarOutbox.id).limit(1)).scalar()


def enqueue_all_visits(session: Session, now: datetime) -> int:
    """Every visit of the site into the outbox (the first publish, or a re-publish)."""
    uids = [uid for (uid,) in session.execute(select(Visit.uid)) if uid]
    enqueue(session, uids, now)
    return len(uids)
