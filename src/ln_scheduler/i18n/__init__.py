"""Languages, message catalogues and locale-aware dates: the one place the application's words are
translated outside the Qt window (which uses Qt's own translations, ``ui/translations.py``).

Two catalogues (gettext *domains*), because they follow two different languages:

- ``interface``: what staff read from the command line, the services' sentences and the staff
  PDFs (worksheets, site schedule). It follows the *interface language* of the process, set once at
  start-up (:func:`use_language`): the environment for the CLI, Preferences for the desktop app.
- ``take_home``: what a participant takes home (the plain schedule, the personal calendar). It
  follows the *participant's* language, passed explicitly (:func:`participant_texts`), so a Spanish
  schedule can be printed from an English window.

A language is a folder of catalogues (``resources/locale/<code>/<domain>/*.po``), never code: a
third language is a copy of the ``es`` folder, translated. Pure Python (gettext + Babel): no Qt, no
database, so every layer may import it.
"""

from __future__ import annotations

from .interface import _, interface_language, language_from_environment, ngettext, use_language
from .languages import (
    SOURCE_LANGUAGE,
    Language,
    UnknownLanguage,
    available_languages,
    language,
    parse_language,
)
from .markers import N_
from .participant import ParticipantTexts, participant_texts

__all__ = [
    "N_", "SOURCE_LANGUAGE", "Language", "ParticipantTexts", "UnknownLanguage", "_", "available_languages",
    "interface_language", "language", "language_from_environment", "ngettext", "parse_language",
    "participant_texts", "use_language",
]
