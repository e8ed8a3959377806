"""The engine for several doses (SCHEDULE-v2.md): planned dose dates, re-anchoring on a recorded
dose, the minimum interval and the delay warning, "not given" cancelling visits, the DLT visit on
the last dose given, study days from dose 1; the worked example of SSC-1B, date for date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ln_scheduler.domain.doses import DoseDate, check_dose, check_not_given, dose_dates
from ln_scheduler.domain.errors import ScheduleError
from ln_scheduler.domain.protocol_loader import newest_shipped_protocol
from ln_scheduler.domain.schedule import Anchors, plan_schedule
from ln_scheduler.domain.site_calendar import SiteCalendar

V2 = newest_shipped_protocol()
SSC_1B = V2.for_cohort("SSC-1B")
WEEKENDS = SiteCalendar(us_holidays=False)
C1 = date(2027, 3, 1)  # Monday: the worked example
D1 = date(2027, 3, 6)


def _plan(**kw):
    return plan_schedule(SSC_1B, Anchors(C1, **kw), WEEKENDS)


def _one_line(exc: pytest.ExceptionInfo[ScheduleError]) -> str:
    message = str(exc.value)
    assert "\n" not in message
    return message


# --- the worked example ------------------------------------------------------------------------
def test_worked_example_every_dose_on_time():
    s = _plan()
    assert s.cohort == "SSC-1B" and s.protocol_version == "2.0"
    v = {p.code: p for p in s.visits}
    assert v["D1"].target == D1 and v["D1"].closed_day  # Saturday, a fixed day: kept and flagged
    assert v["D8"].target == date(2027, 3, 13) and v["D8"].closed_day and v["D8"].anchor_label == "X2"
    assert v["D15"].target == date(2027, 3, 20) and v["D15"].closed_day and v["D15"].anchor_label == "X3"
    d43 = v["D43"]
    assert (d43.target, d43.earliest, d43.latest, d43.scheduled) == (
        date(2027, 4, 17), date(2027, 4, 17), date(2027, 4, 20), date(2027, 4, 19))
    assert not d43.closed_day and d43.anchor_label == "LAST"
    assert v["M2"].target == date(2027, 5, 6)
    assert [(d.number, d.anchor_label, d.date, d.recorded, d.given) for d in s.doses] == [
        (1, "D1", D1, False, None), (2, "X2", date(2027, 3, 13), False, None),
        (3, "X3", date(2027, 3, 20), False, None)]
    assert [(p.code, p.dose_number) for p in s.visits if p.dose_number] == [("D1", 1), ("D8", 2), ("D15", 3)]
    assert "D8 2027-03-13 (Saturday)" in s.warnings[-1] and "D15 2027-03-20 (Saturday)" in s.warnings[-1]


def test_worked_example_dose_2_three_days_late_moves_only_what_hangs_on_it():
    on_time = {p.code: p for p in _plan(infusion=D1).visits}
    s = _plan(infusion=D1, doses={2: date(2027, 3, 16)})
    v = {p.code: p for p in s.visits}
    assert v["D8"].target == date(2027, 3, 16)
    assert v["D9"].target == date(2027, 3, 17)
    assert v["D11"].target == date(2027, 3, 19)
    assert v["D15"].target == date(2027, 3, 23)
    assert v["D43"].target == date(2027, 4, 20)
    for code in ("SCR", "LD1", "LD2", "LD3", "D1", "D2", "D3", "D4", "M2", "M3", "M6", "M12", "M24"):
        assert v[code] == on_time[code], code
    assert s.warnings == ("fixed-day visits fall on days the site is closed: D1 2027-03-06 (Saturday), "
                          "D2 2027-03-07 (Sunday)",)  # 3 days late: no delay warning
    assert s.doses[1] == DoseDate(2, "X2", date(2027, 3, 16), True, True, date(2027, 3, 13))
    assert s.doses[2] == DoseDate(3, "X3", date(2027, 3, 23), False, None, date(2027, 3, 23))


def test_worked_example_dose_2_six_days_after_dose_1_is_refused_naming_both_dates():
    with pytest.raises(ScheduleError) as refused:
        check_dose(SSC_1B, 2, date(2027, 3, 12), Anchors(C1, D1))
    assert _one_line(refused) == ("dose 2 (X2) on 2027-03-12 is too soon: it must be at least 7 days after "
                                  "dose 1 (D1) on 2027-03-06, so 2027-03-13 or later")
    with pytest.raises(ScheduleError, match="too soon"):
        _plan(infusion=D1, doses={2: date(2027, 3, 12)})


# --- intervals and delays ----------------------------------------------------------------------
def test_a_dose_exactly_the_minimum_after_the_previous_is_accepted():
    assert check_dose(SSC_1B, 2, date(2027, 3, 13), Anchors(C1, D1)) == ()
    assert check_dose(SSC_1B, 3, date(2027, 3, 20), Anchors(C1, D1, doses={2: date(2027, 3, 13)})) == ()


def test_a_dose_more_than_three_days_late_is_accepted_with_a_warning():
    assert check_dose(SSC_1B, 2, date(2027, 3, 16), Anchors(C1, D1)) == ()
    (warning,) = check_dose(SSC_1B, 2, date(2027, 3, 17), Anchors(C1, D1))
    assert warning == "dose 2 (X2) on 2027-03-17 is 4 days after its planned date 2027-03-13 (more than 3)"
    s = _plan(infusion=D1, doses={2: date(2027, 3, 17)})
    assert warning in s.warnings


def test_dose_3_is_planned_from_the_recorded_dose_2_and_its_interval_counts_from_it():
    anchors = Anchors(C1, D1, doses={2: date(2027, 3, 16)})
    assert dose_dates(SSC_1B, anchors)[2].date == date(2027, 3, 23)
    with pytest.raises(ScheduleError) as refused:
        check_dose(SSC_1B, 3, date(2027, 3, 22), anchors)
    assert "dose 3 (X3) on 2027-03-22 is too soon" in _one_line(refused) and "dose 2 (X2) on 2027-03-16" in str(
        refused.value)


def test_a_dose_before_the_previous_one_is_recorded_is_refused():
    with pytest.raises(ScheduleError) as refused:
        check_dose(SSC_1B, 3, date(2027, 3, 20), Anchors(C1, D1))
    assert _one_line(refused) == ("dose 3 (X3) on 2027-03-20 cannot be recorded before dose 2 (X2) (planned "
                                  "2027-03-13) is recorded")
    with pytest.raises(ScheduleError, match="cannot be recorded before dose 1 \\(D1\\) \\(planned 2027-03-06\\)"):
        check_dose(SSC_1B, 2, date(2027, 3, 13), Anchors(C1))


def test_a_dose_the_cohort_does_not_have_is_refused():
    with pytest.raises(ScheduleError, match="dose 2 on 2027-03-13 cannot be recorded: cohort SSC-1A is given 1 dose"):
        check_dose(V2.for_cohort("SSC-1A"), 2, date(2027, 3, 13), Anchors(C1, D1))
    with pytest.raises(ScheduleError, match="cohort SSC-1B is given 3 doses"):
        check_dose(SSC_1B, 4, date(2027, 3, 27), Anchors(C1, D1, doses={2: date(2027, 3, 13)}))


def test_correcting_dose_1_must_leave_the_interval_before_a_recorded_dose_2():
    anchors = Anchors(C1, D1, doses={2: date(2027, 3, 13)})
    with pytest.raises(ScheduleError) as refused:
        check_dose(SSC_1B, 1, date(2027, 3, 7), anchors)
    assert _one_line(refused) == ("dose 1 (D1) on 2027-03-07 leaves less than 7 days before dose 2 (X2) on "
                                  "2027-03-13: 2027-03-06 at the latest")
    assert check_dose(SSC_1B, 1, D1, anchors) == ()


def test_dose_1_keeps_the_infusion_rules():
    with pytest.raises(ScheduleError, match="infusion on 2027-03-05 is too soon"):
        check_dose(SSC_1B, 1, date(2027, 3, 5), Anchors(C1))


# --- not given -----------------------------------------------------------------------------------
def test_dose_3_not_given_cancels_its_visits_and_the_dlt_visit_moves_to_dose_2():
    s = _plan(infusion=D1, doses={2: date(2027, 3, 13)}, not_given_from=3)
    cancelled = [p.code for p in s.visits if p.cancelled]
    assert cancelled == ["D15", "D16", "D18", "D22", "D29"]
    d43 = s.visit("D43")
    assert d43.target == date(2027, 3, 13) + timedelta(days=28) and not d43.cancelled
    assert d43.study_day == 36  # study days count from dose 1 whatever the anchor
    assert s.doses[2].given is False and s.doses[2].date == date(2027, 3, 20)
    assert all("D15" not in w for w in s.warnings)  # a cancelled visit on a closed day is not warned about


def test_dose_2_not_given_cancels_dose_3_too_and_the_dlt_visit_anchors_on_dose_1():
    s = _plan(infusion=D1, not_given_from=2)
    assert [p.code for p in s.visits if p.cancelled] == ["D8", "D9", "D11", "D15", "D16", "D18", "D22", "D29"]
    assert s.visit("D43").target == D1 + timedelta(days=28)
    assert [d.given for d in s.doses] == [True, False, False]
    assert s.visit("M2").target == date(2027, 5, 6) and not s.visit("M2").cancelled


def test_not_given_refusals_are_one_line():
    with pytest.raises(ScheduleError) as refused:
        check_not_given(SSC_1B, 1, Anchors(C1, D1))
    assert "dose 1 (the infusion) cannot be recorded not given" in _one_line(refused)
    with pytest.raises(ScheduleError) as refused:
        check_not_given(SSC_1B, 2, Anchors(C1, D1, doses={2: date(2027, 3, 13)}))
    assert _one_line(refused) == ("dose 2 (X2) cannot be recorded not given: dose 2 (X2) was recorded given on "
                                  "2027-03-13")
    with pytest.raises(ScheduleError, match="dose 2 \\(X2\\) cannot be recorded not given: dose 3 \\(X3\\) was "
                                            "recorded given on 2027-03-20"):
        check_not_given(SSC_1B, 2, Anchors(C1, D1, doses={3: date(2027, 3, 20)}))
    with pytest.raises(ScheduleError, match="before dose 2 \\(X2\\) is recorded"):
        check_not_given(SSC_1B, 3, Anchors(C1, D1))
    with pytest.raises(ScheduleError, match="cohort LN is given 1 dose"):
        check_not_given(V2, 2, Anchors(C1, D1))
    assert check_not_given(SSC_1B, 3, Anchors(C1, D1, doses={2: date(2027, 3, 13)})) is None
    assert check_not_given(SSC_1B, 2, Anchors(C1, D1, not_given_from=3)) is None  # moving the stop earlier


def test_a_dose_after_one_not_given_is_refused():
    with pytest.raises(ScheduleError) as refused:
        check_dose(SSC_1B, 3, date(2027, 3, 20), Anchors(C1, D1, not_given_from=2))
    assert _one_line(refused) == ("dose 3 (X3) on 2027-03-20 cannot be recorded: dose 2 (X2) was recorded not "
                                  "given, and so every dose after it")
    with pytest.raises(ScheduleError, match="dose 3 \\(X3\\) was recorded given on 2027-03-20"):
        _plan(infusion=D1, doses={3: date(2027, 3, 20)}, not_given_from=2)


def test_a_plan_with_dose_1_not_given_is_refused():
    with pytest.raises(ScheduleError, match="dose 1 \\(the infusion\\) cannot be recorded not given"):
        _plan(infusion=D1, not_given_from=1)


# --- re-anchoring on dose 1 and study days -----------------------------------------------------
def test_a_late_dose_1_moves_every_dose_and_every_visit_from_day_1_on():
    late = D1 + timedelta(days=3)
    s = _plan(infusion=late)
    assert [d.date for d in s.doses] == [late, late + timedelta(days=7), late + timedelta(days=14)]
    assert s.visit("D1").study_day == 1 and s.visit("D8").study_day == 8 and s.visit("D43").study_day == 43
    assert s.visit("LD1").study_day == -8 and s.visit("LD1").target == C1


def test_study_days_count_from_dose_1_when_dose_2_slips():
    s = _plan(infusion=D1, doses={2: date(2027, 3, 20)})
    assert s.visit("D8").study_day == 15 and s.visit("D9").study_day == 16
    assert s.visit("D15").target == date(2027, 3, 27) and s.visit("D15").study_day == 22
    assert all(p.study_day != 0 for p in s.visits)


def test_a_slipped_dose_reorders_the_calendar_by_date():
    s = _plan(infusion=D1, doses={2: date(2027, 4, 10)})
    targets = [p.target for p in s.visits]
    assert targets == sorted(targets)
    assert [p.code for p in s.visits].index("D43") > [p.code for p in s.visits].index("M2")


def test_ln_plans_carry_one_dose_and_no_cancelled_visit():
    s = plan_schedule(V2, Anchors(C1), WEEKENDS)
    assert s.cohort == "LN" and [d.number for d in s.doses] == [1]
    assert not any(p.cancelled for p in s.visits)
    assert {p.anchor_label for p in s.visits} == {"C1", "D1"}


def test_dose_2_on_a_leap_day_and_dose_3_across_the_year_end():
    open_always = SiteCalendar(closed_weekdays=frozenset(), us_holidays=False)
    leap = plan_schedule(SSC_1B, Anchors(date(2028, 2, 17)), open_always)  # D1 = 2028-02-22
    assert (leap.visit("D8").target, leap.visit("D15").target) == (date(2028, 2, 29), date(2028, 3, 7))
    assert leap.visit("D8").study_day == 8 and leap.visit("D43").target == date(2028, 4, 4)
    new_year = plan_schedule(SSC_1B, Anchors(date(2027, 12, 13), doses={}), open_always)  # D1 = 2027-12-18
    assert new_year.visit("D15").target == date(2028, 1, 1) and new_year.visit("D15").study_day == 15


def test_a_dose_visits_window_edges_are_inclusive():
    s = _plan(infusion=D1, doses={2: date(2027, 3, 15)})  # D11 = X2 + 3 = Thu 03-18, window 03-17 .. 03-19
    d11 = s.visit("D11")
    assert (d11.earliest, d11.target, d11.latest) == (date(2027, 3, 17), date(2027, 3, 18), date(2027, 3, 19))
    assert date(2027, 3, 17) in d11.window and date(2027, 3, 19) in d11.window
    assert date(2027, 3, 16) not in d11.window and date(2027, 3, 20) not in d11.window


@pytest.mark.parametrize(("not_given_from", "expected"), [
    (None, "Day 43: DLT assessment (dose 3 + 28 days)"),  # every dose given, or still to come
    (3, "Day 43: DLT assessment (dose 2 + 28 days)"),
    (2, "Day 43: DLT assessment (dose 1 + 28 days)"),
    (1, "Day 43: DLT assessment (dose 3 + 28 days)"),  # dose 1 is never "not given": left as it is
    (4, "Day 43: DLT assessment (dose 3 + 28 days)"),  # no such dose
])
def test_the_last_dose_visit_names_the_dose_it_counts_from(not_given_from, expected):
    from ln_scheduler.domain.doses import name_counted_from

    assert name_counted_from("Day 43: DLT assessment (dose 3 + 28 days)", 3, not_given_from) == expected
    assert name_counted_from("Day 43: DLT assessment", 3, not_given_from) == "Day 43: DLT assessment"
