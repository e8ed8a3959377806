"""Pausing Python's cyclic garbage collector around work that allocates many objects and no cycles.

The collector runs each time allocations outnumber deallocations by a threshold, and its full
passes walk every live object. Loading SQLAlchemy (a few hundred thousand objects that live until
exit) or building a whole site's visit records (20,000 records, 200,000 procedure rows) triggers
dozens of passes that free nothing: 10-30% of the time of those steps. Nothing they allocate forms
a reference cycle, so pausing the collector loses nothing; it runs again as usual afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused(*, freeze_after: bool = False) -> Iterator[None]:
    """No cyclic garbage collection inside the block. ``freeze_after``: move every object alive at
    the end into the permanent generation (``gc.freeze``), so later passes skip them; for one-shot
    commands only, since a frozen object that becomes garbage in a cycle is never freed."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze_after:
            gc.freeze()
        if enabled:
            gc.enable()
