"""Signed checkpoints of the audit chain head, kept outside the database.

Why: a chain, keyed or not, cannot show what was cut off its end. Someone who deletes the last rows
(or all of them) and winds the head row back leaves a shorter chain that checks out. Certificate
Transparency answers this with signed tree heads that clients keep and compare (gossip); here every
committed write records (seq, keyed hash) of the new head in a small file on the workstation, beside
the key, MACed with the key, and every backup prints it (for the site's paper or log). ``audit verify``
then compares the database with the newest checkpoint: a trail shorter than it, or whose row at that
seq has another hash, was cut or rewritten (or an older copy was restored over the database).

One file per database (named by a hash of the database's location), replaced atomically and only
ever moved forward; a process that loses a race leaves a slightly older checkpoint, which is still
a true one.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import secrets
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .audit_key import SiteKey

if TYPE_CHECKING:
    from sqlalchemy import URL

CHECKPOINT_DIR = "audit-checkpoints"
_log = logging.getLogger("ln_scheduler.store")


@dataclass(frozen=True)
class Checkpoint:
    database: str  # the database's location (see :func:`database_identity`)
    seq: int
    hash: str
    keyed_from: int | None
    key_fingerprint: str
    at_utc: str
    mac: str = ""
    #: Set when the checkpoint was wound back on purpose (a backup restored over the database): what
    #: happened and where the trail stood before; verify prints it, so a restore is never silent.
    reset: str = ""

    def line(self) -> str:
        """The one line a backup prints: enough to compare by eye with a later verify."""
        return f"audit checkpoint: seq {self.seq} hash {self.hash[:16]}…"


def _signed_text(c: Checkpoint) -> bytes:
    content = {k: v for k, v in asdict(c).items() if k != "mac"}
    return json.dumps(content, sort_keys=True, separators=(",", ":")).encode("utf-8")


def sign(c: Checkpoint, key: SiteKey) -> Checkpoint:
    mac = hmac.new(key.secret, _signed_text(c), hashlib.sha256).hexdigest()
    return Checkpoint(**{**asdict(c), "mac": mac})


def signature_ok(c: Checkpoint, key: SiteKey) -> bool:
    return hmac.compare_digest(c.mac, hmac.new(key.secret, _signed_text(c), hashlib.sha256).hexdigest())


def checkpoint_file(key: SiteKey, database: str) -> Path:
    name = hashlib.sha256(database.encode("utf-8")).hexdigest()[:32]
    return key.path.parent / CHECKPOINT_DIR / f"{name}.json"


def read_checkpoint(key: SiteKey, database: str) -> Checkpoint | None:
    """The newest checkpoint of ``database`` on this workstation, or None. A file that is not a
    checkpoint is returned as one with an empty MAC, so verify reports it as altered."""
    path = checkpoint_file(key, database)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return Checkpoint(**raw)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError):
        return Checkpoint(database, 0, "", None, "", "", mac="")


def record_checkpoint(key: SiteKey, checkpoint: Checkpoint, hash_at: Callable[[int], str | None] | None = None) -> None:
    """Write ``checkpoint`` (0600) unless the file already holds a later one. Never raises: the write
    it records is already committed, and a full disk here must not make it look failed.

    ``hash_at(seq)``: the hash of the database's audit row ``seq`` now (None: no such row). Given, the
    checkpoint moves forward only along the trail it recorded: when the row at the recorded seq is
    gone or has another hash (an older copy put back, the end cut and written again), the recorded
    checkpoint stays, so every later verify still names what was lost, however many rows were
    written since (it moved on before, and two or three writes later verify said "intact")."""
    path = checkpoint_file(key, checkpoint.database)
    try:
        current = read_checkpoint(key, checkpoint.database)
        if current is not None and signature_ok(current, key):
            if current.seq >= checkpoint.seq:
                return
            if hash_at is not None and current.seq > 0 and hash_at(current.seq) != current.hash:
                _log.warning("audit checkpoint of %s kept at seq %s: the trail no longer holds the row it recorded "
                             "(see audit verify)", checkpoint.database, current.seq)
                return
        if current is not None and current.reset and not checkpoint.reset and signature_ok(current, key):
            # carried forward: a restore that wound the trail back must stay named by every later
            # verify, not only until the next change
            checkpoint = replace(checkpoint, reset=current.reset)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(json.dumps(asdict(sign(checkpoint, key)), sort_keys=True) + "\n")
            os.replace(draft, path)
        finally:
            draft.unlink(missing_ok=True)
    except OSError as exc:
        _log.warning("audit checkpoint not recorded in %s: %s", path, exc)


def reset_checkpoint(key: SiteKey, checkpoint: Checkpoint) -> Path | None:
    """Record ``checkpoint`` even though it is older than the current one: a backup was restored
    over the database, which winds its trail back on purpose. ``checkpoint.reset`` says so; the
    checkpoint it replaces is kept beside it (``<name>.replaced-<UTC>.json``), so the wind-back stays
    visible to anyone who compares. Returns that kept file (None if there was no checkpoint)."""
    path = checkpoint_file(key, checkpoint.database)
    kept: Path | None = None
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.exists():
        stamp = checkpoint.at_utc.replace("-", "").replace(":", "")[:15]
        kept = path.with_name(f"{path.stem}.replaced-{stamp}Z.json")
        os.replace(path, kept)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(json.dumps(asdict(sign(checkpoint, key)), sort_keys=True) + "\n")
    return kept


def database_identity(backend: str, database: str | None, host: str | None = None, port: int | None = None) -> str:
    """Where a database is, the same for every role and every way of typing it on this workstation."""
    if backend == "sqlite":
        return f"sqlite:{Path(database or ':memory:').expanduser().resolve()}"
    return f"postgresql://{host or 'localhost'}:{port or 5432}/{database or ''}"


def url_identity(url: URL) -> str:
    """:func:`database_identity` of the database an engine URL names."""
    return database_identity(url.get_backend_name(), url.database, url.host, url.port)
