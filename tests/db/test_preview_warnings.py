"""What the previews warn about: the future, not history. An infusion given on a Saturday happened;
a Day 2 that would fall on the Sunday is worth a warning. A participant who completed the study is
not moved to an amendment."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from ln_scheduler.services.errors import ServiceError
from tests.support.amended_protocol import write_amended

from .helpers import enrol_worked_example


def test_recording_a_saturday_infusion_warns_of_the_closed_days_ahead_not_of_the_saturday(svc):  # type: ignore[no-untyped-def]
    enrol_worked_example(svc)  # conditioning 2027-01-26 .. 28 given; weekends closed
    preview = svc.preview_infusion("104-001", date(2027, 2, 6))  # a Saturday
    text = " ".join(preview.warnings)
    assert "D1 2027-02-06" not in text
    assert "D2 2027-02-07 (Sunday)" in text, text


def test_an_amendment_preview_does_not_warn_about_visits_already_done(svc, tmp_path):  # type: ignore[no-untyped-def]
    enrol_worked_example(svc, infusion=date(2027, 1, 31))  # the worked example's infusion: a Sunday
    preview = svc.preview_protocol_change("104-001", svc.load_protocol_file(write_amended(tmp_path)))
    assert not any("D1 2027-01-31" in w for w in preview.warnings), preview.warnings


def test_a_participant_who_completed_the_study_is_not_moved_to_an_amendment(svc, clock, tmp_path):  # type: ignore[no-untyped-def]
    enrol_worked_example(svc, infusion=date(2027, 1, 31))  # then every visit done, up to Month 24
    clock.now = datetime(2029, 2, 15, 15, 0, tzinfo=UTC)
    for v in svc.participant("104-001").visits:
        if v.status.is_open:
            svc.complete_visit("104-001", v.code, min(v.scheduled, date(2029, 2, 15)))
    (done,) = [p for p in svc.participants() if p.status.value == "completed"]
    amended = svc.load_protocol_file(write_amended(tmp_path))
    with pytest.raises(ServiceError, match="completed the study"):
        svc.preview_protocol_change(done.id, amended)
    with pytest.raises(ServiceError, match="completed the study"):
        svc.change_protocol(done.id, amended, "Amendment 2")
