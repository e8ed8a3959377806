"""``worksheet``, ``worksheets`` and ``schedule-pdf``: the paper documents from the command line.

Spellings are fixed (site scripts print a day's clinic with them). Each handler opens the
services and imports reportlab only when it runs. ``-o -`` writes the PDF to standard output,
for a pipe into ``lp``.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import TYPE_CHECKING

from ..i18n import _, ngettext
from ..private_files import write_private
from .common import OCCURRENCE_HELP, CliError, check_output_file, date_arg, positive_int, which_occurrence

if TYPE_CHECKING:
    from ..services.app import Services

PAGE_SIZES = ("letter", "a4")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this group's subcommands to ``ln-scheduler``."""
    w = sub.add_parser("worksheet", help=_("write the PDF worksheet of one visit of one participant, or a packet: "
                         "the worksheets of several of their visits in one PDF"))
    w.add_argument("pid", metavar="ID", help=_("participant ID"))
    w.add_argument("codes", nargs="+", metavar="CODE", help=_("visit code(s), e.g. D1 or SCR LD1 LD2 LD3 D1"))
    w.add_argument("--occurrence", type=positive_int, metavar="N", help=_(OCCURRENCE_HELP))
    _output_options(w)
    w.set_defaults(handler=run_worksheet)

    b = sub.add_parser("worksheets", help=_("write the worksheets of every open visit scheduled "
                         "in a date range into one PDF, by date then participant"))
    b.add_argument("--from", dest="start", required=True, type=date_arg, metavar="YYYY-MM-DD")
    b.add_argument("--to", dest="end", required=True, type=date_arg, metavar="YYYY-MM-DD")
    _output_options(b)
    b.set_defaults(handler=run_worksheets)

    s = sub.add_parser("schedule-pdf", help=_("write a participant's visit schedule as a PDF "
                         "(site file, or --plain for the take-home version)"))
    s.add_argument("pid", metavar="ID", help=_("participant ID"))
    s.add_argument("--plain", action="store_true",
                   help=_("the take-home version: large type, plain words, no internal codes"))
    s.add_argument("--language", metavar="CODE",
                   help=_("with --plain: the language of the take-home version, e.g. es (default: the participant's)"))
    _output_options(s)
    s.set_defaults(handler=run_schedule_pdf)


def _take_home_language(args: argparse.Namespace) -> str | None:
    """``--language`` checked before any work: only with ``--plain`` (the site file is staff paper,
    in the interface language), and a language the application has (one line naming them)."""
    if args.language is None:
        return None
    if not args.plain:
        raise CliError(_("--language is for the take-home version: add --plain"))
    from ..i18n import UnknownLanguage, parse_language

    try:
        return parse_language(args.language)
    except UnknownLanguage as exc:
        raise CliError(str(exc)) from None


def _output_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf",
                   help=_("where to write the PDF ('-' for standard output)"))
    p.add_argument("--page-size", choices=PAGE_SIZES, default="letter",
                   help=_("paper size (default: letter)"))


def _open(args: argparse.Namespace) -> Services:
    from ..services.startup import open_services_for_command

    return open_services_for_command(args.db)


def _check_output(path: str) -> None:
    """Refuse an output we cannot write before doing the work, with a one-line reason."""
    check_output_file(path, "worksheet.pdf")


def _write(path: str, data: bytes) -> None:
    if path == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        write_private(path, data)
    except OSError as exc:
        raise CliError(_("cannot write {path}: {why}").format(path=path, why=exc.strerror or exc)) from None


def _done(path: str, message: str) -> None:
    # With the PDF on stdout, the confirmation goes to stderr so the pipe stays a clean PDF.
    print(message, file=sys.stderr if path == "-" else sys.stdout)


def _where(path: str) -> str:
    """Where the PDF went, for the confirmation: the file, or standard output (``-``)."""
    return path if path != "-" else _("standard output")


def _pages(n: int) -> str:
    return ngettext("{count} page", "{count} pages", n).format(count=n)


def run_worksheet(args: argparse.Namespace) -> int:
    import io

    from ..reports import write_worksheet, write_worksheet_batch

    codes: list[str] = args.codes
    if len(codes) > 1 and args.occurrence is not None:
        raise CliError(_("--occurrence goes with one visit code"))
    _check_output(args.output)
    out = io.BytesIO()
    with _open(args) as svc:
        participant = svc.participant(args.pid)
        visits = [participant.visit(code, which_occurrence(participant, code, args.occurrence)) for code in codes]
        twice = sorted({v.code for v in visits if visits.count(v) > 1})
        if twice:
            raise CliError(_("visit {codes} is listed twice: give each visit once").format(codes=", ".join(twice)))
        if len(visits) == 1:
            protocol = svc.protocol(participant.protocol_id, participant.protocol_version)
            pages = write_worksheet(out, participant, visits[0], protocol, svc.site(),
                                    printed_by=svc.user, printed_at=svc.now(),
                                    page_size=args.page_size)
        else:  # a participant's packet: the clinic batch, one participant
            pages = write_worksheet_batch(out, [(participant, v) for v in visits], svc.protocol, svc.site(),
                                          printed_by=svc.user, printed_at=svc.now(), page_size=args.page_size)
    _write(args.output, out.getvalue())
    what = visits[0].label if len(visits) == 1 else _("{count} visits ({codes})").format(
        count=len(visits), codes=" ".join(v.code for v in visits))
    _done(args.output, _("worksheet {id} {what}: {pages} written to {where}").format(
        id=participant.id, what=what, pages=_pages(pages), where=_where(args.output)))
    return 0


def run_worksheets(args: argparse.Namespace) -> int:
    import io

    from ..reports import write_worksheet_batch

    _check_output(args.output)
    start: date = args.start
    end: date = args.end
    out = io.BytesIO()
    with _open(args) as svc:
        items = svc.worklist(start, end, today=svc.today(), include_overdue=False)
        if not items:
            raise CliError(_("no open visits are scheduled from {start} to {end}: no worksheets written").format(
                start=start.isoformat(), end=end.isoformat()))
        people = {p.id: p for p in svc.participant_records(sorted({i.participant_id for i in items}))}
        pairs = [(people[i.participant_id],
                  people[i.participant_id].visit(i.visit.code, i.visit.occurrence)) for i in items]
        pages = write_worksheet_batch(out, pairs, svc.protocol, svc.site(), printed_by=svc.user,
                                      printed_at=svc.now(), page_size=args.page_size)
    _write(args.output, out.getvalue())
    _done(args.output, _("{worksheets} worksheets for {participants} participants ({start} to {end}): {pages} "
                         "written to {where}").format(worksheets=len(pairs), participants=len(people),
                                                      start=start.isoformat(), end=end.isoformat(),
                                                      pages=_pages(pages), where=_where(args.output)))
    return 0


def run_schedule_pdf(args: argparse.Namespace) -> int:
    import io

    from ..reports import write_participant_schedule

    language = _take_home_language(args)
    _check_output(args.output)
    out = io.BytesIO()
    with _open(args) as svc:
        participant = svc.participant(args.pid)
        protocol = svc.protocol(participant.protocol_id, participant.protocol_version)
        pages = write_participant_schedule(out, participant, protocol, svc.site(),
                                           plain=args.plain, printed_by=svc.user,
                                           printed_at=svc.now(), page_size=args.page_size,
                                           language=language)
    _write(args.output, out.getvalue())
    kind = _("take-home schedule") if args.plain else _("schedule")
    _done(args.output, _("{kind} of {id}: {pages} written to {where}").format(
        kind=kind, id=participant.id, pages=_pages(pages), where=_where(args.output)))
    return 0
