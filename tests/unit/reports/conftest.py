"""Shared data of the report tests: the shipped protocol, a sample participant, a fixed clock."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from ln_scheduler.domain.protocol import Protocol
from ln_scheduler.domain.protocol_loader import shipped_protocols
from ln_scheduler.services.records import ParticipantRecord
from tests.support.sample_records import sample_participant

PRINTED_AT = datetime(2027, 1, 20, 14, 32)
PRINTED_BY = "nurse.jones"


@pytest.fixture(scope="session")
def protocol() -> Protocol:
    """Version 1.0: the sample participant is the worked example of SCHEDULE.md, enrolled on it."""
    return shipped_protocols()[0]


@pytest.fixture(scope="session")
def participant(protocol: Protocol) -> ParticipantRecord:
    """Conditioning from Tue 2027-01-26, infusion Sun 2027-01-31 (the worked example)."""
    return sample_participant(today=date(2027, 1, 20), protocol=protocol)
