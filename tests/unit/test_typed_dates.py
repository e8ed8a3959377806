"""Dates typed by people: only real dates, the documented shorthand, and a message that says
exactly what is wrong (Qt's date edits once turned 2026-02-30 into 2026-02-03)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ln_scheduler.domain.dates import EARLIEST_SENSIBLE, LATEST_SENSIBLE, parse_typed_date, typed_in_full
from ln_scheduler.domain.errors import DomainError

TODAY = date(2027, 2, 10)  # a Wednesday


@pytest.mark.parametrize(("typed", "expected"), [
    ("2026-12-09", date(2026, 12, 9)),
    ("20261209", date(2026, 12, 9)),          # the compact form is the same date, not 2026-02-02
    ("2026-12-09 Wed", date(2026, 12, 9)),    # what a field shows reads back as itself
    ("2026-12-09 wednesday", date(2026, 12, 9)),
    (" 2026-2-3 ", date(2026, 2, 3)),
    ("2028-02-29", date(2028, 2, 29)),        # a leap day
    ("t", TODAY), ("Today", TODAY),
    ("+7", date(2027, 2, 17)), ("-10", date(2027, 1, 31)), ("+19", date(2027, 3, 1)),
])
def test_real_dates_and_the_documented_shorthand_are_read(typed, expected):
    assert parse_typed_date(typed, TODAY) == expected


@pytest.mark.parametrize(("typed", "whole"), [
    ("2027-02-12", True), ("20270212", True), ("2027-02-12 Fri", True), (" 2027-02-12 ", True),
    ("2027-02-1", False),   # February 1st, or on its way to the 12th
    ("2027-2-12", False), ("2027021", False), ("+1", False), ("t", False), ("", False),
])
def test_a_date_typed_in_full_is_told_from_one_on_its_way(typed, whole):
    """A date field acts at once on a date typed in full; the rest may be on its way to another."""
    assert typed_in_full(typed) is whole


@pytest.mark.parametrize(("typed", "says"), [
    ("2026-02-30", "February 2026 has 28 days"),
    ("20260230", "February 2026 has 28 days"),
    ("2027-02-29", "February 2027 has 28 days"),  # not a leap year
    ("2027-04-31", "April 2027 has 30 days"),
    ("2026-13-01", "there is no month 13"),
    ("2026-00-10", "there is no month 0"),
    ("2026-12-00", "there is no day 0: December 2026 has days 1 to 31"),  # a walk read "has 31 days" as a riddle
    ("2026-11-0", "there is no day 0: November 2026 has days 1 to 30"),
    ("2026-12-09 Thu", "2026-12-09 is a Wednesday, not a Thursday"),
    ("261209", "is not a date"),
    ("2026/12/09", "is not a date"),
    ("12/09/2026", "is not a date"),
    ("0207-01-26", "outside any sensible range"),
    ("", "Enter a date"),
])
def test_anything_else_is_refused_with_what_is_wrong(typed, says):
    with pytest.raises(DomainError, match=says):
        parse_typed_date(typed, TODAY)


@given(st.dates(EARLIEST_SENSIBLE, LATEST_SENSIBLE))
def test_every_sensible_date_reads_back_in_both_written_forms(d):
    assert parse_typed_date(d.isoformat(), TODAY) == d
    assert parse_typed_date(d.strftime("%Y%m%d"), TODAY) == d
    assert parse_typed_date(f"{d.isoformat()} {d.strftime('%a')}", TODAY) == d


@pytest.mark.parametrize("typed", ["2026-12-09 mié", "2026-12-09 miércoles", "2026-12-09 mie.", "2026-12-09 Wed"])
def test_a_spanish_interface_reads_the_weekday_in_spanish_and_in_english(typed, spanish_interface):
    """A Spanish window shows "2026-12-09 mié" (and a Spanish system's strftime writes it): the field
    must read back what it shows, accented, and still take the English day."""
    assert parse_typed_date(typed, TODAY) == date(2026, 12, 9)


def test_a_wrong_weekday_is_refused_in_spanish(spanish_interface):
    with pytest.raises(DomainError, match=r"^2026-12-09 es miércoles, no jueves: corrija la fecha"):
        parse_typed_date("2026-12-09 jue", TODAY)
