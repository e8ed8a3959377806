"""Where a participant is in the study, derived from the dates recorded for them."""

from __future__ import annotations

from datetime import date
from enum import StrEnum


class ParticipantStatus(StrEnum):
    SCREENING = "screening"  # enrolled, conditioning not planned yet
    SCHEDULED = "scheduled"  # conditioning start planned
    CONDITIONING = "conditioning"  # conditioning started, not infused yet
    FOLLOW_UP = "follow-up"  # infused, follow-up running
    COMPLETED = "completed"  # end-of-study visit done
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return self.value.capitalize()


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
