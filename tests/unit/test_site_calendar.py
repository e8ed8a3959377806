from datetime import date

import pytest

from ln_scheduler.domain.errors import DomainError
from ln_scheduler.domain.site_calendar import SiteCalendar
from ln_scheduler.holiday_cache import HolidayCache


def test_default_rules_close_weekends_and_us_federal_holidays():
    cal = SiteCalendar.parse_rules("weekends,us-holidays")
    assert cal.closure_reason(date(2027, 1, 30)) == "Saturday"
    assert cal.closure_reason(date(2027, 11, 25)) == "Thanksgiving Day"
    assert cal.is_open(date(2027, 11, 24))


def test_observed_holiday_closes_the_weekday():
    # Independence Day 2027 is a Sunday; the federal holiday is observed on Monday July 5.
    cal = SiteCalendar.parse_rules("us-holidays")
    assert not cal.is_open(date(2027, 7, 5))
    assert cal.is_open(date(2027, 7, 3))  # a Saturday, weekends not closed by this rule set


def test_none_opens_every_day_but_site_closures():
    cal = SiteCalendar.parse_rules("none", [date(2027, 3, 3)])
    assert cal.is_open(date(2027, 12, 25))
    assert cal.closure_reason(date(2027, 3, 3)) == "site closure"


def test_unknown_rule_is_refused_with_the_allowed_ones():
    with pytest.raises(DomainError, match=r"unknown closure rule 'weekend'.*weekends, us-holidays"):
        SiteCalendar.parse_rules("weekend")


def test_holiday_cache_gives_the_same_days_as_the_package_and_survives_a_restart(tmp_path):
    from ln_scheduler.domain.site_calendar import us_federal_holidays

    first = HolidayCache(tmp_path)
    assert dict(first(2028)) == us_federal_holidays(2028)
    assert (tmp_path / "us-holidays.json").exists()
    again = HolidayCache(tmp_path)
    assert "2028" in again._years
    assert again(2028)[date(2028, 12, 25)] == "Christmas Day"


def test_holiday_cache_ignores_a_corrupt_file(tmp_path):
    (tmp_path / "us-holidays.json").write_text("{not json")
    assert date(2027, 1, 1) in HolidayCache(tmp_path)(2027)
