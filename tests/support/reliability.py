"""The long reliability runs (the CLI fuzzer, the crash loops, the soak, the backup kills, the large
property runs) at two sizes: a small one in the everyday suite, the full one in the marked set
``reliability`` that CI runs as well (`.ci/run`; README "Quick start").

Both sizes run the same test body with the same seed and assert the same promises; the everyday
size is the first part of the full run's sequence. The everyday suite deselects the marked set
(``bootstrap.py test`` passes ``-m "not reliability and not postgres_twin"``), ``-m reliability`` runs only it.
"""

from __future__ import annotations

import pytest

MARK = pytest.mark.reliability


def sizes(name: str, everyday: int, full: int) -> pytest.MarkDecorator:
    """Parametrize ``name`` with the everyday size and the full size (marked ``reliability``)."""
    return pytest.mark.parametrize(name, [pytest.param(everyday, id=f"everyday-{everyday}"),
                                          pytest.param(full, marks=MARK, id=f"reliability-{full}")])
