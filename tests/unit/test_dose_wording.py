"""One wording of cohorts and doses for every edge (worksheets, schedules, calendar files, GUI)."""

from __future__ import annotations

import pytest

from ln_scheduler.domain.protocol_loader import newest_shipped_protocol, shipped_protocols
from ln_scheduler.dose_wording import cohort_view, dose_count, dose_of, dose_text, name_with_dose, ordinal


@pytest.mark.parametrize(("name", "number", "expected"), [
    ("Day 8: TAK-007 dose 2", 2, "Day 8: TAK-007 dose 2"),  # the protocol's name says it already
    ("Day 8", 2, "Day 8 (dose 2)"),
    ("Day 8: TAK-007 dose 3", 2, "Day 8: TAK-007 dose 3 (dose 2)"),  # a name saying another dose is not trusted
    ("Day 1: TAK-007 infusion", 1, "Day 1: TAK-007 infusion"),  # dose 1 is Day 1 in every cohort
    ("Day 9", None, "Day 9"),
])
def test_a_visit_name_carries_its_dose_number_once(name, number, expected):
    assert name_with_dose(name, number) == expected


def test_doses_are_counted_in_words_and_numbers():
    assert [ordinal(n) for n in (1, 2, 3)] == ["first", "second", "third"]
    assert ordinal(12) == "12th"
    assert dose_text(2, 3) == "Dose 2 of 3"


def test_the_cohort_view_is_derived_once_and_only_when_needed():
    v2 = newest_shipped_protocol()
    assert cohort_view(v2, "LN") is v2 and cohort_view(v2, None) is v2
    ssc = cohort_view(v2, "SSC-1B")
    assert ssc.cohort_code == "SSC-1B" and cohort_view(ssc, "SSC-1B") is ssc
    assert dose_count(ssc) == 3 and dose_count(v2) == 1
    assert [dose_of(ssc, c) for c in ("D1", "D8", "D9", "D15", "M2")] == [1, 2, None, 3, None]
    assert dose_of(v2, "D8") is None  # LN has no Day 8


def test_a_version_1_0_protocol_is_its_own_ln_view():
    v1 = shipped_protocols()[0]
    assert cohort_view(v1, "LN") is v1
    assert dose_of(v1, "D1") == 1
