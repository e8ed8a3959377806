from datetime import date, timedelta

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


def test_holiday_cache_gives_the_same_days_as_the_package_and_survives_a_restart(tmp_path, monkeypatch):
    from ln_scheduler.domain.site_calendar import us_federal_holidays

    first = HolidayCache(tmp_path)
    assert dict(first(2028)) == us_federal_holidays(2028)
    assert (tmp_path / "us-holidays.json").exists()

    def not_again(year: int) -> None:
        raise AssertionError(f"{year} was computed again instead of read from the cache file")

    monkeypatch.setattr("ln_scheduler.holiday_cache.us_federal_holidays", not_again)
    again = HolidayCache(tmp_path)  # a restart: the year comes from the file
    assert again(2028)[date(2028, 12, 25)] == "Christmas Day"
    assert dict(again(2028)) == dict(first(2028))


def test_holiday_cache_ignores_a_corrupt_file(tmp_path):
    (tmp_path / "us-holidays.json").write_text("{not json")
    assert date(2027, 1, 1) in HolidayCache(tmp_path)(2027)


@pytest.mark.parametrize(("observed", "holiday"), [(date(2026, 7, 3), "Independence Day"),
                                                   (date(2027, 12, 24), "Christmas Day")])
def test_a_saturday_holiday_closes_the_friday_before(observed: date, holiday: str) -> None:
    cal = SiteCalendar.parse_rules("weekends,us-holidays")
    assert observed.weekday() == 4
    assert not cal.is_open(observed)
    assert holiday in (cal.closure_reason(observed) or "")
    assert cal.is_open(observed - timedelta(days=1))


def test_a_visit_whose_target_is_an_observed_friday_holiday_moves_to_the_nearest_open_day() -> None:
    from ln_scheduler.domain.protocol_loader import load_default_protocol
    from ln_scheduler.domain.schedule import Anchors, plan_schedule

    protocol = load_default_protocol()
    infusion = date(2026, 4, 3)  # Month 3 falls on Friday 2026-07-03, Independence Day observed
    schedule = plan_schedule(protocol, Anchors(infusion - timedelta(days=5), infusion),
                             SiteCalendar.parse_rules("weekends,us-holidays"))
    m3 = next(v for v in schedule.visits if v.code == "M3")
    assert m3.target == date(2026, 7, 3)
    assert m3.scheduled == date(2026, 7, 2), "Thursday is one day away, Monday three"
    assert not m3.closed_day
