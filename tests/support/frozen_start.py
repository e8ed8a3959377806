"""Each test process leaves what its start-up made out of the cyclic garbage collector, as the
application does once its window is up (``ln_scheduler.ui.app.settle_after_startup``), and runs the
youngest generation's pass less often.

After collection a test process holds several hundred thousand objects that live until it exits:
the modules of PySide6, SQLAlchemy, reportlab, hypothesis and the package, and the collected tests.
Every full collection walked them all (about 0.4 s each, 13-21 per xdist worker: 22 s of the
everyday run's 244 s of CPU) and freed none of them. ``gc.freeze`` moves them to the permanent
generation; what the tests create later is collected as usual.

The youngest generation's threshold goes from 700 to :data:`YOUNG_THRESHOLD` allocations: the ORM
and Qt allocate in bursts of thousands of short-lived objects, most already freed (by reference
counting) when a larger threshold's pass comes, so fewer survivors climb to the older generations
and fewer full passes follow. Measured on the everyday command (xdist workers, gc callbacks): about
4,700 young, 380 middle and 30 full passes per worker, 13 s in all, became 590, 50 and 5, 8 s in
all; the run's CPU fell by 8 s. A reference cycle the tests leave is freed later than before (at
the next young pass, up to 20,000 allocations on), so no test may rely on the collector to close
what it must see closed: it closes it itself (the in-process CLI runner collects before it looks
for files left open).

``gc.get_freeze_count`` walks the whole permanent generation (34 ms here), so whether start-up
froze is kept here instead."""

from __future__ import annotations

import gc

#: Allocations (less deallocations) between two passes over the youngest generation (Python's: 700).
YOUNG_THRESHOLD = 20_000

_frozen = False


def freeze_start_up() -> None:
    """Collect once (what collection left behind is freed, not frozen), freeze the rest, and raise
    the youngest generation's threshold (the older generations' stay as they are)."""
    global _frozen
    gc.collect()
    gc.freeze()
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, oldest)
    _frozen = True


def start_up_frozen() -> bool:
    """Whether this process froze its start-up (``cli_inprocess.run_main`` thaws everything after a
    command, which froze the test's objects, and freezes again: see there)."""
    return _frozen
