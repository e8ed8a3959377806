"""The protocol as plain, frozen data: visits, windows, procedures and conditioning rules.

It is built by :mod:`ln_scheduler.domain.protocol_loader` from a data file, never written in
code, so that a site can load an amended protocol without a new release.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from .errors import DomainError


class Anchor(StrEnum):
    """What a visit's target is counted from."""

    C1 = "C1"  # first conditioning day (nominal Day -5)
    D1 = "D1"  # infusion day (Day 1)
    EVENT = "EVENT"  # dated when it happens (unscheduled visit, early termination)


class VisitKind(StrEnum):
    SCREENING = "screening"
    CONDITIONING = "conditioning"
    INFUSION = "infusion"
    FOLLOW_UP = "follow-up"
    UNSCHEDULED = "unscheduled"
    TERMINATION = "termination"


@dataclass(frozen=True)
class VisitDefinition:
    """One row of the schedule of assessments."""

    code: str
    name: str
    kind: VisitKind
    anchor: Anchor
    early: int
    late: int
    procedures: tuple[str, ...]
    offset_days: int | None = None  # C1 visits: days after C1
    day: int | None = None  # D1 visits: study day of the target
    months: int | None = None  # D1 visits: calendar months after D1
    repeatable: bool = False
    expect: str = ""
    urine: bool = False
    fasting: bool = False
    reasons: tuple[str, ...] = ()

    @property
    def on_fixed_calendar(self) -> bool:
        return self.anchor is not Anchor.EVENT

    @property
    def fixed_day(self) -> bool:
        """A visit with no window keeps its date even when the site is closed (flagged)."""
        return self.early == 0 and self.late == 0


@dataclass(frozen=True)
class TimedSample:
    """A timed sample on a visit day (the Day 1 PK and cytokine grid)."""

    visit: str
    label: str
    procedures: tuple[str, ...]
    reference: str
    offset_minutes: int
    before_minutes: int
    after_minutes: int
    nominal: str

    @property
    def allowed_range(self) -> str:
        """Human wording of the allowed range relative to the reference."""
        lo = self.offset_minutes - self.before_minutes
        hi = self.offset_minutes + self.after_minutes
        return f"{_minutes(lo)} to {_minutes(hi)} from {self.reference}"


def _minutes(m: int) -> str:
    sign = "-" if m < 0 else "+"
    m = abs(m)
    return f"{sign}{m // 60} h {m % 60:02d} min" if m >= 60 else f"{sign}{m} min"


@dataclass(frozen=True)
class ConditioningRules:
    planned_infusion_offset_days: int = 5
    min_gap_days: int = 2
    delay_warning_days: int = 7
    screening_valid_days: int = 30


@dataclass(frozen=True)
class Protocol:
    """A validated protocol definition; ``id`` + ``version`` identify it on every calendar."""

    id: str
    version: str
    title: str
    registry: str
    visits: tuple[VisitDefinition, ...]
    procedures: dict[str, str] = field(hash=False, compare=False)
    conditioning: ConditioningRules = ConditioningRules()
    timed_samples: tuple[TimedSample, ...] = ()
    source: str = ""

    def visit(self, code: str) -> VisitDefinition:
        """The visit with this code, or a DomainError listing the codes there are."""
        for v in self.visits:
            if v.code == code.upper():
                return v
        known = ", ".join(v.code for v in self.visits)
        raise DomainError(f"unknown visit code '{code}' (protocol {self.id} {self.version} has: {known})")

    @property
    def calendar_visits(self) -> tuple[VisitDefinition, ...]:
        return tuple(v for v in self.visits if v.on_fixed_calendar)

    def procedure_name(self, code: str) -> str:
        return self.procedures.get(code, code)

    def samples_for(self, visit_code: str) -> tuple[TimedSample, ...]:
        return tuple(s for s in self.timed_samples if s.visit == visit_code)
