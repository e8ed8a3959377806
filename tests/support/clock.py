"""The one fake clock of the tests: the services take it (``open_services(clock=...)``) and the
window asks the services for today (``MainWindow.today``), so advancing it moves the services and
the window alike, as real time would (midnight at the site passes for both at once)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta


class FixedClock:
    """The services' clock, set by the test; ``advance(hours=14)`` moves it on."""

    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


class FakeMonotonic:
    """``time.monotonic`` and ``time.sleep`` for rules about waiting (``ui.give_way``): sleeping
    moves ``now`` on at once and adds to ``slept``; ``after_sleep`` runs after each sleep (a user
    who keeps clicking)."""

    def __init__(self, after_sleep: Callable[[], None] | None = None) -> None:
        self.now = 1000.0
        self.slept = 0.0
        self.after_sleep = after_sleep

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds
        self.slept += seconds
        if self.after_sleep is not None:
            self.after_sleep()
