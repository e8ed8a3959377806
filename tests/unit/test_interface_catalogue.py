"""Every staff sentence the package marks for translation (``_``, ``N_``, ``ngettext``: the keywords
of the interface catalogue, see ``ln_scheduler.i18n``) has a finished entry in every shipped
language's interface catalogue (all ``resources/locale/<lang>/interface/*.po`` merged), so a
Spanish window never shows a service refusal in English. A new sentence without its translation
fails here, naming it and the file it comes from.

Extraction is Babel's, over the installed package (the same files the application runs), through the
helper the take-home catalogue's test uses too (``tests/support/catalogues.py``).
"""

from __future__ import annotations

from ln_scheduler.i18n import SOURCE_LANGUAGE, available_languages
from tests.support.catalogues import INTERFACE_KEYWORDS, marked_strings, missing_entries


def test_the_package_marks_the_service_sentences():
    """The extraction sees the marked sentences (a broken extraction would pass every language)."""
    messages = {m.message for m in marked_strings(INTERFACE_KEYWORDS)}
    assert "{date} is outside the window of {code} ({earliest} to {latest}): give a reason; the booking will " \
           "be flagged as a protocol deviation" in messages
    assert "Done out of window" in messages  # a domain label, marked with N_
    assert "Published {count} event" in messages  # a plural (ngettext), by its singular
    assert "{name} (dose {number})" in messages  # marked with N_ as a module constant


def test_every_marked_sentence_is_translated_in_every_shipped_language():
    assert [lang.code for lang in available_languages() if lang.code != SOURCE_LANGUAGE], \
        "no shipped language besides English: nothing would be checked"
    missing = missing_entries("interface", INTERFACE_KEYWORDS)
    assert not missing, "untranslated interface texts:\n" + "\n".join(missing)
