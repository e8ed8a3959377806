"""What the status bar says about the published calendar: the services' own words
(``PublishingStatus.describe()``: "Calendar: up to date", "Calendar: 3 pending", "Calendar: failing
(why)"), marked ⚠ and shown in red when failing, with the details (where, the last good sync, the
whole error) in the tooltip. Nothing at all when no calendar is published.

"Calendar:" leads every state, so it is never read as the database's own "Up to date at 10:02"
beside it. Pure wording (no Qt): tested without a window; the site settings show the same."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class StatusWords:
    text: str
    tooltip: str
    failing: bool


def _at(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment is not None else "never"


def calendar_words(status: Any) -> StatusWords | None:
    """The status bar's words for a ``PublishingStatus``; None when no calendar is published."""
    if status is None:
        return None
    from ..services.calendar_publishing import PublishState

    if status.state == PublishState.OFF:
        return None
    where = f"Published to {status.url}\nLast sync that reached the server: {_at(status.last_sync)}"
    if status.state == PublishState.FAILING:
        return StatusWords(f"⚠ {status.describe()}",
                           f"{status.last_error or 'The calendar server failed.'}\n"
                           f"{status.pending:,} change(s) wait in the site database and go out when the "
                           f"server answers again; saving is not affected.\n{where}", True)
    if status.state == PublishState.PENDING:
        return StatusWords(status.describe(), f"{status.pending:,} change(s) saved, being sent to the calendar.\n"
                                              f"{where}", False)
    return StatusWords(status.describe(), f"Every saved change is on the calendar server.\n{where}", False)
