"""The interface language of this process and ``_``, which translates into it.

Set once at start-up: the CLI from the environment (:func:`language_from_environment`), the
desktop application from Preferences (default: the system locale). Everything staff read outside
the Qt widgets (CLI output, service sentences, staff PDFs) goes through ``_``. Texts *stored* in
the database (audit reasons, system-written notes) are never translated when written: the record
stays in the source language and is translated, where at all, when shown.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from .catalogues import translation
from .languages import SOURCE_LANGUAGE, UnknownLanguage, parse_language

#: Overrides the locale variables for this application only (tests pin ``en`` with it).
LANGUAGE_VARIABLE = "LN_SCHEDULER_LANGUAGE"

_current = SOURCE_LANGUAGE


def use_language(code: str) -> None:
    """Make ``code`` (already a known language: :func:`parse_language`) the interface language."""
    global _current
    _current = parse_language(code)


def interface_language() -> str:
    return _current


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The interface language the environment asks for: ``LN_SCHEDULER_LANGUAGE``, then the POSIX
    order (``LANGUAGE``'s list, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``); the first language we have
    wins, English otherwise (``C``/``POSIX`` included)."""
    env = os.environ if environ is None else environ
    candidates = [env.get(LANGUAGE_VARIABLE, "")]
    candidates += env.get("LANGUAGE", "").split(":")
    candidates += [env.get(name, "") for name in ("LC_ALL", "LC_MESSAGES", "LANG")]
    for raw in candidates:
        text = raw.split(".", 1)[0].split("@", 1)[0]
        if not text or text in ("C", "POSIX"):
            continue
        try:
            return parse_language(text)
        except UnknownLanguage:
            continue
    return SOURCE_LANGUAGE


def _(message: str) -> str:
    """``message`` in the interface language (itself in English, or where no entry exists)."""
    if _current == SOURCE_LANGUAGE:
        return message
    return translation(_current, "interface").gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, in the interface language."""
    if _current == SOURCE_LANGUAGE:
        return singular if n == 1 else plural
    return translation(_current, "interface").ngettext(singular, plural, n)
