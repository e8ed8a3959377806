"""Screening recorded before conditioning is planned: the screening visit is done while its calendar
has no dates yet. Planning (or recording) the conditioning start gives it its target, window and
study day, like every other visit, and the start must be one the screening results allow."""

from __future__ import annotations

from datetime import date

import pytest

from ln_scheduler.domain.visit_status import VisitStatus
from ln_scheduler.services.errors import ServiceError

from .helpers import C1, SCREENING, worked_example_site


@pytest.fixture
def screened(svc):
    worked_example_site(svc)
    r = svc.enrol("104-001", "AB", screening_date=SCREENING)
    scr = r.visit("SCR")
    assert (scr.actual, scr.target, scr.earliest, scr.latest) == (SCREENING, None, None, None)
    return svc


def _scr_dates(svc) -> tuple:  # type: ignore[no-untyped-def]
    scr = svc.participant("104-001").visit("SCR")
    return scr.study_day, scr.target, scr.earliest, scr.latest, scr.actual, scr.status, scr.deviation


def test_planning_conditioning_dates_the_screening_done_before_it(screened):
    preview = screened.preview_conditioning("104-001", C1)
    scr = next(c for c in preview.changes if c.code == "SCR")
    assert (scr.new_target, scr.new_earliest, scr.new_latest) == (date(2027, 1, 19), date(2026, 12, 27),
                                                                   date(2027, 1, 25))
    screened.plan_conditioning("104-001", C1)
    # SCHEDULE.md worked example: SCR day -12, target 2027-01-19, window 2026-12-27 .. 2027-01-25
    assert _scr_dates(screened) == (-12, date(2027, 1, 19), date(2026, 12, 27), date(2027, 1, 25), SCREENING,
                                    VisitStatus.DONE, False)
    rows = {(e.field, e.new) for e in screened.audit("104-001") if e.entity_key == "104-001/SCR#1"}
    assert ("target", "2027-01-19") in rows


def test_recording_conditioning_without_a_plan_dates_the_screening_too(screened):
    screened.record_conditioning("104-001", C1, days_done=3)
    assert _scr_dates(screened)[:4] == (-12, date(2027, 1, 19), date(2026, 12, 27), date(2027, 1, 25))
    screened.record_infusion("104-001", date(2027, 2, 3))
    assert _scr_dates(screened)[0] == -15  # the study day follows the real infusion; the target stays


def test_a_start_the_screening_results_do_not_cover_is_refused(screened):
    for start in (SCREENING, date(2027, 2, 12)):  # the screening day itself; screening + 31 days
        for attempt in (screened.preview_conditioning, screened.plan_conditioning):
            with pytest.raises(ServiceError, match=r"conditioning start .* is outside what screening on 2027-01-12 "
                                                   r"allows \(2027-01-13 to 2027-02-11\)"):
                attempt("104-001", start)
    assert _scr_dates(screened)[1] is None  # nothing was written
    screened.plan_conditioning("104-001", date(2027, 2, 11))  # the last day the results hold
    assert _scr_dates(screened)[2:4] == (date(2027, 1, 12), date(2027, 2, 10))
