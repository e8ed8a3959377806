"""Loading a language's catalogue of one domain: every ``.po`` file of
``resources/locale/<code>/<domain>/`` merged into one gettext translation, read with Babel and
compiled in memory once per process (a few milliseconds; no compiled ``.mo`` files to go stale).
Fuzzy and empty entries are left out, so an untranslated text shows in English, never blank."""

from __future__ import annotations

import gettext
from functools import cache
from io import BytesIO
from typing import TYPE_CHECKING

from .languages import DOMAINS, SOURCE_LANGUAGE, language, locale_root

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog


def read_catalogue(code: str, domain: str) -> Catalog:
    """Every entry of the language's ``.po`` files for ``domain``, merged: a merged catalogue keeps the
    first file's translation of a text, so no two files may disagree (tests/unit/test_catalogue_agreement.py).
    Babel is imported here, not at start-up (60 ms an English session never needs)."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    if domain not in DOMAINS:
        raise ValueError(f"unknown catalogue domain {domain!r}")
    merged = Catalog(locale=language(code).locale, domain=domain)
    for po in sorted((locale_root() / code / domain).glob("*.po")):
        with po.open("rb") as fp:
            catalogue = read_po(fp, locale=language(code).locale, domain=domain)
        # The .po's own plural rule (gettext's two forms for Spanish), not CLDR's (three for es):
        # a plural entry has as many forms as its file's rule, and gettext picks by the merged rule.
        merged.mime_headers = [("Plural-Forms", catalogue.plural_forms)]
        for message in catalogue:
            if message.id and _translated(message.string) and not message.fuzzy:
                merged.add(message.id, message.string, context=message.context)
    return merged


def _translated(string: str | tuple[str, ...] | list[str] | None) -> bool:
    """An entry counts once every form is filled in (a plural entry has one per form)."""
    if isinstance(string, tuple | list):
        return all(string)
    return bool(string)


@cache
def translation(code: str, domain: str) -> gettext.NullTranslations:
    """The gettext translation of ``domain`` into language ``code`` (identity for English)."""
    if code == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo

    buffer = BytesIO()
    write_mo(buffer, read_catalogue(code, domain))
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)
