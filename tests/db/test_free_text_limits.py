"""Free text is checked once, for every write, in the services (the GUI and the CLI alike): at
most 2,000 characters (fewer where the column is shorter), no control character except tab and
line feed, valid Unicode. Before: 100 kB and terminal escapes were stored and printed back raw,
and on PostgreSQL a site name over its column's 200 characters was an "unexpected error". A
refusal writes nothing: the audit trail's head is unchanged. On SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from ln_scheduler.services.errors import ServiceError
from ln_scheduler.services.inputs import MAX_FREE_TEXT


def _head(svc):  # type: ignore[no-untyped-def]
    entries = svc.audit(limit=1)
    return entries[-1].seq if entries else 0


@pytest.mark.parametrize(("text", "fragment"), [
    ("x" * (MAX_FREE_TEXT + 1), "too long (2,001 characters; at most 2,000)"),
    ("away\x1b[2Jnow", "control character (\\x1b at character 5)"),
    ("a\x00b", "control character (\\x00"),
    ("a\x85b", "control character (\\x85"),
    ("a\udcffb", "not valid text"),
])
def test_a_reason_that_is_too_long_or_holds_control_characters_is_refused(svc, text, fragment):
    svc.enrol("104-001", "AB", conditioning_start=date(2027, 3, 22))
    head = _head(svc)
    for write in (lambda: svc.miss_visit("104-001", "SCR", text),
                  lambda: svc.withdraw("104-001", date(2027, 3, 10), text),
                  lambda: svc.book_visit("104-001", "SCR", date(2027, 3, 15), reason=text)):
        with pytest.raises(ServiceError) as info:
            write()
        assert fragment in str(info.value)
    assert _head(svc) == head


def test_tabs_line_breaks_and_2000_characters_are_kept_as_typed(svc):
    svc.enrol("104-001", "AB", conditioning_start=date(2027, 3, 22))
    reason = "away\tall week\nback Monday " + "é" * (MAX_FREE_TEXT - 26)
    assert len(reason) == MAX_FREE_TEXT
    assert svc.miss_visit("104-001", "SCR", reason).reason == reason


def test_a_site_name_longer_than_its_column_is_refused_in_words(svc):
    head = _head(svc)
    with pytest.raises(ServiceError, match=r"the name is too long \(201 characters; at most 200\)"):
        svc.update_site(dataclasses.replace(svc.site(), name="n" * 201), "rename")
    assert _head(svc) == head


def test_only_the_texts_a_write_changes_are_checked(svc, db_url):
    """A visit name stored before the limits (written outside the app) does not block a change to
    another field of its row; a new text in the same row is still checked."""
    from sqlalchemy import create_engine, text

    from ln_scheduler.store.location import normalize_url

    svc.enrol("104-001", "AB", conditioning_start=date(2027, 3, 22))
    engine = create_engine(normalize_url(db_url))
    with engine.begin() as conn:
        conn.execute(text("UPDATE visits SET name = :n WHERE code = 'SCR'"), {"n": "Screening\x07"})
    engine.dispose()
    booked = svc.book_visit("104-001", "SCR", date(2027, 3, 15))
    assert booked.scheduled == date(2027, 3, 15)
    with pytest.raises(ServiceError, match="control character"):
        svc.book_visit("104-001", "SCR", date(2027, 3, 16), reason="moved\x1b")
