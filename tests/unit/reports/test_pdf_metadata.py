"""What a screen reader and a PDF viewer read before the first page: the document's language
(/Lang in the catalog, so the right voice reads it), its title, shown instead of the file name."""

from __future__ import annotations

import io

import pytest

from ln_scheduler.domain.protocol import Protocol
from ln_scheduler.reports import write_participant_schedule, write_worksheet
from ln_scheduler.services.records import ParticipantRecord
from tests.support.sample_records import SITE

from .conftest import PRINTED_AT, PRINTED_BY
from .pdf_reading import Pdf


def documents(participant: ParticipantRecord, protocol: Protocol) -> dict[str, Pdf]:
    worksheet, schedule = io.BytesIO(), io.BytesIO()
    write_worksheet(worksheet, participant, participant.visit("D7"), protocol, SITE, printed_by=PRINTED_BY,
                    printed_at=PRINTED_AT)
    write_participant_schedule(schedule, participant, protocol, SITE, printed_by=PRINTED_BY, printed_at=PRINTED_AT)
    return {"worksheet": Pdf(worksheet.getvalue()), "schedule": Pdf(schedule.getvalue())}


@pytest.mark.parametrize("kind", ["worksheet", "schedule"])
def test_every_pdf_declares_its_language_and_title(participant, protocol, kind):
    reader = documents(participant, protocol)[kind].reader
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en-US"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"]
    assert reader.metadata.title and participant.id in reader.metadata.title
