"""The three roles of a shared PostgreSQL database, made by the shipped script and used for real:
the owner creates the schema; a coordinator does a participant's whole course from the command
line and the audit trail stays intact, yet the server refuses it every way of rewriting history;
a monitor reads everything and every write command stops with one line saying the database is
read-only, with not one row changed.

Runner: the commands run in-process (``tests/support/cli_inprocess.run_main``): what is tested is
what the server lets each role do, which the connection's role decides, not the process. The set-up
(``tests/support/pg_roles.roles_site``) runs ``db roles-sql`` and the owner's first start as real
processes, as a site's administrator would."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta

import psycopg
import pytest

from tests.e2e.cli_runner import Result, assert_one_line_error
from tests.support.amended_protocol import write_amended
from tests.support.cli_inprocess import run_main
from tests.support.pg_roles import RolesSite, roles_site, table_fingerprint
from tests.support.pg_server import PG_USER

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RolesSite]:
    with roles_site(tmp_path_factory.mktemp("roles")) as made:
        yield made


@pytest.fixture(scope="module")
def today(site: RolesSite) -> date:
    """Today at the site, from the services (the site's time zone), as the CLI will see it."""
    from ln_scheduler.services.app import open_services

    with open_services(site.url(site.monitor)) as svc:
        return svc.today()


def as_role(site: RolesSite, role: str, *args: str) -> Result:
    return run_main("--db", site.url(role), *args)


def ok(result: Result) -> Result:
    assert result.status == 0, (result.status, result.err)
    assert result.err == "", result.err
    return result


def show(site: RolesSite, role: str, pid: str) -> dict:
    return json.loads(ok(as_role(site, role, "participant", "show", pid, "--json")).out)


def enrol_in_follow_up(site: RolesSite, pid: str, today: date) -> date:
    """``pid`` enrolled, conditioned and infused 40 days ago, by the coordinator (CLI); the infusion."""
    start, infusion = today - timedelta(days=45), today - timedelta(days=40)
    co = site.coordinator
    ok(as_role(site, co, "participant", "add", pid, "--initials", "JQD", "--conditioning-start", start.isoformat()))
    ok(as_role(site, co, "conditioning", pid, "--date", start.isoformat(), "--days", "3"))
    ok(as_role(site, co, "infusion", pid, "--date", infusion.isoformat(), "--yes"))
    return infusion


def test_the_roles_are_what_the_script_says(site: RolesSite):
    with site.connect(PG_USER) as conn:
        owners = dict(conn.execute(
            "SELECT tablename, tableowner FROM pg_tables WHERE schemaname = 'public'").fetchall())
        assert owners and set(owners.values()) == {site.owner}, owners  # the coordinator owns no table
        flags = conn.execute(
            "SELECT bool_or(rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls) FROM pg_roles "
            "WHERE rolname IN (%s, %s, %s)", (site.owner, site.coordinator, site.monitor)).fetchone()[0]
        assert flags is False
        member = conn.execute("SELECT pg_has_role(%s, %s, 'MEMBER') OR pg_has_role(%s, %s, 'MEMBER')",
                              (site.coordinator, site.owner, site.monitor, site.owner)).fetchone()[0]
        assert member is False
        audit_rights = {r[0] for r in conn.execute(
            "SELECT privilege_type FROM information_schema.role_table_grants WHERE grantee = %s "
            "AND table_name = 'audit_log'", (site.coordinator,))}
        assert audit_rights == {"SELECT", "INSERT"}
        monitor_rights = {r[0] for r in conn.execute(
            "SELECT DISTINCT privilege_type FROM information_schema.role_table_grants WHERE grantee = %s",
            (site.monitor,))}
        assert monitor_rights == {"SELECT"}


def test_the_coordinator_does_a_participant_s_whole_course_and_the_trail_stays_intact(site, today, tmp_path):
    co, pid = site.coordinator, "104-001"
    infusion = enrol_in_follow_up(site, pid, today)
    record = show(site, co, pid)
    assert record["infusion_actual"] == infusion.isoformat()
    d7 = next(v for v in record["visits"] if v["code"] == "D7")
    ok(as_role(site, co, "visit", "done", pid, "D7", "--date", d7["scheduled"]))
    ok(as_role(site, co, "visit", "missed", pid, "D14", "--reason", "participant unwell"))
    ok(as_role(site, co, "correct", pid, "D14", "--field", "missed", "--reason", "entered in error"))
    ok(as_role(site, co, "visit", "unscheduled", pid, "--date", (today - timedelta(days=1)).isoformat(),
               "--reason", "flare review"))
    ahead = next(v for v in show(site, co, pid)["visits"]
                 if v["status"] in ("upcoming", "due") and v["scheduled"] and v["scheduled"] > today.isoformat())
    ok(as_role(site, co, "visit", "book", pid, ahead["code"], "--date", ahead["scheduled"], "--time", "09:30"))
    ok(as_role(site, co, "participant", "protocol", pid, "--file", str(write_amended(tmp_path)),
               "--reason", "amendment 1.1 approved", "--yes"))
    ok(as_role(site, co, "withdraw", pid, "--date", today.isoformat(), "--reason", "moved away", "--yes"))

    after = show(site, co, pid)
    assert after["status"] == "withdrawn" and after["protocol"]["version"] == "1.1"
    by_code = {v["code"]: v for v in after["visits"] if v["occurrence"] == 1}
    assert by_code["D7"]["status"] == "done" and by_code["ET"]["status"] != "cancelled"
    assert any(v["code"] == "ET" for v in after["visits"])
    verified = ok(as_role(site, co, "audit", "verify"))
    assert "intact" in verified.out
    trail = json.loads(ok(as_role(site, co, "audit", pid, "--json")).out)
    assert {e["user"] for e in trail} == {co}  # every change audited under the coordinator's role


def test_the_coordinator_records_cohorts_and_doses_with_the_rights_the_script_grants(site, today):
    """Revision 0005's table and columns: the coordinator's role may insert dose rows and change a cohort
    and the site's enrolment version (the roles script lists ``doses``); the trail stays intact."""
    co = site.coordinator
    start, infusion = today - timedelta(days=45), today - timedelta(days=40)
    ok(as_role(site, co, "participant", "add", "104-002", "--initials", "AB", "--cohort", "SSC-1B",
               "--conditioning-start", start.isoformat()))
    ok(as_role(site, co, "conditioning", "104-002", "--date", start.isoformat(), "--days", "3"))
    ok(as_role(site, co, "infusion", "104-002", "--date", infusion.isoformat(), "--yes"))
    ok(as_role(site, co, "infusion", "104-002", "--date", (infusion + timedelta(days=7)).isoformat(), "--dose", "2",
               "--yes"))
    ok(as_role(site, co, "infusion", "104-002", "--dose", "3", "--not-given", "--reason", "toxicity", "--yes"))
    # a later dose entered in error is corrected: its row goes (audited); the script must let it (a walk
    # found the coordinator refused: "permission denied")
    ok(as_role(site, co, "correct", "104-002", "D15", "--field", "dose", "--reason", "wrong participant"))
    ok(as_role(site, co, "infusion", "104-002", "--dose", "3", "--not-given", "--reason", "toxicity", "--yes"))
    ok(as_role(site, co, "participant", "add", "104-003", "--initials", "CD"))
    ok(as_role(site, co, "participant", "cohort", "104-003", "SSC-1A", "--reason", "SSc, Part 1a"))
    ok(as_role(site, co, "site", "enrolment-version", "1.0", "--reason", "first approval"))
    assert [d["state"] for d in show(site, site.monitor, "104-002")["doses"]] == ["given", "given", "not given"]
    assert show(site, site.monitor, "104-003")["cohort"] == "SSC-1A"
    assert "intact" in ok(as_role(site, site.monitor, "audit", "verify")).out
    ok(as_role(site, co, "site", "enrolment-version", "newest", "--reason", "amendment approved"))  # shared site


@pytest.mark.parametrize(("statement", "why"), [
    ("UPDATE audit_log SET reason = 'forged' WHERE seq = 1", "edit an audit row"),
    ("DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)", "delete audit rows"),
    ("TRUNCATE audit_log", "empty the audit trail"),
    ("DELETE FROM visits", "delete visits"),
    ("DELETE FROM participants", "delete participants"),
    ("DROP TABLE audit_log", "drop a table"),
    ("ALTER TABLE visits ADD COLUMN forged text", "change a table"),
    ("ALTER TABLE audit_log DISABLE TRIGGER ALL", "disable the audit triggers"),
    ("ALTER TABLE audit_log DISABLE TRIGGER trg_audit_log_no_update", "disable one audit trigger"),
    ("DROP TRIGGER trg_audit_log_no_update ON audit_log", "drop an audit trigger"),
    ("DROP FUNCTION ln_audit_append_only() CASCADE", "drop the trigger function"),
    ("CREATE TABLE forged (x int)", "create a table"),
    ("SET session_replication_role = replica", "switch triggers off for the session"),
    ("ALTER ROLE CURRENT_USER SUPERUSER", "make itself superuser"),
])
def test_the_server_refuses_the_coordinator_every_way_of_rewriting_history(site, statement, why):
    before = table_fingerprint(site)
    with site.connect(site.coordinator) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(statement)
    assert table_fingerprint(site) == before, why


def test_the_coordinator_cannot_grant_itself_more(site):
    with site.connect(site.coordinator) as conn:
        conn.execute("GRANT UPDATE, DELETE ON audit_log TO PUBLIC")  # PostgreSQL warns and grants nothing
        conn.execute(f"GRANT UPDATE, DELETE ON audit_log TO {site.coordinator}")
        allowed = conn.execute("SELECT has_table_privilege('audit_log', 'UPDATE') OR "
                               "has_table_privilege('audit_log', 'DELETE')").fetchone()[0]
    assert allowed is False


def test_the_chain_head_only_moves_forward_for_the_coordinator(site):
    with site.connect(site.coordinator) as conn, pytest.raises(psycopg.errors.RaiseException):
        conn.execute("UPDATE audit_head SET seq = seq - 1, hash = 'x'")  # winding the head back: the trigger


READS = (
    ("due", "--from", "{today}", "--json"),
    ("participant", "list"),
    ("participant", "show", "104-050"),
    ("participant", "show", "104-050", "--json"),
    ("audit",),
    ("audit", "104-050", "--json"),
    ("audit", "verify"),
    ("export", "csv", "--all", "-o", "{tmp}/all.csv"),
    ("export", "ics", "104-050", "-o", "{tmp}/one.ics"),
    ("schedule-pdf", "104-050", "-o", "{tmp}/schedule.pdf"),
    ("worksheet", "104-050", "D14", "-o", "{tmp}/d14.pdf"),
    ("backup", "{tmp}/copy.sqlite3"),
    ("db-info",),
)

WRITES = (
    ("participant", "add", "104-099", "--initials", "AB"),
    ("participant", "protocol", "104-050", "--file", "{amended}", "--reason", "amendment", "--yes"),
    ("participant", "protocol", "104-050", "--file", "{amended}", "--reason", "amendment"),  # would preview first
    ("conditioning", "104-050", "--date", "{future}", "--planned"),
    ("conditioning", "104-050", "--date", "{past}"),
    ("infusion", "104-050", "--date", "{past}", "--yes"),
    ("infusion", "104-050", "--date", "{past}"),  # would preview and ask first
    ("visit", "book", "104-050", "M2", "--date", "{future}"),
    ("visit", "book", "104-050", "M2", "M3"),  # each on its proposed date
    ("visit", "done", "104-050", "D14", "--date", "{past}"),
    ("visit", "missed", "104-050", "D14", "--reason", "unwell"),
    ("visit", "unscheduled", "104-050", "--date", "{past}", "--reason", "flare"),
    ("withdraw", "104-050", "--date", "{past}", "--reason", "moved", "--yes"),
    ("withdraw", "104-050", "--date", "{past}", "--reason", "moved"),  # would preview and ask first
    ("correct", "104-050", "D7", "--field", "actual", "--reason", "typo"),
    ("demo",),
)


@pytest.fixture(scope="module")
def monitored(site: RolesSite, today: date) -> str:
    """A participant in follow-up with D7 done, entered by the coordinator, for the monitor to look at."""
    pid = "104-050"
    enrol_in_follow_up(site, pid, today)
    d7 = next(v for v in show(site, site.coordinator, pid)["visits"] if v["code"] == "D7")
    ok(as_role(site, site.coordinator, "visit", "done", pid, "D7", "--date", d7["scheduled"]))
    return pid


def _fill(args: tuple[str, ...], **values: str) -> list[str]:
    return [a.format(**values) for a in args]


@pytest.mark.parametrize("args", READS, ids=" ".join)
def test_the_monitor_reads_everything(site, today, monitored, tmp_path, args):
    result = ok(as_role(site, site.monitor, *_fill(args, today=today.isoformat(), tmp=str(tmp_path))))
    if args[0] == "audit" and args[1:] == ("verify",):
        assert "intact" in result.out


def test_every_write_of_the_monitor_stops_with_one_line_and_nothing_is_written(site, today, monitored, tmp_path):
    values = {"amended": str(write_amended(tmp_path)), "past": (today - timedelta(days=2)).isoformat(),
              "future": (today + timedelta(days=20)).isoformat()}
    before = table_fingerprint(site)
    for args in WRITES:
        result = as_role(site, site.monitor, *_fill(args, **values))
        assert_one_line_error(result, "read-only", site.monitor)
        assert result.out == "", (args, result.out)  # refused before any preview or prompt
    assert table_fingerprint(site) == before  # 0 writes through
    assert len(WRITES) >= 12


def test_a_write_the_server_refuses_anyway_is_a_clear_error_not_an_unexpected_one(site, today, monitored):
    """A right revoked while the app is open (checked at open, refused at write): the database's
    refusal is reported in words; running the script again puts the rights back (idempotent)."""
    from ln_scheduler.services.app import ReadOnlyDatabaseError, open_services

    before = table_fingerprint(site)
    svc = open_services(site.url(site.coordinator))
    try:
        assert svc.read_only is None
        with site.connect(PG_USER) as admin:
            admin.execute(f"REVOKE INSERT ON audit_log FROM {site.coordinator}")
        with pytest.raises(ReadOnlyDatabaseError, match="permission denied") as refused:
            svc.miss_visit(monitored, "D14", "unwell")
        assert "\n" not in str(refused.value) and "INSERT INTO" not in str(refused.value)
    finally:
        svc.close()
        site.run_script()
    assert table_fingerprint(site) == before
    ok(as_role(site, site.coordinator, "visit", "missed", monitored, "D14", "--reason", "unwell"))
    ok(as_role(site, site.coordinator, "correct", monitored, "D14", "--field", "missed", "--reason", "in error"))


def test_a_monitor_without_read_only_transactions_is_still_known_read_only(site, monitored):
    """The monitor's rights alone (default_transaction_read_only reset by hand) still make it read-only."""
    with site.connect(PG_USER) as admin:
        admin.execute(f"ALTER ROLE {site.monitor} RESET default_transaction_read_only")
    try:
        result = as_role(site, site.monitor, "visit", "missed", monitored, "D14", "--reason", "unwell")
        assert_one_line_error(result, "read-only", f"the role {site.monitor} may only read it")
    finally:
        site.run_script()


def test_roles_without_their_grants_are_told_to_ask_the_owner(tmp_path):
    """Before the script's second run (tables made by the owner, not granted yet) the coordinator
    gets one line saying what to do, not 'permission denied' with exit 1; the monitor already reads
    (the owner's default privileges give it SELECT on every table the owner creates) and only reads."""
    with roles_site(tmp_path, grant=False) as bare:
        assert_one_line_error(as_role(bare, bare.coordinator, "participant", "list"), "not ready for this account",
                              "roles-sql")
        assert ok(as_role(bare, bare.monitor, "participant", "list")).out == "No participants.\n"
        assert_one_line_error(as_role(bare, bare.monitor, "participant", "add", "104-001", "--initials", "AB"),
                              "read-only")


def test_roles_sql_is_listed_and_refuses_unsafe_names():
    listed = ok(run_main("db", "--help"))
    assert "roles-sql" in listed.out
    for bad in ("--owner=Ln", "--monitor=pg_monitor", "--database=a b", "--coordinator=ln_owner",
                "--owner=x'); DROP TABLE audit_log; --"):
        assert_one_line_error(run_main("db", "roles-sql", bad))
