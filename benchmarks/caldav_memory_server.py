"""A small in-memory CalDAV responder for the publishing benchmark: measurement equipment, not a
product server (nothing ships or depends on it; the acceptance tests use a real Radicale).

Why it exists: with Radicale a first publish grows with the square of the collection (its
``has_uid`` reads every event on each create, and other per-PUT work grows with the collection
too), so the issue's 1,000 participants (about 23,000 events) take hours there, and the figure
would be Radicale's, not the publisher's. Servers that index UIDs and keep events in a database
(Nextcloud/SabreDAV) cost about the same per request at any size. This responder does O(1) work per
request (a dict keyed by path), so what the benchmark measures at 1,000 participants is the
publisher and the HTTP client beside the floor of the same requests, not the server's growth.

What it answers is exactly what the ``caldav`` client and the product's publisher send, on
127.0.0.1 (a free port), one thread per connection (``ThreadingHTTPServer``):

- ``OPTIONS``: DAV classes incl. ``calendar-access``;
- ``PROPFIND`` depth 0/1 on a collection (``resourcetype`` collection + calendar,
  ``displayname``, ``supported-calendar-component-set`` VEVENT, ``getetag``; depth 1 lists the
  events), and on the root/principal (``current-user-principal``, ``calendar-home-set``) so
  ``DAVClient.principal()`` works;
- ``MKCALENDAR`` (201; 405 when it exists);
- ``PUT`` with ``If-None-Match: *`` (412 when the resource exists) or ``If-Match`` (412 on
  mismatch), unconditional otherwise; answers the new ``ETag``;
- ``GET`` with ``ETag`` (404 when missing). No DELETE, REPORT, locking or sync tokens.

Basic auth is accepted whatever the credentials (a missing header is accepted too): the benchmark
measures requests, not logins.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

_MULTISTATUS = ('<?xml version="1.0" encoding="utf-8"?>\n'
                '<d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">{}</d:multistatus>')


def _response(href: str, props: str) -> str:
    return (f"<d:response><d:href>{escape(href)}</d:href><d:propstat><d:prop>{props}</d:prop>"
            "<d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>")


class MemoryCalDavServer:
    """Collections (paths ending in ``/``) and their resources, in memory. ``start()`` serves them
    on a background thread; ``stop()`` shuts it down. ``collection_url(name)`` is where a calendar
    named ``name`` lives (made with MKCALENDAR, or up front with ``add_collection``)."""

    HOME = "/calendars/site/"
    PRINCIPAL = "/principals/site/"

    def __init__(self) -> None:
        self.collections: dict[str, str] = {}  # path -> display name
        self.resources: dict[str, tuple[bytes, str]] = {}  # path -> (body, etag)
        self.lock = threading.Lock()
        self.requests = 0
        self._http = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._http.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._http.server_address[1]}"

    def collection_url(self, name: str) -> str:
        return f"{self.base}{self.HOME}{name}/"

    def add_collection(self, name: str, display_name: str = "") -> str:
        with self.lock:
            self.collections[f"{self.HOME}{name}/"] = display_name or name
        return self.collection_url(name)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._http.serve_forever, name="memory-caldav", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._http.shutdown()
        self._http.server_close()
        if self._thread is not None:
            self._thread.join()

    def __enter__(self) -> MemoryCalDavServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _handler_for(store: MemoryCalDavServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as real servers (the client reuses its connection)

        def log_message(self, format: str, *args: object) -> None:  # quiet: it would be timed
            pass

        # -- helpers ----------------------------------------------------------------------
        def _path(self) -> str:
            return self.path.split("?", 1)[0]

        def _body(self) -> bytes:
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length) if length else b""

        def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body and self.command != "HEAD":
                self.wfile.write(body)

        def _xml(self, status: int, text: str) -> None:
            self._send(status, text.encode("utf-8"), {"Content-Type": "application/xml; charset=utf-8"})

        # -- methods ----------------------------------------------------------------------
        def do_OPTIONS(self) -> None:
            store.requests += 1
            self._body()
            self._send(200, headers={"DAV": "1, 2, 3, calendar-access",
                                     "Allow": "OPTIONS, GET, HEAD, PUT, PROPFIND, MKCALENDAR"})

        def do_PROPFIND(self) -> None:
            store.requests += 1
            self._body()
            path = self._path()
            depth = self.headers.get("Depth", "0")
            with store.lock:
                if path in store.collections:
                    parts = [_response(path, _collection_props(store.collections[path]))]
                    if depth != "0":
                        parts += [_response(p, f"<d:getetag>{escape(etag)}</d:getetag>"
                                               "<d:resourcetype/><d:getcontenttype>text/calendar</d:getcontenttype>")
                                  for p, (_, etag) in store.resources.items() if p.rpartition("/")[0] + "/" == path]
                elif path in store.resources:
                    parts = [_response(path, f"<d:getetag>{escape(store.resources[path][1])}</d:getetag>"
                                             "<d:resourcetype/>")]
                elif path in ("/", store.PRINCIPAL, store.HOME):
                    parts = [_response(path, _principal_props(store))]
                else:
                    self._send(404)
                    return
            self._xml(207, _MULTISTATUS.format("".join(parts)))

        def do_MKCALENDAR(self) -> None:
            store.requests += 1
            self._body()
            path = self._path()
            if not path.endswith("/"):
                path += "/"
            with store.lock:
                if path in store.collections:
                    self._send(405)
                    return
                store.collections[path] = path.rstrip("/").rpartition("/")[2]
            self._send(201)

        def do_PUT(self) -> None:
            store.requests += 1
            body = self._body()
            path = self._path()
            etag = '"' + hashlib.sha1(body).hexdigest() + '"'  # a version tag, not security
            with store.lock:
                if path.rpartition("/")[0] + "/" not in store.collections:
                    self._send(409)  # no such collection (RFC 4918 9.7.1)
                    return
                existing = store.resources.get(path)
                if self.headers.get("If-None-Match") == "*" and existing is not None:
                    self._send(412)
                    return
                wanted = self.headers.get("If-Match")
                if wanted is not None and (existing is None or wanted != existing[1]):
                    self._send(412)
                    return
                store.resources[path] = (body, etag)
            self._send(204 if existing is not None else 201, headers={"ETag": etag})

        def do_GET(self) -> None:
            store.requests += 1
            self._body()
            with store.lock:
                found = store.resources.get(self._path())
            if found is None:
                self._send(404)
                return
            self._send(200, found[0], {"ETag": found[1], "Content-Type": "text/calendar; charset=utf-8"})

        do_HEAD = do_GET

    return Handler


def _collection_props(name: str) -> str:
    return (f"<d:resourcetype><d:collection/><c:calendar/></d:resourcetype>"
            f"<d:displayname>{escape(name)}</d:displayname>"
            '<c:supported-calendar-component-set><c:comp name="VEVENT"/></c:supported-calendar-component-set>'
            '<d:getetag>"collection"</d:getetag>')


def _principal_props(store: MemoryCalDavServer) -> str:
    return (f"<d:resourcetype><d:collection/><d:principal/></d:resourcetype>"
            f"<d:current-user-principal><d:href>{store.PRINCIPAL}</d:href></d:current-user-principal>"
            f"<c:calendar-home-set><d:href>{store.HOME}</d:href></c:calendar-home-set>")


def main() -> None:
    """Serve until stdin closes, printing the base URL first: the benchmark runs the responder in
    its own process, so its work is neither in the client's CPU time nor behind the client's GIL
    (as Radicale's is not)."""
    with MemoryCalDavServer() as server:
        print(server.base, flush=True)
        sys.stdin.read()



class MemoryCalDavProcess:
    """The responder in a child process (``python caldav_memory_server.py``), with the same
    ``start``/``stop``/``base``/``calendar_url`` as the tests' ``RadicaleServer``, so the benchmark
    drives either the same way."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[str] | None = None
        self.base = ""

    @property
    def calendar_url(self) -> str:
        return f"{self.base}{MemoryCalDavServer.HOME}visits/"

    def start(self) -> None:
        self.process = subprocess.Popen([sys.executable, __file__], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True)
        assert self.process.stdout is not None
        self.base = self.process.stdout.readline().strip()
        if not self.base.startswith("http://"):
            raise RuntimeError("the in-memory CalDAV responder did not start")

    def stop(self) -> None:
        if self.process is not None:
            assert self.process.stdin is not None
            self.process.stdin.close()  # its main() returns when stdin closes
            self.process.wait(timeout=10)
            self.process = None


if __name__ == "__main__":
    main()
