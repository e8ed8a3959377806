"""Database figures: bulk enrolment, a week's worklist and `participant show`, on SQLite and
PostgreSQL, each beside the floor measured in the same run.

- Enrol 1,000 participants (about 23,000 visits and 24,000 audit rows) through
  ``Services.bulk_enrol`` (domain planning + Core bulk inserts + hash-chained audit), against the
  floor: a raw ``sqlite3`` ``executemany`` of the very same rows into the same schema (and, for
  PostgreSQL, a raw psycopg ``executemany`` too). Target: within 10x of the raw floor.
- The worklist of one week (Monday to Sunday) over that database, against a raw indexed range
  query. Target: under 50 ms on SQLite. Past visits are first marked done (as at a real site), so
  the list holds the week's visits plus a realistic handful that are late.
- ``Services.participant`` (one participant's calendar with procedure records), against the raw
  queries it needs; ``Services.participants`` (the list with each one's next visit); and the wall
  time of one ``ln-scheduler participant show`` process.

Run: ``python benchmarks/bench_db.py`` (PostgreSQL on 127.0.0.1:5432 as user postgres; pass
``--no-postgres`` to skip it).
"""

from __future__ import annotations

import argparse
import os
import secrets
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from user_dirs import use_temporary_user_dirs

from ln_scheduler.holiday_cache import install_holiday_cache
from ln_scheduler.services.app import Services, open_services
from ln_scheduler.services.demo import synthetic_participants

N_PARTICIPANTS = 1_000
TABLES = ("participants", "visits", "audit_log")
WORKLIST_FLOOR_SQL = (
    "SELECT v.*, p.study_id, p.initials, p.protocol_id, p.protocol_version FROM visits v "
    "JOIN participants p ON p.id = v.participant_pk WHERE v.state = 'open' AND v.scheduled BETWEEN ? AND ?"
)
PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=test"


def median_ms(fn: Callable[[], object], runs: int = 30) -> float:
    fn()  # warm caches (statement cache, protocol parse)
    times = []
    for _ in range(runs):
        begin = time.perf_counter()
        fn()
        times.append(time.perf_counter() - begin)
    return statistics.median(times) * 1000


def timed(fn: Callable[[], object]) -> float:
    begin = time.perf_counter()
    fn()
    return time.perf_counter() - begin


def enrol(svc: Services) -> float:
    people = synthetic_participants(N_PARTICIPANTS, svc.today(), seed=11)
    return timed(lambda: svc.bulk_enrol(people))


def stored_rows(sqlite_path: Path) -> dict[str, tuple[list[str], list[tuple]]]:  # type: ignore[type-arg]
    con = sqlite3.connect(sqlite_path)
    out = {}
    for table in TABLES:
        cur = con.execute(f"SELECT * FROM {table}")
        out[table] = ([d[0] for d in cur.description], cur.fetchall())
    con.close()
    return out


def sqlite_floor(rows: dict[str, tuple[list[str], list[tuple]]], folder: Path) -> float:  # type: ignore[type-arg]
    """Raw executemany of the same rows into an empty copy of the schema, same durability settings."""
    path = folder / "floor.sqlite3"
    with open_services(f"sqlite:///{path}"):
        pass  # creates the schema (tables, indexes, triggers) exactly as the app does
    con = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=FULL"):
        con.execute(f"PRAGMA {pragma}")
    con.execute("DELETE FROM protocols")

    def load() -> None:
        con.execute("BEGIN")
        for table, (cols, data) in rows.items():
            marks = ", ".join("?" for _ in cols)
            con.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", data)
        con.execute("COMMIT")

    seconds = timed(load)
    con.close()
    return seconds


def pg_floor(rows: dict[str, tuple[list[str], list[tuple]]], url: str) -> float:  # type: ignore[type-arg]
    import psycopg

    dbname = url.rsplit("/", 1)[1]
    with open_services(url):
        pass
    with psycopg.connect(f"host=127.0.0.1 port=5432 user=postgres dbname={dbname}") as con:
        def load() -> None:
            with con.cursor() as cur:
                for table, (cols, data) in rows.items():
                    bools = {"closed_day", "booked", "deviation"} if table == "visits" else set()
                    fixed = [tuple(bool(v) if c in bools else v for c, v in zip(cols, r, strict=True)) for r in data]
                    marks = ", ".join("%s" for _ in cols)
                    cur.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", fixed)
            con.commit()

        return timed(load)


def mark_past_visits_done(svc: Services, today: date) -> None:
    """As at a real site: visits whose window has closed were done (a few are left late)."""
    from sqlalchemy import text

    with svc._ctx.engine.begin() as conn:  # benchmark set-up only, bypassing services on purpose
        conn.execute(text("UPDATE visits SET state = 'done', actual = scheduled WHERE latest < :d AND id % 40 <> 0"),
                     {"d": today})


def week(today: date) -> tuple[date, date]:
    monday = today - timedelta(days=today.weekday())
    return monday, monday + timedelta(days=6)


def sqlite_worklist_floor(path: Path, start: date, end: date) -> tuple[float, int]:
    con = sqlite3.connect(path)
    n = len(con.execute(WORKLIST_FLOOR_SQL, (start.isoformat(), end.isoformat())).fetchall())
    ms = median_ms(lambda: con.execute(WORKLIST_FLOOR_SQL, (start.isoformat(), end.isoformat())).fetchall())
    con.close()
    return ms, n


def sqlite_show_floor(path: Path, pid: str) -> float:
    con = sqlite3.connect(path)

    def show() -> None:
        p = con.execute("SELECT * FROM participants WHERE study_id = ?", (pid,)).fetchone()
        con.execute("SELECT * FROM visits WHERE participant_pk = ?", (p[0],)).fetchall()
        con.execute("SELECT r.* FROM procedure_records r JOIN visits v ON v.id = r.visit_id "
                    "WHERE v.participant_pk = ?", (p[0],)).fetchall()

    ms = median_ms(show)
    con.close()
    return ms


def busiest_participant(svc: Services) -> str:
    from sqlalchemy import text

    with svc._ctx.engine.connect() as conn:
        return conn.execute(text(
            "SELECT p.study_id FROM participants p JOIN visits v ON v.participant_pk = p.id "
            "GROUP BY p.study_id ORDER BY COUNT(*) DESC, p.study_id LIMIT 1")).scalar_one()


def read_figures(svc: Services) -> dict[str, float]:
    today = svc.today()
    mark_past_visits_done(svc, today)
    start, end = week(today)
    pid = busiest_participant(svc)
    items = svc.worklist(start, end, today=today, include_overdue=False)
    with_late = svc.worklist(start, end, today=today)
    return {
        "worklist_ms": median_ms(lambda: svc.worklist(start, end, today=today, include_overdue=False)),
        "worklist_late_ms": median_ms(lambda: svc.worklist(start, end, today=today)),
        "worklist_items": len(items),
        "worklist_late_items": len(with_late),
        "show_ms": median_ms(lambda: svc.participant(pid)),
        "list_ms": median_ms(lambda: svc.participants(), runs=10),
        "pid": pid,  # type: ignore[dict-item]
    }


def process_seconds(command: list[str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        begin = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - begin)
    return statistics.median(times)


def cli_show_seconds(url: str, pid: str, runs: int = 5) -> float:
    return process_seconds([sys.executable, "-m", "ln_scheduler.cli", "--db", url, "participant", "show", pid,
                            "--json"], runs)


def import_floor_seconds(runs: int = 5) -> float:
    """A Python process that only imports the SQLAlchemy ORM: what any database command costs."""
    return process_seconds([sys.executable, "-c", "import sqlalchemy.orm"], runs)


def main() -> int:
    use_temporary_user_dirs()  # never the real ~/.config (audit key, checkpoints)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    install_holiday_cache()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db_path = folder / "bench.sqlite3"
        url = f"sqlite:///{db_path}"
        with open_services(url) as svc:
            enrol_s = enrol(svc)
            rows = stored_rows(db_path)
            counts = {t: len(r) for t, (_, r) in rows.items()}
            floor_s = sqlite_floor(rows, folder)
            figures = read_figures(svc)
        pid = str(figures["pid"])
        wl_floor_ms, wl_floor_n = sqlite_worklist_floor(db_path, *week(date.today()))
        show_floor_ms = sqlite_show_floor(db_path, pid)
        cli_s = cli_show_seconds(url, pid)
        floor_process_s = import_floor_seconds()

        print(f"Bulk enrolment: {N_PARTICIPANTS:,} participants, {counts['visits']:,} visits, "
              f"{counts['audit_log']:,} audit rows")
        print(f"  SQLite      bulk_enrol {enrol_s:6.2f} s   raw sqlite3 executemany floor {floor_s:5.2f} s   "
              f"ratio {enrol_s / floor_s:4.1f}x (target <= 10x)")
        pg: dict[str, float] = {}
        if not args.no_postgres:
            pg = postgres_figures(rows, floor_s)
        print(f"Worklist, one week ({figures['worklist_items']} open visits of {counts['visits']:,}):")
        print(f"  SQLite      worklist {figures['worklist_ms']:6.2f} ms   raw indexed range query "
              f"{wl_floor_ms:5.2f} ms ({wl_floor_n} rows)   ratio {figures['worklist_ms'] / wl_floor_ms:4.1f}x "
              "(target < 50 ms)")
        print(f"  SQLite      with late/overdue visits ({figures['worklist_late_items']} items) "
              f"{figures['worklist_late_ms']:6.2f} ms")
        if pg:
            print(f"  PostgreSQL  worklist {pg['worklist_ms']:6.2f} ms; with late/overdue "
                  f"{pg['worklist_late_ms']:6.2f} ms")
        print(f"Participant show ({pid}, full calendar with procedure records):")
        print(f"  SQLite      Services.participant {figures['show_ms']:6.2f} ms   raw queries {show_floor_ms:5.2f} ms"
              f"   ratio {figures['show_ms'] / show_floor_ms:4.1f}x")
        if pg:
            print(f"  PostgreSQL  Services.participant {pg['show_ms']:6.2f} ms")
        print(f"Participant list (all {N_PARTICIPANTS:,}, with each one's next visit): SQLite "
              f"{figures['list_ms']:6.2f} ms" + (f"; PostgreSQL {pg['list_ms']:6.2f} ms" if pg else ""))
        print(f"  `ln-scheduler participant show --json` process (SQLite, median of 5): {cli_s:5.2f} s   "
              f"floor `python -c 'import sqlalchemy.orm'` {floor_process_s:5.2f} s")
    return 0


def postgres_figures(rows: dict[str, tuple[list[str], list[tuple]]], sqlite_floor_s: float) -> dict[str, float]:  # type: ignore[type-arg]
    import psycopg

    admin = psycopg.connect(PG_ADMIN, autocommit=True)
    names = [f"ln_bench_{os.getpid()}_{secrets.token_hex(3)}_{i}" for i in range(2)]
    for name in names:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        url = f"postgresql://postgres@127.0.0.1:5432/{names[0]}"
        with open_services(url) as svc:
            enrol_s = enrol(svc)
            figures = read_figures(svc)
        raw_s = pg_floor(rows, f"postgresql://postgres@127.0.0.1:5432/{names[1]}")
        print(f"  PostgreSQL  bulk_enrol {enrol_s:6.2f} s   ratio to the sqlite3 floor "
              f"{enrol_s / sqlite_floor_s:4.1f}x;   raw psycopg executemany {raw_s:5.2f} s, "
              f"ratio {enrol_s / raw_s:4.1f}x")
        return figures
    finally:
        for name in names:
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.close()


if __name__ == "__main__":
    raise SystemExit(main())
