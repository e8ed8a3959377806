"""A real CalDAV server for the publishing tests: Radicale (from PyPI) on 127.0.0.1, a free port, its
configuration, log and users file in the test's temporary folder (its storage: see below); stopped
(and startable again on the same port with the same storage, as a server that was down comes back)
by the test.

A throw-away server, configured for speed where that changes nothing a client can see:

- no fsync of its storage (Radicale's internal ``_filesystem_fsync``, which only a privileged
  configuration update can set: hence the small launcher ``_LAUNCH`` instead of ``python -m
  radicale``);
- no delay after a refused login (``[auth] delay``, 1 s by default, per 401: a refused-login test
  waited it out up to four times) nor after a 5xx answer (``[server] delay_on_error``);
- its item cache checked by mtime and size instead of a SHA-256 of every stored event (Radicale reads
  every event of the collection on each new event's PUT, to check the UID is unique);
- its collections in memory (a folder in ``/dev/shm`` where there is one, removed with the object or
  at exit): each PUT writes, renames and deletes several files and folders, which takes about twice
  as long on a disk shared with other test runs.

:meth:`RadicaleServer.calendar` gives another collection on the same running server: a module can
share one server (start-up is ~0.3 s of CPU) with a fresh calendar per test; a test that stops the
server uses its own.
"""

from __future__ import annotations

import copy
import itertools
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

USER, PASSWORD = "site", "s3cret pass"

#: ``python -m radicale`` with its storage's fsync off (an internal option: not settable from a file).
_LAUNCH = """
import sys
from radicale import __main__ as main, config

load = config.load


def without_fsync(*args, **kwargs):
    configuration = load(*args, **kwargs)
    configuration.update({"storage": {"_filesystem_fsync": "False"}}, "a throw-away test server", privileged=True)
    return configuration


config.load = without_fsync
sys.argv[0] = "radicale"
main.run()
"""
_COLLECTIONS = itertools.count(1)
_MEMORY = Path("/dev/shm")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class RadicaleServer:
    """``auth``: "htpasswd" (user ``site``, plain-text users file) or "none"."""

    def __init__(self, folder: Path, *, auth: str = "htpasswd", tls: bool = False):
        self.folder = folder
        self.port = free_port()
        self.auth = auth
        self.tls = tls
        self.process: subprocess.Popen[bytes] | None = None
        self.collection = "visits"
        self.shared = False
        folder.mkdir(parents=True, exist_ok=True)
        self._storage = (tempfile.TemporaryDirectory(prefix="radicale-test-", dir=_MEMORY)
                         if _MEMORY.is_dir() else None)
        storage = Path(self._storage.name) if self._storage is not None else folder / "collections"
        (folder / "users").write_text(f"{USER}:{PASSWORD}\n", encoding="utf-8")
        auth_section = (f"type = htpasswd\nhtpasswd_filename = {folder / 'users'}\nhtpasswd_encryption = plain\n"
                        if auth == "htpasswd" else "type = none\n")
        tls_lines = ""
        if tls:  # a self-signed certificate (EC: made at once, unlike RSA): no client should trust it
            subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                            "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                            "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")], check=True,
                           capture_output=True)
            tls_lines = f"ssl = True\ncertificate = {folder / 'cert.pem'}\nkey = {folder / 'key.pem'}\n"
        (folder / "config").write_text(
            f"[server]\nhosts = 127.0.0.1:{self.port}\ndelay_on_error = 0\n{tls_lines}[auth]\n{auth_section}delay = 0\n"
            f"[storage]\nfilesystem_folder = {storage}\nuse_mtime_and_size_for_item_cache = True\n"
            "[logging]\nlevel = warning\n",
            encoding="utf-8")

    @property
    def base(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    @property
    def calendar_url(self) -> str:
        """A collection under the user's home (Radicale makes the home on the first login)."""
        owner = USER if self.auth == "htpasswd" else "anonymous"
        return f"{self.base}/{owner}/{self.collection}/"

    def calendar(self) -> RadicaleServer:
        """This running server with a new, unused collection (``calendar_url``): what a test of a
        module sharing the server gets. It cannot stop the server (the other tests need it)."""
        view = copy.copy(self)
        view.collection = f"visits-{next(_COLLECTIONS)}"
        view.shared = True
        return view

    def start(self) -> None:
        assert not self.shared, "a shared server: a test that stops and starts the server starts its own"
        log = (self.folder / "radicale.log").open("ab")
        self.process = subprocess.Popen([sys.executable, "-c", _LAUNCH, "--config", str(self.folder / "config")],
                                        stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Radicale exited: {(self.folder / 'radicale.log').read_text()[-2000:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.02)  # it listens ~0.3 s after its start: a tenth of a second was a third of that
        self.stop()
        raise RuntimeError("Radicale did not start listening within 30 s")

    def stop(self) -> None:
        assert not self.shared, "a shared server: a test that stops and starts the server starts its own"
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


def read_events(url: str, user: str | None = USER, password: str | None = PASSWORD) -> dict[str, dict[str, str]]:
    """What a subscribed reader (the caldav client) sees: per UID, the event's main properties."""
    from icalendar import Calendar

    from ln_scheduler.publishing.caldav_server import CalDavCalendar

    events: dict[str, dict[str, str]] = {}
    with CalDavCalendar(url, user, password) as server:
        for data in server.events():
            for component in Calendar.from_ical(data).walk("VEVENT"):
                uid = str(component["UID"])
                assert uid not in events, f"event {uid} is on the server twice"
                events[uid] = event_fields(component)
    return events


def event_fields(component: object) -> dict[str, str]:
    """The properties a person sees, as text (DTSTAMP left out: it is the moment of the upload)."""
    get = component.get  # type: ignore[attr-defined]
    fields = {}
    for name in ("SUMMARY", "DTSTART", "DTEND", "STATUS", "SEQUENCE", "DESCRIPTION", "CATEGORIES"):
        value = get(name)
        if value is None:
            continue
        if hasattr(value, "to_ical"):
            value = value.to_ical()
            value = value.decode() if isinstance(value, bytes) else value
        if name in ("DTSTART", "DTEND"):
            tzid = get(name).params.get("TZID")
            value = f"{tzid or ''}:{value}"
        fields[name] = str(value)
    return fields
