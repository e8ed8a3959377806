"""Bulk reads for exports and worksheet batches: the same records as one participant at a time,
whatever their status, in a handful of queries however many participants there are."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import event

from ln_scheduler.domain.visit_status import VisitStatus
from ln_scheduler.services import queries
from ln_scheduler.services.errors import ServiceError
from ln_scheduler.services.records import ProcedureOutcome, VisitRecord

from .helpers import enrol_worked_example

PIDS = ("104-001", "104-002", "104-003", "104-004")


@pytest.fixture
def site(svc):
    """Today 2027-03-10. 104-001 infused 2027-01-31 with done (one late, with procedure details),
    missed and unscheduled visits; 104-002 screened only (undated visits); 104-003 withdrawn
    (cancelled visits); 104-004 scheduled to start conditioning in April."""
    enrol_worked_example(svc, infusion=date(2027, 1, 31))
    svc.complete_visit("104-001", "D7", date(2027, 2, 8), {
        "PK": ProcedureOutcome(done=True, time=time(10, 15), sample_id="PK-001"),
        "CYTO": ProcedureOutcome(done=False, not_done_reason="tube broken"),
        "VS": ProcedureOutcome(done=True),
    })
    svc.miss_visit("104-001", "D14", "participant unwell")
    svc.add_unscheduled_visit("104-001", date(2027, 2, 20), "Lupus flare", ["VS", "HEME"])
    svc.enrol("104-002", "AB", screening_date=date(2027, 3, 1))
    svc.enrol("104-003", "CD", conditioning_start=date(2027, 3, 22), screening_date=date(2027, 3, 2))
    svc.withdraw("104-003", date(2027, 3, 9), "moved away")
    svc.enrol("104-004", "EF", conditioning_start=date(2027, 4, 5))
    return svc


def one_at_a_time(svc) -> list[VisitRecord]:  # type: ignore[no-untyped-def]
    return [v for pid in PIDS for v in svc.participant(pid).visits]


def day(v: VisitRecord) -> date | None:
    return v.actual or v.scheduled


def by_id(visits: list[VisitRecord]) -> list[VisitRecord]:
    return sorted(visits, key=lambda v: v.id)


def count_queries(svc):  # type: ignore[no-untyped-def]
    """The SELECTs the services send from now on (a list that fills as they run)."""
    queries_sent: list[str] = []

    def seen(conn, cursor, statement, *rest) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("SELECT"):
            queries_sent.append(statement)

    event.listen(svc.context.engine, "before_cursor_execute", seen)
    return queries_sent


def test_the_site_read_is_every_calendar_with_every_status_in_date_order(site):
    visits = site.visits()
    assert by_id(visits) == by_id(one_at_a_time(site))  # procedure records included
    assert {VisitStatus.DONE, VisitStatus.DONE_OUT_OF_WINDOW, VisitStatus.MISSED, VisitStatus.CANCELLED,
            VisitStatus.UPCOMING} <= {v.status for v in visits}
    d7 = next(v for v in visits if (v.participant_id, v.code) == ("104-001", "D7"))
    recorded = {p.code: p for p in d7.procedure_records}
    assert (recorded["PK"].time, recorded["PK"].sample_id, recorded["CYTO"].not_done_reason) == (
        time(10, 15), "PK-001", "tube broken")
    assert recorded["VS"].done is True and recorded["HEME"].done is None
    uns = next(v for v in visits if v.code == "UNS")
    assert uns.procedures == ("VS", "CONMED", "AE", "HEME")  # the recorded extra procedure too

    dated = [v for v in visits if day(v) is not None]
    undated = visits[len(dated):]
    assert undated and all(day(v) is None for v in undated)  # 104-002's unplanned calendar, last
    keys = [(day(v), v.participant_id) for v in dated]
    assert keys == sorted(keys)
    first_day = [v.code for v in dated if v.participant_id == "104-001" and day(v) == date(2027, 1, 26)]
    assert first_day == ["LD1"]
    assert [v.code for v in undated if v.participant_id == "104-002"][:3] == ["LD1", "LD2", "LD3"]


def test_a_date_range_is_on_the_day_a_calendar_shows_the_visit(site):
    everything = site.visits()
    start, end = date(2027, 2, 6), date(2027, 3, 31)
    ranged = site.visits(start, end)
    assert ranged == [v for v in everything if day(v) is not None and start <= day(v) <= end]
    codes = {(v.participant_id, v.code) for v in ranged}
    assert ("104-001", "D7") in codes  # booked 2027-02-05, done 2027-02-08: shown on the 8th
    assert ("104-001", "D14") in codes and ("104-001", "UNS") in codes  # missed, unscheduled
    assert any(v.status is VisitStatus.CANCELLED for v in ranged)  # 104-003's withdrawn calendar
    assert [v.code for v in site.visits(date(2027, 2, 5), date(2027, 2, 5))] == []  # D7 moved to its actual day
    assert site.visits(start=date(2029, 1, 1)) == [v for v in everything if day(v) and day(v) >= date(2029, 1, 1)]
    assert site.visits(end=date(2027, 1, 31)) == [v for v in everything if day(v) and day(v) <= date(2027, 1, 31)]
    with pytest.raises(ServiceError, match=r"ends .*2027-02-01.* before it starts .*2027-03-01"):
        site.visits(date(2027, 3, 1), date(2027, 2, 1))


def test_statuses_are_as_of_the_day_asked(site):
    upcoming = [v for v in site.visits(participant_ids=["104-004"]) if v.code == "LD1"]
    later = [v for v in site.visits(participant_ids=["104-004"], today=date(2027, 4, 20)) if v.code == "LD1"]
    assert [v.status for v in upcoming] == [VisitStatus.UPCOMING]
    assert [v.status for v in later] == [VisitStatus.OVERDUE]


def test_named_participants_only_and_unknown_ids_refused(site, monkeypatch):
    two = site.visits(participant_ids=[" 104-003", "104-001", "104-001"])
    assert {v.participant_id for v in two} == {"104-001", "104-003"}
    assert two == [v for v in site.visits() if v.participant_id in ("104-001", "104-003")]
    assert site.visits(participant_ids=[]) == []
    monkeypatch.setattr(queries, "IN_CHUNK", 1)  # a long list of IDs is read in chunks: same answer
    assert site.visits(participant_ids=["104-001", "104-003"]) == two
    assert site.visits(date(2027, 3, 1), date(2027, 3, 31), participant_ids=list(PIDS)) == site.visits(
        date(2027, 3, 1), date(2027, 3, 31))
    with pytest.raises(ServiceError, match="no participant '999-999' in this database"):
        site.visits(participant_ids=["104-001", "999-999"])
    with pytest.raises(TypeError, match="sequence of IDs"):
        site.visits(participant_ids="104-001")  # type: ignore[arg-type]


def test_participant_records_in_the_order_asked(site, monkeypatch):
    records = site.participant_records(["104-003", "104-001", "104-003"])
    assert [r.id for r in records] == ["104-003", "104-001"]
    assert records == [site.participant("104-003"), site.participant("104-001")]
    monkeypatch.setattr(queries, "IN_CHUNK", 1)
    assert site.participant_records(list(PIDS)) == [site.participant(pid) for pid in PIDS]
    with pytest.raises(ServiceError, match="no participant '104-999' in this database"):
        site.participant_records(["104-001", "104-999"])


def test_bulk_reads_do_not_cost_queries_per_participant(site):
    statements = count_queries(site)
    site.visits()
    assert len(statements) <= 2, statements  # visits with their owner, procedure records
    statements.clear()
    site.visits(date(2027, 2, 1), date(2027, 3, 31), participant_ids=list(PIDS))
    assert len(statements) <= 3, statements  # + the IDs looked up
    statements.clear()
    site.participant_records(list(PIDS))
    assert len(statements) <= 4, statements  # participants, visits, procedure records, later doses
