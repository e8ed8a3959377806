"""The audit trail: append-only rows, each hashed with the previous row's hash.

Rows are staged during a unit of work and appended at its end, after every data change, under a
lock on the chain-head row: on PostgreSQL ``SELECT ... FOR UPDATE`` makes concurrent writers append
one after the other (the chain never forks); on SQLite the write transaction already holds the
database lock (BEGIN IMMEDIATE). Taking the head lock last keeps lock order the same everywhere.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date, datetime, time
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..i18n import _
from .audit_key import SiteKey
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


def row_hash(seq: int, at_utc: str, user: str, workstation: str, e: PendingEntry | Any,
             prev_hash: str, key: bytes | None = None) -> str:
    """SHA-256 of the row's canonical content (rows written before the site key), or HMAC-SHA256 with
    the site key: only a holder of the key can write a row, or re-chain rows, that verify accepts."""
    if isinstance(e, PendingEntry):
        content = [seq, at_utc, user, workstation, e.action, e.entity, e.entity_key, e.participant_id,
                   e.field, e.old, e.new, e.reason, prev_hash]
    else:
        content = [seq, at_utc, user, workstation, e.action, e.entity, e.entity_key, e.participant_id,
                   e.field, e.old_value, e.new_value, e.reason, prev_hash]
    canonical = _CANONICAL.encode(content).encode("utf-8")
    if key is None:
        return hashlib.sha256(canonical).hexdigest()
    return hmac.digest(key, canonical, "sha256").hex()  # the one-shot C path: verify does this per row


#: The hashed text of a row: what ``json.dumps(content, ensure_ascii=False, separators=(",", ":"))``
#: writes, from one encoder made once.
_CANONICAL = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


class AuditKeyMismatch(Exception):
    """This workstation's key is not the one the database's trail is sealed with."""


@dataclass(frozen=True)
class SealedHead:
    """The head after a write: what the writer records as a checkpoint once the write is committed."""

    seq: int
    hash: str
    keyed_from: int
    key_fingerprint: str


class AuditWriter:
    """Collects the audit entries of one unit of work and appends them, chained, at its end."""

    def __init__(self, user: str, workstation: str, key: Callable[[], SiteKey] | None = None):
        self.user = user
        self.workstation = workstation
        self.pending: list[PendingEntry] = []
        self._key = key
        self.sealed: SealedHead | None = None

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
        the rows as dictionaries for a Core bulk insert (the caller inserts them).

        Rows are sealed with the site key (HMAC). The first keyed write of a database stores the
        seq it starts from and the key's fingerprint in the head row; a workstation whose key has
        another fingerprint is refused, as its rows would break the chain for everyone."""
        if not self.pending:
            return []
        head = session.execute(select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalar_one()
        key = self._key() if self._key is not None else None
        secret = key.secret if key is not None else None
        if key is not None:
            if head.key_fingerprint is None:
                head.keyed_from, head.key_fingerprint = head.seq + 1, key.fingerprint
            elif head.key_fingerprint != key.fingerprint:
                raise AuditKeyMismatch(
                    _("this workstation's audit key ({path}, fingerprint {fingerprint}) is not the key this "
                      "database's audit trail is sealed with (fingerprint {sealed}); nothing was saved: copy the "
                      "site's key file to {path} (see README, 'The audit key')").format(
                        path=key.path, fingerprint=key.fingerprint, sealed=head.key_fingerprint))
        seq, prev = head.seq, head.hash
        out: list[dict[str, Any]] = []
        for e in self.pending:
            seq += 1
            h = row_hash(seq, at_utc, self.user, self.workstation, e, prev, secret)
            out.append({
                "seq": seq, "at_utc": at_utc, "user_name": self.user, "workstation": self.workstation,
                "action": e.action, "entity": e.entity, "entity_key": e.entity_key,
                "participant_id": e.participant_id, "field": e.field, "old_value": e.old,
                "new_value": e.new, "reason": e.reason, "prev_hash": prev, "hash": h,
            })
            prev = h
        head.seq, head.hash = seq, prev
        if key is not None:
            assert head.keyed_from is not None  # stored with the key's fingerprint by the first keyed write
            self.sealed = SealedHead(seq, prev, head.keyed_from, key.fingerprint)
        self.pending.clear()
        return out


def where(row: Any) -> str:
    """A row named for a person: its seq, record and field (a technical reference, not translated)."""
    return f"seq {row.seq} ({row.entity} {row.entity_key}, {row.field}, {row.at_utc})"


@dataclass
class ChainCheck:
    """What re-computing the chain found: rows read, problems (at most MAX_PROBLEMS_LISTED listed,
    all counted), the last hash, and the hash of the row at ``watch_seq`` (a checkpoint's seq)."""

    rows: int = 0
    problems: list[str] = dataclass_field(default_factory=list)
    problem_count: int = 0
    last_hash: str = GENESIS_HASH
    watched_hash: str | None = None
    listed: int | None = MAX_PROBLEMS_LISTED  # None: every problem (``audit verify --all``)

    def problem(self, text: str) -> None:
        self.problem_count += 1
        if self.listed is None or len(self.problems) < self.listed:
            self.problems.append(text)


def verify_rows(rows: Iterable[Any], head: tuple[int, str] | None, *, keyed_from: int | None = None,
                key: bytes | None = None, watch_seq: int | None = None,
                on_row: Callable[[Any], None] | None = None, listed: int | None = MAX_PROBLEMS_LISTED) -> ChainCheck:
    """Re-compute the chain against the head (last seq, last hash): rows from ``keyed_from`` on with
    the site ``key`` (HMAC), those before it with plain SHA-256. Without the key, keyed rows are
    checked for order and linkage only (the caller says they could not be authenticated).
    ``on_row`` sees every row, in order (the replay reads the trail in the same pass). ``listed``:
    how many problems are kept in words (all are counted); None keeps every one."""
    check = ChainCheck(listed=listed)
    expected_seq = 1
    prev = GENESIS_HASH
    for row in rows:
        check.rows += 1
        if on_row is not None:
            on_row(row)
        if row.seq < 1:  # no write makes one: the chain is checked as if it were not there
            check.problem(_("{row}: inserted (a trail's seqs start at 1)").format(row=where(row)))
            continue
        if row.seq != expected_seq:
            if row.seq > expected_seq:
                check.problem(_("seq {first}..{last}: rows are missing (deleted)").format(first=expected_seq,
                                                                                          last=row.seq - 1))
            else:
                check.problem(_("{row}: out of order (after seq {seq})").format(row=where(row), seq=expected_seq - 1))
        if row.prev_hash != prev:
            check.problem(_("{row}: does not follow the row before it (rows deleted, inserted or reordered)").format(
                row=where(row)))
        keyed = keyed_from is not None and row.seq >= keyed_from
        if not keyed or key is not None:
            computed = row_hash(row.seq, row.at_utc, row.user_name, row.workstation, row, row.prev_hash,
                                key if keyed else None)
            if computed != row.hash:
                check.problem((_("{row}: edited after it was written, or forged (its keyed hash does not match)")
                               if keyed else _("{row}: edited after it was written, or forged (its hash does not "
                                               "match)")).format(row=where(row)))
        if row.seq == watch_seq:
            check.watched_hash = row.hash
        prev = row.hash
        expected_seq = row.seq + 1
    check.last_hash = prev
    if head is None:
        check.problem(_("the audit chain head row is missing"))
    else:
        head_seq, head_hash = head
        if head_seq > expected_seq - 1:
            check.problem(_("seq {first}..{last}: the last rows are missing (deleted)").format(first=expected_seq,
                                                                                               last=head_seq))
        elif head_seq != expected_seq - 1 or head_hash != prev:
            check.problem(_("the audit chain head (seq {head}) does not match the last row (seq {last})").format(
                head=head_seq, last=expected_seq - 1))
    return check


def iter_audit_rows(session: Session, batch: int = 5000) -> Iterator[Any]:
    """Every audit row in seq order, as plain Core rows (attribute access like AuditRow, without
    the ORM's identity map: 20,000 rows read in a fraction of the time)."""
    table = AuditRow.__table__
    last: int | None = None
    while True:
        query = select(table).order_by(table.c.seq).limit(batch)
        if last is not None:
            query = query.where(table.c.seq > last)
        chunk = session.execute(query).all()
        if not chunk:
            return
        yield from chunk
        last = chunk[-1].seq
