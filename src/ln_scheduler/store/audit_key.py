"""The site's audit key: the secret that seals the audit chain, kept in a file and never in the database.

Why a key at all: a plain SHA-256 chain can be recomputed by anyone who can write to the database
(a forged row with a "correct" hash, an edit with everything after it re-chained). A keyed MAC chain
(HMAC-SHA256) cannot be extended or rewritten without the key, which is how trusted logs seal their
records (syslog's and journald's forward-secure sealing keep the sealing key out of the log itself).
So the key lives in a file beside ``settings.toml``, readable by the user only (0600); the database
holds only its fingerprint, so a workstation with another key is refused instead of forking the chain.

Where: ``$LN_SCHEDULER_AUDIT_KEY`` > ``[audit] key_file`` in ``settings.toml`` > ``audit.key`` in the
configuration folder. Created (32 random bytes, hex) by the first write when absent; never by a read.
For a shared PostgreSQL database every workstation needs a copy of the same file (README).
"""

from __future__ import annotations

import hashlib
import os
import secrets
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..i18n import _
from .errors import StoreConfigError
from .location import config_dir, settings_path

ENV_AUDIT_KEY = "LN_SCHEDULER_AUDIT_KEY"
KEY_FILE = "audit.key"
KEY_BYTES = 32


@dataclass(frozen=True)
class SiteKey:
    secret: bytes
    path: Path

    @property
    def fingerprint(self) -> str:
        """What the database and the checkpoints store to name the key: a hash of it, never the key."""
        return hashlib.sha256(b"ln-scheduler audit key fingerprint\0" + self.secret).hexdigest()[:16]


def key_path() -> Path:
    override = os.environ.get(ENV_AUDIT_KEY, "").strip()
    if override:
        return Path(override).expanduser()
    settings = settings_path()
    if settings.is_file():
        try:
            section = tomllib.loads(settings.read_text(encoding="utf-8")).get("audit", {})
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise StoreConfigError(_("cannot read the settings file {path}: {error}").format(
                path=settings, error=exc)) from None
        configured = section.get("key_file") if isinstance(section, dict) else None
        if configured is not None:
            if not isinstance(configured, str) or not configured.strip():
                raise StoreConfigError(_("settings file {path}: [audit] key_file must be a file path").format(
                    path=settings))
            return Path(configured).expanduser()
    return config_dir() / KEY_FILE


def load_key(path: Path | None = None) -> SiteKey | None:
    """The key in ``path`` (default :func:`key_path`), or None when there is no such file."""
    where = path or key_path()
    try:
        text = where.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise StoreConfigError(_("cannot read the audit key file {path}: {error}").format(
            path=where, error=exc)) from None
    try:
        secret = bytes.fromhex(text)
    except ValueError:
        secret = b""
    if len(secret) < 16:
        raise StoreConfigError(_("the audit key file {path} does not hold a key (64 hexadecimal digits "
                                 "expected)").format(path=where))
    return SiteKey(secret, where)


def load_or_create_key(path: Path | None = None) -> SiteKey:
    """The key, created 0600 (its folder 0700) if there is none yet. Two processes creating it at the
    same moment end with one key: each writes a whole file under a private name and links it into
    place, which fails for the second, who then reads the first one's key (never a half-written file)."""
    where = path or key_path()
    found = load_key(where)
    if found is not None:
        return found
    secret = secrets.token_bytes(KEY_BYTES)
    draft = where.with_name(f".{where.name}.{os.getpid()}.{secrets.token_hex(4)}")
    try:
        where.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(secret.hex() + "\n")
            out.flush()
            os.fsync(out.fileno())
        os.link(draft, where)
    except FileExistsError:
        found = load_key(where)
        assert found is not None
        return found
    except OSError as exc:
        raise StoreConfigError(_("cannot create the audit key file {path}: {error}").format(
            path=where, error=exc.strerror or exc)) from None
    finally:
        draft.unlink(missing_ok=True)
    return SiteKey(secret, where)
