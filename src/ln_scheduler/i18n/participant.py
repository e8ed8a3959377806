"""What a participant takes home, in the participant's language: the ``take_home`` catalogue and
dates written as a reader of that language expects (``lunes, 1 de febrero de 2027``), by Babel
from CLDR data, never hand-written month names. Passed explicitly (not process-wide), so one
process prints an English and a Spanish schedule side by side."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from babel.dates import format_date, format_datetime, format_interval, format_skeleton, format_time

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

    def pgettext(self, context: str, message: str) -> str:
        """``message`` as used in ``context`` (``dose``: Spanish ordinals agree with *la dosis*)."""
        return translation(self.language.code, "take_home").pgettext(context, message)

    def ordinal(self, number: int) -> str:
        """``second`` / ``segunda``: how the take-home counts doses (no digits to misread in large
        type). Written out here, not in a table, so that the extractor finds every word."""
        words = (self.pgettext("dose", "first"), self.pgettext("dose", "second"), self.pgettext("dose", "third"),
                 self.pgettext("dose", "fourth"), self.pgettext("dose", "fifth"), self.pgettext("dose", "sixth"),
                 self.pgettext("dose", "seventh"), self.pgettext("dose", "eighth"),
                 self.pgettext("dose", "ninth"), self.pgettext("dose", "tenth"))
        if 1 <= number <= len(words):
            return words[number - 1]
        return self.pgettext("dose", "{number}th").format(number=number)

    @property
    def bcp47(self) -> str:
        """``es-US``: the language a PDF declares (screen readers choose their voice from it)."""
        return self.language.locale.replace("_", "-")

    def long_date(self, d: date) -> str:
        """``Monday, February 1, 2027`` / ``lunes, 1 de febrero de 2027``."""
        return format_date(d, "full", locale=self.language.locale)

    def month_day(self, d: date) -> str:
        """``February 1`` / ``1 de febrero`` (a skeleton: ``MMMMd`` as a pattern reads ``February1``)."""
        return format_skeleton("MMMMd", d, locale=self.language.locale)

    def long_day(self, d: date) -> str:
        """``February 1, 2027`` / ``1 de febrero de 2027`` (no weekday)."""
        return format_date(d, "long", locale=self.language.locale)

    def stamp(self, at: datetime) -> str:
        """``01-Feb-2027 14:32`` / ``01-feb-2027 14:32``: when a page was printed, written as on the
        staff's paper (no reader misreads it), with the month in the reader's language."""
        return format_datetime(at, "dd-MMM-y HH:mm", locale=self.language.locale)

    def date_range(self, first: date, last: date) -> str:
        """``July 17 – August 14, 2027`` / ``17 de julio – 14 de agosto de 2027``."""
        return format_interval(first, last, "yMMMMd", locale=self.language.locale)

    def clock(self, t: time) -> str:
        """``9:30 AM`` / ``9:30 a.m.``; CLDR's narrow no-break space before AM is made a plain one, as
        every schedule printed so far has it (and not every font has that glyph)."""
        return format_time(t, "short", locale=self.language.locale).replace("\u202f", " ")


def participant_texts(code: str) -> ParticipantTexts:
    """The take-home texts of language ``code`` (``es``, ``ES``, ``es_MX``...)."""
    return ParticipantTexts(language(parse_language(code)))
