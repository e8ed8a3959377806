"""Conditioning days as recorded: in order, before the infusion, and the gap counted from the last
one actually given (a late LD3 pushes the earliest infusion)."""

from datetime import date

import pytest

from ln_scheduler.domain.errors import ScheduleError
from ln_scheduler.domain.protocol_loader import load_default_protocol
from ln_scheduler.domain.schedule import (
    check_conditioning_day,
    check_infusion,
    earliest_infusion,
    missing_conditioning_days,
    planned_infusion,
)

P = load_default_protocol()
C1 = date(2026, 11, 10)


def test_the_gap_counts_from_the_last_conditioning_day_given():
    assert earliest_infusion(P, C1) == date(2026, 11, 15)  # planned LD3 11-12 + 3
    assert earliest_infusion(P, C1, recorded_last=date(2026, 11, 14)) == date(2026, 11, 17)
    with pytest.raises(ScheduleError, match="so 2026-11-17 or later"):
        check_infusion(P, C1, date(2026, 11, 15), recorded_last=date(2026, 11, 14))
    assert check_infusion(P, C1, date(2026, 11, 17), recorded_last=date(2026, 11, 14)) == ()
    assert planned_infusion(P, C1, recorded_last=date(2026, 11, 14)) == date(2026, 11, 17)
    assert planned_infusion(P, C1, recorded_last=date(2026, 11, 12)) == date(2026, 11, 15)


def test_every_conditioning_day_must_be_recorded_before_the_infusion():
    assert missing_conditioning_days(P, {}) == ("LD1", "LD2", "LD3")
    assert missing_conditioning_days(P, {"LD1": C1, "LD2": date(2026, 11, 11)}) == ("LD3",)
    assert missing_conditioning_days(P, {"LD1": C1, "LD2": date(2026, 11, 11), "LD3": date(2026, 11, 12)}) == ()


def test_conditioning_days_come_in_order_one_a_day():
    with pytest.raises(ScheduleError, match="LD1 is not recorded yet"):
        check_conditioning_day(P, "LD2", date(2026, 11, 11), {})
    with pytest.raises(ScheduleError, match="is not after LD1"):
        check_conditioning_day(P, "LD2", C1, {"LD1": C1})
    with pytest.raises(ScheduleError, match="is not before LD3"):
        check_conditioning_day(P, "LD2", date(2026, 11, 12), {"LD1": C1, "LD3": date(2026, 11, 12)})
    check_conditioning_day(P, "LD2", date(2026, 11, 11), {"LD1": C1})  # fine


def test_once_infused_conditioning_must_leave_the_gap_before_the_infusion():
    recorded = {"LD1": C1, "LD2": date(2026, 11, 11)}
    infusion = date(2026, 11, 15)
    check_conditioning_day(P, "LD3", date(2026, 11, 12), recorded, infusion)  # LD3 + 3 = infusion: fine
    with pytest.raises(ScheduleError, match="can be 2026-11-12 at the latest"):
        check_conditioning_day(P, "LD3", date(2026, 11, 13), recorded, infusion)
    with pytest.raises(ScheduleError, match="not before the infusion"):
        check_conditioning_day(P, "LD3", date(2026, 11, 16), recorded, infusion)
