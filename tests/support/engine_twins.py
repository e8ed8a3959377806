"""The PostgreSQL twins: the ``[postgresql]`` run of a test that runs on SQLite as well.

Most database tests are one body parametrized over both engines (a fixture's or ``parametrize``'s
``pytest.param("postgresql", marks=pytest.mark.postgres)``). Their PostgreSQL runs repeat the same
assertions through the same services on the other engine: about 280 tests, close to half the
everyday suite's time on a 2-core machine (the server's CPU and the client's), for what changes
only when SQL, the store or a migration does. They are marked ``postgres_twin`` here and run as
their own set, which CI runs as well (``.ci/run``; README "Quick start"). The tests that exist only for
PostgreSQL (its roles, the read-only monitor, two workstations on one database, the test
databases' reuse, the CLI's bad inputs on a PostgreSQL site) carry ``postgres`` on the test itself,
are not twins, and stay in the everyday suite: it still needs the server, and fails without it.
"""

from __future__ import annotations

from collections.abc import Iterable

import pytest

#: The marker given to the PostgreSQL run of a test that has a SQLite run too.
TWIN = "postgres_twin"
#: What to pass to pytest to run only the twins at everyday size (README, .ci/run).
TWINS_EXPRESSION = f"{TWIN} and not reliability"


def is_twin(item: pytest.Item) -> bool:
    """True when ``postgres`` came with one of the item's parameters (its engine), not with the
    test itself: the same body has a parameter for SQLite beside it."""
    callspec = getattr(item, "callspec", None)
    return callspec is not None and any(mark.name == "postgres" for mark in callspec.marks)


def mark_twins(items: Iterable[pytest.Item]) -> None:
    """Mark every twin among ``items``."""
    for item in items:
        if is_twin(item):
            item.add_marker(TWIN)


def twins_left_out(config: pytest.Config) -> bool:
    """True when the run's marker expression leaves the twins out (the everyday command)."""
    expression = config.getoption("markexpr", "") or ""
    return f"not {TWIN}" in " ".join(expression.split())
