"""Properties of the calendars of every cohort (hypothesis), over random conditioning starts,
infusion and dose delays, and site closures: LN in version 2.0 is version 1.0's calendar exactly,
SSC-1A has LN's dates, and SSC-1B's doses move only what hangs on them."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ln_scheduler.domain.conditioning import critical_visits, suggest_conditioning_starts
from ln_scheduler.domain.doses import check_dose
from ln_scheduler.domain.errors import ScheduleError
from ln_scheduler.domain.protocol import Anchor
from ln_scheduler.domain.protocol_loader import shipped_protocols
from ln_scheduler.domain.schedule import Anchors, earliest_infusion, plan_schedule
from ln_scheduler.domain.site_calendar import SiteCalendar
from ln_scheduler.domain.study_days import study_day

V1, V2 = shipped_protocols()
SSC_1A, SSC_1B = V2.for_cohort("SSC-1A"), V2.for_cohort("SSC-1B")
STARTS = st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 12, 31))
DELAYS = st.integers(min_value=0, max_value=30)


@st.composite
def calendars(draw: st.DrawFn) -> SiteCalendar:
    """Weekly closed days, holidays or not, and up to 20 closure dates near the start."""
    weekdays = draw(st.frozensets(st.integers(0, 6), max_size=4))
    start = draw(STARTS)
    closures = draw(st.frozensets(st.integers(-40, 800).map(lambda n: start + timedelta(days=n)), max_size=20))
    return SiteCalendar(closed_weekdays=weekdays, us_holidays=draw(st.booleans()), closed_dates=closures)


def _dates(schedule):
    return [(v.code, v.study_day, v.target, v.earliest, v.latest, v.scheduled, v.closed_day) for v in schedule.visits]


@settings(max_examples=250, deadline=None)
@given(start=STARTS, delay=st.none() | DELAYS, calendar=calendars())
def test_ln_in_version_2_plans_exactly_version_1s_calendar(start, delay, calendar):
    infusion = None if delay is None else earliest_infusion(V1, start) + timedelta(days=delay)
    one = plan_schedule(V1, Anchors(start, infusion), calendar)
    two = plan_schedule(V2.for_cohort("LN"), Anchors(start, infusion), calendar)
    assert two.visits == one.visits  # codes, names, anchors, study days, dates, windows, procedures
    assert two.warnings == one.warnings
    assert dataclasses.replace(two, protocol_version="1.0") == one
    assert (one.cohort, two.cohort) == ("LN", "LN")


@settings(max_examples=150, deadline=None)
@given(start=STARTS, delay=st.none() | DELAYS, calendar=calendars())
def test_ssc_1a_has_the_dates_and_windows_of_ln(start, delay, calendar):
    infusion = None if delay is None else earliest_infusion(V2, start) + timedelta(days=delay)
    ln = plan_schedule(V2, Anchors(start, infusion), calendar)
    a = plan_schedule(SSC_1A, Anchors(start, infusion), calendar)
    assert _dates(a) == _dates(ln) and a.warnings == ln.warnings
    assert a.cohort == "SSC-1A"


@settings(max_examples=250, deadline=None)
@given(start=STARTS, delay=DELAYS, late2=st.none() | DELAYS, late3=st.none() | DELAYS,
       stop=st.sampled_from([None, 2, 3]), calendar=calendars())
def test_ssc_1b_doses_move_only_what_hangs_on_them(start, delay, late2, late3, stop, calendar):
    d1 = earliest_infusion(SSC_1B, start) + timedelta(days=delay)
    doses: dict[int, date] = {}
    if late2 is not None and stop != 2:
        doses[2] = d1 + timedelta(days=7 + late2)
        if late3 is not None and stop != 3:
            doses[3] = doses[2] + timedelta(days=7 + late3)
    if stop == 3 and 2 not in doses:
        stop = None  # dose 3 cannot be recorded not given before dose 2 is recorded
    schedule = plan_schedule(SSC_1B, Anchors(start, d1, doses=doses, not_given_from=stop), calendar)
    baseline = plan_schedule(SSC_1B, Anchors(start, d1), calendar)
    by_code = {v.code: v for v in schedule.visits}
    dose_on = {d.number: d.date for d in schedule.doses}
    assert [v.target for v in schedule.visits] == sorted(v.target for v in schedule.visits)
    for number, when in doses.items():
        assert dose_on[number] == when
    assert dose_on[2] >= d1 + timedelta(days=7) and dose_on[3] >= dose_on[2] + timedelta(days=7)
    for v in schedule.visits:
        assert v.study_day != 0 and v.study_day == study_day(v.target, d1)
        assert v.earliest <= v.scheduled <= v.latest
        definition = SSC_1B.visit(v.code)
        if definition.anchor in (Anchor.C1, Anchor.D1):  # never moved by a later dose
            assert v == baseline.visit(v.code)
        if definition.anchor is Anchor.DOSE:
            assert v.target == dose_on[definition.dose] + timedelta(days=definition.offset_days)
            assert v.cancelled == (stop is not None and definition.dose >= stop)
        else:
            assert not v.cancelled
    last_given = max(n for n in (1, 2, 3) if stop is None or n < stop)
    assert by_code["D43"].target == dose_on[last_given] + timedelta(days=28)
    for d in schedule.doses:
        assert d.given is (False if stop is not None and d.number >= stop else
                           True if d.number == 1 or d.number in doses else None)


@settings(max_examples=60, deadline=None)
@given(start=STARTS, calendar=calendars())
def test_suggested_starts_keep_every_fixed_dose_related_day_open(start, calendar):
    for protocol in (V2, SSC_1A, SSC_1B):
        for s in suggest_conditioning_starts(protocol, calendar, start, 2):
            schedule = plan_schedule(protocol, Anchors(s), calendar)
            critical = {v.code for v in critical_visits(protocol)}
            assert all(not schedule.visit(code).closed_day for code in critical)
    assert suggest_conditioning_starts(V2, calendar, start, 2) == suggest_conditioning_starts(V1, calendar, start, 2)


def test_the_critical_days_are_read_from_each_cohort():
    assert [v.code for v in critical_visits(V1)] == ["LD1", "LD2", "LD3", "D1", "D2", "D3", "D4"]
    assert [v.code for v in critical_visits(SSC_1A)] == ["LD1", "LD2", "LD3", "D1", "D2", "D3", "D4"]
    assert [v.code for v in critical_visits(SSC_1B)] == ["LD1", "LD2", "LD3", "D1", "D2", "D3", "D4", "D8", "D9",
                                                         "D15", "D16"]


@settings(max_examples=200, deadline=None)
@given(start=STARTS, delay=DELAYS, gap2=st.integers(0, 30), gap3=st.integers(0, 30))
def test_a_dose_is_refused_exactly_when_it_is_sooner_than_7_days_after_the_previous(start, delay, gap2, gap3):
    d1 = earliest_infusion(SSC_1B, start) + timedelta(days=delay)
    dose2 = d1 + timedelta(days=gap2)
    anchors = Anchors(start, d1)
    if gap2 < 7:
        expected = f"dose 2 \\(X2\\) on {dose2.isoformat()} is too soon.*{d1.isoformat()}"
        with pytest.raises(ScheduleError, match=expected):
            check_dose(SSC_1B, 2, dose2, anchors)
        return
    warnings = check_dose(SSC_1B, 2, dose2, anchors)
    assert bool(warnings) == (gap2 > 7 + 3)
    dose3 = dose2 + timedelta(days=gap3)
    anchors = Anchors(start, d1, doses={2: dose2})
    if gap3 < 7:
        with pytest.raises(ScheduleError, match="too soon"):
            check_dose(SSC_1B, 3, dose3, anchors)
    else:
        assert bool(check_dose(SSC_1B, 3, dose3, anchors)) == (gap3 > 7 + 3)
