"""The anchors a calendar is built from, and the infusion (dose 1) rules every later dose builds on.

Their own module because both :mod:`~ln_scheduler.domain.schedule` (the calendar) and
:mod:`~ln_scheduler.domain.doses` (doses 2 and later, which check dose 1 as the infusion) need them:
the domain has no import cycle.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..i18n import _
from .errors import ScheduleError
from .protocol import Protocol, VisitKind


@dataclass(frozen=True)
class Anchors:
    """The dates a calendar is built from.

    ``infusion`` is dose 1 as recorded (None: not yet; the plan then uses C1 + the protocol's planned
    offset). A date given here counts as given: a later dose may be checked against it.
    ``last_conditioning`` is the last conditioning day recorded as given (None: none yet): the gap
    before the infusion counts from it.
    ``doses``: the recorded dates of doses 2 and later; ``not_given_from``: the first dose recorded not
    given (it and every later dose were not given; None: none).
    """

    conditioning_start: date
    infusion: date | None = None
    last_conditioning: date | None = None
    doses: Mapping[int, date] = field(default_factory=dict)
    not_given_from: int | None = None

    def infusion_date(self, protocol: Protocol) -> date:
        return self.infusion or self.planned_infusion(protocol)

    def planned_infusion(self, protocol: Protocol) -> date:
        return planned_infusion(protocol, self.conditioning_start, self.last_conditioning)


def planned_infusion(protocol: Protocol, conditioning_start: date, recorded_last: date | None = None) -> date:
    """C1 + the planned offset; later when the last conditioning day was given late (``recorded_last``),
    so that the plan never falls inside the gap the protocol requires after it."""
    planned = conditioning_start + timedelta(days=protocol.conditioning.planned_infusion_offset_days)
    if recorded_last is None:
        return planned
    return max(planned, earliest_infusion(protocol, conditioning_start, recorded_last))


def last_conditioning_day(protocol: Protocol, conditioning_start: date, recorded_last: date | None = None) -> date:
    """The last conditioning day as recorded when known, else as planned (LD3 = C1 + 2)."""
    if recorded_last is not None:
        return recorded_last
    offsets = [v.offset_days or 0 for v in protocol.visits if v.kind is VisitKind.CONDITIONING]
    return conditioning_start + timedelta(days=max(offsets, default=0))


def earliest_infusion(protocol: Protocol, conditioning_start: date, recorded_last: date | None = None) -> date:
    """Last conditioning day + a gap of ``min_gap_days`` full days: D1 >= LD3 + 3 days for this study."""
    gap = protocol.conditioning.min_gap_days
    return last_conditioning_day(protocol, conditioning_start, recorded_last) + timedelta(days=gap + 1)


def check_infusion(protocol: Protocol, conditioning_start: date, infusion: date,
                   recorded_last: date | None = None) -> tuple[str, ...]:
    """Refuse an infusion too soon after conditioning (after the last conditioning day recorded,
    ``recorded_last``, when there is one; else after the planned one); warn about a long delay."""
    ld3 = last_conditioning_day(protocol, conditioning_start, recorded_last)
    first = earliest_infusion(protocol, conditioning_start, recorded_last)
    gap = protocol.conditioning.min_gap_days
    if infusion < first:
        raise ScheduleError(
            _("infusion on {date} is too soon: it must follow the last conditioning day ({last}) by at least "
              "{gap} full days, so {first} or later").format(date=infusion.isoformat(), last=ld3.isoformat(),
                                                             gap=gap, first=first.isoformat())
        )
    planned = planned_infusion(protocol, conditioning_start)
    delay = (infusion - planned).days
    if delay > protocol.conditioning.delay_warning_days:
        return (
            _("infusion on {date} is {delay} days after its planned date {planned} (more than {most}): the "
              "protocol may require conditioning to be repeated").format(
                date=infusion.isoformat(), delay=delay, planned=planned.isoformat(),
                most=protocol.conditioning.delay_warning_days),
        )
    return ()
