"""Commands that read and write participant records: ``participant`` (add, list, show, protocol, cohort),
``conditioning``, ``infusion`` (every dose, given or not), ``visit``, ``withdraw``, ``correct``, ``due``,
``audit``, ``backup``, ``restore``, ``demo``, ``site`` (show, enrolment-version).

Spellings are fixed (site scripts call them). Every handler opens the services lazily (SQLAlchemy
is imported only then) and lets DomainErrors through: the entry point prints one line, exit 2.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from .common import EXIT_AUDIT_NOT_INTACT, CliError, date_arg, positive_int, print_json, print_table, time_arg
from .language_commands import language_line, phone_line

if TYPE_CHECKING:
    from ..services.app import Services
    from ..services.records import (
        AuditVerification,
        ParticipantRecord,
        SchedulePreview,
        VisitRecord,
        WithdrawalPreview,
        WorklistItem,
    )

EXIT_NOT_CONFIRMED = 2
PARTICIPANT_STATUSES = ("screening", "scheduled", "conditioning", "follow-up", "completed", "withdrawn")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add this group's subcommands to ``ln-scheduler``."""
    _participant(sub)
    c = sub.add_parser("conditioning", help="record the conditioning start (LD1) or, for a future date, plan it")
    c.add_argument("pid", metavar="ID")
    c.add_argument("--date", required=True, type=date_arg, metavar="YYYY-MM-DD")
    c.add_argument("--planned", action="store_true",
                   help="plan the start (default: plan a future date, record today or a past date as done)")
    c.add_argument("--days", type=positive_int, default=1, metavar="N",
                   help="recording: how many conditioning days were given (default 1, LD1 only)")
    c.set_defaults(handler=run_conditioning)

    i = sub.add_parser("infusion", help="record the infusion (dose 1, Day 1) or a later dose, or a later dose not "
                       "given, and re-plan the visits that hang on it")
    i.add_argument("pid", metavar="ID")
    i.add_argument("--date", type=date_arg, metavar="YYYY-MM-DD", help="the day the dose was given")
    i.add_argument("--dose", type=positive_int, default=None, metavar="N",
                   help="which dose: 1 (the infusion, default), 2, 3 ... as the participant's cohort has")
    i.add_argument("--not-given", action="store_true",
                   help="dose N (2 or later; with --dose) and every later dose were not given: their visits are "
                   "cancelled (needs --reason)")
    i.add_argument("--reason", metavar="TEXT", help="why the dose was not given (with --not-given)")
    i.add_argument("--yes", action="store_true", help="do not ask for confirmation after the preview")
    i.set_defaults(handler=run_infusion)

    _visit(sub)

    w = sub.add_parser("withdraw", help="withdraw a participant (cancels later visits, marks those already past "
                       "their window missed, adds early termination)")
    w.add_argument("pid", metavar="ID")
    w.add_argument("--date", required=True, type=date_arg, metavar="YYYY-MM-DD")
    w.add_argument("--reason", required=True, metavar="TEXT")
    w.add_argument("--yes", action="store_true", help="do not ask for confirmation after the preview")
    w.set_defaults(handler=run_withdraw)

    k = sub.add_parser("correct", help="mark an earlier entry as entered in error (nothing is deleted)")
    k.add_argument("pid", metavar="ID")
    k.add_argument("code", nargs="?", metavar="CODE", help="visit code, for the fields actual, missed, visit")
    k.add_argument("--field", required=True,
                   choices=("actual", "missed", "visit", "screening", "conditioning", "infusion", "withdrawal"))
    k.add_argument("--occurrence", type=positive_int, default=1, metavar="N")
    k.add_argument("--reason", required=True, metavar="TEXT")
    k.set_defaults(handler=run_correct)

    d = sub.add_parser("due", help="visits due in a date range (default: the next 7 days) and overdue ones")
    d.add_argument("--from", dest="start", type=date_arg, metavar="YYYY-MM-DD", help="default: today")
    d.add_argument("--to", dest="end", type=date_arg, metavar="YYYY-MM-DD", help="default: 6 days after --from")
    d.add_argument("--no-overdue", action="store_true", help="leave out visits whose window has closed")
    d.add_argument("--json", action="store_true")
    d.set_defaults(handler=run_due)

    a = sub.add_parser("audit", help="show the audit trail (of one participant), or 'audit verify'")
    a.add_argument("target", nargs="?", metavar="ID|verify",
                   help="a participant ID, or 'verify': check the sealed chain, this workstation's checkpoint, the "
                        "data against the trail and the protection triggers (exit 4 if anything is wrong)")
    a.add_argument("--json", action="store_true")
    a.add_argument("--last", type=positive_int, metavar="N", help="only the N newest entries")
    a.set_defaults(handler=run_audit)

    b = sub.add_parser("backup", help="write a consistent copy of the database to a new SQLite file")
    b.add_argument("path", metavar="PATH")
    b.set_defaults(handler=run_backup)

    r = sub.add_parser("restore", help="replace the SQLite database with a backup (the current file is kept aside)")
    r.add_argument("backup", metavar="BACKUP", help="a file written by 'backup' (or the daily automatic backup)")
    r.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    r.set_defaults(handler=run_restore)

    m = sub.add_parser("demo", help="fill an empty database with a realistic demo site (about 20 participants)")
    m.set_defaults(handler=run_demo)

    info = sub.add_parser("db-info", help="which database is used, where that choice came from, schema revision")
    info.set_defaults(handler=run_db_info)

    site = sub.add_parser("site", help="the site settings: show them, or choose the protocol version new "
                          "participants are enrolled on")
    ss = site.add_subparsers(dest="site_command", metavar="ACTION", required=True)
    show = ss.add_parser("show", help="print the site settings")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_site_show)
    ev = ss.add_parser("enrolment-version", help="the protocol version new participants are enrolled on (a shipped "
                       "version, or 'newest': always the newest shipped)")
    ev.add_argument("version", metavar="V|newest")
    ev.add_argument("--reason", required=True, metavar="TEXT", help="why (the approval), for the audit trail")
    ev.set_defaults(handler=run_site_enrolment_version)


def _participant(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("participant", help="enrol, list and show participants")
    ps = p.add_subparsers(dest="participant_command", metavar="ACTION", required=True)
    add = ps.add_parser("add", help="enrol a participant (study ID and initials only, never a name)")
    add.add_argument("pid", metavar="ID")
    add.add_argument("--initials", required=True, metavar="XX")
    add.add_argument("--conditioning-start", type=date_arg, metavar="YYYY-MM-DD")
    add.add_argument("--screening-date", type=date_arg, metavar="YYYY-MM-DD")
    add.add_argument("--cohort", metavar="C", help="the cohort, e.g. LN, SSC-1A, SSC-1B (default: the first cohort "
                     "of the protocol version, LN)")
    add.add_argument("--protocol-version", metavar="V", help="a shipped protocol version (default: the site's "
                     "enrolment version, see 'site enrolment-version')")
    add.set_defaults(handler=run_participant_add)
    coh = ps.add_parser("cohort", help="move a participant to another cohort of their protocol version (until "
                        "conditioning is recorded)")
    coh.add_argument("pid", metavar="ID")
    coh.add_argument("cohort", metavar="C")
    coh.add_argument("--reason", required=True, metavar="TEXT", help="why, for the audit trail")
    coh.set_defaults(handler=run_participant_cohort)
    ls = ps.add_parser("list", help="list participants")
    ls.add_argument("--status", choices=PARTICIPANT_STATUSES)
    ls.add_argument("--search", default="", metavar="TEXT", help="part of an ID or initials")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=run_participant_list)
    show = ps.add_parser("show", help="one participant's calendar")
    show.add_argument("pid", metavar="ID")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_participant_show)
    proto = ps.add_parser("protocol", help="move a participant's calendar to an amended protocol version (shows "
                          "every visit that changes, then asks)")
    proto.add_argument("pid", metavar="ID")
    proto.add_argument("--file", required=True, metavar="PATH", help="the amended protocol file (.toml)")
    proto.add_argument("--reason", required=True, metavar="TEXT",
                       help="why, for the audit trail (the amendment and its approval)")
    proto.add_argument("--yes", action="store_true", help="do not ask for confirmation after the preview")
    proto.set_defaults(handler=run_participant_protocol)


def _visit(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    v = sub.add_parser("visit", help="book, complete, miss or add visits")
    vs = v.add_subparsers(dest="visit_command", metavar="ACTION", required=True)
    book = vs.add_parser("book", help="book (or move) visits' appointments: each code on its proposed date, all "
                         "in one transaction, or one code on --date")
    book.add_argument("pid", metavar="ID")
    book.add_argument("codes", nargs="+", metavar="CODE")
    book.add_argument("--date", type=date_arg, metavar="YYYY-MM-DD",
                      help="the day (one CODE only; default: its proposed date)")
    when = book.add_mutually_exclusive_group()
    when.add_argument("--time", type=time_arg, metavar="HH:MM",
                      help="appointment time, for every CODE (without it, a time already booked is kept)")
    when.add_argument("--clear-time", action="store_true", help="book the day only, dropping a booked time")
    book.add_argument("--reason", metavar="TEXT", help="required outside the window (flagged as a deviation)")
    book.add_argument("--occurrence", type=positive_int, default=1, metavar="N")
    book.set_defaults(handler=run_visit_book)
    done = vs.add_parser("done", help="record a visit done")
    done.add_argument("pid", metavar="ID")
    done.add_argument("code", metavar="CODE")
    done.add_argument("--date", required=True, type=date_arg, metavar="YYYY-MM-DD")
    done.add_argument("--occurrence", type=positive_int, default=1, metavar="N")
    done.add_argument("--not-done", action="append", default=[], metavar="PROC:REASON",
                      help="a procedure not done and why (repeatable); the others are recorded done")
    done.set_defaults(handler=run_visit_done)
    missed = vs.add_parser("missed", help="record a visit missed")
    missed.add_argument("pid", metavar="ID")
    missed.add_argument("code", metavar="CODE")
    missed.add_argument("--reason", required=True, metavar="TEXT")
    missed.add_argument("--occurrence", type=positive_int, default=1, metavar="N")
    missed.set_defaults(handler=run_visit_missed)
    uns = vs.add_parser("unscheduled", help="add an unscheduled visit (done if the date is today or past)")
    uns.add_argument("pid", metavar="ID")
    uns.add_argument("--date", required=True, type=date_arg, metavar="YYYY-MM-DD")
    uns.add_argument("--reason", required=True, metavar="TEXT")
    uns.add_argument("--procedure", action="append", default=[], metavar="CODE",
                     help="a procedure done or planned (repeatable; default: the protocol's)")
    uns.set_defaults(handler=run_visit_unscheduled)


# -- plumbing ------------------------------------------------------------------------------------
#: The only commands that make a new SQLite database when ``--db`` names a file that does not
#: exist (the app's first start is the other way); every other command says it does not exist.
CREATING_COMMANDS = ("participant add", "demo")


def _open(args: argparse.Namespace, *, create: bool = False, automatic_backup: bool = True) -> Services:
    """The services for this command; a command that writes stops here, before any preview or
    prompt, with one line when the database is read-only (a monitor's account, ``?mode=ro``)."""
    from ..services.startup import open_services_for_command

    svc = open_services_for_command(args.db, create=create, automatic_backup=automatic_backup)
    if svc.read_only and (getattr(args, "writes", False) or getattr(args, "handler", None) in _WRITE_HANDLERS):
        from ..services.read_only import read_only_error

        svc.close()
        raise read_only_error(svc.read_only)
    return svc


def _ok(message: str) -> None:
    print(message)


def _d(value: date | None) -> str:
    return value.isoformat() if value else ""


# -- participants --------------------------------------------------------------------------------
def run_participant_add(args: argparse.Namespace) -> int:
    with _open(args, create=True) as svc:
        protocol = svc.shipped_protocol(args.protocol_version) if args.protocol_version else None
        r = svc.enrol(args.pid, args.initials, conditioning_start=args.conditioning_start,
                      screening_date=args.screening_date, protocol=protocol, cohort=args.cohort,
                      language=args.language)
    extra = f", conditioning planned {r.conditioning_start_planned}" if r.conditioning_start_planned else ""
    _ok(f"enrolled {r.id} ({r.initials}) in cohort {r.cohort}, protocol version {r.protocol_version}{extra}: "
        f"{len(r.visits)} visits on the calendar")
    return 0


def run_participant_cohort(args: argparse.Namespace) -> int:
    """The cohort change of the GUI, without a question (as the issue fixed the spelling): the preview
    is printed, then saved exactly as previewed, audited with the reason."""
    from ..services.inputs import check_free_text

    if not args.reason.strip():
        raise CliError("--reason is empty: a cohort change needs a reason, for the audit trail")
    check_free_text(args.reason, "--reason")
    with _open(args) as svc:
        before = svc.participant(args.pid)
        preview = svc.preview_cohort_change(args.pid, args.cohort)
        r = svc.change_cohort(args.pid, args.cohort, args.reason, preview=preview)
    print_preview(preview)
    added = sum(1 for c in preview.changes if c.added)
    cancelled = sum(1 for c in preview.changes if c.removed)
    _ok(f"{r.id}: now in cohort {r.cohort} (was {before.cohort}); {added} visit(s) added, {cancelled} cancelled, "
        f"{len(preview.changes) - added - cancelled} re-dated")
    return 0


def run_participant_list(args: argparse.Namespace) -> int:
    from ..domain.participant_status import ParticipantStatus

    status = ParticipantStatus(args.status) if args.status else None
    with _open(args) as svc:
        people = svc.participants(status, args.search)
    if args.json:
        print_json([
            {"id": p.id, "initials": p.initials, "status": p.status,
             "protocol": {"id": p.protocol_id, "version": p.protocol_version}, "cohort": p.cohort,
             "language": p.language,
             "conditioning_start": p.conditioning_start, "infusion": p.infusion,
             "next_visit": p.next_visit, "next_visit_date": p.next_visit_date}
            for p in people
        ])
        return 0
    if not people:
        print("No participants.")
        return 0
    print_table(
        ["ID", "Initials", "Status", "Cohort", "Conditioning", "Infusion", "Next visit"],
        [[p.id, p.initials, p.status.label, p.cohort, _d(p.conditioning_start), _d(p.infusion),
          f"{p.next_visit} {_d(p.next_visit_date)}" if p.next_visit else ""] for p in people],
    )
    return 0


def visit_json(v: VisitRecord) -> dict[str, Any]:
    return {
        "code": v.code, "occurrence": v.occurrence, "name": v.name, "kind": v.kind, "study_day": v.study_day,
        "target": v.target, "earliest": v.earliest, "latest": v.latest, "scheduled": v.scheduled,
        "time": v.scheduled_time, "actual": v.actual, "status": v.status, "booked": v.booked,
        "closed_day": v.closed_day, "deviation": v.deviation, "reason": v.reason, "version": v.version,
    }


def participant_json(r: ParticipantRecord) -> dict[str, Any]:
    return {
        "id": r.id, "initials": r.initials, "status": r.status,
        "protocol": {"id": r.protocol_id, "version": r.protocol_version}, "cohort": r.cohort,
        "language": r.language,
        "doses": [{"number": d.number, "anchor": d.anchor_label, "planned": d.planned, "actual": d.actual,
                   "state": d.state, "reason": d.reason} for d in r.doses],
        "screening_date": r.screening_date, "conditioning_start_planned": r.conditioning_start_planned,
        "conditioning_start_actual": r.conditioning_start_actual, "infusion_planned": r.infusion_planned,
        "infusion_actual": r.infusion_actual, "withdrawal_date": r.withdrawal_date,
        "withdrawal_reason": r.withdrawal_reason, "version": r.version,
        "visits": [visit_json(v) for v in r.visits],
    }


def run_participant_show(args: argparse.Namespace) -> int:
    with _open(args) as svc:
        r = svc.participant(args.pid)
    if args.json:
        print_json(participant_json(r))
        return 0
    _print_participant(r)
    return 0


def _print_participant(r: ParticipantRecord) -> None:
    print(f"{r.id} ({r.initials}): {r.status.label}; protocol {r.protocol_id} version {r.protocol_version}; "
          f"cohort {r.cohort}")
    print(language_line(r.language))
    if len(r.doses) > 1:
        print("doses: " + "; ".join(
            f"{d.number} {d.state}" + (f" {d.actual.isoformat()}" if d.actual else "")
            + (f" (planned {d.planned.isoformat()})" if d.given is None and d.planned else "") for d in r.doses))
    facts = [("screening", r.screening_date), ("conditioning start", r.conditioning_start),
             ("infusion", r.infusion_actual), ("planned infusion", None if r.infusion_actual else r.infusion_planned),
             ("withdrawn", r.withdrawal_date)]
    line = "; ".join(f"{k} {v.isoformat()}" for k, v in facts if v)
    if line:
        print(line)
    if r.withdrawal_reason:
        print(f"withdrawal reason: {r.withdrawal_reason}")
    print()
    rows = []
    for v in r.visits:
        when = v.scheduled.isoformat() if v.scheduled else ""
        if v.scheduled_time:
            when += f" {v.scheduled_time:%H:%M}"
        flags = " ".join(f for f, on in (("booked", v.booked), ("proposed", v.proposed),
                                         ("closed-day", v.closed_day), ("DEVIATION", v.deviation)) if on)
        rows.append([v.label if v.occurrence > 1 else v.code, "" if v.study_day is None else str(v.study_day),
                     _d(v.target), f"{_d(v.earliest)}..{_d(v.latest)}" if v.earliest else "", when, _d(v.actual),
                     v.status.label, flags, v.reason or ""])
    print_table(["Visit", "Day", "Target", "Window", "Scheduled", "Actual", "Status", "Flags", "Reason"], rows)


# -- anchors ---------------------------------------------------------------------------------------
def run_conditioning(args: argparse.Namespace) -> int:
    with _open(args) as svc:
        if args.planned or args.date > svc.today():
            if args.days != 1:
                raise CliError("--days applies to recording conditioning that has happened, not to a plan")
            r = svc.plan_conditioning(args.pid, args.date)
            _ok(f"{r.id}: conditioning planned to start {args.date.isoformat()}; planned infusion "
                f"{_d(r.infusion_planned)}")
        else:
            r = svc.record_conditioning(args.pid, args.date, days_done=args.days)
            _ok(f"{r.id}: conditioning started {args.date.isoformat()} ({args.days} day(s) recorded); planned "
                f"infusion {_d(r.infusion_planned)}")
    return 0


def _window(earliest: date | None, latest: date | None) -> str:
    return f"{_d(earliest)}..{_d(latest)}" if earliest and latest else ""


def print_preview(preview: SchedulePreview, *, old_window: bool = False) -> None:
    """The visits a re-anchoring or a protocol change moves; ``old_window`` adds the window before
    the change (an amendment often changes only the window)."""
    print(f"{preview.participant_id}: {preview.description}")
    if preview.changes:
        print_table(
            ["Visit", "Old target", "New target", *(["Old window"] if old_window else []), "New window",
             "Old scheduled", "New scheduled", "Note"],
            [[c.code, _d(c.old_target), _d(c.new_target),
              *([_window(c.old_earliest, c.old_latest)] if old_window else []), _window(c.new_earliest, c.new_latest),
              _d(c.old_scheduled), _d(c.new_scheduled),
              "REBOOK" if c.rebook else ("new visit" if c.added else ("cancelled" if c.removed else ""))]
             for c in preview.changes],
        )
    else:
        print("No visit moves.")
    for w in preview.warnings:
        print(f"Warning: {w}")


def confirm(question: str, action: str, refused: str) -> None:
    """Ask ``question`` after a preview; stop (exit 2, one line) unless the user answers yes. With no
    terminal to ask on (a script, a pipe) the answer is no: a write that re-plans or closes visits
    happens in a script only with ``--yes``."""
    if not sys.stdin.isatty():
        raise CliError(f"not confirmed: re-run with --yes to {action}", EXIT_NOT_CONFIRMED)
    if input(f"{question} [y/N] ").strip().lower() not in ("y", "yes"):
        raise CliError(f"not confirmed: {refused}", EXIT_NOT_CONFIRMED)


def _infusion_options(args: argparse.Namespace) -> int:
    """The dose the options name, after refusing the combinations that mean nothing (one line, exit 2)."""
    number = 1 if args.dose is None else args.dose
    if args.not_given:
        if args.dose is None:
            raise CliError("--not-given needs --dose N: which dose (2 or later) was not given")
        if args.date is not None:
            raise CliError("--not-given and --date do not go together: a dose not given has no date")
        if not (args.reason or "").strip():
            raise CliError("--not-given needs --reason TEXT: why the dose was not given, for the audit trail")
    else:
        if args.date is None:
            raise CliError("--date is required: the day the dose was given (or --not-given with --dose N)")
        if args.reason is not None:
            raise CliError("--reason goes with --not-given")
    return number


def run_infusion(args: argparse.Namespace) -> int:
    number = _infusion_options(args)
    if args.not_given:
        return _dose_not_given(args, number)
    with _open(args) as svc:
        previewed = svc.participant(args.pid)  # what the preview is made from
        preview = svc.preview_dose(args.pid, number, args.date)
        what = "the infusion" if number == 1 else f"dose {number}"
        if not args.yes:
            print_preview(preview)
            confirm(f"Record {what} and move these visits?", f"record {what}", "nothing was recorded")
            _unchanged_since_preview(svc, previewed)
        r = svc.record_dose(args.pid, number, args.date, expected_version=previewed.version, preview=preview)
    code = next((v.code for v in r.visits if v.dose_number == number), "D1")
    moved = len([c for c in preview.changes if c.code != code])
    _ok(f"{r.id}: {'infusion (dose 1)' if number == 1 else f'dose {number}'} recorded on {args.date.isoformat()}; "
        f"{moved} later visit(s) re-planned")
    for w in preview.warnings:
        print(f"Warning: {w}")
    return 0


def _dose_not_given(args: argparse.Namespace, number: int) -> int:
    from ..services.inputs import check_free_text

    check_free_text(args.reason, "--reason")  # refused before the preview and its question, not after
    with _open(args) as svc:
        previewed = svc.participant(args.pid)
        preview = svc.preview_dose_not_given(args.pid, number)
        if not args.yes:
            print_preview(preview)
            confirm(f"Record dose {number} (and every later dose) not given and change these visits?",
                    f"record dose {number} not given", "nothing was recorded")
            _unchanged_since_preview(svc, previewed)
        r = svc.record_dose_not_given(args.pid, number, args.reason, expected_version=previewed.version,
                                      preview=preview)
    cancelled = sum(1 for c in preview.changes if c.removed)
    _ok(f"{r.id}: dose {number} recorded not given (with every later dose); {cancelled} visit(s) cancelled, "
        f"{len(preview.changes) - cancelled} re-planned")
    return 0


def _unchanged_since_preview(svc: Services, previewed: ParticipantRecord) -> None:
    """After the prompt: refuse if the participant or any of their visits changed while it waited
    (another workstation booked, recorded or corrected something), so what is saved is what was
    previewed. The participant's own version is also passed to the write, which closes the
    remaining instant between this check and the write for the participant row."""
    now = svc.participant(previewed.id)
    if _versions(now) != _versions(previewed):
        raise CliError(f"participant {previewed.id} was changed by another session while you were confirming; "
                       "nothing was saved: run the command again to see the new preview")


def _versions(r: ParticipantRecord) -> tuple[int, tuple[tuple[str, int, int], ...]]:
    return r.version, tuple(sorted((v.code, v.occurrence, v.version) for v in r.visits))


def run_participant_protocol(args: argparse.Namespace) -> int:
    """The protocol change of the GUI's Participant › Change protocol version…: previewed, confirmed
    (or ``--yes``), audited with the reason. A broken file, the version the participant already
    follows or another protocol's file stops here with one line (exit 2), before anything is written."""
    if not args.reason.strip():
        raise CliError("--reason is empty: give the amendment and its approval, for the audit trail")
    with _open(args) as svc:
        protocol = svc.load_protocol_file(args.file)
        before = svc.participant(args.pid)  # what the preview is made from (see run_infusion)
        preview = svc.preview_protocol_change(args.pid, protocol)
        if not args.yes:
            print_preview(preview, old_window=True)
            confirm(f"Move {preview.participant_id} to version {protocol.version} and change these visits?",
                    "change the protocol version", "nothing was changed")
            _unchanged_since_preview(svc, before)
        r = svc.change_protocol(args.pid, protocol, args.reason, expected_version=before.version)
    added = sum(1 for c in preview.changes if c.added)
    cancelled = sum(1 for c in preview.changes if c.removed)
    _ok(f"{r.id}: now follows protocol {r.protocol_id} version {r.protocol_version} (was {before.protocol_version}); "
        f"{added} visit(s) added, {cancelled} cancelled, {len(preview.changes) - added - cancelled} re-dated")
    for w in preview.warnings:
        print(f"Warning: {w}")
    return 0


# -- visits ----------------------------------------------------------------------------------------
def run_visit_book(args: argparse.Namespace) -> int:
    codes: list[str] = args.codes
    if args.date is not None and len(codes) > 1:
        raise CliError(f"--date goes with one visit code, not {len(codes)}: leave it out to book each on its "
                       "proposed date, or book them one at a time")
    if len(codes) > 1 and args.occurrence != 1:
        raise CliError("--occurrence goes with one visit code")
    with _open(args) as svc:
        if args.date is not None:
            at = args.time
            if at is None and not args.clear_time:  # moving the day keeps the booked time
                at = svc.participant(args.pid).visit(codes[0], args.occurrence).scheduled_time
            booked = [svc.book_visit(args.pid, codes[0], args.date, time=at, reason=args.reason,
                                     occurrence=args.occurrence)]
        else:
            booked = _book_on_proposed_dates(svc, args)
    for v in booked:
        at = f" at {v.scheduled_time:%H:%M}" if v.scheduled_time else ""
        flags = (" (outside the window: protocol deviation)" if v.deviation else "") + \
            (" (the site is closed that day)" if v.closed_day else "")
        _ok(f"{args.pid.strip()} {v.code}: booked on {_d(v.scheduled)}{at}{flags}")
    return 0


def _book_on_proposed_dates(svc: Services, args: argparse.Namespace) -> list[VisitRecord]:
    """Every CODE on its proposed date in one transaction (``Services.book_visits``)."""
    from ..services.records import Booking

    before = svc.participant(args.pid)
    bookings = []
    for code in args.codes:
        v = before.visit(code, args.occurrence)
        at = None if args.clear_time else (args.time or v.scheduled_time)
        bookings.append(Booking(v.code, time=at, reason=args.reason, occurrence=v.occurrence))
    after = svc.book_visits(args.pid, bookings, expected_version=before.version)
    return [after.visit(b.code, b.occurrence) for b in bookings]


def _not_done(items: list[str]) -> dict[str, Any]:
    from ..services.records import ProcedureOutcome

    out = {}
    for item in items:
        code, sep, reason = item.partition(":")
        if not sep or not code.strip() or not reason.strip():
            raise CliError(f"--not-done '{item}': use PROC:REASON, e.g. ECHO:machine broken")
        out[code.strip().upper()] = ProcedureOutcome(done=False, not_done_reason=reason.strip())
    return out


def run_visit_done(args: argparse.Namespace) -> int:
    from ..services.records import ProcedureOutcome

    not_done = _not_done(args.not_done)
    with _open(args) as svc:
        procedures = None
        if not_done:
            record = svc.participant(args.pid)
            visit = record.visit(args.code, args.occurrence)
            unknown = sorted(set(not_done) - set(visit.procedures))
            if unknown:
                raise CliError(f"procedure {unknown[0]} is not part of visit {visit.code}")
            procedures = {c: not_done.get(c, ProcedureOutcome(done=True)) for c in visit.procedures}
        v = svc.complete_visit(args.pid, args.code, args.date, procedures, occurrence=args.occurrence)
    note = " (outside the window)" if v.deviation else ""
    _ok(f"{args.pid.strip()} {v.code}: done on {_d(v.actual)}{note}")
    return 0


def run_visit_missed(args: argparse.Namespace) -> int:
    with _open(args) as svc:
        v = svc.miss_visit(args.pid, args.code, args.reason, occurrence=args.occurrence)
    _ok(f"{args.pid.strip()} {v.code}: recorded missed ({v.reason})")
    return 0


def run_visit_unscheduled(args: argparse.Namespace) -> int:
    with _open(args) as svc:
        v = svc.add_unscheduled_visit(args.pid, args.date, args.reason, args.procedure or None)
    state = "done" if v.actual else "booked"
    _ok(f"{args.pid.strip()}: unscheduled visit #{v.occurrence} {state} on {args.date.isoformat()}")
    return 0


def print_withdrawal(preview: WithdrawalPreview) -> None:
    """Every visit the withdrawal will touch, grouped as the GUI's dialog groups them."""
    from ..services.records import WithdrawalOutcome

    print(f"Withdraw {preview.participant_id} on {preview.on.isoformat()}:")
    for outcome in WithdrawalOutcome:
        changes = preview.of(outcome)
        if changes:
            print(f"\n{outcome.heading} ({len(changes)}; {outcome.why}):")
            print_table(["Visit", "Name", "Date", "Window"],
                        [[c.code if c.occurrence == 1 else f"{c.code} #{c.occurrence}", c.name, _d(c.day),
                          _window(c.earliest, c.latest)] for c in changes])


def run_withdraw(args: argparse.Namespace) -> int:
    from ..services.inputs import check_free_text
    from ..services.records import WithdrawalOutcome

    if not args.reason.strip():
        raise CliError("--reason is empty: a withdrawal needs a reason")
    check_free_text(args.reason, "--reason")  # refused before the preview and its question, not after
    with _open(args) as svc:
        preview = svc.preview_withdrawal(args.pid, args.date)
        if not args.yes:
            print_withdrawal(preview)
            confirm(f"Withdraw {preview.participant_id} and change these visits?", "withdraw the participant",
                    "nothing was changed")
        r = svc.withdraw(args.pid, args.date, args.reason, preview=preview)
    missed, cancelled, added = (len(preview.of(o)) for o in WithdrawalOutcome)
    et = "; early-termination visit added" if added else ""
    _ok(f"{r.id}: withdrawn on {args.date.isoformat()}; {missed} visit(s) recorded missed, "
        f"{cancelled} cancelled{et}")
    return 0


def run_correct(args: argparse.Namespace) -> int:
    with _open(args) as svc:
        svc.correct_entry(args.pid, args.code, args.occurrence, args.field, args.reason)
    _ok(f"{args.pid.strip()}: {args.field} marked as entered in error")
    return 0


# -- worklist ----------------------------------------------------------------------------------------
def run_due(args: argparse.Namespace) -> int:
    with _open(args) as svc:
        today = svc.today()
        start = args.start or today
        end = args.end or start + timedelta(days=6)
        if end < start:
            raise CliError(f"--to {end.isoformat()} is before --from {start.isoformat()}")
        items = svc.worklist(start, end, today=today, include_overdue=not args.no_overdue)
    if args.json:
        print_json([_item_json(i) for i in items])
        return 0
    print(f"Visits due {start.isoformat()} to {end.isoformat()}"
          + ("" if args.no_overdue else ", and overdue visits") + f" (today {today.isoformat()})")
    if not items:
        print("Nothing due.")
        return 0
    print_table(
        ["Scheduled", "Time", "ID", "Initials", "Visit", "Window", "Status"],
        [[_d(i.visit.scheduled), f"{i.visit.scheduled_time:%H:%M}" if i.visit.scheduled_time else "",
          i.participant_id, i.initials, i.visit.label if i.visit.occurrence > 1 else i.visit.code,
          f"{_d(i.visit.earliest)}..{_d(i.visit.latest)}", i.visit.status.label] for i in items],
    )
    return 0


def _item_json(i: WorklistItem) -> dict[str, Any]:
    return {"participant": i.participant_id, "initials": i.initials, **visit_json(i.visit)}


# -- audit and maintenance -----------------------------------------------------------------------
def run_audit(args: argparse.Namespace) -> int:
    with _open(args) as svc:
        if args.target == "verify":
            return _print_verification(svc.verify_audit(), args.json)
        entries = svc.audit(args.target, limit=args.last)
    if args.json:
        print_json([
            {"seq": e.seq, "at": e.at, "user": e.user, "workstation": e.workstation, "action": e.action,
             "entity": e.entity, "key": e.entity_key, "participant": e.participant_id, "field": e.field,
             "old": e.old, "new": e.new, "reason": e.reason}
            for e in entries
        ])
        return 0
    if not entries:
        print("The audit trail is empty.")
        return 0
    print_table(
        ["#", "When (UTC)", "User", "Workstation", "Action", "Record", "Field", "Old", "New", "Reason"],
        [[str(e.seq), e.at.strftime("%Y-%m-%d %H:%M:%S"), e.user, e.workstation, e.action, e.entity_key,
          e.field, _short(e.old), _short(e.new), e.reason or ""] for e in entries],
    )
    return 0


def _print_verification(result: AuditVerification, as_json: bool) -> int:
    """Every finding on stdout, where it is (seq, entity, key, field); exit 0 intact, else
    EXIT_AUDIT_NOT_INTACT with one line on stderr."""
    if as_json:
        print_json({"ok": result.ok, "rows": result.rows, "problems": list(result.problems),
                    "problem_count": result.problem_count, "last_hash": result.last_hash,
                    "keyed_from": result.keyed_from, "key_fingerprint": result.key_fingerprint,
                    "checkpoint_seq": result.checkpoint_seq, "notes": list(result.notes)})
        return 0 if result.ok else EXIT_AUDIT_NOT_INTACT
    for note in result.notes:
        print(f"note: {note}")
    if result.ok:
        print(f"audit trail intact: {result.rows} rows, hash chain verified (last {result.last_hash[:16]}), "
              "data matches the trail, protection triggers in place")
        return 0
    for p in result.problems:
        print(f"problem: {p}")
    raise CliError(f"audit trail NOT intact: {result.problem_count} problem(s) in {result.rows} rows",
                   EXIT_AUDIT_NOT_INTACT)


def _short(text: str | None, width: int = 60) -> str:
    if text is None:
        return ""
    return text if len(text) <= width else text[: width - 1] + "…"


def run_backup(args: argparse.Namespace) -> int:
    with _open(args, automatic_backup=False) as svc:
        path = svc.backup(args.path)
        checkpoint = svc.audit_checkpoint()
    _ok(f"backup written to {path} (open it with --db sqlite:///{path})")
    print(checkpoint)
    return 0


def run_restore(args: argparse.Namespace) -> int:
    """Works on the files, never through an open database: the file is about to be replaced."""
    from datetime import UTC, datetime
    from pathlib import Path

    from ..services.restore import plan_restore, restore_backup
    from ..store.database import READ_ONLY_KEY, READ_ONLY_VALUE
    from ..store.location import choose_database, parse_url, sqlite_file

    url = parse_url(choose_database(args.db).url)
    if url.query.get(READ_ONLY_KEY) == READ_ONLY_VALUE:  # opened read-only: a restore is a write too
        from ..services.read_only import read_only_error

        raise read_only_error("it was opened read-only (?mode=ro), and a restore replaces it")
    database = sqlite_file(url)
    if database is None:
        raise CliError("restore replaces a SQLite database file; restore a PostgreSQL database with the server's "
                       "tools (pg_restore), or open a backup as it is with --db sqlite:///BACKUP")
    if not args.backup.strip():
        raise CliError("give the backup file to restore")
    plan = plan_restore(Path(args.backup), database)
    if not args.yes:
        print(f"backup:   {plan.backup} ({plan.participants} participants, {plan.audit_rows} audit entries, "
              f"last change {plan.last_change or 'none'} UTC)")
        print(f"replaces: {database}" + (" (kept aside first)" if plan.database_exists else " (a new file)"))
        confirm("Restore this backup?", "restore", "nothing was restored")
    aside = restore_backup(plan, datetime.now(UTC))
    _ok(f"restored {plan.backup} to {database}" + (f"; the previous database is kept as {aside}" if aside else ""))
    print("audit checkpoint reset to the restored trail (audit verify prints the reset as a note)")
    return 0


def run_demo(args: argparse.Namespace) -> int:
    from ..services.demo import fill_demo_site

    with _open(args, create=True) as svc:
        summary = fill_demo_site(svc)
        where = svc.url_display
    _ok(f"demo site filled in {where}: {summary}")
    return 0


def run_db_info(args: argparse.Namespace) -> int:
    with _open(args) as svc:
        site = svc.site()
        people = svc.participants()
        result = svc.upgrade_result
        print(f"database:   {svc.url_display}")
        print(f"chosen by:  {svc.url_source}")
        print(f"schema:     revision {result.to_revision if result else '?'}"
              + (f" (upgraded from {result.from_revision or 'empty'})" if result and result.upgraded else ""))
        if result and result.backup:
            print(f"backup:     {result.backup}")
        print(f"site:       {site.name} {site.number} ({site.timezone})")
        print(f"user:       {svc.user} on {svc.workstation}")
        print(f"participants: {len(people)}")
    return 0


def run_site_show(args: argparse.Namespace) -> int:
    with _open(args) as svc:
        site = svc.site()
        enrolment = svc.enrolment_protocol()
    data = {"name": site.name, "number": site.number, "timezone": site.timezone,
            "closure_rules": list(site.closure_rules), "closed_dates": list(site.closed_dates),
            "participant_id_pattern": site.participant_id_pattern,
            "enrolment_protocol_version": site.enrolment_protocol_version,
            "enrolment_protocol": {"id": enrolment.id, "version": enrolment.version},
            "enrolment_cohorts": [c.code for c in enrolment.cohorts], "phone": site.phone}
    if args.json:
        print_json(data)
        return 0
    print(f"site:        {site.name} {site.number} ({site.timezone})")
    print(f"closed:      {', '.join(site.closure_rules) or 'no weekly or holiday closures'}"
          + (f"; plus {len(site.closed_dates)} closure date(s)" if site.closed_dates else ""))
    print(f"IDs:         {site.participant_id_pattern}")
    print(f"enrolment:   protocol {enrolment.id} version {enrolment.version}"
          + ("" if site.enrolment_protocol_version else " (the newest shipped)")
          + f"; cohorts {', '.join(c.code for c in enrolment.cohorts)}")
    print(phone_line(site.phone))
    return 0


def run_site_enrolment_version(args: argparse.Namespace) -> int:
    from ..services.inputs import check_free_text

    if not args.reason.strip():
        raise CliError("--reason is empty: the enrolment version changes with a reason, for the audit trail")
    check_free_text(args.reason, "--reason")
    version = None if args.version.strip().lower() == "newest" else args.version.strip()
    with _open(args) as svc:
        svc.set_enrolment_protocol_version(version, args.reason)
        enrolment = svc.enrolment_protocol()
    _ok(f"new participants are enrolled on protocol {enrolment.id} version {enrolment.version}"
        + (" (always the newest shipped)" if version is None else "")
        + f"; cohorts {', '.join(c.code for c in enrolment.cohorts)}")
    return 0


#: The commands that change the database: refused up front on a read-only one (see ``_open``).
_WRITE_HANDLERS = frozenset({
    run_participant_add, run_participant_protocol, run_participant_cohort, run_site_enrolment_version,
    run_conditioning, run_infusion, run_visit_book, run_visit_done,
    run_visit_missed, run_visit_unscheduled, run_withdraw, run_correct, run_demo,
})
