"""Turning stored rows into the detached records of :mod:`records`, with statuses derived from
the stored dates and today by the domain (never stored, never recomputed here)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from typing import Protocol as TypingProtocol

from ..domain.doses import name_counted_from
from ..domain.participant_status import ParticipantStatus
from ..domain.protocol import Anchor, Protocol, VisitKind
from ..domain.schedule import Window
from ..domain.visit_status import VisitStatus, visit_status
from ..store.schema import STATE_CANCELLED, STATE_MISSED
from .records import DEFAULT_COHORT, AuditEntry, DoseRecord, ParticipantRecord, ProcedureRecord, VisitRecord

if TYPE_CHECKING:
    from sqlalchemy import Row


class StoredVisit(TypingProtocol):
    """A stored visit's columns as attributes, as this module reads them: a Core row of the visits
    table (:func:`queries.named_rows`) or a :class:`Visit`. Read, never written."""

    id: int
    code: str
    occurrence: int
    name: str
    kind: str
    study_day: int | None
    target: date | None
    earliest: date | None
    latest: date | None
    scheduled: date | None
    scheduled_time: time | None
    closed_day: bool
    booked: bool
    actual: date | None
    state: str
    reason: str | None
    deviation: bool
    uid: str
    sequence: int
    version: int


class StoredParticipant(TypingProtocol):
    """A stored participant's columns as attributes (a Core row or a :class:`Participant`). Read only."""

    id: int
    study_id: str
    initials: str
    status: str
    protocol_id: str
    protocol_version: str
    cohort: str
    language: str
    screening_date: date | None
    conditioning_start_planned: date | None
    conditioning_start_actual: date | None
    infusion_planned: date | None
    infusion_actual: date | None
    withdrawal_date: date | None
    withdrawal_reason: str | None
    created_at: datetime
    version: int


class StoredDose(TypingProtocol):
    """A later dose's row (dose 2 on) as attributes (a Core row or a :class:`Dose`). Read only."""

    number: int
    given_on: date | None
    not_given_reason: str | None


def first_not_given(doses: Sequence[StoredDose]) -> int | None:
    """The first dose recorded not given (every later one is not given either), None: none."""
    return min((d.number for d in doses if d.not_given_reason is not None), default=None)


def stored_status(row: StoredVisit, today: date) -> VisitStatus:
    """Status of a stored visit (ORM object, or a row with the visit columns as attributes)."""
    target, earliest, latest = row.target, row.earliest, row.latest
    window = Window(target, earliest, latest) if target and earliest and latest else None  # None: undated
    return visit_status(window, today, row.actual, missed=row.state == STATE_MISSED,
                        cancelled=row.state == STATE_CANCELLED, scheduled=row.scheduled)


def visit_procedures(protocol: Protocol | None, code: str, recorded: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The protocol's procedures for the visit, then any extra recorded ones (unscheduled visits)."""
    base: tuple[str, ...] = ()
    if protocol is not None:
        for v in protocol.visits:
            if v.code == code:
                base = v.procedures
                break
    extra = tuple(c for c in recorded if c not in base)
    return base + extra


#: What was recorded for one procedure, as read: (code, done, not done reason, time, sample ID).
ProcedureRow = tuple[str, bool | None, str | None, time | None, str | None]


class VisitMapper:
    """Turns stored visit rows of one protocol version into :class:`VisitRecord`.

    What is the same for every visit with a given code (its protocol procedures, their names, the
    "not recorded yet" procedure records) is worked out once per code, and the records of
    procedures with nothing noted but done / not done are shared: immutable, equal by value, and
    nearly all of a site's procedure records. A whole-site read (20,000 visits, 200,000 procedure
    records) then costs about what fetching the rows costs, not several times it.
    """

    def __init__(self, protocol: Protocol | None, cohort: str = DEFAULT_COHORT):
        """``protocol``: the cohort's view of the version (``Protocol.for_cohort``)."""
        self.protocol = protocol
        self.cohort = cohort
        self.names: dict[str, str] = protocol.procedures if protocol is not None else {}
        self._slots: dict[str, tuple[tuple[str, ...], tuple[ProcedureRecord, ...]]] = {}
        self._anchors: dict[str, tuple[int | None, str]] = (
            {v.code: (v.dose_number, v.anchor_label) for v in protocol.visits} if protocol is not None else {})
        self._plain: dict[tuple[str, bool | None], ProcedureRecord] = {}
        #: The visits counted from the last dose given (their name says which dose: name_counted_from).
        self.last_dose_codes = frozenset(v.code for v in protocol.visits if v.anchor is Anchor.LAST_DOSE
                                         ) if protocol is not None and protocol.dose_count > 1 else frozenset()

    def record(self, row: StoredVisit, participant_id: str, today: date,
               procedure_rows: Sequence[ProcedureRow] | None = None, *,
               not_given_from: int | None = None) -> VisitRecord:
        """``row`` has the visit columns as attributes. ``procedure_rows``: what was recorded at the
        visit (None: leave ``procedure_records`` empty, as worklists do). ``not_given_from``: the
        participant's first dose recorded not given (None: none), for the last-dose visit's name."""
        codes, blanks = self._slots_of(row.code)
        dose_number, anchor_label = self._anchors.get(row.code, (None, ""))
        proc_records: tuple[ProcedureRecord, ...] = ()
        if procedure_rows:
            by_code = {p[0]: p for p in procedure_rows}
            extra = tuple(c for c in by_code if c not in codes)
            if extra:
                codes = codes + extra
            proc_records = tuple(self._recorded(c, by_code.get(c)) for c in codes)
        elif procedure_rows is not None:
            proc_records = blanks
        return VisitRecord(
            id=row.id,
            participant_id=participant_id,
            code=row.code,
            name=(name_counted_from(row.name, self.protocol.dose_count, not_given_from)
                  if not_given_from is not None and row.code in self.last_dose_codes and self.protocol is not None
                  else row.name),
            kind=VisitKind(row.kind),
            occurrence=row.occurrence,
            study_day=row.study_day,
            target=row.target,
            earliest=row.earliest,
            latest=row.latest,
            scheduled=row.scheduled,
            scheduled_time=row.scheduled_time,
            actual=row.actual,
            status=stored_status(row, today),
            closed_day=bool(row.closed_day),
            reason=row.reason,
            deviation=bool(row.deviation),
            procedures=codes,
            procedure_records=proc_records,
            uid=row.uid,
            sequence=row.sequence,
            version=row.version,
            booked=bool(row.booked),
            dose_number=dose_number,
            anchor_label=anchor_label,
            cohort=self.cohort,
        )

    def _slots_of(self, code: str) -> tuple[tuple[str, ...], tuple[ProcedureRecord, ...]]:
        slots = self._slots.get(code)
        if slots is None:
            codes = visit_procedures(self.protocol, code)
            slots = self._slots[code] = (codes, tuple(self._plain_record(c, None) for c in codes))
        return slots

    def _recorded(self, code: str, row: ProcedureRow | None) -> ProcedureRecord:
        if row is None:
            return self._plain_record(code, None)
        _, done, reason, at, sample = row
        if reason is None and at is None and sample is None:
            return self._plain_record(code, done)
        return ProcedureRecord(code, self.names.get(code, code), done, reason, at, sample)

    def _plain_record(self, code: str, done: bool | None) -> ProcedureRecord:
        """The shared record of a procedure with nothing noted but done / not done / not yet."""
        record = self._plain.get((code, done))
        if record is None:
            record = self._plain[(code, done)] = ProcedureRecord(code, self.names.get(code, code), done)
        return record


def protocol_order(protocol: Protocol | None) -> dict[str, int]:
    """Visit code -> its place in the schedule of assessments (breaks ties between same-day visits)."""
    return {v.code: i for i, v in enumerate(protocol.visits)} if protocol is not None else {}


def visit_sort_key(order: dict[str, int]) -> Callable[[VisitRecord], tuple[date, int, int]]:
    """Date order: the date that matters most for each visit, then protocol order."""

    def key(v: VisitRecord) -> tuple[date, int, int]:
        when = v.actual or v.scheduled or v.target or date.max
        return when, order.get(v.code, len(order)), v.occurrence

    return key


def participant_record(p: StoredParticipant, visits: Sequence[StoredVisit], protocol: Protocol | None, today: date,
                       procedures: Mapping[int, Sequence[ProcedureRow]],
                       doses: Sequence[StoredDose] = ()) -> ParticipantRecord:
    """From rows with the participant and visit columns as attributes; ``procedures`` maps a visit
    id to what was recorded at it; ``doses``: the participant's rows of later doses (number,
    given_on, not_given_reason). ``protocol`` is the cohort's view."""
    mapper = VisitMapper(protocol, p.cohort)
    stopped = first_not_given(doses)
    records = [mapper.record(v, p.study_id, today, procedures.get(v.id, ()), not_given_from=stopped) for v in visits]
    records.sort(key=visit_sort_key(protocol_order(protocol)))
    return ParticipantRecord(
        id=p.study_id,
        initials=p.initials,
        status=ParticipantStatus(p.status),
        protocol_id=p.protocol_id,
        protocol_version=p.protocol_version,
        screening_date=p.screening_date,
        conditioning_start_planned=p.conditioning_start_planned,
        conditioning_start_actual=p.conditioning_start_actual,
        infusion_planned=p.infusion_planned,
        infusion_actual=p.infusion_actual,
        withdrawal_date=p.withdrawal_date,
        withdrawal_reason=p.withdrawal_reason,
        visits=tuple(records),
        version=p.version,
        created_at=_aware(p.created_at),
        cohort=p.cohort,
        doses=dose_records(protocol, p, records, doses),
        language=p.language,
    )


def dose_records(protocol: Protocol | None, p: StoredParticipant, visits: Sequence[VisitRecord],
                 doses: Sequence[StoredDose]) -> tuple[DoseRecord, ...]:
    """Every dose of the cohort: dose 1 from the infusion fields, later ones from their rows. A dose
    not yet given is planned on the day of the visit it is given at (which moves with the calendar);
    one given was planned its interval after the dose before it. A dose recorded not given makes
    every later dose not given, for the same reason; so does a withdrawal every dose not recorded by
    then (a withdrawn participant's dose read "planned", a dose to prepare)."""
    if protocol is None:
        return ()
    planned = {v.dose_number: v.target for v in visits if v.dose_number is not None and v.occurrence == 1}
    rows = {d.number: d for d in doses}
    withdrawn = f"participant withdrawn on {p.withdrawal_date.isoformat()}" if p.withdrawal_date else None
    out = [DoseRecord(1, "D1", p.infusion_planned or planned.get(1), p.infusion_actual,
                      True if p.infusion_actual is not None else None if withdrawn is None else False,
                      withdrawn if p.infusion_actual is None else None)]
    stopped: str | None = None
    for rule in protocol.doses:
        row = rows.get(rule.number)
        before = out[-1].actual or out[-1].planned
        if stopped is None and row is not None and row.given_on is None:
            stopped = f"dose {rule.number} not given: {row.not_given_reason}"
        if stopped is not None:
            out.append(DoseRecord(rule.number, rule.anchor_label, planned.get(rule.number), None, False, stopped))
        elif row is not None:
            on_plan = before + timedelta(days=rule.planned_days_after_previous) if before else None
            out.append(DoseRecord(rule.number, rule.anchor_label, on_plan, row.given_on, True))
        elif withdrawn is not None:
            out.append(DoseRecord(rule.number, rule.anchor_label, planned.get(rule.number), None, False, withdrawn))
        else:
            out.append(DoseRecord(rule.number, rule.anchor_label, planned.get(rule.number)))
    return tuple(out)


def audit_entry(row: Row[Any]) -> AuditEntry:
    """A Core row of the audit table as a record. Its time is stored as ``store.audit.utc_stamp``
    writes it (ISO 8601, microseconds, 'Z'), which ``fromisoformat`` reads as the aware UTC moment
    ``strptime`` gave, 5x faster and without ``strptime``'s set-up on its first call."""
    return AuditEntry(
        seq=row.seq,
        at=datetime.fromisoformat(row.at_utc),
        user=row.user_name,
        workstation=row.workstation,
        action=row.action,
        entity=row.entity,
        entity_key=row.entity_key,
        participant_id=row.participant_id,
        field=row.field,
        old=row.old_value,
        new=row.new_value,
        reason=row.reason,
    )


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)  # SQLite hands back naive values; we only ever store UTC
