"""Pausing Python's cyclic garbage collector around work that allocates many objects and no cycles.

The collector runs each time allocations outnumber deallocations by a threshold, and its full
passes walk every live object. Loading SQLAlchemy (a few hundred thousand objects that live until
exit) or building a whole site's visit records (20,000 records, 200,000 procedure rows) triggers
dozens of passes that free nothing: 10-30% of the time of those steps. Nothing they allocate forms
a reference cycle, so pausing the collector loses nothing; it runs again as usual afterwards.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
_enable_after = False


def pause_collector() -> None:
    """Turn the collector off until the matching :func:`resume_collector`. Pauses may overlap
    (the GUI's worker threads read at the same time): the collector comes back only when the
    last one ends, and only if it was on when the first one began."""
    global _pauses, _enable_after
    with _lock:
        if _pauses == 0:
            _enable_after = gc.isenabled()
            gc.disable()
        _pauses += 1


def resume_collector(*, freeze: bool = False) -> None:
    """End one pause. ``freeze``: first move every object alive now into the permanent
    generation (``gc.freeze``), so later passes skip them; for objects that live as long as the
    process (a frozen object that becomes garbage in a cycle is never freed)."""
    global _pauses
    with _lock:
        if freeze:
            gc.freeze()
        _pauses = max(_pauses - 1, 0)
        if _pauses == 0 and _enable_after:
            gc.enable()


@contextmanager
def collector_paused(*, freeze_after: bool = False) -> Iterator[None]:
    """No cyclic garbage collection inside the block (see :func:`pause_collector`)."""
    pause_collector()
    try:
        yield
    finally:
        resume_collector(freeze=freeze_after)
