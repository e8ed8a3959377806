"""Publishing the visit calendar to a real CalDAV server (Radicale from PyPI on 127.0.0.1), on SQLite
and PostgreSQL: what a coordinator and a subscribed calendar see (issue 15's acceptance).

One Radicale serves the module, with a fresh calendar collection per test (``radicale``); a test
that stops and starts the server has its own (``own_radicale``). The whole demo site published (about
500 events; Radicale's cost per new event grows with the collection) is in the ``reliability`` set;
the everyday run publishes a small site of participants in varied states with the same assertions."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date, time, timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ln_scheduler.services.calendar_publishing import PublishState, pending_uids
from ln_scheduler.services.demo import fill_demo_site
from ln_scheduler.services.errors import CalendarServerError, ServiceError
from ln_scheduler.store import calendar_outbox
from ln_scheduler.store.models import CalendarOutbox, Visit
from tests.support.cli_inprocess import run_main
from tests.support.radicale_server import PASSWORD, USER, RadicaleServer, event_fields, read_events
from tests.support.reliability import MARK

from .helpers import C1, SCREENING, enrol_worked_example, worked_example_site


@pytest.fixture(scope="module")
def radicale_server(tmp_path_factory):  # type: ignore[no-untyped-def]
    server = RadicaleServer(tmp_path_factory.mktemp("radicale"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def radicale(radicale_server: RadicaleServer) -> RadicaleServer:
    """A new calendar on the module's server (which the test cannot stop)."""
    return radicale_server.calendar()


@pytest.fixture
def own_radicale(tmp_path):  # type: ignore[no-untyped-def]
    """A server of the test's own: it stops and starts it."""
    server = RadicaleServer(tmp_path / "radicale")
    server.start()
    yield server
    server.stop()


def small_site(svc) -> None:  # type: ignore[no-untyped-def]
    """A handful of participants in the states a published calendar shows: visits done, missed, booked
    at a time, overdue and coming; an unscheduled visit; conditioning planned ahead; a withdrawal (its
    open visits cancelled); a participant without dates yet (nothing of theirs is published)."""
    worked_example_site(svc)
    svc.enrol("104-001", "JQD", conditioning_start=C1, screening_date=SCREENING)
    svc.record_conditioning("104-001", C1, days_done=3)
    svc.record_infusion("104-001", date(2027, 1, 31))
    for code, day in (("D2", date(2027, 2, 1)), ("D3", date(2027, 2, 2)), ("D7", date(2027, 2, 5))):
        svc.complete_visit("104-001", code, day)
    svc.miss_visit("104-001", "D10", "unwell")
    svc.book_visit("104-001", "M2", date(2027, 3, 31), time=time(9, 30))
    svc.add_unscheduled_visit("104-001", date(2027, 2, 8), "a fever")
    svc.enrol("104-002", "ABC", conditioning_start=date(2027, 3, 22), screening_date=date(2027, 3, 8))
    svc.enrol("104-003", "KLM", conditioning_start=date(2027, 2, 2), screening_date=date(2027, 1, 20))
    svc.record_conditioning("104-003", date(2027, 2, 2), days_done=3)
    svc.record_infusion("104-003", date(2027, 2, 7))
    svc.withdraw("104-003", date(2027, 3, 8), "moved away")
    svc.enrol("104-004", "XYZ")


#: The site published whole: a small one every day, the demo site (~500 events) in the reliability set.
SITES = [pytest.param(small_site, 40, id="everyday-small-site"),
         pytest.param(fill_demo_site, 100, marks=MARK, id="reliability-demo-site")]


def _publish(svc, server: RadicaleServer) -> None:  # type: ignore[no-untyped-def]
    svc.set_up_calendar(server.calendar_url, USER, PASSWORD)


def _events_of_export(db_url: str, tmp_path) -> dict[str, dict[str, str]]:  # type: ignore[no-untyped-def]
    out = tmp_path / "all.ics"
    result = run_main("--db", db_url, "export", "ics", "--all", "-o", str(out))
    assert result.status == 0, result.err
    return {str(e["UID"]): event_fields(e) for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")}


@pytest.mark.parametrize(("fill", "at_least"), SITES)
def test_the_first_publish_of_a_site_shows_a_reader_the_events_of_export_ics_all(
        svc, radicale, db_url, tmp_path, fill: Callable[..., object], at_least: int):
    fill(svc)
    state = svc.set_up_calendar(radicale.calendar_url, USER, PASSWORD)
    assert state.state is PublishState.PENDING and state.pending == len(svc.visits())

    report = svc.sync_calendar()

    assert report.ok and report.error is None and report.pending == 0
    on_server = read_events(radicale.calendar_url)
    exported = _events_of_export(db_url, tmp_path)
    assert len(on_server) > at_least
    assert {e["STATUS"] for e in on_server.values()} == {"TENTATIVE", "CONFIRMED", "CANCELLED"}  # every state
    assert on_server == exported  # same UIDs, dates, times, statuses, SEQUENCE, titles, descriptions
    assert set(report.published) == set(exported)
    status = svc.calendar_status()
    assert status.state is PublishState.UP_TO_DATE and status.pending == 0 and status.last_sync is not None
    assert status.describe() == "Calendar: up to date"


def test_a_batch_that_runs_long_gives_back_what_it_did_not_try_and_the_sync_goes_on(svc, radicale, monkeypatch):
    """A batch stops trying its events once it has run for BATCH_TIME (half the lease), so a slow
    server never outlives a lease; what it gave back goes in the next batch, one event at least each."""
    from ln_scheduler.services import calendar_publishing

    enrol_worked_example(svc, infusion=date(2027, 1, 31))
    _publish(svc, radicale)
    monkeypatch.setattr(calendar_publishing, "BATCH_TIME", timedelta(0))  # every batch "runs long" at once
    claims: list[int] = []
    claim = calendar_publishing._claim
    monkeypatch.setattr(calendar_publishing, "_claim", lambda *a: claims.append(len(got := claim(*a))) or got)
    total = len(pending_uids(svc.context))

    report = svc.sync_calendar(limit=5)

    assert len(report.published) == 5 and report.pending == total - 5
    assert claims == [5, 4, 3, 2, 1]  # each batch sent one event and gave the rest back
    with Session(svc.context.write_engine) as session:
        held = session.execute(select(CalendarOutbox.uid).where(CalendarOutbox.claimed_by.is_not(None))).all()
    assert held == []  # no lease left behind
    assert len(svc.sync_calendar().published) == total - 5


def test_only_the_participant_id_and_visit_name_leave_the_site(svc, radicale):
    enrol_worked_example(svc)
    _publish(svc, radicale)
    svc.sync_calendar()
    raw = b"".join(_raw_events(radicale))
    assert b"JQD" not in raw  # the initials never
    assert b"SUMMARY:104-001 \xc2\xb7 " in raw


def _raw_events(server: RadicaleServer) -> list[bytes]:
    from ln_scheduler.publishing.caldav_server import CalDavCalendar

    with CalDavCalendar(server.calendar_url, USER, PASSWORD) as cal:
        return cal.events()


def test_a_reschedule_updates_the_event_in_place_same_uid_higher_sequence(svc, radicale):
    enrol_worked_example(svc, infusion=date(2027, 1, 31))
    _publish(svc, radicale)
    svc.sync_calendar()
    d7 = svc.participant("104-001").visit("D7")
    before = read_events(radicale.calendar_url)

    svc.book_visit("104-001", "D7", d7.scheduled + timedelta(days=1))
    assert pending_uids(svc.context) == [d7.uid]  # queued by the save itself
    assert svc.calendar_status().describe() == "Calendar: 1 pending"
    report = svc.sync_calendar()

    after = read_events(radicale.calendar_url)
    assert report.published == (d7.uid,) and len(after) == len(before)
    assert after[d7.uid]["DTSTART"].endswith((d7.scheduled + timedelta(days=1)).strftime("%Y%m%d"))
    assert int(after[d7.uid]["SEQUENCE"]) > int(before[d7.uid]["SEQUENCE"])
    assert after[d7.uid]["STATUS"] == "CONFIRMED"
    assert {u: e for u, e in after.items() if u != d7.uid} == {u: e for u, e in before.items() if u != d7.uid}


def test_a_withdrawal_turns_the_open_visits_cancelled_on_the_server(svc, radicale, clock):
    enrol_worked_example(svc, infusion=date(2027, 1, 31))
    _publish(svc, radicale)
    svc.sync_calendar()

    svc.withdraw("104-001", date(2027, 3, 10), "moved away")
    svc.sync_calendar()

    record = svc.participant("104-001")
    on_server = read_events(radicale.calendar_url)
    later = [v for v in record.visits if v.scheduled and v.scheduled > date(2027, 3, 10)]
    assert later
    for visit in later:
        assert on_server[visit.uid]["STATUS"] == "CANCELLED", visit.code


def test_with_the_server_down_saves_work_changes_queue_and_arrive_once_when_it_is_back(svc, own_radicale, tmp_path):
    radicale = own_radicale
    enrol_worked_example(svc, infusion=date(2027, 1, 31))
    _publish(svc, radicale)
    svc.sync_calendar()
    radicale.stop()
    record = svc.participant("104-001")
    d7, d14 = record.visit("D7"), record.visit("D14")

    svc.book_visit("104-001", "D7", d7.scheduled + timedelta(days=1))  # saved although the server is down
    svc.book_visit("104-001", "D14", d14.scheduled - timedelta(days=1))
    svc.book_visit("104-001", "D14", d14.scheduled)  # a second change of the same visit: one upload
    failed = svc.sync_calendar()

    assert failed.error and "cannot be reached" in failed.error and failed.retry_after and failed.retry_after > 0
    status = svc.calendar_status()
    assert status.state is PublishState.FAILING and status.pending == 2
    assert status.describe().startswith("Calendar: failing (the calendar server at ")
    assert sorted(pending_uids(svc.context)) == sorted([d7.uid, d14.uid])

    radicale.start()
    report = svc.sync_calendar()

    assert report.ok and sorted(report.published) == sorted([d7.uid, d14.uid]) and report.pending == 0
    on_server = read_events(radicale.calendar_url)  # each event once (read_events refuses duplicates)
    assert on_server[d14.uid]["DTSTART"].endswith(d14.scheduled.strftime("%Y%m%d"))
    assert svc.calendar_status().state is PublishState.UP_TO_DATE
    assert svc.sync_calendar().published == ()  # nothing twice


#: A ``calendar sync --json`` process that, once its modules are loaded, waits for the other one (a file
#: each in argv[1]) so that both sync at the same time: on a small site one process could otherwise
#: be done before the other had started.
_SYNC_TOGETHER = """
import sys, time
from pathlib import Path
import caldav, ln_scheduler.cli, ln_scheduler.services.app, ln_scheduler.services.calendar_publishing
folder, me, argv = Path(sys.argv[1]), sys.argv[2], sys.argv[3:]
(folder / me).touch()
deadline = time.monotonic() + 60
while len(list(folder.iterdir())) < 2 and time.monotonic() < deadline:
    time.sleep(0.01)
raise SystemExit(ln_scheduler.cli.main(argv))
"""


@pytest.mark.parametrize("fill", [pytest.param(small_site, id="everyday-small-site"),
                                  pytest.param(fill_demo_site, marks=MARK, id="reliability-demo-site")])
def test_two_processes_syncing_the_same_outbox_publish_each_change_once(
        svc, radicale, db_url, tmp_path, fill: Callable[..., object]):
    fill(svc)
    _publish(svc, radicale)  # the password goes to the (test) keyring both processes read
    expected = set(pending_uids(svc.context))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    ready = tmp_path / "ready"
    ready.mkdir()
    processes = [subprocess.Popen([sys.executable, "-c", _SYNC_TOGETHER, str(ready), name, "--db", db_url,
                                   "calendar", "sync", "--json"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
                 for name in ("a", "b")]
    reports = []
    for process in processes:
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0, err
        reports.append(json.loads(out))

    first, second = (set(r["published"]) | set(r["cancelled"]) for r in reports)
    assert first and second  # both took part: the run did overlap
    assert not first & second  # no change published by both
    undated = {v.uid for v in svc.visits() if v.scheduled is None and v.actual is None}
    assert undated  # the site has visits without a day: queued, never published
    assert first | second == expected - undated
    assert pending_uids(svc.context) == []
    assert len(read_events(radicale.calendar_url)) == len(expected - undated)


def test_a_visit_that_stops_existing_is_published_cancelled_never_deleted(svc, radicale):
    enrol_worked_example(svc, infusion=date(2027, 1, 31))
    _publish(svc, radicale)
    svc.sync_calendar()
    m24 = svc.participant("104-001").visit("M24")
    before = read_events(radicale.calendar_url)[m24.uid]
    with svc.context.write_engine.begin() as conn:  # as if the row were gone (no service deletes visits)
        conn.execute(delete(Visit).where(Visit.uid == m24.uid))
    from sqlalchemy.orm import Session

    with Session(svc.context.write_engine) as session:
        calendar_outbox.enqueue(session, [m24.uid], svc.now())
        session.commit()

    report = svc.sync_calendar()

    after = read_events(radicale.calendar_url)[m24.uid]
    assert report.cancelled == (m24.uid,)
    assert after["STATUS"] == "CANCELLED" and int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert after["SUMMARY"] == before["SUMMARY"]


def test_repeated_changes_coalesce_and_a_failed_save_queues_nothing(svc, radicale):
    enrol_worked_example(svc, infusion=date(2027, 1, 31))
    _publish(svc, radicale)
    svc.sync_calendar()
    d7 = svc.participant("104-001").visit("D7")
    svc.book_visit("104-001", "D7", d7.scheduled + timedelta(days=1))
    svc.book_visit("104-001", "D7", d7.scheduled)
    with svc.context.read() as session:
        rows = session.execute(select(CalendarOutbox.uid, CalendarOutbox.generation)).all()
    assert [(r.uid, r.generation) for r in rows] == [(d7.uid, 2)]
    svc.sync_calendar()

    with pytest.raises(ServiceError):
        svc.book_visit("104-001", "D7", date(2027, 1, 1))  # before the infusion: refused, nothing saved
    assert pending_uids(svc.context) == []


def test_nothing_is_queued_while_no_calendar_is_published(svc):
    enrol_worked_example(svc, infusion=date(2027, 1, 31))
    d7 = svc.participant("104-001").visit("D7")
    svc.book_visit("104-001", "D7", d7.scheduled + timedelta(days=1))
    assert pending_uids(svc.context) == []
    assert svc.calendar_status().describe() == "Calendar: off"
    with pytest.raises(ServiceError, match="no calendar is set up"):
        svc.sync_calendar()


def test_a_refused_login_or_a_server_that_is_down_saves_no_set_up(svc, radicale, tmp_path):
    with pytest.raises(CalendarServerError, match="refused the login"):
        svc.set_up_calendar(radicale.calendar_url, USER, "wrong")
    down = RadicaleServer(tmp_path / "never-started")
    with pytest.raises(CalendarServerError, match="cannot be reached"):
        svc.set_up_calendar(down.calendar_url, USER, PASSWORD)
    with pytest.raises(ServiceError, match="not encrypted"):
        svc.set_up_calendar("http://calendar.example.org/dav/visits/", USER, PASSWORD)
    assert svc.calendar_status().state is PublishState.OFF


def test_the_audit_trail_still_verifies_after_publishing(svc, radicale):
    enrol_worked_example(svc, infusion=date(2027, 1, 31))
    _publish(svc, radicale)
    d7 = svc.participant("104-001").visit("D7")
    svc.book_visit("104-001", "D7", d7.scheduled + timedelta(days=1))
    svc.sync_calendar()
    result = svc.verify_audit()
    assert result.ok, result.problems


def test_rows_another_publisher_holds_are_left_to_it_and_a_newer_change_is_sent_again(svc, radicale):
    """The claim as two workstations see it, step by step: rows leased by another publisher are skipped
    (SKIP LOCKED on PostgreSQL, the write lock on SQLite), and a change saved while that publisher
    uploads keeps its row, so the newer state goes out next."""
    from datetime import UTC, datetime

    from sqlalchemy.orm import Session

    enrol_worked_example(svc, infusion=date(2027, 1, 31))
    _publish(svc, radicale)
    with Session(svc.context.write_engine) as session:
        held = calendar_outbox.claim(session, "other-workstation", datetime.now(UTC), 5)
        session.commit()
    total = len(pending_uids(svc.context))

    report = svc.sync_calendar()

    assert len(report.published) == total - 5 and not {c.uid for c in held} & set(report.published)
    assert report.pending == 5
    mine = held[0]
    with Session(svc.context.write_engine) as session:
        calendar_outbox.enqueue(session, [mine.uid], datetime.now(UTC))  # changed again meanwhile
        session.commit()
    with Session(svc.context.write_engine) as session:
        calendar_outbox.finish_all(session, held, "other-workstation")  # the other one's uploads are done
        session.commit()
    assert pending_uids(svc.context) == [mine.uid]  # the newer change stays queued
    assert svc.sync_calendar().published == (mine.uid,)


def test_a_new_site_time_zone_queues_every_event(svc, radicale):
    from dataclasses import replace

    enrol_worked_example(svc, infusion=date(2027, 1, 31))
    _publish(svc, radicale)
    svc.sync_calendar()
    svc.update_site(replace(svc.site(), timezone="America/Chicago"), "the site moved")
    assert sorted(pending_uids(svc.context)) == sorted(v.uid for v in svc.visits())


def test_a_bulk_enrolment_queues_every_new_visit_with_its_save(svc, radicale):
    from ln_scheduler.services.demo import synthetic_participants

    _publish(svc, radicale)  # an empty site: nothing queued yet
    assert svc.calendar_status().pending == 0
    svc.bulk_enrol(synthetic_participants(40, svc.today()))
    assert sorted(pending_uids(svc.context)) == sorted(v.uid for v in svc.visits())
    assert len(pending_uids(svc.context)) > 800


def test_a_server_whose_certificate_is_not_trusted_is_refused(svc, tmp_path):
    server = RadicaleServer(tmp_path / "self-signed", tls=True)
    server.start()
    try:
        with pytest.raises(CalendarServerError, match="could not be trusted"):
            svc.set_up_calendar(server.calendar_url, USER, PASSWORD)
    finally:
        server.stop()
    assert svc.calendar_status().state is PublishState.OFF


def test_a_workstation_without_the_password_reports_it_to_itself_only_and_keeps_the_changes(svc, radicale):
    """Its missing password is its own business: on PostgreSQL another workstation that has the password
    must not see the calendar failing (GUI request 6)."""
    enrol_worked_example(svc, infusion=date(2027, 1, 31))
    svc.set_up_calendar(radicale.calendar_url, USER, PASSWORD, remember_password=False)
    queued = svc.calendar_status().pending

    report = svc.sync_calendar()

    assert report.error and "no password for site" in report.error and "ws-alice" in report.error
    assert report.retry_after is not None  # the GUI's worker does not ask again at once
    status = svc.calendar_status()  # the shared target: every workstation's status bar reads it
    assert status.state is PublishState.PENDING and status.pending == queued
    assert status.last_error is None and status.last_error_at is None
    mine = status.as_seen_after(report)  # this workstation's own status bar says why
    assert mine.state is PublishState.FAILING and "no password for site" in (mine.last_error or "")
    assert svc.sync_calendar(password=PASSWORD).ok  # given by hand (the CLI's --password-stdin)
    assert svc.calendar_status().state is PublishState.UP_TO_DATE


def test_a_claim_made_while_another_claim_is_not_yet_committed_gets_other_rows(svc):
    """The race the two-process test only meets by chance: publisher B claims while A's claim is still
    uncommitted. B must get other rows (SKIP LOCKED on PostgreSQL) or wait for A and then skip its
    rows (the write lock on SQLite); a plain SELECT then UPDATE would hand B the same rows."""
    import threading
    from datetime import UTC, datetime

    from sqlalchemy.orm import Session

    with Session(svc.context.write_engine) as session:
        calendar_outbox.enqueue(session, [f"v{n:02d}@ln-scheduler" for n in range(12)], datetime.now(UTC))
        session.commit()
    a = Session(svc.context.write_engine)
    got_a = calendar_outbox.claim(a, "workstation-a", datetime.now(UTC), 5)  # not committed yet
    got_b: list[calendar_outbox.Claimed] = []
    errors: list[BaseException] = []
    claiming = threading.Event()

    def claim_b() -> None:
        try:
            with Session(svc.context.write_engine) as b:
                claiming.set()
                got_b.extend(calendar_outbox.claim(b, "workstation-b", datetime.now(UTC), 5))
                b.commit()
        except BaseException as exc:  # reported by the test's thread below
            errors.append(exc)

    other = threading.Thread(target=claim_b)
    other.start()
    assert claiming.wait(30)
    other.join(timeout=0.3)  # B is claiming: SKIP LOCKED answers at once; SQLite waits for A's commit
    a.commit()
    a.close()
    other.join(timeout=30)
    assert not other.is_alive() and not errors, errors
    assert len(got_a) == 5 and len(got_b) == 5
    assert not {c.uid for c in got_a} & {c.uid for c in got_b}


def test_events_the_server_keeps_refusing_show_the_calendar_failing_and_why(svc, radicale):
    """A calendar that takes no event (read-only share, quota, a rule of the server) is not 'N pending':
    the status says failing and why, the changes stay queued, and it clears once they go through."""
    from sqlalchemy import update

    from ln_scheduler.publishing.caldav_server import CalDavCalendar, EventRefusedError
    from ln_scheduler.services import calendar_publishing

    class RefusingServer(CalDavCalendar):
        def put(self, uid: str, body: bytes):  # type: ignore[no-untyped-def]
            raise EventRefusedError(f"event {uid}: the server answered 507 Insufficient Storage")

    enrol_worked_example(svc, infusion=date(2027, 1, 31))
    _publish(svc, radicale)
    queued = svc.calendar_status().pending

    report = calendar_publishing.sync_once(svc.context, connect=RefusingServer)
    assert report.failed and report.pending == queued

    status = svc.calendar_status()
    assert status.state is PublishState.FAILING and status.pending == queued
    assert "507 Insufficient Storage" in status.last_error and status.describe().startswith("Calendar: failing")
    again = calendar_publishing.sync_once(svc.context, connect=RefusingServer)  # all backing off: nothing tried
    assert again.published == () and svc.calendar_status().state is PublishState.FAILING

    with svc.context.write() as tx:  # the back-off over (as if the time had passed)
        tx.session.execute(update(CalendarOutbox).values(next_attempt_at=None))
    assert svc.sync_calendar().ok
    assert svc.calendar_status().state is PublishState.UP_TO_DATE


def test_a_sync_that_claims_nothing_neither_clears_the_failure_nor_counts_as_a_sync(svc, own_radicale):
    """Every row leased by another publisher: no request reached the server, so a failing calendar
    stays failing and the last sync is not moved (GUI request 7)."""
    from datetime import UTC, datetime

    from sqlalchemy.orm import Session

    radicale = own_radicale
    enrol_worked_example(svc, infusion=date(2027, 1, 31))
    _publish(svc, radicale)
    radicale.stop()
    assert svc.sync_calendar().error
    failing = svc.calendar_status()
    assert failing.state is PublishState.FAILING and failing.last_sync is None
    with Session(svc.context.write_engine) as session:
        calendar_outbox.claim(session, "other-workstation", datetime.now(UTC), 10_000)
        session.commit()

    report = svc.sync_calendar()

    assert report.published == () and report.error is None
    after = svc.calendar_status()
    assert after.state is PublishState.FAILING and after.last_error == failing.last_error
    assert after.last_error_at == failing.last_error_at and after.last_sync is None


def test_setting_up_the_same_calendar_again_queues_nothing_but_a_new_address_queues_everything(svc, radicale):
    """A second workstation entering only its password (or Save pressed again) must not re-publish the
    whole site: at 1,000 participants that is 23,000 uploads (GUI request 5)."""
    enrol_worked_example(svc, infusion=date(2027, 1, 31))
    _publish(svc, radicale)
    assert svc.sync_calendar().pending == 0

    again = svc.set_up_calendar(radicale.calendar_url.rstrip("/"), f" {USER} ", PASSWORD)  # same, spelt otherwise

    assert again.pending == 0 and again.state is PublishState.UP_TO_DATE
    elsewhere = radicale.calendar_url.rstrip("/") + "-copy/"
    moved = svc.set_up_calendar(elsewhere, USER, PASSWORD)
    assert moved.url == elsewhere and moved.pending == len(svc.visits())


def test_checking_a_calendar_logs_in_and_stores_nothing(svc, radicale):
    """Site settings' "Test connection" (GUI request 1): an answer in one sentence, no set-up, no
    password kept, nothing queued."""
    from ln_scheduler.publishing.passwords import stored_password

    enrol_worked_example(svc, infusion=date(2027, 1, 31))
    missing = svc.check_calendar(radicale.calendar_url, USER, PASSWORD)
    assert "no calendar at this address yet" in missing
    with pytest.raises(CalendarServerError, match="refused the login"):
        svc.check_calendar(radicale.calendar_url, USER, "wrong")
    with pytest.raises(ServiceError, match="is not a calendar address"):
        svc.check_calendar("ftp://example.org/cal", USER, PASSWORD)
    assert svc.calendar_status().state is PublishState.OFF and pending_uids(svc.context) == []
    assert stored_password(radicale.calendar_url, USER) is None

    _publish(svc, radicale)
    assert svc.check_calendar(radicale.calendar_url, USER, None).startswith("Connected")  # the keyring's


def test_the_status_says_whether_this_computer_has_the_password_when_asked(svc, radicale):
    """GUI request 2: the form says "saved in the keyring" instead of asking again."""
    assert svc.calendar_status(with_password=True).has_password is None  # nothing published: no question
    svc.set_up_calendar(radicale.calendar_url, USER, PASSWORD, remember_password=False)
    assert svc.calendar_status(with_password=True).has_password is False
    assert svc.calendar_status().has_password is None  # the cheap status does not open the keyring
    svc.set_up_calendar(radicale.calendar_url, USER, PASSWORD)
    assert svc.calendar_status(with_password=True).has_password is True


def test_publish_now_ignores_the_back_off_of_a_refused_event(svc, radicale):
    """GUI request 4: the user fixed the server and pressed "Publish now": the events waiting for
    their back-off go at once; the worker's own syncs keep waiting."""
    from datetime import UTC, datetime

    from sqlalchemy.orm import Session

    enrol_worked_example(svc, infusion=date(2027, 1, 31))
    _publish(svc, radicale)
    now = datetime.now(UTC)
    with Session(svc.context.write_engine) as session:
        held = calendar_outbox.claim(session, "ws", now, 3)
        for item in held:
            calendar_outbox.failed(session, item, "ws", "refused", now + timedelta(hours=1))
        session.commit()

    waited = svc.sync_calendar()
    assert waited.pending == 3 and not {c.uid for c in held} & set(waited.published)

    forced = svc.sync_calendar(force=True)
    assert sorted(forced.published) == sorted(c.uid for c in held) and forced.pending == 0
    assert svc.calendar_status().state is PublishState.UP_TO_DATE


def test_where_the_calendar_is_published_is_audited_and_a_redirect_behind_the_trail_is_reported(
        svc, radicale, db_url):
    """Seen in an inspector's walk: the calendar address (which server receives participant IDs and
    visit dates) was not audited: a row put in calendar_targets sent the site's calendar to another
    server, and verify said intact. Setting it up, changing it and turning it off are audited now."""
    from sqlalchemy import text

    from .test_tamper_catalogue import _engine

    enrol_worked_example(svc, infusion=date(2027, 1, 31))
    _publish(svc, radicale)
    rows = [e for e in svc.audit() if e.entity == "calendar"]
    assert [(e.field, e.new) for e in rows] == [("url", radicale.calendar_url), ("user_name", USER)]
    assert svc.verify_audit().ok
    engine = _engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE calendar_targets SET url = 'https://evil.example.org/dav/cal/'"))
    engine.dispose()
    result = svc.verify_audit()
    assert not result.ok
    assert any("calendar site, url" in p and "evil.example.org" in p for p in result.problems), result.problems
    with engine.begin() as conn:  # put back as it was: then turning it off is audited, and verifies
        conn.execute(text("UPDATE calendar_targets SET url = :u"), {"u": radicale.calendar_url})
    engine.dispose()
    svc.turn_off_calendar()
    assert [(e.field, e.new) for e in svc.audit() if e.entity == "calendar"][-2:] == [("url", None),
                                                                                       ("user_name", None)]
    assert svc.verify_audit().ok


def test_a_calendar_address_no_audit_row_set_up_is_reported_with_what_to_do(svc, radicale, db_url):
    from sqlalchemy import text

    from .test_tamper_catalogue import _engine

    enrol_worked_example(svc, infusion=date(2027, 1, 31))
    assert svc.verify_audit().ok
    engine = _engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO calendar_targets (id, url, user_name, pending, failures) "
                          "VALUES (1, 'https://evil.example.org/dav/cal/', 'x', 0, 0)"))
    engine.dispose()
    result = svc.verify_audit()
    assert not result.ok
    assert any("published to an address no audit row set up" in p and "set it up again" in p
               for p in result.problems), result.problems


def test_a_calendar_set_up_before_it_was_audited_is_recorded_by_setting_it_up_again(svc, radicale, db_url):
    """From a walk: a site publishing since before the address was audited was told to "set it up
    again", and doing so (same address, same account) wrote nothing: verify failed for good. Setting
    up always records who set it up, changed or not."""
    from sqlalchemy import text

    from .test_tamper_catalogue import _engine

    enrol_worked_example(svc, infusion=date(2027, 1, 31))
    engine = _engine(db_url)
    with engine.begin() as conn:  # as the release before wrote it: no audit row
        conn.execute(text("INSERT INTO calendar_targets (id, url, user_name, pending, failures) "
                          "VALUES (1, :u, :n, 0, 0)"), {"u": radicale.calendar_url, "n": USER})
    engine.dispose()
    assert not svc.verify_audit().ok
    _publish(svc, radicale)
    result = svc.verify_audit()
    assert result.ok, result.problems
    assert [(e.field, e.old, e.new) for e in svc.audit() if e.entity == "calendar"] == [
        ("url", radicale.calendar_url, radicale.calendar_url), ("user_name", USER, USER)]
