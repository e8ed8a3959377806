"""Checks and look-ups every write shares: finding and locking a participant, finding a visit,
refusing empty reasons and dates in the future, keeping the participant status current."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..domain.dates import check_sensible
from ..domain.participant_status import participant_status
from ..domain.protocol import Anchor, Protocol, VisitDefinition, VisitKind
from ..i18n import _
from ..store.audit import AuditWriter
from ..store.models import STATE_DONE, Participant, Visit
from .context import ServiceContext, Tx
from .errors import ServiceError
from .inputs import check_free_text

INITIALS = re.compile(r"[A-Z](-?[A-Z]){0,3}")  # 1 to 4 letters, e.g. JQD or J-QD


def participant_for_write(ctx: ServiceContext, tx: Tx, pid: str, expected_version: int | None = None) -> Participant:
    """Load (and on PostgreSQL lock) the participant with visits and procedure records."""
    key = pid.strip()
    tx.subject = (_("participant {id}").format(id=key), key)
    p = load_participant_row(tx.session, key, lock=True)
    ctx.check_version(tx, p.version, expected_version)
    return p


def load_participant_row(session: Session, pid: str, *, lock: bool = False) -> Participant:
    """The participant with their visits and doses. A visit's procedure records are read when a
    write touches them (one visit's, when it is done or corrected): every write loading all of them,
    some 300 objects per participant in follow-up, was half its time on SQLite."""
    key = pid.strip()
    stmt = (
        select(Participant)
        .where(Participant.study_id == key)
        .options(selectinload(Participant.visits), selectinload(Participant.doses))
    )
    if lock:
        stmt = stmt.with_for_update(of=Participant)
    p = session.execute(stmt).scalar_one_or_none()
    if p is None:
        raise ServiceError(_("no participant '{id}' in this database").format(id=key))
    return p


def protocol_of(ctx: ServiceContext, p: Participant) -> Protocol:
    """The participant's cohort view of their protocol version: only their visits, procedures and doses."""
    return ctx.protocols.get(p.protocol_id, p.protocol_version, p.cohort)


def given_doses(p: Participant) -> dict[int, date]:
    """Later doses (2, 3, ...) recorded as given: number -> date."""
    return {d.number: d.given_on for d in p.doses if d.given_on is not None}


def not_given_from(p: Participant) -> int | None:
    """The first dose recorded not given (it and every later dose were not given), or None."""
    return min((d.number for d in p.doses if d.given_on is None), default=None)


def not_given_note(p: Participant) -> str | None:
    """The reason written on visits cancelled by a dose not given: "dose 2 not given: toxicity".
    Stored in the database, so never translated."""
    first = not_given_from(p)
    if first is None:
        return None
    row = next(d for d in p.doses if d.number == first)
    return f"dose {first} not given: {row.not_given_reason}"


def find_visit(protocol: Protocol, p: Participant, code: str, occurrence: int = 1) -> Visit:
    wanted = code.strip().upper()
    protocol.visit(wanted)  # a DomainError listing the protocol's codes when the code is unknown
    for v in p.visits:
        if v.code == wanted and v.occurrence == occurrence:
            return v
    which = f"{wanted} #{occurrence}" if occurrence != 1 else wanted
    raise ServiceError(_("participant {id} has no visit {visit}").format(id=p.study_id, visit=which))


def require_reason(reason: str | None, what: str) -> str:
    text = (reason or "").strip()
    if not text:
        raise ServiceError(_("{what} needs a reason").format(what=what))
    # as typed (stored texts get checked again)
    return check_free_text(text, _("the reason for {what}").format(what=what))


def not_in_future(d: date, today: date, what: str) -> date:
    check_sensible(d, what)
    if d > today:
        raise ServiceError(_("{what} {date} is in the future (today is {today}): only what has happened "
                             "can be recorded").format(what=what, date=d.isoformat(), today=today.isoformat()))
    return d


def require_active(p: Participant) -> None:
    if p.withdrawal_date is not None:
        raise ServiceError(_("participant {id} withdrew on {date}: nothing more is recorded or booked for them "
                             "(if the withdrawal was entered in error, correct it first)").format(
            id=p.study_id, date=p.withdrawal_date.isoformat()))


def conditioning_start(p: Participant) -> date | None:
    return p.conditioning_start_actual or p.conditioning_start_planned


def recorded_conditioning(p: Participant, *, leave_out: Visit | None = None) -> dict[str, date]:
    """Conditioning days recorded as given: code -> date (``leave_out``: the visit being recorded)."""
    return {v.code: v.actual for v in p.visits
            if v.kind == VisitKind.CONDITIONING.value and v.state == STATE_DONE and v.actual is not None
            and v is not leave_out}


def last_recorded_conditioning(p: Participant) -> date | None:
    """The last conditioning day recorded as given: the 2-full-day gap before the infusion counts from it."""
    return max(recorded_conditioning(p).values(), default=None)


def end_of_study_visit(protocol: Protocol) -> VisitDefinition:
    """The last fixed visit of the protocol (Month 24 here): doing it completes the study."""
    d1_visits = [v for v in protocol.calendar_visits if v.anchor is Anchor.D1]
    return max(d1_visits, key=lambda v: ((v.months or 0) * 31 + (v.day or 0)))


def refresh_status(p: Participant, protocol: Protocol, audit: AuditWriter, reason: str | None = None) -> None:
    """Keep the stored participant status (used to filter the list) equal to the domain's."""
    eos = end_of_study_visit(protocol).code
    done_eos = any(v.code == eos and v.state == STATE_DONE for v in p.visits)
    status = participant_status(
        conditioning_planned=p.conditioning_start_planned,
        conditioning_actual=p.conditioning_start_actual,
        infusion_actual=p.infusion_actual,
        withdrawn_on=p.withdrawal_date,
        end_of_study_done=done_eos,
    ).value
    if audit.change(entity="participant", key=p.study_id, participant_id=p.study_id, field="status",
                    old=p.status, new=status, reason=reason):
        p.status = status


def set_field(p: Participant, audit: AuditWriter, field: str, value: object, reason: str | None = None,
              action: str = "update") -> None:
    if audit.change(entity="participant", key=p.study_id, participant_id=p.study_id, field=field,
                    old=getattr(p, field), new=value, reason=reason, action=action):
        setattr(p, field, value)


def visit_key(pid: str, code: str, occurrence: int) -> str:
    """A visit's key in the audit trail (``P001/M2#1``)."""
    return f"{pid}/{code}#{occurrence}"


def set_visit_field(p: Participant, v: Visit, audit: AuditWriter, field: str, value: object,
                    reason: str | None = None, action: str = "update") -> bool:
    if audit.change(entity="visit", key=visit_key(p.study_id, v.code, v.occurrence), participant_id=p.study_id,
                    field=field, old=getattr(v, field), new=value, reason=reason, action=action):
        setattr(v, field, value)
        return True
    return False
