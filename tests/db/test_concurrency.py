"""Two workstations editing the same visit: one wins, the other is told who changed it and when;
nothing is overwritten and the audit shows only the winning change. And the soak: four processes
booking visits of the same participants at once, on each engine (127.0.0.1 only): 0 lost updates,
every acknowledged save present and audited, every refusal a conflict naming who changed the visit."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
import threading
from collections import Counter
from datetime import UTC, date, datetime, time

import pytest

from ln_scheduler.services.app import open_services
from ln_scheduler.services.errors import ConflictError, DatabaseUnavailableError
from tests.support.reliability import sizes

from .conftest import FixedClock
from .helpers import enrol_worked_example


def test_a_stale_edit_is_refused_naming_who_changed_the_visit_and_when(svc, db_url):
    enrol_worked_example(svc, infusion=date(2027, 1, 31))
    bob_clock = FixedClock(datetime(2027, 3, 10, 15, 5, tzinfo=UTC))
    with open_services(db_url, user="bob", workstation="ws-bob", clock=bob_clock) as bob:
        seen_by_alice = svc.participant("104-001").visit("M2")
        seen_by_bob = bob.participant("104-001").visit("M2")
        svc.book_visit("104-001", "M2", date(2027, 3, 29), time=time(9, 0), expected_version=seen_by_alice.version)
        with pytest.raises(ConflictError) as refused:
            bob.book_visit("104-001", "M2", date(2027, 4, 1), expected_version=seen_by_bob.version)
        message = str(refused.value)
        assert "visit M2 of 104-001 was changed by alice on ws-alice at 2027-03-10 15:00 UTC" in message
        assert refused.value.changed_by == "alice"
        assert bob.participant("104-001").visit("M2").scheduled == date(2027, 3, 29)
    m2_rows = [e for e in svc.audit("104-001") if e.entity_key == "104-001/M2#1" and e.action == "update"]
    assert {e.user for e in m2_rows} == {"alice"}
    assert ("scheduled", "2027-03-31", "2027-03-29") in {(e.field, e.old, e.new) for e in m2_rows}


def test_two_connections_racing_on_one_visit_one_wins(svc, db_url, clock):
    enrol_worked_example(svc, infusion=date(2027, 1, 31))
    version = svc.participant("104-001").visit("M2").version
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def edit(user: str, day: int) -> None:
        with open_services(db_url, user=user, workstation=f"ws-{user}", clock=clock) as mine:
            barrier.wait()
            try:
                mine.book_visit("104-001", "M2", date(2027, 3, day), expected_version=version)
                outcomes[user] = "saved"
            except ConflictError as exc:
                outcomes[user] = exc

    threads = [threading.Thread(target=edit, args=(u, d)) for u, d in (("carol", 29), ("dave", 30))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    winners = [u for u, o in outcomes.items() if o == "saved"]
    losers = [o for o in outcomes.values() if isinstance(o, ConflictError)]
    assert len(winners) == 1 and len(losers) == 1
    assert f"changed by {winners[0]}" in str(losers[0])
    day = {"carol": 29, "dave": 30}[winners[0]]
    assert svc.participant("104-001").visit("M2").scheduled == date(2027, 3, day)
    rows = [e for e in svc.audit("104-001") if e.entity_key == "104-001/M2#1" and e.field == "scheduled"
            and e.action == "update"]
    assert [(e.user, e.new) for e in rows] == [(winners[0], f"2027-03-{day}")]
    assert svc.verify_audit().ok


def test_a_participant_level_stale_write_is_refused(svc):
    enrol_worked_example(svc)
    seen = svc.participant("104-001").version
    svc.record_infusion("104-001", date(2027, 1, 31), expected_version=seen)
    with pytest.raises(ConflictError, match="participant 104-001 was changed by alice"):
        svc.withdraw("104-001", date(2027, 3, 1), "moved", expected_version=seen)


def test_a_locked_sqlite_database_fails_cleanly_and_loses_nothing(tmp_path, monkeypatch, clock):
    monkeypatch.setenv("LN_SCHEDULER_SQLITE_BUSY_MS", "200")
    url = f"sqlite:///{tmp_path / 'locked.sqlite3'}"
    with open_services(url, user="alice", workstation="ws", clock=clock) as svc:
        svc.enrol("104-001", "AB")
        other = sqlite3.connect(tmp_path / "locked.sqlite3", isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(DatabaseUnavailableError, match="busy"):
                svc.enrol("104-002", "CD")
            assert [p.id for p in svc.participants()] == ["104-001"]  # readers still read (WAL)
        finally:
            other.execute("ROLLBACK")
            other.close()
        svc.enrol("104-002", "CD")
        assert [p.id for p in svc.participants()] == ["104-001", "104-002"]
        assert svc.verify_audit().ok


# -- the soak: four processes writing the same participants ----------------------------------------
#: Writes per process in the marked set ``reliability``; 4 processes on each engine take about 30 s
#: here (``LN_TEST_SOAK_WRITES``). The everyday suite makes 10 (the same race, shorter).
SOAK_WRITES = int(os.environ.get("LN_TEST_SOAK_WRITES", "40"))
SOAK_PROCESSES = 4
SOAK_PARTICIPANTS = ("104-001", "104-002")
SOAK_VISITS = ("M2", "M3", "M4", "M6", "M9")

#: One workstation: books random visits of the shared participants at random days of their windows
#: and times, each on the version it just read; prints one JSON line per outcome.
SOAK_WORKER = textwrap.dedent(
    """
    import json, random, sys
    from datetime import time, timedelta
    from ln_scheduler.services.app import open_services
    from ln_scheduler.services.errors import ConflictError, DatabaseUnavailableError

    url, user, seed, writes, pids, codes = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), \\
        sys.argv[5].split(","), sys.argv[6].split(",")
    rng = random.Random(seed)
    svc = open_services(url, user=user, workstation=f"ws-{user}")
    print(json.dumps({"op": "ready"}), flush=True)
    sys.stdin.readline()  # all start together
    for _ in range(writes):
        pid, code = rng.choice(pids), rng.choice(codes)
        v = svc.participant(pid).visit(code)
        on = v.earliest + timedelta(days=rng.randrange((v.latest - v.earliest).days + 1))
        at = time(rng.randrange(7, 18), rng.randrange(60))
        if at == v.scheduled_time:
            at = time(at.hour, (at.minute + 1) % 60)  # every save changes the time: one audit row each
        try:
            svc.book_visit(pid, code, on, time=at, expected_version=v.version)
            out = {"op": "saved", "pid": pid, "code": code, "on": on.isoformat(), "at": at.strftime("%H:%M"),
                   "from_version": v.version}
        except ConflictError as exc:
            out = {"op": "conflict", "message": str(exc)}
        except DatabaseUnavailableError as exc:
            out = {"op": "unavailable", "message": str(exc)}
        print(json.dumps(out), flush=True)
    svc.close()
    """
)


@sizes("writes", 10, SOAK_WRITES)
def test_four_processes_writing_the_same_participants_lose_no_update(svc, db_url, engine_name, capsys, writes):
    for pid in SOAK_PARTICIPANTS:
        svc.enrol(pid, "AB", conditioning_start=date(2030, 1, 7))
    workers = [subprocess.Popen([sys.executable, "-c", SOAK_WORKER, db_url, f"ws{i}", str(i), str(writes),
                                 ",".join(SOAK_PARTICIPANTS), ",".join(SOAK_VISITS)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for i in range(SOAK_PROCESSES)]
    for w in workers:
        assert w.stdout is not None and json.loads(w.stdout.readline() or "{}").get("op") == "ready"
    outcomes: dict[str, list[dict[str, object]]] = {}
    for w in workers:
        assert w.stdin is not None
        w.stdin.write("go\n")
        w.stdin.flush()
    for i, w in enumerate(workers):
        out, err = w.communicate(timeout=600)
        assert w.returncode == 0, err  # no other error than a conflict or a busy database
        outcomes[f"ws{i}"] = [json.loads(line) for line in out.splitlines()]

    saved = [(user, o) for user, rows in outcomes.items() for o in rows if o["op"] == "saved"]
    kinds = Counter(str(o["op"]) for rows in outcomes.values() for o in rows)
    assert sum(kinds.values()) == SOAK_PROCESSES * writes
    for rows in outcomes.values():
        for o in rows:
            if o["op"] == "conflict":
                assert "was changed by ws" in str(o["message"]), o  # a conflict names the other workstation
    # No lost update: no two saves of a visit were made on the same version (one would have
    # overwritten the other unseen), and each visit holds the save made on its newest version.
    by_visit: dict[tuple[str, str], list[tuple[str, dict[str, object]]]] = {}
    for user, o in saved:
        by_visit.setdefault((str(o["pid"]), str(o["code"])), []).append((user, o))
    for (pid, code), saves in by_visit.items():
        versions = [int(o["from_version"]) for _u, o in saves]  # type: ignore[call-overload]
        assert len(versions) == len(set(versions)), f"{pid} {code}: two saves on one version {sorted(versions)}"
        _user, last = max(saves, key=lambda s: int(s[1]["from_version"]))  # type: ignore[call-overload]
        v = svc.participant(pid).visit(code)
        assert (v.scheduled.isoformat() if v.scheduled else None, v.scheduled_time.strftime("%H:%M")
                if v.scheduled_time else None) == (last["on"], last["at"])
    # Every acknowledged save is audited, by its workstation, and nothing else was written.
    audited = Counter((e.user, e.entity_key, (e.new or "")[:5]) for e in svc.audit()
                      if e.field == "scheduled_time" and e.user in outcomes)
    acknowledged = Counter((user, f"{o['pid']}/{o['code']}#1", str(o["at"])) for user, o in saved)
    assert audited == acknowledged
    assert svc.verify_audit().ok
    with capsys.disabled():
        print(f"\n[soak {engine_name}] {SOAK_PROCESSES} processes x {writes} writes to {len(SOAK_PARTICIPANTS)} "
              f"participants ({len(SOAK_PARTICIPANTS) * len(SOAK_VISITS)} visits): {kinds['saved']} saved, "
              f"{kinds['conflict']} reported as conflicts, {kinds['unavailable']} busy; 0 lost updates, "
              f"{sum(audited.values())} audit rows for {len(saved)} acknowledged saves, audit verify intact")
