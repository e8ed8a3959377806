"""What the status bar says about the published calendar: the services' own words
(``PublishingStatus.describe()``: "Calendar: up to date", "Calendar: 3 pending"), and when failing
"⚠ Calendar: failing (server unreachable)" in red, with the details (the whole error, how many
changes wait, where, the last good sync) in the tooltip. Nothing at all when no calendar is published.

Why a short reason of its own for "failing": the services' reason is a whole sentence for a dialog
("the calendar server at https://… cannot be reached (…)"), and a status bar 1,024 px wide cut it
to "failing (the calendar server at http:…", leaving out the why.

"Calendar:" leads every state, so it is never read as the database's own "Up to date at 10:02"
beside it. Pure wording (Qt only to translate it): tested without a window; the site settings show
the same. The short reasons go by the failure's kind when this workstation's sync gave it, else by
the stored sentence, which is English on every workstation (the shared target is never translated)."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from .translate_noop import QT_TRANSLATE_NOOP

translate = QCoreApplication.translate

#: A few words for the status bar, by what the services' sentence says (first match wins).
SHORT_REASONS: tuple[tuple[str, str], ...] = (
    ("refused the login", QT_TRANSLATE_NOOP("CalendarStatus", "login refused")),  # notr: the services\' words
    ("could not be trusted", QT_TRANSLATE_NOOP("CalendarStatus", "certificate refused")),  # notr: the services\' words
    ("cannot be reached", QT_TRANSLATE_NOOP("CalendarStatus", "server unreachable")),  # notr: the services\' words
    ("no password for", QT_TRANSLATE_NOOP("CalendarStatus", "no password saved here")),  # notr: the services\' words
    ("there is no calendar", QT_TRANSLATE_NOOP("CalendarStatus", "not a calendar")),  # notr: the services\' words
    ("answered with an error", QT_TRANSLATE_NOOP("CalendarStatus", "server error")),  # notr: the services\' words
)
#: The same few words by the failure's kind (``PublishingStatus.error_kind``): this workstation's
#: own failure, whose sentence may be in the interface language (no password saved here).
KIND_REASONS: dict[str, str] = {
    "login-refused": SHORT_REASONS[0][1], "forbidden": SHORT_REASONS[5][1], "tls": SHORT_REASONS[1][1],
    "unreachable": SHORT_REASONS[2][1], "no-password": SHORT_REASONS[3][1], "not-a-calendar": SHORT_REASONS[4][1],
    "refused": SHORT_REASONS[5][1],
}
SHORT_REASON_CHARS = 32
TOOLTIP_COLUMNS = 90


def short_reason(error: str | None, kind: str | None = None) -> str:
    """"server unreachable" for "the calendar server at https://… cannot be reached (…)": by the
    failure's ``kind`` when known, else by the stored sentence (stored in English, never translated)."""
    if kind in KIND_REASONS:
        return translate("CalendarStatus", KIND_REASONS[kind])
    text = " ".join((error or translate("CalendarStatus", "unknown error")).split())
    for phrase, words in SHORT_REASONS:
        if phrase in text:
            return translate("CalendarStatus", words)
    return text if len(text) <= SHORT_REASON_CHARS else text[:SHORT_REASON_CHARS - 1].rstrip() + "…"


@dataclass(frozen=True)
class StatusWords:
    text: str
    tooltip: str
    failing: bool


def _wrapped(error: str) -> str:
    """The services' sentence, capitalised and wrapped (a plain-text tooltip does not wrap itself)."""
    text = " ".join(error.split())
    return textwrap.fill(text[:1].upper() + text[1:], TOOLTIP_COLUMNS)


def _at(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment is not None else translate("CalendarStatus",
                                                                                                  "never")


def calendar_words(status: Any) -> StatusWords | None:
    """The status bar's words for a ``PublishingStatus``; None when no calendar is published."""
    if status is None:
        return None
    from ..services.calendar_publishing import PublishState

    if status.state == PublishState.OFF:
        return None
    where = translate("CalendarStatus", "Published to {url}\nLast sync that reached the server: {time}").format(
        url=status.url, time=_at(status.last_sync))
    pending = f"{status.pending:,}"
    if status.state == PublishState.FAILING:
        error = status.last_error or translate("CalendarStatus", "the calendar server failed")
        return StatusWords(translate("CalendarStatus", "⚠ Calendar: failing ({reason})").format(
                               reason=short_reason(status.last_error, status.error_kind)),
                           _wrapped(error) + "\n" + translate(
                               "CalendarStatus", "{count} change(s) wait in the database until the server answers; "
                               "saving is not affected.").format(count=pending) + "\n" + where, True)
    if status.state == PublishState.PENDING:
        return StatusWords(status.describe(), translate(
            "CalendarStatus", "{count} change(s) saved, being sent to the calendar.").format(count=pending)
            + "\n" + where, False)
    return StatusWords(status.describe(), translate("CalendarStatus", "Every saved change is on the calendar server.")
                       + "\n" + where, False)
