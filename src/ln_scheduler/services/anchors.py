"""The dates a calendar hangs on: screening, the conditioning start (planned, then actual) and the
infusion. Moving an anchor re-plans every visit not yet done through the domain; the preview and
the write share :func:`calendar.plan_moves`, so what was previewed is what is written."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy.orm import Session

from ..domain.dates import check_sensible
from ..domain.protocol import Protocol, VisitKind
from ..domain.schedule import (
    Schedule,
    check_conditioning_day,
    conditioning_days,
    conditioning_start_range,
    missing_conditioning_days,
)
from ..i18n import _
from ..store.models import STATE_DONE, STATE_OPEN, Participant
from .calendar import Move, apply_moves, done_codes, plan_moves, preview, schedule_for
from .context import ServiceContext, Tx
from .errors import ServiceError
from .guards import (
    find_visit,
    last_recorded_conditioning,
    load_participant_row,
    not_in_future,
    participant_for_write,
    protocol_of,
    recorded_conditioning,
    refresh_status,
    require_active,
    set_field,
    set_visit_field,
)
from .records import SchedulePreview
from .site import site_calendar


# -- screening ---------------------------------------------------------------------------------
def record_screening(ctx: ServiceContext, pid: str, screening: date, *, expected_version: int | None) -> None:
    with ctx.write() as tx:
        p = participant_for_write(ctx, tx, pid, expected_version)
        record_screening_in(ctx, tx, p, screening)


def record_screening_in(ctx: ServiceContext, tx: Tx, p: Participant, screening: date) -> None:
    require_active(p)
    not_in_future(screening, tx.today, _("screening date"))
    protocol = protocol_of(ctx, p)
    scr = next((v for v in p.visits if v.kind == VisitKind.SCREENING.value), None)
    if p.screening_date is not None or (scr is not None and scr.state == STATE_DONE):
        done_on = p.screening_date or (scr.actual if scr else None)
        raise ServiceError(_("screening of {id} is already recorded ({date}); to change it, correct the entry "
                             "first").format(id=p.study_id, date=done_on))
    c1 = p.conditioning_start_actual or p.conditioning_start_planned
    if c1 is not None:
        lo, hi = conditioning_start_range(protocol, screening)
        if not lo <= c1 <= hi:
            raise ServiceError(
                _("screening on {screening} does not allow the conditioning start {start} (screening results "
                  "hold {days} days: conditioning must start {earliest} to {latest})").format(
                    screening=screening.isoformat(), start=c1.isoformat(),
                    days=protocol.conditioning.screening_valid_days, earliest=lo.isoformat(), latest=hi.isoformat())
            )
    set_field(p, tx.audit, "screening_date", screening)
    if scr is not None:
        set_visit_field(p, scr, tx.audit, "actual", screening)
        set_visit_field(p, scr, tx.audit, "state", STATE_DONE)
        if scr.earliest is not None and scr.latest is not None:
            set_visit_field(p, scr, tx.audit, "deviation", not scr.earliest <= screening <= scr.latest)
        scr.sequence += 1
    refresh_status(p, protocol, tx.audit)


# -- conditioning ------------------------------------------------------------------------------
def _check_start(ctx: ServiceContext, p: Participant, start: date) -> None:
    check_sensible(start, _("conditioning start"))
    if p.screening_date is not None:
        protocol = protocol_of(ctx, p)
        lo, hi = conditioning_start_range(protocol, p.screening_date)
        if not lo <= start <= hi:
            raise ServiceError(
                _("conditioning start {date} is outside what screening on {screening} allows ({earliest} to "
                  "{latest})").format(date=start.isoformat(), screening=p.screening_date.isoformat(),
                                      earliest=lo.isoformat(), latest=hi.isoformat())
            )


def _planning_moves(ctx: ServiceContext, session: Session, p: Participant,
                    start: date) -> tuple[Schedule, list[Move]]:
    protocol = protocol_of(ctx, p)
    schedule = schedule_for(protocol, start, None, site_calendar(session))
    return schedule, plan_moves(list(p.visits), schedule, protocol)


def _check_can_replan(p: Participant) -> None:
    require_active(p)
    if p.infusion_actual is not None:
        raise ServiceError(_("{id} was infused on {date}: the conditioning start can no longer change").format(
            id=p.study_id, date=p.infusion_actual.isoformat()))
    if p.conditioning_start_actual is not None:
        raise ServiceError(_("conditioning of {id} started on {date}; to change that date, correct the entry "
                             "first").format(id=p.study_id, date=p.conditioning_start_actual.isoformat()))


def preview_conditioning(ctx: ServiceContext, pid: str, start: date) -> SchedulePreview:
    with ctx.read() as session:
        p = load_participant_row(session, pid)
        _check_can_replan(p)
        _check_start(ctx, p, start)
        schedule, moves = _planning_moves(ctx, session, p, start)
        return preview(p.study_id, _("plan conditioning to start on {date}").format(date=start.isoformat()), moves,
                       schedule.warnings)


def plan_conditioning(ctx: ServiceContext, pid: str, start: date, *, reason: str | None,
                      expected_version: int | None) -> None:
    with ctx.write() as tx:
        p = participant_for_write(ctx, tx, pid, expected_version)
        _check_can_replan(p)
        _check_start(ctx, p, start)
        schedule, moves = _planning_moves(ctx, tx.session, p, start)
        apply_moves(p, moves, tx.audit, reason)
        set_field(p, tx.audit, "conditioning_start_planned", start, reason)
        set_field(p, tx.audit, "infusion_planned", schedule.infusion, reason)
        refresh_status(p, protocol_of(ctx, p), tx.audit, reason)


def record_conditioning(ctx: ServiceContext, pid: str, start: date, *, days_done: int,
                        expected_version: int | None) -> None:
    with ctx.write() as tx:
        p = participant_for_write(ctx, tx, pid, expected_version)
        record_conditioning_in(ctx, tx, p, start, days_done=days_done)


def record_conditioning_in(ctx: ServiceContext, tx: Tx, p: Participant, start: date, *, days_done: int) -> None:
    """Conditioning started on ``start`` (LD1), with the first ``days_done`` days given."""
    require_active(p)
    protocol = protocol_of(ctx, p)
    ld_visits = conditioning_days(protocol)
    if not 1 <= days_done <= len(ld_visits):
        raise ServiceError(_("conditioning has {days} days: days done must be 1 to {days}").format(days=len(ld_visits)))
    not_in_future(start, tx.today, _("conditioning start"))
    if p.conditioning_start_actual is not None and p.conditioning_start_actual != start:
        raise ServiceError(_("conditioning of {id} is recorded as starting on {date}; to change it, correct the "
                             "entry first").format(id=p.study_id, date=p.conditioning_start_actual.isoformat()))
    _check_start(ctx, p, start)
    early = [v for v in p.visits if v.state == STATE_DONE and v.actual is not None and v.actual < start
             and v.kind != VisitKind.SCREENING.value]
    if early:
        v = early[0]
        assert v.actual is not None  # the list keeps only visits done on a day
        raise ServiceError(_("visit {code} is recorded as done on {date}, before the conditioning start "
                             "{start}").format(code=v.code, date=v.actual.isoformat(), start=start.isoformat()))
    recorded = recorded_conditioning(p)
    given: list[tuple[str, date]] = []
    for definition in ld_visits[:days_done]:
        if definition.code in recorded:
            continue
        day = start + timedelta(days=definition.offset_days or 0)
        not_in_future(day, tx.today, _("{code} date").format(code=definition.code))
        check_conditioning_day(protocol, definition.code, day, recorded, p.infusion_actual)
        recorded[definition.code] = day
        given.append((definition.code, day))
    if p.conditioning_start_actual is None or p.infusion_actual is None:
        # before marking the days done: the plan moves the open conditioning days onto the real start
        replan_after_conditioning(ctx, tx, p, start, max(recorded.values()))
    if p.conditioning_start_actual is None:
        set_field(p, tx.audit, "conditioning_start_actual", start)
        if p.conditioning_start_planned is None:
            set_field(p, tx.audit, "conditioning_start_planned", start)
    for code, day in given:
        v = find_visit(protocol, p, code)
        set_visit_field(p, v, tx.audit, "actual", day)
        set_visit_field(p, v, tx.audit, "state", STATE_DONE)
        v.sequence += 1
    refresh_status(p, protocol, tx.audit)


def replan_after_conditioning(ctx: ServiceContext, tx: Tx, p: Participant, start: date, last: date | None) -> None:
    """Re-plan from the real conditioning start and the last conditioning day given (``last``): a day
    given late moves the planned infusion, and every visit counted from it, to keep the protocol's gap.
    Day 1 stays on the recorded infusion once there is one."""
    protocol = protocol_of(ctx, p)
    schedule = schedule_for(protocol, start, p.infusion_actual, site_calendar(tx.session), last_conditioning=last)
    apply_moves(p, plan_moves(list(p.visits), schedule, protocol), tx.audit, None)
    if p.infusion_actual is None:
        set_field(p, tx.audit, "infusion_planned", schedule.infusion)


# -- infusion ----------------------------------------------------------------------------------
def _infusion_moves(ctx: ServiceContext, session: Session, today: date, p: Participant,
                    infusion: date) -> tuple[Schedule, list[Move], tuple[str, ...]]:
    require_active(p)
    check_sensible(infusion, _("infusion date"))
    protocol = protocol_of(ctx, p)
    if p.infusion_actual is not None and protocol.dose_count > 1:  # the next dose is meant, not a second dose 1
        raise ServiceError(
            _("{id} already received dose 1 (the infusion) on {date}: record dose 2 or a later dose by its "
              "number (to fix a wrong date, correct the entry first)").format(
                id=p.study_id, date=p.infusion_actual.isoformat())
        )
    if p.infusion_actual is not None:
        raise ServiceError(
            _("{id} already received the infusion on {date}: a participant is infused once (to fix a wrong "
              "date, correct the entry first)").format(id=p.study_id, date=p.infusion_actual.isoformat())
        )
    c1 = p.conditioning_start_actual
    missing = missing_conditioning_days(protocol, recorded_conditioning(p))
    if c1 is None or missing:
        # The infusion follows the conditioning days: recording it first would leave them unrecordable.
        raise ServiceError(_("conditioning of {id} is not recorded ({days} not done): record the conditioning "
                             "days first, then the infusion").format(id=p.study_id, days=", ".join(missing)))
    not_in_future(infusion, today, _("infusion date"))
    schedule = schedule_for(protocol, c1, infusion, site_calendar(session),  # refuses < last LD + gap
                            last_conditioning=last_recorded_conditioning(p),
                            happened=done_codes(p.visits) | {"D1"})  # the infusion was given that day
    moves = plan_moves(list(p.visits), schedule, protocol)
    warnings = list(schedule.warnings)
    early = [v for v in p.visits if v.state == STATE_DONE and v.actual and v.actual > infusion
             and _d1_anchored(protocol, v.code) and v.code != "D1"]
    if early:
        raise ServiceError(_("visit {code} is recorded as done on {date}, but a visit counted from the "
                             "infusion cannot be done before it").format(code=early[0].code, date=early[0].actual))
    return schedule, moves, tuple(warnings)


def _d1_anchored(protocol: Protocol, code: str) -> bool:
    return any(v.code == code and v.after_infusion for v in protocol.visits)


def infusion_preview_of(ctx: ServiceContext, session: Session, today: date, p: Participant,
                        infusion: date) -> SchedulePreview:
    """The preview of recording the infusion (dose 1) for ``p`` as loaded in ``session``."""
    _schedule, moves, warnings = _infusion_moves(ctx, session, today, p, infusion)
    made = preview(p.study_id, _("record the infusion on {date}").format(date=infusion.isoformat()), moves, warnings)
    return replace(made, version=p.version)


def preview_infusion(ctx: ServiceContext, pid: str, infusion: date) -> SchedulePreview:
    with ctx.read() as session:
        p = load_participant_row(session, pid)
        return infusion_preview_of(ctx, session, ctx.today(), p, infusion)


def record_infusion(ctx: ServiceContext, pid: str, infusion: date, *, expected_version: int | None) -> None:
    with ctx.write() as tx:
        p = participant_for_write(ctx, tx, pid, expected_version)
        record_infusion_in(ctx, tx, p, infusion)


def record_infusion_in(ctx: ServiceContext, tx: Tx, p: Participant, infusion: date) -> None:
    _schedule, moves, _warnings = _infusion_moves(ctx, tx.session, tx.today, p, infusion)
    protocol = protocol_of(ctx, p)
    apply_moves(p, moves, tx.audit, None)
    set_field(p, tx.audit, "infusion_actual", infusion)
    infusion_visit = next((v for v in protocol.visits if v.dose_number == 1), None)  # D1: dose 1
    if infusion_visit is not None:
        v = find_visit(protocol, p, infusion_visit.code)
        if v.state == STATE_OPEN:
            set_visit_field(p, v, tx.audit, "actual", infusion)
            set_visit_field(p, v, tx.audit, "state", STATE_DONE)
            v.sequence += 1
    refresh_status(p, protocol, tx.audit)
