"""The site key and the checkpoints: where they live, who may make them, what a database keeps of
them (a fingerprint, never the key), and a database written before the key (plain rows, then the
keyed chain from a seq verify names)."""

from __future__ import annotations

import os
import stat
from datetime import date

import pytest
from sqlalchemy import create_engine, text

from ln_scheduler.services.app import ServiceError, open_services
from ln_scheduler.store.audit_key import ENV_AUDIT_KEY, key_path, load_key
from ln_scheduler.store.location import normalize_url


@pytest.fixture
def own_key(tmp_path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """This test's own key file location (none there yet)."""
    path = tmp_path / "keys" / "site.key"
    monkeypatch.setenv(ENV_AUDIT_KEY, str(path))
    return path


def _mode(path) -> int:  # type: ignore[no-untyped-def]
    return stat.S_IMODE(os.stat(path).st_mode)


def test_the_first_write_creates_a_private_key_file_and_the_database_keeps_only_its_fingerprint(
        db_url, clock, own_key):
    with open_services(db_url, user="alice", workstation="ws", clock=clock) as svc:
        svc.verify_audit()
        assert not own_key.exists()  # a read never creates the key
        svc.enrol("104-001", "AB", conditioning_start=date(2027, 4, 5))
        key = load_key(own_key)
        assert key is not None and _mode(own_key) == 0o600
        result = svc.verify_audit()
        assert result.ok and result.keyed_from == 1 and result.key_fingerprint == key.fingerprint
        checkpoint = svc.audit_checkpoint()
    assert checkpoint == f"audit checkpoint: seq {result.rows} hash {result.last_hash[:16]}…"
    files = list((own_key.parent / "audit-checkpoints").iterdir())
    assert len(files) == 1 and _mode(files[0]) == 0o600
    engine = create_engine(normalize_url(db_url))
    with engine.connect() as conn:
        dump = " ".join(str(v) for table in ("audit_head", "audit_log", "site_settings")
                        for row in conn.execute(text(f"SELECT * FROM {table}")) for v in row)
    engine.dispose()
    assert key.secret.hex() not in dump and key.fingerprint in dump


def test_the_key_file_can_be_named_in_the_settings_file(tmp_path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(ENV_AUDIT_KEY, raising=False)
    config = tmp_path / "config"
    config.mkdir(exist_ok=True)
    monkeypatch.setenv("LN_SCHEDULER_CONFIG_DIR", str(config))
    assert key_path() == config / "audit.key"
    (config / "settings.toml").write_text(f'[audit]\nkey_file = "{tmp_path / "elsewhere.key"}"\n', encoding="utf-8")
    assert key_path() == tmp_path / "elsewhere.key"


def test_a_workstation_with_another_key_is_refused_and_writes_nothing(db_url, clock, own_key, tmp_path,
                                                                       monkeypatch: pytest.MonkeyPatch):
    with open_services(db_url, user="alice", workstation="ws-1", clock=clock) as svc:
        svc.enrol("104-001", "AB", conditioning_start=date(2027, 4, 5))
        rows = svc.verify_audit().rows
    monkeypatch.setenv(ENV_AUDIT_KEY, str(tmp_path / "other" / "audit.key"))
    with open_services(db_url, user="bob", workstation="ws-2", clock=clock) as other:
        with pytest.raises(ServiceError, match="is not the key this database's audit trail is sealed with"):
            other.enrol("104-002", "CD", conditioning_start=date(2027, 4, 5))
        assert [p.id for p in other.participants()] == ["104-001"]
        result = other.verify_audit()
    assert not result.ok and result.rows == rows
    assert any("but this workstation's key" in p for p in result.problems)


def test_a_database_written_before_the_key_keeps_its_plain_rows_and_verify_says_where_the_keyed_chain_starts(
        svc, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(svc.context, "site_key", lambda: None)  # the writers of revision 0003: no key
    svc.enrol("104-001", "AB", conditioning_start=date(2027, 4, 5))
    legacy = svc.verify_audit()
    assert legacy.ok and legacy.keyed_from is None
    assert any("the keyed chain starts with the next change" in n for n in legacy.notes)
    monkeypatch.undo()
    svc.enrol("104-002", "CD", conditioning_start=date(2027, 4, 5))
    result = svc.verify_audit()
    assert result.ok, result.problems
    assert result.keyed_from == legacy.rows + 1
    assert any(f"seq 1..{legacy.rows} plain SHA-256" in n and f"from seq {legacy.rows + 1}" in n for n in result.notes)


def test_a_verify_without_the_key_cannot_vouch_for_the_keyed_rows(svc, clock, db_url, tmp_path,
                                                                  monkeypatch: pytest.MonkeyPatch):
    svc.enrol("104-001", "AB", conditioning_start=date(2027, 4, 5))
    monkeypatch.setenv(ENV_AUDIT_KEY, str(tmp_path / "nowhere" / "audit.key"))
    result = svc.verify_audit()
    assert not result.ok
    assert any("cannot be authenticated: this workstation has no audit key" in p for p in result.problems)
    assert not (tmp_path / "nowhere").exists()


def test_an_altered_checkpoint_file_is_reported(svc, own_key):
    svc.enrol("104-001", "AB", conditioning_start=date(2027, 4, 5))
    (checkpoint,) = (own_key.parent / "audit-checkpoints").iterdir()
    checkpoint.write_text(checkpoint.read_text(encoding="utf-8").replace('"seq": ', '"seq": 1'), encoding="utf-8")
    assert any("checkpoint file of this database was altered" in p for p in svc.verify_audit().problems)


def test_an_older_copy_put_back_stays_reported_after_later_writes(tmp_path, own_key):
    """Seen in a walk: a copy taken before two bookings was put back over the database; verify said so,
    but after two or three ordinary writes the checkpoint had moved on to the new rows and verify said
    "intact": the lost changes were reported nowhere. A checkpoint moves forward only along the trail
    it recorded; while the trail contradicts it, it stays, and every verify says so."""
    import shutil

    from tests.support.clock import FixedClock

    from .conftest import TEST_DAY

    path, kept = tmp_path / "site.sqlite3", tmp_path / "old.sqlite3"
    clock = FixedClock(TEST_DAY)
    with open_services(f"sqlite:///{path}", user="alice", workstation="ws-alice", clock=clock) as svc:
        svc.enrol("104-001", "AB", conditioning_start=date(2027, 4, 5))
    shutil.copy(path, kept)
    with open_services(f"sqlite:///{path}", user="alice", workstation="ws-alice", clock=clock) as svc:
        svc.enrol("104-002", "CD", conditioning_start=date(2027, 4, 12))
        svc.enrol("104-003", "EF", conditioning_start=date(2027, 4, 19))
    shutil.copy(kept, path)  # two enrolments lost
    with open_services(f"sqlite:///{path}", user="alice", workstation="ws-alice", clock=clock) as svc:
        assert not svc.verify_audit().ok
        for n in range(4, 9):  # work goes on: more rows than were lost
            svc.enrol(f"104-00{n}", "GH", conditioning_start=date(2027, 5, n))
        result = svc.verify_audit()
    assert not result.ok
    assert any("checkpoint" in p for p in result.problems), result.problems


def test_the_account_recorded_is_the_one_the_process_runs_as_not_what_the_environment_says(
        tmp_path, monkeypatch: pytest.MonkeyPatch):
    """Seen in a walk: ``LOGNAME=dr_smith USER=dr_smith ln-scheduler visit book ...`` was audited as
    dr_smith (getpass reads those variables first): anyone could sign as anyone on a SQLite site."""
    import pwd

    from tests.support.clock import FixedClock

    from .conftest import TEST_DAY

    for variable in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.setenv(variable, "dr_smith")
    with open_services(f"sqlite:///{tmp_path / 'site.sqlite3'}", workstation="ws", clock=FixedClock(TEST_DAY)) as svc:
        svc.enrol("104-001", "AB", conditioning_start=date(2027, 4, 5))
        users = {e.user for e in svc.audit("104-001")}
    assert users == {pwd.getpwuid(os.geteuid()).pw_name}
