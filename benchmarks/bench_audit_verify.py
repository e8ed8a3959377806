"""``audit verify`` on about 20,000 audit rows, on SQLite and PostgreSQL, beside its floor.

Verify re-computes the keyed chain (HMAC-SHA256 per row), compares the newest checkpoint, replays
the whole trail against the tables and checks the protection triggers, in one read. Times are the
process's CPU time (the benchmark machine is shared), median of 5. The floor is
what any verify must pay at least: reading every audit row (a bare ``SELECT *``) and one HMAC per
row. Target: under 2 s for 20,000 rows on SQLite (a monitor runs it by hand; a site script nightly).

Run: ``python benchmarks/bench_audit_verify.py`` (``--no-postgres`` to skip the server;
``--participants N``, default 800: about 25 audit rows each).
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import os
import secrets
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=test"


def timed(fn, runs: int = 5) -> float:  # type: ignore[no-untyped-def]
    """Median CPU time of this process (the machine may be shared: wall time would count the waits;
    PostgreSQL's own CPU time is then not counted, only what the client does)."""
    samples = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        samples.append(time.process_time() - start)
    return statistics.median(samples)


def figures(url: str, participants: int) -> None:
    from sqlalchemy import create_engine, text

    from ln_scheduler.services.app import open_services
    from ln_scheduler.services.demo import synthetic_participants
    from ln_scheduler.store.location import normalize_url

    with open_services(url, user="bench", workstation="bench") as svc:
        svc.bulk_enrol(synthetic_participants(participants, date(2027, 3, 10)))
        result = svc.verify_audit()
        assert result.ok, result.problems
        verify_s = timed(svc.verify_audit)
    key = secrets.token_bytes(32)
    engine = create_engine(normalize_url(url))

    def floor() -> None:
        with engine.connect() as conn:
            for row in conn.execute(text("SELECT * FROM audit_log ORDER BY seq")):
                hmac.new(key, json.dumps(list(row), separators=(",", ":")).encode(), hashlib.sha256).hexdigest()

    floor_s = timed(floor)
    engine.dispose()
    print(f"  {result.rows:,} audit rows, {participants:,} participants")
    print(f"  audit verify (chain + checkpoint + replay + triggers): {verify_s * 1000:7.0f} ms "
          f"({result.rows / verify_s:,.0f} rows/s)")
    print(f"  floor (read every row + one HMAC each):                {floor_s * 1000:7.0f} ms "
          f"-> verify = {verify_s / floor_s:.1f}x the floor")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--participants", type=int, default=800)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["LN_SCHEDULER_AUDIT_KEY"] = str(Path(tmp) / "audit.key")
        print("SQLite")
        figures(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", args.participants)
        if args.no_postgres:
            return
        import psycopg

        name = f"ln_bench_verify_{secrets.token_hex(3)}"
        admin = psycopg.connect(PG_ADMIN, autocommit=True)
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            print("PostgreSQL")
            figures(f"postgresql://postgres@127.0.0.1:5432/{name}", args.participants)
        finally:
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.close()


if __name__ == "__main__":
    main()
