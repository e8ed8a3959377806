"""``calendar publish``, ``calendar status``, ``calendar sync``, ``calendar off``: the site's visit
calendar on a CalDAV server (Nextcloud, Radicale, SOGo, Fastmail, iCloud...), kept in step.

Spellings are fixed (site scripts and scheduled tasks call them)::

    calendar publish URL [--user U] [--password-stdin]
    calendar status [--json]
    calendar sync [--json] [--password-stdin]      (for a scheduled task)
    calendar off

The password is read from the OS keyring (saved there by ``calendar publish``), prompted for on a
terminal, or read from standard input (``--password-stdin``, one line, for scripts); it is never
taken as an argument (visible to every user in the process list) nor written to a file.

Exit status of ``calendar sync``: 0 everything queued reached the server; 5 the server failed
(down, refusing the login, TLS) or refused some events: they stay queued and the next sync tries
again; 2 bad input or nothing to sync with (no calendar set up, no password).
``calendar publish``: 0 set up; 2 bad input (the address, or a password the server refused);
5 the server cannot be reached, is not trusted or failed (nothing saved: try again later).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from ..i18n import _
from .common import EXIT_CALENDAR_SERVER_FAILED, CliError, print_json

if TYPE_CHECKING:
    from ..services.app import Services


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``calendar`` group to ``ln-scheduler``."""
    calendar = sub.add_parser("calendar", help=_("publish the visit calendar to a CalDAV server and keep it current"))
    actions = calendar.add_subparsers(dest="calendar_command", metavar="ACTION", required=True)

    publish = actions.add_parser(
        "publish", help=_("publish the site's visits to a CalDAV calendar (checks the server first)"),
        description=_("Publish every visit of the site to the CalDAV calendar collection at URL (created if "
                      "missing), then keep it current: every saved change is queued and sent by 'calendar sync' or "
                      "the desktop application. Events carry the participant ID and visit name only. The password is "
                      "saved in this computer's keyring, never in a file. Exit status: 0 set up; 2 bad address or a "
                      "password the server refused; {failed}: the server cannot be reached, is not trusted or failed "
                      "(nothing saved).").format(failed=EXIT_CALENDAR_SERVER_FAILED),
    )
    publish.add_argument("url", metavar="URL", help=_("the calendar collection's https:// address"))
    publish.add_argument("--user", metavar="USER", help=_("the account on the server"))
    publish.add_argument("--password-stdin", action="store_true",
                         help=_("read the password from standard input (one line) instead of prompting"))
    publish.set_defaults(handler=run_publish)

    status = actions.add_parser("status", help=_("where the calendar is published, the last sync, what is pending, "
                                  "the last error"))
    status.add_argument("--json", action="store_true", help=_("machine-readable output"))
    status.set_defaults(handler=run_status)

    sync = actions.add_parser(
        "sync", help=_("send the queued changes to the server now (for a scheduled task)"),
        description=_("Send every queued change to the calendar server. Exit status 0: all sent; {failed}: the "
                      "server failed or refused events (they stay queued); 2: no calendar set up or no password."
                      ).format(failed=EXIT_CALENDAR_SERVER_FAILED),
    )
    sync.add_argument("--json", action="store_true", help=_("machine-readable report"))
    sync.add_argument("--password-stdin", action="store_true",
                      help=_("read the password from standard input instead of the keyring"))
    sync.set_defaults(handler=run_sync)

    off = actions.add_parser("off", help=_("stop publishing (the events on the server stay as they are)"))
    off.set_defaults(handler=run_off)


def run_publish(args: argparse.Namespace) -> int:
    from ..publishing.caldav_server import check_url
    from ..publishing.passwords import PasswordStoreError, store_password, stored_password

    try:
        url = check_url(args.url)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    user = (args.user or "").strip() or None
    with _open_to_write(args) as svc:  # a read-only database refuses before a password is asked or sent
        if args.password_stdin:
            password: str | None = _password_from_stdin()
        else:
            password = stored_password(url, user) if user else None
            if user and password is None:
                password = _prompt(_("Password for {user} at {url}: ").format(user=user, url=url))
        from ..services.errors import CalendarServerError

        try:
            state = svc.set_up_calendar(url, user, password, remember_password=False)
        except CalendarServerError as exc:
            # a wrong password is the caller's input (2); a server down, untrusted or failing is the
            # documented server failure (5: try again later), as for 'calendar sync'
            raise CliError(str(exc), 2 if exc.kind == "login-refused" else EXIT_CALENDAR_SERVER_FAILED) from None
    if password:
        try:
            store_password(url, user, password)
        except PasswordStoreError as exc:
            print(_("ln-scheduler: warning: {warning}").format(warning=exc), file=sys.stderr)
    print(_("Publishing to {url}: {pending} events queued; run 'ln-scheduler calendar sync' "
            "(or keep the desktop application open) to send them").format(url=state.url, pending=state.pending))
    return 0


def run_status(args: argparse.Namespace) -> int:
    with _open(args) as svc:
        state = svc.calendar_status()
    if args.json:
        print_json({"state": state.state, "url": state.url, "user": state.user, "last_sync": state.last_sync,
                    "pending": state.pending, "last_error": state.last_error,
                    "last_error_at": state.last_error_at})
        return 0
    print(state.describe())
    if state.url:
        print(_("URL: {url}").format(url=state.url)
              + (_(" (user {user})").format(user=state.user) if state.user else ""))
        print(_("Last sync: {when}").format(
            when=state.last_sync.isoformat(timespec="seconds") if state.last_sync else _("never")))
    return 0


def run_sync(args: argparse.Namespace) -> int:
    with _open_to_write(args) as svc:  # the outbox is written as events are sent
        password = _password_from_stdin() if args.password_stdin else None
        if password is None:
            _check_password_saved(svc)
        report = svc.sync_calendar(password=password)
    if args.json:
        print_json({"published": report.published, "cancelled": report.cancelled,
                    "failed": [{"uid": uid, "error": why} for uid, why in report.failed],
                    "pending": report.pending, "error": report.error, "retry_after": report.retry_after})
    else:
        print(report.describe())
    if report.ok:
        return 0
    if not args.json:
        print(_("ln-scheduler: error: {message}").format(message=report.error or report.failed[0][1]), file=sys.stderr)
    return EXIT_CALENDAR_SERVER_FAILED


def run_off(args: argparse.Namespace) -> int:
    with _open_to_write(args) as svc:
        state = svc.calendar_status()
        svc.turn_off_calendar()
    if state.url:
        from ..publishing.passwords import forget_password

        forget_password(state.url, state.user)
        print(_("Stopped publishing to {url} (its events stay on the server)").format(url=state.url))
    else:
        print(_("No calendar was published"))
    return 0


def _open(args: argparse.Namespace) -> Services:
    from ..services.startup import open_services_for_command

    return open_services_for_command(args.db)


def _open_to_write(args: argparse.Namespace) -> Services:
    """The services for a command that writes (publish, sync, off): on a read-only database (a
    monitor's account, ``?mode=ro``) one line, exit 2, before any server is asked or password read."""
    from ..services.startup import open_services_for_command

    return open_services_for_command(args.db, writes=True)


def _check_password_saved(svc: Services) -> None:
    """No password on this workstation is bad input (exit 2), not a server failure (exit 5)."""
    from ..publishing.passwords import stored_password

    state = svc.calendar_status()
    if state.url and state.user and stored_password(state.url, state.user) is None:
        raise CliError(_("no password for {user} at {url} is saved on this computer: run 'ln-scheduler "
                         "calendar publish URL --user USER' here once, or give it with --password-stdin").format(
            user=state.user, url=state.url))


def _password_from_stdin() -> str:
    line = sys.stdin.readline()
    password = line.rstrip("\r\n")
    if not password:
        raise CliError(_("--password-stdin: standard input gave no password (one line expected)"))
    return password


def _prompt(question: str) -> str:
    if not sys.stdin.isatty():
        raise CliError(_("no password saved for this calendar and no terminal to ask on: give it with "
                         "--password-stdin"))
    import getpass

    password = getpass.getpass(question)
    if not password:
        raise CliError(_("no password given"))
    return password
