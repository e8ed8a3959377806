"""The database commands as site scripts call them: fixed spellings, JSON shapes, one-line errors
with exit status 2, confirmation before an infusion re-plans the calendar. Run on a SQLite file and
on the PostgreSQL server.

Runner: in-process (``cli``, ``run_main``: what each command does is the point here); real processes
where the process is: the default database found through a new process's environment with
``demo`` (this file's main path end to end), what a fresh ``participant show`` process imports, and
a confirmation typed on a real terminal (a pseudo-terminal on the child's standard input)."""

from __future__ import annotations

import json
import os
import re
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.support.cli_inprocess import run_main

from .cli_runner import Result, assert_one_line_error, run_cli


def site_today() -> date:
    """The CLI's today: the default site's time zone."""
    return datetime.now(ZoneInfo("America/New_York")).date()


def iso(d: date) -> str:
    return d.isoformat()


def cli(db: str, env: dict[str, str], *args: str, stdin: str | None = None) -> Result:
    """``ln-scheduler --db DB ARGS`` in-process (tests/support/cli_inprocess.py)."""
    return run_main("--db", db, *args, env=env, stdin=stdin)


def ok(result: Result) -> Result:
    assert result.status == 0, (result.status, result.err, result.out)
    assert result.err == ""
    return result


def test_a_participant_from_enrolment_to_withdrawal(db, env, tmp_path):
    today = site_today()
    c1 = today - timedelta(days=40)
    ok(cli(db, env, "participant", "add", "104-001", "--initials", "JQD", "--conditioning-start", iso(c1)))
    ok(cli(db, env, "conditioning", "104-001", "--date", iso(c1), "--days", "3"))

    infusion = c1 + timedelta(days=6)
    unconfirmed = cli(db, env, "infusion", "104-001", "--date", iso(infusion))
    assert_one_line_error(unconfirmed, "re-run with --yes")
    assert "record the infusion on" in unconfirmed.out and "D7" in unconfirmed.out  # the preview was shown
    shown = json.loads(ok(cli(db, env, "participant", "show", "104-001", "--json")).out)
    assert shown["infusion_actual"] is None  # nothing recorded without confirmation
    ok(cli(db, env, "infusion", "104-001", "--date", iso(infusion), "--yes"))

    shown = json.loads(ok(cli(db, env, "participant", "show", "104-001", "--json")).out)
    assert {"id", "status", "protocol", "visits"} <= set(shown)
    assert (shown["id"], shown["status"], shown["protocol"]) == ("104-001", "follow-up",
                                                                 {"id": "TAK007-LN-1001", "version": "2.0"})
    for v in shown["visits"]:
        assert {"code", "occurrence", "study_day", "target", "earliest", "latest", "scheduled", "actual",
                "status"} <= set(v)
    visits = {v["code"]: v for v in shown["visits"]}
    assert visits["D1"]["actual"] == iso(infusion) and visits["D1"]["status"] == "done"
    assert visits["LD1"]["study_day"] == -6 and visits["D7"]["target"] == iso(infusion + timedelta(days=6))

    d2 = date.fromisoformat(visits["D2"]["scheduled"])
    ok(cli(db, env, "visit", "done", "104-001", "D2", "--date", iso(d2), "--not-done", "PK:sample haemolysed"))
    ok(cli(db, env, "visit", "missed", "104-001", "D3", "--reason", "participant unwell"))
    ok(cli(db, env, "visit", "unscheduled", "104-001", "--date", iso(today - timedelta(days=2)),
           "--reason", "Lupus flare", "--procedure", "UPCR"))
    m2 = visits["M2"]
    booked = ok(cli(db, env, "visit", "book", "104-001", "M2", "--date", m2["latest"], "--time", "09:30"))
    assert f"booked on {m2['latest']} at 09:30" in booked.out
    moved = ok(cli(db, env, "visit", "book", "104-001", "M2", "--date", m2["earliest"]))
    assert f"booked on {m2['earliest']} at 09:30" in moved.out, "moving the day kept the booked time"
    ok(cli(db, env, "visit", "book", "104-001", "M2", "--date", m2["latest"], "--clear-time"))
    cleared = json.loads(ok(cli(db, env, "participant", "show", "104-001", "--json")).out)
    assert {v["code"]: v for v in cleared["visits"]}["M2"]["time"] is None
    ok(cli(db, env, "visit", "book", "104-001", "M2", "--date", m2["latest"], "--time", "09:30"))

    listed = json.loads(ok(cli(db, env, "participant", "list", "--json")).out)
    assert listed[0] == {**listed[0], "id": "104-001", "initials": "JQD", "status": "follow-up"}
    due = json.loads(ok(cli(db, env, "due", "--from", iso(today), "--to", iso(today + timedelta(days=60)),
                            "--json")).out)
    assert any(i["code"] == "M2" and i["time"] == "09:30:00" for i in due)
    assert all(i["participant"] == "104-001" and i["status"] != "done" for i in due)

    before = {v["code"]: v for v in json.loads(ok(cli(db, env, "participant", "show", "104-001", "--json")).out)
              ["visits"]}
    unconfirmed = cli(db, env, "withdraw", "104-001", "--date", iso(today), "--reason", "moved away")
    assert_one_line_error(unconfirmed, "not confirmed: re-run with --yes to withdraw the participant")
    groups = _withdrawal_preview(unconfirmed.out)
    overdue = {c for c, v in before.items() if v["status"] == "overdue"}
    assert overdue and set(groups["Will be recorded missed"]) == overdue  # D4, D7, ...: said before it is done
    assert "M24" in groups["Will be cancelled"] and set(groups["Will be added"]) == {"ET"}
    assert json.loads(ok(cli(db, env, "participant", "show", "104-001", "--json")).out)["withdrawal_date"] is None
    withdrawn = ok(cli(db, env, "withdraw", "104-001", "--date", iso(today), "--reason", "moved away", "--yes"))
    assert (f"{len(overdue)} visit(s) recorded missed, {len(groups['Will be cancelled'])} cancelled; "
            "early-termination visit added") in withdrawn.out
    shown = json.loads(ok(cli(db, env, "participant", "show", "104-001", "--json")).out)
    assert shown["status"] == "withdrawn"
    assert {v["code"]: v["status"] for v in shown["visits"]}["M24"] == "cancelled"

    trail = json.loads(ok(cli(db, env, "audit", "104-001", "--json")).out)
    assert {"seq", "at", "user", "workstation", "field", "old", "new", "reason"} <= set(trail[0])
    assert any(e["field"] == "withdrawal_reason" and e["new"] == "moved away" for e in trail)
    assert "audit trail intact" in ok(cli(db, env, "audit", "verify")).out
    backup = tmp_path / "backup.sqlite3"
    printed = ok(cli(db, env, "backup", str(backup))).out
    checkpoint = re.search(r"^audit checkpoint: seq (\d+) hash ([0-9a-f]{16})…$", printed, re.MULTILINE)
    assert checkpoint is not None, printed
    verified = ok(run_main("--db", f"sqlite:///{backup}", "audit", "verify", "--json", env=env)).out
    assert (json.loads(verified)["rows"], json.loads(verified)["last_hash"][:16]) == (
        int(checkpoint[1]), checkpoint[2])
    assert "audit trail intact" in ok(run_main("--db", f"sqlite:///{backup}", "audit", "verify", env=env)).out


def _withdrawal_preview(out: str) -> dict[str, dict[str, str]]:
    """The printed withdrawal preview: group heading -> visit code -> its line."""
    groups: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for line in out.splitlines():
        if line.startswith("Will be"):
            current = groups.setdefault(line.split(" (")[0], {})
        elif current is not None and line and not line.startswith(("Visit ", "-")):
            current[line.split()[0]] = line
    return groups


def _build_site(path: Path) -> str:
    """Two participants, written in-process (faster than the CLI): 104-001 infused 15 days ago,
    104-002 with conditioning planned in 10 days."""
    from ln_scheduler.services.app import open_services

    db = f"sqlite:///{path}"
    today = site_today()
    with open_services(db) as svc:
        svc.enrol("104-001", "AB", conditioning_start=today - timedelta(days=20))
        svc.record_conditioning("104-001", today - timedelta(days=20), days_done=3)
        svc.record_infusion("104-001", today - timedelta(days=15))
        svc.enrol("104-002", "CD", conditioning_start=today + timedelta(days=10))
    return db


@pytest.fixture(scope="module")
def shared_site(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Read-mostly: every test using it must leave it as it found it (bad input changes nothing)."""
    return _build_site(tmp_path_factory.mktemp("site") / "bad.sqlite3")


@pytest.fixture
def site_db(tmp_path: Path) -> str:
    return _build_site(tmp_path / "site.sqlite3")


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (("participant", "show", "104-999"), ("no participant '104-999'",)),
        (("visit", "done", "104-001", "D8", "--date", "{today}"), ("unknown visit code 'D8'",)),
        (("visit", "book", "104-001", "M2", "--date", "0207-01-01"), ("outside any sensible range",)),
        (("visit", "book", "104-001", "M2", "--date", "2027-02-30"), ("not a valid date",)),
        (("infusion", "104-001", "--date", "{today}", "--yes"), ("already received the infusion",)),
        (("visit", "done", "104-002", "D7", "--date", "{today}"), ("before conditioning",)),
        (("infusion", "104-002", "--date", "{today}", "--yes"), ("record the conditioning days first",)),
        (("visit", "done", "104-002", "D1", "--date", "{today}"), ("record the conditioning days first",)),
        (("participant", "add", "104-001", "--initials", "EF"), ("already enrolled",)),
        (("participant", "add", "ABC", "--initials", "EF"), ("does not match the site's format",)),
        (("visit", "missed", "104-001", "D7", "--reason", " "), ("needs a reason",)),
        (("withdraw", "104-001", "--date", "{tomorrow}", "--reason", "x"), ("in the future",)),
        (("due", "--from", "{today}", "--to", "2000-01-01"), ("before --from",)),
        (("visit", "frobnicate"), ("invalid choice",)),
    ],
    ids=["unknown-participant", "unknown-code", "absurd-date", "impossible-date", "second-infusion",
         "before-conditioning", "infusion-before-conditioning", "day1-before-conditioning", "duplicate", "bad-id",
         "empty-reason", "future-withdrawal", "backwards-range",
         "unknown-action"],
)
def test_bad_input_exits_2_with_one_clear_line(shared_site, env, args, fragments):
    today = site_today()
    filled = [a.format(today=iso(today), tomorrow=iso(today + timedelta(days=1))) for a in args]
    before = Path(shared_site.removeprefix("sqlite:///")).stat().st_mtime_ns
    assert_one_line_error(cli(shared_site, env, *filled), *fragments)
    assert Path(shared_site.removeprefix("sqlite:///")).stat().st_mtime_ns == before  # nothing written



def test_participant_show_tells_a_booked_visit_from_a_merely_proposed_date(db, env):
    """Scripts (and another site's tools) read ``booked`` and ``time``: a proposed date is not an
    appointment the participant agreed to."""
    c1 = site_today() + timedelta(days=30)
    ok(cli(db, env, "participant", "add", "104-007", "--initials", "AB", "--conditioning-start", iso(c1)))
    before = {v["code"]: v for v in json.loads(ok(cli(db, env, "participant", "show", "104-007", "--json")).out)
              ["visits"]}
    assert all(v["booked"] is False and v["time"] is None for v in before.values())
    ok(cli(db, env, "visit", "book", "104-007", "D7", "--date", before["D7"]["scheduled"], "--time", "09:30"))
    ok(cli(db, env, "visit", "book", "104-007", "D14", "--date", before["D14"]["scheduled"]))

    visits = {v["code"]: v for v in json.loads(ok(cli(db, env, "participant", "show", "104-007", "--json")).out)
              ["visits"]}
    assert (visits["D7"]["booked"], visits["D7"]["time"]) == (True, "09:30:00")
    assert (visits["D14"]["booked"], visits["D14"]["time"]) == (True, None)
    assert (visits["M3"]["booked"], visits["M3"]["time"]) == (False, None)
    assert visits["M3"]["scheduled"] == before["M3"]["scheduled"]

    rows = {line.split()[0]: line for line in ok(cli(db, env, "participant", "show", "104-007")).out.splitlines()
            if line.split() and line.split()[0] in ("D7", "D14", "M3")}
    assert "09:30" in rows["D7"] and " booked" in rows["D7"] and "proposed" not in rows["D7"]
    assert " booked" in rows["D14"] and "proposed" not in rows["D14"]
    assert "proposed" in rows["M3"] and " booked" not in rows["M3"]

def _edited_behind_the_trail(site_db: str, edit: str) -> None:
    """The update trigger dropped, then ``edit`` run on the audit rows (the site's SQLite file)."""
    con = sqlite3.connect(site_db.removeprefix("sqlite:///"))
    con.execute("DROP TRIGGER trg_audit_log_no_update")
    con.execute(edit)
    con.commit()
    con.close()


def test_a_tampered_audit_trail_fails_verification(site_db, env):
    # the participant's enrolment row (the first row is the protocol text stored for it)
    _edited_behind_the_trail(site_db, "UPDATE audit_log SET new_value = 'ZZ' WHERE seq = (SELECT min(seq) FROM "
                                      "audit_log WHERE entity = 'participant')")
    result = cli(site_db, env, "audit", "verify")
    assert result.status == 4 and re.search(r"seq \d+ \(participant .*edited after it was written", result.out)
    assert "trigger trg_audit_log_no_update on audit_log is missing" in result.out
    assert re.fullmatch(r"ln-scheduler: error: audit trail NOT intact: 2 problem\(s\) in \d+ rows\n", result.err)


def test_audit_verify_lists_every_finding_with_all(site_db, env):
    """Seen in a walk: verify lists 20 findings and "... N further problem(s) not listed", --json too:
    an inspector could not get the whole list. ``--all`` lists every one."""
    _edited_behind_the_trail(site_db, "UPDATE audit_log SET reason = 'edited' WHERE seq <= 30")
    short = json.loads(cli(site_db, env, "audit", "verify", "--json").out)
    # findings only in the array (an inspector's walk found the "... further" sentence counted as one);
    # how many were left out is a number of its own
    assert not any("not listed" in p for p in short["problems"]) and len(short["problems"]) == 20
    assert short["problems_not_listed"] == short["problem_count"] - 20 > 0
    text = cli(site_db, env, "audit", "verify").out
    assert f"{short['problem_count'] - 20} further problem(s) not listed (audit verify --all lists every one)" in text
    every = json.loads(cli(site_db, env, "audit", "verify", "--json", "--all").out)
    assert not any("not listed" in p for p in every["problems"]) and every["problems_not_listed"] == 0
    edited = [p for p in every["problems"] if "edited after it was written" in p]
    assert len(edited) == 30 and len(every["problems"]) == every["problem_count"]


@pytest.mark.parametrize("reader", ["closes at once", "reads a line"])
def test_audit_verify_exits_4_when_its_reader_stops_reading(site_db, env, reader):
    """Seen in a walk: ``audit verify 2>&1 | head -2`` on a tampered trail exited 1 ("unexpected"),
    and with a reader that closed at once, 0: "intact" to a script. The exit status is the verdict,
    whoever reads the words."""
    import subprocess
    import sys

    _edited_behind_the_trail(site_db, "UPDATE audit_log SET reason = 'edited' WHERE seq <= 30")
    proc = subprocess.Popen([sys.executable, "-m", "ln_scheduler.cli", "--db", site_db, "audit", "verify"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ, **env})
    assert proc.stdout is not None
    if reader == "reads a line":
        proc.stdout.readline()
    proc.stdout.close()
    assert proc.wait(timeout=60) == 4


def test_a_locked_database_is_one_line_and_nothing_is_lost(site_db, env):
    path = site_db.removeprefix("sqlite:///")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = run_main("--db", site_db, "visit", "missed", "104-001", "D7", "--reason", "x",
                          env={**env, "LN_SCHEDULER_SQLITE_BUSY_MS": "200"})
        assert_one_line_error(result, "database is busy", "nothing was saved")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    shown = json.loads(ok(cli(site_db, env, "participant", "show", "104-001", "--json")).out)
    assert {v["code"]: v["status"] for v in shown["visits"]}["D7"] != "missed"
    ok(cli(site_db, env, "visit", "missed", "104-001", "D7", "--reason", "x"))


def test_an_unreachable_server_is_one_line(env):
    assert_one_line_error(run_main("--db", "postgresql://postgres@127.0.0.1:1/nowhere", "participant", "list",
                                   env=env), "cannot open the database (PostgreSQL: postgres@127.0.0.1:1/nowhere)")


def test_a_file_that_is_not_a_database_and_a_missing_folder_are_one_line(env, tmp_path):
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(bytes(range(256)) * 16)
    assert_one_line_error(run_main("--db", f"sqlite:///{garbage}", "participant", "list", env=env),
                          f"{garbage} is not an LN Visit Scheduler database (or is damaged)")
    missing = tmp_path / "nonexistent" / "dir"
    assert_one_line_error(run_main("--db", f"sqlite:///{missing / 'x.sqlite3'}", "participant", "add", "104-001",
                                   "--initials", "AB", env=env),
                          f"the folder {missing} does not exist")
    assert not missing.parent.exists()


@pytest.mark.parametrize("command", [("participant", "list"), ("audit", "verify"),
                                     ("participant", "add", "104-001", "--initials", "AB"), ("demo",)])
def test_an_empty_file_where_the_database_should_be_is_refused_and_left_empty(env, tmp_path, command):
    """Seen in a walk: a database file cut to 0 bytes was silently made a new, empty database by any
    command ("No participants.", exit 0; audit verify "intact: 0 rows"), and work went on in it."""
    emptied = tmp_path / "site.sqlite3"
    emptied.write_bytes(b"")
    assert_one_line_error(run_main("--db", f"sqlite:///{emptied}", *command, env=env),
                          f"{emptied} is empty (0 bytes)", "restore a backup")
    assert emptied.stat().st_size == 0


def test_the_default_database_and_demo(env, tmp_path):
    result = run_cli("demo", env=env)  # a real process: the default database is found through its environment
    assert result.status == 0, result.err
    assert "demo site filled" in result.out and str(tmp_path / "data" / "ln_scheduler.sqlite3") in result.out
    people = json.loads(ok(run_main("participant", "list", "--json", env=env)).out)
    assert {p["status"] for p in people} == {"screening", "scheduled", "conditioning", "follow-up", "completed",
                                             "withdrawn"}
    text = ok(run_main("due", env=env)).out
    assert "Visits due" in text and "Overdue" in text
    assert_one_line_error(run_main("demo", env=env), "empty database only")


def test_participant_show_loads_only_what_a_read_needs(shared_site, env):
    """Site scripts call `participant show` in loops: no migrations (Alembic), no PDF or calendar
    libraries, no holiday rules (the cache answers), no Qt, none of the write-side services."""
    ok(cli(shared_site, env, "participant", "show", "104-001"))  # fills the holiday cache
    code = (
        "import sys, io, contextlib\n"
        f"sys.argv = ['ln-scheduler', '--db', {shared_site!r}, 'participant', 'show', '104-001', '--json']\n"
        "from ln_scheduler.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    status = main()\n"
        "unwanted = ('alembic', 'reportlab', 'icalendar', 'holidays', 'PySide6', 'psycopg', 'keyring')\n"
        "writes = ('anchors', 'calendar', 'corrections', 'enrolment', 'guards', 'protocol_change', 'visits',\n"
        "          'withdrawal')\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in unwanted\n"
        "                or m in {f'ln_scheduler.services.{w}' for w in writes})\n"
        "print(status, loaded)\n"
    )
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, **env}).stdout
    assert out.strip() == "0 []"


def test_an_infusion_long_after_its_planned_date_is_recorded_with_a_warning(db, env):
    today = site_today()
    c1 = today - timedelta(days=30)
    ok(cli(db, env, "participant", "add", "104-001", "--initials", "JQD", "--conditioning-start", iso(c1)))
    ok(cli(db, env, "conditioning", "104-001", "--date", iso(c1), "--days", "3"))
    planned = c1 + timedelta(days=5)
    late = planned + timedelta(days=8)
    preview = cli(db, env, "infusion", "104-001", "--date", iso(late))  # no --yes: the preview, nothing saved
    assert f"8 days after its planned date {iso(planned)} (more than 7)" in preview.out + preview.err
    recorded = ok(cli(db, env, "infusion", "104-001", "--date", iso(late), "--yes"))
    assert f"Warning: infusion on {iso(late)} is 8 days after its planned date {iso(planned)}" in recorded.out
    shown = json.loads(ok(cli(db, env, "participant", "show", "104-001", "--json")).out)
    assert {v["code"]: v for v in shown["visits"]}["D1"]["actual"] == iso(late)


def test_visit_book_books_several_codes_on_their_proposed_dates_in_one_go(db, env):
    c1 = site_today() + timedelta(days=28)
    ok(cli(db, env, "participant", "add", "104-005", "--initials", "AB", "--conditioning-start", iso(c1)))
    proposed = {v["code"]: v for v in json.loads(ok(cli(db, env, "participant", "show", "104-005", "--json")).out)
                ["visits"]}

    booked = ok(cli(db, env, "visit", "book", "104-005", "SCR", "LD1", "LD2", "LD3", "D1", "D2", "D3", "d4",
                    "--time", "08:30"))

    for code in ("SCR", "LD1", "D4"):
        assert f"104-005 {code}: booked on {proposed[code]['scheduled']} at 08:30" in booked.out
    shown = {v["code"]: v for v in json.loads(ok(cli(db, env, "participant", "show", "104-005", "--json")).out)
             ["visits"]}
    assert all(shown[c]["booked"] for c in ("SCR", "LD1", "LD2", "LD3", "D1", "D2", "D3", "D4"))
    assert not shown["D7"]["booked"]
    one = ok(cli(db, env, "visit", "book", "104-005", "D7"))  # one code, no --date: its proposed date
    assert f"booked on {proposed['D7']['scheduled']}" in one.out


def test_visit_book_refuses_a_date_for_several_codes_and_books_none_when_one_is_refused(db, env):
    c1 = site_today() - timedelta(days=20)  # infused 15 days ago: D2 past, D30 to come
    ok(cli(db, env, "participant", "add", "104-006", "--initials", "AB", "--conditioning-start", iso(c1)))
    ok(cli(db, env, "conditioning", "104-006", "--date", iso(c1), "--days", "3"))
    ok(cli(db, env, "infusion", "104-006", "--date", iso(c1 + timedelta(days=5)), "--yes"))
    assert_one_line_error(cli(db, env, "visit", "book", "104-006", "D30", "D2", "--date", iso(c1)),
                          "--date goes with one visit code")
    ok(cli(db, env, "visit", "missed", "104-006", "D2", "--reason", "participant unwell"))
    assert_one_line_error(cli(db, env, "visit", "book", "104-006", "D30", "D2"), "D2", "missed")
    shown = json.loads(ok(cli(db, env, "participant", "show", "104-006", "--json")).out)
    assert not {v["code"]: v for v in shown["visits"]}["D30"]["booked"], "one refused: none booked"


def _answer_on_a_terminal(db: str, env: dict[str, str], answer: str, *args: str) -> Result:
    """Run the CLI with a terminal on stdin (a pseudo-terminal) and type ``answer`` at its question."""
    import pty
    import subprocess
    import sys

    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen([sys.executable, "-m", "ln_scheduler.cli", "--db", db, *args], stdin=slave,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env={**os.environ, **env})
        os.write(master, f"{answer}\n".encode())
        out, err = proc.communicate(timeout=120)
    finally:
        os.close(master)
        os.close(slave)
    return Result(proc.returncode, out, err)


def test_withdraw_on_a_terminal_asks_and_does_nothing_unless_the_answer_is_yes(db, env):
    c1 = site_today() - timedelta(days=20)
    ok(cli(db, env, "participant", "add", "104-008", "--initials", "CD", "--conditioning-start", iso(c1)))
    ok(cli(db, env, "conditioning", "104-008", "--date", iso(c1), "--days", "3"))
    args = ("withdraw", "104-008", "--date", iso(site_today()), "--reason", "moved away")

    refused = _answer_on_a_terminal(db, env, "n", *args)
    assert_one_line_error(refused, "not confirmed: nothing was changed")
    assert "Withdraw 104-008 and change these visits? [y/N]" in refused.out
    assert "Will be added (1" in refused.out and "Will be cancelled" in refused.out
    assert json.loads(ok(cli(db, env, "participant", "show", "104-008", "--json")).out)["withdrawal_date"] is None

    accepted = _answer_on_a_terminal(db, env, "y", *args)
    assert accepted.status == 0, accepted.err
    assert "104-008: withdrawn on" in accepted.out
    assert json.loads(ok(cli(db, env, "participant", "show", "104-008", "--json")).out)["status"] == "withdrawn"


def test_a_command_on_one_of_several_unscheduled_visits_must_say_which(db, env, tmp_path):
    """Found walking the CLI: with several unscheduled visits, ``correct 104-001 UNS`` cancelled #1
    without a word (``--occurrence`` defaulted to 1). Every command on one visit now refuses and
    lists them, and writes nothing; with one visit it needs no number."""
    today = site_today()
    c1 = today - timedelta(days=40)
    ok(cli(db, env, "participant", "add", "104-001", "--initials", "JQD", "--conditioning-start", iso(c1)))
    ok(cli(db, env, "conditioning", "104-001", "--date", iso(c1), "--days", "3"))
    ok(cli(db, env, "infusion", "104-001", "--date", iso(c1 + timedelta(days=6)), "--yes"))
    first, second = today - timedelta(days=9), today - timedelta(days=2)
    ok(cli(db, env, "visit", "unscheduled", "104-001", "--date", iso(first), "--reason", "Lupus flare"))
    ok(cli(db, env, "worksheet", "104-001", "UNS", "-o", str(tmp_path / "one.pdf")))  # only one: no number needed
    ok(cli(db, env, "visit", "unscheduled", "104-001", "--date", iso(second), "--reason", "Infection"))
    before = ok(cli(db, env, "audit", "104-001", "--json")).out
    for command in (("correct", "104-001", "UNS", "--field", "visit", "--reason", "wrong participant"),
                    ("visit", "missed", "104-001", "UNS", "--reason", "x"),
                    ("visit", "done", "104-001", "UNS", "--date", iso(today)),
                    ("visit", "book", "104-001", "UNS", "--date", iso(today)),
                    ("worksheet", "104-001", "UNS", "-o", str(tmp_path / "which.pdf"))):
        assert_one_line_error(cli(db, env, *command), f"104-001 has 2 UNS visits (#1 {iso(first)}, #2 {iso(second)})")
    assert ok(cli(db, env, "audit", "104-001", "--json")).out == before  # nothing written
    assert not (tmp_path / "which.pdf").exists()
    ok(cli(db, env, "correct", "104-001", "UNS", "--occurrence", "2", "--field", "visit",
           "--reason", "wrong participant"))
    shown = json.loads(ok(cli(db, env, "participant", "show", "104-001", "--json")).out)
    assert [(v["occurrence"], v["status"]) for v in shown["visits"] if v["code"] == "UNS"] == [(1, "done"),
                                                                                             (2, "cancelled")]
    table = ok(cli(db, env, "participant", "show", "104-001")).out.splitlines()
    # the Visit column names them as --occurrence does (it printed "UNS", then "Unscheduled visit #2")
    assert [line.split("  ")[0].strip() for line in table if "nscheduled" in line or line.startswith("UNS")] == [
        "UNS", "UNS #2"]
    sunday = today - timedelta(days=today.weekday() + 1)  # the last Sunday: the site is closed
    added = ok(cli(db, env, "visit", "unscheduled", "104-001", "--date", iso(sunday), "--reason", "Fever"))
    assert added.out.endswith("(the site is closed that day)\n"), added.out  # as `visit book` says it


def test_db_info_says_when_the_file_is_opened_read_only_because_this_account_may_not_write(
        env, tmp_path, monkeypatch):
    """Seen in a walk (a monitor's account, the file 0400): db-info said "database: SQLite: PATH" with
    no word of the read-only opening the README promises it shows. (Run as root, whom file modes do
    not stop: this account's right to write is what os.access answers.)"""
    import os as os_module

    path = tmp_path / "site.sqlite3"
    ok(run_main("--db", f"sqlite:///{path}", "participant", "add", "104-001", "--initials", "AB", env=env))
    real_access = os_module.access
    monkeypatch.setattr(os_module, "access", lambda p, mode, **kw: False if mode & os_module.W_OK
                        else real_access(p, mode, **kw))
    shown = ok(run_main("--db", f"sqlite:///{path}", "db-info", env=env)).out
    assert "read-only" in shown, shown


def test_audit_options_that_mean_nothing_with_what_they_are_given_are_one_line(site_db, env):
    """Seen in an inspector's walk: ``audit verify --last 5`` dropped --last without a word (verify
    checks every row), while ``audit ID --all`` was refused: both are refused, saying why."""
    assert_one_line_error(cli(site_db, env, "audit", "verify", "--last", "5"), "--last", "audit verify")
    assert_one_line_error(cli(site_db, env, "audit", "104-001", "--all"), "--all goes with 'audit verify'")


def test_a_database_whose_recorded_schema_revision_was_edited_says_so_and_changes_nothing(site_db, env):
    """Seen in an inspector's walk: after ``UPDATE alembic_version SET version_num = '0006'`` every command
    said "cannot open the database ...: duplicate column name: language", which does not say that the
    recorded revision is the problem."""
    import hashlib
    import sqlite3

    path = Path(site_db.removeprefix("sqlite:///"))
    with sqlite3.connect(path) as con:
        con.execute("UPDATE alembic_version SET version_num = '0006'")
    con.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = cli(site_db, env, "participant", "list")
    assert_one_line_error(result, "schema revision 0006", "does not match its tables", "nothing was changed")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_a_far_past_screening_or_conditioning_date_is_pointed_out_as_the_window_asks_about_it(db, env):
    """Seen in an inspector's walk: ``participant add --screening-date 2020-01-01`` (a year typed wrong)
    was saved without a word, while the window asks before saving such a date. The command says it,
    with the number of days and how to correct it."""
    old = site_today() - timedelta(days=2000)
    r = ok(cli(db, env, "participant", "add", "104-001", "--initials", "AB", "--screening-date", old.isoformat()))
    assert f"Warning: the screening date {old.isoformat()} is 2000 days ago (more than 60)" in r.out, r.out
    assert "correct 104-001 --field screening" in r.out
    c1 = site_today() - timedelta(days=20)
    ok(cli(db, env, "participant", "add", "104-003", "--initials", "EF"))
    r = ok(cli(db, env, "conditioning", "104-003", "--date", c1.isoformat()))
    assert f"Warning: the conditioning start {c1.isoformat()} is 20 days ago (more than 14)" in r.out, r.out
    r = ok(cli(db, env, "participant", "add", "104-002", "--initials", "CD", "--screening-date",
               (site_today() - timedelta(days=10)).isoformat()))
    assert "Warning" not in r.out


def test_participant_add_says_when_its_conditioning_start_puts_fixed_days_on_closed_days(db, env):
    """The window's Enrol names them before saving; the command line said nothing (a walk): it says it
    after enrolling, as ``plan`` does."""
    r = ok(cli(db, env, "participant", "add", "104-001", "--initials", "AB", "--conditioning-start", "2027-12-30"))
    assert "Warning: fixed-day visits fall on days the site is closed: LD2 2027-12-31" in r.out, r.out
    r = ok(cli(db, env, "participant", "add", "104-002", "--initials", "CD", "--conditioning-start", "2028-03-08"))
    assert "Warning" not in r.out, r.out


def test_a_done_date_typed_wrong_is_corrected_on_the_command_line_keeping_the_checklist(db, env):
    today = site_today()
    c1 = today - timedelta(days=40)
    ok(cli(db, env, "participant", "add", "104-001", "--initials", "JQD", "--conditioning-start", iso(c1)))
    ok(cli(db, env, "conditioning", "104-001", "--date", iso(c1), "--days", "3"))
    ok(cli(db, env, "infusion", "104-001", "--date", iso(c1 + timedelta(days=5)), "--yes"))
    d7 = c1 + timedelta(days=5 + 6)
    ok(cli(db, env, "visit", "done", "104-001", "D7", "--date", iso(d7)))
    assert_one_line_error(cli(db, env, "correct", "104-001", "D7", "--field", "done-date", "--reason", "typo"),
                          "needs the date the visit was done (--date)")
    assert_one_line_error(cli(db, env, "correct", "104-001", "D7", "--field", "actual", "--date", iso(d7),
                              "--reason", "typo"), "--date is for --field done-date")
    done = ok(cli(db, env, "correct", "104-001", "D7", "--field", "done-date", "--date", iso(d7 + timedelta(days=1)),
                  "--reason", "typed the wrong day"))
    assert "104-001: done-date corrected" in done.out
    shown = json.loads(ok(cli(db, env, "participant", "show", "104-001", "--json")).out)
    d7_shown = next(v for v in shown["visits"] if v["code"] == "D7")
    assert d7_shown["actual"] == iso(d7 + timedelta(days=1)) and d7_shown["status"].startswith("done")
    assert "intact" in ok(cli(db, env, "audit", "verify")).out
