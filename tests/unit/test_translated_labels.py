"""Status labels are for people and follow the interface language when read; the values behind
them (stored, filtered, exported) stay English, and the English labels are what they always were."""

from __future__ import annotations

from datetime import date

import pytest

from ln_scheduler.domain.participant_status import ParticipantStatus
from ln_scheduler.domain.visit_status import VisitStatus
from ln_scheduler.services.records import DoseRecord, WithdrawalOutcome


@pytest.mark.parametrize("status", [*VisitStatus, *ParticipantStatus])
def test_english_labels_are_the_values_capitalised_as_before(status):
    assert status.label == status.value.capitalize()


def test_a_spanish_interface_reads_spanish_labels_and_keeps_english_values(spanish_interface):
    assert VisitStatus.OVERDUE.label == "Vencida"
    assert VisitStatus.OVERDUE.value == "overdue"
    assert ParticipantStatus.WITHDRAWN.label == "Retirado del estudio"
    assert ParticipantStatus.FOLLOW_UP.value == "follow-up"
    assert WithdrawalOutcome.CANCELLED.heading == "Se cancelarán"


def test_a_dose_state_is_english_data_with_a_translated_label(spanish_interface):
    dose = DoseRecord(2, "X2", date(2027, 2, 7), given=False)
    assert (dose.state, dose.state_label) == ("not given", "no administrada")
