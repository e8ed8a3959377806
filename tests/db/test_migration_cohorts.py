"""Revision 0005 on a database the release before cohorts made (schema 0004, written by that release's
own services: tests/support/release_0004/make_fixture.py), on both engines: every participant gets
cohort LN and keeps its protocol version; every participant, visit and procedure row is exactly as
the release wrote it; the audit trail still verifies; the calendars read and take writes as before."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import MetaData

from ln_scheduler.services.app import open_services
from ln_scheduler.services.records import DoseRecord
from ln_scheduler.store.migrate import head_revision, upgrade_database
from tests.support.release_database import ReleaseDatabase, table_rows, use_release_key

RELEASE = ReleaseDatabase("release_0004", "0004", ("site_settings", "site_closures", "protocols", "participants",
                                                   "visits", "procedure_records", "audit_log"))
DATA = RELEASE.data
COMPARED = ("participants", "visits", "procedure_records", "site_closures", "protocols")


@pytest.fixture
def release_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The key that sealed the release database's trail (a test key), copied where the test may write
    its checkpoints."""
    use_release_key(RELEASE, tmp_path, monkeypatch)


def test_a_release_database_upgrades_with_every_participant_in_cohort_ln_and_nothing_else_changed(
        empty_db_url, clock, release_key):
    RELEASE.load(empty_db_url)
    with open_services(empty_db_url, user="alice", workstation="ws", clock=clock) as svc:
        result = svc.upgrade_result
        assert result is not None and (result.from_revision, result.to_revision) == ("0004", head_revision())
        people = {p.id: p for p in svc.participants()}
        assert {pid: (p.cohort, p.protocol_version) for pid, p in people.items()} == {
            "104-001": ("LN", "1.0"), "104-002": ("LN", "1.0"), "104-003": ("LN", "1.0"), "104-004": ("LN", "1.0"),
            "104-005": ("LN", "1.1")}
        verification = svc.verify_audit()
        assert verification.ok, verification.problems
        infused = svc.participant("104-003")
        assert infused.doses == (DoseRecord(1, "D1", date(2027, 1, 31), date(2027, 2, 1), True),)
        assert [(v.code, v.dose_number) for v in infused.visits if v.dose_number] == [("D1", 1)]
    for name in COMPARED:
        after = table_rows(empty_db_url, name)
        if name == "participants":
            assert {row.pop("cohort") for row in after} == {"LN"}
            assert {row.pop("language") for row in after} == {"en"}  # revision 0007
        assert after == DATA[name], f"{name} changed by the upgrade"
    assert table_rows(empty_db_url, "doses") == []


def test_a_migrated_participant_takes_writes_and_the_trail_still_verifies(empty_db_url, clock, release_key):
    RELEASE.load(empty_db_url)
    clock.now = datetime(2027, 3, 3, 15, 0, tzinfo=UTC)
    with open_services(empty_db_url, user="alice", workstation="ws", clock=clock) as svc:
        before = svc.participant("104-002")
        svc.record_conditioning("104-002", date(2027, 3, 1), days_done=3)
        after = svc.participant("104-002")
        assert (after.cohort, after.protocol_version) == ("LN", "1.0")
        assert after.visit("M2").target == before.visit("M2").target  # conditioning on the planned day
        svc.complete_visit("104-003", "D30", date(2027, 3, 2))
        svc.enrol("104-006", "LM", cohort="SSC-1B")  # the newest shipped version, beside the old ones
        assert svc.participant("104-006").protocol_version == svc.default_protocol.version
        verification = svc.verify_audit()
        assert verification.ok, verification.problems


def test_revision_0005_downgrades_to_0004_and_upgrades_again_to_exactly_the_models(empty_db_url, clock):
    from alembic import command

    from ln_scheduler.store.database import make_engine
    from ln_scheduler.store.location import parse_url
    from ln_scheduler.store.migrate import alembic_config

    from .test_migrations import _schema_diff

    engine = make_engine(parse_url(empty_db_url))
    upgrade_database(engine)
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0004")
    meta = MetaData()
    meta.reflect(engine)
    engine.dispose()
    assert "doses" not in meta.tables and "cohort" not in meta.tables["participants"].c
    assert "enrolment_protocol_version" not in meta.tables["site_settings"].c
    engine = make_engine(parse_url(empty_db_url))
    assert upgrade_database(engine).from_revision == "0004"
    engine.dispose()
    assert _schema_diff(empty_db_url) == []
