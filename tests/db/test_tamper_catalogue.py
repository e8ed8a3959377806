"""The tamper catalogue of issue 11: every kind of tampering an inspector tried, done as an attacker
with database access would do it (raw SQL, triggers dropped first and put back afterwards, hashes
recomputed), on both engines; ``audit verify`` must report each one, and say where.

The attacker has the database, the source code (so the hash recipe) and even a key of their own,
but not the site key file nor this workstation's checkpoint file.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Connection, create_engine, text

from ln_scheduler.services.app import open_services
from ln_scheduler.store.audit import GENESIS_HASH, row_hash
from ln_scheduler.store.location import normalize_url
from tests.support.clock import FixedClock
from tests.support.pg_server import PgServer
from tests.support.site_copies import copy_checkpoint
from tests.support.sqlite_template import copy_sqlite

from .conftest import TEST_DAY
from .helpers import populate_every_kind_of_record


class PopulatedSites:
    """The site :func:`~.helpers.populate_every_kind_of_record` makes, made once per engine for the
    module and copied for each test (about fifty tests tamper with it), with this workstation's
    audit checkpoint of it copied as well: each copy is what it leaves, the workstation's view
    included."""

    def __init__(self, folder: Path, request: pytest.FixtureRequest) -> None:
        self.folder = folder
        self.request = request
        self.templates: dict[str, str] = {}

    def _template(self, engine_name: str) -> str:
        if engine_name not in self.templates:
            url = (f"sqlite:///{self.folder / 'populated.sqlite3'}" if engine_name == "sqlite"
                   else self._pg().new_database())
            with open_services(url, user="alice", workstation="ws-alice", clock=FixedClock(TEST_DAY)) as svc:
                populate_every_kind_of_record(svc)
            self.templates[engine_name] = url  # closed: PostgreSQL copies only an unused template
        return self.templates[engine_name]

    def _pg(self) -> PgServer:
        return self.request.getfixturevalue("pg_server")

    def copy(self, engine_name: str, destination: Path) -> str:
        template = self._template(engine_name)
        if engine_name == "sqlite":
            copy_sqlite(Path(template.removeprefix("sqlite:///")), destination)
            url = f"sqlite:///{destination}"
        else:
            url = self._pg().new_database(template=template.rsplit("/", 1)[1])
        copy_checkpoint(template, url)
        return url

    def release(self, engine_name: str, url: str) -> None:
        if engine_name != "sqlite":
            self._pg().release(url)


@pytest.fixture(scope="module")
def populated_sites(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> PopulatedSites:
    return PopulatedSites(tmp_path_factory.mktemp("populated"), request)


@pytest.fixture
def populated_url(engine_name: str, tmp_path: Path, populated_sites: PopulatedSites) -> Iterator[str]:
    """A fresh copy of the site :func:`~.helpers.populate_every_kind_of_record` makes, checkpoint and all."""
    url = populated_sites.copy(engine_name, tmp_path / "site.sqlite3")
    yield url
    populated_sites.release(engine_name, url)


# -- how the attacker works ---------------------------------------------------------------------
def _engine(db_url: str):  # type: ignore[no-untyped-def]
    return create_engine(normalize_url(db_url))


def _without_triggers(conn: Connection, work: Callable[[Connection], None]) -> None:
    """Switch the audit triggers off, tamper, and put them back as they were (a careful attacker)."""
    if conn.dialect.name == "sqlite":
        saved = conn.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")).all()
        for name, _sql in saved:
            conn.execute(text(f"DROP TRIGGER {name}"))
        work(conn)
        for _name, sql in saved:
            conn.execute(text(sql))
        return
    for table in ("audit_log", "audit_head"):
        conn.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER USER"))
    work(conn)
    for table in ("audit_log", "audit_head"):
        conn.execute(text(f"ALTER TABLE {table} ENABLE TRIGGER USER"))


def _rows(conn: Connection) -> list:  # type: ignore[type-arg]
    return conn.execute(text("SELECT * FROM audit_log ORDER BY seq")).all()


def _rechain(conn: Connection, rows: list, start_prev: str, key: bytes | None) -> str:  # type: ignore[type-arg]
    """Write every row in ``rows`` back with hashes recomputed after ``start_prev``."""
    prev = start_prev
    for r in rows:
        h = row_hash(r.seq, r.at_utc, r.user_name, r.workstation, r, prev, key)
        conn.execute(text("UPDATE audit_log SET prev_hash = :p, hash = :h WHERE seq = :s"),
                     {"p": prev, "h": h, "s": r.seq})
        prev = h
    return prev


def _set_head(conn: Connection, seq: int, hash_: str) -> None:
    conn.execute(text("UPDATE audit_head SET seq = :s, hash = :h WHERE id = 1"), {"s": seq, "h": hash_})


def _visit_row(conn: Connection, pid: str, code: str) -> int:
    return conn.execute(text("SELECT v.id FROM visits v JOIN participants p ON p.id = v.participant_pk "
                             "WHERE p.study_id = :p AND v.code = :c"), {"p": pid, "c": code}).scalar_one()


def _first_seq(conn: Connection, key: str, field: str) -> int:
    return conn.execute(text("SELECT MIN(seq) FROM audit_log WHERE entity_key = :k AND field = :f"),
                        {"k": key, "f": field}).scalar_one()


# -- the catalogue --------------------------------------------------------------------------------
def edited_field(conn: Connection) -> None:
    seq = _first_seq(conn, "104-001/M2#1", "scheduled")
    _without_triggers(conn, lambda c: c.execute(text("UPDATE audit_log SET new_value = '2027-04-06' WHERE seq = :s"),
                                                {"s": seq}))


def deleted_row(conn: Connection) -> None:
    _without_triggers(conn, lambda c: c.execute(text("DELETE FROM audit_log WHERE seq = 12")))


def deleted_last_rows_head_wound_back(conn: Connection) -> None:
    def work(c: Connection) -> None:
        last = c.execute(text("SELECT MAX(seq) FROM audit_log")).scalar_one()
        c.execute(text("DELETE FROM audit_log WHERE seq > :s"), {"s": last - 5})
        keep = c.execute(text("SELECT hash FROM audit_log WHERE seq = :s"), {"s": last - 5}).scalar_one()
        _set_head(c, last - 5, keep)

    _without_triggers(conn, work)


def all_rows_deleted(conn: Connection) -> None:
    def work(c: Connection) -> None:
        c.execute(text("DELETE FROM audit_log"))
        c.execute(text("UPDATE audit_head SET seq = 0, hash = :g, keyed_from = NULL, key_fingerprint = NULL"),
                  {"g": GENESIS_HASH})

    _without_triggers(conn, work)


def everything_deleted(conn: Connection) -> None:
    """The trail and the data it describes: a database emptied, to look like a new one."""
    for table in ("procedure_records", "visits", "participants", "site_closures", "site_settings"):
        conn.execute(text(f"DELETE FROM {table}"))
    all_rows_deleted(conn)


def reordered_rows(conn: Connection) -> None:
    def work(c: Connection) -> None:
        c.execute(text("UPDATE audit_log SET seq = -1 WHERE seq = 7"))
        c.execute(text("UPDATE audit_log SET seq = 7 WHERE seq = 8"))
        c.execute(text("UPDATE audit_log SET seq = 8 WHERE seq = -1"))

    _without_triggers(conn, work)


def _forge(conn: Connection, key: bytes | None) -> None:
    """A new row moving M2, appended with a hash computed the way the code computes it, the head moved
    forward, and the visit changed to match: the replay agrees, only the seal can tell."""
    def work(c: Connection) -> None:
        last = _rows(c)[-1]
        visit = c.execute(text("SELECT scheduled FROM visits WHERE id = :i"),
                          {"i": _visit_row(c, "104-001", "M2")}).scalar_one()
        values = {"seq": last.seq + 1, "at_utc": last.at_utc, "user_name": "alice", "workstation": "ws-alice",
                  "action": "update", "entity": "visit", "entity_key": "104-001/M2#1", "participant_id": "104-001",
                  "field": "scheduled", "old_value": str(visit), "new_value": "2027-04-05", "reason": "moved",
                  "prev_hash": last.hash}

        class Row:
            old_value, new_value = values["old_value"], values["new_value"]
            action, entity, entity_key = values["action"], values["entity"], values["entity_key"]
            participant_id, field, reason = values["participant_id"], values["field"], values["reason"]

        values["hash"] = row_hash(values["seq"], values["at_utc"], "alice", "ws-alice", Row, last.hash, key)
        c.execute(text("INSERT INTO audit_log (seq, at_utc, user_name, workstation, action, entity, entity_key, "
                       "participant_id, field, old_value, new_value, reason, prev_hash, hash) VALUES (:seq, :at_utc, "
                       ":user_name, :workstation, :action, :entity, :entity_key, :participant_id, :field, "
                       ":old_value, :new_value, :reason, :prev_hash, :hash)"), values)
        _set_head(c, values["seq"], values["hash"])
        c.execute(text("UPDATE visits SET scheduled = :d WHERE id = :i"),
                  {"d": date(2027, 4, 5), "i": _visit_row(c, "104-001", "M2")})

    _without_triggers(conn, work)


def forged_row_plain_hash(conn: Connection) -> None:
    _forge(conn, None)


def forged_row_attacker_key(conn: Connection) -> None:
    _forge(conn, secrets.token_bytes(32))


def _rechained_edit(conn: Connection, key: bytes | None) -> None:
    """M2's booking changed in the trail and in the data, every later row re-hashed, the head moved."""
    seq = _first_seq(conn, "104-001/M2#1", "scheduled")

    def work(c: Connection) -> None:
        c.execute(text("UPDATE audit_log SET new_value = '2027-04-05' WHERE seq = :s"), {"s": seq})
        c.execute(text("UPDATE visits SET scheduled = :d WHERE id = :i"),
                  {"d": date(2027, 4, 5), "i": _visit_row(c, "104-001", "M2")})
        rows = _rows(c)
        last = _rechain(c, [r for r in rows if r.seq >= seq], rows[seq - 2].hash, key)
        _set_head(c, rows[-1].seq, last)

    _without_triggers(conn, work)


def rechained_edit_plain(conn: Connection) -> None:
    _rechained_edit(conn, None)


def rechained_edit_attacker_key(conn: Connection) -> None:
    _rechained_edit(conn, secrets.token_bytes(32))


def rechained_as_unkeyed(conn: Connection) -> None:
    """The whole trail re-hashed with plain SHA-256 and the key marker removed, as if no row had ever
    been sealed: only the checkpoint outside the database remembers."""
    def work(c: Connection) -> None:
        c.execute(text("UPDATE audit_log SET new_value = 'ZZ' WHERE seq = 1"))
        c.execute(text("UPDATE participants SET initials = 'ZZ' WHERE study_id = '104-001'"))
        rows = _rows(c)
        last = _rechain(c, rows, GENESIS_HASH, None)
        c.execute(text("UPDATE audit_head SET seq = :s, hash = :h, keyed_from = NULL, key_fingerprint = NULL"),
                  {"s": rows[-1].seq, "h": last})

    _without_triggers(conn, work)


def participant_changed(conn: Connection) -> None:
    conn.execute(text("UPDATE participants SET initials = 'ZZ' WHERE study_id = '104-001'"))


def participant_deleted(conn: Connection) -> None:
    conn.execute(text("DELETE FROM visits WHERE participant_pk = (SELECT id FROM participants "
                      "WHERE study_id = '104-002')"))
    conn.execute(text("DELETE FROM participants WHERE study_id = '104-002'"))


def participant_inserted(conn: Connection) -> None:
    conn.execute(text("INSERT INTO participants (study_id, initials, status, protocol_id, protocol_version, "
                      "created_at, version) SELECT '104-099', 'QQ', status, protocol_id, protocol_version, created_at, "
                      "1 FROM participants WHERE study_id = '104-002'"))


def visit_changed(conn: Connection) -> None:
    conn.execute(text("UPDATE visits SET actual = :d, state = 'done' WHERE id = :i"),
                 {"d": date(2027, 3, 3), "i": _visit_row(conn, "104-001", "D30")})


def visit_study_day_changed(conn: Connection) -> None:
    """Seen in a walk: a visit's study day (not in the trail: it follows from the target and Day 1)
    set one day on: the window's Day column and the worksheet said "Day 15" for Day 14, verify said
    intact."""
    conn.execute(text("UPDATE visits SET study_day = study_day + 1 WHERE id = :i"),
                 {"i": _visit_row(conn, "104-001", "D14")})


def study_days_all_shifted(conn: Connection) -> None:
    """Seen in a walk: every study day of a participant not yet infused moved one day on: the visits
    agreed with each other, and verify said intact (Day 1 was taken from them, not from the planned
    infusion, which is stored and audited)."""
    conn.execute(text("UPDATE visits SET study_day = study_day + 1 WHERE study_day IS NOT NULL AND participant_pk = "
                      "(SELECT id FROM participants WHERE infusion_actual IS NULL AND infusion_planned IS NOT NULL "
                      "ORDER BY study_id LIMIT 1)"))


def study_day_cleared(conn: Connection) -> None:
    """From a walk: a dated visit's study day set to NULL: the Day column went blank, verify said intact."""
    conn.execute(text("UPDATE visits SET study_day = NULL WHERE id = :i"), {"i": _visit_row(conn, "104-001", "M2")})


def study_day_without_day_one(conn: Connection) -> None:
    """From a walk: a study day given to a visit of a participant with no Day 1 at all (no infusion
    planned nor given): taken as their own Day 1, it agreed with itself."""
    conn.execute(text("UPDATE visits SET study_day = 5 WHERE code = 'SCR' AND participant_pk = (SELECT id FROM "
                      "participants WHERE infusion_actual IS NULL AND infusion_planned IS NULL ORDER BY study_id "
                      "LIMIT 1)"))


def enrolment_version_set(conn: Connection) -> None:
    """Seen in a walk: on a site that never chose a version (new participants on the newest), the
    version set to 1.0 behind the trail: the next enrolment was on 1.0 and verify said intact."""
    conn.execute(text("UPDATE site_settings SET enrolment_protocol_version = '1.0'"))


def visit_deleted(conn: Connection) -> None:
    conn.execute(text("DELETE FROM visits WHERE id = :i"), {"i": _visit_row(conn, "104-001", "M24")})


def procedure_record_changed(conn: Connection) -> None:
    conn.execute(text("UPDATE procedure_records SET sample_id = 'S-9999' WHERE code = 'HEME' AND visit_id = :i"),
                 {"i": _visit_row(conn, "104-001", "D7")})


def procedure_record_deleted(conn: Connection) -> None:
    conn.execute(text("DELETE FROM procedure_records WHERE code = 'PK' AND visit_id = :i"),
                 {"i": _visit_row(conn, "104-001", "D7")})


def site_setting_changed(conn: Connection) -> None:
    conn.execute(text("UPDATE site_settings SET closure_rules = 'weekends,us-holidays' WHERE id = 1"))


def closure_deleted(conn: Connection) -> None:
    conn.execute(text("DELETE FROM site_closures"))


def closure_added(conn: Connection) -> None:
    conn.execute(text("INSERT INTO site_closures (closed_on, reason) VALUES (:d, '')"), {"d": date(2027, 5, 7)})


def trigger_dropped(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(text("DROP TRIGGER trg_audit_log_no_delete"))
    else:
        conn.execute(text("DROP TRIGGER trg_audit_log_no_update ON audit_log"))


def trigger_disabled(conn: Connection) -> None:
    """PostgreSQL: ALTER TABLE … DISABLE TRIGGER. SQLite has no switch: the same effect is a trigger of
    the same name that no longer refuses anything."""
    if conn.dialect.name == "sqlite":
        conn.execute(text("DROP TRIGGER trg_audit_log_no_update"))
        conn.execute(text("CREATE TRIGGER trg_audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT 1; END"))
    else:
        conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER trg_audit_log_no_update"))


def trigger_defused(conn: Connection) -> None:
    """The trigger left in place and enabled, its function (PostgreSQL) or body (SQLite) emptied."""
    if conn.dialect.name == "sqlite":
        conn.execute(text("DROP TRIGGER trg_audit_head_forward_only"))
        conn.execute(text("CREATE TRIGGER trg_audit_head_forward_only BEFORE UPDATE ON audit_head "
                          "BEGIN SELECT 1; END"))
    else:
        conn.execute(text("CREATE OR REPLACE FUNCTION ln_audit_head_forward_only() RETURNS trigger "
                          "LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$"))


def _trigger_put_back(conn: Connection, name: str, sqlite_rest: str, pg_rest: str) -> None:
    """Trigger ``name`` dropped and made again under its name as ``CREATE TRIGGER name <rest>``."""
    sqlite = conn.dialect.name == "sqlite"
    conn.execute(text(f"DROP TRIGGER {name}" if sqlite else f"DROP TRIGGER {name} ON audit_log"))
    conn.execute(text(f"CREATE TRIGGER {name} {sqlite_rest if sqlite else pg_rest}"))


def trigger_never_fires(conn: Connection) -> None:
    """Seen in a walk: the trigger put back under its name, with its RAISE, behind a condition that is
    never true (``WHEN 0``): verify said "protection triggers in place" and rows could be edited."""
    _trigger_put_back(conn, "trg_audit_log_no_update",
                      "BEFORE UPDATE ON audit_log WHEN 0 "
                      "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: UPDATE refused'); END",
                      "BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW WHEN (false) "
                      "EXECUTE FUNCTION ln_audit_append_only()")


def trigger_on_fewer_events(conn: Connection) -> None:
    """The same trigger on other events: INSERT only (SQLite), UPDATE only, deletes let through (PostgreSQL)."""
    sqlite = conn.dialect.name == "sqlite"
    _trigger_put_back(conn, "trg_audit_log_no_delete" if sqlite else "trg_audit_log_no_update",
                      "BEFORE INSERT ON audit_log WHEN NEW.seq < 0 "
                      "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: DELETE refused'); END",
                      "BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION ln_audit_append_only()")


def protocol_text_edited(conn: Connection) -> None:
    """Seen in a walk: a window widened inside the stored protocol text (``protocols.text``): the next
    re-planning used it, and verify said intact."""
    conn.execute(text("UPDATE protocols SET text = replace(text, 'late = 7', 'late = 9')"))


#: kind -> (tampering, what verify must say, as a regular expression)
CATALOGUE: dict[str, tuple[Callable[[Connection], None], str]] = {
    "edited-field": (edited_field, r"seq \d+ \(visit 104-001/M2#1, scheduled, .*edited after it was written"),
    "deleted-row": (deleted_row, r"seq 12\.\.12: rows are missing"),
    "deleted-last-rows-head-wound-back": (deleted_last_rows_head_wound_back,
                                          r"seq \d+\.\.\d+: missing; this workstation's checkpoint"),
    "all-rows-deleted": (all_rows_deleted, r"seq 1\.\.\d+: missing; this workstation's checkpoint"),
    "everything-deleted": (everything_deleted, r"seq 1\.\.\d+: missing; this workstation's checkpoint"),
    "reordered-rows": (reordered_rows, r"seq 7 .*does not follow the row before it"),
    "forged-row-plain-sha256": (forged_row_plain_hash, r"seq \d+ \(visit 104-001/M2#1, scheduled, .*forged"),
    "forged-row-attacker-key": (forged_row_attacker_key, r"seq \d+ \(visit 104-001/M2#1, scheduled, .*forged"),
    "rechained-edit-plain": (rechained_edit_plain, r"seq \d+ \(visit 104-001/M2#1, scheduled, .*forged"),
    "rechained-edit-attacker-key": (rechained_edit_attacker_key, r"seq \d+ \(visit 104-001/M2#1, scheduled, .*forged"),
    "rechained-as-unkeyed": (rechained_as_unkeyed, r"seq \d+: its hash is not the one this workstation's checkpoint"),
    "participant-changed": (participant_changed,
                            r"participant 104-001, initials .*says 'JQD', the data says 'ZZ' \(changed without"),
    "participant-deleted": (participant_deleted, r"participant 104-002 .*deleted without an audit row"),
    "participant-inserted": (participant_inserted, r"participant 104-099: in the data but no audit row"),
    "visit-changed": (visit_changed, r"visit 104-001/D30#1, actual .*the data says '2027-03-03'"),
    "visit-study-day-changed": (visit_study_day_changed,
                                r"visit 104-001/D14#1, study_day: its target \S+ is study day 14 .*the data says 15"),
    "study-days-all-shifted": (study_days_all_shifted, r"visit 104-\d+/\w+#1, study_day: its target .*Day 1 "),
    "study-day-cleared": (study_day_cleared, r"visit 104-001/M2#1, study_day: its target .*the data says \(empty\)"),
    "enrolment-version-set": (enrolment_version_set,
                              r"site site, enrolment_protocol_version .*\(empty\), the data says '1\.0'"),
    "visit-deleted": (visit_deleted, r"visit 104-001/M24#1 .*deleted without an audit row"),
    "procedure-record-changed": (procedure_record_changed,
                                 r"procedure 104-001/D7#1/HEME, sample_id .*'S-0001'.*'S-9999'"),
    "procedure-record-deleted": (procedure_record_deleted, r"procedure 104-001/D7#1/PK .*deleted without"),
    "site-setting-changed": (site_setting_changed, r"site site, closure_rules .*'weekends'.*'weekends,us-holidays'"),
    "closure-deleted": (closure_deleted, r"closure 2027-04-02 .*deleted without an audit row"),
    "closure-added": (closure_added, r"closure 2027-05-07: in the data but no audit row"),
    "trigger-dropped": (trigger_dropped, r"trigger trg_audit_log_no_\w+ on audit_log is missing \(dropped\)"),
    "trigger-disabled": (trigger_disabled, r"trigger trg_audit_log_no_update on audit_log "
                                           r"(is disabled|was replaced by one that does not)"),
    "trigger-defused": (trigger_defused, r"trigger trg_audit_head_forward_only on audit_head was replaced"),
    "protocol-text-edited": (protocol_text_edited, r"protocol TAK007-LN-1001 version [\d.]+: its stored text was "
                                                   r"changed"),
    "trigger-never-fires": (trigger_never_fires, r"trigger trg_audit_log_no_update on audit_log was replaced"),
    "trigger-on-fewer-events": (trigger_on_fewer_events, r"trigger trg_audit_log_no_\w+ on audit_log was replaced"),
}


def _tamper(db_url: str, tamper: Callable[[Connection], None]) -> None:
    """``tamper`` run on the database in one transaction, as someone with database access would."""
    engine = _engine(db_url)
    try:
        with engine.begin() as conn:
            tamper(conn)
    finally:
        engine.dispose()


def _verify(db_url: str, clock):  # type: ignore[no-untyped-def]
    """A fresh process's view (another user, the same workstation: its key and checkpoint)."""
    with open_services(db_url, user="monitor", workstation="ws-alice", clock=clock) as other:
        return other.verify_audit()


@pytest.mark.parametrize("kind", list(CATALOGUE))
def test_every_kind_of_tampering_is_reported_with_where(populated_url, clock, kind):
    db_url = populated_url
    assert _verify(db_url, clock).ok
    tamper, expected = CATALOGUE[kind]
    _tamper(db_url, tamper)
    result = _verify(db_url, clock)
    assert not result.ok
    assert result.problem_count >= 1
    assert any(re.search(expected, p) for p in result.problems), "\n".join(result.problems)


def test_a_clean_database_verifies_intact_and_says_where_the_keyed_chain_starts(svc, db_url, clock):
    populate_every_kind_of_record(svc)
    result = _verify(db_url, clock)
    assert result.ok, result.problems
    assert result.problems == () and result.problem_count == 0
    assert result.keyed_from == 1 and result.key_fingerprint
    assert result.checkpoint_seq == result.rows
    assert any("keyed chain (HMAC-SHA256" in n and "from seq 1" in n for n in result.notes)


def test_an_empty_database_verifies_intact(svc, clock):
    result = svc.verify_audit()
    assert result.ok and result.rows == 0


def test_a_site_after_many_ordinary_service_calls_verifies_intact(demo_svc, tmp_path):
    """The replay is exact: the demo site (every kind of write: site set-up, enrolments, conditioning,
    infusions, bookings, visits done with procedures, missed, unscheduled, withdrawal; a copy of the
    one built for the run), a bulk enrolment, corrections and a protocol change leave no difference
    between the trail and the data."""
    from ln_scheduler.services.enrolment import NewParticipant
    from tests.support.amended_protocol import write_amended

    svc = demo_svc
    svc.bulk_enrol([NewParticipant(f"105-{i:03d}", "CD", conditioning_start=date(2027, 4, 5)) for i in range(10)]
                   + [NewParticipant("105-100", "EF", screening_date=date(2027, 3, 1))])
    withdrawn = next(p.id for p in svc.participants() if p.status.value == "withdrawn")
    svc.correct_entry(withdrawn, None, 1, "withdrawal", "wrong participant")
    amended = svc.load_protocol_file(write_amended(tmp_path))
    svc.change_protocol("105-001", amended, "amendment 1.1 approved")
    svc.change_protocol("105-100", amended, "amendment 1.1 approved")
    result = svc.verify_audit()
    assert result.ok, "\n".join(result.problems)
    assert result.rows > 1000


def test_a_keyed_chain_wound_back_to_nothing_is_said_in_words(populated_url, clock):
    """Seen in a walk: after every audit row was deleted verify said "the database says seq None with
    key None"."""
    _tamper(populated_url, all_rows_deleted)
    problems = _verify(populated_url, clock).problems
    assert not any("None" in p for p in problems), problems
    assert any("the database has no keyed chain" in p for p in problems), problems


def test_a_row_inserted_below_seq_1_is_named_as_such_not_as_rows_missing(populated_url, clock):
    """Seen in a walk: a fake row at seq -1 was reported "out of order (after seq 0)" and "seq 0..0:
    rows are missing (deleted)": there never was a seq 0, and nothing was deleted."""
    def insert_below(conn: Connection) -> None:
        columns = ("at_utc, user_name, workstation, action, entity, entity_key, participant_id, field, old_value, "
                   "new_value, reason, prev_hash, hash")
        conn.execute(text(f"INSERT INTO audit_log (seq, {columns}) SELECT -1, {columns} FROM audit_log WHERE seq = 1"))

    _tamper(populated_url, insert_below)
    problems = _verify(populated_url, clock).problems
    assert any(p.startswith("seq -1 ") and "inserted" in p for p in problems), problems
    assert not any("seq 0" in p for p in problems), problems


def _amended_in_use(svc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """104-001 moved to an amended version 1.1 loaded from a file: its text is stored, and read back
    from the database for every later re-planning (a shipped version is read from the release)."""
    from tests.support.amended_protocol import write_amended

    populate_every_kind_of_record(svc)
    svc.change_protocol("104-001", svc.load_protocol_file(write_amended(tmp_path)), "amendment 1.1 approved")


def _rehashed_window(conn: Connection) -> None:
    import hashlib

    stored = conn.execute(text("SELECT id, text FROM protocols WHERE protocol_version = '1.1'")).one()
    edited = stored.text.replace("late = 7", "late = 14")
    assert edited != stored.text
    conn.execute(text("UPDATE protocols SET text = :t, sha256 = :h WHERE id = :i"),
                 {"t": edited, "h": hashlib.sha256(edited.encode("utf-8")).hexdigest(), "i": stored.id})


def test_an_amended_protocol_text_edited_with_its_hash_recomputed_is_reported(svc, db_url, clock, tmp_path):
    """Seen in an inspector's walk: a window widened in a stored amended protocol, its SHA-256
    recomputed beside it: verify said intact, and the next re-planning used the edited window. The
    trail now records each stored text's SHA-256 when it is stored, and verify holds the text to it."""
    _amended_in_use(svc, tmp_path)
    assert _verify(db_url, clock).ok
    _tamper(db_url, _rehashed_window)
    result = _verify(db_url, clock)
    assert not result.ok
    assert any(re.search(r"protocol TAK007-LN-1001 version 1\.1: its stored text is not the one the audit trail "
                         r"recorded when it was stored", p) for p in result.problems), result.problems


def test_a_stored_protocol_deleted_is_reported(svc, db_url, clock, tmp_path):
    """Seen in an inspector's walk: the stored amended protocol deleted: verify said intact, and the
    participant's calendar could no longer be shown."""
    _amended_in_use(svc, tmp_path)
    _tamper(db_url, lambda conn: conn.execute(text("DELETE FROM protocols WHERE protocol_version = '1.1'")))
    result = _verify(db_url, clock)
    assert not result.ok
    assert any("participant 104-001 is on protocol TAK007-LN-1001 version 1.1, which is not stored in the database"
               in p for p in result.problems), result.problems
    assert any(re.search(r"protocol TAK007-LN-1001 version 1\.1 .*in the audit trail but not in the data", p)
               for p in result.problems), result.problems


def test_a_protocol_text_put_in_the_database_before_the_app_stores_it_is_not_adopted(svc, db_url, clock, tmp_path):
    """Seen in an inspector's walk: a forged text of version 1.2 (Month 2's window widened, its hash
    recomputed) inserted before anyone moved a participant to 1.2: the real move found a 1.2 stored,
    stored nothing and audited nothing, and every later re-planning read the forged windows. The text
    stored must be the file's; a text found there without its audit row is recorded when it is."""
    import hashlib

    from ln_scheduler.services.errors import ServiceError
    from tests.support.amended_protocol import amended_text, write_amended

    populate_every_kind_of_record(svc)
    forged = amended_text("1.2").replace("early = 10\nlate = 10", "early = 14\nlate = 14")

    def insert_forged(conn: Connection) -> None:
        conn.execute(text("INSERT INTO protocols (protocol_id, protocol_version, source_name, text, sha256, stored_at) "
                          "VALUES ('TAK007-LN-1001', '1.2', 'x.toml', :t, :h, CURRENT_TIMESTAMP)"),
                     {"t": forged, "h": hashlib.sha256(forged.encode("utf-8")).hexdigest()})

    _tamper(db_url, insert_forged)
    with open_services(db_url, user="alice", workstation="ws-alice", clock=clock) as fresh:
        amended = fresh.load_protocol_file(write_amended(tmp_path, "1.2"))
        with pytest.raises(ServiceError, match=r"protocol TAK007-LN-1001 version 1\.2 stored in the database "
                                               r"differs from tak007-ln-v1\.2\.toml"):
            fresh.change_protocol("104-001", amended, "amendment 1.2 approved")
        assert fresh.participant("104-001").protocol_version != "1.2"


def test_a_study_day_given_to_a_participant_without_a_day_1_is_reported(svc, db_url, clock):
    populate_every_kind_of_record(svc)
    svc.enrol("104-050", "GH")  # no conditioning planned: no Day 1, no study days
    assert _verify(db_url, clock).ok
    _tamper(db_url, study_day_without_day_one)
    result = _verify(db_url, clock)
    assert not result.ok
    assert any(re.search(r"visit 104-050/SCR#1, study_day: the data says 5, but it has no study day", p)
               for p in result.problems), result.problems
