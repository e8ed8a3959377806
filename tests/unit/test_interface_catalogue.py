"""Every staff sentence the package marks for translation (``_``, ``N_``, ``ngettext``: the keywords
of the interface catalogue, see ``ln_scheduler.i18n``) has a finished entry in every shipped
language's interface catalogue (all ``resources/locale/<lang>/interface/*.po`` merged), so a
Spanish window never shows a service refusal in English. A new sentence without its translation
fails here, naming it and the file it comes from.

Extraction is Babel's, over the installed package (the same files the application runs). Until the
shared extractor of ``tests/support/catalogues.py`` exists on this branch, it is written inline here.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir

import ln_scheduler
from ln_scheduler.i18n import SOURCE_LANGUAGE, available_languages
from ln_scheduler.i18n.catalogues import read_catalogue

#: The interface catalogue's marking keywords: ``_`` and ``N_`` take one text, ``ngettext`` two.
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def marked_messages() -> dict[str | tuple[str, ...], str]:
    """Each marked message of the package, with the first file (relative to the package) marking it."""
    root = Path(ln_scheduler.__file__).parent
    found: dict[str | tuple[str, ...], str] = {}
    for filename, _lineno, message, _comments, _context in extract_from_dir(
            root, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=()):
        found.setdefault(message, filename)
    return found


def test_the_package_marks_the_service_sentences():
    """The extraction sees the marked sentences (a broken extraction would pass every language)."""
    messages = marked_messages()
    assert "{date} is outside the window of {code} ({earliest} to {latest}): give a reason; the booking will " \
           "be flagged as a protocol deviation" in messages
    assert "Done out of window" in messages  # a domain label, marked with N_
    assert ("Published {count} event", "Published {count} events") in messages


def test_every_marked_sentence_is_translated_in_every_shipped_language():
    messages = marked_messages()
    languages = [lang.code for lang in available_languages() if lang.code != SOURCE_LANGUAGE]
    assert languages, "no shipped language besides English: nothing would be checked"
    missing = []
    for code in languages:
        catalogue = read_catalogue(code, "interface")  # empty and fuzzy entries are left out
        for message, where in messages.items():
            if catalogue.get(message) is None:
                missing.append(f"{code}: {message!r} ({where})")
    assert not missing, "untranslated interface texts:\n" + "\n".join(missing)
