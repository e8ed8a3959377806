"""The CalDAV edge against a real Radicale: conditional writes, cancellation without deletion, and
the addresses it accepts. No database: these are the server-facing rules on their own."""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar

from ln_scheduler.publishing.caldav_server import CalDavCalendar, check_url
from tests.support.ics_events import one_event
from tests.support.radicale_server import PASSWORD, USER, RadicaleServer


@pytest.fixture
def calendar(tmp_path: Path):  # type: ignore[no-untyped-def]
    server = RadicaleServer(tmp_path / "radicale")
    server.start()
    with CalDavCalendar(server.calendar_url, USER, PASSWORD) as cal:
        assert cal.check(create=True, name="Visits") is True  # made on first use
        yield cal
    server.stop()



def _on_server(cal: CalDavCalendar) -> dict[str, dict[str, str]]:
    found = {}
    for data in cal.events():
        for e in Calendar.from_ical(data).walk("VEVENT"):
            found[str(e["UID"])] = {"SUMMARY": str(e["SUMMARY"]), "SEQUENCE": str(e.get("SEQUENCE")),
                                    "STATUS": str(e.get("STATUS", ""))}
    return found


def test_create_then_update_in_place_and_a_copy_edited_on_the_server_is_replaced(calendar):
    assert calendar.put("a@ln-scheduler", one_event("a@ln-scheduler", "104-001 · Day 7")).created
    assert not calendar.put("a@ln-scheduler", one_event("a@ln-scheduler", "104-001 · Day 7", 1)).created
    import caldav

    someone_else = caldav.DAVClient(url=calendar.url, username=USER, password=PASSWORD)  # a person edits it
    edited = one_event("a@ln-scheduler", "edited by hand", 1).decode()
    someone_else.put(calendar.object_url("a@ln-scheduler"), edited, {})
    calendar.put("a@ln-scheduler", one_event("a@ln-scheduler", "104-001 · Day 7", 2))
    assert _on_server(calendar) == {"a@ln-scheduler": {"SUMMARY": "104-001 · Day 7", "SEQUENCE": "2", "STATUS": ""}}


def test_cancel_rewrites_the_servers_copy_and_never_deletes(calendar):
    calendar.put("b@ln-scheduler", one_event("b@ln-scheduler", "104-002 · Month 3", 4))
    assert calendar.cancel("b@ln-scheduler") is True
    assert calendar.cancel("b@ln-scheduler") is False  # already cancelled: left alone
    assert calendar.cancel("never-published@ln-scheduler") is False  # nothing to cancel
    assert _on_server(calendar) == {"b@ln-scheduler": {"SUMMARY": "104-002 · Month 3", "SEQUENCE": "5",
                                                        "STATUS": "CANCELLED"}}


@pytest.mark.parametrize(("url", "words"), [
    ("ftp://example.org/cal/", "not a calendar address"),
    ("example.org/cal", "not a calendar address"),
    ("", "not a calendar address"),
    ("http://cloud.example.org/dav/", "not encrypted"),
    ("https://coord:pw@cloud.example.org/dav/", "user name in its own field"),
    ("http://[::1/dav/", "not a calendar address"),  # urlsplit's own 'Invalid IPv6 URL' said nothing useful
    ("https://cloud.example.org:99999/dav/", "not a calendar address"),  # no such port
    ("https://cloud.example.org:https/dav/", "not a calendar address"),
])
def test_addresses_that_are_refused(url, words):
    with pytest.raises(ValueError, match=words):
        check_url(url)


@pytest.mark.parametrize("url", ["https://cloud.example.org/remote.php/dav/calendars/coord/visits",
                                 "http://127.0.0.1:5232/coord/visits/", "http://localhost/c/", "http://[::1]/c/"])
def test_addresses_that_are_accepted_end_in_a_slash(url):
    assert check_url(url).endswith("/") and check_url(url).startswith(url.rstrip("/"))
