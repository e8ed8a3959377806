"""Commands about languages and the study team's phone (issue 14), added to the ``participant`` and
``site`` groups that ``db_commands`` makes: ``participant add --language CODE``, ``participant
language ID CODE --reason TEXT``, ``site phone NUMBER --reason TEXT``. Registered after
``db_commands`` (see ``COMMAND_MODULES``), so the groups exist.

Both writes are audited with the reason; an unknown language or a phone that is not one is one line
on stderr with exit status 2, as every refusal is.
"""

from __future__ import annotations

import argparse

from ..i18n import SOURCE_LANGUAGE, _, available_languages
from .common import phone_line


def _actions(parser: argparse.ArgumentParser) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    """The sub-command list of a command group (``participant``, ``site``)."""
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


class _Choices:
    """``en (English), es (Spanish)``: every language with a catalogue (a new one needs no code here).
    Written when the help is (argparse's ``%(language_choices)s``), not when the parser is built: the
    names are Babel's data, which an English command that never shows this help must not load."""

    def __str__(self) -> str:
        return ", ".join(f"{lang.code} ({lang.english_name})" for lang in available_languages())


_CHOICES = "%(language_choices)s"


def _with_choices(action: argparse.Action) -> None:
    action.language_choices = _Choices()  # type: ignore[attr-defined]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this module's options and subcommands to the groups ``db_commands`` registered."""
    participant = _actions(sub.choices["participant"])
    _with_choices(participant.choices["add"].add_argument(
        "--language", default=SOURCE_LANGUAGE, metavar="CODE",
        help=_("the language of what the participant takes home: {choices} (default: {default})").format(
            choices=_CHOICES, default=SOURCE_LANGUAGE)))
    lang = participant.add_parser("language", help=_("change the language of what a participant takes home "
                                                     "(audited)"))
    lang.add_argument("pid", metavar="ID")
    _with_choices(lang.add_argument("language", metavar="CODE", help=_CHOICES))
    lang.add_argument("--reason", required=True, metavar="TEXT", help=_("why, for the audit trail"))
    lang.set_defaults(handler=run_participant_language, writes=True)
    site = _actions(sub.choices["site"])
    phone = site.add_parser("phone", help=_("the study team's phone, printed on what participants take home "
                                            "('' clears it)"))
    phone.add_argument("phone", metavar="NUMBER", help=_("digits, spaces, + ( ) - . and 'ext', at most 40"))
    phone.add_argument("--reason", required=True, metavar="TEXT", help=_("why, for the audit trail"))
    phone.set_defaults(handler=run_site_phone, writes=True)


def run_participant_language(args: argparse.Namespace) -> int:
    from ..services.participant_language import language_name
    from .db_commands import _open

    with _open(args) as svc:
        before = svc.participant(args.pid)
        r = svc.change_language(args.pid, args.language, args.reason)
    print(_("{id}: takes home texts in {new} (was {old})").format(
        id=r.id, new=language_name(r.language), old=language_name(before.language)))
    return 0


def run_site_phone(args: argparse.Namespace) -> int:
    from .db_commands import _open

    with _open(args) as svc:
        site = svc.set_site_phone(args.phone, args.reason)
    print(phone_line(site.phone))
    return 0
