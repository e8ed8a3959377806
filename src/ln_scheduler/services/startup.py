"""Opening the services for one short command (``participant show``, ``due``, an export).

Loading SQLAlchemy, the table mappings and the services allocates a few hundred thousand objects
that live until the process ends; the garbage collector would walk them several times while they
load and free nothing (about 50 ms of a 0.5 s ``participant show``). So they load with the
collector paused and are then frozen: later passes, such as those while an export builds 20,000
records, no longer walk the whole of SQLAlchemy either. Not for the GUI (see ``freeze_after``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .collector import collector_paused

if TYPE_CHECKING:
    from .app import Services


def open_services_for_command(db_url: str | None, *, create: bool = False,
                              automatic_backup: bool = True, writes: bool = False) -> Services:
    """:func:`~ln_scheduler.services.app.open_services` for a command-line handler; a SQLite file
    that does not exist is refused unless the command starts a database (``create``); the first
    command of a site day that opens a SQLite file also makes the day's automatic backup (not the
    ``backup`` command: it makes one itself, and a second copy would only double a disk problem).
    A command that ``writes`` stops here on a read-only database (a monitor's account, ``?mode=ro``),
    before any preview, prompt or calendar server."""
    with collector_paused(freeze_after=True):
        from .app import open_services

        svc = open_services(db_url, create=create)
    if writes and svc.read_only:
        from .read_only import read_only_error

        svc.close()
        raise read_only_error(svc.read_only)
    if automatic_backup:
        try:
            svc.automatic_backup()
        except BaseException:  # the backup's check found the file damaged: not kept open behind the error
            svc.close()
            raise
    return svc
