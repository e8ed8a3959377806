"""Conditioning (LD1-LD3) comes before the infusion: the infusion is refused until every
conditioning day is recorded, and whatever order a coordinator records things in, there is a way
forward (no participant stuck with dates that can no longer be entered)."""

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


def test_an_infusion_before_conditioning_is_recorded_is_refused_and_writes_nothing(svc):
    enrol_worked_example(svc, conditioned=False)
    before = svc.audit()
    for attempt in (lambda: svc.record_infusion("104-001", INFUSION),
                    lambda: svc.preview_infusion("104-001", INFUSION),
                    lambda: svc.complete_visit("104-001", "D1", INFUSION)):
        with pytest.raises(ServiceError, match=r"conditioning of 104-001 is not recorded \(LD1, LD2, LD3 "
                                               r"not done\): record the conditioning days first"):
            attempt()
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
    with pytest.raises(ServiceError, match="too soon"):
        svc.record_conditioning("104-001", date(2027, 1, 27), days_done=3)  # LD3 01-29: no 2-day gap
    r = svc.record_conditioning("104-001", C1, days_done=3)
    assert [r.visit(c).actual for c in ("LD1", "LD2", "LD3")] == [C1, date(2027, 1, 27), date(2027, 1, 28)]
    assert r.infusion_actual == INFUSION and r.visit("D7").target == date(2027, 2, 6)  # Day 1 did not move
    assert r.status is ParticipantStatus.FOLLOW_UP
    assert svc.complete_visit("104-001", "D2", date(2027, 2, 1)).status is VisitStatus.DONE
