"""The audit trail: append-only rows, each hashed with the previous row's hash.

Rows are staged during a unit of work and appended at its end, after every data change, under a
lock on the chain-head row: on PostgreSQL ``SELECT ... FOR UPDATE`` makes concurrent writers append
one after the other (the chain never forks); on SQLite the write transaction already holds the
database lock (BEGIN IMMEDIATE). Taking the head lock last keeps lock order the same everywhere.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import AuditHead, AuditRow

GENESIS_HASH = "0" * 64
MAX_PROBLEMS_LISTED = 20


def audit_text(value: Any) -> str | None:
    """How a value is written into the trail: dates ISO, times HH:MM, booleans yes/no."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, dict):
        return _JSON.encode(value)
    return str(value)


def _json_value(value: Any) -> Any:
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, date):  # also datetime
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} into the audit trail")


#: Compact JSON for the values of an inserted record (the C encoder; dates through _json_value).
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_json_value)


def utc_stamp(moment: datetime) -> str:
    """ISO 8601 UTC with microseconds and 'Z', the exact text that is stored and hashed."""
    from datetime import UTC

    if moment.tzinfo is None:
        raise ValueError("audit timestamps must be timezone-aware")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True)
class PendingEntry:
    action: str
    entity: str
    entity_key: str
    participant_id: str | None
    field: str
    old: str | None
    new: str | None
    reason: str | None


def row_hash(seq: int, at_utc: str, user: str, workstation: str, e: PendingEntry | AuditRow,
             prev_hash: str) -> str:
    if isinstance(e, AuditRow):
        content = [seq, at_utc, user, workstation, e.action, e.entity, e.entity_key, e.participant_id,
                   e.field, e.old_value, e.new_value, e.reason, prev_hash]
    else:
        content = [seq, at_utc, user, workstation, e.action, e.entity, e.entity_key, e.participant_id,
                   e.field, e.old, e.new, e.reason, prev_hash]
    canonical = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class AuditWriter:
    """Collects the audit entries of one unit of work and appends them, chained, at its end."""

    def __init__(self, user: str, workstation: str):
        self.user = user
        self.workstation = workstation
        self.pending: list[PendingEntry] = []

    def add(self, *, action: str, entity: str, key: str, participant_id: str | None, field: str,
            old: Any = None, new: Any = None, reason: str | None = None) -> None:
        self.pending.append(PendingEntry(action, entity, key, participant_id, field, audit_text(old),
                                         audit_text(new), reason))

    def change(self, *, entity: str, key: str, participant_id: str | None, field: str, old: Any,
               new: Any, reason: str | None = None, action: str = "update") -> bool:
        """Stage an update entry when the value really changes; returns whether it did."""
        old_t, new_t = audit_text(old), audit_text(new)
        if old_t == new_t:
            return False
        self.pending.append(PendingEntry(action, entity, key, participant_id, field, old_t, new_t, reason))
        return True

    def rows(self, session: Session, at_utc: str) -> list[dict[str, Any]]:
        """Lock the chain head, chain the staged entries after it and advance the head; returns
        the rows as dictionaries for a Core bulk insert (the caller inserts them)."""
        if not self.pending:
            return []
        head = session.execute(select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalar_one()
        seq, prev = head.seq, head.hash
        out: list[dict[str, Any]] = []
        for e in self.pending:
            seq += 1
            h = row_hash(seq, at_utc, self.user, self.workstation, e, prev)
            out.append({
                "seq": seq, "at_utc": at_utc, "user_name": self.user, "workstation": self.workstation,
                "action": e.action, "entity": e.entity, "entity_key": e.entity_key,
                "participant_id": e.participant_id, "field": e.field, "old_value": e.old,
                "new_value": e.new, "reason": e.reason, "prev_hash": prev, "hash": h,
            })
            prev = h
        head.seq, head.hash = seq, prev
        self.pending.clear()
        return out


def verify_rows(rows: Iterable[AuditRow], head: tuple[int, str] | None) -> tuple[int, list[str], str]:
    """Re-compute the chain against the head (last seq, last hash). Returns (rows, problems, last
    hash)."""
    problems: list[str] = []
    expected_seq = 1
    prev = GENESIS_HASH
    count = 0

    def problem(text: str) -> None:
        if len(problems) < MAX_PROBLEMS_LISTED:
            problems.append(text)
        elif len(problems) == MAX_PROBLEMS_LISTED:
            problems.append("... further problems not listed")

    for row in rows:
        count += 1
        if row.seq != expected_seq:
            if row.seq > expected_seq:
                problem(f"rows {expected_seq}..{row.seq - 1} are missing (deleted)")
            else:
                problem(f"row {row.seq} is out of order (after row {expected_seq - 1})")
        if row.prev_hash != prev:
            problem(f"row {row.seq} does not follow the row before it (deleted, inserted or reordered rows)")
        if row_hash(row.seq, row.at_utc, row.user_name, row.workstation, row, row.prev_hash) != row.hash:
            problem(f"row {row.seq} ({row.entity} {row.entity_key}, {row.field}, {row.at_utc}) was "
                    "edited after it was written")
        prev = row.hash
        expected_seq = row.seq + 1
    if head is None:
        problem("the audit chain head is missing")
    else:
        head_seq, head_hash = head
        if head_seq > expected_seq - 1:
            problem(f"the last rows {expected_seq}..{head_seq} are missing (deleted)")
        elif head_seq != expected_seq - 1 or head_hash != prev:
            problem("the audit chain head does not match the last row")
    return count, problems, prev


def iter_audit_rows(session: Session, batch: int = 5000) -> Iterator[AuditRow]:
    last = 0
    while True:
        chunk = session.execute(
            select(AuditRow).where(AuditRow.seq > last).order_by(AuditRow.seq).limit(batch)
        ).scalars().all()
        if not chunk:
            return
        yield from chunk
        last = chunk[-1].seq
        session.expunge_all()
