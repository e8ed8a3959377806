"""A clinic's worksheets in one PDF: clinic order, each worksheet numbered and headed on its own."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import pytest

from ln_scheduler.domain.protocol import Protocol
from ln_scheduler.reports import ReportError, write_worksheet_batch
from ln_scheduler.services.records import ParticipantRecord, VisitRecord
from tests.support.sample_records import SITE, sample_participant

from .conftest import PRINTED_AT, PRINTED_BY
from .pdf_reading import Pdf, fonts_without_embedding, page_numbers

MONTHS = {m: i for i, m in enumerate(
    ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), start=1)}


def two_weeks_of_clinic(protocol: Protocol) -> list[tuple[ParticipantRecord, VisitRecord]]:
    """Three participants two days apart; every visit they have from Jan 26 to Feb 9, 2027."""
    people = [sample_participant(pid=f"104-00{n}", initials=ini, protocol=protocol,
                                 conditioning_start=date(2027, 1, 26 + 2 * (n - 1)))
              for n, ini in ((3, "CCC"), (1, "AAA"), (2, "BBB"))]
    items = [(p, v) for p in people for v in p.visits
             if v.scheduled and date(2027, 1, 26) <= v.scheduled <= date(2027, 2, 9)]
    return items[::-1]  # deliberately not in clinic order


def build(items, protocol: Protocol, **options) -> tuple[Pdf, int]:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    pages = write_worksheet_batch(out, items, lambda pid, version: protocol, SITE,
                                  printed_by=PRINTED_BY, printed_at=PRINTED_AT, **options)
    return Pdf(out.getvalue()), pages


def sections(pages: list[str]) -> list[list[str]]:
    """Pages grouped into worksheets by their own "Page X of Y" numbering."""
    out: list[list[str]] = []
    for text in pages:
        number, total = page_numbers(text)
        if number == 1:
            out.append([])
        out[-1].append(text)
        assert len(out[-1]) == number and total >= number
    for group in out:
        assert page_numbers(group[0])[1] == len(group)
    return out


def identity(text: str) -> tuple[date, str, str]:
    """(scheduled date, participant ID, visit code) from a page's header and footer."""
    day, mon, year = re.search(r"SCHEDULED \w{3} (\d{2})-(\w{3})-(\d{4})", text).groups()  # type: ignore[union-attr]
    pid = re.search(r"PARTICIPANT ID (\d{3}-\d{3})", text).group(1)  # type: ignore[union-attr]
    footer_pid, code = re.search(r"LN Visit Scheduler \S+ · (\d{3}-\d{3}) · (\w+)", text).groups()  # type: ignore[union-attr]
    assert footer_pid == pid, "header and footer of one page name different participants"
    return date(int(year), MONTHS[mon], int(day)), pid, code


def test_batch_is_in_clinic_order_by_date_then_participant(protocol):
    items = two_weeks_of_clinic(protocol)
    pdf, pages = build(items, protocol)
    groups = sections(pdf.pages())
    assert len(groups) == len(items)
    order = [identity(group[0])[:2] for group in groups]
    assert order == sorted(order)
    assert sorted((v.scheduled, p.id) for p, v in items) == order
    assert pages == len(pdf.reader.pages)


def test_each_worksheet_is_numbered_on_its_own(protocol):
    items = two_weeks_of_clinic(protocol)
    groups = sections(build(items, protocol)[0].pages())
    lengths = {identity(g[0])[2]: len(g) for g in groups}
    assert lengths["D1"] >= 2 and lengths["D2"] == 1  # a multi-page worksheet among single ones


def test_every_page_carries_the_header_of_its_own_worksheet(protocol):
    """The header must not lag one page behind when a new worksheet starts."""
    items = two_weeks_of_clinic(protocol)
    for group in sections(build(items, protocol)[0].pages()):
        first = identity(group[0])
        assert all(identity(text) == first for text in group)


def test_batch_embeds_its_fonts_and_honours_a4(protocol):
    items = two_weeks_of_clinic(protocol)[:4]
    pdf, _ = build(items, protocol, page_size="a4")
    assert set(pdf.page_sizes()) == {(595, 842)}
    assert fonts_without_embedding(pdf.data) == []


def test_each_protocol_is_asked_for_once(protocol):
    asked: list[tuple[str, str]] = []

    def protocol_for(pid: str, version: str) -> Protocol:
        asked.append((pid, version))
        return protocol

    write_worksheet_batch(io.BytesIO(), two_weeks_of_clinic(protocol), protocol_for, SITE,
                          printed_by=PRINTED_BY, printed_at=datetime(2027, 1, 20, 8, 0))
    assert asked == [("TAK007-LN-1001", "1.0")]


def test_an_empty_batch_is_refused(protocol):
    with pytest.raises(ReportError, match="no visits"):
        build([], protocol)
