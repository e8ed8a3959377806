"""The calendar publisher sends a first publish in hundreds of batches: each batch may wait for the
user as a task does (``give_way.MAX_WAIT_S`` while the user keeps clicking), so a long publish never
stops giving way once the task's cap (``MAX_TASK_WAIT_S``) is spent. Time and the services are
faked: these are rules, not timings."""

from __future__ import annotations

import threading
from types import SimpleNamespace
from typing import Any

import pytest

from ln_scheduler.services.calendar_publishing import PublishState
from ln_scheduler.ui import calendar_publisher
from ln_scheduler.ui import give_way as gw
from tests.support.clock import FakeMonotonic

BATCHES = 12


class Services:
    """A site with ``BATCHES`` batches waiting; each sync sends one."""

    def __init__(self, clock: FakeMonotonic) -> None:
        self.left = BATCHES
        self.clock = clock
        self.slept_before_each: list[float] = []

    def calendar_status(self) -> Any:
        return SimpleNamespace(state=PublishState.PENDING, pending=self.left, as_seen_after=lambda report: self)

    def sync_calendar(self, *, limit: int, force: bool) -> Any:
        self.slept_before_each.append(self.clock.slept)
        self.left -= 1
        return SimpleNamespace(error=None, pending=self.left, published=1, cancelled=0)


def test_every_batch_of_a_long_publish_gives_way_to_a_busy_user(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = FakeMonotonic(after_sleep=gw.user_acted)  # the coordinator keeps clicking
    monkeypatch.setattr(gw.time, "monotonic", clock.monotonic)
    monkeypatch.setattr(gw.time, "sleep", clock.sleep)
    gw.user_acted()
    services = Services(clock)
    try:
        calendar_publisher._send_outbox(services, threading.Event(), lambda status: None)  # type: ignore[arg-type]
    finally:
        gw.release()
    waits = [b - a for a, b in zip(services.slept_before_each, services.slept_before_each[1:], strict=False)]
    assert len(services.slept_before_each) == BATCHES
    assert BATCHES * gw.MAX_WAIT_S > gw.MAX_TASK_WAIT_S  # more than one task's cap in all
    assert waits == pytest.approx([gw.MAX_WAIT_S] * (BATCHES - 1), abs=0.01)
