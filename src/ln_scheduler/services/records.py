"""Detached, read-only views of stored data: what services hand to the GUI, reports and exports.

Nothing here holds a database session; every field is plain data, so a report or an export can be
built and tested from these records alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from ..domain.participant_status import ParticipantStatus
from ..domain.protocol import VisitKind
from ..domain.schedule import Window
from ..domain.site_calendar import SiteCalendar
from ..domain.visit_status import VisitStatus


@dataclass(frozen=True)
class SiteInfo:
    """Site settings as the rest of the app needs them."""

    name: str = "Study site"
    number: str = ""
    timezone: str = "America/New_York"  # IANA name; timed appointments and VTIMEZONE use it
    closure_rules: tuple[str, ...] = ("weekends", "us-holidays")
    closed_dates: tuple[date, ...] = ()
    participant_id_pattern: str = r"\d{3}-\d{3}"

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
    sequence: int = 0  # raised whenever date, time or status changes
    version: int = 1  # optimistic-locking version

    @property
    def window(self) -> Window | None:
        if self.target is None or self.earliest is None or self.latest is None:
            return None
        return Window(self.target, self.earliest, self.latest)

    @property
    def label(self) -> str:
        """Visit name, with the occurrence for repeatable visits (``Unscheduled visit #2``)."""
        return f"{self.name} #{self.occurrence}" if self.kind is VisitKind.UNSCHEDULED else self.name


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

    @property
    def conditioning_start(self) -> date | None:
        return self.conditioning_start_actual or self.conditioning_start_planned

    @property
    def infusion(self) -> date | None:
        return self.infusion_actual or self.infusion_planned

    def visit(self, code: str, occurrence: int = 1) -> VisitRecord:
        for v in self.visits:
            if v.code == code.upper() and v.occurrence == occurrence:
                return v
        from ..domain.errors import DomainError

        raise DomainError(f"participant {self.id} has no visit {code}" + (f" #{occurrence}" if occurrence > 1 else ""))


@dataclass(frozen=True)
class WorklistItem:
    """A visit on the site's worklist, with the participant it belongs to."""

    participant_id: str
    initials: str
    visit: VisitRecord
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
