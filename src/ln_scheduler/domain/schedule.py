"""Targets, windows and suggested dates for every visit of a participant's calendar.

Anchors: C1 (first conditioning day) for visits before the infusion, D1 (dose 1, the infusion day)
for visits from Day 1 on, and in a multi-dose cohort each later dose (X2, X3) and the last dose
given (LAST) for the visits hanging on them. Each is the recorded date once known, the planned one
before; so a slipped infusion moves every visit from Day 1 on and never a C1 visit, and a slipped
dose 2 moves only what hangs on dose 2 and later doses. Study days always count from dose 1.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from ..i18n import _
from .doses import DoseDate, check_doses, dose_dates, doses_by_number, last_dose
from .errors import DomainError, ScheduleError

# Re-exported: the anchors and the infusion rules were planned here before doses needed them
# (their own module keeps domain/ free of import cycles).
from .infusion import Anchors as Anchors
from .infusion import check_infusion as check_infusion
from .infusion import earliest_infusion as earliest_infusion
from .infusion import last_conditioning_day as last_conditioning_day
from .infusion import planned_infusion as planned_infusion
from .protocol import Anchor, Protocol, VisitDefinition, VisitKind
from .site_calendar import SiteCalendar
from .study_days import study_day


@dataclass(frozen=True)
class Window:
    """Inclusive window of allowed dates around a target."""

    target: date
    earliest: date
    latest: date

    def __contains__(self, d: object) -> bool:
        return isinstance(d, date) and self.earliest <= d <= self.latest

    @classmethod
    def around(cls, target: date, early: int, late: int) -> Window:
        return cls(target, target - timedelta(days=early), target + timedelta(days=late))


@dataclass(frozen=True)
class PlannedVisit:
    """One visit of a calendar: where it should be and where the site can book it."""

    code: str
    name: str
    kind: VisitKind
    anchor: Anchor
    study_day: int
    target: date
    earliest: date
    latest: date
    scheduled: date
    closed_day: bool
    procedures: tuple[str, ...]
    anchor_label: str = ""  # C1, D1, X2, X3, LAST or EVENT (the anchor's value when left out)
    dose_number: int | None = None  # the dose given at this visit, None when none is
    cancelled: bool = False  # it hangs on a dose recorded not given

    def __post_init__(self) -> None:
        if not self.anchor_label:
            object.__setattr__(self, "anchor_label", self.anchor.value)

    @property
    def window(self) -> Window:
        return Window(self.target, self.earliest, self.latest)


@dataclass(frozen=True)
class Schedule:
    protocol_id: str
    protocol_version: str
    conditioning_start: date
    infusion: date
    visits: tuple[PlannedVisit, ...]
    warnings: tuple[str, ...] = ()
    cohort: str = "LN"
    doses: tuple[DoseDate, ...] = ()

    def visit(self, code: str) -> PlannedVisit:
        for v in self.visits:
            if v.code == code:
                return v
        raise DomainError(_("visit {code} is not on this calendar").format(code=code))


def conditioning_days(protocol: Protocol) -> tuple[VisitDefinition, ...]:
    """The conditioning days (LD1, LD2, LD3) in the order they are given."""
    return tuple(sorted((v for v in protocol.visits if v.kind is VisitKind.CONDITIONING),
                        key=lambda v: v.offset_days or 0))


def missing_conditioning_days(protocol: Protocol, recorded: Mapping[str, date]) -> tuple[str, ...]:
    """Codes of the conditioning days not recorded as given: every one must be, before the infusion."""
    return tuple(v.code for v in conditioning_days(protocol) if v.code not in recorded)


def check_conditioning_day(protocol: Protocol, code: str, day: date, recorded: Mapping[str, date],
                           infusion: date | None = None) -> None:
    """A conditioning day given on ``day``, the other days recorded so far being ``recorded``: the days
    come in order (LD2 after LD1, ...; the ones before it recorded first), and once the infusion is
    recorded, each one leaves at least the protocol's gap before it."""
    codes = [v.code for v in conditioning_days(protocol)]
    if code not in codes:
        raise DomainError(_("visit {code} is not a conditioning day").format(code=code))
    i = codes.index(code)
    for before in codes[:i]:
        if before not in recorded:
            raise ScheduleError(_("{before} is not recorded yet: conditioning days are recorded in order, {before} "
                                  "before {code}").format(before=before, code=code))
    if i > 0 and day <= recorded[codes[i - 1]]:
        prev = codes[i - 1]
        raise ScheduleError(_("{code} on {date} is not after {other} ({other_date}): conditioning days are given "
                              "in order, one a day").format(code=code, date=day.isoformat(), other=prev,
                                                            other_date=recorded[prev].isoformat()))
    after = next(((c, recorded[c]) for c in codes[i + 1:] if c in recorded), None)
    if after is not None and day >= after[1]:
        raise ScheduleError(_("{code} on {date} is not before {other} ({other_date}): conditioning days are given "
                              "in order, one a day").format(code=code, date=day.isoformat(), other=after[0],
                                                            other_date=after[1].isoformat()))
    if infusion is None:
        return
    if day >= infusion:
        raise ScheduleError(_("{code} on {date} is not before the infusion on {infusion}: conditioning is given "
                              "before the infusion").format(code=code, date=day.isoformat(),
                                                            infusion=infusion.isoformat()))
    gap = protocol.conditioning.min_gap_days
    latest = infusion - timedelta(days=gap + 1)
    if day > latest:
        raise ScheduleError(_("{code} on {date} leaves less than {gap} full days before the infusion on {infusion}: "
                              "the last conditioning day can be {latest} at the latest").format(
            code=code, date=day.isoformat(), gap=gap, infusion=infusion.isoformat(), latest=latest.isoformat()))


def conditioning_start_range(protocol: Protocol, screening: date) -> tuple[date, date]:
    """Allowed first conditioning day after screening on ``screening`` (results hold N days)."""
    valid = protocol.conditioning.screening_valid_days
    return screening + timedelta(days=1), screening + timedelta(days=valid)


def nominal_target(visit: VisitDefinition, conditioning_start: date, infusion: date,
                   doses: Mapping[int, date] | None = None, last_dose: date | None = None) -> date:
    """The protocol's ideal date for ``visit`` given the anchors: ``doses`` maps a later dose's number
    to its date (recorded or planned), ``last_dose`` is the last dose given (default: the infusion)."""
    if visit.anchor is Anchor.C1:
        return conditioning_start + timedelta(days=visit.offset_days or 0)
    if visit.anchor is Anchor.D1:
        if visit.months is not None:
            # relativedelta clips at month end: Jan 31 + 1 month = Feb 28 (29 in a leap year)
            target: date = infusion + relativedelta(months=visit.months)  # dateutil is untyped: Any
            return target
        assert visit.day is not None
        return infusion + timedelta(days=visit.day - 1)
    if visit.anchor is Anchor.DOSE:
        anchor = (doses or {}).get(visit.dose or 0)
        if anchor is None:
            raise DomainError(_("visit {code} anchors on {anchor}, whose date is not known").format(
                code=visit.code, anchor=visit.anchor_label))
        return anchor + timedelta(days=visit.offset_days or 0)
    if visit.anchor is Anchor.LAST_DOSE:
        return (last_dose or infusion) + timedelta(days=visit.offset_days or 0)
    raise DomainError(_("visit {code} has no fixed target: it is dated when it happens").format(code=visit.code))


def planned_targets(protocol: Protocol, conditioning_start: date,
                    visits: Iterable[VisitDefinition] | None = None) -> dict[str, date]:
    """Each fixed visit's target (of ``visits`` only, when given) when conditioning starts on
    ``conditioning_start`` and every dose is given on its planned date (conditioning-start
    suggestions, protocol window checks)."""
    anchors = Anchors(conditioning_start)
    doses = dose_dates(protocol, anchors)
    d1, by_number, last = doses[0].date, doses_by_number(doses), last_dose(doses).date
    return {v.code: nominal_target(v, conditioning_start, d1, by_number, last)
            for v in (protocol.calendar_visits if visits is None else visits)}


def suggest_date(window: Window, calendar: SiteCalendar) -> tuple[date, bool]:
    """The target if open, else the nearest open day in the window (earlier on a tie), else the
    target flagged as a closed day. Returns (date, closed_day)."""
    if calendar.is_open(window.target):
        return window.target, False
    reach = max((window.target - window.earliest).days, (window.latest - window.target).days)
    for step in range(1, reach + 1):
        for candidate in (window.target - timedelta(days=step), window.target + timedelta(days=step)):
            if candidate in window and calendar.is_open(candidate):
                return candidate, False
    return window.target, True


def plan_visit(visit: VisitDefinition, target: date, infusion: date, calendar: SiteCalendar, *,
               cancelled: bool = False) -> PlannedVisit:
    window = Window.around(target, visit.early, visit.late)
    scheduled, closed = suggest_date(window, calendar)
    return PlannedVisit(
        code=visit.code,
        name=visit.name,
        kind=visit.kind,
        anchor=visit.anchor,
        study_day=study_day(target, infusion),
        target=target,
        earliest=window.earliest,
        latest=window.latest,
        scheduled=scheduled,
        closed_day=closed,
        procedures=visit.procedures,
        anchor_label=visit.anchor_label,
        dose_number=visit.dose_number,
        cancelled=cancelled,
    )


def cancelled_by_doses(visit: VisitDefinition, not_given_from: int | None) -> bool:
    """A visit hanging on a dose recorded not given (its dose day, and every visit anchored on it or on
    a later dose) is cancelled. The last-dose visit is not: it moves to the last dose given."""
    return (not_given_from is not None and visit.anchor is Anchor.DOSE and visit.dose is not None
            and visit.dose >= not_given_from)


def plan_schedule(protocol: Protocol, anchors: Anchors, calendar: SiteCalendar, *,
                  happened: Collection[str] = ()) -> Schedule:
    """The whole fixed calendar of ``protocol``'s cohort, in date order, with warnings a coordinator
    must see. Impossible anchors (a dose too soon, a dose after one not given...) raise ScheduleError.
    ``happened``: codes of visits already done; that one of them fell on a closed day is history,
    not something to warn about (an infusion given on a Sunday)."""
    c1 = anchors.conditioning_start
    d1 = anchors.infusion_date(protocol)
    warnings = check_infusion(protocol, c1, d1, anchors.last_conditioning)
    warnings += check_doses(protocol, anchors)
    doses = dose_dates(protocol, anchors)
    by_number, last = doses_by_number(doses), last_dose(doses).date
    planned = [plan_visit(v, nominal_target(v, c1, d1, by_number, last), d1, calendar,
                          cancelled=cancelled_by_doses(v, anchors.not_given_from))
               for v in protocol.calendar_visits]
    order = {v.code: i for i, v in enumerate(protocol.visits)}
    planned.sort(key=lambda p: (p.target, order[p.code]))
    closed = [p for p in planned if p.closed_day and p.code not in happened and not p.cancelled]
    # kept apart as SCHEDULE.md keeps them: a fixed day keeps its date on a closed day; a window visit
    # moves to an open day of its window, and stays on its target only when the window has none
    fixed = [p for p in closed if p.earliest == p.latest]
    if fixed:
        listed = ", ".join(f"{p.code} {p.target.isoformat()} ({calendar.closure_reason(p.target)})" for p in fixed)
        warnings += (_("fixed-day visits fall on days the site is closed: {visits}").format(visits=listed),)
    stuck = [p for p in closed if p.earliest != p.latest]
    if stuck:
        listed = ", ".join(_("{code} {day} ({reason}; window {earliest} to {latest})").format(
            code=p.code, day=p.target.isoformat(), reason=calendar.closure_reason(p.target),
            earliest=p.earliest.isoformat(), latest=p.latest.isoformat()) for p in stuck)
        warnings += (_("visits with no open day in their window are kept on their target day, which is closed: "
                       "{visits}").format(visits=listed),)
    return Schedule(protocol.id, protocol.version, c1, d1, tuple(planned), warnings, protocol.cohort_code, doses)


def plan_event_visit(protocol: Protocol, code: str, event_date: date, infusion: date | None,
                     calendar: SiteCalendar) -> PlannedVisit:
    """An unscheduled visit or early termination, dated on the day it happens."""
    visit = protocol.visit(code)
    if visit.on_fixed_calendar:
        raise DomainError(_("visit {code} is on the fixed calendar, not dated by an event").format(code=visit.code))
    return plan_visit(visit, event_date, infusion or event_date, calendar)
