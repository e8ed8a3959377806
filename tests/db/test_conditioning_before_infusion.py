"""Conditioning (LD1-LD3) comes before the infusion: the infusion is refused until every
conditioning day is recorded, and whatever order a coordinator records things in, there is a way
forward (no participant stuck with dates that can no longer be entered). The 2-full-day gap counts
from the last conditioning day as recorded, and conditioning days stay in order and before the
infusion."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import create_engine, text

from ln_scheduler.domain.participant_status import ParticipantStatus
from ln_scheduler.domain.visit_status import VisitStatus
from ln_scheduler.services.errors import ServiceError
from ln_scheduler.store.location import normalize_url

from .helpers import C1, enrol_worked_example

INFUSION = date(2027, 1, 31)


def _every_way_to_record_the_infusion_is_refused(svc, message: str) -> None:  # type: ignore[no-untyped-def]
    """Recording it, previewing it, and recording Day 1 done: each is refused with ``message``."""
    for attempt in (lambda: svc.record_infusion("104-001", INFUSION),
                    lambda: svc.preview_infusion("104-001", INFUSION),
                    lambda: svc.complete_visit("104-001", "D1", INFUSION)):
        with pytest.raises(ServiceError, match=message):
            attempt()


def test_an_infusion_before_conditioning_is_recorded_is_refused_and_writes_nothing(svc):
    enrol_worked_example(svc, conditioned=False)
    before = svc.audit()
    _every_way_to_record_the_infusion_is_refused(svc, r"conditioning of 104-001 is not recorded \(LD1, LD2, LD3 "
                                                      r"not done\): record the conditioning days first")
    assert svc.audit() == before
    assert svc.participant("104-001").infusion_actual is None


def test_an_infusion_after_part_of_conditioning_names_the_days_still_to_record(svc):
    enrol_worked_example(svc, conditioned=False)
    svc.record_conditioning("104-001", C1, days_done=2)
    with pytest.raises(ServiceError, match=r"\(LD3 not done\)"):
        svc.record_infusion("104-001", INFUSION)
    svc.complete_visit("104-001", "LD3", date(2027, 1, 28))
    r = svc.record_infusion("104-001", INFUSION)
    assert r.infusion_actual == INFUSION and r.status is ParticipantStatus.FOLLOW_UP


def test_the_reviewers_order_now_has_a_way_forward(svc):
    """Infusion first (refused), then conditioning, then the infusion, then Day 2."""
    enrol_worked_example(svc, conditioned=False)
    with pytest.raises(ServiceError, match="record the conditioning days first"):
        svc.record_infusion("104-001", INFUSION)
    svc.record_conditioning("104-001", C1, days_done=3)
    svc.complete_visit("104-001", "D1", INFUSION)
    d2 = svc.complete_visit("104-001", "D2", date(2027, 2, 1))
    assert d2.status is VisitStatus.DONE


def _legacy_infusion_without_conditioning(db_url: str) -> None:
    """What an earlier release let through: the infusion (and Day 1) recorded, conditioning never."""
    engine = create_engine(normalize_url(db_url))
    with engine.begin() as conn:
        pk = conn.execute(text("SELECT id FROM participants WHERE study_id = '104-001'")).scalar_one()
        conn.execute(text("UPDATE participants SET infusion_actual = :d, status = 'follow-up' WHERE id = :pk"),
                     {"d": INFUSION, "pk": pk})
        conn.execute(text("UPDATE visits SET actual = :d, state = 'done' WHERE participant_pk = :pk AND code = 'D1'"),
                     {"d": INFUSION, "pk": pk})
    engine.dispose()


def test_conditioning_can_still_be_recorded_for_an_infusion_recorded_without_it(svc, db_url):
    enrol_worked_example(svc, conditioned=False)
    _legacy_infusion_without_conditioning(db_url)
    with pytest.raises(ServiceError, match="conditioning of 104-001 is not recorded"):
        svc.complete_visit("104-001", "D2", date(2027, 2, 1))
    with pytest.raises(ServiceError, match="LD3 on 2027-01-29 leaves less than 2 full days before the infusion"):
        svc.record_conditioning("104-001", date(2027, 1, 27), days_done=3)
    r = svc.record_conditioning("104-001", C1, days_done=3)
    assert [r.visit(c).actual for c in ("LD1", "LD2", "LD3")] == [C1, date(2027, 1, 27), date(2027, 1, 28)]
    assert r.infusion_actual == INFUSION and r.visit("D7").target == date(2027, 2, 6)  # Day 1 did not move
    assert r.status is ParticipantStatus.FOLLOW_UP
    assert svc.complete_visit("104-001", "D2", date(2027, 2, 1)).status is VisitStatus.DONE


def test_the_gap_counts_from_the_last_conditioning_day_as_recorded(svc):
    """LD3 given two days late (a deviation): the planned infusion and the Day 1 visits move to keep
    2 full days after it, and an infusion inside that gap is refused."""
    enrol_worked_example(svc, conditioned=False)
    svc.record_conditioning("104-001", C1, days_done=2)
    ld3 = svc.complete_visit("104-001", "LD3", date(2027, 1, 30))
    assert ld3.status is VisitStatus.DONE_OUT_OF_WINDOW and ld3.deviation
    r = svc.participant("104-001")
    assert r.infusion_planned == date(2027, 2, 2) and r.visit("D1").target == date(2027, 2, 2)
    assert r.visit("D7").target == date(2027, 2, 8)
    _every_way_to_record_the_infusion_is_refused(
        svc, r"too soon: it must follow the last conditioning day \(2027-01-30\) by at least 2 full days, so "
             r"2027-02-02 or later")
    assert svc.record_infusion("104-001", date(2027, 2, 2)).infusion_actual == date(2027, 2, 2)


def test_correcting_a_late_last_day_brings_the_planned_infusion_back(svc):
    enrol_worked_example(svc, conditioned=False)
    svc.record_conditioning("104-001", C1, days_done=2)
    svc.complete_visit("104-001", "LD3", date(2027, 1, 30))
    r = svc.correct_entry("104-001", "LD3", 1, "actual", "wrong day typed")
    assert r.infusion_planned == INFUSION and r.visit("D1").target == INFUSION


def test_conditioning_days_are_recorded_in_order(svc):
    enrol_worked_example(svc, conditioned=False)
    svc.record_conditioning("104-001", C1, days_done=1)
    with pytest.raises(ServiceError, match="LD2 is not recorded yet: conditioning days are recorded in order"):
        svc.complete_visit("104-001", "LD3", date(2027, 1, 28))
    with pytest.raises(ServiceError, match=r"LD2 on 2027-01-26 is not after LD1 \(2027-01-26\)"):
        svc.complete_visit("104-001", "LD2", C1)
    svc.complete_visit("104-001", "LD2", date(2027, 1, 27))
    svc.complete_visit("104-001", "LD3", date(2027, 1, 28))
    svc.correct_entry("104-001", "LD2", 1, "actual", "wrong day typed")
    with pytest.raises(ServiceError, match=r"LD2 on 2027-01-28 is not before LD3 \(2027-01-28\)"):
        svc.complete_visit("104-001", "LD2", date(2027, 1, 28))
    with pytest.raises(ServiceError, match=r"not recorded \(LD2 not done\)"):
        svc.record_infusion("104-001", INFUSION)
    svc.complete_visit("104-001", "LD2", date(2027, 1, 27))
    assert svc.record_infusion("104-001", INFUSION).infusion_actual == INFUSION


def test_a_conditioning_day_recorded_after_the_infusion_keeps_the_gap_before_it(svc):
    """After an infusion on 01-31, LD3 (re-entered after a correction) cannot be the infusion day,
    nor leave less than 2 full days before it."""
    enrol_worked_example(svc, infusion=INFUSION)
    svc.correct_entry("104-001", "LD3", 1, "actual", "entered on the wrong participant")
    before = svc.audit()
    with pytest.raises(ServiceError, match="LD3 on 2027-01-31 is not before the infusion on 2027-01-31"):
        svc.complete_visit("104-001", "LD3", INFUSION)
    with pytest.raises(ServiceError, match=r"LD3 on 2027-01-29 leaves less than 2 full days before the infusion on "
                                           r"2027-01-31: the last conditioning day can be 2027-01-28 at the latest"):
        svc.complete_visit("104-001", "LD3", date(2027, 1, 29))
    assert svc.audit() == before
    ld3 = svc.complete_visit("104-001", "LD3", date(2027, 1, 28))
    assert ld3.status is VisitStatus.DONE
    assert svc.participant("104-001").visit("D7").target == date(2027, 2, 6)  # Day 1 stays where it was
