"""``plan`` and ``suggest-start``: the schedule engine on the command line, no database."""

from __future__ import annotations

import argparse
from datetime import date

from .common import date_arg, positive_int, print_json, print_table


def _closure_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--closures",
        default="weekends,us-holidays",
        metavar="RULES",
        help="days the site is closed: weekends, us-holidays (comma-separated), or none "
        "(default: weekends,us-holidays)",
    )
    p.add_argument("--closed-date", action="append", type=date_arg, default=[], metavar="YYYY-MM-DD",
                   help="an extra site closure date (repeatable)")
    p.add_argument("--protocol", metavar="PATH", help="protocol file (default: the shipped protocol)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("plan", help="print a participant calendar for a conditioning start date")
    p.add_argument("--conditioning-start", required=True, type=date_arg, metavar="YYYY-MM-DD",
                   help="first conditioning day (LD1, nominal Day -5)")
    p.add_argument("--infusion", type=date_arg, metavar="YYYY-MM-DD",
                   help="infusion day (Day 1); default: the planned one, conditioning start + 5 days")
    _closure_options(p)
    p.set_defaults(handler=run_plan)

    s = sub.add_parser("suggest-start", help="suggest conditioning start dates that keep LD1-LD3 and "
                       "Days 1-4 on open days")
    s.add_argument("--from", dest="start_from", required=True, type=date_arg, metavar="YYYY-MM-DD")
    s.add_argument("--count", type=positive_int, default=5, metavar="N")
    _closure_options(s)
    s.set_defaults(handler=run_suggest)


def _calendar(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from ..domain.site_calendar import SiteCalendar

    return SiteCalendar.parse_rules(args.closures, args.closed_date)


def _protocol(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from ..domain.protocol_loader import load_protocol

    return load_protocol(args.protocol)


def run_plan(args: argparse.Namespace) -> int:
    from ..domain.schedule import Anchors, plan_schedule

    protocol = _protocol(args)
    calendar = _calendar(args)
    schedule = plan_schedule(protocol, Anchors(args.conditioning_start, args.infusion), calendar)
    if args.json:
        print_json(
            {
                "protocol": {"id": protocol.id, "version": protocol.version},
                "conditioning_start": schedule.conditioning_start,
                "infusion": schedule.infusion,
                "warnings": list(schedule.warnings),
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
                    }
                    for v in schedule.visits
                ],
            }
        )
        return 0
    print(f"Protocol {protocol.id} version {protocol.version}: conditioning starts "
          f"{_day(schedule.conditioning_start)}, infusion {_day(schedule.infusion)}")
    print(f"Site closed: {', '.join(calendar.rule_names) or 'no weekly or holiday closures'}"
          + (f"; plus {len(calendar.closed_dates)} closure date(s)" if calendar.closed_dates else ""))
    print()
    rows = [
        [
            v.code,
            v.name,
            str(v.study_day),
            v.target.isoformat(),
            v.earliest.isoformat(),
            v.latest.isoformat(),
            f"{_day(v.scheduled)}" + ("  CLOSED DAY" if v.closed_day else ""),
        ]
        for v in schedule.visits
    ]
    print_table(["Code", "Visit", "Day", "Target", "Earliest", "Latest", "Scheduled"], rows)
    for w in schedule.warnings:
        print(f"\nWarning: {w}")
    return 0


def _day(d: date) -> str:
    return f"{d.isoformat()} {d.strftime('%a')}"


def run_suggest(args: argparse.Namespace) -> int:
    from ..domain.conditioning import suggest_conditioning_starts
    from ..domain.schedule import planned_infusion

    protocol = _protocol(args)
    starts = suggest_conditioning_starts(protocol, _calendar(args), args.start_from, args.count)
    if args.json:
        print_json({
            "protocol": {"id": protocol.id, "version": protocol.version},
            "suggestions": [
                {"conditioning_start": s, "infusion": planned_infusion(protocol, s)} for s in starts
            ],
        })
        return 0
    if not starts:
        print("No start date in the next three years keeps conditioning and Days 1-4 on open days.")
        return 0
    print_table(
        ["Conditioning start", "Infusion (Day 1)"],
        [[_day(s), _day(planned_infusion(protocol, s))] for s in starts],
    )
    return 0
