"""The printable documents of the GUI (worksheet, a clinic's worksheets, participant schedule),
each a title, a file name and a function that builds the PDF in a worker thread through the
reports package (imported there, so reportlab never loads before it is needed)."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ..services.records import ParticipantRecord, VisitRecord, WorklistItem
from .tasks import Progress

translate = QCoreApplication.translate

if TYPE_CHECKING:
    from ..services.app import Services

Builder = Callable[[str, Progress], bytes]  # (page size, progress) -> PDF bytes


@dataclass(frozen=True)
class Document:
    title: str
    file_stem: str
    build: Builder


def _safe(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in text)


def worksheet_document(services: Services, participant: ParticipantRecord, visit: VisitRecord) -> Document:
    def build(page_size: str, progress: Progress) -> bytes:
        from ..reports import write_worksheet

        progress(0, 1, translate("Documents", "Preparing the worksheet…"))
        out = io.BytesIO()
        protocol = services.protocol(participant.protocol_id, participant.protocol_version, participant.cohort)
        write_worksheet(out, participant, visit, protocol, services.site(), printed_by=services.user,
                        printed_at=services.now(), page_size=page_size)
        return out.getvalue()

    return Document(translate("Documents", "Worksheet {participant} {visit}").format(participant=participant.id,
                                                                                     visit=visit.label),
                    f"worksheet-{_safe(participant.id)}-{_safe(visit.code)}"
                    + (f"-{visit.occurrence}" if visit.occurrence > 1 else ""), build)


def batch_document(services: Services, items: Sequence[WorklistItem], start: date, end: date) -> Document:
    """Every worksheet of these worklist rows in one PDF (a day's or a week's clinic)."""
    chosen = list(items)

    def build(page_size: str, progress: Progress) -> bytes:
        people: dict[str, ParticipantRecord] = {}
        pids = sorted({i.participant_id for i in chosen})
        for n, pid in enumerate(pids):
            progress(n, len(pids) + 1, translate("Documents", "Reading participant {participant} ({number} of "
                                                              "{count})…").format(participant=pid, number=n + 1,
                                                                                  count=len(pids)))
            people[pid] = services.participant(pid)
        progress(len(pids), len(pids) + 1, _laying_out(len(chosen)))
        pairs = [(people[i.participant_id],
                  people[i.participant_id].visit(i.visit.code, i.visit.occurrence)) for i in chosen]
        return _worksheets_pdf(services, pairs, page_size, title)

    span = start.isoformat() if start == end else f"{start.isoformat()} to {end.isoformat()}"  # notr: file name
    shown_span = (start.isoformat() if start == end else
                  translate("Documents", "{first} to {last}").format(first=start.isoformat(), last=end.isoformat()))
    title = translate("Documents", "Worksheets {span} ({count} visits)").format(span=shown_span, count=len(chosen))
    return Document(title, f"worksheets-{_safe(span)}", build)  # the PDF titled as its preview (a walk)


def _laying_out(count: int) -> str:
    return translate("Documents", "Laying out {count} worksheets…").format(count=count)


def packet_document(services: Services, participant: ParticipantRecord, visits: Sequence[VisitRecord]) -> Document:
    """One participant's packet: the worksheets of the chosen visits in one PDF (the clinic
    batch for one person), so the first days are printed or saved in one go."""
    chosen = list(visits)

    def build(page_size: str, progress: Progress) -> bytes:
        progress(0, 1, _laying_out(len(chosen)))
        return _worksheets_pdf(services, [(participant, v) for v in chosen], page_size, title)

    codes = "-".join(_safe(v.code) for v in chosen[:1] + chosen[-1:]) if len(chosen) > 1 else _safe(chosen[0].code)
    title = translate("Documents", "Worksheets {span} ({count} visits)").format(span=participant.id, count=len(chosen))
    return Document(title, f"worksheets-{_safe(participant.id)}-{codes}", build)


def _worksheets_pdf(services: Services, pairs: Sequence[tuple[ParticipantRecord, VisitRecord]],
                    page_size: str, title: str | None = None) -> bytes:
    from ..reports import write_worksheet_batch

    out = io.BytesIO()
    write_worksheet_batch(out, pairs, services.protocol, services.site(), printed_by=services.user,
                          printed_at=services.now(), page_size=page_size, title=title)
    return out.getvalue()


def schedule_document(services: Services, participant: ParticipantRecord, *, plain: bool) -> Document:
    def build(page_size: str, progress: Progress) -> bytes:
        from ..reports import write_participant_schedule

        progress(0, 1, translate("Documents", "Preparing the schedule…"))
        out = io.BytesIO()
        protocol = services.protocol(participant.protocol_id, participant.protocol_version, participant.cohort)
        write_participant_schedule(out, participant, protocol, services.site(), plain=plain, printed_by=services.user,
                                   printed_at=services.now(), page_size=page_size,
                                   language=participant.language)  # the take-home: the participant's words
        return out.getvalue()

    title = (translate("Documents", "{participant} take-home schedule") if plain else
             translate("Documents", "{participant} schedule")).format(participant=participant.id)
    return Document(title, f"{'take-home-' if plain else ''}schedule-{_safe(participant.id)}",
                    build)
