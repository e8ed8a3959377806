"""The take-home's dates, times and dose ordinals in the participant's language (Babel, CLDR)."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from ln_scheduler.dose_wording import ordinal
from ln_scheduler.i18n import participant_texts


@pytest.mark.parametrize(("code", "expected"), [
    ("en", ("February 1", "Monday, February 1, 2027", "December 31, 2027", "9:30 AM", "12:05 PM",
            "20-Jan-2027 14:32", "second", "12th")),
    ("es", ("1 de febrero", "lunes, 1 de febrero de 2027", "31 de diciembre de 2027", "9:30 a.m.", "12:05 p.m.",
            "20-ene-2027 14:32", "segunda", "12.ª")),
])
def test_dates_times_and_ordinals(code, expected):
    t = participant_texts(code)
    assert (t.month_day(date(2027, 2, 1)), t.long_date(date(2027, 2, 1)), t.long_day(date(2027, 12, 31)),
            t.clock(time(9, 30)), t.clock(time(12, 5)), t.stamp(datetime(2027, 1, 20, 14, 32)),
            t.ordinal(2), t.ordinal(12)) == expected


def test_dose_ordinals_default_to_english_and_follow_the_texts_given():
    assert [ordinal(n) for n in (1, 2, 3)] == ["first", "second", "third"]
    assert [ordinal(n, participant_texts("es")) for n in (1, 2, 3, 10)] == ["primera", "segunda", "tercera",
                                                                            "décima"]
