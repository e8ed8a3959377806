"""Replaying the audit trail: the records it describes, compared with the records in the tables.

Why: a sealed chain proves the trail was not rewritten, not that the data still says what the trail
says. Someone with write access to the tables can change a visit date, delete a participant or add a
row without writing an audit row at all. Rebuilding the data from the trail (as an event-sourced
ledger or a database replica replays its log) and comparing it with the tables finds every such
change: the entity, the key, the field, and both values.

What the services write into the trail, and what is replayed from it:

- an insert carries the new record's values (JSON: a participant's initials, protocol, cohort, language,
  anchor dates and status; a later dose's date, or why it was not given; a visit's name, kind, dates,
  booking, state, reason and deviation; a procedure's outcome), or one row per field (site settings,
  a closure date);
- an update or a correction carries the field, the old and the new value;
- a record corrected away (a later dose entered in error: the only record that goes) carries the
  record's own name as its field (``dose``), its old values and no new value.

Fields that are derived or technical are not in the trail and not compared: a visit's ``study_day``
(from its target and the infusion), ``closed_day`` (from the audited site calendar), ``uid``,
``sequence``, and every ``version`` counter. A field an older insert did not carry (written before
inserts carried every audited field) is compared from its first audited update on; but two fields
are known without it: a participant's language is English when their insert does not name one, and
the site's phone is empty when its creation did not write one (revision 0007 gave every earlier row
exactly that, and the services write both whenever they are anything else); likewise the site's
enrolment protocol version is unset (NULL: the newest shipped) when its creation did not write one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..i18n import _
from .audit import audit_text, utc_stamp
from .models import (
    DEFAULT_LANGUAGE,
    CalendarTarget,
    Dose,
    Participant,
    ProcedureResult,
    SiteClosure,
    SiteSettings,
    Visit,
)

#: A value the trail does not know (an older insert that did not carry the field).
UNKNOWN = object()

PARTICIPANT_FIELDS = ("initials", "protocol_id", "protocol_version", "cohort", "language", "status", "screening_date",
                      "conditioning_start_planned", "conditioning_start_actual", "infusion_planned",
                      "infusion_actual", "withdrawal_date", "withdrawal_reason", "created_at")
VISIT_FIELDS = ("name", "kind", "target", "earliest", "latest", "scheduled", "scheduled_time", "booked",
                "actual", "state", "reason", "deviation")
PROCEDURE_FIELDS = ("done", "not_done_reason", "time_done", "sample_id")
DOSE_FIELDS = ("given_on", "not_given_reason")
SITE_FIELDS = ("name", "number", "timezone", "closure_rules", "participant_id_pattern", "enrolment_protocol_version",
               "phone")
#: The audited record kinds the replay rebuilds (besides the site settings and closure dates).
RECORD_ENTITIES = ("participant", "visit", "procedure", "dose")
SITE_KEY = "site"
CLOSURE = "closure"
PROTOCOL = "protocol"  # a stored protocol text: its SHA-256 when stored (compared by services.protocols)
#: Where the site's calendar is published (which server receives participant IDs and visit dates).
CALENDAR, CALENDAR_KEY, CALENDAR_FIELDS = "calendar", "site", ("url", "user_name")
SITE_CALENDAR_ID = 1  # calendar_targets.id of the site calendar


def dose_key(pid: str, number: int) -> str:
    """The audit key of a participant's later dose: ``104-001/dose#2``."""
    return f"{pid}/dose#{number}"


@dataclass(frozen=True)
class Difference:
    """One record or field where the data is not what the trail says."""

    entity: str
    key: str
    field: str
    audit: str | None
    data: str | None
    seq: int | None  # the last audit row about this record, if any

    def describe(self) -> str:
        """The difference for a person, in the interface language (record names stay as stored)."""
        at = _(" (last audit row seq {seq})").format(seq=self.seq) if self.seq else ""
        if self.field == "*deleted*":
            return _("{entity} {key}{at}: in the audit trail but not in the data (deleted without an audit "
                     "row)").format(entity=self.entity, key=self.key, at=at)
        if self.field == "*inserted*" and self.entity == CALENDAR:
            return _("calendar site: the site calendar is published to an address no audit row set up (set up "
                     "before this release audited it, or written behind the application's back): check it in "
                     "Site settings and set it up again, to record who chose it")
        if self.field == "*inserted*":
            return _("{entity} {key}: in the data but no audit row created it (inserted without an audit "
                     "row)").format(entity=self.entity, key=self.key)
        return _("{entity} {key}, {field}{at}: the audit trail says {audit}, the data says {data} (changed "
                 "without an audit row)").format(entity=self.entity, key=self.key, field=self.field, at=at,
                                                 audit=_show(self.audit), data=_show(self.data))


def _show(value: str | None) -> str:
    return _("(empty)") if value is None else repr(value)


def _json_text(value: Any) -> str | None:
    """A value from an insert's JSON, written as audit_text writes it."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None or isinstance(value, str):
        return value
    return str(value)


class Replay:
    """Fed every audit row in seq order (:meth:`row`), then compared with the tables (:meth:`compare`)."""

    def __init__(self) -> None:
        self.records: dict[tuple[str, str], dict[str, Any]] = {}
        self.last_seq: dict[tuple[str, str], int] = {}
        self.closures: dict[str, int] = {}  # ISO date -> seq that added it
        #: stored protocol texts: "<id> <version>" -> (the SHA-256 recorded when stored, its seq)
        self.protocols: dict[str, tuple[str | None, int]] = {}
        #: where the site calendar is published, as the trail says (None: never set up in the trail)
        self.calendar: dict[str, str | None] | None = None
        self.calendar_seq = 0

    def row(self, r: Any) -> None:
        entity = r.entity
        if entity == "site":
            self._site(r)
            return
        if entity == PROTOCOL:
            self.protocols[r.entity_key] = (r.new_value, r.seq)
            return
        if entity == CALENDAR:
            if self.calendar is None:
                self.calendar = dict.fromkeys(CALENDAR_FIELDS)
            if r.field in self.calendar:
                self.calendar[r.field] = r.new_value
                self.calendar_seq = r.seq
            return
        if entity not in RECORD_ENTITIES:
            return
        ident = (entity, r.entity_key)
        self.last_seq[ident] = r.seq
        if r.action == "insert":
            self.records[ident] = self._inserted(entity, r)
            return
        if r.field == entity and r.new_value is None:  # the whole record corrected away (a dose in error)
            self.records.pop(ident, None)
            return
        record = self.records.get(ident)
        if record is None:  # an update of a record the trail never created: compare from here on
            record = self.records[ident] = dict.fromkeys(_fields(entity), UNKNOWN)
        if r.field in record:
            record[r.field] = r.new_value

    def _inserted(self, entity: str, r: Any) -> dict[str, Any]:
        record: dict[str, Any] = dict.fromkeys(_fields(entity), UNKNOWN)
        try:
            values = json.loads(r.new_value) if r.new_value else None
        except ValueError:
            values = None
        if entity == "procedure" and r.new_value == "planned":
            values = dict.fromkeys(PROCEDURE_FIELDS)
        if not isinstance(values, dict):
            return record
        if entity == "participant":
            protocol = values.pop("protocol", None)
            if isinstance(protocol, str) and " " in protocol:
                record["protocol_id"], record["protocol_version"] = protocol.rsplit(" ", 1)
            for name in ("conditioning_start_actual", "infusion_actual", "withdrawal_date", "withdrawal_reason"):
                record[name] = None  # a participant is never enrolled with these
            record["language"] = DEFAULT_LANGUAGE  # an insert written before languages: English (revision 0007)
            record["created_at"] = r.at_utc
        for name, value in values.items():
            if name in record:
                record[name] = _json_text(value)
        return record

    def _site(self, r: Any) -> None:
        if r.field == "closed_date":
            if r.new_value is not None:
                self.closures[r.new_value] = r.seq
            elif r.old_value is not None:
                self.closures.pop(r.old_value, None)
            return
        ident = ("site", SITE_KEY)
        record = self.records.get(ident)
        if record is None:
            record = self.records[ident] = dict.fromkeys(SITE_FIELDS, UNKNOWN)
            if r.action == "insert":  # the site's creation writes a phone and an enrolment version only
                record["phone"] = ""  # when there is one: none written means none (and revisions 0005
                record["enrolment_protocol_version"] = None  # and 0007 gave earlier rows exactly that)
        self.last_seq[ident] = r.seq
        if r.field in record:
            record[r.field] = r.new_value

    # -- comparison --------------------------------------------------------------------------
    def compare(self, session: Session) -> list[Difference]:
        data: dict[tuple[str, str], dict[str, str | None]] = dict(_data_records(session))
        out: list[Difference] = []
        for ident, values in data.items():
            expected = self.records.get(ident)
            if expected is None:
                out.append(Difference(ident[0], ident[1], "*inserted*", None, None, None))
                continue
            for name, value in values.items():
                want = expected.get(name, UNKNOWN)
                if want is not UNKNOWN and want != value:
                    out.append(Difference(ident[0], ident[1], name, want, value, self.last_seq.get(ident)))
        for ident in self.records.keys() - data.keys():
            out.append(Difference(ident[0], ident[1], "*deleted*", None, None, self.last_seq.get(ident)))
        stored = set(session.execute(select(SiteClosure.__table__.c.closed_on)).scalars())
        stored_iso = {d.isoformat() for d in stored}
        for day in sorted(stored_iso - self.closures.keys()):
            out.append(Difference(CLOSURE, day, "*inserted*", None, None, None))
        for day in sorted(self.closures.keys() - stored_iso):
            out.append(Difference(CLOSURE, day, "*deleted*", None, None, self.closures[day]))
        out.extend(self._calendar_differences(session))
        out.sort(key=lambda d: (d.entity, d.key, d.field))
        return out

    def _calendar_differences(self, session: Session) -> list[Difference]:
        t = CalendarTarget.__table__
        row = session.execute(select(t.c.url, t.c.user_name).where(t.c.id == SITE_CALENDAR_ID)).first()
        data = dict(zip(CALENDAR_FIELDS, row, strict=True)) if row is not None else dict.fromkeys(CALENDAR_FIELDS)
        if self.calendar is None and data["url"] is not None:  # no audit row ever: set up behind the trail,
            return [Difference(CALENDAR, CALENDAR_KEY, "*inserted*", None, None, None)]  # or before it was audited
        expected = self.calendar or dict.fromkeys(CALENDAR_FIELDS)
        return [Difference(CALENDAR, CALENDAR_KEY, name, expected[name], data[name], self.calendar_seq or None)
                for name in CALENDAR_FIELDS if expected[name] != data[name]]


def _fields(entity: str) -> tuple[str, ...]:
    return {"participant": PARTICIPANT_FIELDS, "visit": VISIT_FIELDS, "procedure": PROCEDURE_FIELDS,
            "dose": DOSE_FIELDS, "site": SITE_FIELDS}[entity]


def _stamp(value: datetime) -> str:
    return utc_stamp(value if value.tzinfo is not None else value.replace(tzinfo=UTC))


def _text(value: Any) -> str | None:
    """audit_text for the column types of these tables, without its chain of isinstance checks
    (called for every field of every row: 230,000 times for 800 participants)."""
    if value is None or value.__class__ is str:
        return value
    if value.__class__ is bool:
        return "yes" if value else "no"
    return audit_text(value)


def _data_records(session: Session) -> Iterator[tuple[tuple[str, str], dict[str, str | None]]]:
    """Every participant, visit, procedure record, later dose and the site settings, as the trail writes values."""
    p, v, r, d = Participant.__table__, Visit.__table__, ProcedureResult.__table__, Dose.__table__
    stored = PARTICIPANT_FIELDS[:-1]  # all but created_at, compared as the insert row's time
    for study_id, created_at, *values in session.execute(select(p.c.study_id, p.c.created_at,
                                                                *(p.c[name] for name in stored))):
        record = dict(zip(stored, map(_text, values), strict=True))
        record["created_at"] = _stamp(created_at) if created_at is not None else None
        yield ("participant", study_id), record
    pid_of = dict(session.execute(select(p.c.id, p.c.study_id)).tuples().all())
    visit_key: dict[int, str] = {}
    query = select(v.c.id, v.c.participant_pk, v.c.code, v.c.occurrence, *(v.c[name] for name in VISIT_FIELDS))
    for visit_id, participant_pk, code, occurrence, *values in session.execute(query):
        key = f"{pid_of.get(participant_pk, '?')}/{code}#{occurrence}"
        visit_key[visit_id] = key
        yield ("visit", key), dict(zip(VISIT_FIELDS, map(_text, values), strict=True))
    query = select(r.c.visit_id, r.c.code, r.c.done, r.c.not_done_reason, r.c.time, r.c.sample_id)
    for visit_id, code, *values in session.execute(query):
        yield ("procedure", f"{visit_key.get(visit_id, '?')}/{code}"), dict(
            zip(PROCEDURE_FIELDS, map(_text, values), strict=True))
    for participant_pk, number, *values in session.execute(select(d.c.participant_pk, d.c.number,
                                                                  *(d.c[name] for name in DOSE_FIELDS))):
        yield ("dose", dose_key(pid_of.get(participant_pk, "?"), number)), dict(
            zip(DOSE_FIELDS, map(_text, values), strict=True))
    s = SiteSettings.__table__
    site = session.execute(select(*(s.c[name] for name in SITE_FIELDS)).where(s.c.id == 1)).first()
    if site is not None:
        yield ("site", SITE_KEY), dict(zip(SITE_FIELDS, map(_text, site), strict=True))
