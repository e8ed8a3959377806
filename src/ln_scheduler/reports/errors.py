"""The one error a report raises: something the user asked for cannot be printed as asked."""

from __future__ import annotations

from ..domain.errors import DomainError


class ReportError(DomainError):
    """A report request that cannot be honoured (wrong protocol, no visits, unknown page size).

    A DomainError, so the CLI prints it as one line (exit 2) and the GUI shows it as a message,
    with no special case in either.
    """
