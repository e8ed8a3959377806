"""Worksheets and schedules on paper (PDF, reportlab; no Qt, no database).

Everything here takes the detached records of :mod:`ln_scheduler.services.records` plus the
domain :class:`~ln_scheduler.domain.protocol.Protocol`, and writes a PDF to ``out`` (a binary
file object, or a path). Each function returns the number of pages written. Page size is
``"letter"`` (default) or ``"a4"``. Fonts (DejaVu) are embedded, so tick boxes and symbols print
the same everywhere.

``write_worksheet(out, participant, visit, protocol, site, *, printed_by, printed_at,
page_size="letter")``
    The visit worksheet: header on every page (study, protocol id and version, site,
    participant ID and initials, visit, nominal study day, target date, window, scheduled
    date), the procedure checklist, the Day 1 infusion record and timed PK/cytokine grid, the
    chemotherapy lines on conditioning days, notes, signatures; footer "Page X of Y", printed
    date/time and user, app version.

``write_worksheet_batch(out, items, protocol_for, site, *, printed_by, printed_at,
page_size="letter")``
    One PDF with the worksheets of ``items`` (``(ParticipantRecord, VisitRecord)`` pairs),
    ordered by scheduled date, then participant. Each worksheet starts on a new page and is
    numbered on its own ("Page 1 of 2" of that worksheet), since the pages are filed per
    participant. ``protocol_for(protocol_id, version)`` returns a Protocol (``Services.protocol``).

``write_participant_schedule(out, participant, protocol, site, *, plain=False, printed_by,
printed_at, page_size="letter")``
    The participant's whole calendar. ``plain=False``: the site-file version (visit code and
    name, study day, scheduled date, window, status, what to expect). ``plain=True``: the
    take-home version in large type and plain words, with no internal codes, listing the visits
    still to come with what to expect (fasting, urine sample, infusion day) and, for visits with
    a window, the dates between which the visit can be moved.

All three raise :class:`ReportError` (a ``DomainError``) when the request cannot be printed as
asked (a protocol that does not match the participant's calendar, an empty batch, an unknown
page size).
"""

from __future__ import annotations

from .errors import ReportError
from .layout import DEFAULT_PAGE_SIZE, PAGE_SIZES
from .participant_schedule import write_participant_schedule
from .worksheet import write_worksheet, write_worksheet_batch

__all__ = [
    "DEFAULT_PAGE_SIZE",
    "PAGE_SIZES",
    "ReportError",
    "write_participant_schedule",
    "write_worksheet",
    "write_worksheet_batch",
]
