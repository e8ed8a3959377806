"""Errors the core raises; the GUI and the CLI show their message as it is (already in the
interface language: ``ln_scheduler.i18n``)."""

from ..i18n import _


class DomainError(ValueError):
    """A rule of the study or of the input was broken; the message says which, for a person."""


class ProtocolError(DomainError):
    """A protocol file is unreadable or inconsistent; the message names file, visit and field."""

    def __init__(self, source: str, message: str, visit: str | None = None, field: str | None = None):
        self.source = source
        self.visit = visit
        self.field = field
        where = source
        if visit:
            where += _(", visit {visit}").format(visit=visit)
        if field:
            where += _(", field '{field}'").format(field=field)
        super().__init__(f"{where}: {message}")


class ScheduleError(DomainError):
    """An impossible sequence of dates (an infusion too soon after conditioning, ...)."""
