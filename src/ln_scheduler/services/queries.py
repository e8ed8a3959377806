"""The read side: participant list, one participant's calendar, worklists, the audit trail.

These run on the GUI's thread, so each is a handful of indexed queries: the worklist is a range
scan on (state, scheduled) joined to participants, never a walk over every calendar.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Connection, Result, and_, func, or_, select, true
from sqlalchemy.orm import Session

from ..domain.participant_status import ParticipantStatus
from ..i18n import _
from ..store.models import STATE_OPEN, AuditRow, Dose, Participant, ProcedureResult, Visit
from .collector import collector_paused
from .context import ServiceContext
from .errors import ServiceError
from .mapping import ProcedureRow, VisitMapper, audit_entry, participant_record, protocol_order
from .records import (
    AuditEntry,
    ParticipantRecord,
    ParticipantSummary,
    VisitRecord,
    WorklistItem,
)
from .worklist_rows import (
    IN_CHUNK,
    OWNER_COLUMNS,
    ProtocolKey,
    chunks,
    last_dose_owners,
    mappers_of,
    owner_key,
    row_class,
    worklist_items,
)


def find_participant(session: Session, pid: str, *, for_update: bool = False) -> Participant:
    key = pid.strip()
    stmt = select(Participant).where(Participant.study_id == key)
    if for_update:
        stmt = stmt.with_for_update()
    p = session.execute(stmt).scalar_one_or_none()
    if p is None:
        raise ServiceError(_("no participant '{id}' in this database").format(id=key))
    return p


#: Tables and their columns, not the ORM classes: a statement naming ORM attributes is compiled by
#: the ORM (the first one of a process costs ~5 ms more), and these reads want plain rows anyway.
_PARTICIPANTS, _VISITS, _PROCEDURES, _DOSES = (Participant.__table__, Visit.__table__, ProcedureResult.__table__,
                                               Dose.__table__)
_P, _V, _R, _D = _PARTICIPANTS.c, _VISITS.c, _PROCEDURES.c, _DOSES.c

#: A visit with the few participant columns its record needs (worklist, exports).
_VISIT_AND_OWNER = (*_V, *(_P[column].label(f"p_{column}") for column in OWNER_COLUMNS))
_VISITS_WITH_OWNER = _VISITS.join(_PARTICIPANTS, _P.id == _V.participant_pk)


def named_rows(result: Result[Any]) -> list[Any]:
    """The rows as named tuples. A SQLAlchemy ``Row`` resolves ``row.name`` through ``__getattr__``
    (about 1 µs, ten times a tuple's field), and the mapping reads some 25 fields of every visit:
    for a whole site's 20,000 visits that alone was half a second."""
    return list(map(row_class(tuple(result.keys()))._make, result.all()))


def load_participant(ctx: ServiceContext, pid: str, today: date | None = None) -> ParticipantRecord:
    """Three indexed Core queries (participant, visits, procedure records): about ten times faster
    than loading ORM objects, which matters because the GUI calls this on its own thread."""
    return load_participants(ctx, [pid], today)[0]


def load_participants(ctx: ServiceContext, pids: Sequence[str], today: date | None = None) -> list[ParticipantRecord]:
    """Whole calendars of several participants, in the order asked, in three queries per
    :data:`IN_CHUNK` participants (a batch of worksheets must not cost three round trips each)."""
    keys = _unique_keys(pids)
    people: dict[str, Any] = {}
    visits: dict[int, list[Any]] = {}
    procedures: dict[int, list[ProcedureRow]] = {}
    doses: dict[int, list[Any]] = {}
    with ctx.read() as session:
        conn = session.connection()
        for chunk in chunks(keys):
            rows = named_rows(conn.execute(select(_PARTICIPANTS).where(_P.study_id.in_(chunk))))
            _refuse_unknown(chunk, {r.study_id for r in rows})
            people.update((r.study_id, r) for r in rows)
            mine = _V.participant_pk.in_([r.id for r in rows])
            for v in named_rows(conn.execute(select(_VISITS).where(mine))):
                visits.setdefault(v.participant_pk, []).append(v)
            _add_procedure_rows(conn, procedures, mine)
            for d in conn.execute(select(_D.participant_pk, _D.number, _D.given_on, _D.not_given_reason)
                                  .where(_D.participant_pk.in_([r.id for r in rows]))).all():
                doses.setdefault(d.participant_pk, []).append(d)
    day = today or ctx.today()
    records = []
    for key in keys:
        p = people[key]
        protocol = ctx.protocols.get(p.protocol_id, p.protocol_version, p.cohort)
        records.append(participant_record(p, visits.get(p.id, []), protocol, day, procedures, doses.get(p.id, ())))
    return records


def load_visits(ctx: ServiceContext, start: date | None, end: date | None, participant_ids: Sequence[str] | None,
                today: date, *, uids: Sequence[str] | None = None) -> list[VisitRecord]:
    """Visits of the whole site (or of ``participant_ids``) whose calendar day (the actual date once
    done, else the scheduled date) is in ``start..end``; either bound may be open, and with neither,
    undated visits are included too. Whatever their status. Two queries per :data:`IN_CHUNK`
    participants named, two in all otherwise: an export of 1,000 calendars is one read, not 3,000.

    Ordered by calendar day (undated last), participant ID, protocol order, occurrence. ``uids``:
    only the visits with these calendar UIDs (the calendar publisher; an unknown UID is left out).
    """
    if start is not None and end is not None and end < start:
        raise ServiceError(_("the range ends ({end}) before it starts ({start})").format(end=end.isoformat(),
                                                                                     start=start.isoformat()))
    with collector_paused():  # a whole site is some 200,000 rows and records, none in a cycle
        rows, procedures, mappers, stopped = _visit_rows(ctx, start, end, participant_ids, uids)
        orders = {key: protocol_order(mapper.protocol) for key, mapper in mappers.items()}
        keyed = []
        for r in rows:
            mapper, order = mappers[owner_key(r)], orders[owner_key(r)]
            record = mapper.record(r, r.p_study_id, today, procedures.get(r.id, []),
                                   not_given_from=stopped.get(r.participant_pk))
            keyed.append(((r.actual or r.scheduled or date.max, r.p_study_id, order.get(r.code, len(order)),
                           r.occurrence), record))
    keyed.sort(key=lambda pair: pair[0])
    return [record for _key, record in keyed]


def _visit_rows(ctx: ServiceContext, start: date | None, end: date | None, participant_ids: Sequence[str] | None,
                uids: Sequence[str] | None = None
                ) -> tuple[list[Any], dict[int, list[ProcedureRow]], dict[ProtocolKey, VisitMapper], dict[int, int]]:
    """The visit rows (with their owner's columns), procedure rows, mappers and first doses not
    given that :func:`load_visits` maps, in one transaction: a dose recorded not given between two
    reads would have named a last-dose visit from the dose before."""
    day = func.coalesce(_V.actual, _V.scheduled)
    in_range = [*([day >= start] if start is not None else []), *([day <= end] if end is not None else [])]
    rows: list[Any] = []
    procedures: dict[int, list[ProcedureRow]] = {}
    with ctx.read() as session:
        conn = session.connection()  # Core rows: the ORM's row processing is a third of the read
        if uids is not None:
            batches = [[*in_range, _V.uid.in_(chunk)] for chunk in chunks(list(dict.fromkeys(uids)))]
        elif participant_ids is None:
            batches = [in_range]
        else:
            batches = []
            for chunk in chunks(_unique_keys(participant_ids)):
                owners = conn.execute(select(_P.id, _P.study_id).where(_P.study_id.in_(chunk))).all()
                _refuse_unknown(chunk, {o.study_id for o in owners})
                batches.append([*in_range, _V.participant_pk.in_([o.id for o in owners])])
        for where in batches:
            stmt = select(*_VISIT_AND_OWNER).select_from(_VISITS_WITH_OWNER)
            rows.extend(named_rows(conn.execute(stmt.where(*where))))
            _add_procedure_rows(conn, procedures, *where)
        mappers = mappers_of(rows, ctx.protocols.get)
        stopped = _doses_stopped(conn, last_dose_owners(rows, mappers))
    return rows, procedures, mappers, stopped


def _doses_stopped(conn: Connection, owners: list[int]) -> dict[int, int]:
    """Participant key -> the first dose recorded not given, for ``owners`` (their last-dose visit's
    name names the dose it counts from): one small read, none for no owner (one-dose cohorts)."""
    stopped: dict[int, int] = {}
    for chunk in chunks(owners):
        stopped.update(conn.execute(select(_D.participant_pk, func.min(_D.number))
                                    .where(_D.participant_pk.in_(chunk), _D.not_given_reason.is_not(None))
                                    .group_by(_D.participant_pk)).tuples().all())
    return stopped


def _add_procedure_rows(conn: Connection, into: dict[int, list[ProcedureRow]], *where: Any) -> None:
    """Procedure records of the visits matching ``where``, grouped by visit, in recording order."""
    rows = conn.execute(
        select(_R.visit_id, _R.code, _R.done, _R.not_done_reason, _R.time, _R.sample_id)
        .select_from(_PROCEDURES.join(_VISITS, _V.id == _R.visit_id))
        .where(*where)
        .order_by(_R.id)
    )
    for visit_id, *recorded in rows.all():
        into.setdefault(visit_id, []).append(tuple(recorded))


def _unique_keys(pids: Sequence[str]) -> list[str]:
    if isinstance(pids, str):
        raise TypeError("participant IDs must be a sequence of IDs, not one string")
    return list(dict.fromkeys(p.strip() for p in pids))


def _refuse_unknown(asked: list[str], found: set[str]) -> None:
    for key in asked:
        if key not in found:
            raise ServiceError(_("no participant '{id}' in this database").format(id=key))


def list_participants(ctx: ServiceContext, status: ParticipantStatus | None = None,
                      search: str = "", cohort: str | None = None) -> list[ParticipantSummary]:
    # one index seek per participant on (participant_pk, state, scheduled): ~3 ms for 1,000
    next_id = (
        select(_V.id)
        .where(_V.participant_pk == _P.id, _V.state == STATE_OPEN, _V.scheduled.is_not(None))
        .order_by(_V.scheduled, _V.id)
        .limit(1)
        .correlate(_PARTICIPANTS)
        .scalar_subquery()
    )
    nxt = _VISITS.alias("next_visit")
    stmt = (
        select(_PARTICIPANTS, nxt.c.code.label("next_code"), nxt.c.scheduled.label("next_scheduled"),
               nxt.c.latest.label("next_latest"))
        .select_from(_PARTICIPANTS.outerjoin(nxt, nxt.c.id == next_id))
        .order_by(_P.study_id)
    )
    if status is not None:
        stmt = stmt.where(_P.status == status.value)
    if cohort is not None:
        stmt = stmt.where(_P.cohort == cohort.strip().upper())
    text = search.strip()
    if text:
        like = f"%{text.lower()}%"
        stmt = stmt.where(or_(func.lower(_P.study_id).like(like), func.lower(_P.initials).like(like)))
    with ctx.read() as session:
        rows = named_rows(session.connection().execute(stmt))
    return [
        ParticipantSummary(
            id=p.study_id,
            initials=p.initials,
            status=ParticipantStatus(p.status),
            protocol_id=p.protocol_id,
            protocol_version=p.protocol_version,
            conditioning_start=p.conditioning_start_actual or p.conditioning_start_planned,
            infusion=p.infusion_actual or p.infusion_planned,
            next_visit=p.next_code,
            next_visit_date=p.next_scheduled,
            next_visit_latest=p.next_latest,
            cohort=p.cohort,
            language=p.language,
        )
        for p in rows
    ]


def worklist(ctx: ServiceContext, start: date, end: date, *, today: date, include_overdue: bool = True,
             participant_ids: Collection[str] | None = None) -> list[WorklistItem]:
    """Open visits scheduled from ``start`` to ``end`` (inclusive), plus, with
    ``include_overdue``, every open visit whose scheduled date has passed (late: still in its window,
    or overdue: window closed) so that nothing left undone drops off the list. ``participant_ids``
    (at most :data:`IN_CHUNK`): only theirs, for a refresh that re-reads only what changed."""
    if end < start:
        raise ServiceError(_("the worklist range ends ({end}) before it starts ({start})").format(
            end=end.isoformat(), start=start.isoformat()))
    in_range = and_(_V.state == STATE_OPEN, _V.scheduled >= start, _V.scheduled <= end)
    where = in_range
    if include_overdue:
        passed = and_(_V.state == STATE_OPEN, _V.scheduled < min(start, today))
        where = or_(in_range, passed, and_(_V.state == STATE_OPEN, _V.latest < today))
    if participant_ids is not None:
        keys = sorted({k.strip() for k in participant_ids})
        if len(keys) > IN_CHUNK:
            raise ServiceError(_("at most {most} participants per worklist read, not {count}").format(
                most=IN_CHUNK, count=len(keys)))
        if not keys:
            return []
        where = and_(where, _P.study_id.in_(keys))
    return _worklist_items(ctx, where, today)


def open_windows(ctx: ServiceContext, today: date, opening_by: date) -> list[WorklistItem]:
    """Open visits whose window is open today or opens by ``opening_by``: the day view's "to
    book" and "closing soon" lists are cut from these (by window, not by scheduled date)."""
    where = and_(_V.state == STATE_OPEN, _V.earliest <= opening_by, _V.latest >= today)
    return _worklist_items(ctx, where, today)


def participants_changed(ctx: ServiceContext, after_seq: int, up_to_seq: int) -> frozenset[str] | None:
    """The participants whose records changed between two audit positions (``after_seq`` <
    seq <= ``up_to_seq``): every write leaves audit rows naming its participant, in the same
    transaction. None when a change concerns the whole site (site settings, closures: no
    participant) or more than :data:`IN_CHUNK` participants: then everything must be re-read."""
    stmt = (select(AuditRow.participant_id).where(AuditRow.seq > after_seq, AuditRow.seq <= up_to_seq)
            .distinct().limit(IN_CHUNK + 1))
    with ctx.read() as session:
        named = [row[0] for row in session.execute(stmt)]
    if len(named) > IN_CHUNK or any(pid is None for pid in named):
        return None
    return frozenset(named)


def overdue(ctx: ServiceContext, today: date) -> list[WorklistItem]:
    return _worklist_items(ctx, and_(_V.state == STATE_OPEN, _V.latest < today), today)


def _worklist_items(ctx: ServiceContext, where: ColumnElement[bool], today: date) -> list[WorklistItem]:
    stmt = select(*_VISIT_AND_OWNER).select_from(_VISITS_WITH_OWNER).where(where)
    with ctx.read() as session:
        conn = session.connection()
        rows = named_rows(conn.execute(stmt))
        mappers = mappers_of(rows, ctx.protocols.get)
        stopped = _doses_stopped(conn, last_dose_owners(rows, mappers))
    return worklist_items(rows, mappers, stopped, today)


#: The audit trail as a table (Core, as above): the window reads its newest entry before its first
#: worklist (the refresh's stamp), where an ORM query would configure every mapper first (~10 ms).
_AUDIT = AuditRow.__table__
_A = _AUDIT.c


def audit_entries(ctx: ServiceContext, pid: str | None = None, limit: int | None = None) -> list[AuditEntry]:
    stmt = select(_AUDIT).order_by(_A.seq)
    if pid is not None:
        key = pid.strip()
        stmt = stmt.where(_A.participant_id == key)
    if limit is not None:
        stmt = select(_AUDIT).where(_A.seq.in_(
            select(_A.seq).where(stmt.whereclause if stmt.whereclause is not None else true())
            .order_by(_A.seq.desc()).limit(limit)
        )).order_by(_A.seq)
    with ctx.read() as session:
        conn = session.connection()
        if pid is not None and not conn.execute(
            select(_P.id).where(_P.study_id == pid.strip())
        ).first() and not conn.execute(stmt.limit(1)).first():
            raise ServiceError(_("no participant '{id}' in this database").format(id=pid.strip()))
        return [audit_entry(r) for r in conn.execute(stmt)]
