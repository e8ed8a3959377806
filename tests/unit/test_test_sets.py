"""The test sets the README names: the everyday command, the PostgreSQL twins and the reliability
set, which together are every test (``tests/support/engine_twins.py``, ``.ci/run``).

Collected for real (``pytest --collect-only`` in a process) on three files that hold every kind: a
test on both engines (``test_audit_trail.py``), tests for PostgreSQL only (``test_postgres_roles.py``)
and both engines at two sizes (``test_concurrency.py``)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.engine_twins import TWINS_EXPRESSION
from tests.support.run_files import RUN_DIR_VARIABLE

ROOT = Path(__file__).resolve().parents[2]
FILES = ["tests/db/test_audit_trail.py", "tests/e2e/test_postgres_roles.py", "tests/db/test_concurrency.py"]


def everyday_expression() -> str:
    """The marker expression ``python3 bootstrap.py test`` passes (read from bootstrap.py itself)."""
    spec = importlib.util.spec_from_file_location("bootstrap_sets", ROOT / "bootstrap.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    arguments: list[str] = module.PYTEST_EVERYDAY
    return arguments[arguments.index("-m") + 1]


def collected(expression: str) -> tuple[set[str], str]:
    """The test ids ``-m expression`` selects in FILES, and the run's whole output."""
    # A run of its own: not one of this run's workers, nor sharing its folder (whose marker would have
    # it vacuum the server's catalogs at its end, in the middle of this run).
    environment = {name: value for name, value in os.environ.items()
                   if not name.startswith("PYTEST_XDIST") and name != RUN_DIR_VARIABLE}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--collect-only", "-q", "-m", expression, *FILES],
        cwd=ROOT, capture_output=True, text=True, check=False, env=environment)
    assert result.returncode == 0, result.stdout + result.stderr
    return {line for line in result.stdout.splitlines() if "::" in line}, result.stdout


@pytest.fixture(scope="module")
def runs() -> dict[str, tuple[set[str], str]]:
    return {"everyday": collected(everyday_expression()), "twins": collected(TWINS_EXPRESSION),
            "all": collected("")}


@pytest.fixture(scope="module")
def sets(runs: dict[str, tuple[set[str], str]]) -> dict[str, set[str]]:
    return {name: ids for name, (ids, _output) in runs.items()}


def test_the_twins_are_the_postgresql_runs_of_tests_that_also_run_on_sqlite(sets):
    twins = sets["twins"]
    assert twins, "no PostgreSQL twin collected"
    assert all("[postgresql" in test for test in twins)
    assert all(test.replace("[postgresql", "[sqlite") in sets["everyday"] for test in twins)
    assert not any("test_postgres_roles.py" in test for test in twins)


def test_the_everyday_command_keeps_sqlite_and_the_postgresql_only_tests(sets):
    everyday = sets["everyday"]
    assert not any("-reliability-" in test for test in everyday)
    roles = {test for test in sets["all"] if "test_postgres_roles.py" in test}
    assert roles and roles <= everyday  # the server is still needed, and a missing one still fails
    assert {test for test in everyday if "test_audit_trail.py" in test} == {
        test for test in sets["all"] if "test_audit_trail.py" in test and "[postgresql" not in test}


def test_the_three_sets_ci_runs_are_every_test_once(sets):
    assert not sets["everyday"] & sets["twins"]
    rest = sets["all"] - sets["everyday"] - sets["twins"]  # what only `-m reliability` runs: the full sizes
    assert rest and all("-reliability-" in test for test in rest)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert f'-m "{TWINS_EXPRESSION}"' in ci and "-m reliability" in ci


def test_the_everyday_run_says_the_twins_were_left_out_and_how_to_run_them(runs):
    assert f"python3 bootstrap.py test -- -m '{TWINS_EXPRESSION}'" in runs["everyday"][1]
    assert "were not run" not in runs["twins"][1] and "were not run" not in runs["all"][1]
