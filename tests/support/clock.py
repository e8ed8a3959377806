"""The one fake clock of the tests: the services take it (``open_services(clock=...)``) and the
window asks the services for today (``MainWindow.today``), so advancing it moves the services and
the window alike, as real time would (midnight at the site passes for both at once)."""

from __future__ import annotations

from datetime import datetime, timedelta


class FixedClock:
    """The services' clock, set by the test; ``advance(hours=14)`` moves it on."""

    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)
