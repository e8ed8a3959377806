"""Withdrawal: the participant leaves the study. Every visit not recorded is closed (kept, never
deleted), so nothing but the early-termination visit (added once conditioning has started) stays
on worklists. SCHEDULE.md: "every later visit not done becomes cancelled". A visit whose window had
already closed before the withdrawal was not cancelled by it: it was missed, and is recorded as
missed so that the deviation stays visible to a monitor.

The preview and the save are one code path: :func:`_plan` decides, for the participant as stored,
which visits are recorded missed, which are cancelled and which visit is added; the preview reports
that plan and the save writes it. A preview once said "13 later visits will be cancelled" while the
save cancelled 14 and recorded three earlier visits missed: two rules written twice had drifted.
The save also refuses (ConflictError) when the plan it is about to write is not the preview the
user confirmed, so a visit recorded at another workstation in between is never closed unseen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from ..domain.protocol import Protocol, VisitKind
from ..domain.schedule import PlannedVisit, plan_event_visit
from ..i18n import _
from ..store.models import STATE_CANCELLED, STATE_MISSED, STATE_OPEN, Participant, Visit
from .calendar import new_uid, visit_key, visit_summary
from .context import ServiceContext, Tx
from .errors import ServiceError
from .guards import (
    load_participant_row,
    not_in_future,
    participant_for_write,
    protocol_of,
    refresh_status,
    require_active,
    require_reason,
    set_field,
    set_visit_field,
)
from .records import WithdrawalChange, WithdrawalOutcome, WithdrawalPreview
from .site import site_calendar

#: Prefix of the reason written on visits cancelled by a withdrawal (a correction reopens them).
#: Stored in the database: never translated.
WITHDRAWAL_CANCEL_PREFIX = "participant withdrawn"


@dataclass(frozen=True)
class _Plan:
    """What a withdrawal on ``on`` does to one stored participant."""

    on: date
    closes: tuple[tuple[Visit, WithdrawalOutcome], ...]  # open visits: missed or cancelled
    termination: tuple[str, int, PlannedVisit, bool] | None  # ET code, occurrence, dates, has a study day

    def preview(self, p: Participant) -> WithdrawalPreview:
        changes = [WithdrawalChange(v.code, v.occurrence, _label(v), v.scheduled or v.target, outcome,
                                    v.earliest, v.latest) for v, outcome in self.closes]
        if self.termination is not None:
            code, occurrence, planned, _dated = self.termination
            changes.append(WithdrawalChange(code, occurrence, planned.name, planned.scheduled,
                                            WithdrawalOutcome.ADDED, planned.earliest, planned.latest))
        changes.sort(key=lambda c: (c.day or date.max, c.outcome is WithdrawalOutcome.ADDED, c.code, c.occurrence))
        return WithdrawalPreview(p.study_id, self.on, p.version, tuple(changes))


def _label(v: Visit) -> str:
    return f"{v.name} #{v.occurrence}" if v.kind == VisitKind.UNSCHEDULED.value else v.name


def _plan(ctx: ServiceContext, session: Session, p: Participant, on: date, today: date) -> _Plan:
    """Check the withdrawal can happen on ``on`` and decide every visit it touches."""
    require_active(p)
    protocol = protocol_of(ctx, p)
    if p.status == "completed":
        raise ServiceError(_("{id} completed the study: there is nothing to withdraw from").format(id=p.study_id))
    not_in_future(on, today, _("withdrawal date"))
    last_done = max((v.actual for v in p.visits if v.actual is not None), default=None)
    if last_done is not None and on < last_done:
        raise ServiceError(_("withdrawal on {date} is before the last visit done ({last})").format(
            date=on.isoformat(), last=last_done.isoformat()))
    closes = tuple(
        (v, WithdrawalOutcome.MISSED if v.latest is not None and v.latest < on else WithdrawalOutcome.CANCELLED)
        for v in p.visits if v.state == STATE_OPEN
    )
    return _Plan(on, closes, _termination(session, p, protocol, on))


def _termination(session: Session, p: Participant, protocol: Protocol,
                 on: date) -> tuple[str, int, PlannedVisit, bool] | None:
    """The early-termination visit, once conditioning started (before it nothing was given)."""
    started = p.conditioning_start_actual is not None or p.infusion_actual is not None
    definition = next((d for d in protocol.visits if d.kind is VisitKind.TERMINATION), None)
    if not started or definition is None:
        return None
    occurrence = 1 + max((v.occurrence for v in p.visits if v.code == definition.code), default=0)
    d1 = p.infusion_actual or p.infusion_planned
    planned = plan_event_visit(protocol, definition.code, on, d1, site_calendar(session))
    return definition.code, occurrence, planned, d1 is not None


def preview_withdrawal(ctx: ServiceContext, pid: str, on: date) -> WithdrawalPreview:
    """Every visit a withdrawal on ``on`` would record missed, cancel or add; nothing is written."""
    with ctx.read() as session:
        p = load_participant_row(session, pid)
        return _plan(ctx, session, p, on, ctx.today()).preview(p)


def withdraw(ctx: ServiceContext, pid: str, on: date, reason: str, *, expected_version: int | None,
             preview: WithdrawalPreview | None = None) -> None:
    text = require_reason(reason, _("a withdrawal"))
    if preview is not None:
        if preview.on != on or preview.participant_id != pid.strip():
            raise ServiceError(_("the preview is of a withdrawal of {shown} on {shown_date}, not of {id} on "
                                 "{date}").format(shown=preview.participant_id, shown_date=preview.on.isoformat(),
                                                  id=pid.strip(), date=on.isoformat()))
        expected_version = preview.version if expected_version is None else expected_version
    with ctx.write() as tx:
        p = participant_for_write(ctx, tx, pid, expected_version)
        plan = _plan(ctx, tx.session, p, on, tx.today)
        if preview is not None and plan.preview(p).changes != preview.changes:
            raise ctx.conflict(tx.subject)
        _apply(tx, p, plan, text)
        refresh_status(p, protocol_of(ctx, p), tx.audit, text)


def _apply(tx: Tx, p: Participant, plan: _Plan, text: str) -> None:
    on = plan.on.isoformat()
    cancel_reason = f"{WITHDRAWAL_CANCEL_PREFIX} on {on}: {text}"
    missed_reason = f"{WITHDRAWAL_CANCEL_PREFIX} on {on}: not done before the withdrawal"
    for v, outcome in plan.closes:
        missed = outcome is WithdrawalOutcome.MISSED
        set_visit_field(p, v, tx.audit, "state", STATE_MISSED if missed else STATE_CANCELLED, text)
        set_visit_field(p, v, tx.audit, "reason", missed_reason if missed else cancel_reason, text)
        v.sequence += 1
    set_field(p, tx.audit, "withdrawal_date", plan.on, text)
    set_field(p, tx.audit, "withdrawal_reason", text, text)
    if plan.termination is None:
        return
    code, occurrence, planned, dated = plan.termination
    et = Visit(
        code=code, occurrence=occurrence, name=planned.name, kind=planned.kind.value,
        study_day=planned.study_day if dated else None, target=planned.target, earliest=planned.earliest,
        latest=planned.latest, scheduled=planned.scheduled, scheduled_time=None,
        closed_day=planned.closed_day, booked=False, actual=None, state=STATE_OPEN, reason=None,
        deviation=False, uid=new_uid(), sequence=0,
    )
    p.visits.append(et)
    tx.audit.add(action="insert", entity="visit", key=visit_key(p.study_id, et.code, occurrence),
                 participant_id=p.study_id, field="visit", new=visit_summary(et), reason=text)
