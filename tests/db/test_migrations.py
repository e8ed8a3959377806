"""Schema migrations on both engines: from an empty database, from every earlier revision (with
data in it), a backup of a SQLite file before upgrading, and refusals that protect data."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from ln_scheduler.services.app import open_services
from ln_scheduler.services.errors import ServiceError
from ln_scheduler.store.audit import GENESIS_HASH, PendingEntry, row_hash
from ln_scheduler.store.location import normalize_url
from ln_scheduler.store.migrate import HEAD_REVISION, all_revisions, head_revision, upgrade_database
from ln_scheduler.store.models import Base

EARLIER = all_revisions()[:-1]


def _engine(url: str):  # type: ignore[no-untyped-def]
    from ln_scheduler.store.database import make_engine
    from ln_scheduler.store.location import parse_url

    return make_engine(parse_url(url))


def _schema_diff(url: str) -> list:  # type: ignore[type-arg]
    engine = create_engine(normalize_url(url))
    try:
        with engine.connect() as conn:
            return compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    finally:
        engine.dispose()


def test_there_is_more_than_one_revision_and_the_fast_path_knows_the_head():
    assert len(all_revisions()) >= 2 and all_revisions()[0] == "0001"
    assert HEAD_REVISION == head_revision() == all_revisions()[-1]


def test_upgrade_from_an_empty_database_gives_exactly_the_models_schema(empty_db_url):
    engine = _engine(empty_db_url)
    result = upgrade_database(engine)
    engine.dispose()
    assert (result.from_revision, result.to_revision, result.backup) == (None, head_revision(), None)
    assert _schema_diff(empty_db_url) == []


@pytest.mark.parametrize("revision", EARLIER)
def test_upgrade_from_each_earlier_revision(empty_db_url, revision):
    engine = _engine(empty_db_url)
    upgrade_database(engine, revision)
    engine.dispose()
    engine = _engine(empty_db_url)
    result = upgrade_database(engine)
    engine.dispose()
    assert (result.from_revision, result.to_revision) == (revision, head_revision())
    assert _schema_diff(empty_db_url) == []


def _insert_revision_0001_data(url: str) -> None:
    """A participant with one visit and its audit rows, written as version 0001 of the app would."""
    now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    stamp = "2026-12-01T09:00:00.000000Z"
    engine = create_engine(normalize_url(url))
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO participants (study_id, initials, status, protocol_id, protocol_version, created_at,"
            " version, conditioning_start_planned, infusion_planned) VALUES ('104-001', 'JQD', 'scheduled',"
            " 'TAK007-LN-1001', '1.0', :now, 1, '2027-01-26', '2027-01-31')"), {"now": now})
        conn.execute(text(
            "INSERT INTO visits (participant_pk, code, occurrence, name, kind, study_day, target, earliest,"
            " latest, scheduled, closed_day, booked, state, deviation, uid, sequence, version) VALUES"
            " ((SELECT id FROM participants WHERE study_id = '104-001'), 'D7', 1, 'Day 7', 'follow-up', 7,"
            " '2027-02-06', '2027-02-05', '2027-02-07', '2027-02-05',"
            " false, false, 'open', false, 'old-uid@ln-scheduler', 0, 1)"))
        prev = GENESIS_HASH
        for seq, (entity, key, field, new) in enumerate(
            [("participant", "104-001", "participant", json.dumps({"initials": "JQD"})),
             ("visit", "104-001/D7#1", "visit", json.dumps({"target": "2027-02-06"}))], start=1):
            entry = PendingEntry("insert", entity, key, "104-001", field, None, new, None)
            h = row_hash(seq, stamp, "olduser", "oldws", entry, prev)
            conn.execute(text(
                "INSERT INTO audit_log (seq, at_utc, user_name, workstation, action, entity, entity_key,"
                " participant_id, field, old_value, new_value, reason, prev_hash, hash) VALUES (:seq, :at, 'olduser',"
                " 'oldws', 'insert', :entity, :key, '104-001', :field, NULL, :new, NULL, :prev, :h)"),
                {"seq": seq, "at": stamp, "entity": entity, "key": key, "field": field, "new": new, "prev": prev,
                 "h": h})
            prev = h
        conn.execute(text("UPDATE audit_head SET seq = 2, hash = :h WHERE id = 1"), {"h": prev})
    engine.dispose()


def test_opening_a_revision_0001_database_upgrades_it_keeps_the_data_and_backs_up_sqlite(
        empty_db_url, engine_name, clock):
    engine = _engine(empty_db_url)
    upgrade_database(engine, "0001")
    engine.dispose()
    _insert_revision_0001_data(empty_db_url)
    with open_services(empty_db_url, user="alice", workstation="ws", clock=clock) as svc:
        result = svc.upgrade_result
        assert result is not None and (result.from_revision, result.to_revision) == ("0001", head_revision())
        r = svc.participant("104-001")
        assert (r.initials, r.visit("D7").uid, r.visit("D7").scheduled.isoformat()) == (
            "JQD", "old-uid@ln-scheduler", "2027-02-05")
        assert svc.verify_audit().ok
        svc.enrol("104-002", "AB")  # stores the protocol text in the table revision 0002 added
        assert svc.verify_audit().ok
        if engine_name == "sqlite":
            assert result.backup is not None and ".rev0001." in result.backup.name
            assert result.backup.exists() and result.backup.parent == Path(svc.sqlite_path).parent
        else:
            assert result.backup is None
    with open_services(empty_db_url, clock=clock) as again:
        assert again.upgrade_result is not None and not again.upgrade_result.upgraded


def test_a_database_from_a_newer_version_is_refused(db_url, clock):
    open_services(db_url, clock=clock).close()
    engine = create_engine(normalize_url(db_url))
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(ServiceError, match="revision 9999, made by a newer version"):
        open_services(db_url, clock=clock)


def test_a_foreign_database_is_left_alone(empty_db_url, clock):
    engine = create_engine(normalize_url(empty_db_url))
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY)"))
    engine.dispose()
    with pytest.raises(ServiceError, match="not created by ln-scheduler"):
        open_services(empty_db_url, clock=clock)
