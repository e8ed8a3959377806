"""Visit-level writes: book (or move) an appointment, record a visit done with its procedures,
record it missed, add an unscheduled visit."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, time

from ..domain.dates import check_sensible
from ..domain.protocol import DOSE_PROCEDURE, Anchor, Protocol, VisitDefinition, VisitKind
from ..domain.schedule import check_conditioning_day, plan_event_visit
from ..i18n import _
from ..store.models import STATE_CANCELLED, STATE_DONE, STATE_MISSED, STATE_OPEN, Participant, ProcedureResult, Visit
from .anchors import record_conditioning_in, record_infusion_in, record_screening_in, replan_after_conditioning
from .calendar import new_uid, visit_key, visit_summary
from .context import ServiceContext, Tx
from .errors import ServiceError
from .guards import (
    find_visit,
    given_doses,
    last_recorded_conditioning,
    not_given_from,
    not_in_future,
    participant_for_write,
    protocol_of,
    recorded_conditioning,
    refresh_status,
    require_active,
    require_reason,
    set_visit_field,
)
from .records import Booking, ProcedureOutcome
from .site import site_calendar

UNSCHEDULED = VisitKind.UNSCHEDULED.value


def _visit_for_write(ctx: ServiceContext, tx: Tx, pid: str, code: str, occurrence: int,
                     expected_version: int | None) -> tuple[Participant, Protocol, Visit]:
    p = participant_for_write(ctx, tx, pid)
    protocol = protocol_of(ctx, p)
    v = find_visit(protocol, p, code, occurrence)
    tx.subject = (_visit_name(p, v), visit_key(p.study_id, v.code, v.occurrence))
    ctx.check_version(tx, v.version, expected_version)
    return p, protocol, v


def _occ(v: Visit) -> str:
    return f" #{v.occurrence}" if v.kind == UNSCHEDULED else ""


def _visit_name(p: Participant, v: Visit) -> str:
    """``visit U01 #2 of 104-001``, in the interface language (messages only, never stored)."""
    return _("visit {code}{occurrence} of {id}").format(code=v.code, occurrence=_occ(v), id=p.study_id)


def _require_open(p: Participant, v: Visit) -> None:
    name = _visit_name(p, v)
    if v.state == STATE_DONE:
        raise ServiceError(_("{visit} is already recorded as done on {date}; to change it, correct the "
                             "entry first").format(visit=name, date=v.actual))
    if v.state == STATE_MISSED:
        raise ServiceError(_("{visit} is recorded as missed ({reason}); to change it, correct the entry "
                             "first").format(visit=name, reason=v.reason))
    if v.state == STATE_CANCELLED:
        raise ServiceError(_("{visit} is cancelled ({reason})").format(visit=name, reason=v.reason))


# -- booking -----------------------------------------------------------------------------------
def book_visit(ctx: ServiceContext, pid: str, code: str, on: date, *, at: time | None, reason: str | None,
               occurrence: int, expected_version: int | None) -> None:
    check_sensible(on, _("appointment date"))
    with ctx.write() as tx:
        p, protocol, v = _visit_for_write(ctx, tx, pid, code, occurrence, expected_version)
        book_in(tx, p, protocol, v, on, at, reason)


def book_visits(ctx: ServiceContext, pid: str, bookings: Sequence[Booking], *,
                expected_version: int | None) -> None:
    """Book several visits of one participant in one transaction: the plan from screening to
    Day 4 is booked with one confirmation, and either every appointment is written or none is
    (a refused one names its visit). Each visit goes through :func:`book_in`, the one booking
    rule; ``expected_version`` is the participant's, each booking may carry its visit's."""
    if not bookings:
        raise ServiceError(_("choose at least one visit to book"))
    for b in bookings:
        if b.on is not None:
            check_sensible(b.on, _("appointment date of {code}").format(code=b.code))
    with ctx.write() as tx:
        p = participant_for_write(ctx, tx, pid, expected_version)
        protocol = protocol_of(ctx, p)
        seen: set[tuple[str, int]] = set()
        for b in bookings:
            v = find_visit(protocol, p, b.code, b.occurrence)
            if (v.code, v.occurrence) in seen:
                raise ServiceError(_("visit {code}{occurrence} is listed twice: book each visit once").format(
                    code=v.code, occurrence=_occ(v)))
            seen.add((v.code, v.occurrence))
            tx.subject = (_visit_name(p, v), visit_key(p.study_id, v.code, v.occurrence))
            ctx.check_version(tx, v.version, b.expected_version)
            on = b.on or v.scheduled
            if on is None:
                raise ServiceError(_("visit {code} of {id} has no proposed date yet: plan the conditioning start "
                                     "first, or give a date").format(code=v.code, id=p.study_id))
            book_in(tx, p, protocol, v, on, b.time, b.reason)
        tx.subject = (_("participant {id}").format(id=p.study_id), p.study_id)


def book_in(tx: Tx, p: Participant, protocol: Protocol, v: Visit, on: date, at: time | None,
            reason: str | None) -> None:
    """Book ``v`` on ``on`` (at ``at``) inside an open transaction: the rules of one booking
    (open visit, fixed conditioning and infusion days, a reason outside the window, closed days
    flagged, SEQUENCE raised when the appointment moves) and its audit rows."""
    if v.kind != VisitKind.TERMINATION.value:
        require_active(p)
    _require_open(p, v)
    if v.earliest is None or v.latest is None:
        raise ServiceError(_("visit {code} of {id} has no dates yet: plan the conditioning start first").format(
            code=v.code, id=p.study_id))
    if v.kind in (VisitKind.CONDITIONING.value, VisitKind.INFUSION.value) and on != v.target:
        dose = _dose_of(protocol, v)
        if dose is not None and dose > 1:
            raise ServiceError(_("{code} is the day of dose {dose}, fixed on {date}: it moves by recording "
                                 "dose {dose} on the day it is given").format(code=v.code, dose=dose, date=v.target))
        raise ServiceError(
            _("{code} is fixed on {date}: conditioning days move with the conditioning start and "
              "the infusion day by recording the infusion").format(code=v.code, date=v.target)
        )
    inside = v.earliest <= on <= v.latest
    note = (reason or "").strip() or None
    if not inside and note is None:
        raise ServiceError(
            _("{date} is outside the window of {code} ({earliest} to {latest}): give a reason; the booking "
              "will be flagged as a protocol deviation").format(date=on.isoformat(), code=v.code,
                                                                 earliest=v.earliest, latest=v.latest)
        )
    # booking the proposed day as it is changes the calendar event (TENTATIVE -> CONFIRMED): a
    # client only takes the new status from an import whose SEQUENCE rose
    changed = (v.scheduled, v.scheduled_time, bool(v.booked)) != (on, at, True)
    set_visit_field(p, v, tx.audit, "scheduled", on, note)
    set_visit_field(p, v, tx.audit, "scheduled_time", at, note)
    set_visit_field(p, v, tx.audit, "booked", True, note)
    set_visit_field(p, v, tx.audit, "deviation", not inside, note)
    if not inside:
        set_visit_field(p, v, tx.audit, "reason", note, note)
    v.closed_day = not site_calendar(tx.session).is_open(on)
    if changed:
        v.sequence += 1


# -- done --------------------------------------------------------------------------------------
def complete_visit(ctx: ServiceContext, pid: str, code: str, actual: date,
                   procedures: Mapping[str, ProcedureOutcome] | None, *, occurrence: int, reason: str | None,
                   expected_version: int | None) -> None:
    with ctx.write() as tx:
        p, protocol, v = _visit_for_write(ctx, tx, pid, code, occurrence, expected_version)
        if v.kind != VisitKind.TERMINATION.value:
            require_active(p)
        _require_open(p, v)
        not_in_future(actual, tx.today, _("date of visit {code}").format(code=v.code))
        kind = VisitKind(v.kind)
        dose = _dose_of(protocol, v) if kind is VisitKind.INFUSION else None
        if dose is not None and (dose > 1 or p.infusion_actual is None):
            _require_dose_given(p, v, dose, procedures)
        if kind is VisitKind.SCREENING:
            record_screening_in(ctx, tx, p, actual)
        elif dose == 1 and p.infusion_actual is None:
            record_infusion_in(ctx, tx, p, actual)
        elif dose is not None and dose > 1:
            from .doses import record_dose_in  # the visit a later dose is given at: doing it records the dose

            record_dose_in(ctx, tx, p, dose, actual)
        elif kind is VisitKind.CONDITIONING and p.conditioning_start_actual is None:
            offset = protocol.visit(v.code).offset_days or 0
            if offset != 0:
                raise ServiceError(_("conditioning of {id} is not recorded as started: record LD1 first").format(
                    id=p.study_id))
            record_conditioning_in(ctx, tx, p, actual, days_done=1)
        else:
            check_done_order(p, protocol, v, actual)
            set_visit_field(p, v, tx.audit, "actual", actual, reason)
            set_visit_field(p, v, tx.audit, "state", STATE_DONE, reason)
            if v.earliest is not None and v.latest is not None:
                set_visit_field(p, v, tx.audit, "deviation", not v.earliest <= actual <= v.latest, reason)
            v.sequence += 1
            if kind is VisitKind.CONDITIONING and p.infusion_actual is None:
                assert p.conditioning_start_actual is not None  # checked by check_done_order
                replan_after_conditioning(ctx, tx, p, p.conditioning_start_actual, last_recorded_conditioning(p))
        if procedures:
            record_procedures(tx, p, protocol, v, procedures)
        refresh_status(p, protocol, tx.audit)


def _require_dose_given(p: Participant, v: Visit, dose: int, procedures: Mapping[str, ProcedureOutcome] | None) -> None:
    """Done on a dose day records the dose as given: refused when its checklist says the dose itself
    (:data:`DOSE_PROCEDURE`) was not done. Seen: D8 done with the infusion "not done, grade 3 CRS,
    dose held" recorded dose 2 given and re-planned eight visits."""
    outcome = (procedures or {}).get(DOSE_PROCEDURE)
    if outcome is None or outcome.done is not False:
        return
    if dose == 1:
        raise ServiceError(_("{code}: the infusion ({procedure}) is marked not done, so it was not given: a "
                             "participant not infused is withdrawn ('withdraw {id}'), not recorded done").format(
            code=v.code, procedure=DOSE_PROCEDURE, id=p.study_id))
    raise ServiceError(_("{code}: the dose ({procedure}) is marked not done, so dose {dose} was not given: record it "
                         "not given with the reason (Record dose › Not given, or 'infusion {id} --dose {dose} "
                         "--not-given --reason TEXT')").format(code=v.code, procedure=DOSE_PROCEDURE, dose=dose,
                                                               id=p.study_id))


def _dose_of(protocol: Protocol, v: Visit) -> int | None:
    """The dose given at visit ``v`` (1 at D1; 2, 3 at D8, D15 in SSC-1B), None if none."""
    return next((d.dose_number for d in protocol.visits if d.code == v.code), None)


def check_done_order(p: Participant, protocol: Protocol, v: Visit, actual: date) -> None:
    """A visit done on ``actual`` comes in the study's order: after conditioning starts, a visit
    counted from the infusion or a dose not before it (when done, and when its date is corrected)."""
    c1 = p.conditioning_start_actual or p.conditioning_start_planned
    if v.kind == VisitKind.TERMINATION.value and p.withdrawal_date is not None and actual < p.withdrawal_date:
        raise ServiceError(_("the early-termination visit of {id} on {date} would be before the withdrawal on "
                             "{withdrawal}: it comes on the day of the withdrawal or after").format(
            id=p.study_id, date=actual.isoformat(), withdrawal=p.withdrawal_date.isoformat()))
    if v.kind == UNSCHEDULED or v.kind == VisitKind.TERMINATION.value:
        return
    if c1 is None or p.conditioning_start_actual is None:
        raise ServiceError(_("visit {code} cannot be done before conditioning starts: conditioning of {id} "
                             "is not recorded yet").format(code=v.code, id=p.study_id))
    if actual < c1:
        raise ServiceError(_("visit {code} on {date} would be before the conditioning start {start} of {id}: "
                             "only screening comes before conditioning").format(
            code=v.code, date=actual.isoformat(), start=c1.isoformat(), id=p.study_id))
    if v.kind == VisitKind.CONDITIONING.value:
        check_conditioning_day(protocol, v.code, actual, recorded_conditioning(p, leave_out=v), p.infusion_actual)
    definition = protocol.visit(v.code)
    if definition.after_infusion:
        if p.infusion_actual is None:
            raise ServiceError(_("visit {code} is counted from the infusion day: record the infusion of {id} "
                                 "first").format(code=v.code, id=p.study_id))
        if actual < p.infusion_actual:
            raise ServiceError(_("visit {code} on {date} would be before the infusion on {infusion}").format(
                code=v.code, date=actual.isoformat(), infusion=p.infusion_actual.isoformat()))
        _check_after_doses(p, protocol, definition, actual)


def _check_after_doses(p: Participant, protocol: Protocol, definition: VisitDefinition, actual: date) -> None:
    """A visit counted from a later dose (D9 from dose 2) is done once that dose is recorded and not
    before its day; the visit counted from the last dose given (the DLT visit) once every dose is
    recorded, given or not. Otherwise a visit done too early would later hold the dose itself back."""
    given = given_doses(p)
    if definition.anchor is Anchor.DOSE and definition.dose is not None:
        n = definition.dose
        if n not in given:
            raise ServiceError(_("visit {code} is counted from dose {dose}: record dose {dose} of {id} first").format(
                code=definition.code, dose=n, id=p.study_id))
        if actual < given[n]:
            raise ServiceError(_("visit {code} on {date} would be before dose {dose} on {given}").format(
                code=definition.code, date=actual.isoformat(), dose=n, given=given[n].isoformat()))
    if definition.anchor is Anchor.LAST_DOSE:
        stopped = not_given_from(p) or protocol.dose_count + 1
        pending = [n for n in range(2, stopped) if n not in given]
        if pending:
            raise ServiceError(_("visit {code} is counted from the last dose given: record dose {dose} of {id} "
                                 "first (given, or not given)").format(code=definition.code, dose=pending[0],
                                                                       id=p.study_id))
        last = max(given.values(), default=p.infusion_actual)
        if last is not None and actual < last:
            raise ServiceError(_("visit {code} on {date} would be before the last dose given on {last}").format(
                code=definition.code, date=actual.isoformat(), last=last.isoformat()))


def record_procedures(tx: Tx, p: Participant, protocol: Protocol, v: Visit,
                      outcomes: Mapping[str, ProcedureOutcome]) -> None:
    allowed = set(protocol.visit(v.code).procedures) | ({*protocol.procedures} if v.kind == UNSCHEDULED else set())
    existing = {r.code: r for r in v.procedure_records}
    vkey = visit_key(p.study_id, v.code, v.occurrence)
    for code, outcome in outcomes.items():
        c = code.strip().upper()
        if c not in allowed:
            raise ServiceError(_("procedure {procedure} is not part of visit {code}").format(procedure=c, code=v.code))
        reason = (outcome.not_done_reason or "").strip() or None
        if not outcome.done and reason is None:
            raise ServiceError(_("procedure {procedure} at visit {code} is not done: give the reason").format(
                procedure=c, code=v.code))
        row = existing.get(c)
        values = {"done": outcome.done, "not_done_reason": None if outcome.done else reason,
                  "time_done": outcome.time, "sample_id": (outcome.sample_id or "").strip() or None}
        if row is None:
            row = ProcedureResult(code=c, **values)
            v.procedure_records.append(row)
            tx.audit.add(action="insert", entity="procedure", key=f"{vkey}/{c}", participant_id=p.study_id,
                         field="outcome", new={"done": outcome.done, **{k: values[k] for k in values if k != "done"}})
            continue
        for field, value in values.items():
            if tx.audit.change(entity="procedure", key=f"{vkey}/{c}", participant_id=p.study_id, field=field,
                               old=getattr(row, field), new=value):
                setattr(row, field, value)


# -- missed ------------------------------------------------------------------------------------
def miss_visit(ctx: ServiceContext, pid: str, code: str, reason: str, *, occurrence: int,
               expected_version: int | None) -> None:
    text = require_reason(reason, _("a missed visit"))
    with ctx.write() as tx:
        p, protocol, v = _visit_for_write(ctx, tx, pid, code, occurrence, expected_version)
        _require_open(p, v)
        dose = _dose_of(protocol, v)
        if dose is not None and dose > 1:  # a later dose that did not happen is "not given", with its reason
            raise ServiceError(_("{code} cannot be recorded as missed: it is the day of dose {dose}; record dose "
                                 "{dose} given on the day it is given, or not given with the reason").format(
                code=v.code, dose=dose))
        if v.kind in (VisitKind.CONDITIONING.value, VisitKind.INFUSION.value):
            raise ServiceError(_("{code} cannot be recorded as missed: re-plan the conditioning start, or "
                                 "withdraw the participant").format(code=v.code))
        _require_missable(p, v, tx.today)
        set_visit_field(p, v, tx.audit, "state", STATE_MISSED, text)
        set_visit_field(p, v, tx.audit, "reason", text, text)
        v.sequence += 1
        refresh_status(p, protocol, tx.audit)


def _require_missable(p: Participant, v: Visit, today: date) -> None:
    """Missed is what happened: a visit whose window has opened (its day, for one with no window),
    of a participant whose conditioning started (screening aside). A walk through the CLI recorded
    Month 24 missed for a participant not yet conditioned."""
    if v.kind != VisitKind.SCREENING.value and v.kind != UNSCHEDULED and p.conditioning_start_actual is None:
        raise ServiceError(_("visit {code} cannot be recorded missed before conditioning starts: conditioning "
                             "of {id} is not recorded yet").format(code=v.code, id=p.study_id))
    opens = v.earliest or v.scheduled
    if opens is not None and today < opens:
        raise ServiceError(_("visit {code} of {id} cannot be recorded missed before its window opens on {date}; "
                             "to stop the participant's visits, withdraw the participant").format(
            code=v.code, id=p.study_id, date=opens.isoformat()))


# -- unscheduled -------------------------------------------------------------------------------
def add_unscheduled_visit(ctx: ServiceContext, pid: str, on: date, reason: str,
                          procedures: Mapping[str, ProcedureOutcome] | Iterable[str] | None, *,
                          done: bool | None) -> int:
    """An unscheduled visit on ``on``. By default it is recorded as done when ``on`` is today or
    earlier (it happened) and booked when later. Returns its occurrence number."""
    text = require_reason(reason, _("an unscheduled visit"))
    check_sensible(on, _("unscheduled visit date"))
    with ctx.write() as tx:
        p = participant_for_write(ctx, tx, pid)
        protocol = protocol_of(ctx, p)
        require_active(p)
        definition = next((d for d in protocol.visits if d.kind is VisitKind.UNSCHEDULED), None)
        if definition is None:
            raise ServiceError(_("protocol {protocol} {version} has no unscheduled visit").format(
                protocol=protocol.id, version=protocol.version))
        is_done = on <= tx.today if done is None else done
        if is_done:
            not_in_future(on, tx.today, _("unscheduled visit date"))
        if p.screening_date is not None and on < p.screening_date:  # not in the study yet
            raise ServiceError(_("an unscheduled visit of {id} on {date} would be before their screening on "
                                 "{screening}").format(id=p.study_id, date=on.isoformat(),
                                                       screening=p.screening_date.isoformat()))
        occurrence = 1 + max((v.occurrence for v in p.visits if v.code == definition.code), default=0)
        anchor_d1 = p.infusion_actual or p.infusion_planned
        planned = plan_event_visit(protocol, definition.code, on, anchor_d1, site_calendar(tx.session))
        v = Visit(
            code=definition.code, occurrence=occurrence, name=definition.name, kind=definition.kind.value,
            study_day=planned.study_day if anchor_d1 else None, target=planned.target,
            earliest=planned.earliest, latest=planned.latest, scheduled=on, scheduled_time=None,
            closed_day=not site_calendar(tx.session).is_open(on), booked=True,
            actual=on if is_done else None, state=STATE_DONE if is_done else STATE_OPEN, reason=text,
            deviation=False, uid=new_uid(), sequence=0,
        )
        p.visits.append(v)
        key = visit_key(p.study_id, v.code, occurrence)
        tx.subject = (_visit_name(p, v), key)
        tx.audit.add(action="insert", entity="visit", key=key, participant_id=p.study_id, field="visit",
                     new=visit_summary(v), reason=text)
        if procedures:
            if isinstance(procedures, Mapping):
                outcomes = dict(procedures)
            else:
                outcomes = {c: ProcedureOutcome(done=True) for c in procedures} if is_done else {}
                if not is_done:
                    _plan_procedures(tx, p, protocol, v, procedures)
            if outcomes:
                record_procedures(tx, p, protocol, v, outcomes)
        return occurrence


def _plan_procedures(tx: Tx, p: Participant, protocol: Protocol, v: Visit, codes: Iterable[str]) -> None:
    """Procedures chosen for a booked unscheduled visit (outcome not recorded yet)."""
    vkey = visit_key(p.study_id, v.code, v.occurrence)
    for code in codes:
        c = code.strip().upper()
        if c not in protocol.procedures:
            raise ServiceError(_("unknown procedure code '{code}'").format(code=c))
        if any(r.code == c for r in v.procedure_records):
            continue
        v.procedure_records.append(ProcedureResult(code=c, done=None))
        tx.audit.add(action="insert", entity="procedure", key=f"{vkey}/{c}", participant_id=p.study_id,
                     field="outcome", new="planned")
