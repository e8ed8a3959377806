"""Invariants of the calendar for any conditioning start from 2020 to 2040 (hypothesis)."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from ln_scheduler.domain.protocol import Anchor
from ln_scheduler.domain.protocol_loader import load_default_protocol
from ln_scheduler.domain.schedule import Anchors, earliest_infusion, plan_schedule
from ln_scheduler.domain.site_calendar import SiteCalendar
from ln_scheduler.domain.study_days import study_day

PROTOCOL = load_default_protocol()
CALENDARS = st.sampled_from([
    SiteCalendar(),
    SiteCalendar(us_holidays=False),
    SiteCalendar(closed_weekdays=frozenset(), us_holidays=False),
    SiteCalendar(closed_weekdays=frozenset({0, 4, 5, 6})),  # a site open Tuesday to Thursday
])
STARTS = st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 12, 31))
DELAYS = st.integers(min_value=0, max_value=30)


@settings(max_examples=300, deadline=None)
@given(start=STARTS, delay=DELAYS, calendar=CALENDARS)
def test_calendar_invariants(start, delay, calendar):
    infusion = earliest_infusion(PROTOCOL, start) + timedelta(days=delay)
    schedule = plan_schedule(PROTOCOL, Anchors(start, infusion), calendar)
    visits = schedule.visits
    assert len(visits) == len(PROTOCOL.calendar_visits)
    for v in visits:
        assert v.study_day != 0
        assert v.study_day == study_day(v.target, infusion)
        assert v.earliest <= v.target <= v.latest
        assert v.earliest <= v.scheduled <= v.latest
        assert v.closed_day == (not calendar.is_open(v.scheduled))
        if v.closed_day:
            assert v.scheduled == v.target
    targets = [v.target for v in visits]
    assert targets == sorted(targets)
    ld3 = schedule.visit("LD3").target
    assert (schedule.visit("D1").target - ld3).days >= PROTOCOL.conditioning.min_gap_days + 1
    assert schedule.visit("D1").target == infusion


@settings(max_examples=200, deadline=None)
@given(start=STARTS, first=DELAYS, second=DELAYS, calendar=CALENDARS)
def test_reanchoring_never_moves_a_pre_infusion_visit(start, first, second, calendar):
    base = earliest_infusion(PROTOCOL, start)
    a = plan_schedule(PROTOCOL, Anchors(start, base + timedelta(days=first)), calendar)
    b = plan_schedule(PROTOCOL, Anchors(start, base + timedelta(days=second)), calendar)
    for va in a.visits:
        vb = b.visit(va.code)
        if va.anchor is Anchor.C1:
            assert (va.target, va.earliest, va.latest, va.scheduled) == (vb.target, vb.earliest, vb.latest,
                                                                          vb.scheduled)
        elif first <= second:
            assert vb.target >= va.target
