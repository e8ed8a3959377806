"""``calendar publish / status / sync / off`` as a site script and a scheduled task call them, against a
real Radicale server on 127.0.0.1: the password from standard input or the keyring (the test run's
file keyring, never the real one), exit statuses, and one-line errors.

The commands run in this process (``run_main``: the same ``main``, exit status and output); the
scheduled task's ``calendar sync``, the password read from the keyring by a process of its own, runs
as a real process. One Radicale serves the module, with a fresh calendar per test; a test that stops
the server has its own."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from tests.support.cli_inprocess import run_main
from tests.support.radicale_server import PASSWORD, USER, RadicaleServer, read_events

from .cli_runner import assert_one_line_error, run_cli


@pytest.fixture(scope="module")
def radicale_server(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    server = RadicaleServer(tmp_path_factory.mktemp("radicale"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def radicale(radicale_server: RadicaleServer) -> RadicaleServer:
    """A new calendar on the module's server (which the test cannot stop)."""
    return radicale_server.calendar()


@pytest.fixture
def own_radicale(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A server of the test's own: it stops and starts it."""
    server = RadicaleServer(tmp_path / "radicale")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def env(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The run's environment, for this process's ``run_main`` too (and the one real process)."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env


@pytest.fixture
def site(db: str) -> str:
    from ln_scheduler.services.app import open_services

    with open_services(db) as svc:
        start = svc.today() + timedelta(days=21)
        svc.enrol("104-001", "JQD", conditioning_start=start)
    return db


def test_publish_status_sync_and_a_server_that_goes_down(site: str, own_radicale: RadicaleServer, env):  # type: ignore[no-untyped-def]
    radicale = own_radicale
    published = run_main("--db", site, "calendar", "publish", radicale.calendar_url, "--user", USER,
                         "--password-stdin", stdin=PASSWORD + "\n")
    assert published.status == 0, published.err
    assert "events queued" in published.out

    status = json.loads(run_main("--db", site, "calendar", "status", "--json").out)
    assert status["state"] == "pending" and status["pending"] > 20 and status["url"] == radicale.calendar_url
    assert status["user"] == USER and status["last_sync"] is None

    synced = run_cli("--db", site, "calendar", "sync", env=env)  # the password from the keyring, a process of its own
    assert synced.status == 0, synced.err
    assert synced.out.startswith(f"Published {status['pending']} events; 0 pending")
    assert len(read_events(radicale.calendar_url)) == status["pending"]
    text = run_main("--db", site, "calendar", "status").out
    assert text.splitlines()[0] == "Calendar: up to date" and "Last sync: 20" in text

    from ln_scheduler.services.app import open_services

    with open_services(site) as svc:
        visit = svc.participant("104-001").visit("D7")
        radicale.stop()
        svc.book_visit("104-001", "D7", visit.scheduled + timedelta(days=1))  # the save does not wait
    failing = run_main("--db", site, "calendar", "sync")
    assert failing.status == 5
    assert "cannot be reached" in failing.err and len(failing.err.strip().splitlines()) == 1
    status = json.loads(run_main("--db", site, "calendar", "status", "--json").out)
    assert status["state"] == "failing" and status["pending"] == 1 and "cannot be reached" in status["last_error"]

    radicale.start()
    again = run_main("--db", site, "calendar", "sync", "--json")
    assert again.status == 0, again.err
    assert json.loads(again.out)["published"] == [visit.uid]


def test_bad_input_is_one_line_and_exit_2(site: str, radicale: RadicaleServer, env):  # type: ignore[no-untyped-def]
    assert_one_line_error(run_main("--db", site, "calendar", "publish", "ftp://example.org/cal"),
                          "not a calendar address")
    assert_one_line_error(run_main("--db", site, "calendar", "publish", "http://example.org/cal/", "--user", USER,
                                   "--password-stdin", stdin=PASSWORD + "\n"), "not encrypted")
    assert_one_line_error(run_main("--db", site, "calendar", "publish", radicale.calendar_url, "--user", USER),
                          "--password-stdin")  # no terminal to prompt on, nothing saved
    assert_one_line_error(run_main("--db", site, "calendar", "publish", radicale.calendar_url, "--user", USER,
                                   "--password-stdin", stdin="wrong\n"), "refused the login")
    assert_one_line_error(run_main("--db", site, "calendar", "sync"), "no calendar is set up")
    assert json.loads(run_main("--db", site, "calendar", "status", "--json").out)["state"] == "off"


def test_off_stops_publishing_and_forgets_the_password(site: str, radicale: RadicaleServer, env):  # type: ignore[no-untyped-def]
    assert run_main("--db", site, "calendar", "publish", radicale.calendar_url, "--user", USER, "--password-stdin",
                    stdin=PASSWORD + "\n").status == 0
    off = run_main("--db", site, "calendar", "off")
    assert off.status == 0 and "its events stay on the server" in off.out
    assert run_main("--db", site, "calendar", "status").out.strip() == "Calendar: off"
    from ln_scheduler.publishing.passwords import stored_password

    assert stored_password(radicale.calendar_url, USER) is None


def test_a_server_that_cannot_be_reached_at_set_up_exits_with_the_servers_code_not_bad_input(
        site: str, tmp_path: Path, env):  # type: ignore[no-untyped-def]
    """Exit 5 (documented: the server failed) tells a script to retry later; 2 would say its input is wrong."""
    url = RadicaleServer(tmp_path / "never-started").calendar_url  # nothing listens on its port
    result = run_main("--db", site, "calendar", "publish", url, "--user", USER, "--password-stdin",
                      stdin=PASSWORD + "\n")
    assert result.status == 5, result.err
    assert result.err.strip().splitlines() == [
        f"ln-scheduler: error: the calendar server at {url} cannot be reached (connection refused); nothing was saved"]
    assert json.loads(run_main("--db", site, "calendar", "status", "--json").out)["state"] == "off"


@pytest.mark.parametrize("command", [("publish", "{url}", "--user", USER, "--password-stdin"),
                                     ("sync", "--password-stdin"), ("off",)])
def test_a_read_only_database_refuses_before_any_server_is_asked(tmp_path: Path, env, command):  # type: ignore[no-untyped-def]
    """Seen in a walk: ``calendar publish`` on a read-only database (a monitor's) sent the password to
    the server, then said "cannot be reached" (exit 5) before saying the database is read-only. A
    command that writes refuses first, with one line, exit 2, as every other one does."""
    from ln_scheduler.services.app import open_services

    path = tmp_path / "site.sqlite3"
    with open_services(f"sqlite:///{path}") as svc:
        svc.enrol("104-001", "JQD")
    url = RadicaleServer(tmp_path / "never-started").calendar_url  # were it asked: "cannot be reached", exit 5
    args = [part.format(url=url) for part in command]
    result = run_main("--db", f"sqlite:///{path}?mode=ro", "calendar", *args, stdin=PASSWORD + "\n")
    assert_one_line_error(result, "read-only")
