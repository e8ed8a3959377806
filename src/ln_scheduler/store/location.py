"""Which database to open, and how to show it: ``--db`` > ``$LN_SCHEDULER_DB`` > settings file >
a SQLite file in the user's data directory.

Kept free of SQLAlchemy imports except inside functions, so the CLI can resolve and print a URL
cheaply. Passwords never come from the settings file: a PostgreSQL password lives in the OS
keyring (``password = "keyring"`` in the settings file) or in libpq's ``.pgpass`` / a service file.
"""

from __future__ import annotations

import os
import sys
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple

from ..i18n import _
from .errors import StoreConfigError

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

APP_NAME = "ln-scheduler"
ENV_DB = "LN_SCHEDULER_DB"
ENV_CONFIG_DIR = "LN_SCHEDULER_CONFIG_DIR"  # tests and portable installs
ENV_DATA_DIR = "LN_SCHEDULER_DATA_DIR"
SETTINGS_FILE = "settings.toml"
DEFAULT_DB_FILE = "ln_scheduler.sqlite3"
KEYRING_SERVICE = "ln-scheduler"

#: File systems on which SQLite's locking is unreliable (corruption with several writers).
NETWORK_FILESYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smbfs", "smb3", "afs", "ncpfs", "9p", "fuse.sshfs", "davfs", "fuse.davfs2",
    "afpfs", "webdav",  # macOS: AFP and WebDAV volumes (smbfs and nfs as on Linux)
})


@dataclass(frozen=True)
class DatabaseChoice:
    """The URL to open and where it came from (shown by the GUI's About box and `db info`)."""

    url: str
    source: str  # "--db", "$LN_SCHEDULER_DB", "settings file <path>", "default"
    use_keyring: bool = False


def config_dir() -> Path:
    override = os.environ.get(ENV_CONFIG_DIR)
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def settings_path() -> Path:
    return config_dir() / SETTINGS_FILE


def default_sqlite_path() -> Path:
    return data_dir() / DEFAULT_DB_FILE


def choose_database(cli_url: str | None = None) -> DatabaseChoice:
    """Apply the order of precedence. The settings file is TOML::

        [database]
        url = "postgresql://coordinator@db.example.org/ln_scheduler"
        password = "keyring"   # optional: read the password from the OS keyring
    """
    if cli_url is not None:
        if not cli_url.strip():  # an empty $DB in a script: never fall back to another database
            raise StoreConfigError(_("--db is empty: give a database URL or a file path, or leave --db out "
                                     "to use the default"))
        return DatabaseChoice(cli_url, "--db")
    env = os.environ.get(ENV_DB, "").strip()
    if env:
        return DatabaseChoice(env, f"${ENV_DB}")
    path = settings_path()
    if path.is_file():
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise StoreConfigError(_("cannot read the settings file {path}: {error}").format(
                path=path, error=exc)) from None
        section = raw.get("database", {})
        url = section.get("url") if isinstance(section, dict) else None
        if url:
            if not isinstance(url, str):
                raise StoreConfigError(_("settings file {path}: [database] url must be text").format(path=path))
            password = section.get("password")
            if password not in (None, "keyring"):
                raise StoreConfigError(
                    _("settings file {path}: a password must not be stored in plain text; use password = "
                      "\"keyring\" (and `keyring set {service} USER@HOST/DB`) or a ~/.pgpass file").format(
                        path=path, service=KEYRING_SERVICE)
                )
            choice = DatabaseChoice(url, f"settings file {path}", use_keyring=password == "keyring")
            if _url_has_password(url):
                raise StoreConfigError(
                    _("settings file {path}: the database URL contains a password; remove it and use the OS "
                      "keyring or ~/.pgpass").format(path=path)
                )
            return choice
    return DatabaseChoice(f"sqlite:///{default_sqlite_path()}", "default")


def _url_has_password(url: str) -> bool:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(normalize_url(url)).password is not None
    except (ArgumentError, StoreConfigError, ValueError):
        return False


def normalize_url(url: str) -> str:
    """Accept what people type: a plain ``postgresql://`` or ``postgres://`` URL (mapped to the
    psycopg 3 driver we ship), ``sqlite:///PATH``, or a bare file path (a SQLite file)."""
    text = url.strip()
    if not text:
        raise StoreConfigError(_("the database URL is empty"))
    lowered = text.lower()
    for prefix in ("postgresql://", "postgres://"):
        if lowered.startswith(prefix):
            return "postgresql+psycopg://" + text[len(prefix):]
    if lowered.startswith("postgresql+") or lowered.startswith("sqlite"):
        return text
    if "://" in text:
        scheme = text.split("://", 1)[0]
        raise StoreConfigError(
            _("unsupported database URL scheme '{scheme}': use sqlite:///PATH or "
              "postgresql://user@host/dbname").format(scheme=scheme)
        )
    return f"sqlite:///{Path(text).expanduser()}"


def parse_url(url: str) -> URL:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    normalized = normalize_url(url)
    try:
        return make_url(normalized)
    except ArgumentError as exc:
        raise StoreConfigError(_("'{url}' is not a database URL: {error}").format(url=url, error=exc)) from None
    except ValueError:  # SQLAlchemy's int() of the port: its message ("invalid literal...") means nothing to a user
        raise StoreConfigError(
            _("'{url}' is not a database URL: its port is not a number (write host:5432, or leave the port "
              "out)").format(url=url)
        ) from None


def display_url(url: URL) -> str:
    """For people: engine and location, never a password; "(read-only)" when opened so (in the
    interface language; the engine's name leads, untranslated)."""
    ro = _(" (read-only)") if url.query.get("mode") == "ro" else ""
    if url.get_backend_name() == "sqlite":
        return f"SQLite: {url.database or ':memory:'}{ro}"
    host = url.host or _("local socket")
    port = f":{url.port}" if url.port else ""
    user = f"{url.username}@" if url.username else ""
    service = url.query.get("service")
    where = (_("service {service}").format(service=service) if service and not url.host
             else f"{user}{host}{port}/{url.database or ''}")
    return f"PostgreSQL: {where}{ro}"


def keyring_password(url: URL) -> str | None:
    """The password stored in the OS keyring for this URL, or None (libpq then tries .pgpass)."""
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, keyring_username(url))
    except Exception:
        return None


def keyring_username(url: URL) -> str:
    return f"{url.username or ''}@{url.host or ''}/{url.database or ''}"


def sqlite_file(url: URL) -> Path | None:
    """The file of a SQLite URL, or None for an in-memory database."""
    if url.get_backend_name() != "sqlite":
        return None
    db = url.database or ""
    if db in ("", ":memory:") or db.startswith("file::memory:"):
        return None
    return Path(db)


class Mount(NamedTuple):
    """One mounted file system as psutil reports it (``psutil.disk_partitions(all=True)``)."""

    mountpoint: str
    fstype: str
    opts: str

    @property
    def is_network(self) -> bool:
        """A network file system by name (Linux, macOS), or a drive Windows calls "remote"
        (a mapped network drive, whatever its file system name)."""
        return self.fstype.lower() in NETWORK_FILESYSTEMS or "remote" in self.opts.lower().split(",")


def system_mounts() -> list[Mount]:
    """Every mounted file system, on Linux, Windows and macOS alike (psutil: /proc/self/mounts,
    GetLogicalDriveStrings/GetDriveType, getfsstat)."""
    import psutil

    return [Mount(p.mountpoint, p.fstype, p.opts) for p in psutil.disk_partitions(all=True)]


def covering_mount(target: str, mounts: Iterable[Mount], flavour: ModuleType = os.path) -> Mount | None:
    """The mount ``target`` (an absolute path) lies on: the longest mount point that contains it.
    ``flavour`` is ``posixpath`` or ``ntpath`` (the running system's by default; tests pass the
    other to check Windows drive letters and case on Linux)."""
    norm = flavour.normcase(flavour.normpath(target))
    best: Mount | None = None
    best_length = -1
    for mount in mounts:
        point = flavour.normcase(flavour.normpath(mount.mountpoint))
        prefix = point if point.endswith(flavour.sep) else point + flavour.sep
        if (norm == point or norm.startswith(prefix)) and len(point) > best_length:
            best, best_length = mount, len(point)
    return best


def on_a_block_device(target: str) -> bool:
    """Linux: whether ``target`` lies on a file system that sits on a block device (a disk, a
    partition, LVM, a loop device: its device number has a major number). A network file system
    never does: NFS, SMB/CIFS, 9p, AFS and FUSE's sshfs and davfs are "nodev" file systems (see
    /proc/filesystems), numbered with major 0 as tmpfs is. Elsewhere, or when in doubt, False."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        return os.major(os.stat(target).st_dev) != 0
    except (OSError, ValueError):
        return False


def check_not_network_share(path: Path, mounts: Iterable[Mount] | None = None) -> None:
    """Refuse a SQLite file on a network share: its file locking cannot be trusted there, and two
    workstations writing through it corrupt the database. ``mounts``: the system's by default,
    from psutil, except for a file on a Linux disk's file system (:func:`on_a_block_device`),
    which cannot be on a network share: importing psutil cost ~5 ms of every start of the app."""
    raw = str(path)
    if raw.startswith("//") or raw.startswith("\\\\"):
        raise StoreConfigError(_network_message(raw))
    target = _nearest_existing(path)
    if mounts is None and on_a_block_device(target):
        return
    try:
        known = list(system_mounts() if mounts is None else mounts)
    except (OSError, RuntimeError):  # psutil could not list them: SQLite's own errors remain
        return
    mount = covering_mount(target, known)
    if mount is not None and mount.is_network:
        raise StoreConfigError(_network_message(_("{path} (on a {kind} mount)").format(
            path=raw, kind=mount.fstype or "network")))


def _nearest_existing(path: Path) -> str:
    """The resolved nearest existing ancestor of ``path`` (the file itself may not exist yet)."""
    probe = path.expanduser().absolute()
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        return str(probe.resolve())
    except OSError:
        return str(probe)


def _network_message(where: str) -> str:
    return _("refusing to open a SQLite database on a network share: {where}. Several workstations must share "
             "a PostgreSQL database instead: --db postgresql://USER@HOST/DBNAME").format(where=where)
