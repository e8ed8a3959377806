"""Worklist rows (a visit with its owner's few columns) into :class:`WorklistItem`, in the worklist's
order: one way for both readers of them, the services' (SQLAlchemy, :mod:`queries`) and the first
look at a SQLite file (the standard library's ``sqlite3``, :mod:`first_look`). No SQLAlchemy here."""

from __future__ import annotations

import functools
from collections import namedtuple
from collections.abc import Callable, Collection, Sequence
from datetime import date
from typing import Any
from typing import Protocol as TypingProtocol

from ..domain.protocol import Protocol
from .collector import collector_paused
from .mapping import VisitMapper
from .records import WorklistItem


class WorklistReader(TypingProtocol):
    """What a worklist view reads: :class:`~ln_scheduler.services.app.Services`, or the first look at
    a file before the services have loaded (:class:`~ln_scheduler.services.first_look.FirstLook`)."""

    def today(self) -> date: ...

    def worklist(self, start: date, end: date, *, today: date | None = None, include_overdue: bool = True,
                 participant_ids: Collection[str] | None = None) -> list[WorklistItem]: ...

    def open_windows(self, opening_by: date, *, today: date) -> list[WorklistItem]: ...


#: Keys per IN list: far below any engine's limit on bound parameters (SQLite before 3.32: 999).
IN_CHUNK = 500


def chunks(keys: list[Any]) -> list[list[Any]]:
    """``keys`` in lists of at most :data:`IN_CHUNK`, one IN list each."""
    return [keys[i:i + IN_CHUNK] for i in range(0, len(keys), IN_CHUNK)]


#: (protocol id, version, cohort) of a participant: which mapper reads their visits.
ProtocolKey = tuple[str, str, str]

#: The columns a worklist row carries besides the visit's own: its owner's, labelled ``p_*``.
OWNER_COLUMNS = ("study_id", "initials", "protocol_id", "protocol_version", "cohort")


@functools.cache
def row_class(columns: tuple[str, ...]) -> Any:
    """One named-tuple class per set of columns, made once: making one costs about 0.3 ms, twice
    per participant read (which every write reads back). A named tuple's field is read ten times
    faster than a SQLAlchemy ``Row``'s attribute, and the mapping reads some 25 of every visit."""
    return namedtuple("StoredRow", columns, rename=True)  # columns known at run time


def owner_key(row: Any) -> ProtocolKey:
    return row.p_protocol_id, row.p_protocol_version, row.p_cohort


def mappers_of(rows: Sequence[Any], protocol: Callable[[str, str, str], Protocol]) -> dict[ProtocolKey, VisitMapper]:
    """The mapper of each protocol version and cohort among ``rows``, made once each; ``protocol``
    gives a cohort's view of a version (``ProtocolRegistry.get``)."""
    mappers: dict[ProtocolKey, VisitMapper] = {}
    for r in rows:
        key = owner_key(r)
        if key not in mappers:
            mappers[key] = VisitMapper(protocol(*key), key[2])
    return mappers


def last_dose_owners(rows: Sequence[Any], mappers: dict[ProtocolKey, VisitMapper]) -> list[int]:
    """The participant keys of ``rows`` with a visit counted from the last dose given: only theirs
    need the doses read (the visit's name names the dose it counts from)."""
    return sorted({r.participant_pk for r in rows if r.code in mappers[owner_key(r)].last_dose_codes})


def worklist_items(rows: Sequence[Any], mappers: dict[ProtocolKey, VisitMapper], stopped: dict[int, int],
                   today: date) -> list[WorklistItem]:
    """The items of ``rows`` by date, time, participant and visit; ``stopped``: participant key ->
    the first dose recorded not given."""
    items: list[WorklistItem] = []
    with collector_paused():  # a site that fell behind: 15,000 records, none in a cycle
        for r in rows:
            record = mappers[owner_key(r)].record(r, r.p_study_id, today, not_given_from=stopped.get(r.participant_pk))
            items.append(WorklistItem(participant_id=r.p_study_id, initials=r.p_initials, visit=record))
    items.sort(key=lambda i: (i.visit.scheduled or date.max, i.visit.scheduled_time is None,
                              i.visit.scheduled_time or 0, i.participant_id, i.visit.code))
    return items
