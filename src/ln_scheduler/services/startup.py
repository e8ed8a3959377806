"""Opening the services for one short command (``participant show``, ``due``, an export).

Loading SQLAlchemy, the table mappings and the services allocates a few hundred thousand objects
that live until the process ends (modules, classes, functions). Python's cyclic garbage collector
runs several full passes over them while they load and frees nothing: about 50 ms of a 0.5 s
``participant show``. So the collector is paused while they load, and what they allocated is then
frozen (``gc.freeze``): later collections, such as those triggered while an export builds 20,000
records, no longer walk the whole of SQLAlchemy either.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .app import Services


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block; what it allocated is frozen afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def open_services_for_command(db_url: str | None) -> Services:
    """:func:`~ln_scheduler.services.app.open_services` for a command-line handler."""
    with collector_paused():
        from .app import open_services

        return open_services(db_url)
