"""Copies of a site made once for many tests, with this workstation's view of it.

A site database made through the services leaves an audit checkpoint on the workstation (outside
the database, named by the database's location: ``store/audit_checkpoint.py``). A copy at another
location has none, so ``audit verify`` would see a site this workstation never wrote to. The
copy gets the original's checkpoint under its own name: it is then what the services would have
left had they made it there."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import make_url

from ln_scheduler.store.audit_checkpoint import read_checkpoint, record_checkpoint, url_identity
from ln_scheduler.store.audit_key import load_or_create_key
from ln_scheduler.store.location import normalize_url


def identity(db_url: str) -> str:
    """The database's location as its audit checkpoint names it."""
    return url_identity(make_url(normalize_url(db_url)))


def copy_checkpoint(original_url: str, copy_url: str) -> None:
    """Give the copy at ``copy_url`` this workstation's checkpoint of ``original_url``."""
    key = load_or_create_key()
    checkpoint = read_checkpoint(key, identity(original_url))
    assert checkpoint is not None, f"no audit checkpoint of {original_url} on this workstation"
    record_checkpoint(key, replace(checkpoint, database=identity(copy_url)))
