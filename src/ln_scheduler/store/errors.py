"""Errors of the storage layer, raised before any service runs (bad URL, unsafe location)."""

from ..domain.errors import DomainError


class StoreConfigError(DomainError):
    """The database cannot be used as configured; the message says what to do instead."""
