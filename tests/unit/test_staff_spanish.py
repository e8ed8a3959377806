"""Staff texts in Spanish: the interface catalogue's plural entries and the dates of staff PDFs
(DD-Mon-YYYY, the month in the interface language, by CLDR; English exactly as before)."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

import pytest

from ln_scheduler import i18n
from ln_scheduler.i18n.languages import locale_root
from ln_scheduler.reports.formatting import day_text, day_with_weekday, printed_text

ENGLISH_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@pytest.mark.parametrize(("n", "expected"), [(0, "0 páginas"), (1, "1 página"), (2, "2 páginas"), (21, "21 páginas")])
def test_a_spanish_plural_takes_the_catalogues_rule_not_cldrs(spanish_interface, n: int, expected: str) -> None:
    """CLDR gives Spanish three plural forms (1, millions, other); our catalogues have gettext's two.
    The merged catalogue must use the rule its .po files declare, else every plural reads English."""
    assert i18n.ngettext("{count} page", "{count} pages", n).format(count=n) == expected


@pytest.mark.parametrize("month", range(1, 13))
def test_english_staff_dates_are_written_as_before(month: int) -> None:
    """The clinical DD-Mon-YYYY of every month, first and last day, byte for byte what it was."""
    last = date(2028, month, calendar.monthrange(2028, month)[1])
    for d in (date(2027, month, 1), last):
        assert day_text(d) == f"{d.day:02d}-{ENGLISH_MONTHS[d.month - 1]}-{d.year}"


def test_english_weekday_and_printed_time_are_unchanged() -> None:
    assert day_with_weekday(date(2027, 1, 31)) == "Sun 31-Jan-2027"
    assert day_with_weekday(date(2028, 2, 29)) == "Tue 29-Feb-2028"  # leap day
    assert day_with_weekday(None) == "—"
    assert printed_text(datetime(2027, 12, 31, 23, 59)) == "31-Dec-2027 23:59"


@pytest.mark.parametrize(("d", "expected"), [
    (date(2027, 1, 31), "dom 31-ene-2027"),
    (date(2027, 9, 1), "mié 01-sep-2027"),  # es_US: 'sep', not the 'sept' of es_ES
    (date(2028, 2, 29), "mar 29-feb-2028"),
    (date(2027, 12, 31), "vie 31-dic-2027"),
    (date(2028, 1, 1), "sáb 01-ene-2028"),
])
def test_spanish_staff_dates_use_spanish_months_and_weekdays(spanish_interface, d: date, expected: str) -> None:
    assert day_with_weekday(d) == expected


def test_a_document_in_another_language_writes_its_own_months(spanish_interface) -> None:
    """The take-home footer passes the participant's language whatever the interface's."""
    assert day_text(date(2027, 8, 14), "en") == "14-Aug-2027"
    assert day_text(date(2027, 8, 14)) == "14-ago-2027"


PLACEHOLDER = re.compile(r"\{[^}]*\}|%\(\w+\)[sr]|%[sr]")


@pytest.mark.parametrize("area", ["cli", "reports"])
def test_every_translation_keeps_the_placeholders_of_its_english(area: str) -> None:
    """A renamed or dropped ``{id}`` would raise KeyError (or print a blank) only when that message shows."""
    from babel.messages.pofile import read_po

    path = locale_root() / "es" / "interface" / f"{area}.po"
    with path.open("rb") as fp:
        catalogue = read_po(fp)
    wrong = []
    for message in catalogue:
        if not message.id:
            continue
        english = message.id[-1] if isinstance(message.id, tuple) else message.id
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        wrong += [(english, form) for form in forms
                  if set(PLACEHOLDER.findall(form)) != set(PLACEHOLDER.findall(english))]
    assert len(catalogue) > 50
    assert not wrong
