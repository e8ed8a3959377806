"""Revision 0007 on a database the release before languages made (schema 0006, written by that
release's own services: tests/support/release_0006/make_fixture.py), on both engines: every
participant takes home English and the site has no phone yet; every other value of every row is
exactly as the release wrote it; the audit trail still verifies (and now covers both new columns);
downgrade and upgrade again give exactly the models."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import MetaData, create_engine, text

from ln_scheduler.i18n import SOURCE_LANGUAGE
from ln_scheduler.services.app import open_services
from ln_scheduler.store.location import normalize_url
from ln_scheduler.store.migrate import head_revision, upgrade_database
from ln_scheduler.store.models import DEFAULT_LANGUAGE
from tests.support.release_database import ReleaseDatabase, table_rows, use_release_key

RELEASE = ReleaseDatabase("release_0006", "0006", ("site_settings", "site_closures", "protocols", "participants",
                                                   "doses", "visits", "procedure_records", "calendar_targets",
                                                   "calendar_outbox", "audit_log"))
COMPARED = ("participants", "site_settings", "doses", "visits", "procedure_records", "site_closures", "protocols",
            "audit_log")


@pytest.fixture
def release_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_release_key(RELEASE, tmp_path, monkeypatch)


def test_the_store_default_language_is_the_source_language():
    assert DEFAULT_LANGUAGE == SOURCE_LANGUAGE


def test_a_release_database_upgrades_to_english_and_no_phone_with_every_other_value_unchanged(
        empty_db_url, clock, release_key):
    RELEASE.load(empty_db_url)
    assert len(RELEASE.data["participants"]) >= 6 and RELEASE.data["doses"]  # the fixture covers cohorts, doses
    with open_services(empty_db_url, user="alice", workstation="ws", clock=clock) as svc:
        result = svc.upgrade_result
        assert result is not None and (result.from_revision, result.to_revision) == ("0006", head_revision())
        assert {p.id: p.language for p in svc.participants()} == dict.fromkeys(
            ("104-001", "104-002", "104-003", "104-004", "104-005", "104-006"), "en")
        assert svc.participant("104-004").language == "en"  # withdrawn, read whole
        assert svc.site().phone == ""
        verification = svc.verify_audit()
        assert verification.ok, verification.problems
    for name in COMPARED:
        after = table_rows(empty_db_url, name)
        if name == "participants":
            assert [row.pop("language") for row in after] == ["en"] * len(after)
        if name == "site_settings":
            assert [row.pop("phone") for row in after] == [""]
        assert after == RELEASE.data[name], f"{name} changed by the upgrade"


def test_migrated_participants_change_language_and_a_tampered_language_or_phone_is_caught(
        empty_db_url, clock, release_key):
    RELEASE.load(empty_db_url)
    clock.now = datetime(2027, 3, 3, 15, 0, tzinfo=UTC)
    with open_services(empty_db_url, user="alice", workstation="ws", clock=clock) as svc:
        svc.change_language("104-004", "es", "the participant reads Spanish")  # withdrawn: letters still go out
        svc.set_site_phone("+1 (555) 010-0100", "number for participants")
        svc.enrol("104-007", "NO", language="es", conditioning_start=date(2027, 3, 20))
        assert svc.verify_audit().ok
    engine = create_engine(normalize_url(empty_db_url))
    with engine.begin() as conn:  # no audit row: what someone with write access to the tables could do
        conn.execute(text("UPDATE participants SET language = 'es' WHERE study_id = '104-001'"))
        conn.execute(text("UPDATE participants SET language = 'en' WHERE study_id = '104-007'"))
        conn.execute(text("UPDATE site_settings SET phone = '+1 555 0199'"))
    engine.dispose()
    with open_services(empty_db_url, user="alice", workstation="ws", clock=clock) as svc:
        verification = svc.verify_audit()
    assert not verification.ok
    found = "\n".join(verification.problems)
    assert "participant 104-001, language" in found and "'en'" in found  # migrated: English by the trail
    assert "participant 104-007, language" in found
    assert "site site, phone" in found and "+1 555 0199" in found


def test_revision_0007_downgrades_to_0006_and_upgrades_again_to_exactly_the_models(empty_db_url, release_key):
    from alembic import command

    from ln_scheduler.store.database import make_engine
    from ln_scheduler.store.location import parse_url
    from ln_scheduler.store.migrate import alembic_config

    from .test_migrations import _schema_diff

    RELEASE.load(empty_db_url)
    engine = make_engine(parse_url(empty_db_url))
    upgrade_database(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE participants SET language = 'es' WHERE study_id = '104-002'"))
        command.downgrade(alembic_config(conn), "0006")
    meta = MetaData()
    meta.reflect(engine)
    engine.dispose()
    assert "language" not in meta.tables["participants"].c and "phone" not in meta.tables["site_settings"].c
    for name in ("participants", "site_settings", "visits", "audit_log"):
        assert table_rows(empty_db_url, name) == RELEASE.data[name], f"{name} changed by the downgrade"
    engine = make_engine(parse_url(empty_db_url))
    assert upgrade_database(engine).from_revision == "0006"
    engine.dispose()
    assert _schema_diff(empty_db_url) == []
    assert {row["language"] for row in table_rows(empty_db_url, "participants")} == {"en"}
