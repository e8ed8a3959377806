"""Corrections: an earlier entry was entered in error. Nothing is deleted: the value is put back
and the audit trail keeps the old value with action "correct" and the reason.

Fields that can be corrected:

- ``actual`` (visit ``code``): the visit was not done; it is open again, procedure outcomes cleared.
- ``done_date`` (visit ``code``, with ``new_date``): the visit was done, on another day; its date is
  corrected and its checklist kept (a follow-up, unscheduled or early-termination visit: the dose,
  conditioning and screening days are corrected with their own fields).
- ``missed`` (visit ``code``): the visit was not missed; it is open again.
- ``visit`` (an unscheduled visit or early termination): the whole visit was entered in error; it
  is kept, cancelled, with the reason.
- ``screening`` (participant): the screening date was wrong; the screening visit is open again.
- ``conditioning`` (participant): the actual conditioning start was wrong; conditioning days are
  open again and the calendar returns to the planned start (refused once infused).
- ``infusion`` (participant): the infusion date was wrong; Day 1 is open again and the calendar
  returns to the planned infusion (refused while later visits are recorded done).
- ``withdrawal`` (participant): the withdrawal was wrong; visits it cancelled are reopened and the
  early-termination visit it added is cancelled.
- ``dose`` (the visit a later dose is given at: D8, D15 in SSC-1B): dose 2 or 3 was recorded given
  on the wrong day, or not given, in error; it is not recorded any more (the audit trail keeps what it
  was), its visit is open again and the calendar returns to the plan (the visits a dose not given had
  cancelled are reopened). Refused while a later dose, or a visit counted from this dose, is recorded.
"""

from __future__ import annotations

from datetime import date

from ..domain.doses import counted_from_dose
from ..domain.protocol import DATED_ALONE, Anchor, Protocol, VisitKind
from ..i18n import _
from ..store.audit_replay import dose_key
from ..store.models import STATE_CANCELLED, STATE_DONE, STATE_MISSED, STATE_OPEN, Participant, Visit
from .calendar import apply_moves, participant_schedule, plan_moves
from .context import ServiceContext, Tx
from .doses import not_given_prefix
from .errors import ServiceError
from .guards import (
    find_visit,
    not_given_note,
    not_in_future,
    participant_for_write,
    protocol_of,
    refresh_status,
    require_reason,
    set_field,
    set_visit_field,
)
from .site import site_calendar
from .visits import check_done_order
from .withdrawal import WITHDRAWAL_CANCEL_PREFIX

VISIT_FIELDS = ("actual", "done_date", "missed", "visit")
PARTICIPANT_FIELDS = ("screening", "conditioning", "infusion", "withdrawal")
DOSE_FIELD = "dose"
CORRECTABLE = (*VISIT_FIELDS, DOSE_FIELD, *PARTICIPANT_FIELDS)
CORRECT = "correct"


def correct_entry(ctx: ServiceContext, pid: str, code: str | None, occurrence: int, field: str, reason: str, *,
                  expected_version: int | None, new_date: date | None = None) -> None:
    """``new_date``: for ``done_date``, the day the visit was done."""
    text = require_reason(reason, _("a correction"))
    what = field.strip().lower().replace("-", "_")
    if what not in CORRECTABLE:
        raise ServiceError(_("cannot correct '{field}': use one of {fields}").format(field=field,
                                                                                  fields=", ".join(CORRECTABLE)))
    note = f"entered in error: {text}"  # stored: never translated
    with ctx.write() as tx:
        p = participant_for_write(ctx, tx, pid, expected_version if code is None else None)
        protocol = protocol_of(ctx, p)
        if what == DOSE_FIELD:
            _undo_dose(ctx, tx, p, protocol, code, note)
        elif what in VISIT_FIELDS:
            if not code:
                raise ServiceError(_("correcting '{field}' needs the visit code").format(field=what))
            v = find_visit(protocol, p, code, occurrence)
            ctx.check_version(tx, v.version, expected_version)
            if what == "done_date":
                _redate_done(tx, p, protocol, v, new_date, note)
            else:
                {"actual": _undo_done, "missed": _undo_missed, "visit": _visit_in_error}[what](tx, p, v, note)
            if v.kind == VisitKind.CONDITIONING.value and p.infusion_actual is None:
                _replan(ctx, tx, p, note)  # a late last day no longer holds the planned infusion back
        else:
            {"screening": _undo_screening, "conditioning": _undo_conditioning, "infusion": _undo_infusion,
             "withdrawal": _undo_withdrawal}[what](ctx, tx, p, note)
        refresh_status(p, protocol, tx.audit, note)


def _reopen(tx: Tx, p: Participant, v: Visit, note: str) -> None:
    set_visit_field(p, v, tx.audit, "actual", None, note, CORRECT)
    set_visit_field(p, v, tx.audit, "state", STATE_OPEN, note, CORRECT)
    set_visit_field(p, v, tx.audit, "deviation", False, note, CORRECT)
    for r in v.procedure_records:
        for name in ("done", "not_done_reason", "time_done", "sample_id"):
            if tx.audit.change(entity="procedure", key=f"{p.study_id}/{v.code}#{v.occurrence}/{r.code}",
                               participant_id=p.study_id, field=name, old=getattr(r, name), new=None,
                               reason=note, action=CORRECT):
                setattr(r, name, None)
    v.sequence += 1


def _undo_done(tx: Tx, p: Participant, v: Visit, note: str) -> None:
    if v.state != STATE_DONE:
        raise ServiceError(_("visit {code} of {id} is not recorded as done").format(code=v.code, id=p.study_id))
    kind = VisitKind(v.kind)
    if kind is VisitKind.INFUSION:
        raise ServiceError(_("a dose visit is not corrected with 'actual': dose 1 (the infusion) is corrected with "
                             "the 'infusion' field, a later dose with the 'dose' field"))
    if kind is VisitKind.SCREENING:
        raise ServiceError(_("the screening visit is corrected with the 'screening' field"))
    if kind is VisitKind.CONDITIONING and v.occurrence == 1 and v.actual == p.conditioning_start_actual:
        raise ServiceError(_("the first conditioning day is corrected with the 'conditioning' field"))
    _reopen(tx, p, v, note)


def _redate_done(tx: Tx, p: Participant, protocol: Protocol, v: Visit, new_date: date | None, note: str) -> None:
    """The visit was done on ``new_date``, not on the day recorded: that date alone is corrected (the
    checklist stays), and whether it is outside the window follows it. A visit whose date anchors
    others (the infusion, a dose, conditioning, screening) is corrected with its own field."""
    if new_date is None:
        raise ServiceError(_("correcting 'done_date' needs the date the visit was done (--date)"))
    if v.state != STATE_DONE or v.actual is None:
        raise ServiceError(_("visit {code} of {id} is not recorded as done").format(code=v.code, id=p.study_id))
    kind = VisitKind(v.kind)
    if kind is VisitKind.INFUSION:
        raise ServiceError(_("a dose visit is not corrected with 'done_date': dose 1 (the infusion) is corrected with "
                             "the 'infusion' field, a later dose with the 'dose' field"))
    if kind not in DATED_ALONE:  # screening, conditioning: other visits' dates hang on theirs
        raise ServiceError(_("the screening and conditioning days are corrected with the 'screening', 'conditioning' "
                             "or 'actual' field, then recorded again: their dates decide other visits' dates"))
    not_in_future(new_date, tx.today, _("date of visit {code}").format(code=v.code))
    if new_date == v.actual:
        raise ServiceError(_("visit {code} of {id} cannot be corrected to the day it already has ({date})").format(
            code=v.code, id=p.study_id, date=new_date.isoformat()))
    check_done_order(p, protocol, v, new_date)
    set_visit_field(p, v, tx.audit, "actual", new_date, note, CORRECT)
    if v.earliest is not None and v.latest is not None:
        set_visit_field(p, v, tx.audit, "deviation", not v.earliest <= new_date <= v.latest, note, CORRECT)
    v.sequence += 1


def _undo_missed(tx: Tx, p: Participant, v: Visit, note: str) -> None:
    if v.state != STATE_MISSED:
        raise ServiceError(_("visit {code} of {id} is not recorded as missed").format(code=v.code, id=p.study_id))
    set_visit_field(p, v, tx.audit, "state", STATE_OPEN, note, CORRECT)
    set_visit_field(p, v, tx.audit, "reason", None, note, CORRECT)
    v.sequence += 1


def _visit_in_error(tx: Tx, p: Participant, v: Visit, note: str) -> None:
    if v.kind not in (VisitKind.UNSCHEDULED.value, VisitKind.TERMINATION.value):
        raise ServiceError(_("{code} is on the fixed calendar: correct its 'actual' or 'missed' entry instead").format(
            code=v.code))
    if v.state == STATE_CANCELLED:
        raise ServiceError(_("visit {code} #{occurrence} of {id} is already cancelled").format(
            code=v.code, occurrence=v.occurrence, id=p.study_id))
    set_visit_field(p, v, tx.audit, "state", STATE_CANCELLED, note, CORRECT)
    set_visit_field(p, v, tx.audit, "reason", note, note, CORRECT)
    v.sequence += 1


def _undo_screening(ctx: ServiceContext, tx: Tx, p: Participant, note: str) -> None:
    if p.screening_date is None:
        raise ServiceError(_("no screening date is recorded for {id}").format(id=p.study_id))
    set_field(p, tx.audit, "screening_date", None, note, CORRECT)
    for v in p.visits:
        if v.kind == VisitKind.SCREENING.value and v.state == STATE_DONE:
            _reopen(tx, p, v, note)


def _replan(ctx: ServiceContext, tx: Tx, p: Participant, note: str) -> None:
    protocol = protocol_of(ctx, p)
    schedule = participant_schedule(protocol, p, site_calendar(tx.session), happened=())
    if schedule is None:
        return
    apply_moves(p, plan_moves(list(p.visits), schedule, protocol, dose_note=not_given_note(p)), tx.audit, note)
    set_field(p, tx.audit, "infusion_planned", schedule.infusion if p.infusion_actual is None
              else p.infusion_planned, note, CORRECT)


def _undo_conditioning(ctx: ServiceContext, tx: Tx, p: Participant, note: str) -> None:
    if p.conditioning_start_actual is None:
        raise ServiceError(_("no conditioning start is recorded for {id}").format(id=p.study_id))
    if p.infusion_actual is not None:
        raise ServiceError(_("{id} was infused on {date}: correct the infusion first").format(
            id=p.study_id, date=p.infusion_actual))
    protocol = protocol_of(ctx, p)
    for v in p.visits:
        if v.kind == VisitKind.CONDITIONING.value and v.state == STATE_DONE:
            _reopen(tx, p, v, note)
        elif v.state == STATE_DONE and protocol.visit(v.code).anchor is not Anchor.EVENT \
                and v.kind != VisitKind.SCREENING.value:
            raise ServiceError(_("visit {code} is recorded done: correct it first").format(code=v.code))
    set_field(p, tx.audit, "conditioning_start_actual", None, note, CORRECT)
    _replan(ctx, tx, p, note)


def _undo_infusion(ctx: ServiceContext, tx: Tx, p: Participant, note: str) -> None:
    if p.infusion_actual is None:
        raise ServiceError(_("no infusion is recorded for {id}").format(id=p.study_id))
    if p.doses:
        later = p.doses[0]
        raise ServiceError(_("dose {dose} of {id} is recorded after the infusion: a correction of the infusion "
                             "date is refused once a later dose is recorded").format(dose=later.number,
                                                                                    id=p.study_id))
    protocol = protocol_of(ctx, p)
    for v in p.visits:
        definition = next((d for d in protocol.visits if d.code == v.code), None)
        if (definition is not None and definition.after_infusion and definition.dose_number != 1
                and v.state == STATE_DONE):
            raise ServiceError(_("visit {code} is recorded done after the infusion: correct it first").format(
                code=v.code))
    for v in p.visits:
        if v.kind == VisitKind.INFUSION.value and v.state == STATE_DONE:
            _reopen(tx, p, v, note)
    set_field(p, tx.audit, "infusion_actual", None, note, CORRECT)
    _replan(ctx, tx, p, note)


def _undo_dose(ctx: ServiceContext, tx: Tx, p: Participant, protocol: Protocol, code: str | None,
               note: str) -> None:
    """The later dose given at visit ``code`` (D8: dose 2) recorded in error, given or not given."""
    if not code:
        raise ServiceError(_("correcting 'dose' needs the code of the visit the dose is given at (D8, D15)"))
    v = find_visit(protocol, p, code, 1)
    definition = next((d for d in protocol.visits if d.code == v.code), None)
    number = definition.dose_number if definition is not None else None
    if number == 1:
        raise ServiceError(_("dose 1 is the infusion: correct it with the 'infusion' field"))
    if number is None:
        raise ServiceError(_("visit {code} is not the visit a later dose is given at").format(code=v.code))
    if p.withdrawal_date is not None:
        raise ServiceError(_("{id} is withdrawn: correct the withdrawal first").format(id=p.study_id))
    dose = next((d for d in p.doses if d.number == number), None)
    if dose is None:
        raise ServiceError(_("dose {dose} of {id} is not recorded: there is nothing to correct").format(
            dose=number, id=p.study_id))
    later = next((d for d in p.doses if d.number > number), None)
    if later is not None:
        raise ServiceError(_("dose {later} of {id} is recorded after dose {dose}: correct dose {later} first").format(
            later=later.number, id=p.study_id, dose=number))
    for x in p.visits:
        if x.state == STATE_DONE and x.code != v.code and counted_from_dose(protocol, x.code, number):
            raise ServiceError(_("visit {code} is recorded done after dose {dose}: correct it first").format(
                code=x.code, dose=number))
    if dose.given_on is not None and v.state == STATE_DONE:
        _reopen(tx, p, v, note)
    old = {"given_on": dose.given_on, "not_given_reason": dose.not_given_reason}
    p.doses.remove(dose)
    tx.session.delete(dose)  # the record goes; the audit row below keeps what it said
    tx.audit.add(action=CORRECT, entity="dose", key=dose_key(p.study_id, number), participant_id=p.study_id,
                 field="dose", old=old, new=None, reason=note)
    schedule = participant_schedule(protocol, p, site_calendar(tx.session))
    if schedule is not None:
        moves = plan_moves(list(p.visits), schedule, protocol, dose_note=not_given_note(p),
                           revive=not_given_prefix(number) if dose.given_on is None else None)
        apply_moves(p, moves, tx.audit, note)


def _undo_withdrawal(ctx: ServiceContext, tx: Tx, p: Participant, note: str) -> None:
    if p.withdrawal_date is None:
        raise ServiceError(_("{id} is not withdrawn").format(id=p.study_id))
    for v in p.visits:
        if v.state in (STATE_CANCELLED, STATE_MISSED) and (v.reason or "").startswith(WITHDRAWAL_CANCEL_PREFIX):
            set_visit_field(p, v, tx.audit, "state", STATE_OPEN, note, CORRECT)
            set_visit_field(p, v, tx.audit, "reason", None, note, CORRECT)
            v.sequence += 1
        elif v.kind == VisitKind.TERMINATION.value and v.state == STATE_OPEN:
            _visit_in_error(tx, p, v, note)
    set_field(p, tx.audit, "withdrawal_date", None, note, CORRECT)
    set_field(p, tx.audit, "withdrawal_reason", None, note, CORRECT)
