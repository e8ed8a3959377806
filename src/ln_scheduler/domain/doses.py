"""Doses after the first: their planned dates, the interval and delay rules, and "not given".

Dose 1 is the infusion of version 1.0 (planned C1 + 5, the gap after conditioning: see
:mod:`ln_scheduler.domain.schedule`). Each later dose is planned a fixed number of days after the
previous one, counted from the previous dose's recorded date once it is recorded, so a late dose 2
moves dose 3 and everything anchored on it, and nothing anchored on dose 1. A later dose may be
recorded not given; then every dose after it is not given either, and the visits hanging on them
are cancelled. The DLT assessment anchors on the last dose given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ..i18n import _, ngettext
from .errors import ScheduleError
from .infusion import Anchors, check_infusion
from .protocol import Anchor, Protocol


@dataclass(frozen=True)
class DoseDate:
    """One dose of a participant's cohort: the date it was given (``recorded``), or its planned date.

    ``given``: True once recorded given, False when recorded not given (it, or an earlier dose),
    None while pending. ``planned`` is the date the rules plan it on, whatever happened."""

    number: int
    anchor_label: str
    date: dt.date  # dt.date: inside the class body, ``date`` is this field
    recorded: bool
    given: bool | None
    planned: dt.date


def dose_label(protocol: Protocol, number: int) -> str:
    """The anchor naming dose ``number``: D1 for the first, the file's label (X2, X3) for later ones."""
    return "D1" if number == 1 else protocol.dose_rule(number).anchor_label


def counted_from_dose(protocol: Protocol, code: str, number: int) -> bool:
    """Whether visit ``code`` is counted from dose ``number`` or a later one (or from the last dose):
    the visits that recording, or un-recording, dose ``number`` moves."""
    v = next((d for d in protocol.visits if d.code == code), None)
    return v is not None and (v.anchor is Anchor.LAST_DOSE or (v.anchor is Anchor.DOSE and (v.dose or 0) >= number))


def name_counted_from(name: str, dose_count: int, not_given_from: int | None) -> str:
    """The name of a visit counted from the last dose given, as it reads once dose
    ``not_given_from`` and the ones after it are not given: "Day 43: DLT assessment (dose 3 + 28
    days)" becomes "(dose 2 + 28 days)". SCHEDULE-v2.md names the visit after the last dose of the
    cohort and anchors it on the last dose given: its text rules, and two walks read the name on
    Day 36 as 28 days after a dose never given. A name that does not say ``dose N +`` (N the
    cohort's last dose) is left as the protocol file gives it."""
    said = f"dose {dose_count} +"
    if not_given_from is None or not 1 < not_given_from <= dose_count or name.count(said) != 1:
        return name
    return name.replace(said, f"dose {not_given_from - 1} +")


def _show(protocol: Protocol, number: int) -> str:
    return _("dose {dose} ({anchor})").format(dose=number, anchor=dose_label(protocol, number))


def dose_dates(protocol: Protocol, anchors: Anchors) -> tuple[DoseDate, ...]:
    """Every dose of the cohort, dose 1 first. A later dose is planned from the previous dose's date
    (recorded, else planned); a dose not given keeps its planned date, for reference only."""
    if anchors.not_given_from is not None and anchors.not_given_from <= 1:
        raise ScheduleError(_("dose 1 (the infusion) cannot be recorded not given: only a later dose can"))
    first = anchors.infusion_date(protocol)
    planned_first = anchors.planned_infusion(protocol)
    out = [DoseDate(1, "D1", first, anchors.infusion is not None, True if anchors.infusion else None,
                    planned_first)]
    previous = first
    for rule in protocol.doses:
        planned = previous + timedelta(days=rule.planned_days_after_previous)
        recorded = anchors.doses.get(rule.number)
        if anchors.not_given_from is not None and rule.number >= anchors.not_given_from:
            out.append(DoseDate(rule.number, rule.anchor_label, planned, False, False, planned))
        elif recorded is not None:
            out.append(DoseDate(rule.number, rule.anchor_label, recorded, True, True, planned))
        else:
            out.append(DoseDate(rule.number, rule.anchor_label, planned, False, None, planned))
        previous = out[-1].date
    return tuple(out)


def last_dose(doses: tuple[DoseDate, ...]) -> DoseDate:
    """The last dose given (or still to be given): what the DLT assessment anchors on."""
    return [d for d in doses if d.given is not False][-1]


def check_dose(protocol: Protocol, number: int, on: date, anchors: Anchors) -> tuple[str, ...]:
    """Dose ``number`` given on ``on`` (the other doses as in ``anchors``): refused with one line naming
    the dates when the cohort has no such dose, the previous dose is not recorded (or was not given),
    it is too soon after the previous dose or leaves too little time before a next one already
    recorded; a warning when it is more than the rule's days after its planned date.
    Dose 1 is the infusion: :func:`~ln_scheduler.domain.schedule.check_infusion` rules it."""
    if number == 1:
        warnings = check_infusion(protocol, anchors.conditioning_start, on, anchors.last_conditioning)
        _check_before_next(protocol, 1, on, anchors)
        return warnings
    if number < 1 or number > protocol.dose_count:
        raise ScheduleError(_("dose {dose} on {date} cannot be recorded: cohort {cohort} is given {count}").format(
            dose=number, date=on.isoformat(), cohort=protocol.cohort_code, count=_count(protocol.dose_count)))
    if anchors.not_given_from is not None and number >= anchors.not_given_from:
        stopped = anchors.not_given_from
        raise ScheduleError(_("{dose} on {date} cannot be recorded: {stopped} was recorded not given, and so every "
                              "dose after it").format(dose=_show(protocol, number), date=on.isoformat(),
                                                      stopped=_show(protocol, stopped)))
    previous = _recorded(anchors, number - 1)
    rule = protocol.dose_rule(number)
    if previous is None:
        planned = dose_dates(protocol, anchors)[number - 2].date
        raise ScheduleError(_("{dose} on {date} cannot be recorded before {previous} (planned {planned}) is "
                              "recorded").format(dose=_show(protocol, number), date=on.isoformat(),
                                                 previous=_show(protocol, number - 1), planned=planned.isoformat()))
    earliest = previous + timedelta(days=rule.min_days_after_previous)
    if on < earliest:
        raise ScheduleError(_("{dose} on {date} is too soon: it must be at least {days} days after {previous} on "
                              "{previous_date}, so {earliest} or later").format(
            dose=_show(protocol, number), date=on.isoformat(), days=rule.min_days_after_previous,
            previous=_show(protocol, number - 1), previous_date=previous.isoformat(), earliest=earliest.isoformat()))
    _check_before_next(protocol, number, on, anchors)
    planned = previous + timedelta(days=rule.planned_days_after_previous)
    delay = (on - planned).days
    if delay > rule.delay_warning_days:
        return (_("{dose} on {date} is {delay} days after its planned date {planned} (more than {most})").format(
            dose=_show(protocol, number), date=on.isoformat(), delay=delay, planned=planned.isoformat(),
            most=rule.delay_warning_days),)
    return ()


def check_not_given(protocol: Protocol, number: int, anchors: Anchors) -> None:
    """Dose ``number`` (and so every later dose) recorded not given: refused for dose 1, for a dose the
    cohort does not have, before the previous dose is recorded given, or when a dose from ``number``
    on is already recorded given (one line naming the dates)."""
    if number == 1:
        raise ScheduleError(_("dose 1 (the infusion) cannot be recorded not given: only a later dose can; a "
                              "participant who does not receive dose 1 is withdrawn"))
    if number < 1 or number > protocol.dose_count:
        raise ScheduleError(_("dose {dose} cannot be recorded not given: cohort {cohort} is given {count}").format(
            dose=number, cohort=protocol.cohort_code, count=_count(protocol.dose_count)))
    given = sorted((n, d) for n, d in anchors.doses.items() if n >= number)
    if given:
        n, d = given[0]
        raise ScheduleError(_("{dose} cannot be recorded not given: {later} was recorded given on {date}").format(
                dose=_show(protocol, number), later=_show(protocol, n), date=d.isoformat()))
    if anchors.not_given_from is not None and anchors.not_given_from <= number:
        raise ScheduleError(_("{dose} is already not given: {first} was recorded not given").format(
            dose=_show(protocol, number), first=_show(protocol, anchors.not_given_from)))
    if _recorded(anchors, number - 1) is None:
        raise ScheduleError(_("{dose} cannot be recorded not given before {previous} is recorded (if neither was "
                              "given, record dose {previous_number} not given)").format(
            dose=_show(protocol, number), previous=_show(protocol, number - 1), previous_number=number - 1))


def check_doses(protocol: Protocol, anchors: Anchors) -> tuple[str, ...]:
    """Every recorded dose after the first checked against the rules, in order (a calendar built from
    impossible anchors would be wrong silently); their warnings."""
    if anchors.not_given_from is not None:
        check_not_given(protocol, anchors.not_given_from, _without(anchors, anchors.not_given_from))
    warnings: tuple[str, ...] = ()
    for number in sorted(anchors.doses):
        warnings += check_dose(protocol, number, anchors.doses[number], anchors)
    return warnings


def _without(anchors: Anchors, not_given_from: int) -> Anchors:
    return replace(anchors, not_given_from=None) if anchors.not_given_from == not_given_from else anchors


def _check_before_next(protocol: Protocol, number: int, on: date, anchors: Anchors) -> None:
    """A dose re-recorded (corrected) must still leave the next dose's minimum interval before the next
    dose when that one is recorded."""
    following = anchors.doses.get(number + 1)
    if following is None or number + 1 > protocol.dose_count:
        return
    rule = protocol.dose_rule(number + 1)
    latest = following - timedelta(days=rule.min_days_after_previous)
    if on > latest:
        raise ScheduleError(_("{dose} on {date} leaves less than {days} days before {following} on {following_date}: "
                              "{latest} at the latest").format(
            dose=_show(protocol, number), date=on.isoformat(), days=rule.min_days_after_previous,
            following=_show(protocol, number + 1), following_date=following.isoformat(), latest=latest.isoformat()))


def _recorded(anchors: Anchors, number: int) -> date | None:
    return anchors.infusion if number == 1 else anchors.doses.get(number)


def _count(n: int) -> str:
    return ngettext("{count} dose", "{count} doses", n).format(count=n)


def doses_by_number(doses: tuple[DoseDate, ...]) -> Mapping[int, date]:
    """Dose number -> its date (recorded or planned): what dose-anchored targets count from."""
    return {d.number: d.date for d in doses}


__all__ = ["DoseDate", "check_dose", "check_doses", "check_not_given", "dose_dates", "dose_label",
           "doses_by_number", "last_dose"]
