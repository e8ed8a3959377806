"""The benchmark's in-memory CalDAV responder (benchmarks/caldav_memory_server.py) answers the
publisher as a real server does: if it did not (a 412 missed, an ETag ignored), the 1,000-participant
figure would time requests the product never makes against a real server."""

from __future__ import annotations

import caldav

from benchmarks.caldav_memory_server import MemoryCalDavServer
from ln_scheduler.publishing.caldav_server import CalDavCalendar
from tests.support.ics_events import one_event


def test_the_publisher_creates_then_updates_in_place_through_a_412_and_the_etag():
    with MemoryCalDavServer() as server:
        url = server.collection_url("visits")
        with CalDavCalendar(url, "site", "any password") as cal:
            assert cal.check(create=True, name="Visits") is True  # MKCALENDAR
            assert cal.check(create=True, name="Visits") is False  # PROPFIND finds the calendar
            assert cal.put("a@ln-scheduler", one_event("a@ln-scheduler", "104-001 · Day 7", 0)).created
            # the second put is refused as a create (412), reads the ETag, replaces with If-Match
            assert not cal.put("a@ln-scheduler", one_event("a@ln-scheduler", "104-001 · Day 9", 1)).created
        stored, etag = server.resources[f"{MemoryCalDavServer.HOME}visits/a@ln-scheduler.ics"]
        assert b"Day 9" in stored and b"SEQUENCE:1" in stored
        assert len(server.resources) == 1

        client = caldav.DAVClient(url=url, username="site", password="x", auth_type="basic")
        headers = {"Content-Type": "text/calendar; charset=utf-8"}
        body = one_event("a@ln-scheduler", "stale", 2).decode()
        assert client.put(url + "a@ln-scheduler.ics", body, {"If-None-Match": "*", **headers}).status == 412
        assert client.put(url + "a@ln-scheduler.ics", body, {"If-Match": '"not-it"', **headers}).status == 412
        assert client.put(url + "a@ln-scheduler.ics", body, {"If-Match": etag, **headers}).status == 204
        client.close()
