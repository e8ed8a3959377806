"""Withdrawal: the participant leaves the study. Every visit not recorded is closed (kept, never
deleted), so nothing but the early-termination visit (added once conditioning has started) stays
on worklists. SCHEDULE.md: "every later visit not done becomes cancelled". A visit whose window had
already closed before the withdrawal was not cancelled by it: it was missed, and is recorded as
missed so that the deviation stays visible to a monitor."""

from __future__ import annotations

from datetime import date

from ..domain.protocol import VisitKind
from ..domain.schedule import plan_event_visit
from ..store.models import STATE_CANCELLED, STATE_MISSED, STATE_OPEN, Visit
from .calendar import new_uid, visit_key, visit_summary
from .context import ServiceContext
from .errors import ServiceError
from .guards import (
    not_in_future,
    participant_for_write,
    protocol_of,
    refresh_status,
    require_active,
    require_reason,
    set_field,
    set_visit_field,
)
from .site import site_calendar

#: Prefix of the reason written on visits cancelled by a withdrawal (a correction reopens them).
WITHDRAWAL_CANCEL_PREFIX = "participant withdrawn"


def withdraw(ctx: ServiceContext, pid: str, on: date, reason: str, *, expected_version: int | None) -> None:
    text = require_reason(reason, "a withdrawal")
    with ctx.write() as tx:
        p = participant_for_write(ctx, tx, pid, expected_version)
        require_active(p)
        protocol = protocol_of(ctx, p)
        if p.status == "completed":
            raise ServiceError(f"{p.study_id} completed the study: there is nothing to withdraw from")
        not_in_future(on, tx.today, "withdrawal date")
        last_done = max((v.actual for v in p.visits if v.actual is not None), default=None)
        if last_done is not None and on < last_done:
            raise ServiceError(f"withdrawal on {on.isoformat()} is before the last visit done "
                               f"({last_done.isoformat()})")
        cancel_reason = f"{WITHDRAWAL_CANCEL_PREFIX} on {on.isoformat()}: {text}"
        missed_reason = f"{WITHDRAWAL_CANCEL_PREFIX} on {on.isoformat()}: not done before the withdrawal"
        for v in p.visits:
            if v.state == STATE_OPEN:
                missed = v.latest is not None and v.latest < on
                set_visit_field(p, v, tx.audit, "state", STATE_MISSED if missed else STATE_CANCELLED, text)
                set_visit_field(p, v, tx.audit, "reason", missed_reason if missed else cancel_reason, text)
                v.sequence += 1
        set_field(p, tx.audit, "withdrawal_date", on, text)
        set_field(p, tx.audit, "withdrawal_reason", text, text)
        started = p.conditioning_start_actual is not None or p.infusion_actual is not None
        definition = next((d for d in protocol.visits if d.kind is VisitKind.TERMINATION), None)
        if started and definition is not None:
            occurrence = 1 + max((v.occurrence for v in p.visits if v.code == definition.code), default=0)
            d1 = p.infusion_actual or p.infusion_planned
            planned = plan_event_visit(protocol, definition.code, on, d1, site_calendar(tx.session))
            et = Visit(
                code=definition.code, occurrence=occurrence, name=definition.name, kind=definition.kind.value,
                study_day=planned.study_day if d1 else None, target=planned.target, earliest=planned.earliest,
                latest=planned.latest, scheduled=planned.scheduled, scheduled_time=None,
                closed_day=planned.closed_day, booked=False, actual=None, state=STATE_OPEN, reason=None,
                deviation=False, uid=new_uid(), sequence=0,
            )
            p.visits.append(et)
            tx.audit.add(action="insert", entity="visit", key=visit_key(p.study_id, et.code, occurrence),
                         participant_id=p.study_id, field="visit", new=visit_summary(et), reason=text)
        refresh_status(p, protocol, tx.audit, text)
