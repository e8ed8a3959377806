"""Killing the app (SIGKILL) in the middle of a batch of writes to SQLite: the database opens,
passes PRAGMA integrity_check and audit verify, and holds every change that was committed."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

from ln_scheduler.services.app import open_services

WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date
    from ln_scheduler.services.app import open_services

    svc = open_services(sys.argv[1], user="writer", workstation="ws-crash")
    for i in range(1, 1000):
        pid = f"104-{i:03d}"
        svc.enrol(pid, "AB", conditioning_start=date(2030, 1, 7))
        svc.book_visit(pid, "D7", date(2030, 1, 18), reason="crash test")
        print(pid, flush=True)  # printed only after both transactions committed
    """
)


def test_sigkill_mid_batch_loses_nothing_committed(tmp_path):
    url = f"sqlite:///{tmp_path / 'crash.sqlite3'}"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, url], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={**os.environ})
    committed: list[str] = []
    assert proc.stdout is not None
    while len(committed) < 12:
        line = proc.stdout.readline()
        assert line, proc.stderr.read() if proc.stderr else "writer died"
        committed.append(line.strip())
    os.kill(proc.pid, signal.SIGKILL)  # mid-batch: the next enrolment is being written
    proc.wait()
    assert proc.returncode == -signal.SIGKILL

    con = sqlite3.connect(tmp_path / "crash.sqlite3")
    assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    con.close()
    with open_services(url) as svc:
        assert svc.verify_audit().ok
        stored = {p.id for p in svc.participants()}
        assert set(committed) <= stored
        assert len(stored) - len(committed) <= 1  # at most the one being written when killed
        for pid in committed:
            assert svc.participant(pid).visit("D7").scheduled.isoformat() == "2030-01-18"
