from datetime import date, timedelta

from ln_scheduler.domain.conditioning import suggest_conditioning_starts
from ln_scheduler.domain.protocol_loader import load_default_protocol
from ln_scheduler.domain.site_calendar import SiteCalendar

PROTOCOL = load_default_protocol()


def _critical_days(start: date) -> list[date]:
    return [start + timedelta(days=i) for i in (0, 1, 2, 5, 6, 7, 8)]  # LD1-LD3, D1-D4


def test_with_weekends_closed_only_wednesdays_keep_conditioning_and_days_1_to_4_open():
    starts = suggest_conditioning_starts(PROTOCOL, SiteCalendar(us_holidays=False), date(2027, 1, 1), 6)
    assert len(starts) == 6
    assert {s.strftime("%A") for s in starts} == {"Wednesday"}
    assert starts[0] == date(2027, 1, 6)


def test_holidays_rule_out_starts_whose_critical_days_hit_one():
    cal = SiteCalendar()
    starts = suggest_conditioning_starts(PROTOCOL, cal, date(2026, 12, 20), 3)
    # Dec 23 (Christmas on LD3), Dec 30 (New Year on LD3) and Jan 13 (MLK Day on Day 1) are skipped.
    assert starts == [date(2027, 1, 6), date(2027, 1, 20), date(2027, 1, 27)]
    for s in starts:
        assert all(cal.is_open(d) for d in _critical_days(s))


def test_the_given_day_itself_can_be_suggested_and_count_is_honoured():
    open_always = SiteCalendar(closed_weekdays=frozenset(), us_holidays=False)
    assert suggest_conditioning_starts(PROTOCOL, open_always, date(2027, 5, 5), 3) == [
        date(2027, 5, 5), date(2027, 5, 6), date(2027, 5, 7),
    ]


def test_a_site_never_open_gets_no_suggestion_rather_than_a_hang():
    closed = SiteCalendar(closed_weekdays=frozenset(range(7)), us_holidays=False)
    assert suggest_conditioning_starts(PROTOCOL, closed, date(2027, 1, 1), 2) == []


def test_ssc_1b_also_keeps_its_later_dose_days_and_the_days_after_them_open():
    from ln_scheduler.domain.protocol_loader import newest_shipped_protocol

    ssc_1b = newest_shipped_protocol().for_cohort("SSC-1B")
    # Wed 2027-03-03: D1 = Mon 03-08, D8 = Mon 03-15 (dose 2), D9 = Tue 03-16, D15 = Mon 03-22 (dose 3),
    # D16 = Tue 03-23
    # (the next Wednesdays put D1 or D2, D8 or D9 on the same closed day, and are skipped too)
    for closed, first in ((15, 17), (16, 17), (22, 24), (23, 24)):
        cal = SiteCalendar(us_holidays=False, closed_dates=frozenset({date(2027, 3, closed)}))
        assert suggest_conditioning_starts(PROTOCOL, cal, date(2027, 3, 1), 1) == [date(2027, 3, 3)]
        assert suggest_conditioning_starts(ssc_1b, cal, date(2027, 3, 1), 1) == [date(2027, 3, first)], closed
    # D11 (Thu 03-18) has a window: closing its day does not rule the start out
    cal = SiteCalendar(us_holidays=False, closed_dates=frozenset({date(2027, 3, 18)}))
    assert suggest_conditioning_starts(ssc_1b, cal, date(2027, 3, 1), 1) == [date(2027, 3, 3)]
