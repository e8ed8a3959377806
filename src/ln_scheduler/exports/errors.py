"""The one error exports raise; the CLI and the GUI show its message as it is."""

from ..domain.errors import DomainError


class ExportError(DomainError):
    """The records cannot be exported as asked (no UID, a bad range, an unknown time zone)."""
