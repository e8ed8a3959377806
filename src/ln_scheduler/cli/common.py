"""What every command shares: exit codes, one-line errors, argument types, JSON output."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date, datetime, time
from enum import Enum
from typing import TYPE_CHECKING, Any, TextIO

from ..i18n import _
from ..i18n.markers import N_

if TYPE_CHECKING:
    from ..services.records import ParticipantRecord

EXIT_BAD_INPUT = 2
#: The database cannot be used (unreachable, busy, a full disk, damaged): the status site scripts
#: have always had for it, shared with bad input (nothing was done either way); stderr says which.
EXIT_DATABASE_UNAVAILABLE = 2
EXIT_UNEXPECTED = 1
#: A write whose COMMIT lost its answer: it may or may not be saved; check before retrying.
EXIT_OUTCOME_UNKNOWN = 3
EXIT_INTERRUPTED = 130
#: The longest error line written (a 100 kB argument echoed back is cut, never printed whole).
MAX_ERROR_LINE = 1000
#: The largest whole number any option takes: past it a number is a typo, and bigger ones overflow
#: SQLite's 64-bit integers and Python's dates (``--last 9223372036854775808``).
MAX_WHOLE_NUMBER = 1_000_000
#: ``audit verify`` found tampering or damage (the trail, the checkpoint, the data or the triggers).
EXIT_AUDIT_NOT_INTACT = 4

#: ``calendar sync``: the calendar server failed (down, login refused, TLS) or refused events; they stay queued.
EXIT_CALENDAR_SERVER_FAILED = 5

def exit_status_help() -> str:
    """The exit statuses, for ``ln-scheduler --help`` (site scripts test them), in the interface language."""
    return _(
        "exit status: 0 done; {unexpected} an unexpected error; {audit} 'audit verify' found a problem; "
        "{bad_input} bad input, or the database cannot be used (unreachable, busy, disk full, or damaged: "
        "then keep the file and restore a backup); {unknown} the connection failed while a change was "
        "being saved: it may or may not be saved, check before retrying; {calendar} 'calendar sync' "
        "could not send everything (the calendar server failed; the changes stay queued) or 'calendar publish' could "
        "not use the server (down, not trusted; nothing saved); {interrupted} "
        "interrupted. Every error is one line on stderr."
    ).format(unexpected=EXIT_UNEXPECTED, audit=EXIT_AUDIT_NOT_INTACT, bad_input=EXIT_BAD_INPUT,
             unknown=EXIT_OUTCOME_UNKNOWN, calendar=EXIT_CALENDAR_SERVER_FAILED, interrupted=EXIT_INTERRUPTED)


class CliError(Exception):
    """An error to show as one line on stderr, with an exit status."""

    def __init__(self, message: str, status: int = EXIT_BAD_INPUT):
        super().__init__(message)
        self.status = status


def one_line(message: object) -> str:
    """``message`` as one printable line: control characters escaped (a newline shows as \\n, a
    terminal escape as \\x1b), cut to :data:`MAX_ERROR_LINE` characters."""
    from ..services.inputs import escaped  # plain Python

    text = escaped(str(message).strip())
    return text if len(text) <= MAX_ERROR_LINE else text[: MAX_ERROR_LINE - 1] + "…"


def fail(message: str, status: int = EXIT_BAD_INPUT) -> int:
    """One line on stderr, and ``status``: the status even when nobody reads the line any more
    (``2>&1 | head``): it is the answer a script acts on."""
    try:
        print(_("ln-scheduler: error: {message}").format(message=one_line(message)), file=sys.stderr)
    except BrokenPipeError:
        reader_gone(sys.stderr)
    return status


def reader_gone(stream: TextIO) -> None:
    """The reader of ``stream`` closed it (``| head``): point it at the null device, so that nothing
    written later, nor Python's flush at exit, fails (that flush turned the exit status into 120)."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, stream.fileno())
    except (OSError, ValueError):  # no file descriptor (a test's captured stream): nothing to point
        pass
    finally:
        os.close(devnull)


def check_output_file(path: str, example: str) -> None:
    """Refuse an output file that cannot be written before doing the work, with a one-line reason
    (``-`` is standard output). ``example`` is a file name to suggest, e.g. ``worksheet.pdf``."""
    from pathlib import Path

    if path == "-":
        return
    if not path.strip():
        raise CliError(_("the output file name is empty: give one with -o, e.g. -o {example}, or -o - for "
                         "standard output").format(example=example))
    target = Path(path)
    try:
        if target.is_dir() or not target.name:
            raise CliError(_("{path} is a folder: give a file name, e.g. {example}").format(
                path=path, example=target / example))
        if not target.parent.exists():
            raise CliError(_("cannot write {path}: folder {folder} does not exist").format(
                path=path, folder=target.parent))
    except OSError as exc:  # e.g. a name too long for the file system
        raise CliError(_("cannot write {path}: {why}").format(path=path, why=exc.strerror or exc)) from None


def date_arg(text: str) -> date:
    """argparse type for YYYY-MM-DD; a bad value becomes argparse's one-line usage error (exit 2)."""
    from ..domain.dates import parse_date
    from ..domain.errors import DomainError

    try:
        return parse_date(text)
    except DomainError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def time_arg(text: str) -> time:
    try:
        parsed = time.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(_("time '{text}' is not valid: use HH:MM, e.g. 09:30").format(
            text=text)) from None
    return parsed.replace(second=0, microsecond=0)


def int_at_least(minimum: int, maximum: int = MAX_WHOLE_NUMBER) -> Callable[[str], int]:
    """argparse type for a whole number from ``minimum`` to ``maximum`` (a bad value: one-line usage error)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(_("'{text}' is not a whole number").format(text=text)) from None
        if value < minimum:
            raise argparse.ArgumentTypeError(_("{value} must be {minimum} or more").format(value=value,
                                                                                          minimum=minimum))
        if value > maximum:
            raise argparse.ArgumentTypeError(_("{value} is too large: at most {maximum:,}").format(
                value=value, maximum=maximum))
        return value

    return parse


positive_int = int_at_least(1)
#: A dose number that can be "not given" or given after the infusion: 2 or more.
later_dose = int_at_least(2)


def dose_date_arg(text: str) -> tuple[int, date]:
    """argparse type for ``N=YYYY-MM-DD`` (``--dose 2=2027-03-13``): dose N (2 or more) given that day."""
    number, sep, day = text.partition("=")
    if not sep:
        raise argparse.ArgumentTypeError(_("'{text}' is not N=YYYY-MM-DD, e.g. 2=2027-03-13").format(text=text))
    return later_dose(number.strip()), date_arg(day.strip())


def weekday_text(d: date) -> str:
    """``Sun`` / ``dom``: the abbreviated weekday in the interface language (never the process
    locale, which ``strftime`` would follow)."""
    from ..i18n import interface_language
    from ..i18n.dates import weekday

    return weekday(d, interface_language())


def to_jsonable(value: Any) -> Any:
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(v) for v in value]
    return value


def print_json(value: Any) -> None:
    json.dump(to_jsonable(value), sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def print_table(headers: list[str], rows: list[list[str]]) -> None:
    """A plain aligned text table (no dependency, copy-pastes cleanly). Cells show control
    characters escaped: a stored reason with a line break or a terminal escape stays in its cell."""
    from ..services.inputs import escaped

    rows = [[escaped(c) for c in r] for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line.rstrip())
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())


# Printed by db_commands (participant show, site show) and language_commands (site phone).
def phone_line(phone: str) -> str:
    """The phone as ``site phone`` and ``site show`` print it (aligned with the other lines of ``site show``)."""
    if not phone:
        return _("phone:       not set (take-home schedules leave a line to write it on)")
    return _("phone:       {phone}").format(phone=phone)


def language_line(code: str) -> str:
    """``Language: Spanish``, as ``participant show`` prints it."""
    from ..services.participant_language import language_name

    return _("Language: {language}").format(language=language_name(code))


#: ``--occurrence``'s help, shared by every command that acts on one visit.
OCCURRENCE_HELP = N_("which one of a repeated visit (UNS, ET): 1, 2, ...; needed when the participant has several")


def which_occurrence(record: ParticipantRecord, code: str, given: int | None) -> int:
    """The occurrence of ``code`` a command acts on: the one given, else the participant's only one.

    With several (unscheduled visits, an early termination after a withdrawal was corrected) the
    command refuses and lists them: taking #1 by default, ``correct 104-101 UNS`` cancelled the first
    of three unscheduled visits without a word (found walking the CLI). An unknown code is left to
    the command, whose message lists the protocol's codes."""
    if given is not None:
        return given
    from ..services.inputs import visit_code

    wanted = visit_code(code)
    several = [v for v in record.visits if v.code == wanted]
    if len(several) <= 1:
        return 1
    listed = ", ".join(f"#{v.occurrence} {(v.actual or v.scheduled or '-')}" for v in several)
    raise CliError(_("{id} has {count} {code} visits ({listed}): say which with --occurrence N").format(
        id=record.id, count=len(several), code=wanted, listed=listed))


def visit_column(code: str, occurrence: int) -> str:
    """A visit in the tables' Visit column: its code, and ``#N`` from its second occurrence on
    (``UNS``, ``UNS #2``), as ``--occurrence`` names it. Every table writes it so: ``participant show``
    printed the first unscheduled visit as ``UNS`` and the next ones by name."""
    return code if occurrence == 1 else f"{code} #{occurrence}"
