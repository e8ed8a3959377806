"""Background reads give way to the user's clicks: a worker waits at its next step while the
user's last action is fresh, never longer than the cap, and not at all otherwise. Time is faked:
these are rules, not timings."""

from __future__ import annotations

import pytest

from ln_scheduler.ui import give_way as gw
from tests.support.clock import FakeMonotonic as FakeClock


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(gw.time, "monotonic", fake.monotonic)
    monkeypatch.setattr(gw.time, "sleep", fake.sleep)
    monkeypatch.setattr(gw, "_user_until", 0.0)
    return fake


def test_without_a_recent_action_the_worker_goes_on_at_once(clock: FakeClock) -> None:
    gw.give_way()
    assert clock.slept == 0
    assert gw.ms_until_user_idle() == 0


def test_after_an_action_the_worker_waits_until_the_action_has_had_its_time(clock: FakeClock) -> None:
    gw.user_acted()
    assert 0 < gw.ms_until_user_idle() <= gw.USER_ACTION_S * 1000 + 1
    clock.now += 0.1
    gw.give_way()
    assert clock.slept == pytest.approx(gw.USER_ACTION_S - 0.1, abs=0.003)
    assert gw.ms_until_user_idle() == 0


def test_a_user_who_keeps_clicking_does_not_stop_the_worker_for_longer_than_the_cap(clock, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    real_sleep = clock.sleep

    def sleep_while_clicking(seconds: float) -> None:
        real_sleep(seconds)
        gw.user_acted()  # another click, and another

    monkeypatch.setattr(gw.time, "sleep", sleep_while_clicking)
    gw.user_acted()
    gw.give_way()
    assert clock.slept == pytest.approx(gw.MAX_WAIT_S, abs=0.003)


def test_once_released_a_waiting_worker_goes_on_at_once(clock: FakeClock) -> None:
    """Closing the window releases the workers: nobody is left to give way to."""
    gw.user_acted()
    gw.release()
    assert gw.ms_until_user_idle() == 0
    gw.give_way()
    assert clock.slept == 0


def test_a_task_of_many_steps_waits_no_longer_in_all_than_the_task_cap(clock, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A refresh gives way between steps of 1,000 rows: ~100 steps for a site that fell behind. A
    user who keeps clicking holds it back for the task's cap in all, not 100 times the step's cap."""
    real_sleep = clock.sleep

    def sleep_while_clicking(seconds: float) -> None:
        real_sleep(seconds)
        gw.user_acted()

    monkeypatch.setattr(gw.time, "sleep", sleep_while_clicking)
    gw.new_task()
    gw.user_acted()
    for _ in range(100):
        gw.give_way()
    assert clock.slept == pytest.approx(gw.MAX_TASK_WAIT_S, abs=0.01)
    gw.new_task()  # the next task (the next refresh) gives way again
    before = clock.slept
    gw.give_way()
    assert clock.slept - before == pytest.approx(gw.MAX_WAIT_S, abs=0.003)

