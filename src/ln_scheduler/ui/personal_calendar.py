"""Participant › "Personal calendar for the participant's phone…" (also on the take-home schedule's
button): the participant's own .ics, in their language, saved where the coordinator chooses, to send
or hand over. Built by :mod:`ln_scheduler.exports.personal_calendar`; one participant's visits take
milliseconds, so it is written here on the UI thread.

The suggested file name is neutral (``study-visits.ics``): the file leaves the site on a phone, so
its name carries no participant ID either."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from .exporting import ask_file_to_write

if TYPE_CHECKING:
    from ..services.app import Services
    from ..services.records import ParticipantRecord
    from .command_context import CommandContext

SUGGESTED_FILE = "study-visits.ics"


def save_personal_calendar(window: CommandContext, services: Services, participant: ParticipantRecord) -> Path | None:
    """Ask where, write the participant's calendar there (0600) and say so in the status bar; None
    when the user cancelled."""
    from ..exports.personal_calendar import write_personal_calendar
    from ..i18n import language

    title = QCoreApplication.translate("PersonalCalendar", "Personal calendar of {id} for their phone").format(
        id=participant.id)
    file_filter = QCoreApplication.translate("PersonalCalendar", "Calendar files (*.ics)")
    path = ask_file_to_write(window.prompter, window.settings, title, SUGGESTED_FILE, file_filter, ".ics")
    if path is None:
        return None
    protocol = services.protocol(participant.protocol_id, participant.protocol_version)
    write_personal_calendar(path, participant, protocol, services.site(), language=participant.language,
                            now=services.now())
    window.show_message(QCoreApplication.translate(
        "PersonalCalendar", "Saved the personal calendar of {id} ({language}) to {path}").format(
            id=participant.id, language=language(participant.language).label, path=path), 8000)
    return path
