"""A database written by an earlier release (``tests/support/release_NNNN/database.json``, made by
that folder's ``make_fixture.py`` with that release's code), loaded into a fresh database of either
engine at that release's schema revision; and a table read back in the same plain form, so a test
can compare every row after an upgrade with what the release wrote."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import cached_property
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, create_engine, select, text

from ln_scheduler.store.location import normalize_url
from ln_scheduler.store.migrate import upgrade_database

SUPPORT = Path(__file__).resolve().parent


def _value(cell: Any) -> Any:
    if isinstance(cell, dict):
        (kind, iso), = cell.items()
        return {"date": date.fromisoformat, "time": time.fromisoformat, "datetime": datetime.fromisoformat}[kind](iso)
    return cell


def plain(value: Any) -> Any:
    """A stored value as the fixtures write it (times zone-aware UTC, whatever the engine hands back)."""
    if isinstance(value, datetime):
        return {"datetime": (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC).isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, time):
        return {"time": value.isoformat()}
    return value


@dataclass(frozen=True)
class ReleaseDatabase:
    """``folder``: e.g. ``release_0004``; ``revision``: its schema; ``tables``: insert order (foreign
    keys), without the chain head row, which revision 0001 makes and :meth:`load` updates."""

    folder: str
    revision: str
    tables: tuple[str, ...]

    @property
    def path(self) -> Path:
        return SUPPORT / self.folder

    @cached_property
    def data(self) -> dict[str, list[dict[str, Any]]]:
        return json.loads((self.path / "database.json").read_text(encoding="utf-8"))

    @property
    def key(self) -> Path:
        """The throw-away key that sealed the release database's trail."""
        return self.path / "audit.key"

    def load(self, url: str) -> None:
        """The release's rows in a database at its revision, as that release left them."""
        from ln_scheduler.store.database import make_engine
        from ln_scheduler.store.location import parse_url

        engine = make_engine(parse_url(url))
        upgrade_database(engine, self.revision)
        engine.dispose()
        engine = create_engine(normalize_url(url))
        meta = MetaData()
        meta.reflect(engine)
        with engine.begin() as conn:
            for name in self.tables:
                if self.data[name]:
                    conn.execute(meta.tables[name].insert(),
                                 [{k: _value(v) for k, v in row.items()} for row in self.data[name]])
            head = self.data["audit_head"][0]
            conn.execute(text("UPDATE audit_head SET seq = :seq, hash = :hash, keyed_from = :kf, "
                              "key_fingerprint = :fp WHERE id = 1"),
                         {"seq": head["seq"], "hash": head["hash"], "kf": head["keyed_from"],
                          "fp": head["key_fingerprint"]})
            if engine.dialect.name == "postgresql":  # ids were given: the sequences continue after them
                for name in self.tables:
                    if "id" in meta.tables[name].c and self.data[name]:
                        conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                                          f"(SELECT max(id) FROM {name}))"))
        engine.dispose()


def table_rows(url: str, name: str) -> list[dict[str, Any]]:
    """Every row of a table, by primary key, in the fixtures' plain form."""
    engine = create_engine(normalize_url(url))
    meta = MetaData()
    meta.reflect(engine, only=[name])
    table = meta.tables[name]
    with engine.connect() as conn:
        rows = [{k: plain(v) for k, v in row._mapping.items()}
                for row in conn.execute(select(table).order_by(*table.primary_key.columns))]
    engine.dispose()
    return rows


def use_release_key(release: ReleaseDatabase, tmp_path: Path, monkeypatch: Any) -> None:
    """Make the key that sealed the release's trail this test's audit key (a copy, where the test
    may write its checkpoints)."""
    import shutil

    key = tmp_path / "key" / "audit.key"
    key.parent.mkdir()
    shutil.copy(release.key, key)
    key.chmod(0o600)
    monkeypatch.setenv("LN_SCHEDULER_AUDIT_KEY", str(key))
