"""Writing an export file so that a reader never sees half of it and nobody else can read it.

A calendar client may watch the file (or a synced folder may upload it) while it is written; the
bytes go to a private (0600) temporary file beside it and replace the target in one rename (see
:mod:`ln_scheduler.private_files`: exports carry study IDs and visit dates).
"""

from __future__ import annotations

from ..private_files import write_private as write_atomically

__all__ = ["write_atomically"]
