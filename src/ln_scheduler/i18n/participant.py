"""What a participant takes home, in the participant's language: the ``take_home`` catalogue and
dates written as a reader of that language expects (``lunes, 1 de febrero de 2027``), by Babel
from CLDR data, never hand-written month names. Passed explicitly (not process-wide), so one
process prints an English and a Spanish schedule side by side."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from .catalogues import translation
from .languages import Language, language, parse_language


@dataclass(frozen=True)
class ParticipantTexts:
    """The take-home words and dates of one language."""

    language: Language

    def gettext(self, message: str) -> str:
        return translation(self.language.code, "take_home").gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return translation(self.language.code, "take_home").ngettext(singular, plural, n)

    def long_date(self, d: date) -> str:
        """``Monday, February 1, 2027`` / ``lunes, 1 de febrero de 2027``."""
        from babel.dates import format_date

        return format_date(d, "full", locale=self.language.locale)

    def month_day(self, d: date) -> str:
        """``February 1`` / ``1 de febrero``."""
        from babel.dates import format_skeleton

        return format_skeleton("MMMMd", d, locale=self.language.locale)

    def date_range(self, first: date, last: date) -> str:
        """``July 17 – August 14, 2027`` / ``17 de julio – 14 de agosto de 2027``."""
        from babel.dates import format_interval

        return format_interval(first, last, "yMMMMd", locale=self.language.locale)

    def clock(self, t: time) -> str:
        """``9:30 AM`` / ``9:30 a.m.``."""
        from babel.dates import format_time

        return format_time(t, "short", locale=self.language.locale)


def participant_texts(code: str) -> ParticipantTexts:
    """The take-home texts of language ``code`` (``es``, ``ES``, ``es_MX``...)."""
    return ParticipantTexts(language(parse_language(code)))
