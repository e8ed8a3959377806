"""A later dose's visit (D8, D15 of SSC-1B) is booked, missed and moved like the dose it is given
at, not like the infusion: a refusal points the coordinator at recording dose N (given on its day,
or not given with the reason), never at "the conditioning start" or "the infusion". Nothing is
saved by a refusal. Dates: SCHEDULE-v2.md's worked example (conditioning Monday 2027-03-01)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from ln_scheduler.services.errors import ServiceError

from .helpers import worked_example_site

C1 = date(2027, 3, 1)
D1 = date(2027, 3, 6)


@pytest.fixture(autouse=True)
def _after_the_example(clock) -> None:  # type: ignore[no-untyped-def]
    clock.now = datetime(2027, 4, 1, 15, 0, tzinfo=UTC)


def _infused_ssc_1b(svc):  # type: ignore[no-untyped-def]
    worked_example_site(svc)
    svc.enrol("104-001", "JQD", conditioning_start=C1, cohort="SSC-1B")
    svc.record_conditioning("104-001", C1, days_done=3)
    svc.record_infusion("104-001", D1)
    return svc.participant("104-001")


@pytest.mark.parametrize(("code", "dose"), [("D8", 2), ("D15", 3)])
def test_a_later_dose_visit_booked_off_its_day_says_it_moves_by_recording_that_dose(svc, code, dose):
    before = _infused_ssc_1b(svc)
    target = before.visit(code).target
    with pytest.raises(ServiceError) as refused:
        svc.book_visit("104-001", code, date(2027, 3, 24))
    message = str(refused.value)
    assert f"dose {dose}" in message and target.isoformat() in message and "\n" not in message
    assert "conditioning" not in message and "infusion" not in message
    assert svc.participant("104-001").visit(code) == before.visit(code)


@pytest.mark.parametrize(("code", "dose"), [("D8", 2), ("D15", 3)])
def test_a_later_dose_visit_is_not_missed_it_is_recorded_not_given(svc, code, dose):
    before = _infused_ssc_1b(svc)
    with pytest.raises(ServiceError) as refused:
        svc.miss_visit("104-001", code, "did not come")
    message = str(refused.value)
    assert f"dose {dose}" in message and "not given" in message and "\n" not in message
    assert "conditioning" not in message
    assert svc.participant("104-001").visit(code) == before.visit(code)


def test_the_infusion_day_keeps_its_own_words(svc):
    _infused_ssc_1b(svc)
    svc.enrol("104-002", "AB", conditioning_start=C1, cohort="SSC-1B")
    with pytest.raises(ServiceError, match="infusion"):
        svc.book_visit("104-002", "D1", date(2027, 3, 8))
    with pytest.raises(ServiceError, match="conditioning start"):
        svc.miss_visit("104-002", "D1", "did not come")


@pytest.mark.parametrize("number", [2, 3])
def test_a_dose_after_one_not_given_is_refused_naming_its_date_and_the_dose_not_given(svc, number):
    _infused_ssc_1b(svc)
    svc.record_dose_not_given("104-001", 2, "toxicity")
    before = svc.participant("104-001")
    with pytest.raises(ServiceError) as refused:
        svc.record_dose("104-001", number, date(2027, 3, 24))
    message = str(refused.value)
    assert f"dose {number} of 104-001 on 2027-03-24 cannot be recorded" in message
    assert "dose 2 was recorded not given" in message and "\n" not in message
    assert "so dose 2 was not given either" not in message  # a dose is not "not given either" after itself
    assert svc.participant("104-001") == before


def test_a_second_infusion_in_a_multi_dose_cohort_points_at_the_later_doses(svc):
    _infused_ssc_1b(svc)
    with pytest.raises(ServiceError) as refused:
        svc.record_infusion("104-001", date(2027, 3, 13))
    message = str(refused.value)
    assert "2027-03-06" in message and "dose 2" in message and "\n" not in message
    assert "infused once" not in message  # SSC-1B is given three doses
    assert svc.participant("104-001").dose(2).state == "planned"


@pytest.mark.parametrize(("code", "dose"), [("D9", 2), ("D11", 2), ("D16", 3), ("D29", 3)])
def test_a_visit_counted_from_a_later_dose_is_not_done_before_that_dose_is_recorded(svc, code, dose):
    """Otherwise D9 'done' on Day 5 would later block recording dose 2 on its day."""
    before = _infused_ssc_1b(svc)
    with pytest.raises(ServiceError) as refused:
        svc.complete_visit("104-001", code, date(2027, 3, 10))
    message = str(refused.value)
    assert f"counted from dose {dose}" in message and "\n" not in message
    assert svc.participant("104-001").visit(code) == before.visit(code)


def test_a_visit_counted_from_dose_2_is_done_after_it_not_before_its_date(svc):
    _infused_ssc_1b(svc)
    svc.record_dose("104-001", 2, date(2027, 3, 16))
    with pytest.raises(ServiceError, match=r"D9 on 2027-03-15 would be before dose 2 on 2027-03-16"):
        svc.complete_visit("104-001", "D9", date(2027, 3, 15))
    svc.complete_visit("104-001", "D9", date(2027, 3, 17))
    svc.record_dose("104-001", 3, date(2027, 3, 23))  # D9 done on its day does not hold dose 3 back
    assert svc.participant("104-001").visit("D9").actual == date(2027, 3, 17)


def test_the_dlt_visit_waits_for_every_dose_to_be_recorded_given_or_not(svc, clock):
    _infused_ssc_1b(svc)
    clock.now = datetime(2027, 4, 15, 15, 0, tzinfo=UTC)
    svc.record_dose("104-001", 2, date(2027, 3, 13))
    with pytest.raises(ServiceError, match="dose 3"):
        svc.complete_visit("104-001", "D43", date(2027, 3, 30))
    svc.record_dose_not_given("104-001", 3, "grade 3 CRS")
    svc.complete_visit("104-001", "D43", date(2027, 4, 10))  # dose 2 + 28 days
    assert svc.participant("104-001").visit("D43").actual == date(2027, 4, 10)
    assert svc.verify_audit().ok
