"""The CalDAV edge: one calendar collection on a server, written through the ``caldav`` library.

Nothing here knows about visits: it stores and reads calendar object resources (one event each,
RFC 4791 4.1) by UID. Every write is conditional, so it replaces exactly the copy it was decided
on, never one that another writer stored in between:

- a new event is PUT with ``If-None-Match: *`` (created only if nothing is there yet);
- an existing one is read first (its ETag), then PUT with ``If-Match: <etag>``; a 412 (changed in
  between) reads it again and retries a few times.

The site's records are the source: a copy someone edited by hand on the server is replaced by the
site's version of the event the next time that visit changes (a published calendar, not a shared
diary).

A visit that stops existing is never DELETEd: :meth:`CalDavCalendar.cancel` rewrites the server's
own copy with ``STATUS:CANCELLED`` and a higher SEQUENCE, which every subscribed client shows.

TLS certificates are always verified (``ssl_verify_cert=True``); plain ``http://`` is accepted only
for the machine itself (a test server, a server behind a local TLS proxy), since the login would
otherwise cross the network in clear text.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from typing import TYPE_CHECKING, TypeVar, cast
from urllib.parse import quote, urlsplit

if TYPE_CHECKING:
    from caldav.calendarobjectresource import Event

#: Seconds one HTTP request may take before the server counts as unreachable.
TIMEOUT = 15
#: Retries of one conditional write that lost a race (412) before giving up on that event.
RACE_RETRIES = 3
_ICS = {"Content-Type": "text/calendar; charset=utf-8"}
T = TypeVar("T")


class CalendarServerError(Exception):
    """The server as a whole cannot be used: unreachable, TLS refused, login refused, not a
    calendar. The message is one sentence for a person; ``kind`` is for the status."""

    def __init__(self, message: str, kind: str = "unreachable"):
        super().__init__(message)
        self.kind = kind


class EventRefusedError(Exception):
    """The server refused one event (the others may still go)."""


def check_url(url: str) -> str:
    """The collection URL, normalised (ending in ``/``), or ValueError saying what is wrong."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  # raises for a port that is not a number from 0 to 65535
        valid = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:  # 'Invalid IPv6 URL', 'Port out of range 0-65535': said below in the site's words
        valid = False
    if not valid:
        raise ValueError(f"'{url}' is not a calendar address: give the https:// URL of a CalDAV calendar "
                         "collection (e.g. https://cloud.example.org/remote.php/dav/calendars/USER/visits/)")
    if parts.scheme == "http" and not _is_local(parts.hostname):
        raise ValueError(f"'{url}' is not encrypted (http://): the password would cross the network in clear text; "
                         "use the server's https:// address")
    if parts.username or parts.password:
        raise ValueError("put the user name in its own field, not in the URL (and never the password)")
    return url if url.endswith("/") else url + "/"


def _is_local(host: str | None) -> bool:
    if host is None:  # a URL without a host never gets here (check_url refuses it first)
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class PutResult:
    created: bool  # False: an existing event was updated


class CalDavCalendar:
    """One collection, one HTTP session. Use as a context manager (closes the connection)."""

    def __init__(self, url: str, user: str | None, password: str | None, *, timeout: int = TIMEOUT):
        self.url = check_url(url)
        self._login = (user or None, password or None, timeout)
        # Basic credentials with the first request (TLS, or the machine itself: see check_url): no
        # 401 round trip per connection, which some servers (Radicale) answer only after a delay
        # meant for failed logins (a one-change sync took 1 s instead of 40 ms). A server that
        # wants another scheme gets the library's negotiation instead (see _retry_login).
        self._connect(preemptive_basic=bool(user and password))

    def _connect(self, *, preemptive_basic: bool) -> None:
        # the modules ``caldav.DAVClient``/``caldav.Calendar`` lazily come from: typed, unlike the
        # package's __getattr__ (and what ``DAVClient.calendar(url=...)`` builds, without its untyped call)
        from caldav.collection import Calendar
        from caldav.davclient import DAVClient

        user, password, timeout = self._login
        self._preemptive = preemptive_basic
        self._client = DAVClient(url=self.url, username=user, password=password, timeout=timeout,
                                 ssl_verify_cert=True, enable_rfc6764=False,
                                 auth_type="basic" if preemptive_basic else None)
        self._calendar = Calendar(client=self._client, url=self.url)

    def _retry_login(self, exc: CalendarServerError) -> bool:
        """After a refused login with preemptive Basic: reconnect negotiating the scheme; True when
        the caller should try again (once)."""
        if not (self._preemptive and exc.kind == "login-refused"):
            return False
        self.close()
        self._connect(preemptive_basic=False)
        return True

    def _once_more_on_login(self, call: Callable[[], T]) -> T:
        try:
            return self._as_server_failure(call)
        except CalendarServerError as exc:
            if not self._retry_login(exc):
                raise
        return self._as_server_failure(call)

    def _as_server_failure(self, call: Callable[[], T]) -> T:
        """The network and the library raise many types: all mean "the server failed" (said in one line
        for a person by :func:`server_error`); an event the server refused, or a failure already said
        in words, is raised as it is."""
        try:
            return call()
        except (EventRefusedError, CalendarServerError):
            raise
        except Exception as exc:
            raise server_error(exc, self.url, self._login[2], self._login[0]) from exc

    # -- what callers use (each the _..._once below, with the login fallback) --------------
    def check(self, *, create: bool, name: str) -> bool:
        """Log in and make sure the URL is a calendar collection (created, named ``name``, when it
        is missing and ``create``). True when it was created."""
        return self._once_more_on_login(lambda: self._check_once(create=create, name=name))

    def put(self, uid: str, body: bytes) -> PutResult:
        """Store this event (create or replace), conditionally (see the module docstring)."""
        return self._once_more_on_login(lambda: self._put_once(uid, body))

    def cancel(self, uid: str) -> bool:
        """Turn the server's copy of this event STATUS:CANCELLED (SEQUENCE one higher), if there is
        one and it is not cancelled already. True when it was changed."""
        return self._once_more_on_login(lambda: self._cancel_once(uid))

    def events(self) -> list[bytes]:
        """Every event resource of the collection, as stored (what a subscribed reader sees)."""
        return self._once_more_on_login(self._events_once)

    def __enter__(self) -> CalDavCalendar:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        close = getattr(self._client, "close", None)
        if close is not None:
            close()

    # -- the collection -------------------------------------------------------------------
    def _check_once(self, *, create: bool, name: str) -> bool:
        from caldav.lib import error

        try:
            self._calendar.get_display_name()
            return False
        except error.NotFoundError:
            if not create:
                raise CalendarServerError(f"there is no calendar at {self.url}", "not-a-calendar") from None
        return self._create(name)

    def _create(self, name: str) -> bool:
        from caldav.collection import Calendar, CalendarSet

        path = self.url.rstrip("/")
        parent_url, _, last = path.rpartition("/")
        parent = CalendarSet(client=self._client, url=parent_url + "/")
        Calendar(client=self._client, parent=parent, id=last, name=name).save()
        return True

    # -- events ---------------------------------------------------------------------------
    def object_url(self, uid: str) -> str:
        return self.url + quote(uid, safe="@-_.") + ".ics"

    def _put_once(self, uid: str, body: bytes) -> PutResult:
        url = self.object_url(uid)
        text = body.decode("utf-8")
        response = self._client.put(url, text, {"If-None-Match": "*", **_ICS})
        if response.status in (200, 201, 204):
            return PutResult(created=True)
        if response.status != 412:
            raise _refused(response, uid)
        for _ in range(RACE_RETRIES):
            etag = self._etag(url)
            if etag is None:  # deleted in between: create again
                response = self._client.put(url, text, {"If-None-Match": "*", **_ICS})
                if response.status in (200, 201, 204):
                    return PutResult(created=True)
            else:
                response = self._client.put(url, text, {**_if_match(etag), **_ICS})
                if response.status in (200, 201, 204):
                    return PutResult(created=False)
            if response.status != 412:
                raise _refused(response, uid)
        raise EventRefusedError(f"event {uid}: changed on the server by someone else at every try")

    def _cancel_once(self, uid: str) -> bool:
        url = self.object_url(uid)
        for _ in range(RACE_RETRIES):
            event = self._load(url)
            if event is None:
                return False
            component = event.icalendar_component
            if str(component.get("STATUS", "")).upper() == "CANCELLED":
                return False
            component.pop("STATUS", None)
            component.add("STATUS", "CANCELLED")
            sequence = int(component.get("SEQUENCE", 0)) + 1
            component.pop("SEQUENCE", None)
            component.add("SEQUENCE", sequence)
            for alarm in [c for c in component.subcomponents if c.name == "VALARM"]:
                component.subcomponents.remove(alarm)
            body = event.icalendar_instance.to_ical().decode("utf-8")
            response = self._client.put(url, body, {**_if_match(event.etag), **_ICS})
            if response.status in (200, 201, 204):
                return True
            if response.status != 412:
                raise _refused(response, uid)
        raise EventRefusedError(f"event {uid}: changed on the server by someone else at every try")

    def _events_once(self) -> list[bytes]:
        # caldav types events() for its async client too (a Coroutine); the sync DAVClient used here returns the list
        events = cast("list[Event]", self._calendar.events())
        return [e.data.encode("utf-8") if isinstance(e.data, str) else e.data for e in events]

    def _load(self, url: str) -> Event | None:
        from caldav.calendarobjectresource import Event
        from caldav.lib import error

        event = Event(client=self._client, url=url, parent=self._calendar)
        try:
            event.load()
        except error.NotFoundError:
            return None
        return event

    def _etag(self, url: str) -> str | None:
        event = self._load(url)
        if event is None:
            return None
        return event.etag


def _if_match(etag: str | None) -> dict[str, str]:
    """The precondition for an update. A weak ETag (``W/"..."``, GMX) can never match (RFC 9110
    13.1.1), so with one the update goes out unconditionally, as the caldav library does."""
    if not etag or etag.startswith("W/"):
        return {}
    return {"If-Match": etag}


def _refused(response: object, uid: str) -> EventRefusedError:
    status = getattr(response, "status", "?")
    reason = getattr(response, "reason", "") or ""
    return EventRefusedError(f"event {uid}: the server answered {status} {reason}".strip())


def server_error(exc: BaseException, url: str, timeout: float | None = None,
                 user: str | None = None) -> CalendarServerError:
    """A failure of the server as a whole, in words (the library's and the network's errors).

    The kind is decided by the exception types down the chain (``__cause__``/``__context__``), never
    by words in the message: an address such as ``https://tls.example.org/`` is in every message."""
    from caldav.lib import error

    if isinstance(exc, CalendarServerError):
        return exc
    if isinstance(exc, error.AuthorizationError) and getattr(exc, "status", None) == 403:
        # logged in, but this account may not use that collection (another user's, or read-only)
        return CalendarServerError(f"the calendar server at {url} answered with an error (403 Forbidden: "
                                   f"{user or 'this account'} may not use this calendar; check the address and the "
                                   "account's rights there)", "forbidden")
    if isinstance(exc, error.AuthorizationError):
        return CalendarServerError(f"the calendar server at {url} refused the login (check the user name and "
                                   "password)", "login-refused")
    chain = _chain(exc)
    certificate = next((e for e in chain if isinstance(e, ssl.SSLCertVerificationError)), None)
    if certificate is not None:
        return CalendarServerError(f"the calendar server at {url} could not be trusted (its TLS certificate was "
                                   f"refused: {_certificate_reason(certificate)})", "tls")
    if "certificate verify failed" in str(chain[-1]).lower():  # an HTTP stack that words it, not types it
        return CalendarServerError(f"the calendar server at {url} could not be trusted (its TLS certificate was "
                                   f"refused: {_plain(chain[-1])})", "tls")
    tls = next((e for e in chain if isinstance(e, ssl.SSLError)), None)
    if tls is not None:
        return CalendarServerError(f"the calendar server at {url} could not be trusted (the TLS connection "
                                   f"failed: {_plain(getattr(tls, 'reason', None) or tls)})", "tls")
    reason = _network_reason(chain, timeout)
    if reason is None and isinstance(exc, error.DAVError):
        return CalendarServerError(f"the calendar server at {url} answered with an error ({_dav_reason(exc)})",
                                   "refused")
    return CalendarServerError(f"the calendar server at {url} cannot be reached ({reason or _plain(chain[-1])})",
                               "unreachable")


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception and what caused it, outermost first (the HTTP stack wraps the OS error 3 deep)."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def _network_reason(chain: list[BaseException], timeout: float | None) -> str | None:
    """The essential reason of a network failure, in a few words, or None when it is not one."""
    for exc in reversed(chain):  # innermost first: the OS error says it best
        if isinstance(exc, ConnectionRefusedError):
            return "connection refused"
        if isinstance(exc, socket.gaierror):
            return "the host name is not known"
        if isinstance(exc, TimeoutError | socket.timeout) or "timeout" in type(exc).__name__.lower():
            return f"no answer within {timeout:g} s" if timeout else "no answer in time"
        if isinstance(exc, ConnectionResetError | ConnectionAbortedError | BrokenPipeError):
            return "the connection was closed without an answer"
        if isinstance(exc, OSError) and exc.strerror:
            return exc.strerror[:1].lower() + exc.strerror[1:]
    names = " ".join(type(e).__name__ for e in chain)
    if "RemoteDisconnected" in names or "ProtocolError" in names:
        return "the connection was closed without an answer"
    if "ConnectionError" in names or "NameResolution" in names:
        return _plain(chain[-1])
    return None


#: What the request was doing, by the caldav library's error class (for "409 Conflict when ...").
_DOING = {"MkcalendarError": "creating the calendar", "MkcolError": "creating the calendar",
          "PropfindError": "reading the calendar", "ProppatchError": "naming the calendar",
          "PutError": "storing an event", "ReportError": "listing the events", "DeleteError": "deleting"}


def _dav_reason(exc: BaseException) -> str:
    """'409 Conflict when creating the calendar: ...' from a caldav error (whose own text reads
    "MkcalendarError at '409 Conflict ...', reason no reason")."""
    status = getattr(exc, "status", None)
    if not status:
        reason = getattr(exc, "reason", "") or ""
        return _plain(reason if reason and reason != "no reason" else exc)
    try:
        text = f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        text = str(status)
    doing = _DOING.get(type(exc).__name__)
    if doing:
        text += f" when {doing}"
    if type(exc).__name__ in ("MkcalendarError", "MkcolError") and status == 409:
        text += ": the folder above it does not exist"  # RFC 4791 5.3.1: intermediate collections missing
    return text


def _certificate_reason(exc: ssl.SSLCertVerificationError) -> str:
    """'self-signed certificate', 'certificate has expired', 'Hostname mismatch, ...' (OpenSSL's words)."""
    reason = getattr(exc, "verify_message", None) or getattr(exc, "reason", None) or str(exc)
    return _plain(reason)


def _plain(exc: object) -> str:
    """An error's own words without the library's internals (object addresses, pools, retry counts)."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    text = re.sub(r"<[^<>]* object at 0x[0-9a-f]+>:?\s*", "", text)
    text = re.sub(r"\[Errno -?\d+\]\s*", "", text)
    text = re.sub(r"\s*\(_ssl\.c:\d+\)", "", text)
    return text[:200]
