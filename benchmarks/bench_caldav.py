"""Publishing the calendar to a CalDAV server: the first publish of a site and the sync of one
change, each beside the floor of the same uploads made directly with the ``caldav`` client library
in the same run, against the same server on 127.0.0.1, started by this script in its own process:
by default (``--server memory``) the in-memory responder of ``caldav_memory_server.py``, or
(``--server radicale``) a Radicale in a temporary folder (a test dependency: ``pip install -e
.[test]``).

What is timed:

- **first publish**: ``Services.set_up_calendar`` (checks the server, queues every visit) plus
  ``Services.sync_calendar`` until the outbox is empty, on a SQLite site filled by bulk enrolment.
  Floor: the same event bodies (built beforehand with ``exports.event_resource``, untimed) sent by
  one ``caldav.DAVClient`` with ``DAVClient.put`` into a second, empty collection of the same
  server, one request per event with the same headers (``If-None-Match: *``): the requests the
  publisher makes, with nothing around them (no outbox, no reading visits, no building events).
- **one change**: one visit rebooked (untimed), then ``Services.sync_calendar``: it opens a
  connection, leases the outbox row, reads the visit, builds its event and replaces the server's
  copy conditionally (a create that the server refuses with 412, the ETag read, a PUT with
  ``If-Match``: three requests). Floor: a new ``DAVClient`` and one unconditional ``put`` of the
  same body. Best of ``--rounds`` (a shared machine only ever makes a run slower).

Both sides send the Basic credentials with the first request, as the publisher does (without,
every new connection's first request is answered 401, which Radicale delays like a failed login).
Both sides share the machine with the server (its work is in both wall times), so the client's CPU
time (``time.process_time`` of this process) is printed too: what the publisher itself costs per
event beside what sending the bodies costs.

Why the in-memory server by default, for the issue's 1,000 participants (about 23,000 events):
Radicale checks that a new event's UID is unique by reading every event of the collection
(``BaseCollection.has_uid`` over ``get_all()``), and other per-PUT work grows with the collection
too, so each create costs time in proportion to the events already there and a first publish grows
with the square of its size. Measured here (2 shared cores): 58 ms per PUT at 200 events, 186 ms at
1,000; a 1,000-participant site would take hours for the floor alone, and the figure would be
Radicale's growth, not the publisher's. Xandikos grows the same way. Servers that index UIDs
(Nextcloud/SabreDAV keep them in a database) do not; the in-memory responder does O(1) work per
request like them, so the ratio to the floor is the publisher's own. With ``--server radicale`` use
about 100 participants (``--participants 100``: 2,300 events, a few minutes).

Targets: the first publish within 2 x the floor's wall time (what the publisher adds per event, the
outbox, the visit reads and building the event, must stay small beside an HTTP request), and one
change under 1 s (what a coordinator could notice watching the status bar).

    python benchmarks/bench_caldav.py [--server memory|radicale] [--participants 1000] [--rounds 10]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.support (the Radicale launcher)

from caldav_memory_server import MemoryCalDavProcess
from user_dirs import use_temporary_user_dirs

NOW = datetime(2027, 6, 1, 12, 0, tzinfo=UTC)
HEADERS = {"Content-Type": "text/calendar; charset=utf-8"}


def seconds(run: Callable[[], object]) -> float:
    begin = time.perf_counter()
    run()
    return time.perf_counter() - begin


def wall_and_cpu(run: Callable[[], object]) -> tuple[float, float]:
    """Wall time and this process's CPU time (the server's work is in another process)."""
    cpu = time.process_time()
    wall = seconds(run)
    return wall, time.process_time() - cpu


def main() -> None:
    home = use_temporary_user_dirs()  # never the real ~/.config (audit key) nor the real keyring
    os.environ["PYTHON_KEYRING_BACKEND"] = "tests.support.file_keyring.FileKeyring"
    os.environ["LN_TEST_KEYRING_FILE"] = os.path.join(home, "keyring.json")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", choices=("memory", "radicale"), default="memory",
                        help="memory: caldav_memory_server.py (O(1) per request); radicale: a real Radicale")
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()

    import caldav

    from ln_scheduler.exports import event_resource
    from ln_scheduler.holiday_cache import install_holiday_cache
    from ln_scheduler.services.app import open_services
    from ln_scheduler.services.demo import synthetic_participants
    from tests.support.radicale_server import PASSWORD, USER, RadicaleServer

    install_holiday_cache()
    with tempfile.TemporaryDirectory(prefix="ln-bench-caldav-") as tmp:
        server = RadicaleServer(Path(tmp) / "radicale") if args.server == "radicale" else MemoryCalDavProcess()
        server.start()
        services = open_services(f"sqlite:///{Path(tmp) / 'site.sqlite3'}", user="bench", workstation="BENCH",
                                 clock=lambda: NOW)
        try:
            services.bulk_enrol(synthetic_participants(args.participants, services.today(), seed=11))
            site = services.site()
            visits = services.visits()
            bodies = {v.uid: body for v in visits if (body := event_resource(v, site, now=NOW)) is not None}
            print(f"{args.participants:,} participants, {len(visits):,} visits, {len(bodies):,} events to publish")

            kind = "in-memory responder, O(1) per request" if args.server == "memory" else "Radicale"
            print(f"server: {args.server} ({kind})")
            client = caldav.DAVClient(url=f"{server.base}/", username=USER, password=PASSWORD, auth_type="basic")
            floor_url = str(client.principal().make_calendar(name="floor", cal_id="floor").url)

            def floor_first() -> None:
                for uid, body in bodies.items():
                    response = client.put(f"{floor_url}{uid}.ics", body.decode("utf-8"),
                                          {"If-None-Match": "*", **HEADERS})
                    assert response.status in (200, 201, 204), response.status

            def first_publish() -> None:
                services.set_up_calendar(server.calendar_url, USER, PASSWORD, remember_password=False)
                while True:
                    report = services.sync_calendar(password=PASSWORD)
                    assert report.error is None and not report.failed, report.describe()
                    if report.pending == 0:
                        return

            # interleaved (ours, then the floor): both meet a server of the same age
            ours, ours_cpu = wall_and_cpu(first_publish)
            floor, floor_cpu = wall_and_cpu(floor_first)
            n = len(bodies)
            print(f"\nfirst publish, {n:,} events")
            print(f"  ln-scheduler (set-up + sync until empty): {ours:8.1f} s  {n / ours:7.0f} events/s  "
                  f"client CPU {ours_cpu * 1000 / n:5.2f} ms/event")
            print(f"  floor (caldav DAVClient.put, same bodies): {floor:7.1f} s  {n / floor:7.0f} events/s  "
                  f"client CPU {floor_cpu * 1000 / n:5.2f} ms/event")
            print(f"  ratio: {ours / floor:.2f} x the floor  (target <= 2 x the floor: "
                  f"{'met' if ours <= 2 * floor else 'NOT met'})")

            movable = [v for v in visits if v.status.is_open and v.earliest is not None and v.scheduled is not None
                       and v.earliest < v.scheduled and v.kind not in ("conditioning", "infusion")]
            ours_one: list[float] = []
            floor_one: list[float] = []
            for i in range(args.rounds):
                visit = movable[i * 37 % len(movable)]
                day = visit.earliest if i % 2 == 0 else visit.scheduled
                moved = services.book_visit(visit.participant_id, visit.code, day, occurrence=visit.occurrence)
                begin = time.perf_counter()
                report = services.sync_calendar(password=PASSWORD)
                ours_one.append(time.perf_counter() - begin)
                assert report.published == (moved.uid,), report.describe()
                body = event_resource(moved, site, now=NOW)
                assert body is not None
                url = f"{floor_url}{moved.uid}.ics"

                def floor_change(url: str = url, body: bytes = body) -> None:
                    fresh = caldav.DAVClient(url=f"{server.base}/", username=USER, password=PASSWORD,
                                             auth_type="basic")
                    response = fresh.put(url, body.decode("utf-8"), HEADERS)
                    assert response.status in (200, 201, 204), response.status
                    fresh.close()

                floor_one.append(seconds(floor_change))
            assert services.calendar_status().pending == 0
            print(f"\none change (a visit rebooked), best of {args.rounds}")
            print(f"  ln-scheduler calendar sync: {min(ours_one) * 1000:7.1f} ms  (median "
                  f"{statistics.median(ours_one) * 1000:.1f} ms)")
            print(f"  floor (new DAVClient + one put): {min(floor_one) * 1000:7.1f} ms  (median "
                  f"{statistics.median(floor_one) * 1000:.1f} ms)")
            print(f"  ratio: {min(ours_one) / min(floor_one):.2f} x the floor  (target < 1 s: "
                  f"{'met' if min(ours_one) < 1 else 'NOT met'})")
        finally:
            services.close()
            server.stop()


if __name__ == "__main__":
    main()
