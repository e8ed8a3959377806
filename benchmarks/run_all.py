"""Run every benchmark (benchmarks/bench_*.py) and print ONE table: each figure, the floor
measured in the same run, the target, and whether it is met.

    python benchmarks/run_all.py [--small] [--no-postgres] [--markdown] [--log FOLDER]

Each benchmark runs as its own process, from the repository root, with the interpreter running
this script; its full output is kept (``--log``, default a temporary folder, named at the end)
and the table is read from it. ``--small`` runs smaller sizes (about 4 minutes instead of 20 on a
busy 2-core machine; figures that depend on the size, e.g. bulk enrolment, are then for that
size and say so). A benchmark that fails or prints a line the table cannot read shows as
"not read" and the exit status is 1: the table never silently drops a figure.

Each benchmark's own docstring says what its floor is and why the target is what it is.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


@dataclass(frozen=True)
class Row:
    benchmark: str
    figure: str
    value: str
    floor: str
    target: str
    met: bool | None  # None: no target (a figure shown for context)


Parser = Callable[[str], list[Row]]


@dataclass(frozen=True)
class Benchmark:
    script: str
    full: tuple[str, ...]
    small: tuple[str, ...]
    parse: Parser
    postgres_flag: bool = False


def _find(pattern: str, text: str) -> re.Match[str]:
    match = re.search(pattern, text, re.M)
    if match is None:
        raise ValueError(f"no line matching {pattern!r}")
    return match


def _num(text: str) -> float:
    return float(text.replace(",", ""))


def parse_plan(out: str) -> list[Row]:
    rate = _find(r"^plan_schedule: ([\d,]+) participants/s", out)[1]
    floor = _find(r"^python -c pass \(floor\): (\d+) ms", out)[1]
    start = _find(r"^ln-scheduler plan --json: (\d+) ms", out)[1]
    return [Row("plan", "`plan` start-up (process)", f"{start} ms", f"{floor} ms (`python -c pass`)", "< 300 ms",
                _num(start) < 300),
            Row("plan", "plan_schedule throughput", f"{rate} participants/s", "—", "—", None)]


def parse_reports(out: str) -> list[Row]:
    batch = _find(r"^worksheet batch: .*?([\d.]+) pages/s", out)[1]
    floor = _find(r"^reportlab floor: .*?([\d.]+) pages/s", out)[1]
    ratio = _num(_find(r"^ratio: ([\d.]+) of the floor", out)[1])
    return [Row("reports", "worksheet batch", f"{batch} pages/s", f"{floor} pages/s (plain reportlab table)",
                ">= 0.50 x floor", ratio >= 0.5)]


def parse_ics(out: str) -> list[Row]:
    floor = _find(r"^icalendar floor \(bare events\)\s+(\d+)", out)[1]
    rows = []
    for case in ("export, default (procedure codes)", "export, 2-day reminders", "export, reminders + procedure names"):
        match = _find(rf"^{re.escape(case)}\s+(\d+)\s+\d+\s+([\d.]+)", out)
        rows.append(Row("ics", f".ics {case.removeprefix('export, ')}", f"{match[1]} events/s",
                        f"{floor} events/s (bare icalendar events)", ">= 0.50 x floor", _num(match[2]) >= 0.5))
    csv = _find(r"^csv export\s+(\d+)", out)[1]
    rows.append(Row("ics", ".csv export", f"{csv} events/s", f"{floor} events/s", "—", None))
    return rows


def parse_audit(out: str) -> list[Row]:
    rows = []
    for engine, block in re.findall(r"^(SQLite|PostgreSQL)\n((?:  .*\n?)+)", out, re.M):
        count = _find(r"([\d,]+) audit rows", block)[1]
        verify = _find(r"audit verify .*?:\s+(\d+) ms \(([\d,]+) rows/s\)", block)
        floor = _find(r"floor .*?:\s+(\d+) ms", block)[1]
        target = "< 2 s per 20,000 rows" if engine == "SQLite" else "—"
        met = _num(verify[2]) >= 10_000 if engine == "SQLite" else None
        rows.append(Row("audit_verify", f"audit verify, {count} rows, {engine}", f"{verify[1]} ms ({verify[2]} rows/s)",
                        f"{floor} ms (read + one HMAC per row)", target, met))
    if not rows:
        raise ValueError("no SQLite/PostgreSQL block")
    return rows


def parse_gui(out: str) -> list[Row]:
    floor = _find(r"^floor \(import PySide6, show empty QMainWindow\): ([\d.]+) s", out)[1]
    painted = _find(r"^start -> main window painted:\s+([\d.]+) s\s+= floor \+ ([\d.]+) s", out)
    filled = _find(r"^start -> worklist filled \(demo site\): ([\d.]+) s\s+= floor \+ ([\d.]+) s", out)
    ready = _find(r"^start -> ready to act \(services open, worklist read again\): ([\d.]+) s\s+= floor \+ ([\d.]+) s",
                  out)
    switch = _find(r"^longest UI-thread operation switching participants or months: ([\d.]+) ms", out)[1]
    week = _find(r"^longest UI-thread block switching the worklist week: ([\d.]+) ms", out)[1]
    busy = _find(r"^\.\.\. the same switches landing while a refresh reads: longest ([\d.]+) ms", out)[1]
    list_floor = _find(r"^floor \(the participant list on an empty site\): ([\d.]+) ms", out)[1]
    site = _find(r"^open the participant list \(site view\) with [\d,]+ participants: ([\d.]+) ms", out)[1]
    floor_text = f"{floor} s (empty QMainWindow)"
    return [Row("gui", "start -> window painted", f"{painted[1]} s", floor_text, "floor + 0.100 s",
                _num(painted[2]) <= 0.1),
            Row("gui", "start -> worklist filled (demo)", f"{filled[1]} s", floor_text, "floor + 0.300 s",
                _num(filled[2]) <= 0.3),
            Row("gui", "start -> ready to act (services open, rows read again)", f"{ready[1]} s", floor_text, "—",
                None),
            Row("gui", "longest UI-thread op, switching participant/month", f"{switch} ms", "—", "< 100 ms",
                _num(switch) < 100),
            Row("gui", "longest UI-thread op, switching participant/month while a refresh reads", f"{busy} ms", "—",
                "< 100 ms", _num(busy) < 100),
            Row("gui", "longest UI-thread block, switching worklist week", f"{week} ms", "—", "< 100 ms",
                _num(week) < 100),
            Row("gui", "open the participant list (site view)", f"{site} ms", f"{list_floor} ms (empty site)",
                "< 300 ms", _num(site) < 300)]


def parse_db(out: str) -> list[Row]:
    enrol = _find(r"SQLite\s+bulk_enrol\s+([\d.]+) s\s+raw sqlite3 executemany floor\s+([\d.]+) s\s+ratio\s+([\d.]+)x",
                  out)
    worklist = _find(r"SQLite\s+worklist\s+([\d.]+) ms\s+raw indexed range query\s+([\d.]+) ms", out)
    show = _find(r"SQLite\s+Services.participant\s+([\d.]+) ms\s+raw queries\s+([\d.]+) ms", out)
    cli = _find(r"participant show --json` process .*?:\s+([\d.]+) s\s+floor .*?([\d.]+) s", out)
    rows = [Row("db", "bulk_enrol 1,000 participants, SQLite", f"{enrol[1]} s", f"{enrol[2]} s (raw executemany)",
                "<= 10 x floor", _num(enrol[3]) <= 10),
            Row("db", "worklist, one week, SQLite", f"{worklist[1]} ms", f"{worklist[2]} ms (raw range query)",
                "< 50 ms", _num(worklist[1]) < 50),
            Row("db", "participant show, SQLite", f"{show[1]} ms", f"{show[2]} ms (raw queries)", "—", None),
            Row("db", "`participant show --json` process", f"{cli[1]} s", f"{cli[2]} s (import sqlalchemy.orm)", "—",
                None)]
    pg = re.search(r"PostgreSQL\s+bulk_enrol\s+([\d.]+) s.*?raw psycopg executemany\s+([\d.]+) s, ratio\s+([\d.]+)x",
                   out)
    if pg:
        rows.insert(1, Row("db", "bulk_enrol 1,000 participants, PostgreSQL", f"{pg[1]} s",
                           f"{pg[2]} s (raw psycopg executemany)", "<= 10 x floor", _num(pg[3]) <= 10))
    return rows


def parse_caldav(out: str) -> list[Row]:
    size = _find(r"^first publish, ([\d,]+) events", out)[1]
    server = "Radicale" if _find(r"^server: (\w+)", out)[1] == "radicale" else "the in-memory CalDAV responder"
    ours = _find(r"^  ln-scheduler \(set-up \+ sync until empty\):\s+([\d.]+) s\s+(\d+) events/s", out)
    floor = _find(r"^  floor \(caldav DAVClient.put, same bodies\):\s+([\d.]+) s\s+(\d+) events/s", out)
    one = _find(r"^  ln-scheduler calendar sync:\s+([\d.]+) ms", out)[1]
    one_floor = _find(r"^  floor \(new DAVClient \+ one put\):\s+([\d.]+) ms", out)[1]
    return [Row("caldav", f"first publish to {server}, {size} events", f"{ours[1]} s ({ours[2]} events/s)",
                f"{floor[1]} s ({floor[2]} events/s, caldav puts of the same bodies)", "<= 2 x floor",
                _num(ours[1]) <= 2 * _num(floor[1])),
            Row("caldav", "sync of one change", f"{one} ms", f"{one_floor} ms (new client + one put)", "< 1 s",
                _num(one) < 1000)]


BENCHMARKS = (
    Benchmark("bench_plan.py", (), (), parse_plan),
    Benchmark("bench_reports.py", (), ("--visits", "50", "--repeat", "3"), parse_reports),
    Benchmark("bench_ics.py", (), ("--participants", "200", "--rounds", "3"), parse_ics),
    Benchmark("bench_audit_verify.py", (), ("--participants", "200"), parse_audit, postgres_flag=True),
    Benchmark("bench_gui.py", (), ("--runs", "3", "--participants", "300"), parse_gui),
    Benchmark("bench_db.py", (), (), parse_db, postgres_flag=True),
    Benchmark("bench_caldav.py", (), ("--participants", "20", "--rounds", "5"), parse_caldav),
)


def run(bench: Benchmark, args: argparse.Namespace, log: Path) -> tuple[list[Row], float]:
    command = [sys.executable, str(HERE / bench.script), *(bench.small if args.small else bench.full)]
    if args.no_postgres and bench.postgres_flag:
        command.append("--no-postgres")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])))
    begin = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env, check=False)
    elapsed = time.perf_counter() - begin
    (log / f"{Path(bench.script).stem}.txt").write_text(proc.stdout + proc.stderr, encoding="utf-8")
    name = Path(bench.script).stem.removeprefix("bench_")
    if proc.returncode != 0:
        return [Row(name, f"exit status {proc.returncode} (see the log)", "not read", "", "", False)], elapsed
    try:
        return bench.parse(proc.stdout), elapsed
    except ValueError as exc:
        return [Row(name, f"output not read: {exc}", "not read", "", "", False)], elapsed


def machine() -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"load average {load:.1f} at the start")


def table(rows: list[Row]) -> str:
    header = ("benchmark", "figure", "measured", "floor (same run)", "target", "met")
    lines = [header, *((r.benchmark, r.figure, r.value, r.floor, r.target,
                        "—" if r.met is None else ("yes" if r.met else "NO")) for r in rows)]
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(line) + " |" for line in lines[1:]]
    return "\n".join(out)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="smaller sizes (minutes instead of tens of minutes)")
    parser.add_argument("--no-postgres", action="store_true", help="skip the PostgreSQL figures")
    parser.add_argument("--log", type=Path, help="keep each benchmark's output here (default: a temporary folder)")
    args = parser.parse_args(argv)
    log = args.log or Path(tempfile.mkdtemp(prefix="ln-bench-"))
    log.mkdir(parents=True, exist_ok=True)
    started = datetime.now(UTC)
    print(f"{started:%Y-%m-%d %H:%M} UTC; {machine()}; sizes: {'small (--small)' if args.small else 'full'}",
          flush=True)
    rows: list[Row] = []
    for bench in BENCHMARKS:
        found, elapsed = run(bench, args, log)
        print(f"  {bench.script}: {elapsed:.0f} s", file=sys.stderr, flush=True)
        rows += found
    print(table(rows))
    print(f"\nEach benchmark's full output: {log}")
    return 0 if all(r.value != "not read" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
