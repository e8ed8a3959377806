"""`export --all`, `export --from/--to` and `worksheets --from/--to` read the site in bulk; what
they write must be exactly what reading each participant on their own gives. On the demo site
(every stage, every visit status), on a SQLite file and on the PostgreSQL server.

Runner: in-process (``run_main``: what is written is the point); the CSV of every participant is
written by a real process, this file's main path. The SQLite site is a copy of the demo site made
once per test run (``demo_sqlite``)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import icalendar
import pytest

from tests.support.cli_inprocess import run_main

from .cli_runner import run_cli
from .pg_scratch import scratch_database
from .sites import copy_demo


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def demo_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
            demo_sqlite: Path) -> Iterator[str]:
    """A database holding the demo site (a copy for SQLite, filled once for this module on PostgreSQL)."""
    from ln_scheduler.services.app import open_services
    from ln_scheduler.services.demo import fill_demo_site

    if request.param == "sqlite":
        yield f"sqlite:///{copy_demo(demo_sqlite, tmp_path_factory.mktemp('bulk-exports') / 'site.sqlite3')}"
        return
    with scratch_database("ln_e2e_bulk") as url:
        with open_services(url) as svc:
            fill_demo_site(svc)
        yield url


def one_by_one(url: str):  # type: ignore[no-untyped-def]
    """Every participant's calendar read on its own (what the CLI did before the bulk read)."""
    from ln_scheduler.services.app import open_services

    with open_services(url) as svc:
        return [svc.participant(s.id) for s in svc.participants()], svc.today()


def written(url: str, *args: str, process: bool = False) -> str:
    result = run_cli("--db", url, *args) if process else run_main("--db", url, *args)
    assert result.status == 0, result.err
    return result.out


def test_csv_of_all_participants_and_of_a_range_match_each_calendar_read_alone(demo_db, tmp_path):
    from ln_scheduler.exports import build_csv, visits_between, visits_of

    people, today = one_by_one(demo_db)
    everything, ranged = tmp_path / "all.csv", tmp_path / "range.csv"
    start, end = today - timedelta(days=60), today + timedelta(days=30)
    assert "(all participants)" in written(demo_db, "export", "csv", "--all", "-o", str(everything), process=True)
    written(demo_db, "export", "csv", "--from", start.isoformat(), "--to", end.isoformat(), "-o", str(ranged))

    assert everything.read_bytes() == build_csv(visits_of(people))
    assert ranged.read_bytes() == build_csv(visits_between(people, start, end))
    text = everything.read_text(encoding="utf-8")
    for status in ("done", "done out of window", "missed", "cancelled", "overdue", "upcoming"):
        assert f",{status}," in text, status


def test_calendar_of_all_participants_keeps_uids_sequences_and_cancellations(demo_db, tmp_path):
    from ln_scheduler.domain.visit_status import VisitStatus
    from ln_scheduler.exports import calendar_entries, visits_of

    people, _ = one_by_one(demo_db)
    out = tmp_path / "all.ics"
    written(demo_db, "export", "ics", "--all", "-o", str(out))
    events = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")}
    entries = calendar_entries(visits_of(people))
    assert list(events) == [e.visit.uid for e in entries]  # same events, same calendar order
    for entry in entries:
        event = events[entry.visit.uid]
        assert (int(event["SEQUENCE"]), str(event["STATUS"])) == (entry.visit.sequence, entry.status.value)
        if entry.visit.status in (VisitStatus.MISSED, VisitStatus.CANCELLED):
            assert str(event["STATUS"]) == "CANCELLED"


def test_worksheets_of_a_fortnight_cover_every_open_visit_scheduled(demo_db, tmp_path):
    from ln_scheduler.services.app import open_services

    with open_services(demo_db) as svc:
        today = svc.today()
        items = svc.worklist(today, today + timedelta(days=13), include_overdue=False)
    out = tmp_path / "fortnight.pdf"
    message = written(demo_db, "worksheets", "--from", today.isoformat(), "--to",
                      (today + timedelta(days=13)).isoformat(), "-o", str(out))
    people = {i.participant_id for i in items}
    assert len(items) > 1 and len(people) > 1
    assert f"{len(items)} worksheets for {len(people)} participants" in message
    assert Path(out).read_bytes().startswith(b"%PDF")
