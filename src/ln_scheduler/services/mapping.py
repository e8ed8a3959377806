"""Turning stored rows into the detached records of :mod:`records`, with statuses derived from
the stored dates and today by the domain (never stored, never recomputed here)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from ..domain.participant_status import ParticipantStatus
from ..domain.protocol import Protocol, VisitKind
from ..domain.schedule import Window
from ..domain.visit_status import VisitStatus, visit_status
from ..store.models import STATE_CANCELLED, STATE_MISSED, AuditRow, Participant, Visit
from .records import AuditEntry, ParticipantRecord, ProcedureRecord, VisitRecord


def stored_status(row: Any, today: date) -> VisitStatus:
    """Status of a stored visit (ORM object or Core row with the visit columns)."""
    missed = row.state == STATE_MISSED
    cancelled = row.state == STATE_CANCELLED
    if row.target is None or row.earliest is None or row.latest is None:
        if row.actual is not None:
            return VisitStatus.DONE
        if cancelled:
            return VisitStatus.CANCELLED
        return VisitStatus.MISSED if missed else VisitStatus.UPCOMING
    return visit_status(Window(row.target, row.earliest, row.latest), today, row.actual,
                        missed=missed, cancelled=cancelled)


def visit_procedures(protocol: Protocol | None, code: str, recorded: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The protocol's procedures for the visit, then any extra recorded ones (unscheduled visits)."""
    base: tuple[str, ...] = ()
    if protocol is not None:
        for v in protocol.visits:
            if v.code == code:
                base = v.procedures
                break
    extra = tuple(c for c in recorded if c not in base)
    return base + extra


def visit_record(row: Any, participant_id: str, protocol: Protocol | None, today: date,
                 procedure_rows: list[Any] | None = None) -> VisitRecord:
    rows = procedure_rows or ()
    codes = visit_procedures(protocol, row.code, tuple(p.code for p in rows))
    proc_records: tuple[ProcedureRecord, ...] = ()
    if procedure_rows is not None:
        by_code = {p.code: p for p in rows}
        names = protocol.procedures if protocol is not None else {}
        out = []
        for c in codes:
            r = by_code.get(c)
            if r is None:
                out.append(ProcedureRecord(c, names.get(c, c)))
            else:
                out.append(ProcedureRecord(c, names.get(c, c), r.done, r.not_done_reason, r.time_done, r.sample_id))
        proc_records = tuple(out)
    return VisitRecord(
        id=row.id,
        participant_id=participant_id,
        code=row.code,
        name=row.name,
        kind=VisitKind(row.kind),
        occurrence=row.occurrence,
        study_day=row.study_day,
        target=row.target,
        earliest=row.earliest,
        latest=row.latest,
        scheduled=row.scheduled,
        scheduled_time=row.scheduled_time,
        actual=row.actual,
        status=stored_status(row, today),
        closed_day=bool(row.closed_day),
        reason=row.reason,
        deviation=bool(row.deviation),
        procedures=codes,
        procedure_records=proc_records,
        uid=row.uid,
        sequence=row.sequence,
        version=row.version,
        booked=bool(row.booked),
    )


def visit_sort_key(order: dict[str, int]):  # type: ignore[no-untyped-def]
    """Date order: the date that matters most for each visit, then protocol order."""

    def key(v: VisitRecord) -> tuple[date, int, int]:
        when = v.actual or v.scheduled or v.target or date.max
        return when, order.get(v.code, len(order)), v.occurrence

    return key


def participant_record(p: Participant | Any, visits: list[Visit] | list[Any], protocol: Protocol | None,
                       today: date, procedures: dict[int, list[Any]] | None = None) -> ParticipantRecord:
    """From ORM objects, or from Core rows with the same attribute names (``procedures`` then maps
    visit id to its procedure rows)."""
    records = [
        visit_record(v, p.study_id, protocol, today,
                     list(v.procedure_records) if procedures is None else procedures.get(v.id, []))
        for v in visits
    ]
    order = {v.code: i for i, v in enumerate(protocol.visits)} if protocol is not None else {}
    records.sort(key=visit_sort_key(order))
    return ParticipantRecord(
        id=p.study_id,
        initials=p.initials,
        status=ParticipantStatus(p.status),
        protocol_id=p.protocol_id,
        protocol_version=p.protocol_version,
        screening_date=p.screening_date,
        conditioning_start_planned=p.conditioning_start_planned,
        conditioning_start_actual=p.conditioning_start_actual,
        infusion_planned=p.infusion_planned,
        infusion_actual=p.infusion_actual,
        withdrawal_date=p.withdrawal_date,
        withdrawal_reason=p.withdrawal_reason,
        visits=tuple(records),
        version=p.version,
        created_at=_aware(p.created_at),
    )


def audit_entry(row: AuditRow) -> AuditEntry:
    return AuditEntry(
        seq=row.seq,
        at=datetime.strptime(row.at_utc, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC),
        user=row.user_name,
        workstation=row.workstation,
        action=row.action,
        entity=row.entity,
        entity_key=row.entity_key,
        participant_id=row.participant_id,
        field=row.field,
        old=row.old_value,
        new=row.new_value,
        reason=row.reason,
    )


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)  # SQLite hands back naive values; we only ever store UTC
