"""The first look at a SQLite file (``services/first_look.py``) shows exactly what the services would,
or nothing: the window shows its rows while the services load, so a row it got wrong would be seen."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Boolean, Date, Time

from ln_scheduler.services import first_look as look_module
from ln_scheduler.services.first_look import FirstLook, first_look
from ln_scheduler.store.models import Visit

from .conftest import TEST_DAY, FixedClock

pytestmark = pytest.mark.parametrize("engine_name", ["sqlite"])


def _path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


@pytest.mark.parametrize("days", [0, 1, -3, 5, 40, -200])
def test_the_first_look_reads_the_demo_sites_worklist_exactly_as_the_services_do(demo_svc, demo_db_url, days):
    # a state the demo does not hold: the DLT visit after dose 3 was not given (named from dose 2), still open
    with sqlite3.connect(_path(demo_db_url)) as conn:
        conn.execute("UPDATE visits SET state = 'open', actual = NULL WHERE code = 'D43' AND participant_pk = "
                     "(SELECT id FROM participants WHERE study_id = '104-022')")
    conn.close()
    moment = TEST_DAY + timedelta(days=days)
    demo_svc._ctx.clock = FixedClock(moment)  # the services' clock, as open_services was given it
    look = FirstLook(_path(demo_db_url), clock=FixedClock(moment))
    today = demo_svc.today()
    assert look.today() == today
    monday = today - timedelta(days=today.weekday())
    periods = [(today, today), (monday, monday + timedelta(days=6)), (monday + timedelta(days=7), monday + timedelta(
        days=13)), (today - timedelta(days=400), today + timedelta(days=400))]
    named_dose_2 = False
    for start, end in periods:
        for overdue in (True, False):
            theirs = demo_svc.worklist(start, end, today=today, include_overdue=overdue)
            ours = look.worklist(start, end, today=today, include_overdue=overdue)
            assert ours == theirs, (start, end, overdue)
            named_dose_2 |= any("(dose 2 + 28 days)" in i.visit.name for i in ours)
    for horizon in (0, 7, 30):
        opening = today + timedelta(days=horizon)
        assert look.open_windows(opening, today=today) == demo_svc.open_windows(opening, today=today)
    picked = sorted({i.participant_id for i in demo_svc.worklist(today, today, today=today)})[:3]
    assert look.worklist(today, today, today=today, participant_ids=picked) == demo_svc.worklist(
        today, today, today=today, participant_ids=picked)
    assert named_dose_2  # the long period holds it


def test_the_typed_columns_are_the_models(engine_name):
    """A visit column added as a date, time or flag must be converted by the look as the services do."""
    columns = Visit.__table__.columns
    assert {c.name for c in columns if isinstance(c.type, Date)} == look_module.DATE_COLUMNS
    assert {c.name for c in columns if isinstance(c.type, Time)} == look_module.TIME_COLUMNS
    assert {c.name for c in columns if isinstance(c.type, Boolean)} == look_module.BOOL_COLUMNS


def test_a_look_changes_nothing_in_the_file(demo_db_url):
    path = _path(demo_db_url)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    look = first_look(demo_db_url)
    assert look is not None
    assert look.worklist(look.today(), look.today() + timedelta(days=900))
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_no_look_is_taken_where_the_services_might_answer_otherwise(demo_db_url, tmp_path):
    """Not a plain SQLite file at the newest revision: the window waits for the services instead."""
    assert first_look("postgresql://postgres@127.0.0.1/nowhere") is None
    assert first_look(f"sqlite:///{tmp_path / 'not-yet.sqlite3'}") is None
    assert not (tmp_path / "not-yet.sqlite3").exists()  # and makes no file
    assert first_look(f"{demo_db_url}?mode=ro") is None
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    assert first_look(str(junk)) is None
    older = tmp_path / "older.sqlite3"
    older.write_bytes(_path(demo_db_url).read_bytes())
    with sqlite3.connect(older) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0006'")
    assert first_look(f"sqlite:///{older}") is None
    assert first_look(str(_path(demo_db_url))) is not None  # a bare path is a SQLite file too
