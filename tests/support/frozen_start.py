"""Each test process leaves what its start-up made out of the cyclic garbage collector, as the
application does once its window is up (``ln_scheduler.ui.app.settle_after_startup``).

After collection a test process holds several hundred thousand objects that live until it exits:
the modules of PySide6, SQLAlchemy, reportlab, hypothesis and the package, and the collected tests.
Every full collection walked them all (about 0.4 s each, 13-21 per xdist worker: 22 s of the
everyday run's 244 s of CPU) and freed none of them. ``gc.freeze`` moves them to the permanent
generation; what the tests create later is collected as usual.

``gc.get_freeze_count`` walks the whole permanent generation (34 ms here), so whether start-up
froze is kept here instead."""

from __future__ import annotations

import gc

_frozen = False


def freeze_start_up() -> None:
    """Collect once (what collection left behind is freed, not frozen), then freeze the rest."""
    global _frozen
    gc.collect()
    gc.freeze()
    _frozen = True


def start_up_frozen() -> bool:
    """Whether this process froze its start-up (``cli_inprocess.run_main`` thaws everything after a
    command, which froze the test's objects, and freezes again: see there)."""
    return _frozen
