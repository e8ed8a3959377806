"""``export ics`` and ``export csv``: visits as calendar files and spreadsheets.

Spellings are fixed (site scripts call them)::

    export ics (ID... | --all | --from DATE --to DATE) -o FILE.ics [--reminder-days N]
    export ics ID --for-participant -o FILE.ics [--language CODE]
    export csv (ID... | --all | --from DATE --to DATE) -o FILE.csv

``-o -`` writes to standard output. The choice of visits and the file formats live in
:mod:`ln_scheduler.exports`; this module only reads the chosen visits through the services.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from ..i18n import N_, _, ngettext
from .common import CliError, check_output_file, date_arg, int_at_least

if TYPE_CHECKING:
    from ..services.app import Services
    from ..services.records import VisitRecord


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``export ics`` and ``export csv`` to ``ln-scheduler``."""
    export = sub.add_parser("export", help=_("write visits as a calendar file (.ics) or a spreadsheet "
                              "(.csv)"))
    formats = export.add_subparsers(dest="format", metavar="FORMAT", required=True)

    ics = formats.add_parser(
        "ics", help=_("an iCalendar file for Outlook, Google, Apple Calendar (re-import updates it)"),
        description=_("Write visits as an iCalendar file. Importing a later export again updates "
          "the same events (rescheduled, cancelled) instead of adding copies. Events carry the "
          "participant ID only."),
    )
    _selection(ics)
    ics.add_argument("-o", "--output", required=True, metavar="FILE.ics",
                     help=_("file to write (replaced whole), or - for standard output"))
    ics.add_argument("--reminder-days", type=_non_negative_int, metavar="N",
                     help=_("a reminder N days before each open visit (0 = none, the default)"))
    ics.add_argument("--for-participant", action="store_true",
                     help=_("the participant's own calendar for their phone (one ID): coming visits in plain "
                            "words in their language, reminders, no ID, initials or codes"))
    ics.add_argument("--language", metavar="CODE",
                     help=_("with --for-participant: the calendar's language (default: the participant's)"))
    ics.set_defaults(handler=run_export_ics)

    csv = formats.add_parser("csv", help=_("a spreadsheet of the same visits (UTF-8, ISO dates)"))
    _selection(csv)
    csv.add_argument("-o", "--output", required=True, metavar="FILE.csv",
                     help=_("file to write (replaced whole), or - for standard output"))
    csv.set_defaults(handler=run_export_csv)


def _selection(p: argparse.ArgumentParser) -> None:
    p.add_argument("pids", nargs="*", metavar="ID", help=_("participant IDs (every visit of each)"))
    p.add_argument("--all", action="store_true", help=_("every visit of every participant"))
    p.add_argument("--from", dest="start", type=date_arg, metavar="YYYY-MM-DD",
                   help=_("with --to: every visit of the site on a day in this range"))
    p.add_argument("--to", dest="end", type=date_arg, metavar="YYYY-MM-DD")


#: The calendar's name says which visits in English (the .ics is never translated); the message
#: printed after writing translates it (``_(what)``: IDs and dates have no entry and stay as they are).
ALL_PARTICIPANTS = N_("all participants")

_non_negative_int = int_at_least(0, 365)  # a reminder more than a year ahead is a typo


def run_export_ics(args: argparse.Namespace) -> int:
    from ..exports import build_calendar, write_ics

    if args.for_participant or args.language is not None:
        return _run_personal_ics(args)
    with _open(args) as svc:
        visits, what = _chosen_visits(args, svc)
        site, now = svc.site(), svc.now()
    name, reminder_days = f"{site.name}: {what}", args.reminder_days
    if args.output == "-":
        _to_stdout(build_calendar(visits, site, now=now, name=name, reminder_days=reminder_days))
        return 0
    check_output_file(args.output, "visits.ics")
    count = _to_file(args.output, lambda: write_ics(args.output, visits, site, now=now, name=name,
                                                     reminder_days=reminder_days))
    print(ngettext("Wrote {count} event ({what}) to {path}", "Wrote {count} events ({what}) to {path}", count).format(
        count=count, what=_(what), path=args.output))
    return 0


def _run_personal_ics(args: argparse.Namespace) -> int:
    """``--for-participant``: one participant's calendar for their phone (exports.personal_calendar).
    The site selections and the site reminder do not apply to it: refused, not silently ignored."""
    from ..exports.personal_calendar import build_personal_calendar, write_personal_calendar
    from ..i18n import UnknownLanguage, language, parse_language

    if not args.for_participant:
        raise CliError(_("--language goes with --for-participant: the site calendar is not translated"))
    if args.all or args.start is not None or args.end is not None or args.reminder_days is not None:
        raise CliError(_("--for-participant takes one participant ID, not --all, --from, --to or "
                         "--reminder-days"))
    if len(args.pids) != 1:
        raise CliError(_("--for-participant takes exactly one participant ID"))
    try:
        chosen = parse_language(args.language) if args.language is not None else None
    except UnknownLanguage as exc:
        raise CliError(str(exc)) from None
    check_output_file(args.output, "study-visits.ics")
    with _open(args) as svc:
        participant = svc.participant(args.pids[0])
        protocol = svc.protocol(participant.protocol_id, participant.protocol_version)
        site, now = svc.site(), svc.now()
    code = chosen or participant.language
    if args.output == "-":
        _to_stdout(build_personal_calendar(participant, protocol, site, language=code, now=now))
        return 0
    count = _to_file(args.output, lambda: write_personal_calendar(args.output, participant, protocol, site,
                                                                  language=code, now=now))
    print(ngettext("Wrote the calendar of {id} for their phone ({language}, {count} coming visit) to {path}",
                   "Wrote the calendar of {id} for their phone ({language}, {count} coming visits) to {path}",
                   count).format(id=participant.id, language=language(code).english_name, count=count,
                                 path=args.output))
    return 0


def run_export_csv(args: argparse.Namespace) -> int:
    from ..exports import build_csv, write_csv

    with _open(args) as svc:
        visits, what = _chosen_visits(args, svc)
    if args.output == "-":
        _to_stdout(build_csv(visits))
        return 0
    check_output_file(args.output, "visits.csv")
    count = _to_file(args.output, lambda: write_csv(args.output, visits))
    print(ngettext("Wrote {count} row ({what}) to {path}", "Wrote {count} rows ({what}) to {path}", count).format(
        count=count, what=_(what), path=args.output))
    return 0


def _open(args: argparse.Namespace) -> Services:
    from ..services.startup import open_services_for_command

    return open_services_for_command(args.db)


def _chosen_visits(args: argparse.Namespace, svc: Services) -> tuple[list[VisitRecord], str]:
    """The visits the arguments name, and a few words saying which (for the calendar name: the .ics is
    not translated, so neither are they).

    One bulk read (:meth:`Services.visits`) whatever the selection: ``--all`` over a 1,000
    participant site was 3,000 queries when each calendar was loaded on its own.
    """
    ranged = args.start is not None or args.end is not None
    modes = sum((bool(args.pids), args.all, ranged))
    if modes != 1:
        raise CliError(_("name participant IDs, or --all, or --from DATE --to DATE (exactly one)"))
    if ranged and (args.start is None or args.end is None):
        raise CliError(_("--from and --to go together: give both dates of the range"))
    if args.pids:
        pids = list(dict.fromkeys(args.pids))
        return svc.visits(participant_ids=pids), ", ".join(pids)
    if args.all:
        return svc.visits(), ALL_PARTICIPANTS
    start: date = args.start
    end: date = args.end
    if end < start:
        raise CliError(_("--to {end} is before --from {start}").format(end=end.isoformat(), start=start.isoformat()))
    return svc.visits(start, end), f"{start.isoformat()} to {end.isoformat()}"


def _to_stdout(data: bytes) -> None:
    sys.stdout.buffer.write(data)
    sys.stdout.flush()


def _to_file(output: str, write: Callable[[], int]) -> int:
    try:
        return write()
    except OSError as exc:
        raise CliError(_("cannot write {path}: {why}").format(path=output, why=exc.strerror or exc)) from None
