"""The issue-14 command line about languages and the study team's phone, as site scripts call it:
``participant add --language``, ``participant language ID CODE --reason``, ``participant show``
(text and JSON), ``participant list --json``, ``site phone``, ``site show``; every refusal one line
with exit status 2; a language changed behind the application's back fails ``audit verify`` (exit 4).
In-process (``run_main``: what the commands print and store is the point) on a SQLite file and on
the PostgreSQL server; the Spanish-speaking participant's enrolment on SQLite runs in a real
process, this file's main path."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import create_engine, text

from ln_scheduler.store.location import normalize_url
from tests.support.cli_inprocess import run_main

from .cli_runner import Result, assert_one_line_error, run_cli

UNKNOWN = "unknown language 'fr': choose one of en (English), es (Spanish)"


@pytest.fixture(autouse=True)
def _site_env(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)


def ok(result: Result) -> Result:
    assert (result.status, result.err) == (0, ""), (result.status, result.err, result.out)
    return result


def test_a_spanish_speaking_participant_is_enrolled_shown_listed_and_changed_with_a_reason(db):
    run = run_cli if db.startswith("sqlite") else run_main  # a real process once (on SQLite)
    ok(run("--db", db, "participant", "add", "104-001", "--initials", "JQD", "--language", "es"))
    ok(run_main("--db", db, "participant", "add", "104-002", "--initials", "AB"))
    shown = ok(run_main("--db", db, "participant", "show", "104-001")).out.splitlines()
    assert shown[1] == "Language: Spanish"  # right under the participant's header line
    assert json.loads(ok(run_main("--db", db, "participant", "show", "104-001", "--json")).out)["language"] == "es"
    listed = json.loads(ok(run_main("--db", db, "participant", "list", "--json")).out)
    assert {p["id"]: p["language"] for p in listed} == {"104-001": "es", "104-002": "en"}

    changed = ok(run_main("--db", db, "participant", "language", "104-002", "ES", "--reason", "reads Spanish"))
    assert changed.out == "104-002: takes home texts in Spanish (was English)\n"
    trail = json.loads(ok(run_main("--db", db, "audit", "104-002", "--json")).out)
    assert [(e["field"], e["old"], e["new"], e["reason"]) for e in trail if e["field"] == "language"] == [
        ("language", "en", "es", "reads Spanish")]
    assert "audit trail intact" in ok(run_main("--db", db, "audit", "verify")).out


def test_an_unknown_language_or_an_empty_reason_is_one_line_and_changes_nothing(db):
    assert_one_line_error(run_main("--db", db, "participant", "add", "104-001", "--initials", "JQD",
                                   "--language", "fr"), UNKNOWN)
    ok(run_main("--db", db, "participant", "add", "104-001", "--initials", "JQD"))
    assert_one_line_error(run_main("--db", db, "participant", "language", "104-001", "fr", "--reason", "x"), UNKNOWN)
    assert_one_line_error(run_main("--db", db, "participant", "language", "104-001", "es", "--reason", " "),
                          "a language change needs a reason")
    assert_one_line_error(run_main("--db", db, "participant", "language", "104-001", "en", "--reason", "x"),
                          "104-001 already takes home texts in English")
    assert_one_line_error(run_main("--db", db, "participant", "language", "104-009", "es", "--reason", "x"),
                          "no participant '104-009'")
    assert json.loads(ok(run_main("--db", db, "participant", "show", "104-001", "--json")).out)["language"] == "en"


def test_the_study_team_phone_is_set_shown_and_refused_when_it_is_not_a_number(db):
    ok(run_main("--db", db, "participant", "add", "104-001", "--initials", "JQD"))
    assert "phone:       not set" in ok(run_main("--db", db, "site", "show")).out
    assert ok(run_main("--db", db, "site", "phone", "+1 (555) 010-0100", "--reason", "set-up")).out == (
        "phone:       +1 (555) 010-0100\n")
    assert "phone:       +1 (555) 010-0100\n" in ok(run_main("--db", db, "site", "show")).out
    assert json.loads(ok(run_main("--db", db, "site", "show", "--json")).out)["phone"] == "+1 (555) 010-0100"
    for bad in ("call Dr Who", "5" * 41, "+1 555 0100\nDROP"):
        assert_one_line_error(run_main("--db", db, "site", "phone", bad, "--reason", "typo"),
                              "is not a phone number", "at most 40 characters")
    assert json.loads(ok(run_main("--db", db, "site", "show", "--json")).out)["phone"] == "+1 (555) 010-0100"
    ok(run_main("--db", db, "site", "phone", "", "--reason", "line closed"))
    assert json.loads(ok(run_main("--db", db, "site", "show", "--json")).out)["phone"] == ""


def test_a_read_only_database_refuses_both_writes_before_anything(db):
    ok(run_main("--db", db, "participant", "add", "104-001", "--initials", "JQD"))
    ro = f"{db}{'&' if '?' in db else '?'}mode=ro"
    for write in (("participant", "language", "104-001", "es", "--reason", "x"),
                  ("site", "phone", "555 0100", "--reason", "x")):
        assert_one_line_error(run_main("--db", ro, *write), "the database is read-only", "nothing was changed")


def test_a_language_changed_behind_the_applications_back_fails_audit_verify(db):
    ok(run_main("--db", db, "participant", "add", "104-001", "--initials", "JQD", "--language", "es"))
    engine = create_engine(normalize_url(db))
    with engine.begin() as conn:
        conn.execute(text("UPDATE participants SET language = 'en'"))
    engine.dispose()
    result = run_main("--db", db, "audit", "verify")
    assert result.status == 4
    assert "participant 104-001, language" in result.out and "'es'" in result.out and "'en'" in result.out
