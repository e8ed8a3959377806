"""``calendar publish / status / sync / off`` as a site script and a scheduled task call them, against a
real Radicale server on 127.0.0.1: the password from standard input or the keyring (the test run's
file keyring, never the real one), exit statuses, and one-line errors."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from tests.support.radicale_server import PASSWORD, USER, RadicaleServer, read_events

from .cli_runner import assert_one_line_error, run_cli


@pytest.fixture
def radicale(tmp_path: Path):  # type: ignore[no-untyped-def]
    server = RadicaleServer(tmp_path / "radicale")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def site(db: str) -> str:
    from ln_scheduler.services.app import open_services

    with open_services(db) as svc:
        start = svc.today() + timedelta(days=21)
        svc.enrol("104-001", "JQD", conditioning_start=start)
    return db


def test_publish_status_sync_and_a_server_that_goes_down(site: str, radicale: RadicaleServer, env):  # type: ignore[no-untyped-def]
    published = run_cli("--db", site, "calendar", "publish", radicale.calendar_url, "--user", USER,
                        "--password-stdin", stdin=PASSWORD + "\n", env=env)
    assert published.status == 0, published.err
    assert "events queued" in published.out

    status = json.loads(run_cli("--db", site, "calendar", "status", "--json", env=env).out)
    assert status["state"] == "pending" and status["pending"] > 20 and status["url"] == radicale.calendar_url
    assert status["user"] == USER and status["last_sync"] is None

    synced = run_cli("--db", site, "calendar", "sync", env=env)  # the password from the keyring
    assert synced.status == 0, synced.err
    assert synced.out.startswith(f"Published {status['pending']} events; 0 pending")
    assert len(read_events(radicale.calendar_url)) == status["pending"]
    text = run_cli("--db", site, "calendar", "status", env=env).out
    assert text.splitlines()[0] == "Calendar: up to date" and "Last sync: 20" in text

    from ln_scheduler.services.app import open_services

    with open_services(site) as svc:
        visit = svc.participant("104-001").visit("D7")
        radicale.stop()
        svc.book_visit("104-001", "D7", visit.scheduled + timedelta(days=1))  # the save does not wait
    failing = run_cli("--db", site, "calendar", "sync", env=env)
    assert failing.status == 5
    assert "cannot be reached" in failing.err and len(failing.err.strip().splitlines()) == 1
    status = json.loads(run_cli("--db", site, "calendar", "status", "--json", env=env).out)
    assert status["state"] == "failing" and status["pending"] == 1 and "cannot be reached" in status["last_error"]

    radicale.start()
    again = run_cli("--db", site, "calendar", "sync", "--json", env=env)
    assert again.status == 0, again.err
    assert json.loads(again.out)["published"] == [visit.uid]


def test_bad_input_is_one_line_and_exit_2(site: str, radicale: RadicaleServer, env):  # type: ignore[no-untyped-def]
    assert_one_line_error(run_cli("--db", site, "calendar", "publish", "ftp://example.org/cal", env=env),
                          "not a calendar address")
    assert_one_line_error(run_cli("--db", site, "calendar", "publish", "http://example.org/cal/", "--user", USER,
                                  "--password-stdin", stdin=PASSWORD + "\n", env=env), "not encrypted")
    assert_one_line_error(run_cli("--db", site, "calendar", "publish", radicale.calendar_url, "--user", USER,
                                  env=env), "--password-stdin")  # no terminal to prompt on, nothing saved
    assert_one_line_error(run_cli("--db", site, "calendar", "publish", radicale.calendar_url, "--user", USER,
                                  "--password-stdin", stdin="wrong\n", env=env), "refused the login")
    assert_one_line_error(run_cli("--db", site, "calendar", "sync", env=env), "no calendar is set up")
    assert json.loads(run_cli("--db", site, "calendar", "status", "--json", env=env).out)["state"] == "off"


def test_off_stops_publishing_and_forgets_the_password(site: str, radicale: RadicaleServer, env):  # type: ignore[no-untyped-def]
    assert run_cli("--db", site, "calendar", "publish", radicale.calendar_url, "--user", USER, "--password-stdin",
                   stdin=PASSWORD + "\n", env=env).status == 0
    off = run_cli("--db", site, "calendar", "off", env=env)
    assert off.status == 0 and "its events stay on the server" in off.out
    assert run_cli("--db", site, "calendar", "status", env=env).out.strip() == "Calendar: off"
    from ln_scheduler.publishing.passwords import stored_password

    assert stored_password(radicale.calendar_url, USER) is None


def test_a_server_that_cannot_be_reached_at_set_up_exits_with_the_servers_code_not_bad_input(
        site: str, radicale: RadicaleServer, env):  # type: ignore[no-untyped-def]
    """Exit 5 (documented: the server failed) tells a script to retry later; 2 would say its input is wrong."""
    url = radicale.calendar_url
    radicale.stop()
    result = run_cli("--db", site, "calendar", "publish", url, "--user", USER, "--password-stdin",
                     stdin=PASSWORD + "\n", env=env)
    assert result.status == 5, result.err
    assert result.err.strip().splitlines() == [
        f"ln-scheduler: error: the calendar server at {url} cannot be reached (connection refused); nothing was saved"]
    assert json.loads(run_cli("--db", site, "calendar", "status", "--json", env=env).out)["state"] == "off"
