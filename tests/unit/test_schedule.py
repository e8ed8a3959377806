"""The schedule rules, checked against the worked example of the protocol and the date edges."""

from datetime import date, timedelta

import pytest

from ln_scheduler.domain.errors import ScheduleError
from ln_scheduler.domain.protocol_loader import load_default_protocol, shipped_protocols
from ln_scheduler.domain.schedule import (
    Anchors,
    Window,
    check_infusion,
    conditioning_start_range,
    earliest_infusion,
    plan_event_visit,
    plan_schedule,
    suggest_date,
)
from ln_scheduler.domain.site_calendar import SiteCalendar

PROTOCOL = load_default_protocol()
WEEKENDS = SiteCalendar(us_holidays=False)
NO_CLOSURES = SiteCalendar(closed_weekdays=frozenset(), us_holidays=False)
C1 = date(2027, 1, 26)

# The worked example of SCHEDULE.md: code, study day, target, earliest, latest, scheduled.
WORKED_EXAMPLE = """
SCR -12 2027-01-19 2026-12-27 2027-01-25 2027-01-19
LD1 -5 2027-01-26 2027-01-26 2027-01-26 2027-01-26
LD2 -4 2027-01-27 2027-01-27 2027-01-27 2027-01-27
LD3 -3 2027-01-28 2027-01-28 2027-01-28 2027-01-28
D1 1 2027-01-31 2027-01-31 2027-01-31 2027-01-31
D2 2 2027-02-01 2027-02-01 2027-02-01 2027-02-01
D3 3 2027-02-02 2027-02-02 2027-02-02 2027-02-02
D4 4 2027-02-03 2027-02-03 2027-02-03 2027-02-03
D7 7 2027-02-06 2027-02-05 2027-02-07 2027-02-05
D10 10 2027-02-09 2027-02-08 2027-02-10 2027-02-09
D14 14 2027-02-13 2027-02-11 2027-02-15 2027-02-12
D21 21 2027-02-20 2027-02-18 2027-02-22 2027-02-19
D30 30 2027-03-01 2027-03-01 2027-03-04 2027-03-01
M2 60 2027-03-31 2027-03-24 2027-04-07 2027-03-31
M3 90 2027-04-30 2027-04-23 2027-05-07 2027-04-30
M4 121 2027-05-31 2027-05-24 2027-06-07 2027-05-31
M6 182 2027-07-31 2027-07-17 2027-08-14 2027-07-30
M9 274 2027-10-31 2027-10-17 2027-11-14 2027-11-01
M12 366 2028-01-31 2028-01-17 2028-02-14 2028-01-31
M15 456 2028-04-30 2028-03-31 2028-05-30 2028-05-01
M18 548 2028-07-31 2028-07-01 2028-08-30 2028-07-31
M21 640 2028-10-31 2028-10-01 2028-11-30 2028-10-31
M24 732 2029-01-31 2029-01-01 2029-03-02 2029-01-31
"""


def _rows():
    for line in WORKED_EXAMPLE.strip().splitlines():
        code, day, *dates = line.split()
        yield code, int(day), *(date.fromisoformat(d) for d in dates)


@pytest.mark.parametrize(("protocol", "cohort"), [
    (shipped_protocols()[0], "LN"), (PROTOCOL, "LN"), (PROTOCOL, "SSC-1A")], ids=["1.0-LN", "2.0-LN", "2.0-SSC-1A"])
def test_worked_example_matches_the_protocol_row_for_row(protocol, cohort):
    """SCHEDULE.md's table, in version 1.0 and in both one-dose cohorts of 2.0 (SCHEDULE-v2.md: same dates)."""
    schedule = plan_schedule(protocol.for_cohort(cohort), Anchors(C1), WEEKENDS)
    got = [(v.code, v.study_day, v.target, v.earliest, v.latest, v.scheduled) for v in schedule.visits]
    assert got == list(_rows())
    assert schedule.cohort == cohort


def test_worked_example_flags_the_sunday_infusion_and_nothing_else():
    schedule = plan_schedule(PROTOCOL, Anchors(C1), WEEKENDS)
    assert [v.code for v in schedule.visits if v.closed_day] == ["D1"]
    assert any("D1 2027-01-31 (Sunday)" in w for w in schedule.warnings)


def test_infusion_slip_moves_every_d1_visit_and_no_conditioning_visit():
    before = plan_schedule(PROTOCOL, Anchors(C1), WEEKENDS)
    after = plan_schedule(PROTOCOL, Anchors(C1, date(2027, 2, 3)), WEEKENDS)
    by_code = {v.code: v for v in after.visits}
    assert by_code["SCR"].study_day == -15
    assert [by_code[c].study_day for c in ("LD1", "LD2", "LD3")] == [-8, -7, -6]
    for code in ("SCR", "LD1", "LD2", "LD3"):
        assert by_code[code].target == before.visit(code).target
    assert by_code["D1"].target == date(2027, 2, 3)
    assert by_code["D7"].target == date(2027, 2, 9)
    assert by_code["M24"].target == date(2029, 2, 3)
    for v in after.visits:
        if v.anchor.value == "D1":
            assert v.target > before.visit(v.code).target


@pytest.mark.parametrize(
    ("infusion", "month1", "month2", "month12"),
    [
        (date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 31), date(2028, 1, 31)),
        (date(2028, 1, 31), date(2028, 2, 29), date(2028, 3, 31), date(2029, 1, 31)),  # leap year
        (date(2028, 2, 29), date(2028, 3, 29), date(2028, 4, 29), date(2029, 2, 28)),  # leap day
        (date(2027, 8, 31), date(2027, 9, 30), date(2027, 10, 31), date(2028, 8, 31)),
    ],
)
def test_month_visits_use_calendar_months_clipped_at_month_end(infusion, month1, month2, month12):
    from dateutil.relativedelta import relativedelta

    assert infusion + relativedelta(months=1) == month1  # the rule the protocol states
    schedule = plan_schedule(PROTOCOL, Anchors(infusion - timedelta(days=5), infusion), NO_CLOSURES)
    assert schedule.visit("M2").target == month2
    assert schedule.visit("M12").target == month12


def test_infusion_needs_two_full_days_after_the_last_conditioning_day():
    ld3 = C1 + timedelta(days=2)
    assert earliest_infusion(PROTOCOL, C1) == ld3 + timedelta(days=3)
    with pytest.raises(ScheduleError, match=r"at least 2 full days, so 2027-01-31 or later"):
        check_infusion(PROTOCOL, C1, ld3 + timedelta(days=2))
    assert check_infusion(PROTOCOL, C1, ld3 + timedelta(days=3)) == ()
    with pytest.raises(ScheduleError):
        plan_schedule(PROTOCOL, Anchors(C1, C1), WEEKENDS)


def test_infusion_more_than_seven_days_late_is_accepted_with_a_warning():
    planned = C1 + timedelta(days=5)
    assert check_infusion(PROTOCOL, C1, planned + timedelta(days=7)) == ()
    (warning,) = check_infusion(PROTOCOL, C1, planned + timedelta(days=8))
    assert "8 days after its planned date" in warning and "repeated" in warning
    schedule = plan_schedule(PROTOCOL, Anchors(C1, planned + timedelta(days=8)), NO_CLOSURES)
    assert any("conditioning to be repeated" in w for w in schedule.warnings)


def test_conditioning_start_after_screening_is_within_30_days():
    assert conditioning_start_range(PROTOCOL, date(2027, 1, 1)) == (date(2027, 1, 2), date(2027, 1, 31))


def test_closed_target_moves_to_the_nearest_open_day_earlier_on_a_tie():
    # Target Saturday 2027-02-13, window Thu..Mon: Friday (1 day) beats Monday (2 days).
    w = Window.around(date(2027, 2, 13), 2, 2)
    assert suggest_date(w, WEEKENDS) == (date(2027, 2, 12), False)
    # Target Sunday, window Sat..Mon: Saturday closed, Monday open -> Monday.
    w = Window.around(date(2027, 2, 14), 1, 1)
    assert suggest_date(w, WEEKENDS) == (date(2027, 2, 15), False)
    # A tie: target closed on a Wednesday by the site, Tuesday and Thursday both open -> Tuesday.
    closed = SiteCalendar(us_holidays=False, closed_dates=frozenset({date(2027, 2, 10)}))
    assert suggest_date(Window.around(date(2027, 2, 10), 1, 1), closed) == (date(2027, 2, 9), False)


def test_window_edges_are_used_when_only_they_are_open():
    target = date(2027, 3, 10)
    w = Window.around(target, 3, 3)
    only_first = SiteCalendar(closed_weekdays=frozenset(), us_holidays=False,
                              closed_dates=frozenset(target + timedelta(days=i) for i in range(-2, 4)))
    assert suggest_date(w, only_first) == (w.earliest, False)
    only_last = SiteCalendar(closed_weekdays=frozenset(), us_holidays=False,
                             closed_dates=frozenset(target + timedelta(days=i) for i in range(-3, 3)))
    assert suggest_date(w, only_last) == (w.latest, False)


def test_no_open_day_in_the_window_keeps_the_target_flagged():
    everything_closed = SiteCalendar(closed_weekdays=frozenset(range(7)), us_holidays=False)
    assert suggest_date(Window.around(date(2027, 3, 10), 2, 2), everything_closed) == (date(2027, 3, 10), True)


def test_us_holidays_move_visits_with_a_window():
    # Month 4 of the worked example falls on Memorial Day 2027-05-31: next open day is Tuesday.
    schedule = plan_schedule(PROTOCOL, Anchors(C1), SiteCalendar())
    m4 = schedule.visit("M4")
    assert m4.target == date(2027, 5, 31)
    assert m4.scheduled == date(2027, 6, 1)


def test_site_closure_dates_are_respected():
    closures = SiteCalendar(us_holidays=False, closed_dates=frozenset({date(2027, 3, 31)}))
    m2 = plan_schedule(PROTOCOL, Anchors(C1), closures).visit("M2")
    assert m2.scheduled == date(2027, 3, 30)


def test_visits_come_in_date_order_and_every_scheduled_date_is_in_its_window():
    schedule = plan_schedule(PROTOCOL, Anchors(C1), SiteCalendar())
    targets = [v.target for v in schedule.visits]
    assert targets == sorted(targets)
    for v in schedule.visits:
        assert v.earliest <= v.scheduled <= v.latest


def test_event_visits_are_dated_on_the_event():
    et = plan_event_visit(PROTOCOL, "ET", date(2027, 6, 19), date(2027, 1, 31), WEEKENDS)
    assert (et.target, et.earliest, et.latest) == (date(2027, 6, 19), date(2027, 6, 19), date(2027, 7, 19))
    assert et.scheduled == date(2027, 6, 21)  # Saturday -> next open day in window
    assert et.study_day == 140
    assert et.procedures == PROTOCOL.visit("M24").procedures


def test_a_window_visit_with_no_open_day_is_warned_of_as_such_not_as_a_fixed_day_visit():
    """Seen in a walk: infusion 2027-02-08 puts D7 (window 1/1) on Sunday 02-14, between Saturday and
    Presidents' Day: the warning said "fixed-day visits fall on days the site is closed: D7"; D7 is
    not a fixed-day visit, it has no open day in its window (SCHEDULE.md keeps the two apart)."""
    us = SiteCalendar()
    s = plan_schedule(PROTOCOL, Anchors(date(2027, 1, 26), date(2027, 2, 8)), us)
    d7 = next(p for p in s.visits if p.code == "D7")
    assert (d7.earliest, d7.target, d7.latest, d7.closed_day) == (
        date(2027, 2, 13), date(2027, 2, 14), date(2027, 2, 15), True)
    fixed = [w for w in s.warnings if w.startswith("fixed-day visits")]
    assert all("D7" not in w for w in fixed), s.warnings
    assert ("visits with no open day in their window are kept on their target day, which is closed: D7 2027-02-14 "
            "(Sunday; window 2027-02-13 to 2027-02-15)") in s.warnings
