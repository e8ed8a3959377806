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

from ..domain.dates import FAR_PAST_CONDITIONING_DAYS, FAR_PAST_SCREENING_DAYS, days_far_past
from ..i18n import _
from .common import (
    EXIT_AUDIT_NOT_INTACT,
    OCCURRENCE_HELP,
    CliError,
    date_arg,
    fail,
    language_line,
    phone_line,
    positive_int,
    print_json,
    print_table,
    reader_gone,
    time_arg,
    visit_column,
    which_occurrence,
)

if TYPE_CHECKING:
    from ..services.app import Services
    from ..services.records import (
        AuditVerification,
        ParticipantRecord,
        ProcedureOutcome,
        SchedulePreview,
        VisitRecord,
        WithdrawalPreview,
        WorklistItem,
    )
    from ..services.restore import RestorePlan

EXIT_NOT_CONFIRMED = 2
PARTICIPANT_STATUSES = ("screening", "scheduled", "conditioning", "follow-up", "completed", "withdrawn")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this group's subcommands to ``ln-scheduler``."""
    _participant(sub)
    c = sub.add_parser("conditioning", help=_("record the conditioning start (LD1) or, for a future date, plan it"))
    c.add_argument("pid", metavar="ID")
    c.add_argument("--date", required=True, type=date_arg, metavar="YYYY-MM-DD")
    c.add_argument("--planned", action="store_true",
                   help=_("plan the start (default: plan a future date, record today or a past date as done)"))
    c.add_argument("--days", type=positive_int, default=1, metavar="N",
                   help=_("recording: how many conditioning days were given (default 1, LD1 only)"))
    c.set_defaults(handler=run_conditioning)

    i = sub.add_parser("infusion", help=_("record the infusion (dose 1, Day 1) or a later dose, or a later dose not "
                         "given, and re-plan the visits that hang on it"))
    i.add_argument("pid", metavar="ID")
    i.add_argument("--date", type=date_arg, metavar="YYYY-MM-DD", help=_("the day the dose was given"))
    i.add_argument("--dose", type=positive_int, default=None, metavar="N",
                   help=_("which dose: 1 (the infusion, default), 2, 3 ... as the participant's cohort has"))
    i.add_argument("--not-given", action="store_true",
                   help=_("dose N (2 or later; with --dose) and every later dose were not given: their visits are "
                     "cancelled (needs --reason)"))
    i.add_argument("--reason", metavar="TEXT", help=_("why the dose was not given (with --not-given)"))
    i.add_argument("--yes", action="store_true", help=_("do not ask for confirmation after the preview"))
    i.set_defaults(handler=run_infusion)

    _visit(sub)

    w = sub.add_parser("withdraw", help=_("withdraw a participant (cancels later visits, marks those already past "
                         "their window missed, adds early termination)"))
    w.add_argument("pid", metavar="ID")
    w.add_argument("--date", required=True, type=date_arg, metavar="YYYY-MM-DD")
    w.add_argument("--reason", required=True, metavar="TEXT")
    w.add_argument("--yes", action="store_true", help=_("do not ask for confirmation after the preview"))
    w.set_defaults(handler=run_withdraw)

    k = sub.add_parser("correct", help=_("mark an earlier entry as entered in error (nothing is deleted)"))
    k.add_argument("pid", metavar="ID")
    k.add_argument("code", nargs="?", metavar="CODE",
                   help=_("visit code, for the fields actual, missed, visit; for dose, the visit the dose is given at "
                          "(D8: dose 2, D15: dose 3)"))
    k.add_argument("--field", required=True,
                   choices=("actual", "done-date", "missed", "visit", "dose", "screening", "conditioning", "infusion",
                            "withdrawal"),
                   help=_("what was entered in error; done-date: the visit was done on the day given by --date (its "
                          "checklist is kept); dose: a later dose recorded given or not given (its visit reopens and "
                          "the calendar returns to the plan)"))
    k.add_argument("--date", type=date_arg, metavar="YYYY-MM-DD",
                   help=_("with --field done-date: the day the visit was done"))
    k.add_argument("--occurrence", type=positive_int, metavar="N", help=_(OCCURRENCE_HELP))
    k.add_argument("--reason", required=True, metavar="TEXT")
    k.set_defaults(handler=run_correct)

    d = sub.add_parser("due", help=_("visits due in a date range (default: the next 7 days) and overdue ones"))
    d.add_argument("--from", dest="start", type=date_arg, metavar="YYYY-MM-DD", help=_("default: today"))
    d.add_argument("--to", dest="end", type=date_arg, metavar="YYYY-MM-DD", help=_("default: 6 days after --from"))
    d.add_argument("--no-overdue", action="store_true", help=_("leave out visits whose window has closed"))
    d.add_argument("--json", action="store_true")
    d.set_defaults(handler=run_due)

    a = sub.add_parser("audit", help=_("show the audit trail (of one participant), or 'audit verify'"))
    a.add_argument("target", nargs="?", metavar="ID|verify",
                   help=_("a participant ID, or 'verify': check the sealed chain, this workstation's checkpoint, the "
                          "data against the trail and the protection triggers (exit 4 if anything is wrong)"))
    a.add_argument("--json", action="store_true")
    a.add_argument("--last", type=positive_int, metavar="N", help=_("only the N newest entries"))
    a.add_argument("--all", action="store_true", help=_("with verify: list every problem found (else the first 20, "
                                                         "all counted)"))
    a.set_defaults(handler=run_audit)

    b = sub.add_parser("backup", help=_("write a consistent copy of the database to a new SQLite file"))
    b.add_argument("path", metavar="PATH")
    b.set_defaults(handler=run_backup)

    r = sub.add_parser("restore", help=_("replace the SQLite database with a backup (the current file is kept aside)"))
    r.add_argument("backup", metavar="BACKUP", help=_("a file written by 'backup' (or the daily automatic backup)"))
    r.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    r.add_argument("--even-if-unverified", action="store_true",
                   help=_("restore a backup whose own audit trail does not verify (refused otherwise with --yes): "
                          "say, the only copy left; every later audit verify reports what fails"))
    r.set_defaults(handler=run_restore)

    m = sub.add_parser("demo", help=_("fill an empty database with a realistic demo site (about 20 participants)"))
    m.set_defaults(handler=run_demo)

    info = sub.add_parser("db-info", help=_("which database is used, where that choice came from, schema revision"))
    info.set_defaults(handler=run_db_info)

    site = sub.add_parser("site", help=_("the site settings: show them, or choose the protocol version new "
                            "participants are enrolled on"))
    ss = site.add_subparsers(dest="site_command", metavar="ACTION", required=True)
    show = ss.add_parser("show", help=_("print the site settings"))
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_site_show)
    ev = ss.add_parser("enrolment-version", help=_("the protocol version new participants are enrolled on (a shipped "
                         "version, or 'newest': always the newest shipped)"))
    ev.add_argument("version", metavar="V|newest")
    ev.add_argument("--reason", required=True, metavar="TEXT", help=_("why (the approval), for the audit trail"))
    ev.set_defaults(handler=run_site_enrolment_version)


def _participant(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("participant", help=_("enrol, list and show participants"))
    ps = p.add_subparsers(dest="participant_command", metavar="ACTION", required=True)
    add = ps.add_parser("add", help=_("enrol a participant (study ID and initials only, never a name)"))
    add.add_argument("pid", metavar="ID")
    add.add_argument("--initials", required=True, metavar="XX")
    add.add_argument("--conditioning-start", type=date_arg, metavar="YYYY-MM-DD")
    add.add_argument("--screening-date", type=date_arg, metavar="YYYY-MM-DD")
    add.add_argument("--cohort", metavar="C", help=_("the cohort, e.g. LN, SSC-1A, SSC-1B (default: the first cohort "
                       "of the protocol version, LN)"))
    add.add_argument("--protocol-version", metavar="V", help=_("a shipped protocol version (default: the site's "
                       "enrolment version, see 'site enrolment-version')"))
    add.set_defaults(handler=run_participant_add)
    coh = ps.add_parser("cohort", help=_("move a participant to another cohort of their protocol version (until "
                          "conditioning is recorded)"))
    coh.add_argument("pid", metavar="ID")
    coh.add_argument("cohort", metavar="C")
    coh.add_argument("--reason", required=True, metavar="TEXT", help=_("why, for the audit trail"))
    coh.set_defaults(handler=run_participant_cohort)
    ls = ps.add_parser("list", help=_("list participants"))
    ls.add_argument("--status", choices=PARTICIPANT_STATUSES)
    ls.add_argument("--search", default="", metavar="TEXT", help=_("part of an ID or initials"))
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=run_participant_list)
    show = ps.add_parser("show", help=_("one participant's calendar"))
    show.add_argument("pid", metavar="ID")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_participant_show)
    proto = ps.add_parser("protocol", help=_("move a participant's calendar to an amended protocol version (shows "
                            "every visit that changes, then asks)"))
    proto.add_argument("pid", metavar="ID")
    proto.add_argument("--file", required=True, metavar="PATH", help=_("the amended protocol file (.toml)"))
    proto.add_argument("--reason", required=True, metavar="TEXT",
                       help=_("why, for the audit trail (the amendment and its approval)"))
    proto.add_argument("--yes", action="store_true", help=_("do not ask for confirmation after the preview"))
    proto.set_defaults(handler=run_participant_protocol)


def _visit(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    v = sub.add_parser("visit", help=_("book, complete, miss or add visits"))
    vs = v.add_subparsers(dest="visit_command", metavar="ACTION", required=True)
    book = vs.add_parser("book", help=_("book (or move) visits' appointments: each code on its proposed date, all "
                           "in one transaction, or one code on --date"))
    book.add_argument("pid", metavar="ID")
    book.add_argument("codes", nargs="+", metavar="CODE")
    book.add_argument("--date", type=date_arg, metavar="YYYY-MM-DD",
                      help=_("the day (one CODE only; default: its proposed date)"))
    when = book.add_mutually_exclusive_group()
    when.add_argument("--time", type=time_arg, metavar="HH:MM",
                      help=_("appointment time, for every CODE (without it, a time already booked is kept)"))
    when.add_argument("--clear-time", action="store_true", help=_("book the day only, dropping a booked time"))
    book.add_argument("--reason", metavar="TEXT", help=_("required outside the window (flagged as a deviation)"))
    book.add_argument("--occurrence", type=positive_int, metavar="N", help=_(OCCURRENCE_HELP))
    book.set_defaults(handler=run_visit_book)
    done = vs.add_parser("done", help=_("record a visit done"))
    done.add_argument("pid", metavar="ID")
    done.add_argument("code", metavar="CODE")
    done.add_argument("--date", required=True, type=date_arg, metavar="YYYY-MM-DD")
    done.add_argument("--occurrence", type=positive_int, metavar="N", help=_(OCCURRENCE_HELP))
    done.add_argument("--not-done", action="append", default=[], metavar="PROC:REASON",
                      help=_("a procedure not done and why (repeatable); given, every other procedure of the "
                             "visit is recorded done; without it no procedure outcome is recorded"))
    done.add_argument("--yes", action="store_true",
                      help=_("on a dose day (D1, D8, D15): do not ask for confirmation after the preview"))
    done.set_defaults(handler=run_visit_done)
    missed = vs.add_parser("missed", help=_("record a visit missed"))
    missed.add_argument("pid", metavar="ID")
    missed.add_argument("code", metavar="CODE")
    missed.add_argument("--reason", required=True, metavar="TEXT")
    missed.add_argument("--occurrence", type=positive_int, metavar="N", help=_(OCCURRENCE_HELP))
    missed.set_defaults(handler=run_visit_missed)
    uns = vs.add_parser("unscheduled", help=_("add an unscheduled visit (done if the date is today or past)"))
    uns.add_argument("pid", metavar="ID")
    uns.add_argument("--date", required=True, type=date_arg, metavar="YYYY-MM-DD")
    uns.add_argument("--reason", required=True, metavar="TEXT")
    uns.add_argument("--procedure", action="append", default=[], metavar="CODE",
                     help=_("a procedure done or planned (repeatable; default: the protocol's)"))
    uns.set_defaults(handler=run_visit_unscheduled)


# -- plumbing ------------------------------------------------------------------------------------
#: The only commands that make a new SQLite database when ``--db`` names a file that does not
#: exist (the app's first start is the other way); every other command says it does not exist.
CREATING_COMMANDS = ("participant add", "demo")


def _open(args: argparse.Namespace, *, create: bool = False, automatic_backup: bool = True) -> Services:
    """The services for this command; a command that writes stops here, before any preview or
    prompt, with one line when the database is read-only (a monitor's account, ``?mode=ro``)."""
    from ..services.startup import open_services_for_command

    writes = getattr(args, "writes", False) or getattr(args, "handler", None) in _WRITE_HANDLERS
    return open_services_for_command(args.db, create=create, automatic_backup=automatic_backup, writes=writes)


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
        today = svc.today()
        warnings = svc.start_warnings(args.conditioning_start, r.cohort) if args.conditioning_start else ()
    extra = _(", conditioning planned {day}").format(day=r.conditioning_start_planned) \
        if r.conditioning_start_planned else ""
    _ok(_("enrolled {id} ({initials}) in cohort {cohort}, protocol version {version}{extra}: "
          "{count} visits on the calendar").format(id=r.id, initials=r.initials, cohort=r.cohort,
                                                   version=r.protocol_version, extra=extra, count=len(r.visits)))
    for warning in warnings:  # fixed days on closed days: the window's Enrol says it before saving
        print(_("Warning: {warning}").format(warning=warning))
    if args.screening_date is not None:
        _far_past(_("screening date"), args.screening_date, today, FAR_PAST_SCREENING_DAYS, r.id, "screening")
    if args.conditioning_start is not None:
        _far_past(_("conditioning start"), args.conditioning_start, today, FAR_PAST_CONDITIONING_DAYS, r.id, None)
    return 0


def _far_past(what: str, d: date, today: date, days: int, pid: str, field: str | None) -> None:
    """The window asks before saving a date this far back (a year or month typed wrong); the command
    line, which asks nothing for it, says it after saving, and how to correct it."""
    ago = days_far_past(d, today, days)
    if ago is None:
        return
    fix = (_("; if it is wrong: ln-scheduler correct {id} --field {field} --reason TEXT").format(id=pid, field=field)
           if field else "")
    print(_("Warning: the {what} {date} is {ago} days ago (more than {days}): check it is the date you "
            "meant{fix}").format(what=what, date=d.isoformat(), ago=ago, days=days, fix=fix))


def run_participant_cohort(args: argparse.Namespace) -> int:
    """The cohort change of the GUI, without a question (as the issue fixed the spelling): the preview
    is printed, then saved exactly as previewed, audited with the reason."""
    from ..services.inputs import check_free_text

    if not args.reason.strip():
        raise CliError(_("--reason is empty: a cohort change needs a reason, for the audit trail"))
    check_free_text(args.reason, "--reason")
    with _open(args) as svc:
        before = svc.participant(args.pid)
        preview = svc.preview_cohort_change(args.pid, args.cohort)
        r = svc.change_cohort(args.pid, args.cohort, args.reason, preview=preview)
    print_preview(preview)
    added = sum(1 for c in preview.changes if c.added)
    cancelled = sum(1 for c in preview.changes if c.removed)
    _ok(_("{id}: now in cohort {cohort} (was {old}); {added} visit(s) added, {cancelled} cancelled, "
          "{redated} re-dated").format(id=r.id, cohort=r.cohort, old=before.cohort, added=added, cancelled=cancelled,
                                       redated=len(preview.changes) - added - cancelled))
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
        print(_("No participants."))
        return 0
    print_table(
        [_("ID"), _("Initials"), _("Status"), _("Cohort"), _("Conditioning"), _("Infusion"), _("Next visit")],
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
    print(_("{id} ({initials}): {status}; protocol {protocol} version {version}; cohort {cohort}").format(
        id=r.id, initials=r.initials, status=r.status.label, protocol=r.protocol_id, version=r.protocol_version,
        cohort=r.cohort))
    print(language_line(r.language))
    if len(r.doses) > 1:
        print(_("doses: ") + "; ".join(
            f"{d.number} {d.state}" + (f" {d.actual.isoformat()}" if d.actual else "")
            + (_(" (planned {day})").format(day=d.planned.isoformat()) if d.given is None and d.planned else "")
            for d in r.doses))
    facts = [(_("screening"), r.screening_date), (_("conditioning start"), r.conditioning_start),
             (_("infusion"), r.infusion_actual),
             (_("planned infusion"), None if r.infusion_actual else r.infusion_planned),
             (_("withdrawn"), r.withdrawal_date)]
    line = "; ".join(f"{k} {v.isoformat()}" for k, v in facts if v)
    if line:
        print(line)
    if r.withdrawal_reason:
        print(_("withdrawal reason: {reason}").format(reason=r.withdrawal_reason))
    print()
    rows = []
    for v in r.visits:
        when = v.scheduled.isoformat() if v.scheduled else ""
        if v.scheduled_time:
            when += f" {v.scheduled_time:%H:%M}"
        flags = " ".join(f for f, on in ((_("booked"), v.booked), (_("proposed"), v.proposed),
                                         (_("closed-day"), v.closed_day), (_("DEVIATION"), v.deviation)) if on)
        rows.append([visit_column(v.code, v.occurrence), "" if v.study_day is None else str(v.study_day),
                     _d(v.target), f"{_d(v.earliest)}..{_d(v.latest)}" if v.earliest else "", when, _d(v.actual),
                     v.status.label, flags, v.reason or ""])
    print_table([_("Visit"), _("Day"), _("Target"), _("Window"), _("Scheduled"), _("Actual"), _("Status"), _("Flags"),
                 _("Reason")], rows)


# -- anchors ---------------------------------------------------------------------------------------
def run_conditioning(args: argparse.Namespace) -> int:
    with _open(args) as svc:
        if args.planned or args.date > svc.today():
            if args.days != 1:
                raise CliError(_("--days applies to recording conditioning that has happened, not to a plan"))
            r = svc.plan_conditioning(args.pid, args.date)
            _ok(_("{id}: conditioning planned to start {day}; planned infusion {infusion}").format(
                id=r.id, day=args.date.isoformat(), infusion=_d(r.infusion_planned)))
        else:
            r = svc.record_conditioning(args.pid, args.date, days_done=args.days)
            _ok(_("{id}: conditioning started {day} ({days} day(s) recorded); planned infusion {infusion}").format(
                id=r.id, day=args.date.isoformat(), days=args.days, infusion=_d(r.infusion_planned)))
            _far_past(_("conditioning start"), args.date, svc.today(), FAR_PAST_CONDITIONING_DAYS, r.id,
                      "conditioning")
    return 0


def _window(earliest: date | None, latest: date | None) -> str:
    return f"{_d(earliest)}..{_d(latest)}" if earliest and latest else ""


def print_preview(preview: SchedulePreview, *, old_window: bool = False) -> None:
    """The visits a re-anchoring or a protocol change moves; ``old_window`` adds the window before
    the change (an amendment often changes only the window)."""
    print(f"{preview.participant_id}: {preview.description}")
    if preview.changes:
        print_table(
            [_("Visit"), _("Old target"), _("New target"), *([_("Old window")] if old_window else []), _("New window"),
             _("Old scheduled"), _("New scheduled"), _("Note")],
            [[c.code, _d(c.old_target), _d(c.new_target),
              *([_window(c.old_earliest, c.old_latest)] if old_window else []), _window(c.new_earliest, c.new_latest),
              _d(c.old_scheduled), _d(c.new_scheduled),
              _("REBOOK") if c.rebook else (_("new visit") if c.added else (_("cancelled") if c.removed else ""))]
             for c in preview.changes],
        )
    else:
        print(_("No visit moves."))
    for w in preview.warnings:
        print(_("Warning: {warning}").format(warning=w))


def confirm(question: str, action: str, refused: str) -> None:
    """Ask ``question`` after a preview; stop (exit 2, one line) unless the user answers yes. With no
    terminal to ask on (a script, a pipe) the answer is no: a write that re-plans or closes visits
    happens in a script only with ``--yes``."""
    if not sys.stdin.isatty():
        raise CliError(_("not confirmed: re-run with --yes to {action}").format(action=action), EXIT_NOT_CONFIRMED)
    if input(_("{question} [y/N] ").format(question=question)).strip().lower() not in _yes_words():
        raise CliError(_("not confirmed: {refused}").format(refused=refused), EXIT_NOT_CONFIRMED)


def _yes_words() -> tuple[str, ...]:
    """What answers yes: ``y``/``yes`` always (scripts and habits), plus the interface language's words."""
    return ("y", "yes", *_("y|yes").casefold().split("|"))


def _infusion_options(args: argparse.Namespace) -> int:
    """The dose the options name, after refusing the combinations that mean nothing (one line, exit 2)."""
    number = 1 if args.dose is None else args.dose
    if args.not_given:
        if args.dose is None:
            raise CliError(_("--not-given needs --dose N: which dose (2 or later) was not given"))
        if args.date is not None:
            raise CliError(_("--not-given and --date do not go together: a dose not given has no date"))
        if not (args.reason or "").strip():
            raise CliError(_("--not-given needs --reason TEXT: why the dose was not given, for the audit trail"))
    else:
        if args.date is None:
            raise CliError(_("--date is required: the day the dose was given (or --not-given with --dose N)"))
        if args.reason is not None:
            raise CliError(_("--reason goes with --not-given"))
    return number


def run_infusion(args: argparse.Namespace) -> int:
    number = _infusion_options(args)
    if args.not_given:
        return _dose_not_given(args, number)
    with _open(args) as svc:
        previewed = svc.participant(args.pid)  # what the preview is made from
        preview = _previewed_dose(svc, previewed, number, args.date, confirmed=args.yes)
        r = svc.record_dose(args.pid, number, args.date, expected_version=previewed.version, preview=preview)
    code = next((v.code for v in r.visits if v.dose_number == number), "D1")
    moved = len([c for c in preview.changes if c.code != code])
    _ok(_("{id}: {dose} recorded on {day}; {moved} later visit(s) re-planned").format(
        id=r.id, dose=_("infusion (dose 1)") if number == 1 else _("dose {number}").format(number=number),
        day=args.date.isoformat(), moved=moved))
    for w in preview.warnings:
        print(_("Warning: {warning}").format(warning=w))
    return 0


def _previewed_dose(svc: Services, previewed: ParticipantRecord, number: int, on: date, *,
                    confirmed: bool) -> SchedulePreview:
    """Every visit recording dose ``number`` on ``on`` moves, with its warnings: printed and asked
    (unless ``--yes``), then checked unchanged. ``infusion`` and ``visit done`` on a dose day alike."""
    preview = svc.preview_dose(previewed.id, number, on)
    if not confirmed:
        what = _("the infusion") if number == 1 else _("dose {number}").format(number=number)
        print_preview(preview)
        confirm(_("Record {what} and move these visits?").format(what=what),
                _("record {what}").format(what=what), _("nothing was recorded"))
        _unchanged_since_preview(svc, previewed)
    return preview


def _dose_not_given(args: argparse.Namespace, number: int) -> int:
    from ..services.inputs import check_free_text

    check_free_text(args.reason, "--reason")  # refused before the preview and its question, not after
    with _open(args) as svc:
        previewed = svc.participant(args.pid)
        preview = svc.preview_dose_not_given(args.pid, number)
        if not args.yes:
            print_preview(preview)
            confirm(_("Record dose {number} (and every later dose) not given and change these visits?").format(
                number=number), _("record dose {number} not given").format(number=number), _("nothing was recorded"))
            _unchanged_since_preview(svc, previewed)
        r = svc.record_dose_not_given(args.pid, number, args.reason, expected_version=previewed.version,
                                      preview=preview)
    cancelled = sum(1 for c in preview.changes if c.removed)
    _ok(_("{id}: dose {number} recorded not given (with every later dose); {cancelled} visit(s) cancelled, "
          "{replanned} re-planned").format(id=r.id, number=number, cancelled=cancelled,
                                           replanned=len(preview.changes) - cancelled))
    return 0


def _unchanged_since_preview(svc: Services, previewed: ParticipantRecord) -> None:
    """After the prompt: refuse if the participant or any of their visits changed while it waited
    (another workstation booked, recorded or corrected something), so what is saved is what was
    previewed. The participant's own version is also passed to the write, which closes the
    remaining instant between this check and the write for the participant row."""
    now = svc.participant(previewed.id)
    if _versions(now) != _versions(previewed):
        raise CliError(_("participant {id} was changed by another session while you were confirming; "
                         "nothing was saved: run the command again to see the new preview").format(id=previewed.id))


def _versions(r: ParticipantRecord) -> tuple[int, tuple[tuple[str, int, int], ...]]:
    return r.version, tuple(sorted((v.code, v.occurrence, v.version) for v in r.visits))


def run_participant_protocol(args: argparse.Namespace) -> int:
    """The protocol change of the GUI's Participant › Change protocol version…: previewed, confirmed
    (or ``--yes``), audited with the reason. A broken file, the version the participant already
    follows or another protocol's file stops here with one line (exit 2), before anything is written."""
    if not args.reason.strip():
        raise CliError(_("--reason is empty: give the amendment and its approval, for the audit trail"))
    with _open(args) as svc:
        protocol = svc.load_protocol_file(args.file)
        before = svc.participant(args.pid)  # what the preview is made from (see run_infusion)
        preview = svc.preview_protocol_change(args.pid, protocol)
        if not args.yes:
            print_preview(preview, old_window=True)
            confirm(_("Move {id} to version {version} and change these visits?").format(
                id=preview.participant_id, version=protocol.version),
                    _("change the protocol version"), _("nothing was changed"))
            _unchanged_since_preview(svc, before)
        r = svc.change_protocol(args.pid, protocol, args.reason, expected_version=before.version)
    added = sum(1 for c in preview.changes if c.added)
    cancelled = sum(1 for c in preview.changes if c.removed)
    _ok(_("{id}: now follows protocol {protocol} version {version} (was {old}); "
          "{added} visit(s) added, {cancelled} cancelled, {redated} re-dated").format(
        id=r.id, protocol=r.protocol_id, version=r.protocol_version, old=before.protocol_version, added=added,
        cancelled=cancelled, redated=len(preview.changes) - added - cancelled))
    for w in preview.warnings:
        print(_("Warning: {warning}").format(warning=w))
    return 0


# -- visits ----------------------------------------------------------------------------------------
def run_visit_book(args: argparse.Namespace) -> int:
    codes: list[str] = args.codes
    if args.date is not None and len(codes) > 1:
        raise CliError(_("--date goes with one visit code, not {count}: leave it out to book each on its "
                         "proposed date, or book them one at a time").format(count=len(codes)))
    if len(codes) > 1 and args.occurrence is not None:
        raise CliError(_("--occurrence goes with one visit code"))
    with _open(args) as svc:
        if args.date is not None:
            record = svc.participant(args.pid)
            occurrence = which_occurrence(record, codes[0], args.occurrence)
            at = args.time
            if at is None and not args.clear_time:  # moving the day keeps the booked time
                at = record.visit(codes[0], occurrence).scheduled_time
            booked = [svc.book_visit(args.pid, codes[0], args.date, time=at, reason=args.reason,
                                     occurrence=occurrence)]
        else:
            booked = _book_on_proposed_dates(svc, args)
    for v in booked:
        at = _(" at {time}").format(time=f"{v.scheduled_time:%H:%M}") if v.scheduled_time else ""
        flags = (_(" (outside the window: protocol deviation)") if v.deviation else "") + \
            (_(" (the site is closed that day)") if v.closed_day else "")
        _ok(_("{id} {code}: booked on {day}{at}{flags}").format(id=args.pid.strip(), code=v.code,
                                                                day=_d(v.scheduled), at=at, flags=flags))
    return 0


def _book_on_proposed_dates(svc: Services, args: argparse.Namespace) -> list[VisitRecord]:
    """Every CODE on its proposed date in one transaction (``Services.book_visits``)."""
    from ..services.records import Booking

    before = svc.participant(args.pid)
    bookings = []
    for code in args.codes:
        v = before.visit(code, which_occurrence(before, code, args.occurrence))
        at = None if args.clear_time else (args.time or v.scheduled_time)
        bookings.append(Booking(v.code, time=at, reason=args.reason, occurrence=v.occurrence))
    after = svc.book_visits(args.pid, bookings, expected_version=before.version)
    return [after.visit(b.code, b.occurrence) for b in bookings]


def _not_done(items: list[str]) -> dict[str, ProcedureOutcome]:
    from ..services.records import ProcedureOutcome

    out: dict[str, ProcedureOutcome] = {}
    for item in items:
        code, sep, reason = item.partition(":")
        if not sep or not code.strip() or not reason.strip():
            raise CliError(_("--not-done '{item}': use PROC:REASON, e.g. ECHO:machine broken").format(item=item))
        out[code.strip().upper()] = ProcedureOutcome(done=False, not_done_reason=reason.strip())
    return out


def run_visit_done(args: argparse.Namespace) -> int:
    from ..services.records import ProcedureOutcome

    not_done = _not_done(args.not_done)
    with _open(args) as svc:
        procedures = None
        record = svc.participant(args.pid)
        occurrence = which_occurrence(record, args.code, args.occurrence)
        if not_done:
            visit = record.visit(args.code, occurrence)
            unknown = sorted(set(not_done) - set(visit.procedures))
            if unknown:
                raise CliError(_("procedure {procedure} is not part of visit {code}").format(procedure=unknown[0],
                                                                                              code=visit.code))
            procedures = {c: not_done.get(c, ProcedureOutcome(done=True)) for c in visit.procedures}
        # a dose day (D1, D8, D15) records its dose with it: previewed and asked as `infusion` does
        shown = next((v for v in record.visits if v.code == args.code and v.occurrence == occurrence), None)
        dose = None if shown is None else record.dose_recorded_by(shown)  # no such visit: the service says so
        preview = None if dose is None else _previewed_dose(svc, record, dose, args.date, confirmed=args.yes)
        v = svc.complete_visit(args.pid, args.code, args.date, procedures, occurrence=occurrence,
                               expected_version=shown.version if shown is not None and dose is not None else None)
    note = _(" (outside the window)") if v.deviation else ""
    _ok(_("{id} {code}: done on {day}{note}").format(id=args.pid.strip(), code=v.code, day=_d(v.actual), note=note))
    for w in preview.warnings if preview is not None else ():
        print(_("Warning: {warning}").format(warning=w))
    return 0


def run_visit_missed(args: argparse.Namespace) -> int:
    with _open(args) as svc:
        occurrence = which_occurrence(svc.participant(args.pid), args.code, args.occurrence)
        v = svc.miss_visit(args.pid, args.code, args.reason, occurrence=occurrence)
    _ok(_("{id} {code}: recorded missed ({reason})").format(id=args.pid.strip(), code=v.code, reason=v.reason))
    return 0


def run_visit_unscheduled(args: argparse.Namespace) -> int:
    with _open(args) as svc:
        v = svc.add_unscheduled_visit(args.pid, args.date, args.reason, args.procedure or None)
    text = _("{id}: unscheduled visit #{number} done on {day}") if v.actual else \
        _("{id}: unscheduled visit #{number} booked on {day}")
    closed = _(" (the site is closed that day)") if v.closed_day else ""  # as `visit book` says it
    _ok(text.format(id=args.pid.strip(), number=v.occurrence, day=args.date.isoformat()) + closed)
    return 0


def print_withdrawal(preview: WithdrawalPreview) -> None:
    """Every visit the withdrawal will touch, grouped as the GUI's dialog groups them."""
    from ..services.records import WithdrawalOutcome

    print(_("Withdraw {id} on {day}:").format(id=preview.participant_id, day=preview.on.isoformat()))
    for outcome in WithdrawalOutcome:
        changes = preview.of(outcome)
        if changes:
            print(f"\n{outcome.heading} ({len(changes)}; {outcome.why}):")
            print_table([_("Visit"), _("Name"), _("Date"), _("Window")],
                        [[visit_column(c.code, c.occurrence), c.name, _d(c.day),
                          _window(c.earliest, c.latest)] for c in changes])


def run_withdraw(args: argparse.Namespace) -> int:
    from ..services.inputs import check_free_text
    from ..services.records import WithdrawalOutcome

    if not args.reason.strip():
        raise CliError(_("--reason is empty: a withdrawal needs a reason"))
    check_free_text(args.reason, "--reason")  # refused before the preview and its question, not after
    with _open(args) as svc:
        preview = svc.preview_withdrawal(args.pid, args.date)
        if not args.yes:
            print_withdrawal(preview)
            confirm(_("Withdraw {id} and change these visits?").format(id=preview.participant_id),
                    _("withdraw the participant"), _("nothing was changed"))
        r = svc.withdraw(args.pid, args.date, args.reason, preview=preview)
    missed, cancelled, added = (len(preview.of(o)) for o in WithdrawalOutcome)
    et = _("; early-termination visit added") if added else ""
    _ok(_("{id}: withdrawn on {day}; {missed} visit(s) recorded missed, {cancelled} cancelled{et}").format(
        id=r.id, day=args.date.isoformat(), missed=missed, cancelled=cancelled, et=et))
    return 0


def run_correct(args: argparse.Namespace) -> int:
    redate = args.field == "done-date"
    if args.date is not None and not redate:
        raise CliError(_("--date is for --field done-date (the day the visit was done)"))
    with _open(args) as svc:
        occurrence = 1 if args.code is None else which_occurrence(svc.participant(args.pid), args.code,
                                                                   args.occurrence)
        svc.correct_entry(args.pid, args.code, occurrence, args.field, args.reason, new_date=args.date)
    if redate:
        _ok(_("{id}: done-date corrected: {code} was done on {date}").format(
            id=args.pid.strip(), code=(args.code or "").strip().upper(), date=args.date.isoformat()))
    else:
        _ok(_("{id}: {field} marked as entered in error").format(id=args.pid.strip(), field=args.field))
    return 0


# -- worklist ----------------------------------------------------------------------------------------
def run_due(args: argparse.Namespace) -> int:
    with _open(args) as svc:
        today = svc.today()
        start = args.start or today
        end = args.end or start + timedelta(days=6)
        if end < start:
            raise CliError(_("--to {end} is before --from {start}").format(end=end.isoformat(),
                                                                           start=start.isoformat()))
        items = svc.worklist(start, end, today=today, include_overdue=not args.no_overdue)
    if args.json:
        print_json([_item_json(i) for i in items])
        return 0
    heading = _("Visits due {start} to {end} (today {today})") if args.no_overdue else \
        _("Visits due {start} to {end}, and overdue visits (today {today})")
    print(heading.format(start=start.isoformat(), end=end.isoformat(), today=today.isoformat()))
    if not items:
        print(_("Nothing due."))
        return 0
    print_table(
        [_("Scheduled"), _("Time"), _("ID"), _("Initials"), _("Visit"), _("Window"), _("Status")],
        [[_d(i.visit.scheduled), f"{i.visit.scheduled_time:%H:%M}" if i.visit.scheduled_time else "",
          i.participant_id, i.initials, visit_column(i.visit.code, i.visit.occurrence),
          f"{_d(i.visit.earliest)}..{_d(i.visit.latest)}", i.visit.status.label] for i in items],
    )
    return 0


def _item_json(i: WorklistItem) -> dict[str, Any]:
    return {"participant": i.participant_id, "initials": i.initials, **visit_json(i.visit)}


# -- audit and maintenance -----------------------------------------------------------------------
def run_audit(args: argparse.Namespace) -> int:
    with _open(args) as svc:
        if args.target == "verify":
            if args.last is not None:  # verify reads every row: a "last N" would be a partial verdict
                raise CliError(_("--last goes with 'audit ID' or 'audit' (the newest entries); 'audit verify' "
                                 "always checks every row"))
            return _print_verification(svc.verify_audit(every_problem=args.all), args.json)
        if args.all:
            raise CliError(_("--all goes with 'audit verify' (to list every problem it finds)"))
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
        print(_("The audit trail is empty."))
        return 0
    print_table(
        ["#", _("When (UTC)"), _("User"), _("Workstation"), _("Action"), _("Record"), _("Field"), _("Old"), _("New"),
         _("Reason")],
        [[str(e.seq), e.at.strftime("%Y-%m-%d %H:%M:%S"), e.user, e.workstation, e.action, e.entity_key,
          e.field, _short(e.old), _short(e.new), e.reason or ""] for e in entries],
    )
    return 0


def _print_verification(result: AuditVerification, as_json: bool) -> int:
    """Every finding on stdout, where it is (seq, entity, key, field); exit 0 intact, else
    EXIT_AUDIT_NOT_INTACT with one line on stderr, even when the reader stopped reading the findings
    (``| head``, a reader gone at once): the status is the verdict a script acts on."""
    try:
        return _print_findings(result, as_json)
    except BrokenPipeError:
        reader_gone(sys.stdout)
        if result.ok:
            return 0
        return fail(_("audit trail NOT intact: {count} problem(s) in {rows} rows").format(
            count=result.problem_count, rows=result.rows), EXIT_AUDIT_NOT_INTACT)


def _print_findings(result: AuditVerification, as_json: bool) -> int:
    if as_json:
        print_json({"ok": result.ok, "rows": result.rows, "problems": list(result.problems),
                    "problem_count": result.problem_count, "problems_not_listed": result.not_listed,
                    "last_hash": result.last_hash,
                    "keyed_from": result.keyed_from, "key_fingerprint": result.key_fingerprint,
                    "checkpoint_seq": result.checkpoint_seq, "notes": list(result.notes)})
        return 0 if result.ok else EXIT_AUDIT_NOT_INTACT
    for note in result.notes:
        print(_("note: {note}").format(note=note))
    if result.ok:
        print(_("audit trail intact: {rows} rows, hash chain verified (last {hash}), "
                "data matches the trail, protection triggers in place").format(rows=result.rows,
                                                                               hash=result.last_hash[:16]))
        return 0
    for p in result.problems:
        print(_("problem: {problem}").format(problem=p))
    if result.not_listed:
        print(_("... {count} further problem(s) not listed (audit verify --all lists every one)").format(
            count=result.not_listed))
    raise CliError(_("audit trail NOT intact: {count} problem(s) in {rows} rows").format(
        count=result.problem_count, rows=result.rows), EXIT_AUDIT_NOT_INTACT)


def _short(text: str | None, width: int = 60) -> str:
    if text is None:
        return ""
    return text if len(text) <= width else text[: width - 1] + "…"


def run_backup(args: argparse.Namespace) -> int:
    with _open(args, automatic_backup=False) as svc:
        path = svc.backup(args.path)
        checkpoint = svc.audit_checkpoint()
    _ok(_("backup written to {path} (open it with --db sqlite:///{path})").format(path=path))
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
        raise CliError(_("restore replaces a SQLite database file; restore a PostgreSQL database with the server's "
                         "tools (pg_restore), or open a backup as it is with --db sqlite:///BACKUP"))
    if not args.backup.strip():
        raise CliError(_("give the backup file to restore"))
    plan = plan_restore(Path(args.backup), database)
    if plan.audit_problems and args.yes and not args.even_if_unverified:
        _print_backup_audit(plan)  # what fails, as audit verify says it, then the refusal
        raise CliError(_("the backup's audit trail does not verify ({count} problem(s), above): nothing was "
                         "restored; to restore it all the same, add --even-if-unverified").format(
            count=plan.audit_problem_count), EXIT_AUDIT_NOT_INTACT)
    if not args.yes:
        print(_("backup:   {backup} ({participants} participants, {entries} audit entries, "
                "last change {last} UTC)").format(backup=plan.backup, participants=plan.participants,
                                                  entries=plan.audit_rows, last=plan.last_change or _("none")))
        print(_("replaces: {database}").format(database=database)
              + (_(" (kept aside first)") if plan.database_exists else _(" (a new file)")))
        _print_backup_audit(plan)
        confirm(_("Restore this backup?"), _("restore"), _("nothing was restored"))
    aside = restore_backup(plan, datetime.now(UTC))
    _ok(_("restored {backup} to {database}").format(backup=plan.backup, database=database)
        + (_("; the previous database is kept as {aside}").format(aside=aside) if aside else ""))
    print(_("audit checkpoint reset to the restored trail (audit verify prints the reset as a note)"))
    _print_backup_audit(plan)
    return 0


def _print_backup_audit(plan: RestorePlan) -> None:
    """What audit verify says of the backup's own trail, before the question and after the restore."""
    problems = plan.audit_problems
    if problems is None:
        print(_("the backup is of an earlier schema revision: run 'ln-scheduler audit verify' once it is restored"))
    elif problems:
        print(_("Warning: the backup's audit trail does not verify; once it is restored, audit verify will "
                "report:"))
        for problem in problems:
            print(f"  - {problem}")
        if plan.audit_problem_count > len(problems):
            print("  " + _("... {count} further problem(s) not listed (audit verify --all lists every one)").format(
                count=plan.audit_problem_count - len(problems)))
    else:
        print(_("the audit trail of the backup verifies"))


def run_demo(args: argparse.Namespace) -> int:
    from ..services.demo import fill_demo_site

    with _open(args, create=True) as svc:
        summary = fill_demo_site(svc)
        where = svc.url_display
    _ok(_("demo site filled in {where}: {summary}").format(where=where, summary=summary))
    return 0


def run_db_info(args: argparse.Namespace) -> int:
    with _open(args) as svc:
        site = svc.site()
        people = svc.participants()
        result = svc.upgrade_result
        print(_("database:   {url}").format(url=svc.url_display))
        if svc.read_only:  # a monitor's account, a file it may not write, ?mode=ro, a standby server...
            print(_("access:     read-only: {reason}").format(reason=svc.read_only))
        print(_("chosen by:  {source}").format(source=svc.url_source))
        print(_("schema:     revision {revision}").format(revision=result.to_revision if result else "?")
              + (_(" (upgraded from {revision})").format(revision=result.from_revision or _("empty"))
                 if result and result.upgraded else ""))
        if result and result.backup:
            print(_("backup:     {backup}").format(backup=result.backup))
        print(_("site:       {name} {number} ({timezone})").format(name=site.name, number=site.number,
                                                                   timezone=site.timezone))
        print(_("user:       {user} on {workstation}").format(user=svc.user, workstation=svc.workstation))
        print(_("participants: {count}").format(count=len(people)))
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
    print(_("site:        {name} {number} ({timezone})").format(name=site.name, number=site.number,
                                                                 timezone=site.timezone))
    print(_("closed:      {rules}").format(rules=", ".join(site.closure_rules) or _("no weekly or holiday closures"))
          + (_("; plus {count} closure date(s)").format(count=len(site.closed_dates)) if site.closed_dates else ""))
    print(_("IDs:         {pattern}").format(pattern=site.participant_id_pattern))
    print(_("enrolment:   protocol {id} version {version}").format(id=enrolment.id, version=enrolment.version)
          + ("" if site.enrolment_protocol_version else _(" (the newest shipped)"))
          + _("; cohorts {cohorts}").format(cohorts=", ".join(c.code for c in enrolment.cohorts)))
    print(phone_line(site.phone))
    return 0


def run_site_enrolment_version(args: argparse.Namespace) -> int:
    from ..services.inputs import check_free_text

    if not args.reason.strip():
        raise CliError(_("--reason is empty: the enrolment version changes with a reason, for the audit trail"))
    check_free_text(args.reason, "--reason")
    version = None if args.version.strip().lower() == "newest" else args.version.strip()
    with _open(args) as svc:
        svc.set_enrolment_protocol_version(version, args.reason)
        enrolment = svc.enrolment_protocol()
    _ok(_("new participants are enrolled on protocol {id} version {version}").format(id=enrolment.id,
                                                                                      version=enrolment.version)
        + (_(" (always the newest shipped)") if version is None else "")
        + _("; cohorts {cohorts}").format(cohorts=", ".join(c.code for c in enrolment.cohorts)))
    return 0


#: The commands that change the database: refused up front on a read-only one (see ``_open``).
_WRITE_HANDLERS = frozenset({
    run_participant_add, run_participant_protocol, run_participant_cohort, run_site_enrolment_version,
    run_conditioning, run_infusion, run_visit_book, run_visit_done,
    run_visit_missed, run_visit_unscheduled, run_withdraw, run_correct, run_demo,
})
