"""Paper of a multi-dose cohort (SSC-1B, SCHEDULE-v2.md worked example), read back with pypdf:
every dose visit's worksheet says which dose it is and carries that dose's timed PK / cytokine
grid; the schedules say the cohort and the dose numbers; the take-home schedule explains the three
dose days in plain words, without codes."""

from __future__ import annotations

import io
from datetime import date

import pytest

from ln_scheduler.domain.protocol import Protocol
from ln_scheduler.domain.protocol_loader import newest_shipped_protocol
from ln_scheduler.reports import write_participant_schedule, write_worksheet
from ln_scheduler.services.records import ParticipantRecord
from tests.support.sample_records import SITE, sample_participant

from .conftest import PRINTED_AT, PRINTED_BY
from .pdf_reading import Pdf, flat

C1 = date(2027, 3, 1)  # Monday: SCHEDULE-v2.md's worked example
TODAY = date(2027, 3, 10)


@pytest.fixture(scope="module")
def v2() -> Protocol:
    """Version 2.0 as the services hand it over: the view of its first cohort (LN). The reports
    must find the participant's cohort view themselves."""
    return newest_shipped_protocol()


@pytest.fixture(scope="module")
def ssc1b(v2: Protocol) -> ParticipantRecord:
    """Dose 1 given on its planned Saturday 2027-03-06, dose 2 planned Saturday 2027-03-13."""
    return sample_participant(pid="104-007", initials="KLM", conditioning_start=C1, infusion_actual=date(2027, 3, 6),
                              today=TODAY, protocol=v2, cohort="SSC-1B")


def worksheet(participant: ParticipantRecord, code: str, protocol: Protocol) -> Pdf:
    out = io.BytesIO()
    write_worksheet(out, participant, participant.visit(code), protocol, SITE, printed_by=PRINTED_BY,
                    printed_at=PRINTED_AT)
    return Pdf(out.getvalue())


@pytest.mark.parametrize(("code", "dose"), [("D8", 2), ("D15", 3)])
def test_a_later_dose_worksheet_names_the_dose_and_carries_the_pk_grid_on_every_page(ssc1b, v2, code, dose):
    pdf = worksheet(ssc1b, code, v2)
    pages = pdf.pages()
    for text in pages:  # a page torn off still says whose dose it is, and which
        assert "COHORT SSC-1B" in text
        assert f"DOSE {dose} of 3" in text
        assert f"VISIT Day {code[1:]}: TAK-007 dose {dose}" in text
    text = pdf.text
    assert f"Timed PK and cytokine samples of dose {dose}" in text
    assert "Timepoint Sample Nominal time Allowed range Actual time Tube ID Initials" in text
    view = v2.for_cohort("SSC-1B")
    samples = view.samples_for(code)
    assert [s.label for s in samples] == [s.label for s in view.samples_for("D1")]  # the same grid as Day 1
    assert text.count("TAK-007 cellular kinetics blood sample (PK)") == sum("PK" in s.procedures for s in samples)
    assert text.count("Plasma cytokine sample (CYTO)") == sum("CYTO" in s.procedures for s in samples)
    for sample in samples:
        assert flat(sample.nominal) in text
        assert flat(sample.allowed_range) in text
    assert f"Infusion record: dose {dose} of 3" in text
    assert f"Dose {dose} of 3 (cohort SSC-1B). Before dosing: dose {dose - 1} was given" in text
    assert f"at least 7 days after dose {dose - 1}" in text


def test_a_later_dose_worksheet_lists_the_procedures_of_the_dose_visit(ssc1b, v2):
    text = worksheet(ssc1b, "D8", v2).text
    for code in ("PE", "VS", "HEME", "CHEM", "CONMED", "AE", "CRS", "PK", "CYTO", "INFUSE"):
        assert f"{code} " in text
    assert "SLEDAI" not in text  # an SSc visit: the LN disease scores are not on it


def test_the_day_after_a_dose_has_no_dose_blocks(ssc1b, v2):
    text = worksheet(ssc1b, "D9", v2).text
    assert "DOSE —" in text
    assert "Infusion record" not in text and "Timed PK" not in text


def test_an_ln_day1_worksheet_says_dose_1_of_1_and_keeps_its_wording(v2):
    ln = sample_participant(conditioning_start=date(2027, 1, 26), today=date(2027, 1, 20), protocol=v2)
    text = worksheet(ln, "D1", v2).text
    assert "COHORT LN" in text and "DOSE 1 of 1" in text
    assert "Timed PK and cytokine samples of dose 1" in text
    assert "Infusion record Check" in text  # one dose: no "dose 1 of 1" in the block title
    assert "Before dosing" not in text


def schedule(participant: ParticipantRecord, protocol: Protocol, *, plain: bool) -> str:
    out = io.BytesIO()
    write_participant_schedule(out, participant, protocol, SITE, plain=plain, printed_by=PRINTED_BY,
                               printed_at=PRINTED_AT)
    return Pdf(out.getvalue()).text


def test_the_site_schedule_shows_the_cohort_and_every_dose_number(ssc1b, v2):
    text = schedule(ssc1b, v2, plain=False)
    assert "COHORT SSC-1B" in text
    for dose in (1, 2, 3):
        assert f"Dose {dose} of 3" in text
    assert "Infusion day" not in text  # three doses: each says which


def test_the_take_home_schedule_explains_the_three_dose_days_in_plain_words(ssc1b, v2):
    text = schedule(ssc1b, v2, plain=True)
    assert "Your dose days" in text
    assert "receive the study treatment 3 times" in text
    assert "7 days (one week) apart" in text
    assert "blood samples are taken before the dose" in text
    assert "The day after each dose you come back for a check-up" in text
    assert "if a dose has to be moved, the visits after it move too" in text
    assert "First dose (Day 1): given on Saturday, March 6, 2027" in text
    assert "Second dose (Day 8): Saturday, March 13, 2027" in text
    assert "Third dose (Day 15): Saturday, March 20, 2027" in text
    assert "(your second treatment dose)" in text
    for code in ("SSC-1B", "X2", "X3", "PK", "CYTO"):
        assert code not in text, code  # no study codes on the participant's copy


def test_the_take_home_schedule_says_a_dose_not_given(v2):
    p = sample_participant(pid="104-008", initials="KLM", conditioning_start=C1, infusion_actual=date(2027, 3, 6),
                           doses={2: date(2027, 3, 16)}, not_given_from=3, today=date(2027, 3, 17), protocol=v2,
                           cohort="SSC-1B")
    text = schedule(p, v2, plain=True)
    assert "Second dose (Day 8): given on Tuesday, March 16, 2027" in text
    assert "Third dose (Day 15): not given" in text
    # no promise of a dose that will not come (seen in a walk: "3 times" beside "Third dose: not given")
    assert "receive the study treatment 3 times" not in text
    assert "The study doctor decided that you receive the study treatment 2 times, not 3" in text


def test_a_one_dose_cohort_take_home_has_no_dose_days_section(v2):
    p = sample_participant(conditioning_start=C1, today=date(2027, 2, 20), protocol=v2, cohort="SSC-1A")
    text = schedule(p, v2, plain=True)
    assert "Your dose days" not in text
    assert "(your infusion day)" in text


def test_the_take_home_schedule_of_a_participant_given_one_dose_of_three_says_once(v2):
    p = sample_participant(pid="104-008", initials="KLM", conditioning_start=C1, infusion_actual=date(2027, 3, 6),
                           not_given_from=2, today=date(2027, 3, 17), protocol=v2, cohort="SSC-1B")
    text = schedule(p, v2, plain=True)
    assert "The study doctor decided that you receive the study treatment once, not 3 times" in text
    assert "Second dose (Day 8): not given" in text and "Third dose (Day 15): not given" in text
