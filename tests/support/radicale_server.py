"""A real CalDAV server for the publishing tests: Radicale (from PyPI) on 127.0.0.1, a free port, its
storage and users file in the test's temporary folder; stopped (and startable again on the same
port with the same storage, as a server that was down comes back) by the test."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

USER, PASSWORD = "site", "s3cret pass"


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
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "users").write_text(f"{USER}:{PASSWORD}\n", encoding="utf-8")
        auth_section = (f"type = htpasswd\nhtpasswd_filename = {folder / 'users'}\nhtpasswd_encryption = plain\n"
                        if auth == "htpasswd" else "type = none\n")
        tls_lines = ""
        if tls:  # a self-signed certificate: no client should trust it
            subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                            "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout",
                            str(folder / "key.pem"), "-out", str(folder / "cert.pem")], check=True,
                           capture_output=True)
            tls_lines = f"ssl = True\ncertificate = {folder / 'cert.pem'}\nkey = {folder / 'key.pem'}\n"
        (folder / "config").write_text(
            f"[server]\nhosts = 127.0.0.1:{self.port}\n{tls_lines}[auth]\n{auth_section}"
            f"[storage]\nfilesystem_folder = {folder / 'collections'}\n[logging]\nlevel = warning\n",
            encoding="utf-8")

    @property
    def base(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    @property
    def calendar_url(self) -> str:
        """A collection under the user's home (Radicale makes the home on the first login)."""
        owner = USER if self.auth == "htpasswd" else "anonymous"
        return f"{self.base}/{owner}/visits/"

    def start(self) -> None:
        log = (self.folder / "radicale.log").open("ab")
        self.process = subprocess.Popen([sys.executable, "-m", "radicale", "--config", str(self.folder / "config")],
                                        stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Radicale exited: {(self.folder / 'radicale.log').read_text()[-2000:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("Radicale did not start listening within 30 s")

    def stop(self) -> None:
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
