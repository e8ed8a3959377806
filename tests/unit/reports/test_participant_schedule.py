"""A participant's calendar on paper: the site-file version and the take-home version."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

from pypdf import PdfReader

from ln_scheduler.domain.protocol import Protocol
from ln_scheduler.domain.protocol_loader import newest_shipped_protocol
from ln_scheduler.i18n import participant_texts
from ln_scheduler.reports import write_participant_schedule
from ln_scheduler.reports.participant_schedule import _words
from ln_scheduler.services.records import ParticipantRecord
from tests.support.sample_records import SITE, sample_participant

from .conftest import PRINTED_AT, PRINTED_BY
from .pdf_reading import Pdf, flat, fonts_without_embedding, page_numbers


def schedule(participant: ParticipantRecord, protocol: Protocol, *, plain: bool,
             page_size: str = "letter") -> Pdf:
    out = io.BytesIO()
    pages = write_participant_schedule(out, participant, protocol, SITE, plain=plain,
                                       printed_by=PRINTED_BY, printed_at=PRINTED_AT,
                                       page_size=page_size)
    pdf = Pdf(out.getvalue())
    assert pages == len(pdf.reader.pages)
    return pdf


def test_site_schedule_lists_every_visit_with_dates_window_status_and_what_to_expect(
        participant, protocol):
    pdf = schedule(participant, protocol, plain=False)
    text = pdf.text
    for v in participant.visits:
        assert f"{v.code} {v.label} Day {v.study_day}" in text
    assert "D1 Day 1: TAK-007 infusion Day 1 Sun 31-Jan-2027 (site closed) 31-Jan-2027 only " \
        "Upcoming Infusion day, Urine sample, Timed samples" in text
    assert "M6 Month 6 Day 182 Fri 30-Jul-2027 17-Jul-2027 to 14-Aug-2027 Upcoming Urine sample" \
        in text
    assert "LD1 Conditioning day 1 (Day -5) Day -5 Tue 26-Jan-2027 26-Jan-2027 only Upcoming " \
        "Chemotherapy" in text
    assert "SCR Screening Day -12 Tue 19-Jan-2027 27-Dec-2026 to 25-Jan-2027 Late" in text
    for n, page in enumerate(pdf.pages(), start=1):
        assert page_numbers(page)[0] == n
        for fact in ("Participant visit schedule", "PARTICIPANT ID 104-001", "INITIALS JQD",
                     "Protocol TAK007-LN-1001 version 1.0",
                     "INFUSION (DAY 1) 31-Jan-2027 (planned)"):
            assert fact in page
    assert fonts_without_embedding(pdf.data) == []


def test_site_schedule_shows_visits_already_done(protocol):
    p = sample_participant(today=date(2027, 2, 10), done_through=date(2027, 2, 1), protocol=protocol)
    text = schedule(p, protocol, plain=False).text
    assert "D2 Day 2 Day 2 Mon 01-Feb-2027 01-Feb-2027 only Done 01-Feb-2027" in text


def internal_codes(protocol: Protocol) -> set[str]:
    return {v.code for v in protocol.visits} | set(protocol.procedures) | {"DLT", "EOI", "LDC"}


def test_take_home_schedule_has_no_internal_codes(participant, protocol):
    text = schedule(participant, protocol, plain=True).text
    words = set(re.findall(r"[A-Za-z0-9]+", text))
    assert not words & internal_codes(protocol)


def test_take_home_schedule_gives_each_coming_visit_in_plain_words(participant, protocol):
    pdf = schedule(participant, protocol, plain=True)
    text = pdf.text
    for v in participant.visits:
        assert participant_texts("en").long_date(v.scheduled).replace(", ", " ", 1) in text  # "Sunday January 31, 2027"
    assert "Day 1 (your infusion day)" in text
    assert flat_expect(protocol, "D1") in text
    assert "Conditioning day 1 (Day -5) Chemotherapy day" in text
    assert "Day 30 Check-up" in text  # "Day 30: DLT assessment" loses its jargon
    # the urine sample is asked for once per visit: a visit whose description names it already does
    # not say it again ("…blood tests and a urine sample. We will ask you for a urine sample.")
    assert text.count("We will ask you for a urine sample.") == sum(
        1 for v in participant.visits if protocol.visit(v.code).urine
        and "urine sample" not in protocol.visit(v.code).expect.lower()) > 0
    assert "and a urine sample. We will ask you for a urine sample." not in " ".join(text.split())
    # Month 6: window Sat July 17 .. Sat August 14; only clinic days are offered
    assert "If needed, it can move to another clinic day from July 19 to August 13, 2027." in text
    # printed on January 20: the screening window opened in December, but no past day is offered
    assert "If needed, it can move to another clinic day from January 20 to January 25, 2027." in text
    assert "December 27, 2026" not in text
    # fixed-day visits (Day 2), and Day 7 (window Fri 5 .. Sun 7 February: one clinic day), offer none
    movable = [v for v in participant.visits if clinic_days(max(v.earliest, date(2027, 1, 20)), v.latest) > 1]
    assert "D7" not in {v.code for v in movable} and "D14" in {v.code for v in movable}
    assert text.count("another clinic day") == len(movable)
    for page in pdf.pages():
        assert "Your study visit schedule" in page and "104-001" in page


def clinic_days(first: date, last: date) -> int:
    calendar = SITE.calendar()
    return sum(calendar.is_open(first + timedelta(days=i)) for i in range((last - first).days + 1))


def flat_expect(protocol: Protocol, code: str) -> str:
    return " ".join(protocol.visit(code).expect.split())


def test_take_home_schedule_embeds_every_font(participant, protocol):
    pdf = schedule(participant, protocol, plain=True)
    assert fonts_without_embedding(pdf.data) == []


def test_take_home_schedule_leaves_out_visits_already_done(protocol):
    p = sample_participant(today=date(2027, 2, 10), done_through=date(2027, 2, 5), protocol=protocol)
    text = schedule(p, protocol, plain=True).text
    assert "January 31, 2027" not in text  # Day 1, done
    assert "February 9, 2027" in text  # Day 10, to come


def test_take_home_schedule_is_in_large_type(participant, protocol):
    """Body text at 12 pt or more (the site documents use 8 to 9 pt)."""
    out = io.BytesIO()
    write_participant_schedule(out, participant, protocol, SITE, plain=True,
                               printed_by=PRINTED_BY, printed_at=PRINTED_AT)
    sizes: list[float] = []

    def visit(text, cm, tm, font, size):  # type: ignore[no-untyped-def]
        if "urine sample" in text or "Check-up" in text:
            sizes.append(size * tm[0])

    PdfReader(io.BytesIO(out.getvalue())).pages[0].extract_text(visitor_text=visit)
    assert sizes and min(sizes) >= 12


def test_take_home_schedule_after_the_last_visit(protocol):
    p = sample_participant(today=date(2029, 3, 10), done_through=date(2029, 3, 1), protocol=protocol)
    text = schedule(p, protocol, plain=True).text
    assert "You have no more study visits on the calendar." in text


def test_a4_schedule(participant, protocol):
    assert set(schedule(participant, protocol, plain=True, page_size="a4").page_sizes()) == {
        (595, 842)}


def test_date_ranges_in_plain_words():
    """The year once, unless the range crosses it (Babel's CLDR names, in the participant's language)."""
    def range_of(first: date, last: date, language: str = "en") -> list[str]:
        return [flat(part) for part in _words(newest_shipped_protocol(), language).range(first, last)]

    assert range_of(date(2027, 7, 17), date(2027, 8, 14)) == ["July 17", "August 14, 2027"]
    assert range_of(date(2027, 12, 20), date(2028, 1, 3)) == ["December 20, 2027", "January 3, 2028"]
    assert range_of(date(2028, 2, 1), date(2028, 2, 29), "es") == ["1 de febrero", "29 de febrero de 2028"]
