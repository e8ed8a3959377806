"""Publishing to a CalDAV server: the first publish of a site and the sync of one change, beside the
floor of the same uploads made directly with the ``caldav`` client in the same run.

A local Radicale (the test server: 127.0.0.1, a temporary folder) receives both; the floor PUTs the
very same event bodies, unconditionally, into a second collection, so the difference is what the
publisher adds: the outbox (claim, delete), reading the visits, building the events, the ETag
preconditions. Run from the repository root::

    python benchmarks/bench_caldav.py [--participants 1000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.support

from user_dirs import use_temporary_user_dirs


def main(argv: list[str]) -> int:
    use_temporary_user_dirs()
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=1000)
    args = parser.parse_args(argv)

    import os

    from ln_scheduler.exports import event_resource
    from ln_scheduler.publishing.caldav_server import CalDavCalendar
    from ln_scheduler.services.app import open_services
    from ln_scheduler.services.demo import synthetic_participants
    from tests.support.radicale_server import PASSWORD, USER, RadicaleServer

    folder = Path(tempfile.mkdtemp(prefix="ln-bench-caldav-"))
    os.environ["PYTHON_KEYRING_BACKEND"] = "tests.support.file_keyring.FileKeyring"
    os.environ["LN_TEST_KEYRING_FILE"] = str(folder / "keyring.json")
    server = RadicaleServer(folder / "radicale")
    server.start()
    try:
        svc = open_services(f"sqlite:///{folder / 'site.sqlite3'}")
        svc.bulk_enrol(synthetic_participants(args.participants, svc.today()))
        svc.set_up_calendar(server.calendar_url, USER, PASSWORD)
        queued = svc.calendar_status().pending

        start = time.perf_counter()
        report = svc.sync_calendar()
        publish = time.perf_counter() - start
        assert report.ok, report.error
        events = len(report.published)

        pid = svc.participants()[0].id
        visit = next(v for v in svc.participant(pid).visits if v.scheduled and v.status.is_open)
        svc.book_visit(pid, visit.code, visit.scheduled + timedelta(days=1), occurrence=visit.occurrence)
        start = time.perf_counter()
        one = svc.sync_calendar()
        change = time.perf_counter() - start
        assert one.published == (visit.uid,), one

        bodies = [(v.uid, event_resource(v, svc.site(), now=svc.now())) for v in svc.visits()]
        bodies = [(uid, body) for uid, body in bodies if body is not None]
        floor_url = server.calendar_url.replace("/visits/", "/floor/")
        with CalDavCalendar(floor_url, USER, PASSWORD) as floor:
            floor.check(create=True, name="floor")
            client = floor._client
            start = time.perf_counter()
            for uid, body in bodies:
                client.put(floor.object_url(uid), body.decode(), {"Content-Type": "text/calendar; charset=utf-8"})
            floor_all = time.perf_counter() - start
            uid, body = bodies[0]
            start = time.perf_counter()
            client.put(floor.object_url(uid), body.decode(), {"Content-Type": "text/calendar; charset=utf-8"})
            floor_one = time.perf_counter() - start
        svc.close()
    finally:
        server.stop()

    print(f"participants: {args.participants}, events queued: {queued}, published: {events}")
    print(f"first publish: {publish:.1f} s ({events / publish:.0f} events/s); floor (direct PUTs of the same "
          f"bodies): {floor_all:.1f} s ({len(bodies) / floor_all:.0f} events/s); ratio {publish / floor_all:.2f}")
    print(f"sync of one change: {change * 1000:.0f} ms; floor (one PUT): {floor_one * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
