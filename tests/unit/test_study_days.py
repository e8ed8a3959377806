from datetime import date, timedelta

import pytest

from ln_scheduler.domain.study_days import date_of_study_day, study_day

D1 = date(2027, 1, 31)


def test_infusion_day_is_day_1_and_the_day_before_is_day_minus_1():
    assert study_day(D1, D1) == 1
    assert study_day(D1 - timedelta(days=1), D1) == -1
    assert study_day(D1 + timedelta(days=1), D1) == 2


def test_no_date_has_study_day_zero():
    for offset in range(-40, 40):
        assert study_day(D1 + timedelta(days=offset), D1) != 0


def test_conditioning_days_are_minus_5_to_minus_3_at_the_planned_gap():
    c1 = D1 - timedelta(days=5)
    assert [study_day(c1 + timedelta(days=i), D1) for i in range(3)] == [-5, -4, -3]


def test_date_of_study_day_round_trips_and_refuses_day_zero():
    for day in (*range(-30, 0), *range(1, 800)):
        assert study_day(date_of_study_day(day, D1), D1) == day
    with pytest.raises(ValueError, match="no study day 0"):
        date_of_study_day(0, D1)


def test_study_day_across_a_leap_day():
    d1 = date(2028, 2, 28)
    assert study_day(date(2028, 3, 1), d1) == 3  # Feb 29 counts
