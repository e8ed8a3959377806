"""``N_``: marks a string for the catalogue where it is defined (a module constant, a domain label)
and leaves it untranslated; the edge that shows it translates it then (``_(label)``). Imports
nothing, so the pure domain core may use it."""

from __future__ import annotations


def N_(message: str) -> str:
    """Return ``message`` unchanged (extraction marker only)."""
    return message
