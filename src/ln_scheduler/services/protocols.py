"""Protocol definitions by id and version: every shipped one (1.0 and 2.0), and every version stored in
the database (so a calendar built from an amended protocol renders the same on every workstation).
A participant's calendar is read with their cohort's view of their version (``Protocol.for_cohort``)."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Collection
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ..domain.protocol import Protocol
from ..domain.protocol_loader import SHIPPED_PROTOCOLS, parse_protocol, shipped_protocol_text, shipped_protocols
from ..i18n import _
from ..store.audit_replay import PROTOCOL
from ..store.models import AuditRow, Participant, StoredProtocol
from .errors import ServiceError

if TYPE_CHECKING:
    from sqlalchemy.dialects import postgresql, sqlite

    from ..store.audit import AuditWriter


@functools.cache
def _shipped() -> tuple[tuple[str, str, Protocol], ...]:
    """(file name, text, protocol) of every shipped protocol file, oldest version first; parsed once
    per process (~100 ms of window checks each): every opening of a database (the GUI's File › Open,
    a process running many commands) shares the frozen results. A participant of any shipped version
    reads back without its text being stored; the text is what a calendar built from it stores."""
    return tuple((name, shipped_protocol_text(name), protocol)
                 for name, protocol in zip(SHIPPED_PROTOCOLS, shipped_protocols(), strict=True))


def shipped_version_text(version: str | None = None) -> tuple[str, str]:
    """(file name, text) of the shipped protocol ``version`` (None: the newest)."""
    shipped = _shipped()
    if version is None:
        return shipped[-1][0], shipped[-1][1]
    for name, text, protocol in shipped:
        if protocol.version == version:
            return name, text
    raise ServiceError(_("no shipped protocol version {version} (shipped: {shipped})").format(
        version=version, shipped=", ".join(p.version for _name, _text, p in shipped)))


def default_protocol_text() -> tuple[str, str]:
    """(source name, text) of the newest protocol shipped in ``resources/protocols``."""
    return shipped_version_text(None)


class ProtocolRegistry:
    """Parses each protocol text once per process; looks unknown versions up in the database."""

    def __init__(self, engine: Engine):
        self._engine = engine
        shipped = _shipped()
        self.shipped: tuple[Protocol, ...] = tuple(p for _name, _text, p in shipped)
        self.default = self.shipped[-1]  # the newest shipped
        self._texts: dict[tuple[str, str], tuple[str, str]] = {self._key(p): (name, text) for name, text, p in shipped}
        self._cache: dict[tuple[str, str], Protocol] = {self._key(p): p for p in self.shipped}
        #: versions whose stored text this process found to be the file's, with its audit row: every
        #: enrolment calls ensure_stored, and reading the text back (~20 KB) each time is not needed
        self._vouched: set[tuple[str, str]] = set()

    @staticmethod
    def _key(p: Protocol) -> tuple[str, str]:
        return p.id, p.version

    def shipped_version(self, version: str) -> Protocol:
        """The shipped protocol of this version, or a ServiceError naming the shipped ones."""
        for p in self.shipped:
            if p.version == version.strip():
                return p
        raise ServiceError(_("protocol version '{version}' is not shipped with this release (shipped: "
                             "{shipped})").format(version=version.strip(),
                                                  shipped=", ".join(p.version for p in self.shipped)))

    def get(self, protocol_id: str, version: str, cohort: str | None = None) -> Protocol:
        """The protocol of this id and version; with ``cohort``, that cohort's view of it."""
        whole = self._whole(protocol_id, version)
        return whole if cohort is None else whole.for_cohort(cohort)

    def _whole(self, protocol_id: str, version: str) -> Protocol:
        key = (protocol_id, version)
        found = self._cache.get(key)
        if found is not None:
            return found
        with Session(self._engine) as session:
            row = session.execute(
                select(StoredProtocol).where(StoredProtocol.protocol_id == protocol_id,
                                             StoredProtocol.protocol_version == version)
            ).scalar_one_or_none()
            if row is None:
                raise ServiceError(
                    _("protocol {protocol} version {version} is not stored in this database; a version is "
                      "stored when a participant is moved to it from its file: Participant › Change protocol "
                      "version… in the app, or 'ln-scheduler participant protocol ID --file PATH --reason "
                      "TEXT'").format(protocol=protocol_id, version=version)
                )
            protocol = parse_protocol(row.text.encode("utf-8"), source=f"{row.source_name} (stored)", strict=False)
            self._texts[key] = (row.source_name, row.text)
        self._cache[key] = protocol
        return protocol

    def load_file(self, path: str | Path) -> Protocol:
        """Parse a protocol file and remember its text, to be stored when a calendar uses it."""
        p = Path(path)
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise ServiceError(_("cannot read the protocol file {path}: {error}").format(
                path=p, error=exc.strerror or exc)) from None
        protocol = parse_protocol(data, source=str(p))
        key = self._key(protocol)
        known = self._texts.get(key)
        text = data.decode("utf-8")
        if (known is not None and _digest(known[1]) != _digest(text)
                and not _same_definition(parse_protocol(known[1].encode("utf-8"), strict=False), protocol)):
            raise ServiceError(
                _("{path} says protocol {protocol} version {version}, but that version is already known with "
                  "different content: give the amended file a new version").format(
                    path=p, protocol=protocol.id, version=protocol.version)
            )
        self._texts.setdefault(key, (p.name, text))
        self._cache.setdefault(key, protocol)
        return self._cache[key]

    def ensure_stored(self, session: Session, protocol: Protocol, now: datetime, audit: AuditWriter) -> None:
        """Store the text of ``protocol`` in the database (within the caller's transaction), and its
        SHA-256 in the audit trail: the hash stored beside the text carries no key, so someone who
        edits the text can recompute it; the trail's row is sealed (``stored_text_problems``)."""
        key = self._key(protocol)
        if key in self._vouched:
            return
        stored = session.execute(
            select(StoredProtocol.text).where(StoredProtocol.protocol_id == protocol.id,
                                              StoredProtocol.protocol_version == protocol.version)
        ).first()
        source = self._texts.get(key)
        if stored is not None:
            self._adopt(session, protocol, stored.text, source, audit)
            return
        if source is None:
            raise ServiceError(_("protocol {protocol} version {version} was not loaded from a file, so it cannot "
                                 "be stored").format(protocol=protocol.id, version=protocol.version))
        name, text = source
        # ON CONFLICT DO NOTHING: two workstations enrolling their first participant at the same
        # moment both try to store the protocol; the second simply finds it there.
        statement: postgresql.Insert | sqlite.Insert
        if session.get_bind().dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as postgresql_insert

            statement = postgresql_insert(StoredProtocol)
        else:
            from sqlalchemy.dialects.sqlite import insert as sqlite_insert

            statement = sqlite_insert(StoredProtocol)
        inserted = session.execute(
            statement
            .values(protocol_id=protocol.id, protocol_version=protocol.version, source_name=name, text=text,
                    sha256=_digest(text), stored_at=now)
            .on_conflict_do_nothing(index_elements=["protocol_id", "protocol_version"])
            .returning(StoredProtocol.id)
        ).first()
        if inserted is not None:  # not when another workstation stored it first (it audited it)
            audit.add(action="insert", entity=PROTOCOL, key=protocol_key(protocol.id, protocol.version),
                      participant_id=None, field="sha256", new=_digest(text), reason=None)


    def _adopt(self, session: Session, protocol: Protocol, text: str, source: tuple[str, str] | None,
               audit: AuditWriter) -> None:
        """A text already stored for this version: it must define what the file (or the release) does,
        or a text written into the database behind the application's back would be used from then on
        for every re-planning. One stored before the trail recorded texts is recorded now."""
        if source is not None and _digest(text) != _digest(source[1]) and not _same_definition(
                parse_protocol(text.encode("utf-8"), strict=False), protocol):
            raise ServiceError(_("protocol {protocol} version {version} stored in the database differs from {file}: it "
                                 "was changed behind the application's back, or another text of that version was "
                                 "stored; nothing was saved (run 'ln-scheduler audit verify')").format(
                protocol=protocol.id, version=protocol.version, file=source[0]))
        key = protocol_key(protocol.id, protocol.version)
        recorded = session.execute(select(AuditRow.seq).where(AuditRow.entity == PROTOCOL,
                                                              AuditRow.entity_key == key).limit(1)).first()
        if recorded is None:
            audit.add(action="insert", entity=PROTOCOL, key=key, participant_id=None, field="sha256",
                      new=_digest(text), reason=None)
        else:  # stored as the file says, and in the trail: nothing to look at again in this process
            self._vouched.add(self._key(protocol))


def protocol_key(protocol_id: str, version: str) -> str:
    """A stored protocol's key in the audit trail: ``TAK007-LN-1001 1.1``."""
    return f"{protocol_id} {version}"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def stored_text_problems(session: Session, recorded: dict[str, tuple[str | None, int]],
                         shipped: Collection[tuple[str, str]]) -> list[str]:
    """Stored protocol texts changed, deleted or missing behind the application's back (``audit
    verify``): every calendar built or re-planned later reads its windows from the text of a version
    that is not shipped, so a window widened there moved visits with no audit row.

    - the SHA-256 kept beside each text when it was stored must still be the text's;
    - the SHA-256 the audit trail recorded when it was stored (``recorded``: key -> (hash, seq), from
      the replay) must be the text's too: that row is sealed, the hash beside the text is not. Texts
      stored before the trail recorded them (a database older than this check) have only the first;
    - a text the trail recorded must still be stored, and every participant's version must be shipped
      (``shipped``: (id, version)) or stored."""
    problems: list[str] = []
    rows = session.execute(select(StoredProtocol.protocol_id, StoredProtocol.protocol_version, StoredProtocol.text,
                                  StoredProtocol.sha256).order_by(StoredProtocol.id)).all()
    stored = set()
    for r in rows:
        key, digest = protocol_key(r.protocol_id, r.protocol_version), _digest(r.text)
        stored.add((r.protocol_id, r.protocol_version))
        if digest != r.sha256:
            problems.append(_("protocol {protocol} version {version}: its stored text was changed after it was stored "
                              "(its SHA-256 is no longer the one kept with it)").format(
                protocol=r.protocol_id, version=r.protocol_version))
        elif key in recorded and recorded[key][0] != digest:
            said = _("protocol {protocol} version {version}: its stored text is not the one the audit trail recorded "
                     "when it was stored (seq {seq}): it was changed, and its SHA-256 with it")
            problems.append(said.format(protocol=r.protocol_id, version=r.protocol_version, seq=recorded[key][1]))
    known = {protocol_key(*k) for k in stored}
    for key, (_digest_recorded, seq) in sorted(recorded.items()):
        if key not in known:
            protocol_id, _sep, version = key.rpartition(" ")
            problems.append(_("protocol {protocol} version {version} (audit row seq {seq}): in the audit trail but "
                              "not in the data (deleted without an audit row)").format(
                protocol=protocol_id, version=version, seq=seq))
    available = stored | set(shipped)
    in_use = session.execute(select(Participant.study_id, Participant.protocol_id, Participant.protocol_version)
                             .order_by(Participant.study_id)).all()
    for pid, protocol_id, version in in_use:
        if (protocol_id, version) not in available:
            problems.append(_("participant {id} is on protocol {protocol} version {version}, which is not stored in "
                              "the database (deleted without an audit row): their calendar cannot be read").format(
                id=pid, protocol=protocol_id, version=version))
    return problems


def _same_definition(a: Protocol, b: Protocol) -> bool:
    """Whether two texts define the same protocol: every cohort's view alike (a text differing only in
    comments or layout is the same version)."""
    if a.cohorts != b.cohorts:
        return False
    return all(_same_view(a.for_cohort(c.code), b.for_cohort(c.code)) for c in a.cohorts)


def _same_view(a: Protocol, b: Protocol) -> bool:
    return (a.visits, a.conditioning, a.timed_samples, a.procedures, a.doses) == (
        b.visits, b.conditioning, b.timed_samples, b.procedures, b.doses)
