"""A participant's language (what they take home) and the study team's phone, on both engines:
chosen at enrolment, changed with a reason and audited (who, when, old, new, why), refused when
unknown or on a read-only database; the phone checked and audited with the site settings; and the
audit replay catches either one changed behind the application's back."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import create_engine, text

from ln_scheduler.services.app import NewParticipant
from ln_scheduler.services.errors import ConflictError, ReadOnlyDatabaseError, ServiceError
from ln_scheduler.store.location import normalize_url

from .helpers import worked_example_site

FORTY = "+1 (555) 010-0100 ext 123456789012345678"  # exactly 40 characters
assert len(FORTY) == 40


def test_a_participant_is_enrolled_in_english_unless_another_language_is_chosen(svc):
    assert svc.enrol("104-001", "JQD").language == "en"
    r = svc.enrol("104-002", "AB", language="ES", conditioning_start=date(2027, 3, 22))
    assert r.language == "es"
    assert {p.id: p.language for p in svc.participants()} == {"104-001": "en", "104-002": "es"}
    inserted = next(e for e in svc.audit("104-002") if e.entity == "participant" and e.action == "insert")
    assert json.loads(inserted.new or "")["language"] == "es"
    assert svc.verify_audit().ok


def test_an_unknown_language_is_refused_in_one_line_naming_the_languages_there_are(svc):
    with pytest.raises(ServiceError) as refused:
        svc.enrol("104-001", "JQD", language="fr")
    assert str(refused.value) == "unknown language 'fr': choose one of en (English), es (Spanish)"
    assert svc.participants() == []
    svc.enrol("104-001", "JQD")
    with pytest.raises(ServiceError, match="unknown language 'klingon'"):
        svc.change_language("104-001", "klingon", "asked")
    assert svc.participant("104-001").language == "en"


def test_the_language_changes_with_a_reason_and_the_audit_says_who_when_old_new_and_why(svc, clock):
    svc.enrol("104-001", "JQD")
    with pytest.raises(ServiceError, match="a language change needs a reason"):
        svc.change_language("104-001", "es", "   ")
    clock.advance(hours=2)
    r = svc.change_language("104-001", "es", "reads Spanish at home")
    assert r.language == "es" and svc.participant("104-001").language == "es"
    change = [e for e in svc.audit("104-001") if e.field == "language"]
    assert [(e.user, e.workstation, e.action, e.old, e.new, e.reason, e.at) for e in change] == [
        ("alice", "ws-alice", "update", "en", "es", "reads Spanish at home", clock.now)]
    with pytest.raises(ServiceError, match="104-001 already takes home texts in Spanish"):
        svc.change_language("104-001", "es-MX", "again")
    assert len([e for e in svc.audit("104-001") if e.field == "language"]) == 1
    assert svc.verify_audit().ok


def test_a_stale_version_is_refused_and_nothing_changes(svc):
    r = svc.enrol("104-001", "JQD")
    svc.change_language("104-001", "es", "reads Spanish")
    with pytest.raises(ConflictError):
        svc.change_language("104-001", "en", "other window", expected_version=r.version)
    assert svc.participant("104-001").language == "es"


def test_a_withdrawn_participant_still_changes_language_for_the_letters_sent_after(svc, clock):
    worked_example_site(svc)
    svc.enrol("104-001", "JQD", conditioning_start=date(2027, 3, 22))
    svc.withdraw("104-001", date(2027, 3, 10), "moved away")
    r = svc.change_language("104-001", "es", "letters in Spanish")
    assert (r.language, r.withdrawal_date) == ("es", date(2027, 3, 10))
    assert svc.verify_audit().ok


def test_a_read_only_database_refuses_a_language_or_phone_change_before_any_sql(svc):
    svc.enrol("104-001", "JQD")
    svc.context.write_refusal = "a monitor's account"
    with pytest.raises(ReadOnlyDatabaseError, match="read-only: a monitor's account"):
        svc.change_language("104-001", "es", "asked")
    with pytest.raises(ReadOnlyDatabaseError):
        svc.set_site_phone("+1 555 0100", "new number")
    svc.context.write_refusal = None
    assert svc.participant("104-001").language == "en" and svc.site().phone == ""


def test_bulk_enrolment_carries_each_participants_language(svc):
    assert svc.bulk_enrol([NewParticipant("104-001", "AB"), NewParticipant("104-002", "CD", language="es")]) == 2
    assert {p.id: p.language for p in svc.participants()} == {"104-001": "en", "104-002": "es"}
    assert svc.verify_audit().ok
    with pytest.raises(ServiceError, match="unknown language 'xx'"):
        svc.bulk_enrol([NewParticipant("104-003", "EF", language="xx")])


# -- the study team's phone ------------------------------------------------------------------------
def test_the_phone_is_saved_with_the_site_settings_and_audited(svc):
    worked_example_site(svc)
    assert svc.site().phone == ""
    assert not [e for e in svc.audit() if e.field == "phone"]  # a site made without one writes no phone row
    assert svc.set_site_phone("  +1 (555) 010-0100  ", "number for participants").phone == "+1 (555) 010-0100"
    assert svc.set_site_phone(FORTY, "with the extension").phone == FORTY
    svc.set_site_phone("", "line closed")
    assert [(e.old, e.new, e.reason) for e in svc.audit() if e.field == "phone"] == [
        ("", "+1 (555) 010-0100", "number for participants"), ("+1 (555) 010-0100", FORTY, "with the extension"),
        (FORTY, "", "line closed")]
    assert svc.verify_audit().ok


def test_a_new_site_with_a_phone_audits_it_as_created(svc):
    from tests.db.helpers import WEEKENDS_ONLY

    svc.update_site(replace(WEEKENDS_ONLY, phone="555-0100 ext. 2"), "site set-up")
    assert [(e.action, e.new) for e in svc.audit() if e.field == "phone"] == [("insert", "555-0100 ext. 2")]
    assert svc.verify_audit().ok


@pytest.mark.parametrize("phone", [FORTY + "1", "call Bob", "+1 555 0100; DROP", "()-. +", "555\n0100", "x 12"])
def test_what_is_not_a_phone_number_is_refused_in_one_line(svc, phone):
    worked_example_site(svc)
    with pytest.raises(ServiceError) as refused:
        svc.set_site_phone(phone, "typo")
    message = str(refused.value)
    assert "\n" not in message.replace(phone.strip(), "") and "digits, spaces, + ( ) - . and 'ext' only" in message
    assert "at most 40 characters" in message
    assert svc.site().phone == ""


# -- the audit replay ----------------------------------------------------------------------------
def _tampered(db_url: str, sql: str) -> None:
    engine = create_engine(normalize_url(db_url))
    try:
        with engine.begin() as conn:
            conn.execute(text(sql))
    finally:
        engine.dispose()


@pytest.mark.parametrize(("sql", "expected"), [
    ("UPDATE participants SET language = 'en' WHERE study_id = '104-001'",
     r"participant 104-001, language .*'es'.*'en' \(changed"),
    ("UPDATE participants SET language = 'es' WHERE study_id = '104-002'",
     r"participant 104-002, language .*'en'.*'es' \(changed"),
    ("UPDATE site_settings SET phone = '555 0199'", r"site site, phone .*'555 0100'.*'555 0199' \(changed"),
])
def test_audit_verify_finds_a_language_or_phone_changed_behind_its_back(svc, db_url, sql, expected):
    worked_example_site(svc)
    svc.enrol("104-001", "JQD", language="es")
    svc.enrol("104-002", "AB")
    svc.set_site_phone("555 0100", "number for participants")
    assert svc.verify_audit().ok
    _tampered(db_url, sql)
    result = svc.verify_audit()
    assert not result.ok
    assert any(re.search(expected, p) for p in result.problems), result.problems
