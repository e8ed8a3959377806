"""Detached, read-only views of stored data: what services hand to the GUI, reports and exports.

Nothing here holds a database session; every field is plain data, so a report or an export can be
built and tested from these records alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum

from ..domain.cohorts import IMPLICIT_COHORT
from ..domain.participant_status import ParticipantStatus
from ..domain.protocol import VisitKind
from ..domain.schedule import Window
from ..domain.site_calendar import SiteCalendar
from ..domain.visit_status import VisitStatus
from ..i18n import N_, _

#: The cohort of a participant enrolled before cohorts (and of a protocol file without them).
DEFAULT_COHORT = IMPLICIT_COHORT
#: The language of a participant enrolled before languages (and of one enrolled without choosing).
DEFAULT_LANGUAGE = "en"  # i18n.SOURCE_LANGUAGE, without importing the catalogues (store.models has it too)


@dataclass(frozen=True)
class SiteInfo:
    """Site settings as the rest of the app needs them."""

    name: str = "Study site"
    number: str = ""
    timezone: str = "America/New_York"  # IANA name; timed appointments and VTIMEZONE use it
    closure_rules: tuple[str, ...] = ("weekends", "us-holidays")
    closed_dates: tuple[date, ...] = ()
    participant_id_pattern: str = r"\d{3}-\d{3}"
    #: The protocol version new participants are enrolled on; None: the newest shipped version.
    enrolment_protocol_version: str | None = None
    #: The study team's phone, for participants (take-home schedule, personal calendar); "" not set.
    phone: str = ""
    #: False until the settings are first saved: that first save creates the site (audited as a
    #: create, no reason asked), it changes no earlier value. Not part of equality.
    stored: bool = field(default=False, compare=False)

    def calendar(self) -> SiteCalendar:
        return SiteCalendar.from_rules(self.closure_rules or ("none",), self.closed_dates)


@dataclass(frozen=True)
class ProcedureRecord:
    """What was recorded for one procedure at one visit."""

    code: str
    description: str
    done: bool | None = None  # None = not recorded yet
    not_done_reason: str | None = None
    time: time | None = None
    sample_id: str | None = None


@dataclass(frozen=True)
class VisitRecord:
    """One visit of one participant, with its dates, status and calendar-export identity."""

    id: int
    participant_id: str
    code: str
    name: str
    kind: VisitKind
    occurrence: int  # 1 for fixed visits; 1, 2, ... for repeatable ones (UNS)
    study_day: int | None  # of the target date; None while the calendar has no anchor
    target: date | None
    earliest: date | None
    latest: date | None
    scheduled: date | None
    scheduled_time: time | None
    actual: date | None
    status: VisitStatus
    closed_day: bool = False  # scheduled on a day the site is closed
    reason: str | None = None  # missed / cancelled / unscheduled / out-of-window booking reason
    deviation: bool = False  # booked or done outside the window
    procedures: tuple[str, ...] = ()
    procedure_records: tuple[ProcedureRecord, ...] = ()
    uid: str = ""  # stable calendar UID (random, never derived from identifying data)
    sequence: int = 0  # raised whenever date, time, status or booking changes
    version: int = 1  # optimistic-locking version
    booked: bool = False  # the scheduled date was booked by the site (not only suggested)
    dose_number: int | None = None  # the dose given at this visit (D1: 1; D8 and D15 of SSC-1B: 2, 3)
    anchor_label: str = ""  # what the target counts from: C1, D1, X2, X3, LAST (last dose given), EVENT
    cohort: str = DEFAULT_COHORT  # the participant's cohort (calendar files name it)

    @property
    def window(self) -> Window | None:
        if self.target is None or self.earliest is None or self.latest is None:
            return None
        return Window(self.target, self.earliest, self.latest)

    @property
    def proposed(self) -> bool:
        """Open, with a date the schedule suggested that the site has not booked: every view says
        "proposed" for it, and calendar files export it TENTATIVE, so nobody takes it for an
        appointment the participant agreed to."""
        return self.status.is_open and self.scheduled is not None and not self.booked

    @property
    def label(self) -> str:
        """Visit name, with the occurrence for repeatable visits (``Unscheduled visit #2``)."""
        return f"{self.name} #{self.occurrence}" if self.kind is VisitKind.UNSCHEDULED else self.name


#: A dose's state in words (:attr:`DoseRecord.state_label`).
_DOSE_STATES = {None: N_("planned"), True: N_("given"), False: N_("not given")}


@dataclass(frozen=True)
class DoseRecord:
    """One dose of a participant's cohort. Dose 1 is the infusion. ``given``: None while not
    recorded, True when given on ``actual``, False when not given: this dose was recorded not given,
    or an earlier one was (then none after it is given); ``reason`` says which and why."""

    number: int
    anchor_label: str  # D1, X2, X3
    planned: date | None  # the date the calendar plans it on (None while undated)
    actual: date | None = None
    given: bool | None = None
    reason: str | None = None

    @property
    def state(self) -> str:
        """"planned", "given" or "not given": the dose's state as data (``--json``), always English."""
        return {None: "planned", True: "given", False: "not given"}[self.given]

    @property
    def state_label(self) -> str:
        """:attr:`state` in the interface language, for a person to read."""
        return _(_DOSE_STATES[self.given])


@dataclass(frozen=True)
class ParticipantSummary:
    """A row of the participant list."""

    id: str
    initials: str
    status: ParticipantStatus
    protocol_id: str
    protocol_version: str
    conditioning_start: date | None
    infusion: date | None
    next_visit: str | None = None
    next_visit_date: date | None = None
    next_visit_latest: date | None = None  # its window's last day: passed, the visit is overdue
    cohort: str = DEFAULT_COHORT
    language: str = DEFAULT_LANGUAGE


@dataclass(frozen=True)
class ParticipantRecord:
    """One participant and their whole calendar (visits in date order)."""

    id: str
    initials: str
    status: ParticipantStatus
    protocol_id: str
    protocol_version: str
    screening_date: date | None
    conditioning_start_planned: date | None
    conditioning_start_actual: date | None
    infusion_planned: date | None
    infusion_actual: date | None
    withdrawal_date: date | None
    withdrawal_reason: str | None
    visits: tuple[VisitRecord, ...] = ()
    version: int = 1
    created_at: datetime | None = None
    cohort: str = DEFAULT_COHORT
    doses: tuple[DoseRecord, ...] = ()  # every dose of the cohort, dose 1 (the infusion) first
    #: The language of what the participant takes home (an ``i18n`` code, e.g. "es").
    language: str = DEFAULT_LANGUAGE

    def dose(self, number: int) -> DoseRecord:
        for d in self.doses:
            if d.number == number:
                return d
        from ..domain.errors import DomainError

        raise DomainError(_("participant {id} (cohort {cohort}) has no dose {dose}: {count} dose(s)").format(
            id=self.id, cohort=self.cohort, dose=number, count=len(self.doses)))

    @property
    def conditioning_start(self) -> date | None:
        return self.conditioning_start_actual or self.conditioning_start_planned

    @property
    def infusion(self) -> date | None:
        return self.infusion_actual or self.infusion_planned

    def visit(self, code: str, occurrence: int = 1) -> VisitRecord:
        from .inputs import visit_code

        code = visit_code(code)
        for v in self.visits:
            if v.code == code and v.occurrence == occurrence:
                return v
        from ..domain.errors import DomainError

        which = f"{code} #{occurrence}" if occurrence > 1 else code
        raise DomainError(_("participant {id} has no visit {visit}").format(id=self.id, visit=which))

    def dose_recorded_by(self, visit: VisitRecord) -> int | None:
        """The dose that recording ``visit`` done records with it: the visit's dose (the infusion at
        D1; doses 2 and 3 at D8 and D15 of SSC-1B) while that dose is not recorded; None for every
        other visit. Such a save re-plans the calendar, so it is previewed and confirmed as the
        dose itself is, whichever command or dialog records it."""
        number = visit.dose_number
        if number is None or visit.actual is not None:
            return None
        dose = next((d for d in self.doses if d.number == number), None)
        if dose is None:  # a record read without its doses: the infusion still tells dose 1
            return number if number == 1 and self.infusion_actual is None else None
        return number if dose.given is None else None


@dataclass(frozen=True)
class WorklistItem:
    """A visit on the site's worklist, with the participant it belongs to."""

    participant_id: str
    initials: str
    visit: VisitRecord
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class ProcedureOutcome:
    """What a coordinator records for one procedure when completing a visit (input of
    ``Services.complete_visit``): done or not done, and why not."""

    done: bool
    not_done_reason: str | None = None
    time: time | None = None
    sample_id: str | None = None


@dataclass(frozen=True)
class Booking:
    """One appointment of a multi-visit booking (input of ``Services.book_visits``): the visit,
    its date (None: the proposed date it has now), an optional time, the reason a date outside
    the window needs, and the visit's version as the caller read it (None: not checked)."""

    code: str
    on: date | None = None
    time: time | None = None
    reason: str | None = None
    occurrence: int = 1
    expected_version: int | None = None


@dataclass(frozen=True)
class AuditEntry:
    """One append-only row of the audit trail: who changed what, when (UTC), from what, and why."""

    seq: int
    at: datetime  # timezone-aware, UTC
    user: str
    workstation: str
    action: str  # "insert", "update" or "correct" (entered in error)
    entity: str  # "participant", "visit", "procedure", "site"
    entity_key: str  # e.g. "104-001" or "104-001/D7#1"
    participant_id: str | None
    field: str
    old: str | None
    new: str | None
    reason: str | None


@dataclass(frozen=True)
class AuditVerification:
    """What ``audit verify`` found. ``ok`` is False when any row was edited, forged, deleted or
    reordered, the trail is shorter than this workstation's checkpoint, data differs from the replayed
    trail, or a protection trigger is gone or disabled; ``problems`` says what and where (seq,
    entity, key, field), at most 20 of ``problem_count`` unless every one was asked for; ``notes`` are
    facts, not problems."""

    ok: bool
    rows: int
    problems: tuple[str, ...] = ()
    last_hash: str = ""
    problem_count: int = 0
    keyed_from: int | None = None
    key_fingerprint: str | None = None
    checkpoint_seq: int | None = None
    notes: tuple[str, ...] = ()

    @property
    def not_listed(self) -> int:
        """How many problems were found but not listed in ``problems`` (``audit verify --all`` lists them)."""
        return self.problem_count - len(self.problems)


@dataclass(frozen=True)
class VisitChange:
    """How one visit moves when the calendar is re-anchored (infusion, conditioning start, protocol
    change). ``rebook`` is True when an appointment the site booked falls outside its new window
    and is replaced by the new suggested date."""

    code: str
    occurrence: int
    name: str
    old_target: date | None
    new_target: date | None
    old_earliest: date | None
    new_earliest: date | None
    old_latest: date | None
    new_latest: date | None
    old_scheduled: date | None
    new_scheduled: date | None
    old_study_day: int | None = None
    new_study_day: int | None = None
    booked: bool = False
    rebook: bool = False
    added: bool = False  # protocol change: visit new in the target protocol
    removed: bool = False  # protocol change: visit gone from the target protocol (cancelled)

    @property
    def moves(self) -> bool:
        return (self.old_target, self.old_earliest, self.old_latest, self.old_scheduled) != (
            self.new_target, self.new_earliest, self.new_latest, self.new_scheduled
        ) or self.added or self.removed


@dataclass(frozen=True)
class SchedulePreview:
    """What a re-anchoring would change, computed without writing anything. The GUI shows it and
    asks for confirmation; the CLI prints it before ``--yes``."""

    participant_id: str
    description: str  # e.g. "record infusion on 2027-02-03"
    changes: tuple[VisitChange, ...]  # only visits that move, in date order
    warnings: tuple[str, ...] = ()
    version: int | None = None  # the participant's version it was computed from (dose previews)

    @property
    def rebooks(self) -> tuple[VisitChange, ...]:
        """Booked appointments that fall outside their new window."""
        return tuple(c for c in self.changes if c.rebook)


#: Names used by the API for readability; one shape.
InfusionPreview = SchedulePreview
ProtocolChangePreview = SchedulePreview
DosePreview = SchedulePreview
CohortChangePreview = SchedulePreview


class WithdrawalOutcome(StrEnum):
    """What a withdrawal does to one visit, in the words the preview groups them under."""

    MISSED = "missed"  # its window closed before the withdrawal date: recorded missed (a deviation)
    CANCELLED = "cancelled"  # still to come (or undated): cancelled by the withdrawal
    ADDED = "added"  # the early-termination visit

    @property
    def heading(self) -> str:
        """The words the CLI and the GUI group a withdrawal preview under (one wording for both), in
        the interface language."""
        return _({
            WithdrawalOutcome.MISSED: N_("Will be recorded missed"),
            WithdrawalOutcome.CANCELLED: N_("Will be cancelled"),
            WithdrawalOutcome.ADDED: N_("Will be added"),
        }[self])

    @property
    def why(self) -> str:
        """Why a visit lands in this group, said next to the heading (interface language)."""
        return _({
            WithdrawalOutcome.MISSED: N_("window closed before the withdrawal date: a protocol deviation"),
            WithdrawalOutcome.CANCELLED: N_("not done, and not due before the withdrawal date"),
            WithdrawalOutcome.ADDED: N_("early termination, within 30 days of the withdrawal"),
        }[self])


@dataclass(frozen=True)
class WithdrawalChange:
    """One visit a withdrawal records missed, cancels or adds; ``day`` is the date it had (its
    scheduled date, else its target; None while undated), for the added visit its suggested date."""

    code: str
    occurrence: int
    name: str
    day: date | None
    outcome: WithdrawalOutcome
    earliest: date | None = None
    latest: date | None = None


@dataclass(frozen=True)
class WithdrawalPreview:
    """Everything a withdrawal on ``on`` will write, computed by the same code that writes it.
    Pass it back to ``Services.withdraw(..., preview=...)``: the save refuses (ConflictError) when
    the participant changed since, so nothing is saved that the user was not shown."""

    participant_id: str
    on: date
    version: int  # the participant's version the preview was computed from
    changes: tuple[WithdrawalChange, ...]  # in calendar order

    def of(self, outcome: WithdrawalOutcome) -> tuple[WithdrawalChange, ...]:
        return tuple(c for c in self.changes if c.outcome is outcome)
