"""``plan`` and ``suggest-start``: the schedule engine on the command line, no database.

Which protocol: ``--protocol PATH`` (a file), else ``--protocol-version V`` (a shipped version), else
the newest shipped version; ``--cohort C`` its cohort (default: the first, LN), so that without
options the calendar is today's LN calendar."""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from ..i18n import SOURCE_LANGUAGE, _, interface_language, ngettext, use_language
from .common import (
    CliError,
    date_arg,
    dose_date_arg,
    later_dose,
    positive_int,
    print_json,
    print_table,
    weekday_text,
)

if TYPE_CHECKING:  # imported by the handlers when they run (start-up: see cli/__init__.py)
    from ..domain.protocol import Protocol
    from ..domain.schedule import Anchors
    from ..domain.site_calendar import SiteCalendar


def _closure_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--closures",
        default="weekends,us-holidays",
        metavar="RULES",
        help=_("days the site is closed: weekends, us-holidays (comma-separated), or none "
          "(default: weekends,us-holidays)"),
    )
    p.add_argument("--closed-date", action="append", type=date_arg, default=[], metavar="YYYY-MM-DD",
                   help=_("an extra site closure date (repeatable)"))
    p.add_argument("--protocol", metavar="PATH", help=_("protocol file (default: the newest shipped protocol)"))
    p.add_argument("--protocol-version", metavar="V",
                   help=_("a shipped protocol version, e.g. 1.0 or 2.0 (default: the newest shipped)"))
    p.add_argument("--cohort", metavar="C", help=_("the cohort, e.g. LN, SSC-1A, SSC-1B (default: LN)"))
    p.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("plan", help=_("print a participant calendar for a conditioning start date"))
    p.add_argument("--conditioning-start", required=True, type=date_arg, metavar="YYYY-MM-DD",
                   help=_("first conditioning day (LD1, nominal Day -5)"))
    p.add_argument("--infusion", type=date_arg, metavar="YYYY-MM-DD",
                   help=_("infusion day (dose 1, Day 1); default: the planned one, conditioning start + 5 days"))
    p.add_argument("--dose", action="append", type=dose_date_arg, default=[], metavar="N=YYYY-MM-DD",
                   help=_("dose N (2 or more) given that day (repeatable); default: planned from the dose before"))
    p.add_argument("--not-given", type=later_dose, metavar="N",
                   help=_("dose N and every later dose were not given (their visits are cancelled)"))
    _closure_options(p)
    p.set_defaults(handler=run_plan)

    s = sub.add_parser("suggest-start", help=_("suggest conditioning start dates that keep conditioning and every "
                         "fixed dose day (Days 1-4 and, in SSC-1B, Days 8, 9, 15, 16) on open days"))
    s.add_argument("--from", dest="start_from", required=True, type=date_arg, metavar="YYYY-MM-DD")
    s.add_argument("--count", type=positive_int, default=5, metavar="N")
    _closure_options(s)
    s.set_defaults(handler=run_suggest)


def _calendar(args: argparse.Namespace) -> SiteCalendar:
    from ..domain.site_calendar import SiteCalendar

    return SiteCalendar.parse_rules(args.closures, args.closed_date)


def _protocol(args: argparse.Namespace) -> Protocol:
    """The cohort's view of the protocol the options name (see the module's docstring)."""
    from ..domain.protocol_loader import load_protocol, shipped_protocols

    if args.protocol and args.protocol_version:
        raise CliError(_("give --protocol PATH or --protocol-version V, not both"))
    if args.protocol_version:
        shipped = shipped_protocols()
        wanted = args.protocol_version.strip()
        protocol = next((p for p in shipped if p.version == wanted), None)
        if protocol is None:
            raise CliError(_("protocol version '{wanted}' is not shipped (shipped: {shipped}); for another file "
                             "use --protocol PATH").format(wanted=wanted,
                                                           shipped=", ".join(p.version for p in shipped)))
    else:
        protocol = load_protocol(args.protocol)
    cohort = (args.cohort or protocol.default_cohort.code).strip().upper()
    protocol.cohort(cohort)  # unknown: one line listing the cohorts of this version
    return protocol.for_cohort(cohort)


def _anchors_checked(protocol: Protocol, args: argparse.Namespace) -> tuple[Anchors, tuple[str, ...]]:
    """The anchors of ``plan`` and the warnings of its doses; a dose the rules refuse (too soon, out of
    order, after one not given, beyond the cohort's doses) stops here with the domain's one line."""
    from ..domain.doses import check_dose, check_not_given
    from ..domain.infusion import planned_infusion
    from ..domain.schedule import Anchors

    numbers = [n for n, _day_given in args.dose]
    if len(set(numbers)) != len(numbers):
        raise CliError(_("--dose {number}= is given twice").format(
            number=sorted(n for n in numbers if numbers.count(n) > 1)[0]))
    # a later dose given (or not) means dose 1 was given: on --infusion, else on its planned day (--help)
    infusion = args.infusion or (planned_infusion(protocol, args.conditioning_start)
                                 if args.dose or args.not_given is not None else None)
    anchors = Anchors(args.conditioning_start, infusion)
    warnings: list[str] = []
    for number, day in sorted(args.dose):
        # a dose after the one --not-given names is refused as such, not as "before the previous is recorded"
        after_not_given = args.not_given is not None and number > args.not_given
        checked = replace(anchors, not_given_from=args.not_given) if after_not_given else anchors
        warnings.extend(check_dose(protocol, number, day, checked))
        anchors = Anchors(args.conditioning_start, infusion, doses={**anchors.doses, number: day})
    if args.not_given is not None:
        check_not_given(protocol, args.not_given, anchors)
        anchors = Anchors(args.conditioning_start, infusion, doses=anchors.doses, not_given_from=args.not_given)
    return anchors, tuple(warnings)


def run_plan(args: argparse.Namespace) -> int:
    """``--json`` is for programs: the same in every interface language, its warnings (sentences the
    domain writes in the interface language) in English like its keys and values."""
    if not args.json or interface_language() == SOURCE_LANGUAGE:
        return _run_plan(args)
    previous = interface_language()
    use_language(SOURCE_LANGUAGE)
    try:
        return _run_plan(args)
    finally:
        use_language(previous)


def _run_plan(args: argparse.Namespace) -> int:
    from ..domain.schedule import plan_schedule

    protocol = _protocol(args)
    calendar = _calendar(args)
    anchors, dose_warnings = _anchors_checked(protocol, args)
    schedule = plan_schedule(protocol, anchors, calendar)
    warnings = [*dose_warnings, *(w for w in schedule.warnings if w not in dose_warnings)]
    if args.json:
        print_json(
            {
                "protocol": {"id": protocol.id, "version": protocol.version},
                "protocol_version": protocol.version,
                "cohort": protocol.cohort_code,
                "conditioning_start": schedule.conditioning_start,
                "infusion": schedule.infusion,
                "warnings": warnings,
                "visits": [
                    {
                        "code": v.code,
                        "name": v.name,
                        "study_day": v.study_day,
                        "target": v.target,
                        "earliest": v.earliest,
                        "latest": v.latest,
                        "scheduled": v.scheduled,
                        "closed_day": v.closed_day,
                        "procedures": list(v.procedures),
                        "anchor": v.anchor_label,
                        "cancelled": v.cancelled,
                    }
                    for v in schedule.visits
                ],
            }
        )
        return 0
    print(_("Protocol {id} version {version}: conditioning starts {start}, infusion {infusion}").format(
        id=protocol.id, version=protocol.version, start=_day(schedule.conditioning_start),
        infusion=_day(schedule.infusion)))
    if args.cohort or protocol.dose_count > 1:
        doses = "; ".join(_("dose {number} ({anchor}) {day}").format(
            number=d.number, anchor=d.anchor_label, day=_day(d.date) if d.given is not False else _("not given"))
            for d in schedule.doses)
        print(_("Cohort {cohort}: {doses}").format(cohort=protocol.cohort_code, doses=doses))
    print(_("Site closed: {rules}").format(rules=", ".join(calendar.rule_names) or _("no weekly or holiday closures"))
          + (ngettext("; plus {count} closure date", "; plus {count} closure dates", len(calendar.closed_dates))
             .format(count=len(calendar.closed_dates)) if calendar.closed_dates else ""))
    print()
    rows = [
        [
            v.code,
            v.name,
            str(v.study_day),
            v.target.isoformat(),
            v.earliest.isoformat(),
            v.latest.isoformat(),
            _("CANCELLED (dose not given)") if v.cancelled else
            f"{_day(v.scheduled)}" + ("  " + _("CLOSED DAY") if v.closed_day else ""),
        ]
        for v in schedule.visits
    ]
    print_table([_("Code"), _("Visit"), _("Day"), _("Target"), _("Earliest"), _("Latest"), _("Scheduled")], rows)
    for w in warnings:
        print("\n" + _("Warning: {warning}").format(warning=w))
    return 0


def _day(d: date) -> str:
    return f"{d.isoformat()} {weekday_text(d)}"


def run_suggest(args: argparse.Namespace) -> int:
    from ..domain.conditioning import suggest_conditioning_starts
    from ..domain.schedule import planned_infusion

    protocol = _protocol(args)
    starts = suggest_conditioning_starts(protocol, _calendar(args), args.start_from, args.count)
    if args.json:
        print_json({
            "protocol": {"id": protocol.id, "version": protocol.version},
            "protocol_version": protocol.version,
            "cohort": protocol.cohort_code,
            "suggestions": [
                {"conditioning_start": s, "infusion": planned_infusion(protocol, s)} for s in starts
            ],
        })
        return 0
    if not starts:
        print(_("No start date in the next three years keeps conditioning and the fixed dose days on open days."))
        return 0
    print_table(
        [_("Conditioning start"), _("Infusion (Day 1)")],
        [[_day(s), _day(planned_infusion(protocol, s))] for s in starts],
    )
    return 0
