"""argparse's own words ("usage:", "options", "the following arguments are required: ...") in the
interface language.

argparse translates them with the stdlib's ``gettext.gettext`` (default domain, system locale
folders), where no catalogue of ours can be found, and Python ships none for Spanish. The CLI
points argparse's module-level ``_`` at the interface catalogue instead; the messages it can print
for this CLI's options are listed here, marked, so that extraction puts them in the catalogue
(``es/interface/cli.po``) and the catalogue test requires their translation. In English ``_`` is the
identity: argparse's output is unchanged. A message not listed stays in English (never blank).
"""

from __future__ import annotations

import argparse

from ..i18n import N_, _

#: argparse's msgids (Python 3.11 wording) that a user of this CLI can see.
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("the following arguments are required: %s"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("expected at most one argument"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("ignored explicit argument %r"),
)


def translate_argparse() -> None:
    """Make argparse word its help and its errors in the interface language (idempotent)."""
    argparse._ = _  # type: ignore[attr-defined]  # argparse's module-level gettext alias, not in its stubs
