"""Test-wide configuration, set before anything imports Qt or reads user directories.

- Qt runs headless in every test (set here, not by hand, so `pytest` alone is enough).
- Every per-user directory (data, config, cache, state: the log file lives in
  ``$XDG_STATE_HOME/ln-scheduler/log``) points into one temporary folder for the run, so no test
  reads or writes the real user's database, settings, caches or log; it is removed at exit.
- The audit key too (``LN_SCHEDULER_AUDIT_KEY``): one site key, shared by every process of the run
  (the xdist workers and the processes they start), in the run's shared folder
  (``tests/support/run_files.py``), so a site made by one worker verifies in another.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import pytest

from tests.support.run_files import run_folder

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_QUICK_BACKEND", "software")

_user_dirs = tempfile.mkdtemp(prefix="ln-scheduler-tests-")
for _var, _sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache"),
                   ("XDG_STATE_HOME", "state"), ("LN_SCHEDULER_CACHE_DIR", "cache/ln-scheduler")):
    os.environ[_var] = os.path.join(_user_dirs, _sub)
os.environ.pop("LN_SCHEDULER_DB", None)
# One site audit key for the run, as every workstation of a site shares one: in-process services, the
# other workers and the CLI processes the tests start (whatever config folder they are given) seal
# with the same key.
os.environ["LN_SCHEDULER_AUDIT_KEY"] = str(run_folder() / "site-key" / "audit.key")
# The OS keyring is never touched: every process of the run (CLI processes too) uses a file in the
# temporary folder (the calendar server's password is kept in the keyring).
os.environ["PYTHON_KEYRING_BACKEND"] = "tests.support.file_keyring.FileKeyring"
os.environ["LN_TEST_KEYRING_FILE"] = os.path.join(_user_dirs, "keyring.json")
# English everywhere unless a test asks for another language: the interface language follows the
# environment (CLI) or the system locale (GUI), and a developer's Spanish desktop must not change
# what the tests read (ln_scheduler.i18n.interface.LANGUAGE_VARIABLE).
os.environ["LN_SCHEDULER_LANGUAGE"] = "en"
atexit.register(shutil.rmtree, _user_dirs, ignore_errors=True)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A migrated SQLite file, made once per process: each test's new site database is a copy
    (``tests/support/sqlite_template.py``)."""
    from tests.support.sqlite_template import make_template

    return make_template(tmp_path_factory.mktemp("sqlite-template"))


@pytest.fixture
def spanish_interface():  # type: ignore[no-untyped-def]
    """The interface language (process-wide: CLI, services, staff PDFs) in Spanish for one test, then
    English again for the next, whatever the test raised."""
    from ln_scheduler.i18n import use_language

    use_language("es")
    try:
        yield
    finally:
        use_language("en")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Wait for the PostgreSQL databases still being dropped in the background (at most the last
    few: each is dropped as its test ends, tests/support/pg_server.py) and say which could not be.
    Then, once per run (the controller under xdist: its workers have ended, their drops done), tidy
    the server's shared catalogs if the run used it (``vacuum_shared_catalogs``)."""
    from tests.support.pg_server import vacuum_shared_catalogs, wait_for_drops

    lines = []
    left = wait_for_drops()
    if left:
        lines.append("PostgreSQL test databases left behind (drop them by hand): " + "; ".join(left))
    if "PYTEST_XDIST_WORKER" not in os.environ and (problem := vacuum_shared_catalogs()):
        lines.append(f"PostgreSQL: {problem}")
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        for line in lines:
            reporter.write_line(line)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the PostgreSQL twins (``tests/support/engine_twins.py``) before ``-m`` selects: the
    everyday command leaves them out, ``-m postgres_twin`` runs them."""
    from tests.support.engine_twins import mark_twins

    mark_twins(items)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    """Say, above the summary line, that the PostgreSQL twins were left out and how to run them, so
    that nobody reads an everyday run as one of everything."""
    from tests.support.engine_twins import TWINS_EXPRESSION, twins_left_out

    if twins_left_out(config) and not hasattr(config, "workerinput"):  # once: the controller, or the only process
        terminalreporter.write_line(
            f"The PostgreSQL twins of the SQLite tests were not run (CI runs them): "
            f"python3 bootstrap.py test -- -m '{TWINS_EXPRESSION}'")


def pytest_collection_finish(session: pytest.Session) -> None:
    """What importing and collecting made lives until the process exits: out of the cyclic
    collector's passes from here, and the youngest generation's passes less often
    (``tests/support/frozen_start.py``)."""
    from tests.support.frozen_start import freeze_start_up

    freeze_start_up()
