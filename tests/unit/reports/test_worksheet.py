"""The visit worksheet, read back from the PDF as a nurse or a monitor would read the paper."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from ln_scheduler import __version__
from ln_scheduler.domain.protocol import Protocol
from ln_scheduler.domain.visit_status import VisitStatus
from ln_scheduler.reports import ReportError, write_worksheet
from ln_scheduler.services.records import ParticipantRecord, VisitRecord
from tests.support.sample_records import SITE, sample_participant

from .conftest import PRINTED_AT, PRINTED_BY
from .pdf_reading import (
    BASE14,
    Pdf,
    flat,
    fonts_without_embedding,
    page_numbers,
    pdffonts_rows,
)


def worksheet(participant: ParticipantRecord, visit: VisitRecord, protocol: Protocol,
              **options: object) -> Pdf:
    out = io.BytesIO()
    pages = write_worksheet(out, participant, visit, protocol, SITE, printed_by=PRINTED_BY,
                            printed_at=options.pop("printed_at", PRINTED_AT), **options)  # type: ignore[arg-type]
    pdf = Pdf(out.getvalue())
    assert pages == len(pdf.reader.pages)
    return pdf


def header_facts(participant: ParticipantRecord, visit: VisitRecord) -> list[str]:
    """What must identify every page: study, protocol and version, site, participant, visit,
    nominal study day, target date, window and scheduled date."""
    return [
        "NCT06377228", "Protocol TAK007-LN-1001 version 1.0",
        "TAK-007 (anti-CD19 CAR-NK) in adults with refractory lupus nephritis",
        "SITE 104 · Lakeside Kidney Research Unit",
        f"PARTICIPANT ID {participant.id}", f"INITIALS {participant.initials}",
        f"VISIT {visit.label}", f"NOMINAL STUDY DAY Day {visit.study_day}",
    ]


def test_day1_worksheet_has_the_full_header_on_every_page(participant, protocol):
    d1 = participant.visit("D1")
    pdf = worksheet(participant, d1, protocol)
    pages = pdf.pages()
    assert len(pages) >= 2  # otherwise "every page" proves nothing
    for text in pages:
        for fact in header_facts(participant, d1):
            assert fact in text
        assert "TARGET DATE 31-Jan-2027" in text
        assert "WINDOW 31-Jan-2027 only" in text
        assert "SCHEDULED Sun 31-Jan-2027 (site closed)" in text


def test_month6_header_shows_the_window_and_booked_date(participant, protocol):
    m6 = participant.visit("M6")
    pages = worksheet(participant, m6, protocol).pages()
    for text in pages:
        assert "NOMINAL STUDY DAY Day 182" in text
        assert "TARGET DATE 31-Jul-2027" in text  # a Saturday ...
        assert "WINDOW 17-Jul-2027 to 14-Aug-2027" in text
        assert "SCHEDULED Fri 30-Jul-2027" in text  # ... booked on the Friday before


@pytest.mark.parametrize("code", ["SCR", "LD1", "D1", "D7", "M6", "M24"])
def test_every_procedure_of_the_visit_is_on_the_checklist_once(participant, protocol, code):
    visit = participant.visit(code)
    text = worksheet(participant, visit, protocol).text
    for proc in visit.procedures:
        description = flat(protocol.procedure_name(proc))
        assert text.count(f"{proc} {description} ☐ ☐") == 1, proc


def test_day1_has_the_timed_pk_and_cytokine_grid_and_the_infusion_record(participant, protocol):
    text = worksheet(participant, participant.visit("D1"), protocol).text
    assert "Timed PK and cytokine samples" in text
    assert "Timepoint Sample Nominal time Allowed range Actual time Tube ID Initials" in text
    # one line per tube: PK at all four timepoints, cytokines predose and at +4 h
    assert text.count("TAK-007 cellular kinetics blood sample (PK)") == 4
    assert text.count("Plasma cytokine sample (CYTO)") == 2
    for sample in protocol.samples_for("D1"):
        assert flat(sample.nominal) in text
        assert flat(sample.allowed_range) in text
    assert "Predose" in text and "EOI + 4 h" in text
    assert "Infusion record" in text
    for check in ("Infusion start time", "Infusion end time", "bag label matches participant "
                  "104-001 (JQD)", "Expiry date and time checked", "Bag integrity",
                  "Dose matches the protocol: TAK-007 infusion, 800 × 10^6 CD19-CAR+ viable NK"):
        assert check in text
    assert "Lymphodepleting chemotherapy administration" not in text


def test_follow_up_worksheet_has_no_infusion_blocks(participant, protocol):
    text = worksheet(participant, participant.visit("M6"), protocol).text
    assert "Timed PK" not in text and "Infusion record" not in text
    assert "Lymphodepleting chemotherapy" not in text
    assert "TAK-007 cellular kinetics blood sample" in text  # M6 has an untimed PK sample


def test_conditioning_day_has_chemotherapy_administration_lines(participant, protocol):
    text = worksheet(participant, participant.visit("LD2"), protocol).text
    assert "Lymphodepleting chemotherapy administration" in text
    assert "Agent Prescribed dose Dose given Start time End time Initials" in text
    assert "Body surface area used for dosing" in text
    assert "Infusion record" not in text and "Timed PK" not in text


def test_notes_signatures_and_footer(participant, protocol):
    pages = worksheet(participant, participant.visit("M6"), protocol).pages()
    assert "Notes" in pages[-1]
    assert "Completed by (name) Signature Date" in pages[-1]
    assert "Reviewed by investigator Signature Date" in pages[-1]
    for n, text in enumerate(pages, start=1):
        assert page_numbers(text) == (n, len(pages))
        assert "Printed 20-Jan-2027 14:32 by nurse.jones" in text
        assert f"LN Visit Scheduler {__version__}" in text


def test_printed_time_is_the_site_wall_clock(participant, protocol):
    """The services' clock is UTC; the sample site is in Chicago (UTC-6 in January)."""
    pdf = worksheet(participant, participant.visit("D2"), protocol,
                    printed_at=datetime(2027, 1, 20, 20, 32, tzinfo=UTC))
    assert "Printed 20-Jan-2027 14:32 by nurse.jones" in pdf.text


def a_visit_with_every_procedure(participant: ParticipantRecord, protocol: Protocol) -> VisitRecord:
    every = tuple(protocol.procedures)
    assert len(every) >= 30
    return replace(participant.visit("SCR"), procedures=every, procedure_records=())


def test_a_35_procedure_checklist_splits_between_rows_with_its_header_repeated(participant, protocol):
    visit = a_visit_with_every_procedure(participant, protocol)
    pdf = worksheet(participant, visit, protocol)
    pages = pdf.pages()
    assert len(pages) >= 2
    holding = [i for i, text in enumerate(pages)
               if any(f"{c} {flat(protocol.procedure_name(c))}" in text for c in visit.procedures)]
    assert len(holding) >= 2, "the checklist should span pages"
    for i in holding:
        assert "Code Procedure Done Not done Time Result / tube ID Initials Reason if not done" \
            in pages[i]
    for code in visit.procedures:
        row = f"{code} {flat(protocol.procedure_name(code))} ☐ ☐"
        # every row whole on exactly one page: never cut between two pages
        assert sum(row in text for text in pages) == 1, code
    for n, text in enumerate(pages, start=1):
        assert page_numbers(text) == (n, len(pages))
        for fact in header_facts(participant, visit):
            assert fact in text


def test_signatures_never_start_a_page_alone(participant, protocol):
    """Notes and signature block move together: never a signature line without its notes box."""
    visit = a_visit_with_every_procedure(participant, protocol)
    for page in worksheet(participant, visit, protocol).pages():
        assert ("Completed by (name)" in page) == ("Notes (deviations" in page)


def test_only_embedded_fonts(participant, protocol, tmp_path: Path):
    path = tmp_path / "d1.pdf"
    write_worksheet(path, participant, participant.visit("D1"), protocol, SITE,
                    printed_by=PRINTED_BY, printed_at=PRINTED_AT)
    assert fonts_without_embedding(path.read_bytes()) == []
    rows = pdffonts_rows(path)
    assert rows, "pdffonts listed no font"
    assert all(emb == "yes" for _, emb in rows), rows
    assert not [name for name, _ in rows if any(b in name for b in BASE14)], rows
    assert {name.split("+")[-1] for name, _ in rows} >= {"DejaVuSans", "DejaVuSans-Bold"}


def test_letter_by_default_a4_on_request(participant, protocol):
    d1 = participant.visit("D1")
    assert set(worksheet(participant, d1, protocol).page_sizes()) == {(612, 792)}
    a4 = worksheet(participant, d1, protocol, page_size="a4")
    assert set(a4.page_sizes()) == {(595, 842)}
    text = a4.text
    for proc in d1.procedures:
        assert f"{proc} {flat(protocol.procedure_name(proc))}" in text


def test_a_reprint_of_a_done_visit_says_so(protocol):
    p = sample_participant(today=date(2027, 2, 10), done_through=date(2027, 2, 1), protocol=protocol)
    d2 = p.visit("D2")
    assert d2.status is VisitStatus.DONE
    text = worksheet(p, d2, protocol).text
    assert "Reprint: this visit is already recorded as done on 01-Feb-2027." in text


def test_unscheduled_visit_lists_the_procedures_chosen_at_the_time(participant, protocol):
    uns = replace(participant.visit("D7"), code="UNS", name="Unscheduled visit",
                  kind=protocol.visit("UNS").kind, occurrence=2, procedures=("VS", "CONMED", "AE"),
                  procedure_records=(), reason="Lupus flare")
    from ln_scheduler.services.records import ProcedureRecord

    uns = replace(uns, procedure_records=(ProcedureRecord("HEME", "Complete blood count with "
                                                          "differential"),))
    text = worksheet(participant, uns, protocol).text
    assert "VISIT Unscheduled visit #2" in text
    assert "Reason: Lupus flare" in text
    for code in ("VS", "CONMED", "AE", "HEME"):
        assert f"{code} {flat(protocol.procedure_name(code))}" in text


def test_writes_to_a_path(participant, protocol, tmp_path: Path):
    path = tmp_path / "ws.pdf"
    pages = write_worksheet(path, participant, participant.visit("M3"), protocol, SITE,
                            printed_by=PRINTED_BY, printed_at=PRINTED_AT)
    assert Pdf(path.read_bytes()).reader.pages.__len__() == pages


def test_refuses_a_protocol_the_calendar_was_not_built_with(participant, protocol):
    other = replace(protocol, version="2.0")
    with pytest.raises(ReportError, match=r"protocol TAK007-LN-1001 version 1\.0"):
        write_worksheet(io.BytesIO(), participant, participant.visit("D1"), other, SITE,
                        printed_by=PRINTED_BY, printed_at=PRINTED_AT)


def test_refuses_a_visit_of_another_participant(participant, protocol):
    other = sample_participant(pid="104-002", protocol=protocol)
    with pytest.raises(ReportError, match="belongs to participant 104-002"):
        write_worksheet(io.BytesIO(), participant, other.visit("D1"), protocol, SITE,
                        printed_by=PRINTED_BY, printed_at=PRINTED_AT)


def test_refuses_an_unknown_page_size(participant, protocol):
    with pytest.raises(ReportError, match="use letter or a4"):
        write_worksheet(io.BytesIO(), participant, participant.visit("D1"), protocol, SITE,
                        printed_by=PRINTED_BY, printed_at=PRINTED_AT, page_size="legal")
