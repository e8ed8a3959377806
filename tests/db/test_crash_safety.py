"""Killing the app (SIGKILL) at random points of a stream of writes, on both engines: afterwards the
database opens, SQLite's integrity and foreign-key checks pass, ``audit verify`` says intact, and
every change the killed process acknowledged (its service call returned, so a user saw "saved") is in
the database with its audit row: 0 lost commits. At most the one write in flight when the process
died may be there unacknowledged.

Bounded: ``CRASH_ROUNDS`` kills per engine (about 30 s each here) in the marked set ``reliability``,
2 in the everyday suite (the first two of the same seeded run); ``LN_TEST_CRASH_ROUNDS`` (the full
count) and ``LN_TEST_SEED`` change them. The figures are printed with the test's output (docs/reliability.md)."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections import Counter
from datetime import time as clock_time
from pathlib import Path

from ln_scheduler.services.app import open_services
from ln_scheduler.store.location import parse_url, sqlite_file
from tests.support.reliability import sizes

CRASH_ROUNDS = int(os.environ.get("LN_TEST_CRASH_ROUNDS", "8"))
#: The writer is killed this long after it said it was ready (it writes ~20-60 transactions a second).
KILL_AFTER_S = (0.05, 1.5)

#: Each participant: enrolled, two visits booked with a time, an unscheduled visit added; one
#: acknowledgement line (JSON) after each service call returns, i.e. after its transaction committed.
WRITER = textwrap.dedent(
    """
    import json, sys
    from datetime import date, time
    from ln_scheduler.services.app import open_services

    url, first, user = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    svc = open_services(url, user=user, workstation="ws-crash")
    print(json.dumps({"op": "ready"}), flush=True)

    def ack(**what):
        print(json.dumps(what), flush=True)

    for n in range(first, 1000):
        pid = f"104-{n:03d}"
        svc.enrol(pid, "AB", conditioning_start=date(2030, 1, 7))
        ack(op="enrol", pid=pid)
        for code, on in (("D7", "2030-01-18"), ("D14", "2030-01-25")):
            svc.book_visit(pid, code, date.fromisoformat(on), time=time(9, 30), reason="crash test")
            ack(op="book", pid=pid, code=code, on=on)
        uns = svc.add_unscheduled_visit(pid, date(2030, 1, 20), "crash test", ["VS"])
        ack(op="uns", pid=pid, occurrence=uns.occurrence)
    """
)


def _kill_one_writer(url: str, first: int, user: str, rng: random.Random) -> list[dict[str, object]]:
    """Start a writer, kill it at a random moment, return what it acknowledged before it died."""
    proc = subprocess.Popen([sys.executable, "-c", WRITER, url, str(first), user], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stderr is not None
    ready = proc.stdout.readline()
    assert json.loads(ready or "{}").get("op") == "ready", proc.stderr.read()
    time.sleep(rng.uniform(*KILL_AFTER_S))  # a random point in the stream of writes
    proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate()
    assert proc.returncode == -signal.SIGKILL, err  # it was still writing: the kill landed mid-stream
    acks = []
    for line in out.splitlines():
        try:
            acks.append(json.loads(line))
        except ValueError:
            break  # the line being printed when the process died
    return acks


def _check_sqlite_file(path: Path) -> None:
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        con.close()


def _lost(svc, acks: list[dict[str, object]], user: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Acknowledged changes that are not in the database, or not in its audit trail."""
    lost: list[str] = []
    audited = {(e.entity_key, e.field, e.user) for e in svc.audit() if e.user == user}
    for a in acks:
        pid = str(a.get("pid", ""))
        if a["op"] == "enrol":
            if not any(p.id == pid for p in svc.participants(search=pid)):
                lost.append(f"enrolment of {pid}")
            elif not any(key == pid for key, _f, _u in audited):
                lost.append(f"audit row of the enrolment of {pid}")
        elif a["op"] == "book":
            v = svc.participant(pid).visit(str(a["code"]))
            if v.scheduled is None or v.scheduled.isoformat() != a["on"] or v.scheduled_time != clock_time(9, 30):
                lost.append(f"booking of {pid} {a['code']}")
            if (f"{pid}/{a['code']}#1", "scheduled_time", user) not in audited:
                lost.append(f"audit row of the booking of {pid} {a['code']}")
        elif a["op"] == "uns":
            occurrences = [v.occurrence for v in svc.participant(pid).visits if v.code == "UNS"]
            if a["occurrence"] not in occurrences:
                lost.append(f"unscheduled visit {a['occurrence']} of {pid}")
    return lost


@sizes("rounds", 2, CRASH_ROUNDS)
def test_sigkill_at_random_points_loses_no_acknowledged_commit(db_url, engine_name, capsys, rounds):
    rng = random.Random(int(os.environ.get("LN_TEST_SEED", "11")))
    path = sqlite_file(parse_url(db_url))
    figures: Counter[str] = Counter()
    with open_services(db_url, user="setup", workstation="ws"):
        pass  # the schema exists before the first writer starts (as at a site)
    for round_no in range(rounds):
        with open_services(db_url, user="checker", workstation="ws") as svc:
            first = len(svc.participants()) + 1
        user = f"writer{round_no}"
        acks = _kill_one_writer(db_url, first, user, rng)
        figures["kills"] += 1
        figures["acknowledged"] += len(acks)
        if path is not None:
            _check_sqlite_file(path)
            figures["integrity ok"] += 1
        with open_services(db_url, user="checker", workstation="ws") as svc:
            verification = svc.verify_audit()
            assert verification.ok, verification.problems
            figures["verify intact"] += 1
            lost = _lost(svc, acks, user)
            assert lost == [], f"round {round_no}: acknowledged but lost: {lost}"
            enrolled = {str(a["pid"]) for a in acks if a["op"] == "enrol"}
            newcomers = {p.id for p in svc.participants()} - enrolled
            newcomers = {pid for pid in newcomers if int(pid[4:]) >= first}
            assert len(newcomers) <= 1, newcomers  # at most the one being written when killed
            figures["committed unacknowledged"] += len(newcomers)
    with capsys.disabled():
        print(f"\n[crash {engine_name}] {figures['kills']} writers killed (SIGKILL at random points), "
              f"{figures['acknowledged']} acknowledged commits, 0 lost, "
              f"{figures['committed unacknowledged']} enrolments committed in the instant before a kill; "
              f"integrity_check ok {figures['integrity ok']}/{figures['kills'] if path else 0}, "
              f"audit verify intact {figures['verify intact']}/{figures['kills']}")
