"""What the status bar says after a save: who and what was saved, with its date. It said only
"Saved", and a coordinator booking several visits in a row could not tell which went through."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..domain.visit_status import VisitStatus
from ..services.records import ParticipantRecord, VisitRecord
from .formatting import day_text, time_text

translate = QCoreApplication.translate


def saved_text(result: object) -> str:
    """``Saved: 104-001 Day 14 booked for 2027-02-12 Fri at 09:30`` for what a dialog's save returned
    (a visit or a participant); plain "Saved" for anything else."""
    if isinstance(result, VisitRecord):
        visit = f"{result.participant_id} {result.label}"
        status = result.status
        if status.is_done and result.actual is not None:
            return translate("SavedMessage", "Saved: {visit} done on {day}").format(
                visit=visit, day=day_text(result.actual))
        if status is VisitStatus.MISSED:
            return translate("SavedMessage", "Saved: {visit} missed").format(visit=visit)
        if status is VisitStatus.CANCELLED:
            return translate("SavedMessage", "Saved: {visit} cancelled").format(visit=visit)
        if result.scheduled is not None and result.booked:
            if result.scheduled_time is not None:
                return translate("SavedMessage", "Saved: {visit} booked for {day} at {time}").format(
                    visit=visit, day=day_text(result.scheduled), time=time_text(result.scheduled_time))
            return translate("SavedMessage", "Saved: {visit} booked for {day}").format(
                visit=visit, day=day_text(result.scheduled))
        return translate("SavedMessage", "Saved: {visit}").format(visit=visit)
    if isinstance(result, ParticipantRecord):
        return translate("SavedMessage", "Saved: {participant} ({status})").format(
            participant=result.id, status=result.status.label)
    return translate("SavedMessage", "Saved")
