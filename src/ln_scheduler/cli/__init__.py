"""The ``ln-scheduler`` entry point: a command line for site scripts, the GUI with no command.

Start-up matters (site scripts call it in loops): this package imports only argparse and the
command modules' ``register`` functions; each handler imports what it needs when it runs, and
nothing here imports Qt or SQLAlchemy for commands that do not need them.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable, Sequence
from importlib import import_module
from typing import NoReturn

from .. import __version__
from ..i18n import _, interface_language, language_from_environment, use_language
from .common import (
    EXIT_BAD_INPUT,
    EXIT_DATABASE_UNAVAILABLE,
    EXIT_INTERRUPTED,
    EXIT_OUTCOME_UNKNOWN,
    EXIT_UNEXPECTED,
    CliError,
    exit_status_help,
    fail,
    one_line,
    reader_gone,
)

#: Modules under ``ln_scheduler.cli`` that add subcommands; each has ``register(subparsers)`` (in this
#: order: ``language_commands`` adds to groups ``db_commands`` makes).
COMMAND_MODULES = ("plan_commands", "db_commands", "language_commands", "report_commands", "export_commands",
                   "calendar_commands", "admin_commands")


class OneLineParser(argparse.ArgumentParser):
    """Usage errors as one line on stderr and exit status 2 (site scripts parse stderr)."""

    def error(self, message: str) -> NoReturn:
        """``ln-scheduler: error: ...`` as every other error (README: scripts look for that prefix;
        a command's usage error said "ln-scheduler plan: error:"), then the command's own help."""
        self.exit(EXIT_BAD_INPUT, _("ln-scheduler: error: {message} (see '{prog} --help')").format(
            prog=self.prog, message=one_line(message)) + "\n")


def build_parser() -> argparse.ArgumentParser:
    """The whole parser in the interface language, built once per process and language (~40 ms;
    a process that calls ``main`` many times, such as the CLI fuzzer, shares it: parsing leaves it
    unchanged). Its help texts are translated when it is built, hence one parser per language."""
    return _build_parser(interface_language())


@functools.cache
def _build_parser(language: str) -> argparse.ArgumentParser:
    """``language`` only keys the cache: the texts follow the interface language, set by the caller."""
    from .argparse_words import translate_argparse

    translate_argparse()
    parser = OneLineParser(
        prog="ln-scheduler",
        description=_("Visit scheduler for study NCT06377228 (TAK-007 in refractory lupus nephritis). "
                      "With no command, opens the desktop application."),
        epilog=exit_status_help(),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}",
                        help=_("show program's version number and exit"))
    parser.add_argument(
        "--db",
        metavar="URL",
        help=_("database URL (sqlite:///PATH or postgresql://user@host/dbname); "
               "default: $LN_SCHEDULER_DB, the settings file, or a SQLite file in the user data directory"),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        import_module(f"{__name__}.{name}").register(sub)
    return parser


def _gui_only(args: list[str]) -> tuple[bool, str | None]:
    """Whether the arguments only open the GUI (none, or just ``--db URL``), and the URL.

    The GUI path skips building the full parser: its ~40 ms would delay the first paint.
    """
    if not args:
        return True, None
    if len(args) == 2 and args[0] == "--db" and not args[1].startswith("-"):
        return True, args[1]
    if len(args) == 1 and args[0].startswith("--db=") and len(args[0]) > 5:
        return True, args[0][5:]
    return False, None


def main(argv: Sequence[str] | None = None) -> int:
    wanted = language_from_environment()  # LN_SCHEDULER_LANGUAGE, then the POSIX locale variables
    if wanted != interface_language():  # English, the usual case, costs nothing more
        use_language(wanted)
    args_list = list(sys.argv[1:] if argv is None else argv)
    for arg in args_list:
        if not _valid_text(arg):  # bytes that are not UTF-8 reach Python as lone surrogates
            return fail(_("the argument '{arg}' is not valid text (not UTF-8): retype it").format(arg=arg),
                        EXIT_BAD_INPUT)
        if "\x00" in arg:  # only main(argv) callers can pass one (a process's argv cannot hold it)
            return fail(_("the argument '{arg}' contains a NUL character").format(arg=arg), EXIT_BAD_INPUT)
        if arg.startswith("-") and arg.endswith("=--"):  # argparse would hand the handler an empty list
            return fail(_("'{arg}': '--' is not a value; write the value itself").format(arg=arg), EXIT_BAD_INPUT)
    gui_only, db_url = _gui_only(args_list)
    if gui_only:
        return gui_main(db_url)
    parser = build_parser()
    # argparse exits 2 on a usage error with its own one-line message: the contract we want.
    args = parser.parse_args(args_list)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        return gui_main(args.db)
    _normalise_keys(args)
    from ..holiday_cache import install_holiday_cache

    install_holiday_cache()
    try:
        return handler(args)
    except CliError as exc:
        return fail(str(exc), exc.status)
    except KeyboardInterrupt:
        return fail(_("interrupted"), EXIT_INTERRUPTED)
    except BrokenPipeError:  # `| head` read what it wanted: the rest of the output is nobody's
        reader_gone(sys.stdout)
        return 0
    except Exception as exc:
        from ..domain.errors import DomainError
        from ..services.errors import CommitUnknownError, DatabaseUnavailableError  # plain Python

        if isinstance(exc, CommitUnknownError):  # saved or not: a blind retry could record it twice
            return fail(str(exc), EXIT_OUTCOME_UNKNOWN)
        if isinstance(exc, DatabaseUnavailableError):  # busy, unreachable, damaged: the message says which
            return fail(str(exc), EXIT_DATABASE_UNAVAILABLE)
        if isinstance(exc, DomainError):
            return fail(str(exc), EXIT_BAD_INPUT)
        if isinstance(exc, OSError) and (exc.filename or exc.strerror):  # a file to read or write
            where = f"{exc.filename}: " if exc.filename else ""
            return fail(_("cannot use {where}{why}").format(where=where, why=exc.strerror or exc), EXIT_BAD_INPUT)
        return fail(_("unexpected error: {kind}: {error}").format(kind=type(exc).__name__, error=exc),
                    EXIT_UNEXPECTED)


def _valid_text(arg: str) -> bool:
    try:
        arg.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _normalise_keys(args: argparse.Namespace) -> None:
    """Participant IDs and visit codes as the services keep them, once, before any handler runs:
    ``'M2 '`` is M2 in what is written, what is read back and what is printed."""
    from ..services.inputs import participant_key, visit_code  # plain Python

    if isinstance(getattr(args, "pid", None), str):
        args.pid = participant_key(args.pid)
    if isinstance(getattr(args, "code", None), str):
        args.code = visit_code(args.code)
    if isinstance(getattr(args, "pids", None), list):
        args.pids = [participant_key(p) for p in args.pids]


def gui_main(db: str | None = None) -> int:
    """Open the desktop application (imports Qt only now; the UI installs the holiday cache).

    The cyclic garbage collector stays off from here until the worklist is first shown (the UI
    freezes what start-up loaded, then turns it back on): loading PySide6, SQLAlchemy and the
    services allocates objects that live as long as the process, and collecting passes over them
    cost 60-190 ms of start-up while freeing nothing."""
    no_display = _no_usable_display()
    if no_display:
        return fail(no_display, EXIT_BAD_INPUT)
    from ..services.collector import pause_collector

    pause_collector()  # resumed by the UI once the worklist is first shown
    try:
        from ..ui.app import run_gui
    except ImportError as exc:
        return fail(
            _("cannot start the desktop application: {error}. On Debian/Ubuntu install the Qt system "
              "libraries: sudo apt-get install libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 "
              "libfontconfig1 libdbus-1-3 libxcb-cursor0").format(error=exc),
            1,
        )
    return run_gui(db, collector_paused=True)


def _no_usable_display() -> str | None:
    """Why the desktop application cannot show a window here, or None. On Linux, Qt aborts the
    process (exit 134, a core dump and several lines of Qt's own) when its platform plugin finds
    no display; this asks first, cheaply, without importing Qt: a command is missing, or the
    session has no X11/Wayland display (ssh, cron, a container)."""
    import os

    if not sys.platform.startswith("linux"):
        return None
    platform = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0].strip()
    x11, wayland = os.environ.get("DISPLAY", "").strip(), os.environ.get("WAYLAND_DISPLAY", "").strip()
    advice = _("give a command (see 'ln-scheduler --help'), run it in a desktop session, or set "
               "QT_QPA_PLATFORM=offscreen")
    if platform in ("", "xcb") and not x11 and not (platform == "" and wayland):
        return _("no command given and no display to open the desktop application on ($DISPLAY is not set): "
                 "{advice}").format(advice=advice)
    if platform == "wayland" and not wayland:
        return _("no command given and no Wayland display ($WAYLAND_DISPLAY is not set): {advice}").format(
            advice=advice)
    if platform in ("", "xcb") and x11 and not wayland and not _x11_display_answers(x11):
        return _("no command given and the display {display} cannot be reached: {advice}").format(
            display=x11, advice=advice)
    return None


def _x11_display_answers(display: str) -> bool:
    """A local X display (``:N``) has its socket in /tmp/.X11-unix; a remote one is assumed to answer."""
    import os

    host, _colon, rest = display.rpartition(":")
    if host not in ("", "unix"):
        return True
    number = rest.split(".")[0]
    return not number.isdigit() or os.path.exists(f"/tmp/.X11-unix/X{number}")


if __name__ == "__main__":
    raise SystemExit(main())
