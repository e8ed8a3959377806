"""``audit verify``: is the audit trail complete and untouched, and does the data say what it says?

Four independent checks, because each catches what the others cannot (see docs/architecture.md,
"Tamper evidence"):

1. the chain, re-computed: plain SHA-256 before the site key, HMAC-SHA256 with it from
   ``keyed_from`` on (an edited, forged, re-chained, deleted or reordered row);
2. this workstation's signed checkpoint (outside the database): a trail cut at its end, emptied, or
   restored from an older copy;
3. a replay of the trail compared with the tables: data changed, deleted or inserted without its
   audit row; and the visits' study days, which the trail does not hold, checked against the target
   and Day 1 they follow from (``derived_values``);
4. the protection triggers: dropped or disabled.

All of it in one read transaction and one pass over the rows (about 20,000 rows a second or more;
see the README for the measured figure).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from ..i18n import _
from ..store.audit import iter_audit_rows, utc_stamp, verify_rows
from ..store.audit_checkpoint import Checkpoint, read_checkpoint, record_checkpoint, signature_ok
from ..store.audit_key import key_path, load_key
from ..store.audit_replay import Replay
from ..store.audit_triggers import trigger_problems
from ..store.models import AuditHead
from .context import ServiceContext
from .derived_values import study_day_problems
from .protocols import stored_text_problems
from .records import AuditVerification

MAX_PROBLEMS_LISTED = 20


def verify_audit(ctx: ServiceContext, *, every_problem: bool = False) -> AuditVerification:
    """The chain, this workstation's checkpoint, the replay, the stored protocol texts and the
    triggers. The first :data:`MAX_PROBLEMS_LISTED` problems are listed (all are counted), or, with
    ``every_problem``, every one (an inspector's full list)."""
    listed = None if every_problem else MAX_PROBLEMS_LISTED
    key = load_key()  # never created by a read: a missing key is a finding, not something to fix here
    problems: list[str] = []
    notes: list[str] = []
    with ctx.read() as session:
        head_row = session.execute(select(AuditHead.seq, AuditHead.hash, AuditHead.keyed_from,
                                          AuditHead.key_fingerprint).where(AuditHead.id == 1)).first()
        keyed_from = head_row.keyed_from if head_row else None
        fingerprint = head_row.key_fingerprint if head_row else None
        checkpoint = read_checkpoint(key, ctx.database_identity) if key is not None else None
        secret = None
        if keyed_from is not None:
            if key is None:
                problems.append(_("seq {seq} on: the rows sealed with the site key (fingerprint {fingerprint}) "
                                  "cannot be authenticated: this workstation has no audit key at {path}").format(
                    seq=keyed_from, fingerprint=fingerprint, path=key_path()))
            elif key.fingerprint != fingerprint:
                problems.append(_("seq {seq} on: sealed with a key of fingerprint {fingerprint}, but this "
                                  "workstation's key {path} has fingerprint {own}").format(
                    seq=keyed_from, fingerprint=fingerprint, path=key.path, own=key.fingerprint))
            else:
                secret = key.secret
        replay = Replay()
        chain = verify_rows(iter_audit_rows(session), (head_row.seq, head_row.hash) if head_row else None,
                            keyed_from=keyed_from, key=secret,
                            watch_seq=checkpoint.seq if checkpoint is not None else None, on_row=replay.row,
                            listed=listed)
        problems.extend(chain.problems)
        extra = chain.problem_count - len(chain.problems)
        if key is not None and checkpoint is not None:
            problems.extend(_checkpoint_problems(checkpoint, chain.rows, chain.watched_hash, keyed_from, fingerprint,
                                                 signature_ok(checkpoint, key)))
        differences = replay.compare(session)
        problems.extend(d.describe() for d in differences)
        problems.extend(study_day_problems(session))
        problems.extend(stored_text_problems(session, replay.protocols,
                                             [(p.id, p.version) for p in ctx.protocols.shipped]))
        problems.extend(trigger_problems(session.connection()))
    total = len(problems) + extra
    if keyed_from is None:
        notes.append(_("no row is sealed with the site key yet: the keyed chain starts with the next change"))
    else:
        notes.append(_("seq 1..{last_plain} plain SHA-256 (written before the site key); keyed chain "
                       "(HMAC-SHA256, key fingerprint {fingerprint}) from seq {seq}").format(
            last_plain=keyed_from - 1, fingerprint=fingerprint, seq=keyed_from)
            if keyed_from > 1 else _("keyed chain (HMAC-SHA256, key fingerprint {fingerprint}) from seq 1").format(
                fingerprint=fingerprint))
    if checkpoint is None:
        notes.append(_("no checkpoint of this database on this workstation: rows cut from the end cannot be "
                       "compared with one"))
    else:
        notes.append(_("checkpoint of {when}: seq {seq}").format(when=checkpoint.at_utc, seq=checkpoint.seq))
        if checkpoint.reset:
            notes.append(_("the checkpoint was reset on purpose: {note}").format(note=checkpoint.reset))
    if total == 0 and key is not None and secret is not None and head_row is not None and head_row.seq:
        # an intact trail seen here anchors this workstation too (a monitor's verify is a checkpoint)
        record_checkpoint(key, Checkpoint(ctx.database_identity, head_row.seq, head_row.hash, keyed_from,
                                          key.fingerprint, utc_stamp(datetime.now(UTC))))
    shown = problems if listed is None else problems[:listed]  # findings only: the rest is counted
    return AuditVerification(ok=total == 0, rows=chain.rows, problems=tuple(shown), last_hash=chain.last_hash,
                             problem_count=total, keyed_from=keyed_from, key_fingerprint=fingerprint,
                             checkpoint_seq=checkpoint.seq if checkpoint is not None else None, notes=tuple(notes))


def _checkpoint_problems(c: Checkpoint, rows: int, hash_at_seq: str | None, keyed_from: int | None,
                         fingerprint: str | None, signed: bool) -> list[str]:
    if not signed:
        return [_("the checkpoint file of this database was altered (its signature does not match the site key)")]
    out = []
    if rows < c.seq and hash_at_seq is None:
        out.append(_("seq {first}..{seq}: missing; this workstation's checkpoint of {when} recorded the trail at "
                     "seq {seq} (rows deleted from the end and the head wound back, or an older copy restored over "
                     "this database)").format(first=rows + 1, seq=c.seq, when=c.at_utc))
    elif hash_at_seq != c.hash:
        out.append(_("seq {seq}: its hash is not the one this workstation's checkpoint of {when} recorded (the "
                     "trail was rewritten up to there)").format(seq=c.seq, when=c.at_utc))
    if c.keyed_from is not None and keyed_from is None:
        out.append(_("the keyed chain should start at seq {seq} with key {fingerprint} (checkpoint of {when}); the "
                     "database has no keyed chain (its chain head was reset)").format(
            seq=c.keyed_from, fingerprint=c.key_fingerprint, when=c.at_utc))
    elif c.keyed_from is not None and (keyed_from != c.keyed_from or fingerprint != c.key_fingerprint):
        out.append(_("the keyed chain should start at seq {seq} with key {fingerprint} (checkpoint of {when}); the "
                     "database says seq {found_seq} with key {found}").format(
            seq=c.keyed_from, fingerprint=c.key_fingerprint, when=c.at_utc, found_seq=keyed_from, found=fingerprint))
    return out


def current_checkpoint(ctx: ServiceContext) -> Checkpoint:
    """The head of the trail now, recorded as this workstation's checkpoint when it is sealed with
    this workstation's key (a plain, legacy head is shown but not recorded)."""
    with ctx.read() as session:
        head = session.execute(select(AuditHead.seq, AuditHead.hash, AuditHead.keyed_from,
                                      AuditHead.key_fingerprint).where(AuditHead.id == 1)).one()
    key = load_key()
    checkpoint = Checkpoint(ctx.database_identity, head.seq, head.hash, head.keyed_from, head.key_fingerprint or "",
                            utc_stamp(datetime.now(UTC)))
    if key is not None and head.key_fingerprint == key.fingerprint:
        record_checkpoint(key, checkpoint)
    return checkpoint
