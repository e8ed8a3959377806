"""Events per second of the .ics export of a large site, beside icalendar's own floor.

The floor is what ``icalendar`` itself manages in the same run for bare events (UID, DTSTAMP,
DTSTART, DTEND, SUMMARY; built with ``Event.add`` and serialized with the calendar); the target
is at least half of it. Our events carry more (description, categories, status, sequence,
optionally an alarm), so they cost more; the ratio shows what that costs.

Rounds are interleaved and the best of each is kept, because a shared machine only ever makes a
run slower. Run from the repository root::

    /tmp/venv/bin/python benchmarks/bench_ics.py [--participants 1000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.support

from icalendar import Calendar, Event

from ln_scheduler.domain.protocol import VisitKind
from ln_scheduler.domain.protocol_loader import load_default_protocol
from ln_scheduler.domain.visit_status import VisitStatus
from ln_scheduler.exports import build_calendar, build_csv
from ln_scheduler.services.records import VisitRecord
from tests.support.sample_records import SITE, sample_participant

NOW = datetime(2027, 6, 1, 12, 0, tzinfo=UTC)
TODAY = NOW.date()


def site_visits(participants: int) -> list[VisitRecord]:
    """A realistic site: enrolments spread over two years, earlier ones partly done, a few
    booked appointment times, a withdrawal now and then, two unscheduled visits each."""
    protocol = load_default_protocol()
    visits: list[VisitRecord] = []
    for i in range(participants):
        start = date(2026, 1, 6) + timedelta(days=(i * 5) % 730)
        record = sample_participant(
            pid=f"104-{i:03d}", initials="XX", conditioning_start=start, today=TODAY,
            protocol=protocol, done_through=TODAY - timedelta(days=1),
        )
        withdrawn = i % 25 == 0
        for v in record.visits:
            v = replace(v, uid=str(uuid.uuid4()))
            if v.status.is_open and withdrawn:
                v = replace(v, status=VisitStatus.CANCELLED, sequence=1)
            elif v.status.is_open and v.code in ("D1", "M3"):
                v = replace(v, scheduled_time=clock_time(9, 30), sequence=1)
            visits.append(v)
        for n in (1, 2):
            day = start + timedelta(days=40 * n)
            visits.append(VisitRecord(
                id=0, participant_id=record.id, code="UNS", name="Unscheduled visit",
                kind=VisitKind.UNSCHEDULED, occurrence=n, study_day=None, target=None,
                earliest=None, latest=None, scheduled=day, scheduled_time=None,
                actual=day if day < TODAY else None,
                status=VisitStatus.DONE if day < TODAY else VisitStatus.UPCOMING,
                procedures=("VS", "CONMED", "AE"), uid=str(uuid.uuid4()),
            ))
    return visits


def floor(visits: list[VisitRecord]) -> bytes:
    """icalendar's floor: bare events, built with its ordinary API and serialized."""
    calendar = Calendar()
    calendar.add("prodid", "-//bench//floor//EN")
    calendar.add("version", "2.0")
    for v in visits:
        day = v.actual or v.scheduled
        event = Event()
        event.add("uid", v.uid)
        event.add("dtstamp", NOW)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", f"{v.participant_id} · {v.label}")
        calendar.add_component(event)
    return calendar.to_ical()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    t0 = time.perf_counter()
    visits = site_visits(args.participants)
    print(f"{args.participants} participants, {len(visits)} visits "
          f"(records built in {time.perf_counter() - t0:.1f} s)")
    protocol = load_default_protocol()

    def export(**options: object) -> Callable[[], bytes]:
        return lambda: build_calendar(visits, SITE, now=NOW, name="Bench", **options)  # type: ignore[arg-type]

    cases: dict[str, Callable[[], bytes]] = {
        "icalendar floor (bare events)": lambda: floor(visits),
        "export, default (procedure codes)": export(),
        "export, 2-day reminders": export(reminder_days=2),
        "export, reminders + procedure names": export(reminder_days=2, protocol=protocol),
        "csv export": lambda: build_csv(visits),
    }
    seconds: dict[str, list[float]] = {name: [] for name in cases}
    sizes: dict[str, int] = {}
    for _ in range(args.rounds):
        for name, run in cases.items():
            t = time.perf_counter()
            sizes[name] = len(run())
            seconds[name].append(time.perf_counter() - t)

    n = len(visits)
    best_floor = n / min(seconds["icalendar floor (bare events)"])
    print(f"\n{'case':40} {'best ev/s':>10} {'median':>8} {'vs floor':>9} {'MB':>6}")
    for name, runs in seconds.items():
        best = n / min(runs)
        median = n / statistics.median(runs)
        print(f"{name:40} {best:10.0f} {median:8.0f} {best / best_floor:9.2f} "
              f"{sizes[name] / 1e6:6.1f}")
    print("\ntarget: every .ics case at least 0.50 of the floor (best of "
          f"{args.rounds} interleaved rounds)")


if __name__ == "__main__":
    main()
