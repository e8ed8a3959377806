"""Where a participant is in the study, derived from the dates recorded for them.

The status's value (``"follow-up"``) is data: stored in ``participants.status``, filtered on,
exported, always English. :attr:`ParticipantStatus.label` is for a person: translated when read
into the interface language (``ln_scheduler.i18n``, plain Python, so the core stays pure); in
English the value capitalised, as before. Nothing stores a label."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from ..i18n import N_, _


class ParticipantStatus(StrEnum):
    SCREENING = "screening"  # enrolled, conditioning not planned yet
    SCHEDULED = "scheduled"  # conditioning start planned
    CONDITIONING = "conditioning"  # conditioning started, not infused yet
    FOLLOW_UP = "follow-up"  # infused, follow-up running
    COMPLETED = "completed"  # end-of-study visit done
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        """``Follow-up`` / ``Seguimiento``: the interface language, at access."""
        return _(_LABELS[self])


#: Each status's label, marked for the catalogue (English: the value capitalised).
_LABELS = {
    ParticipantStatus.SCREENING: N_("Screening"),
    ParticipantStatus.SCHEDULED: N_("Scheduled"),
    ParticipantStatus.CONDITIONING: N_("Conditioning"),
    ParticipantStatus.FOLLOW_UP: N_("Follow-up"),
    ParticipantStatus.COMPLETED: N_("Completed"),
    ParticipantStatus.WITHDRAWN: N_("Withdrawn"),
}


def participant_status(*, conditioning_planned: date | None, conditioning_actual: date | None,
                       infusion_actual: date | None, withdrawn_on: date | None,
                       end_of_study_done: bool) -> ParticipantStatus:
    if withdrawn_on is not None:
        return ParticipantStatus.WITHDRAWN
    if end_of_study_done:
        return ParticipantStatus.COMPLETED
    if infusion_actual is not None:
        return ParticipantStatus.FOLLOW_UP
    if conditioning_actual is not None:
        return ParticipantStatus.CONDITIONING
    if conditioning_planned is not None:
        return ParticipantStatus.SCHEDULED
    return ParticipantStatus.SCREENING
