"""Which languages the application speaks: English (the source language of every text) and each
language with a catalogue folder in ``resources/locale``. Found on disk, so adding a language adds
no code."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

#: The language every text is written in; it needs no catalogue.
SOURCE_LANGUAGE = "en"
#: The locale dates are written in for the source language (US sites).
SOURCE_LOCALE = "en_US"
DOMAINS = ("interface", "take_home")


class UnknownLanguage(ValueError):
    """A language code the application has no catalogue for; the message lists the choices, worded
    when shown (in the interface language then, see :func:`word_refusals_with`)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text

    def __str__(self) -> str:
        return _describe_unknown(self.text)


@dataclass(frozen=True)
class Language:
    """One language: its code (``es``), the Babel locale its dates are written in (``es_US``: the
    ``Language`` header of its catalogues), and its name in English and in itself. The names are
    Babel's CLDR data, read when first asked for: listing the languages (every CLI start builds
    its ``--language`` help) must not load Babel for an English command that never names one."""

    code: str
    locale: str

    @property
    def english_name(self) -> str:
        return _names(self.code)[0]

    @property
    def native_name(self) -> str:
        return _names(self.code)[1]

    @property
    def label(self) -> str:
        """How a language is offered in a list, readable by both readers: its own name, then its name
        in the window's language (``Español (Spanish)`` in English, ``English (inglés)`` in Spanish:
        the Spanish window offered "English" beside a header saying "en inglés")."""
        reader = current_interface()
        theirs = self.english_name if reader == SOURCE_LANGUAGE else _name_in(self.code, reader)
        if self.native_name.casefold() == theirs.casefold():
            return self.native_name
        return f"{self.native_name} ({theirs})"


def locale_root() -> Path:
    """``resources/locale`` of the installed package (a folder in a frozen bundle too)."""
    return Path(str(resources.files("ln_scheduler").joinpath("resources", "locale")))


def _catalogue_locale(folder: Path) -> str:
    """The ``Language:`` header of the first catalogue in the folder (``es_US``), else the code."""
    for po in sorted(folder.glob("*/*.po")):
        for line in po.read_text(encoding="utf-8").splitlines()[:40]:
            if line.startswith('"Language: '):
                return line.removeprefix('"Language: ').split("\\n", 1)[0].strip() or folder.name
    return folder.name


@cache
def _names(code: str) -> tuple[str, str]:
    """(English name, native name) of language ``code``, capitalised for a list."""
    from babel import Locale, UnknownLocaleError  # Babel's data: loaded when a language is named

    try:
        parsed = Locale.parse(code)
        native = parsed.get_display_name(code) or code
        english = parsed.get_display_name("en") or code
    except (ValueError, UnknownLocaleError):
        native = english = code
    return english[:1].upper() + english[1:], native[:1].upper() + native[1:]


#: The interface language (``interface.use_language`` sets it, ``interface.interface_language``
#: reads it): kept here, where each language's label is made in it.
_interface = [SOURCE_LANGUAGE]


def set_interface(code: str) -> None:
    _interface[0] = code


def current_interface() -> str:
    return _interface[0]


@cache
def _name_in(code: str, reader: str) -> str:
    """Language ``code``'s name in language ``reader`` (lower case where that language writes it so:
    "inglés"), from Babel's CLDR data; the English name if Babel has none."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code).get_display_name(reader) or _names(code)[0]
    except (ValueError, UnknownLocaleError):
        return _names(code)[0]


@cache
def available_languages() -> tuple[Language, ...]:
    """English first, then every language with a catalogue folder, by code."""
    found = [Language(SOURCE_LANGUAGE, SOURCE_LOCALE)]
    root = locale_root()
    if root.is_dir():
        found += [Language(d.name, _catalogue_locale(d)) for d in sorted(root.iterdir())
                  if d.is_dir() and d.name != SOURCE_LANGUAGE and any(d.glob("*/*.po"))]
    return tuple(found)


def language(code: str) -> Language:
    """The :class:`Language` of a code already checked (:func:`parse_language`)."""
    for lang in available_languages():
        if lang.code == code:
            return lang
    raise UnknownLanguage(code)


def parse_language(text: str) -> str:
    """The code of a language the application has, from what a user typed (``es``, ``ES``,
    ``es_MX``, ``es-US`` all mean Spanish); :class:`UnknownLanguage` with the choices otherwise."""
    code = text.strip().replace("-", "_").split("_", 1)[0].casefold()
    if any(lang.code == code for lang in available_languages()):
        return code
    raise UnknownLanguage(text)


def _english_unknown(text: str) -> str:
    choices = ", ".join(f"{lang.code} ({lang.english_name})" for lang in available_languages())
    return f"unknown language '{text.strip()}': choose one of {choices}"


#: How a refusal is worded: English until ``interface`` (which imports this module, so this one
#: never imports it back: no cycle) installs the wording in the interface language.
_describe_unknown: Callable[[str], str] = _english_unknown


def word_refusals_with(describe: Callable[[str], str]) -> None:
    """Word :class:`UnknownLanguage` refusals with ``describe(text)`` from now on."""
    global _describe_unknown
    _describe_unknown = describe


def name_for(lang: Language, reader: str) -> str:
    """``lang``'s name mid-sentence for a reader of language ``reader``."""
    return _name_for(lang, reader)


def _name_for(lang: Language, reader: str) -> str:
    """``lang``'s name mid-sentence for a reader of language ``reader``."""
    if reader == SOURCE_LANGUAGE:
        return lang.english_name
    from babel import Locale

    return Locale.parse(lang.code).get_display_name(language(reader).locale) or lang.english_name
