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
from .languages import (
    SOURCE_LANGUAGE,
    UnknownLanguage,
    available_languages,
    current_interface,
    name_for,
    parse_language,
    set_interface,
    word_refusals_with,
)

#: Overrides the locale variables for this application only (tests pin ``en`` with it).
LANGUAGE_VARIABLE = "LN_SCHEDULER_LANGUAGE"

def use_language(code: str) -> None:
    """Make ``code`` (already a known language: :func:`parse_language`) the interface language."""
    set_interface(parse_language(code))


def interface_language() -> str:
    return current_interface()


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The interface language the environment asks for, as GNU gettext reads it: our own
    ``LN_SCHEDULER_LANGUAGE`` first; then the message locale (the first set of ``LC_ALL``,
    ``LC_MESSAGES``, ``LANG``): ``C``/``POSIX`` means English whatever ``LANGUAGE`` says; else the
    first language of ``LANGUAGE``'s list that we have, else the message locale's language, else
    English."""
    env = os.environ if environ is None else environ
    own = _known(env.get(LANGUAGE_VARIABLE, ""))
    if own:
        return own
    locale = next((env[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(name)), "")
    if _base(locale) in ("C", "POSIX"):
        return SOURCE_LANGUAGE
    for wanted in env.get("LANGUAGE", "").split(":"):
        if found := _known(wanted):
            return found
    return _known(locale) or SOURCE_LANGUAGE


def _base(value: str) -> str:
    """``es_US`` of ``es_US.UTF-8@euro``."""
    return value.split(".", 1)[0].split("@", 1)[0]


def _known(value: str) -> str | None:
    """The code of a language we have for a locale name, or None."""
    text = _base(value)
    if not text:
        return None
    try:
        return parse_language(text)
    except UnknownLanguage:
        return None


def _(message: str) -> str:
    """``message`` in the interface language (itself in English, or where no entry exists)."""
    current = current_interface()
    if current == SOURCE_LANGUAGE:
        return message
    return translation(current, "interface").gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, in the interface language."""
    current = current_interface()
    if current == SOURCE_LANGUAGE:
        return singular if n == 1 else plural
    return translation(current, "interface").ngettext(singular, plural, n)


def _unknown_language(text: str) -> str:
    """The refusal of a language we do not have, in the interface language, each choice named as its
    reader names it: ``en (English)`` in English, ``en (inglés)`` in Spanish (Babel's CLDR names,
    imported only on this error path and never for an English reader)."""
    reader = interface_language()
    choices = ", ".join(f"{lang.code} ({name_for(lang, reader)})" for lang in available_languages())
    return _("unknown language '{text}': choose one of {choices}").format(text=text.strip(), choices=choices)


word_refusals_with(_unknown_language)
