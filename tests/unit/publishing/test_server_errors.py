"""What a site's IT person reads when the calendar server fails: one plain sentence with the essential
reason (connection refused, no answer, certificate not trusted), never the HTTP library's internals
(connection pools, object addresses, retry counters). Real failures on 127.0.0.1, no database."""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from ln_scheduler.publishing.caldav_server import CalDavCalendar, CalendarServerError
from tests.support.radicale_server import PASSWORD, USER, RadicaleServer, free_port

_EVENT = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:a@ln-scheduler\r\n"
          b"DTSTAMP:20270301T120000Z\r\nDTSTART;VALUE=DATE:20270301\r\nSUMMARY:104-001\r\nEND:VEVENT\r\n"
          b"END:VCALENDAR\r\n")
#: What the library's own messages carry and a person should never have to read.
_NOISE = re.compile(r"ConnectionPool|Max retries|object at 0x|Caused by|NewConnectionError|Errno|_ssl\.c")


def _failure(url: str, *, timeout: int = 15) -> CalendarServerError:
    with pytest.raises(CalendarServerError) as caught, CalDavCalendar(url, USER, PASSWORD, timeout=timeout) as cal:
        cal.put("a@ln-scheduler", _EVENT)
    return caught.value


def _assert_plain(message: str) -> None:
    assert "\n" not in message
    assert not _NOISE.search(message), message
    assert len(message) < 200, message


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A server that accepts connections and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield int(listener.getsockname()[1])


@pytest.fixture
def hanging_up_port() -> Iterator[int]:
    """A server that closes every connection without a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)

    def hang_up() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            conn.close()

    threading.Thread(target=hang_up, daemon=True).start()
    yield int(listener.getsockname()[1])
    listener.close()


def test_nothing_listening_reads_connection_refused():
    url = f"http://127.0.0.1:{free_port()}/site/visits/"
    error = _failure(url)
    assert str(error) == f"the calendar server at {url} cannot be reached (connection refused)"
    assert error.kind == "unreachable"


def test_a_server_that_never_answers_reads_no_answer_in_time(silent_port):
    error = _failure(f"http://127.0.0.1:{silent_port}/site/visits/", timeout=1)
    assert "cannot be reached (no answer within 1 s)" in str(error)
    _assert_plain(str(error))


def test_a_server_that_hangs_up_reads_closed_the_connection(hanging_up_port):
    error = _failure(f"http://127.0.0.1:{hanging_up_port}/site/visits/")
    assert "cannot be reached (the connection was closed without an answer)" in str(error)
    _assert_plain(str(error))


def test_a_self_signed_certificate_reads_not_trusted_and_why(tmp_path: Path):
    server = RadicaleServer(tmp_path / "self-signed", tls=True)
    server.start()
    try:
        error = _failure(server.calendar_url)
    finally:
        server.stop()
    assert str(error) == (f"the calendar server at {server.calendar_url} could not be trusted (its TLS certificate "
                          "was refused: self-signed certificate)")
    assert error.kind == "tls"


def test_an_address_that_mentions_ssl_or_tls_is_not_mistaken_for_a_certificate_problem():
    """The words 'ssl'/'tls' in a host or path are not a TLS failure (the kind decides the status)."""
    url = f"http://127.0.0.1:{free_port()}/tls-ssl/visits/"
    error = _failure(url)
    assert error.kind == "unreachable" and "connection refused" in str(error)


def test_a_calendar_of_another_account_reads_not_allowed_not_a_refused_login(tmp_path: Path):
    """403 (logged in, but this account may not use that collection) is not a wrong password (401)."""
    server = RadicaleServer(tmp_path / "radicale")
    server.start()
    try:
        url = server.calendar_url.replace(f"/{USER}/", "/someone-else/")
        with pytest.raises(CalendarServerError) as caught, CalDavCalendar(url, USER, PASSWORD) as cal:
            cal.check(create=True, name="Visits")
    finally:
        server.stop()
    assert str(caught.value) == (f"the calendar server at {url} answered with an error (403 Forbidden: {USER} may "
                                 "not use this calendar; check the address and the account's rights there)")
    assert "refused the login" not in str(caught.value)


def test_a_calendar_that_cannot_be_created_there_says_so_in_words(tmp_path: Path):
    """MKCALENDAR under a folder that does not exist: 409 (RFC 4791 5.3.1), said as a person reads it,
    not as the library's exception ('MkcalendarError at ..., reason no reason')."""
    server = RadicaleServer(tmp_path / "radicale", auth="none")
    server.start()
    try:
        url = f"{server.base}/no-such-folder/visits/"
        with pytest.raises(CalendarServerError) as caught, CalDavCalendar(url, None, None) as cal:
            cal.check(create=True, name="Visits")
    finally:
        server.stop()
    assert str(caught.value) == (f"the calendar server at {url} answered with an error (409 Conflict when creating "
                                 "the calendar: the folder above it does not exist)")
    _assert_plain(str(caught.value))
