"""Moving a participant to an amended version of the protocol: explicit, previewed, audited.
Otherwise a participant's calendar keeps the protocol version that built it."""

from __future__ import annotations

from ..domain.participant_status import ParticipantStatus
from ..domain.protocol import Protocol
from ..store.models import STATE_OPEN, Participant
from .calendar import apply_moves, done_codes, plan_moves, schedule_for, undated_visit, visit_key, visit_summary
from .calendar import preview as make_preview
from .context import ServiceContext
from .errors import ServiceError
from .guards import (
    last_recorded_conditioning,
    load_participant_row,
    participant_for_write,
    protocol_of,
    refresh_status,
    require_active,
    require_reason,
    set_field,
    set_visit_field,
)
from .records import SchedulePreview, VisitChange
from .site import site_calendar


def _check(ctx: ServiceContext, p: Participant, protocol: Protocol) -> None:
    require_active(p)
    if p.status == ParticipantStatus.COMPLETED.value:
        raise ServiceError(f"{p.study_id} has completed the study: an amendment no longer changes their calendar")
    if protocol.id != p.protocol_id:
        raise ServiceError(f"{p.study_id} follows protocol {p.protocol_id}; {protocol.id} is a different "
                           "protocol, not an amendment of it")
    if protocol.version == p.protocol_version:
        raise ServiceError(f"{p.study_id} already follows {protocol.id} version {protocol.version}")


def _moves(ctx: ServiceContext, session, p: Participant, protocol: Protocol):  # type: ignore[no-untyped-def]
    c1 = p.conditioning_start_actual or p.conditioning_start_planned
    if c1 is None:
        return None, []
    schedule = schedule_for(protocol, c1, p.infusion_actual, site_calendar(session),
                            last_conditioning=last_recorded_conditioning(p), happened=done_codes(p.visits))
    return schedule, plan_moves(list(p.visits), schedule, protocol, protocol_change=True)


def preview(ctx: ServiceContext, pid: str, protocol: Protocol) -> SchedulePreview:
    with ctx.read() as session:
        p = load_participant_row(session, pid)
        _check(ctx, p, protocol)
        schedule, moves = _moves(ctx, session, p, protocol)
        description = (f"move {p.study_id} from protocol {p.protocol_id} version {p.protocol_version} to "
                       f"version {protocol.version}")
        if schedule is None:
            return SchedulePreview(p.study_id, description, tuple(_undated_changes(p, protocol)))
        return make_preview(p.study_id, description, moves, schedule.warnings)


def _undated_changes(p: Participant, protocol: Protocol) -> list[VisitChange]:
    have = {v.code for v in p.visits}
    want = {d.code for d in protocol.calendar_visits}
    added = [VisitChange(d.code, 1, d.name, None, None, None, None, None, None, None, None, added=True)
             for d in protocol.calendar_visits if d.code not in have]
    removed = [VisitChange(v.code, v.occurrence, v.name, None, None, None, None, None, None, None, None,
                           removed=True) for v in p.visits if v.code not in want and v.state == STATE_OPEN
               and v.kind in {"screening", "conditioning", "infusion", "follow-up"}]
    return added + removed


def change(ctx: ServiceContext, pid: str, protocol: Protocol, reason: str, *, expected_version: int | None) -> None:
    text = require_reason(reason, "a protocol change")
    with ctx.write() as tx:
        p = participant_for_write(ctx, tx, pid, expected_version)
        _check(ctx, p, protocol)
        ctx.protocols.ensure_stored(tx.session, protocol, tx.now)
        schedule, moves = _moves(ctx, tx.session, p, protocol)
        if schedule is None:
            for c in _undated_changes(p, protocol):
                if c.added:
                    v = undated_visit(protocol.visit(c.code))
                    p.visits.append(v)
                    tx.audit.add(action="insert", entity="visit", key=visit_key(p.study_id, v.code, 1),
                                 participant_id=p.study_id, field="visit", new=visit_summary(v),
                                 reason=text)
                else:
                    v = next(x for x in p.visits if x.code == c.code and x.occurrence == c.occurrence)
                    set_visit_field(p, v, tx.audit, "state", "cancelled", text)
                    set_visit_field(p, v, tx.audit, "reason", f"not in protocol version {protocol.version}", text)
        else:
            apply_moves(p, moves, tx.audit, text,
                        cancel_reason=f"not in protocol {protocol.id} version {protocol.version}")
            for m in moves:
                if m.visit is not None and m.planned is not None and m.visit.name != m.planned.name:
                    set_visit_field(p, m.visit, tx.audit, "name", m.planned.name, text)
            set_field(p, tx.audit, "infusion_planned", schedule.infusion if p.infusion_actual is None
                      else p.infusion_planned, text)
        set_field(p, tx.audit, "protocol_version", protocol.version, text)
        refresh_status(p, protocol_of(ctx, p), tx.audit, text)
