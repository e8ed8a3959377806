"""``ln-scheduler participant protocol ID --file PATH --reason TEXT [--yes]`` as a site script or a
coordinator at a terminal calls it: the preview of every visit that changes, no change without
confirmation, the calendar and the audit trail after ``--yes``, and one line with exit status 2 for
every file that cannot be used (nothing written). On a SQLite file and on the PostgreSQL server.

Runner: in-process (``cli`` of test_cli_db: what the command does is the point); the calendar read
back after the confirmed change comes from a real process (a new process knows the amended
version only from the database), this file's main path."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.support.amended_protocol import write_amended, write_broken
from tests.support.cli_inprocess import run_main

from .cli_runner import Result, assert_one_line_error, run_cli
from .test_cli_db import cli, ok, site_today

REASON = "Amendment 2 approved by the IRB on 2027-02-01"


def _infused(db: str, env: dict[str, str]) -> date:
    """104-001 infused 15 days ago (the CLI's today), as a coordinator would have entered it."""
    c1 = site_today() - timedelta(days=20)
    ok(cli(db, env, "participant", "add", "104-001", "--initials", "JQD", "--conditioning-start", c1.isoformat(),
           "--protocol-version", "1.0"))  # amendment 1.1 is of version 1.0
    ok(cli(db, env, "conditioning", "104-001", "--date", c1.isoformat(), "--days", "3"))
    infusion = c1 + timedelta(days=5)
    ok(cli(db, env, "infusion", "104-001", "--date", infusion.isoformat(), "--yes"))
    return infusion


def _show(db: str, env: dict[str, str], *, process: bool = False) -> dict:  # type: ignore[type-arg]
    args = ("participant", "show", "104-001", "--json")
    return json.loads(ok(run_cli("--db", db, *args, env=env) if process else cli(db, env, *args)).out)


def _change(db: str, env: dict[str, str], path: Path, *extra: str, reason: str = REASON,
            process: bool = False) -> Result:
    args = ("participant", "protocol", "104-001", "--file", str(path), "--reason", reason, *extra)
    return run_cli("--db", db, *args, env=env) if process else cli(db, env, *args)


def test_the_change_is_previewed_confirmed_then_moves_the_calendar_with_the_reason(db, env, tmp_path):
    _infused(db, env)
    amended = write_amended(tmp_path)
    before = {v["code"]: v for v in _show(db, env)["visits"]}
    m2 = before["M2"]

    unconfirmed = _change(db, env, amended)
    assert_one_line_error(unconfirmed, "not confirmed", "re-run with --yes")
    out = unconfirmed.out.splitlines()
    assert out[0] == "104-001: move 104-001 from protocol TAK007-LN-1001 version 1.0 to version 1.1"
    rows = {line.split()[0]: line for line in out[3:] if line and not line.startswith("Warning")}
    assert set(rows) == {"W6", "M2", "M21"}  # every visit that changes, and only those
    assert rows["W6"].endswith("new visit") and rows["M21"].endswith("cancelled")
    old_window = f"{m2['earliest']}..{m2['latest']}"
    target = date.fromisoformat(m2["target"])
    new_window = f"{target - timedelta(days=10)}..{target + timedelta(days=10)}"
    assert old_window in rows["M2"] and new_window in rows["M2"]
    assert _show(db, env)["protocol"]["version"] == "1.0"  # nothing changed without confirmation

    done = ok(_change(db, env, amended, "--yes"))
    assert done.out.splitlines()[0] == ("104-001: now follows protocol TAK007-LN-1001 version 1.1 (was 1.0); "
                                        "1 visit(s) added, 1 cancelled, 1 re-dated")
    after = _show(db, env, process=True)  # a new process: the amended version is read back from the database
    assert after["protocol"] == {"id": "TAK007-LN-1001", "version": "1.1"}
    visits = {v["code"]: v for v in after["visits"]}
    assert f"{visits['M2']['earliest']}..{visits['M2']['latest']}" == new_window
    assert visits["W6"]["study_day"] == 43 and visits["W6"]["status"] != "cancelled"
    assert visits["M21"]["status"] == "cancelled"

    trail = json.loads(ok(cli(db, env, "audit", "104-001", "--json")).out)
    assert [(e["old"], e["new"], e["reason"]) for e in trail if e["field"] == "protocol_version"] == [
        ("1.0", "1.1", REASON)]
    assert "audit trail intact" in ok(cli(db, env, "audit", "verify")).out

    again = _change(db, env, amended, "--yes")
    assert_one_line_error(again, "104-001 already follows TAK007-LN-1001 version 1.1")


@pytest.fixture(scope="module")
def shared_site(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Read-only for the tests below: each must leave it as it found it."""
    from ln_scheduler.services.app import open_services

    db = f"sqlite:///{tmp_path_factory.mktemp('site') / 'site.sqlite3'}"
    today = site_today()
    with open_services(db) as svc:
        svc.enrol("104-001", "AB", conditioning_start=today - timedelta(days=20))
        svc.record_conditioning("104-001", today - timedelta(days=20), days_done=3)
        svc.record_infusion("104-001", today - timedelta(days=15))
    return db


def _shipped_copy(folder: Path) -> Path:
    from ln_scheduler.services.protocols import default_protocol_text

    path = folder / "tak007-ln-v1.0.toml"
    path.write_text(default_protocol_text()[1], encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("make", "reason", "fragments"),
    [
        (write_broken, REASON, ("tak007-ln-v1.1-broken.toml", "visit M2", "field 'late': missing")),
        (lambda folder: write_amended(folder, "2.0", protocol_id="TAK007-SLE-2002"), REASON,
         ("TAK007-SLE-2002 is a different protocol, not an amendment of it",)),
        (_shipped_copy, REASON, ("104-001 already follows TAK007-LN-1001 version 2.0",)),
        (lambda folder: folder / "missing.toml", REASON, ("cannot read the protocol file", "missing.toml")),
        (write_amended, "  ", ("--reason is empty",)),
    ],
    ids=["broken-file", "other-protocol", "same-version", "no-such-file", "empty-reason"],
)
def test_a_file_that_cannot_be_used_exits_2_with_one_line_and_writes_nothing(shared_site, env, tmp_path, make,
                                                                            reason, fragments):
    path = make(tmp_path)
    before = Path(shared_site.removeprefix("sqlite:///")).stat().st_mtime_ns
    assert_one_line_error(_change(shared_site, env, path, "--yes", reason=reason), *fragments)
    assert Path(shared_site.removeprefix("sqlite:///")).stat().st_mtime_ns == before  # nothing written


def test_the_command_is_listed_with_its_options(env):
    help_text = ok(run_main("participant", "protocol", "--help", env=env)).out
    assert "--file PATH" in help_text and "--reason TEXT" in help_text and "--yes" in help_text
