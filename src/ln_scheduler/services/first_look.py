"""A first look at a SQLite site file: the worklist's rows read with the standard library's
``sqlite3``, before SQLAlchemy and the services have loaded.

Why: a coordinator opens the app many times a day to see what is due. Loading SQLAlchemy and the
services takes about a third of a second of CPU, and until then the window had nothing to show. The
rows a worklist needs are three plain queries away, so the window shows them at once while the
services load behind them, then reads them again through the services and acts on those (the first
look never writes, and nothing is done with its rows but showing them).

The look gives up (:func:`first_look` returns None, or a read raises) whenever it could show
something the services would not: not a plain SQLite file, a file that does not exist yet, a schema
other than the newest revision, a participant on a protocol version that was not shipped (its text
is stored in the database and read by the services). Then the window simply waits for the services,
as before. The rows are mapped by the same code as the services' (:mod:`worklist_rows`), and a test
compares the two readers' answers over the demo site.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Collection, Iterator
from contextlib import closing, contextmanager
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from ..domain.protocol import Protocol
from ..domain.protocol_loader import shipped_protocols
from ..store.location import choose_database, normalize_url
from ..store.schema import HEAD_REVISION, STATE_OPEN
from .records import SiteInfo, WorklistItem
from .site_day import site_today
from .worklist_rows import IN_CHUNK, OWNER_COLUMNS, chunks, last_dose_owners, mappers_of, row_class, worklist_items

#: Visit columns stored as text or integers that the services' types turn into dates, times and
#: booleans (a test keeps these equal to the model's columns of each type).
DATE_COLUMNS = frozenset({"target", "earliest", "latest", "scheduled", "actual"})
TIME_COLUMNS = frozenset({"scheduled_time"})
BOOL_COLUMNS = frozenset({"closed_day", "booked", "deviation"})

_SELECT = ("SELECT visits.*, " + ", ".join(f"participants.{c} AS p_{c}" for c in OWNER_COLUMNS)
           + " FROM visits JOIN participants ON participants.id = visits.participant_pk WHERE ")


class FirstLook:
    """Reads a worklist from one SQLite file, read-only; each read opens its own connection (it may
    be asked from any thread) and closes it. Offers the reads a worklist view makes of the services
    (``today``, ``worklist``, ``open_windows``), with the same answers."""

    def __init__(self, path: Path, clock: Callable[[], datetime] | None = None) -> None:
        self.path = path
        self._clock = clock or (lambda: datetime.now(UTC))
        self._shipped = {(p.id, p.version): p for p in shipped_protocols()}
        with self._connection() as conn:
            found = conn.execute("SELECT version_num FROM alembic_version").fetchall()
            if found != [(HEAD_REVISION,)]:
                raise LookupError(f"schema revision {found}, not {HEAD_REVISION}")
            zone = conn.execute("SELECT timezone FROM site_settings WHERE id = 1").fetchone()
        self._timezone: str = zone[0] if zone else SiteInfo().timezone

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        uri = f"{self.path.absolute().as_uri()}?mode=ro"
        with closing(sqlite3.connect(uri, uri=True, timeout=0.2)) as conn:
            yield conn

    def today(self) -> date:
        """Today at the site (its time zone, from its settings), as the services count it."""
        return site_today(self._clock(), self._timezone)

    def worklist(self, start: date, end: date, *, today: date | None = None, include_overdue: bool = True,
                 participant_ids: Collection[str] | None = None) -> list[WorklistItem]:
        """As :meth:`Services.worklist`."""
        if end < start:
            raise ValueError("the range ends before it starts")
        today = today or self.today()
        where = "(visits.state = ? AND visits.scheduled >= ? AND visits.scheduled <= ?)"
        params: list[Any] = [STATE_OPEN, start.isoformat(), end.isoformat()]
        if include_overdue:
            where += " OR (visits.state = ? AND visits.scheduled < ?) OR (visits.state = ? AND visits.latest < ?)"
            params += [STATE_OPEN, min(start, today).isoformat(), STATE_OPEN, today.isoformat()]
        if participant_ids is not None:
            keys = sorted({k.strip() for k in participant_ids})
            if len(keys) > IN_CHUNK:
                raise ValueError("the first look reads at most IN_CHUNK participants at a time")
            if not keys:
                return []
            where = f"({where}) AND participants.study_id IN ({', '.join('?' * len(keys))})"
            params += keys
        return self._items(where, params, today)

    def open_windows(self, opening_by: date, *, today: date) -> list[WorklistItem]:
        """As :meth:`Services.open_windows`."""
        return self._items("visits.state = ? AND visits.earliest <= ? AND visits.latest >= ?",
                           [STATE_OPEN, opening_by.isoformat(), today.isoformat()], today)

    def _items(self, where: str, params: list[Any], today: date) -> list[WorklistItem]:
        with self._connection() as conn:
            cursor = conn.execute(_SELECT + where, params)
            columns = tuple(d[0] for d in cursor.description)
            make = row_class(columns)._make
            convert = _converters(columns)
            rows = [make([f(v) if f is not None and v is not None else v for f, v in zip(convert, raw, strict=True)])
                    for raw in cursor.fetchall()]
            mappers = mappers_of(rows, self._protocol)
            stopped = _doses_stopped(conn, last_dose_owners(rows, mappers))
        return worklist_items(rows, mappers, stopped, today)

    def _protocol(self, protocol_id: str, version: str, cohort: str) -> Protocol:
        """A shipped version's cohort view; a version stored in the database ends the look (KeyError)."""
        return self._shipped[(protocol_id, version)].for_cohort(cohort)


def _converters(columns: tuple[str, ...]) -> list[Any]:
    return [date.fromisoformat if c in DATE_COLUMNS else time.fromisoformat if c in TIME_COLUMNS
            else bool if c in BOOL_COLUMNS else None for c in columns]


def _doses_stopped(conn: sqlite3.Connection, owners: list[int]) -> dict[int, int]:
    """As the services' read: participant key -> the first dose recorded not given."""
    stopped: dict[int, int] = {}
    for chunk in chunks(owners):
        stopped.update(conn.execute(
            f"SELECT participant_pk, MIN(number) FROM doses WHERE participant_pk IN ({', '.join('?' * len(chunk))}) "
            "AND not_given_reason IS NOT NULL GROUP BY participant_pk", chunk).fetchall())
    return stopped


def first_look(db_url: str | None) -> FirstLook | None:
    """A first look at the database ``db_url`` would open (None: the configured or default one), or
    None when there is none to take: not a plain SQLite file that exists at the newest revision, or
    anything at all going wrong (the services then open it and say what is wrong)."""
    try:
        url = normalize_url(choose_database(db_url).url)
        prefix = "sqlite:///"
        rest = url[len(prefix):]
        if not url.startswith(prefix) or not rest or any(ch in rest for ch in "?%") or rest.startswith(":memory:"):
            return None
        path = Path(rest)
        if not path.is_file():
            return None
        return FirstLook(path)
    except Exception:  # a look not taken: the services open the file and report what is wrong
        return None
