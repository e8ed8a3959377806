"""Later doses (dose 2, 3, ... of a multi-dose cohort): recorded given on a date, or not given with a
reason. Dose 1 is the infusion (:mod:`anchors`), so ``number`` 1 goes there.

As for the infusion and the withdrawal, the preview and the save are one code path: :func:`_given`
and :func:`_not_given` decide, for the participant as stored, every visit that moves or is cancelled;
the preview reports that plan and the save writes it, refusing (ConflictError) when the preview the
user confirmed is no longer what would be written. The rules themselves (interval after the previous
dose, order, "not given" ends the doses) are the domain's (:mod:`ln_scheduler.domain.doses`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy.orm import Session

from ..domain.dates import check_sensible
from ..domain.doses import check_dose, check_not_given, counted_from_dose, name_counted_from
from ..domain.protocol import Anchor, Protocol
from ..domain.schedule import Anchors
from ..i18n import _
from ..store.audit_replay import dose_key
from ..store.models import STATE_DONE, STATE_OPEN, Dose, Participant
from . import anchors
from .calendar import Move, apply_moves, done_codes, plan_moves, schedule_for
from .calendar import preview as make_preview
from .context import ServiceContext, Tx
from .errors import ServiceError
from .guards import (
    given_doses,
    last_recorded_conditioning,
    load_participant_row,
    not_given_from,
    not_given_note,
    not_in_future,
    participant_for_write,
    protocol_of,
    refresh_status,
    require_active,
    require_reason,
    set_visit_field,
)
from .records import SchedulePreview
from .site import site_calendar


@dataclass(frozen=True)
class _Plan:
    """What recording one dose does to one stored participant."""

    description: str
    moves: list[Move]
    warnings: tuple[str, ...]

    def preview(self, p: Participant) -> SchedulePreview:
        return replace(make_preview(p.study_id, self.description, self.moves, self.warnings), version=p.version)


def _anchors(p: Participant) -> Anchors:
    c1 = p.conditioning_start_actual or p.conditioning_start_planned
    if c1 is None or p.infusion_actual is None:
        raise ServiceError(_("dose 1 (the infusion) of {id} is not recorded: record the conditioning and the "
                             "infusion first").format(id=p.study_id))
    return Anchors(c1, p.infusion_actual, last_recorded_conditioning(p), doses=given_doses(p),
                   not_given_from=not_given_from(p))


def _not_recorded_yet(p: Participant, number: int, on: date | None = None) -> None:
    """A dose is recorded once: given, or not given (which ends the doses). ``on``: the date dose
    ``number`` would be recorded given on (None: it would be recorded not given), named in the refusal."""
    first_not_given = not_given_from(p)
    for d in p.doses:
        if d.number == number and d.given_on is not None:
            raise ServiceError(_("dose {dose} of {id} is already recorded as given on {date}").format(
                dose=number, id=p.study_id, date=d.given_on.isoformat()))
    if first_not_given is None or number < first_not_given:
        return
    ended = (_("dose {first} was recorded not given").format(first=first_not_given) if number == first_not_given
             else _("dose {first} was recorded not given, so dose {dose} was not given either").format(
                 first=first_not_given, dose=number))
    if on is not None:
        raise ServiceError(_("dose {dose} of {id} on {date} cannot be recorded: {why}").format(
            dose=number, id=p.study_id, date=on.isoformat(), why=ended))
    raise ServiceError(_("dose {dose} of {id} cannot be recorded not given: {why}").format(
        dose=number, id=p.study_id, why=ended))


def dose_visit_code(protocol: Protocol, number: int) -> str | None:
    """The visit at which dose ``number`` is given (D1, D8, D15 in SSC-1B)."""
    return next((v.code for v in protocol.visits if v.dose_number == number), None)


def _given(ctx: ServiceContext, session: Session, today: date, p: Participant, number: int, on: date) -> _Plan:
    """Dose ``number`` (2 or later) given on ``on``: checked, and every visit it moves."""
    require_active(p)
    check_sensible(on, _("dose {dose} date").format(dose=number))
    protocol = protocol_of(ctx, p)
    _not_recorded_yet(p, number, on)
    now = _anchors(p)
    not_in_future(on, today, _("dose {dose} date").format(dose=number))
    warnings = check_dose(protocol, number, on, now)  # ScheduleError, one line naming the dates
    code = dose_visit_code(protocol, number)
    early = [v for v in p.visits if v.state == STATE_DONE and v.actual is not None and v.actual < on
             and v.code != code and counted_from_dose(protocol, v.code, number)]
    if early:
        assert early[0].actual is not None  # the list keeps only visits done on a day
        raise ServiceError(_("visit {code} is recorded as done on {date}, but a visit counted from dose {dose} "
                             "({dose_date}) cannot be done before it").format(
            code=early[0].code, date=early[0].actual.isoformat(), dose=number, dose_date=on.isoformat()))
    schedule = schedule_for(protocol, now.conditioning_start, p.infusion_actual, site_calendar(session),
                            last_conditioning=now.last_conditioning,
                            happened=done_codes(p.visits) | ({code} if code else set()),
                            doses={**now.doses, number: on}, not_given_from=now.not_given_from)
    moves = plan_moves(list(p.visits), schedule, protocol, dose_note=not_given_note(p))
    warnings = tuple(dict.fromkeys((*warnings, *_not_said_before(protocol, session, p, now, schedule.warnings))))
    return _Plan(_("record dose {dose} on {date}").format(dose=number, date=on.isoformat()), moves, warnings)


def _not_given(ctx: ServiceContext, session: Session, p: Participant, number: int, note: str | None) -> _Plan:
    """Dose ``number`` and every later dose not given: the visits that hang on them are cancelled
    (with ``note`` as their reason), the DLT visit moves to the last dose given."""
    require_active(p)
    protocol = protocol_of(ctx, p)
    if number == 1:
        raise ServiceError(_("dose 1 is the infusion: it cannot be recorded not given (a participant not infused "
                             "is withdrawn instead: 'withdraw {id}')").format(id=p.study_id))
    _not_recorded_yet(p, number)
    now = _anchors(p)
    check_not_given(protocol, number, now)
    schedule = schedule_for(protocol, now.conditioning_start, p.infusion_actual, site_calendar(session),
                            last_conditioning=now.last_conditioning, happened=done_codes(p.visits),
                            doses=now.doses, not_given_from=number)
    moves = plan_moves(list(p.visits), schedule, protocol, dose_note=note)
    for m in moves:  # the DLT visit as it will read: counted from the last dose given
        if m.definition is not None and m.definition.anchor is Anchor.LAST_DOSE:
            m.change = replace(m.change, name=name_counted_from(m.change.name, protocol.dose_count, number))
    return _Plan(_("record dose {dose} (and every later dose) not given").format(dose=number), moves,
                 _not_said_before(protocol, session, p, now, schedule.warnings))


def _not_said_before(protocol: Protocol, session: Session, p: Participant, now: Anchors,
                     warnings: tuple[str, ...]) -> tuple[str, ...]:
    """The schedule re-checks every dose and every fixed day: what it already said before this record
    (an infusion recorded late, warned of and accepted then; a past day on a closed day) is not said
    again. Each warning once."""
    before = schedule_for(protocol, now.conditioning_start, p.infusion_actual, site_calendar(session),
                          last_conditioning=now.last_conditioning, happened=done_codes(p.visits),
                          doses=now.doses, not_given_from=now.not_given_from).warnings
    return tuple(w for w in dict.fromkeys(warnings) if w not in before)


# -- given -------------------------------------------------------------------------------------
def preview_dose(ctx: ServiceContext, pid: str, number: int, on: date) -> SchedulePreview:
    if number == 1:
        return anchors.preview_infusion(ctx, pid, on)
    with ctx.read() as session:
        p = load_participant_row(session, pid)
        return _given(ctx, session, ctx.today(), p, number, on).preview(p)


def record_dose(ctx: ServiceContext, pid: str, number: int, on: date, *, expected_version: int | None,
                preview: SchedulePreview | None = None) -> None:
    if preview is not None:
        _same_participant(preview, pid)
        expected_version = preview.version if expected_version is None else expected_version
    with ctx.write() as tx:
        p = participant_for_write(ctx, tx, pid, expected_version)
        if number == 1:
            _check_preview(ctx, tx, anchors.infusion_preview_of(ctx, tx.session, tx.today, p, on), preview)
            anchors.record_infusion_in(ctx, tx, p, on)
            return
        record_dose_in(ctx, tx, p, number, on, preview)


def record_dose_in(ctx: ServiceContext, tx: Tx, p: Participant, number: int, on: date,
                   preview: SchedulePreview | None = None) -> None:
    """Dose ``number`` (2 or later) given on ``on``, inside an open transaction (also completing the
    visit the dose is given at, D8 or D15, records it)."""
    plan = _given(ctx, tx.session, tx.today, p, number, on)
    _check_preview(ctx, tx, plan.preview(p), preview)
    apply_moves(p, plan.moves, tx.audit, None)
    _add_dose(tx, p, number, on, None, None)
    protocol = protocol_of(ctx, p)
    code = dose_visit_code(protocol, number)
    v = next((x for x in p.visits if x.code == code and x.occurrence == 1), None)
    if v is not None and v.state == STATE_OPEN:
        set_visit_field(p, v, tx.audit, "actual", on)
        set_visit_field(p, v, tx.audit, "state", STATE_DONE)
        v.sequence += 1
    refresh_status(p, protocol, tx.audit)


# -- not given -----------------------------------------------------------------------------------
def preview_not_given(ctx: ServiceContext, pid: str, number: int) -> SchedulePreview:
    with ctx.read() as session:
        p = load_participant_row(session, pid)
        return _not_given(ctx, session, p, number, None).preview(p)


def record_not_given(ctx: ServiceContext, pid: str, number: int, reason: str, *, expected_version: int | None,
                     preview: SchedulePreview | None = None) -> None:
    text = require_reason(reason, _("dose {dose} not given").format(dose=number))
    if preview is not None:
        _same_participant(preview, pid)
        expected_version = preview.version if expected_version is None else expected_version
    note = f"{not_given_prefix(number)}: {text}"  # stored: never translated
    with ctx.write() as tx:
        p = participant_for_write(ctx, tx, pid, expected_version)
        plan = _not_given(ctx, tx.session, p, number, note)
        _check_preview(ctx, tx, plan.preview(p), preview)
        apply_moves(p, plan.moves, tx.audit, text)
        _add_dose(tx, p, number, None, text, text)
        refresh_status(p, protocol_of(ctx, p), tx.audit, text)


# -- shared ----------------------------------------------------------------------------------------
def not_given_prefix(number: int) -> str:
    """How the reason stored on the visits a dose not given cancelled begins (English: stored)."""
    return f"dose {number} not given"


def _add_dose(tx: Tx, p: Participant, number: int, on: date | None, not_given: str | None,
              reason: str | None) -> None:
    p.doses.append(Dose(number=number, given_on=on, not_given_reason=not_given))
    tx.audit.add(action="insert", entity="dose", key=dose_key(p.study_id, number), participant_id=p.study_id,
                 field="dose", new={"given_on": on, "not_given_reason": not_given}, reason=reason)


def _same_participant(preview: SchedulePreview, pid: str) -> None:
    if preview.participant_id != pid.strip():
        raise ServiceError(_("the preview is of participant {shown}, not of {id}").format(
            shown=preview.participant_id, id=pid.strip()))


def _check_preview(ctx: ServiceContext, tx: Tx, planned: SchedulePreview, shown: SchedulePreview | None) -> None:
    """The save writes what was previewed, or nothing: a visit recorded, booked or moved at another
    workstation since the preview changes the plan, and the user must see the new one first."""
    if shown is None:
        return
    if (planned.description, planned.changes, planned.warnings) != (shown.description, shown.changes, shown.warnings):
        raise ctx.conflict(tx.subject)
