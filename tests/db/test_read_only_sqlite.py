"""A SQLite database opened read-only (``?mode=ro``): known read-only from the engine, and a write
tried anyway is a ReadOnlyDatabaseError in words with nothing written, never "unexpected error"
nor "the database cannot be reached"."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine

from ln_scheduler.services.app import ReadOnlyDatabaseError, Services, open_services
from ln_scheduler.services.context import ServiceContext
from ln_scheduler.store.access import read_only_reason

from .conftest import FixedClock


@pytest.fixture
def site_file(tmp_path: Path, clock: FixedClock) -> Path:
    path = tmp_path / "site.sqlite3"
    with open_services(f"sqlite:///{path}", clock=clock) as svc:
        svc.enrol("104-001", "JQD")
    return path


def test_a_read_only_uri_is_known_read_only_and_a_writable_file_is_not(site_file: Path):
    ro = create_engine(f"sqlite:///file:{site_file}?mode=ro&uri=true")
    rw = create_engine(f"sqlite:///{site_file}")
    try:
        assert "read-only" in (read_only_reason(ro) or "")
        assert read_only_reason(rw) is None
    finally:
        ro.dispose()
        rw.dispose()


def test_a_write_sqlite_refuses_is_a_read_only_error_and_nothing_is_written(site_file: Path, clock: FixedClock):
    engine = create_engine(f"sqlite:///file:{site_file}?mode=ro&uri=true")
    svc = Services(ServiceContext(engine, user="monitor", workstation="TEST-PC", clock=clock), "test")
    try:  # ctx.write_refusal left unset: as if the check had missed it, SQLite itself refuses
        with pytest.raises(ReadOnlyDatabaseError, match="read-only") as refused:
            svc.enrol("104-002", "AB")
        assert "\n" not in str(refused.value)
        assert [p.id for p in svc.participants()] == ["104-001"]
    finally:
        svc.close()


def test_services_known_read_only_refuse_before_any_sql(site_file: Path, clock: FixedClock):
    svc = open_services(f"sqlite:///{site_file}", clock=clock)
    try:
        svc.context.write_refusal = "it was opened read-only (mode=ro)"  # what open_services sets for such a URL
        with pytest.raises(ReadOnlyDatabaseError, match=r"read-only: it was opened read-only \(mode=ro\)"):
            svc.withdraw("104-001", clock().date(), "moved")
        assert svc.participant("104-001").withdrawal_date is None
    finally:
        svc.close()


def test_a_file_this_user_may_not_write_is_known_read_only(site_file: Path, monkeypatch: pytest.MonkeyPatch):
    """(File permissions do not bind root, who runs CI: the file system's answer is stood in for.)"""
    import ln_scheduler.store.access as access

    monkeypatch.setattr(access.os, "access", lambda path, mode: Path(path) != site_file)
    engine = create_engine(f"sqlite:///{site_file}")
    try:
        assert read_only_reason(engine) == f"the file {site_file} is read-only for this user"
    finally:
        engine.dispose()
