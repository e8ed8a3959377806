"""A later dose entered in error (SSc Part 1b, version 2.0), corrected: dose 2 recorded on the wrong
day, dose 3 or dose 2 recorded not given by mistake. Before, the only answer was "a later dose recorded
in error cannot be corrected in this version", and since the infusion cannot be corrected once a later
dose is recorded, the participant's calendar stayed wrong for good. Dates: SCHEDULE-v2.md's worked
example (conditioning Monday 2027-03-01, Day 1 Saturday 2027-03-06, site closed on weekends only)."""

from __future__ import annotations

from datetime import date

import pytest

from ln_scheduler.domain.visit_status import VisitStatus
from ln_scheduler.services.errors import ServiceError

from .test_cohorts_and_doses import _after_the_example, _enrol, _targets  # noqa: F401 - the clock fixture

PLANNED_X2 = date(2027, 3, 13)
X2_LATE = date(2027, 3, 16)
DOSE_2_VISITS = ("D8", "D9", "D11", "D15", "D16", "D18", "D22", "D29", "D43")


def test_dose_2_recorded_on_the_wrong_day_is_corrected_and_the_calendar_returns_to_its_plan(svc):
    planned = _targets(_enrol(svc), DOSE_2_VISITS)
    svc.record_dose("104-001", 2, X2_LATE)  # meant for another participant: dose 2 not given yet
    assert _targets(svc.participant("104-001"), ("D9",)) == {"D9": date(2027, 3, 17)}
    r = svc.correct_entry("104-001", "D8", 1, "dose", "recorded for the wrong participant")
    assert r.dose(2).given is None and r.dose(2).actual is None
    assert r.visit("D8").status is not VisitStatus.DONE and r.visit("D8").actual is None
    assert _targets(r, DOSE_2_VISITS) == planned
    row = next(e for e in svc.audit("104-001") if e.entity_key == "104-001/dose#2" and e.action == "correct")
    assert "2027-03-16" in (row.old or "") and row.new is None
    assert row.reason == "entered in error: recorded for the wrong participant"
    assert svc.verify_audit().ok, svc.verify_audit().problems
    r = svc.record_dose("104-001", 2, PLANNED_X2)  # then recorded as it happened
    assert r.dose(2).actual == PLANNED_X2 and r.visit("D8").actual == PLANNED_X2
    assert svc.verify_audit().ok


def test_dose_3_recorded_not_given_by_mistake_reopens_its_visits_and_the_dlt_follows_dose_3_again(svc):
    _enrol(svc)
    svc.record_dose("104-001", 2, X2_LATE)
    planned = _targets(svc.participant("104-001"), DOSE_2_VISITS)
    svc.record_dose_not_given("104-001", 3, "grade 3 CRS after dose 2")
    r = svc.correct_entry("104-001", "D15", 1, "dose", "wrong participant's CRS")
    assert r.dose(3).given is None and r.dose(3).reason is None
    assert {v.code for v in r.visits if v.status is VisitStatus.CANCELLED} == set()
    assert _targets(r, DOSE_2_VISITS) == planned  # D43 counted from dose 3 again, not dose 2
    assert r.dose(2).actual == X2_LATE
    assert svc.verify_audit().ok, svc.verify_audit().problems
    r = svc.record_dose("104-001", 3, date(2027, 3, 23))
    assert r.dose(3).actual == date(2027, 3, 23)


def test_dose_2_not_given_by_mistake_gives_doses_2_and_3_back(svc):
    planned = _targets(_enrol(svc), DOSE_2_VISITS)
    svc.record_dose_not_given("104-001", 2, "infection")
    r = svc.correct_entry("104-001", "D8", 1, "dose", "it was 104-002's infection")
    assert [d.given for d in r.doses] == [True, None, None]
    assert not [v.code for v in r.visits if v.status is VisitStatus.CANCELLED]
    assert _targets(r, DOSE_2_VISITS) == planned
    assert svc.verify_audit().ok, svc.verify_audit().problems


def test_a_dose_correction_is_refused_while_later_entries_hang_on_it(svc):
    _enrol(svc)
    svc.record_dose("104-001", 2, PLANNED_X2)
    svc.complete_visit("104-001", "D9", date(2027, 3, 14))
    with pytest.raises(ServiceError, match="visit D9 is recorded done after dose 2: correct it first"):
        svc.correct_entry("104-001", "D8", 1, "dose", "wrong day")
    svc.correct_entry("104-001", "D9", 1, "actual", "wrong day")
    svc.record_dose("104-001", 3, date(2027, 3, 20))
    with pytest.raises(ServiceError, match="dose 3 of 104-001 is recorded after dose 2: correct dose 3 first"):
        svc.correct_entry("104-001", "D8", 1, "dose", "wrong day")
    assert svc.participant("104-001").dose(2).actual == PLANNED_X2  # nothing changed


@pytest.mark.parametrize(("code", "message"), [
    ("D8", "dose 2 of 104-001 is not recorded: there is nothing to correct"),
    ("D9", "visit D9 is not the visit a later dose is given at"),
    ("D1", "dose 1 is the infusion: correct it with the 'infusion' field"),
])
def test_a_dose_correction_names_what_it_cannot_correct(svc, code, message):
    _enrol(svc)
    with pytest.raises(ServiceError, match=message):
        svc.correct_entry("104-001", code, 1, "dose", "wrong")


def test_after_the_later_dose_is_corrected_the_infusion_can_be_corrected_too(svc):
    _enrol(svc)
    svc.record_dose("104-001", 2, PLANNED_X2)
    svc.correct_entry("104-001", "D8", 1, "dose", "wrong participant")
    r = svc.correct_entry("104-001", None, 1, "infusion", "wrong participant")
    assert r.infusion_actual is None
    assert svc.verify_audit().ok
