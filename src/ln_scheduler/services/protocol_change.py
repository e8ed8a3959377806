"""Moving a participant to an amended version of the protocol: explicit, previewed, audited.
Otherwise a participant's calendar keeps the protocol version that built it. The participant keeps
their cohort: the calendar moves to that cohort's view of the new version (a version without the
cohort is refused). :func:`target_preview` and :func:`apply_target` also move a participant to
another cohort of their version (:mod:`cohorts`)."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from ..domain.participant_status import ParticipantStatus
from ..domain.protocol import Protocol
from ..domain.schedule import Schedule
from ..i18n import _
from ..store.models import STATE_CANCELLED, STATE_OPEN, Participant, Visit
from .calendar import Move, apply_moves, participant_schedule, plan_moves, undated_visit, visit_key, visit_summary
from .calendar import preview as make_preview
from .context import ServiceContext, Tx
from .errors import ServiceError
from .guards import (
    load_participant_row,
    not_given_note,
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
        raise ServiceError(_("{id} has completed the study: an amendment no longer changes their calendar").format(
            id=p.study_id))
    if protocol.id != p.protocol_id:
        raise ServiceError(_("{id} follows protocol {protocol}; {other} is a different protocol, not an "
                             "amendment of it").format(id=p.study_id, protocol=p.protocol_id, other=protocol.id))
    if protocol.version == p.protocol_version:
        raise ServiceError(_("{id} already follows {protocol} version {version}").format(
            id=p.study_id, protocol=protocol.id, version=protocol.version))


def _moves(ctx: ServiceContext, session: Session, p: Participant, protocol: Protocol,
           revive: str | None = None) -> tuple[Schedule | None, list[Move]]:
    schedule = participant_schedule(protocol, p, site_calendar(session))
    if schedule is None:
        return None, []
    return schedule, plan_moves(list(p.visits), schedule, protocol, protocol_change=True, dose_note=not_given_note(p),
                                revive=revive)


def target_preview(ctx: ServiceContext, session: Session, p: Participant, target: Protocol,
                   description: str, revive: str | None = None) -> SchedulePreview:
    """Every visit moving ``p`` onto ``target`` (a cohort's view of a version) adds, cancels or moves.
    ``revive``: visits cancelled with a reason starting so, that ``target`` has, come back (reopened)."""
    schedule, moves = _moves(ctx, session, p, target, revive)
    if schedule is None:
        return SchedulePreview(p.study_id, description, tuple(c for c, _stored in _undated_changes(p, target, revive)),
                               version=p.version)
    return replace(make_preview(p.study_id, description, moves, schedule.warnings), version=p.version)


def _description(p: Participant, protocol: Protocol) -> str:
    """What the preview says it does, in the interface language (shown, never stored)."""
    return _("move {id} from protocol {protocol} version {old} to version {new}").format(
        id=p.study_id, protocol=p.protocol_id, old=p.protocol_version, new=protocol.version)


def preview(ctx: ServiceContext, pid: str, protocol: Protocol) -> SchedulePreview:
    with ctx.read() as session:
        p = load_participant_row(session, pid)
        _check(ctx, p, protocol)
        return target_preview(ctx, session, p, protocol.for_cohort(p.cohort), _description(p, protocol))


def _undated_changes(p: Participant, protocol: Protocol,
                     revive: str | None = None) -> list[tuple[VisitChange, Visit | None]]:
    """The changes of an undated calendar, each with the stored visit it reopens or cancels (None: a
    visit to add)."""
    revivable = {v.code: v for v in p.visits if revive is not None and v.occurrence == 1
                 and v.state == STATE_CANCELLED and (v.reason or "").startswith(revive)}
    have = {v.code for v in p.visits} - revivable.keys()
    want = {d.code for d in protocol.calendar_visits}
    added = [(VisitChange(d.code, 1, d.name, None, None, None, None, None, None, None, None, added=True),
              revivable.get(d.code)) for d in protocol.calendar_visits if d.code not in have]
    removed = [(VisitChange(v.code, v.occurrence, v.name, None, None, None, None, None, None, None, None,
                            removed=True), v) for v in p.visits if v.code not in want and v.state == STATE_OPEN
               and v.kind in {"screening", "conditioning", "infusion", "follow-up"}]
    return added + removed


def change(ctx: ServiceContext, pid: str, protocol: Protocol, reason: str, *, expected_version: int | None) -> None:
    text = require_reason(reason, _("a protocol change"))
    with ctx.write() as tx:
        p = participant_for_write(ctx, tx, pid, expected_version)
        _check(ctx, p, protocol)
        target = protocol.for_cohort(p.cohort)  # a version without the participant's cohort is refused here
        ctx.protocols.ensure_stored(tx.session, protocol, tx.now, tx.audit)
        apply_target(ctx, tx, p, target, text, f"not in protocol {protocol.id} version {protocol.version}")
        set_field(p, tx.audit, "protocol_version", protocol.version, text)
        refresh_status(p, protocol_of(ctx, p), tx.audit, text)


def apply_target(ctx: ServiceContext, tx: Tx, p: Participant, protocol: Protocol, text: str, gone: str,
                 revive: str | None = None) -> None:
    """Put ``p``'s calendar on ``protocol`` (a cohort's view): visits it adds are added (or, cancelled
    earlier with a reason starting with ``revive``, reopened), open visits it no longer has are
    cancelled (reason ``gone``), the others move; names follow the new view."""
    schedule, moves = _moves(ctx, tx.session, p, protocol, revive)
    if schedule is None:
        for c, stored in _undated_changes(p, protocol, revive):
            if c.added and stored is not None:
                reopen_visit(tx, p, stored, text)
            elif c.added:
                v = undated_visit(protocol.visit(c.code))
                p.visits.append(v)
                tx.audit.add(action="insert", entity="visit", key=visit_key(p.study_id, v.code, 1),
                             participant_id=p.study_id, field="visit", new=visit_summary(v), reason=text)
            elif stored is not None:
                set_visit_field(p, stored, tx.audit, "state", STATE_CANCELLED, text)
                set_visit_field(p, stored, tx.audit, "reason", gone, text)
    else:
        apply_moves(p, moves, tx.audit, text, cancel_reason=gone)
        set_field(p, tx.audit, "infusion_planned", schedule.infusion if p.infusion_actual is None
                  else p.infusion_planned, text)
    names = {d.code: d.name for d in protocol.visits}
    for v in p.visits:  # the same code may be named differently in the new view (D1: "TAK-007 dose 1")
        if v.code in names and v.name != names[v.code] and v.kind != "unscheduled":
            set_visit_field(p, v, tx.audit, "name", names[v.code], text)


def reopen_visit(tx: Tx, p: Participant, v: Visit, text: str) -> None:
    """A visit cancelled by an earlier move (another cohort) is on the calendar again."""
    set_visit_field(p, v, tx.audit, "state", STATE_OPEN, text)
    set_visit_field(p, v, tx.audit, "reason", None, text)
    v.sequence += 1
