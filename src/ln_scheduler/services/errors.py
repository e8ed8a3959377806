"""Errors services raise. Both are DomainErrors, so the CLI prints them as one line (exit 2) and
the GUI shows the message as it is: every message is written for a coordinator, not a developer."""

from __future__ import annotations

from datetime import datetime

from ..domain.errors import DomainError


class ServiceError(DomainError):
    """A request that cannot be carried out: unknown participant, a rule of the study, bad input."""


class ConflictError(ServiceError):
    """Someone else changed the record since it was read. Nothing was written; the caller reloads.

    ``changed_by`` and ``changed_at`` come from the audit trail so the message can say who and when.
    """

    def __init__(self, message: str, *, changed_by: str | None = None,
                 changed_at: datetime | None = None):
        super().__init__(message)
        self.changed_by = changed_by
        self.changed_at = changed_at


class DatabaseUnavailableError(ServiceError):
    """The database cannot be opened or is locked/unreachable; nothing was written."""
