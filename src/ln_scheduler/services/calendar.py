"""Putting what the domain planned onto stored visits: the first calendar, re-anchoring after the
conditioning start or the infusion moves, and a move to another protocol version.

One function computes the moves (:func:`plan_moves`); the preview shows them and the write applies
them, so what the coordinator confirmed is exactly what is written. Visits already done, missed or
cancelled never move, except that one recorded before its calendar had dates (screening done
before conditioning was planned) gets its target and window then, and is flagged when it was done
outside that window; an appointment the site booked stays while it is still inside its new
window, otherwise it is replaced by the new suggested date and reported as needing a new booking.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..domain.protocol import Anchor, Protocol, VisitDefinition
from ..domain.schedule import Anchors, PlannedVisit, Schedule, plan_schedule
from ..domain.site_calendar import SiteCalendar
from ..domain.study_days import study_day
from ..i18n import _
from ..store.audit import AuditWriter
from ..store.models import STATE_CANCELLED, STATE_DONE, STATE_OPEN, Participant, Visit
from .guards import given_doses, last_recorded_conditioning, not_given_from
from .guards import visit_key as visit_key  # re-exported: the writers import it from here
from .records import SchedulePreview, VisitChange

AUDITED_VISIT_FIELDS = ("target", "earliest", "latest", "scheduled", "scheduled_time", "booked")


def new_uid() -> str:
    """A random calendar UID: stable for the visit's life, never derived from identifying data."""
    return f"{uuid.uuid4()}@ln-scheduler"


def schedule_for(protocol: Protocol, c1: date, infusion: date | None, calendar: SiteCalendar, *,
                 last_conditioning: date | None = None, happened: Collection[str] = (),
                 doses: Mapping[int, date] | None = None, not_given_from: int | None = None) -> Schedule:
    """``last_conditioning``: the last conditioning day recorded, if any (the infusion keeps its gap after it).
    ``happened``: codes of visits already done (no closed-day warning about them). ``doses``: later doses
    recorded given (number -> date); ``not_given_from``: the first dose recorded not given."""
    return plan_schedule(protocol, Anchors(c1, infusion, last_conditioning, doses=dict(doses or {}),
                                           not_given_from=not_given_from), calendar, happened=happened)


def participant_schedule(protocol: Protocol, p: Participant, calendar: SiteCalendar, *,
                         happened: Collection[str] | None = None) -> Schedule | None:
    """The calendar of a stored participant from everything recorded (conditioning start, last
    conditioning day, infusion, later doses given or not); None while no conditioning start is planned."""
    c1 = p.conditioning_start_actual or p.conditioning_start_planned
    if c1 is None:
        return None
    return schedule_for(protocol, c1, p.infusion_actual, calendar, last_conditioning=last_recorded_conditioning(p),
                        happened=done_codes(p.visits) if happened is None else happened,
                        doses=given_doses(p), not_given_from=not_given_from(p))


def done_codes(visits: Iterable[Visit]) -> frozenset[str]:
    """The codes of the stored visits recorded as done."""
    return frozenset(v.code for v in visits if v.state == STATE_DONE)


@dataclass
class Move:
    """One visit's new values (``visit`` None: a visit to create; ``cancel``: to cancel)."""

    visit: Visit | None
    planned: PlannedVisit | None
    definition: VisitDefinition | None
    change: VisitChange
    study_day: int | None
    keep_booking: bool = False
    cancel: bool = False
    date_only: bool = False  # a visit recorded while undated: gets target and window, nothing else
    cancel_reason: str | None = None  # why it is cancelled, when not the write's own reason (a dose not given)
    reopen: bool = False  # a visit cancelled by an earlier cohort change, on the calendar again


def plan_moves(visits: list[Visit], schedule: Schedule, protocol: Protocol, *,
               protocol_change: bool = False, dose_note: str | None = None, revive: str | None = None) -> list[Move]:
    """The moves that put ``schedule`` on ``visits`` (every visit, moving or not). A planned visit
    the schedule cancels (it hangs on a dose not given) cancels the open stored visit, with
    ``dose_note`` as its reason ("dose 2 not given: ..."), and is never added. ``revive``: a stored
    visit cancelled with a reason starting so (by an earlier cohort change) that the schedule has again
    is reopened and dated, shown as added."""
    d1 = schedule.infusion
    by_code = {(v.code, v.occurrence): v for v in visits}
    moves: list[Move] = []
    planned_codes = set()
    for p in schedule.visits:
        planned_codes.add(p.code)
        v = by_code.get((p.code, 1))
        definition: VisitDefinition | None = protocol.visit(p.code)  # None below: a visit no longer defined
        if p.cancelled:
            if v is not None and v.state == STATE_OPEN:
                change = VisitChange(v.code, v.occurrence, v.name, v.target, None, v.earliest, None, v.latest,
                                     None, v.scheduled, None, v.study_day, None, booked=bool(v.booked),
                                     removed=True)
                moves.append(Move(v, None, definition, change, v.study_day, cancel=True, cancel_reason=dose_note))
            elif v is not None:
                day = study_day(v.target, d1) if v.target else None
                moves.append(Move(v, None, definition, _same(v, day), day))
            continue
        if v is None:
            change = VisitChange(p.code, 1, p.name, None, p.target, None, p.earliest, None, p.latest, None,
                                 p.scheduled, None, p.study_day, added=True)
            moves.append(Move(None, p, definition, change, p.study_day))
            continue
        if revive is not None and v.state == STATE_CANCELLED and (v.reason or "").startswith(revive):
            change = VisitChange(v.code, v.occurrence, p.name, None, p.target, None, p.earliest, None, p.latest,
                                 None, p.scheduled, None, p.study_day, added=True)
            moves.append(Move(v, p, definition, change, p.study_day, reopen=True))
            continue
        if v.state != STATE_OPEN and v.target is None:
            change = VisitChange(v.code, v.occurrence, p.name, None, p.target, None, p.earliest, None, p.latest,
                                 v.scheduled, v.scheduled, None, p.study_day, booked=bool(v.booked))
            moves.append(Move(v, p, definition, change, p.study_day, date_only=True))
            continue
        if v.state != STATE_OPEN:
            day = study_day(v.target, d1) if v.target else None
            moves.append(Move(v, None, definition, _same(v, day), day))
            continue
        keep = bool(v.booked and v.scheduled and p.earliest <= v.scheduled <= p.latest)
        scheduled = v.scheduled if keep else p.scheduled
        change = VisitChange(
            v.code, v.occurrence, p.name, v.target, p.target, v.earliest, p.earliest, v.latest, p.latest,
            v.scheduled, scheduled, v.study_day, p.study_day, booked=bool(v.booked),
            rebook=bool(v.booked and not keep and v.scheduled != p.scheduled),
        )
        moves.append(Move(v, p, definition, change, p.study_day, keep_booking=keep))
    for v in visits:
        if v.code in planned_codes:
            continue
        day = study_day(v.target, d1) if v.target else None
        definition = next((d for d in protocol.visits if d.code == v.code), None)
        fixed = definition is None or definition.anchor is not Anchor.EVENT
        if protocol_change and fixed and v.state == STATE_OPEN:
            change = VisitChange(v.code, v.occurrence, v.name, v.target, None, v.earliest, None, v.latest,
                                 None, v.scheduled, None, v.study_day, None, booked=bool(v.booked),
                                 removed=True)
            moves.append(Move(v, None, definition, change, day, cancel=True))
        else:
            moves.append(Move(v, None, definition, _same(v, day), day))
    return moves


def _same(v: Visit, day: int | None) -> VisitChange:
    return VisitChange(v.code, v.occurrence, v.name, v.target, v.target, v.earliest, v.earliest, v.latest,
                       v.latest, v.scheduled, v.scheduled, v.study_day, day, booked=bool(v.booked))


def preview(pid: str, description: str, moves: list[Move], warnings: tuple[str, ...]) -> SchedulePreview:
    changes = [m.change for m in moves if m.change.moves]
    changes.sort(key=lambda c: (c.new_target or c.old_target or date.max, c.code, c.occurrence))
    notes = list(warnings)
    for c in changes:
        if c.rebook:
            notes.append(
                _("{code}: the appointment booked on {booked} is outside the new window {earliest}..{latest}; "
                  "it moves to the suggested {suggested}: rebook it").format(
                    code=c.code, booked=c.old_scheduled, earliest=c.new_earliest, latest=c.new_latest,
                    suggested=c.new_scheduled)
            )
    return SchedulePreview(pid, description, tuple(changes), tuple(notes))


def apply_moves(participant: Participant, moves: list[Move], audit: AuditWriter, reason: str | None,
                *, cancel_reason: str | None = None) -> None:
    """Write the moves to the stored visits (and their audit rows)."""
    pid = participant.study_id
    value: object  # the audited fields differ in type (a state, a reason, a date)
    for m in moves:
        v = m.visit
        if v is None:
            assert m.planned is not None
            v = new_visit(participant, m.planned)
            participant.visits.append(v)
            audit.add(action="insert", entity="visit", key=visit_key(pid, v.code, 1), participant_id=pid,
                      field="visit", new=visit_summary(v), reason=reason)
            continue
        key = visit_key(pid, v.code, v.occurrence)
        if m.cancel:
            why = m.cancel_reason or cancel_reason or reason
            audit.change(entity="visit", key=key, participant_id=pid, field="state", old=v.state,
                         new=STATE_CANCELLED, reason=why)
            v.state = STATE_CANCELLED
            audit.change(entity="visit", key=key, participant_id=pid, field="reason", old=v.reason,
                         new=why, reason=why)
            v.reason = why
            v.sequence += 1
            continue
        if m.reopen:
            for field, value in (("state", STATE_OPEN), ("reason", None)):
                if audit.change(entity="visit", key=key, participant_id=pid, field=field, old=getattr(v, field),
                                new=value, reason=reason):
                    setattr(v, field, value)
            v.sequence += 1
        if v.study_day != m.study_day:
            v.study_day = m.study_day  # derived from target and infusion: not audited on its own
        p = m.planned
        if p is None or not m.change.moves:
            continue
        if m.date_only:
            for field, value in (("target", p.target), ("earliest", p.earliest), ("latest", p.latest)):
                if audit.change(entity="visit", key=key, participant_id=pid, field=field, old=getattr(v, field),
                                new=value, reason=reason):
                    setattr(v, field, value)
            if v.actual is not None:
                outside = not p.earliest <= v.actual <= p.latest
                if audit.change(entity="visit", key=key, participant_id=pid, field="deviation", old=v.deviation,
                                new=outside, reason=reason):
                    v.deviation = outside
            continue
        new_values = {
            "target": p.target,
            "earliest": p.earliest,
            "latest": p.latest,
            "scheduled": v.scheduled if m.keep_booking else p.scheduled,
            "scheduled_time": v.scheduled_time if m.keep_booking else None,
            "booked": bool(v.booked and m.keep_booking),
        }
        date_moved = (new_values["scheduled"], new_values["scheduled_time"], new_values["booked"]) != (
            v.scheduled, v.scheduled_time, bool(v.booked))  # a lost booking turns the event TENTATIVE
        for field in AUDITED_VISIT_FIELDS:
            old = getattr(v, field)
            if audit.change(entity="visit", key=key, participant_id=pid, field=field, old=old,
                            new=new_values[field], reason=reason):
                setattr(v, field, new_values[field])
        if not m.keep_booking:
            v.closed_day = p.closed_day  # derived from the audited site calendar, like study_day
            audit.change(entity="visit", key=key, participant_id=pid, field="deviation", old=v.deviation,
                         new=False, reason=reason)
            v.deviation = False
        if date_moved:
            v.sequence += 1


def new_visit(participant: Participant, p: PlannedVisit) -> Visit:
    return Visit(
        code=p.code, occurrence=1, name=p.name, kind=p.kind.value, study_day=p.study_day, target=p.target,
        earliest=p.earliest, latest=p.latest, scheduled=p.scheduled, scheduled_time=None,
        closed_day=p.closed_day, booked=False, actual=None, state=STATE_OPEN, reason=None, deviation=False,
        uid=new_uid(), sequence=0,
    )


def undated_visit(definition: VisitDefinition) -> Visit:
    """A calendar visit before the conditioning start is planned: no dates yet."""
    return Visit(
        code=definition.code, occurrence=1, name=definition.name, kind=definition.kind.value,
        study_day=None, target=None, earliest=None, latest=None, scheduled=None, scheduled_time=None,
        closed_day=False, booked=False, actual=None, state=STATE_OPEN, reason=None, deviation=False,
        uid=new_uid(), sequence=0,
    )


#: The fields of a new visit that its "insert" audit row carries: every field an update audits, so
#: that replaying the trail rebuilds the visit exactly (``ln-scheduler audit verify`` compares them).
VISIT_INSERT_FIELDS = ("name", "kind", "target", "earliest", "latest", "scheduled", "scheduled_time", "booked",
                       "actual", "state", "reason", "deviation")


def visit_summary(v: Visit | Mapping[str, Any]) -> dict[str, object]:
    """The values of a new visit (an ORM row or a Core row's dictionary), for its "insert" audit row."""
    if isinstance(v, Visit):
        return {name: getattr(v, name) for name in VISIT_INSERT_FIELDS}
    return {name: v[name] for name in VISIT_INSERT_FIELDS}
