"""Which languages the application speaks: English (the source language of every text) and each
language with a catalogue folder in ``resources/locale``. Found on disk, so adding a language adds
no code."""

from __future__ import annotations

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
    """A language code the application has no catalogue for; the message lists the choices."""


@dataclass(frozen=True)
class Language:
    """One language: its code (``es``) and the Babel locale its dates are written in (``es_US``:
    the ``Language`` header of its catalogues); its names in English and in itself are looked up
    when first asked (Babel's data: an English start never loads Babel, ~0.1-0.3 s)."""

    code: str
    locale: str

    @property
    def english_name(self) -> str:
        """``Spanish``."""
        return _names(self.code)[0]

    @property
    def native_name(self) -> str:
        """``Español``."""
        return _names(self.code)[1]

    @property
    def label(self) -> str:
        """``Español (Spanish)``: how a language is offered in a list, readable by both readers."""
        if self.native_name.casefold() == self.english_name.casefold():
            return self.native_name
        return f"{self.native_name} ({self.english_name})"


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
    """A language's name in English and in itself, capitalized (``Spanish``, ``Español``)."""
    from babel import Locale, UnknownLocaleError  # Babel's data: loaded when a language is named

    try:
        parsed = Locale.parse(code)
        native = parsed.get_display_name(code) or code
        english = parsed.get_display_name("en") or code
    except (ValueError, UnknownLocaleError):
        native = english = code
    return english[:1].upper() + english[1:], native[:1].upper() + native[1:]


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
    raise UnknownLanguage(_unknown(code))


def parse_language(text: str) -> str:
    """The code of a language the application has, from what a user typed (``es``, ``ES``,
    ``es_MX``, ``es-US`` all mean Spanish); :class:`UnknownLanguage` with the choices otherwise."""
    code = text.strip().replace("-", "_").split("_", 1)[0].casefold()
    if any(lang.code == code for lang in available_languages()):
        return code
    raise UnknownLanguage(_unknown(text))


def _unknown(text: str) -> str:
    choices = ", ".join(f"{lang.code} ({lang.english_name})" for lang in available_languages())
    return f"unknown language {text.strip()!r}: choose one of {choices}"
