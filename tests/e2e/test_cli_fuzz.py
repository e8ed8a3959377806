"""The CLI fuzzer: thousands of generated bad inputs for every command and option, and the promise
each must keep (README "Exit status"): no traceback, no "unexpected error", at most one line on
stderr (exactly one when refused), exit status 0 or 2 (3 only for a lost COMMIT answer, which is
not generated here), and no partial write: after every refused command the audit trail's head and
the data are exactly what they were.

Seeded, so a failure is reproducible: ``LN_FUZZ_SEED`` (default 11), ``LN_FUZZ_INPUTS`` (default
10,000, SQLite) and ``LN_FUZZ_PG_INPUTS`` (default 1,500, the PostgreSQL half) change the full run
(marked ``reliability``); the everyday suite runs the first 1,000 and 150 of the same sequence; a
failure names the input's number and its argv. The catalogue of commands and options is read from
the CLI's own parser, so a new command or option is fuzzed without editing this file. Runs
in-process (``main(argv)``, ~6 ms of CPU an input) on a scratch site; a small subprocess sample
covers what only a real process shows (no display, argv bytes that are not UTF-8, a C locale).
Prints its figures: inputs run, per exit status, per command.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest

from tests.support.cli_inprocess import run_main
from tests.support.reliability import sizes

from .cli_runner import Result
from .test_cli_db import site_today

SEED = int(os.environ.get("LN_FUZZ_SEED", "11"))
INPUTS = int(os.environ.get("LN_FUZZ_INPUTS", "10000"))
PG_INPUTS = int(os.environ.get("LN_FUZZ_PG_INPUTS", "1500"))
ALLOWED_STATUSES = {0, 2}

# -- pools of values ---------------------------------------------------------------------------
NASTY_TEXT = [
    "", " ", "\t", "\x00", "\x07", "\x1b[31mred\x1b[0m", "\x1b]0;title\x07", "a\nb", "a\r\nb", "\r", "\x7f",
    "\x85", "\u202eevil", "\u200b", "\ufeff", "😀", "ß", "Ǆ", "İ", "ﬃ", "x" * 300, "y" * 2001, "z" * 100_000,
    "%s%n%x", "{0}", "'; DROP TABLE participants;--", "\" OR 1=1", "-", "--", "-x", "--db", "../x", "NUL",
    "CON", "\\\\server\\share", "null", "None", "true", "0", "-1", "１０４-００１", "\udcff", "\udcff\udcfe",
    "a\udc80b",
]
IDS = ["104-001", "104-002", " 104-001 ", "104-001\n", "104-999", "104-00", "104-0010", "999-999", "104_001",
       "1O4-001", "104-001x"]
CODES = ["M2", "m2", "M2 ", " d1", "SCR", "LD1", "D1", "D30", "M24", "UNS", "ET", "M99", "D0", "d-1", "M2\x1b",
         "ＭＲ", "m２"]
DATES = ["2027-02-30", "2027-13-01", "2027-00-10", "0000-01-01", "0001-01-01", "9999-12-31", "1-1-1", "",
         " ", "2027/01/01", "27-01-01", "２０２７-０１-０１", "2027-01-01\n", "2027-01-01T00:00", "-2027-01-01",
         "9" * 30, "2028-02-29", "2027-02-29", "1900-02-29", "2027-1-5", "today", "2027-01-01 ", "١٢٣٤-٠١-٠١"]
INTS = ["0", "-1", "1", "2", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e3",
        "", " 5", "1_000", "١٢", "99999999999999999999999", "1000000", "1000001", "0x10", "5.0", "∞", "NaN"]
TIMES = ["25:00", "9:30", "09:60", "", "24:00", "09:30:61", "0930", "09:30\n", "-1:00", "09:30+01:00", "noon"]
REASONS = ["travel", "moved away", "consent withdrawn"]


@dataclass
class Catalogue:
    """Every leaf command as argv words, with its positionals and options from the parser."""

    commands: list[tuple[tuple[str, ...], argparse.ArgumentParser]] = field(default_factory=list)


def catalogue() -> Catalogue:
    from ln_scheduler.cli import build_parser

    cat = Catalogue()

    def walk(words: tuple[str, ...], parser: argparse.ArgumentParser) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            cat.commands.append((words, parser))
            return
        for name, child in subs[0].choices.items():
            walk((*words, name), child)

    walk((), build_parser())
    return cat


class Generator:
    """Bad (and a few good) argv lists, from a seeded random source."""

    def __init__(self, seed: int, folder: Path, site: str, extra_dbs: list[str], outputs: list[str],
                 inputs: list[str]):
        self.rnd = random.Random(seed)
        self.folder = folder
        self.site = site
        self.extra_dbs = extra_dbs
        self.outputs = outputs
        self.inputs = inputs
        self.cat = catalogue()
        today = site_today()
        self.good_dates = [(today + timedelta(days=d)).isoformat() for d in (-40, -10, -1, 0, 1, 30)]

    def pick(self, pool: list[str]) -> str:
        return self.rnd.choice(pool)

    def value_for(self, action: argparse.Action) -> str:
        """A value for one argument: usually a bad one of its kind, sometimes a plausible one."""
        r = self.rnd.random()
        kind = getattr(action.type, "__name__", "") or ""
        dest = action.dest
        if r < 0.15:
            return self.pick(NASTY_TEXT)
        if action.choices:
            return self.pick([*map(str, action.choices), "nope", "", "A", "weekends\n"])
        if kind == "date_arg":
            return self.pick(DATES + self.good_dates)
        if kind in ("parse", "int", "_non_negative_int") or dest in ("last", "occurrence", "days", "count"):
            return self.pick(INTS)
        if kind == "time_arg":
            return self.pick([*TIMES, "09:30"])
        if dest in ("pid", "pids"):
            return self.pick(IDS)
        if dest == "code":
            return self.pick(CODES)
        if dest in ("output", "path"):  # files written: never the fixtures the generator reads
            return self.pick(self.outputs)
        if dest in ("file", "protocol"):
            return self.pick(self.inputs)
        if dest in ("reason",):
            return self.pick(REASONS + NASTY_TEXT)
        if dest == "not_done":
            return self.pick(["ECHO:broken", "ECHO", ":x", "ECHO:", "NOPE:x", "ECHO:\x1b[2J", "VS:" + "r" * 3000])
        if dest == "closures":
            return self.pick(["weekends", "none", "us-holidays,weekends", "weekend", "", ",", "none,weekends"])
        return self.pick(NASTY_TEXT + IDS)

    def argv(self) -> list[str]:
        words, parser = self.rnd.choice(self.cat.commands)
        args: list[str] = []
        r = self.rnd.random()
        db = self.site if r < 0.85 else self.pick(self.extra_dbs)
        if words == ("demo",):
            db = self.site  # a demo site filled from nothing is seconds of writes (and valid); here refused
        if self.rnd.random() < 0.97 or words == ("demo",):  # (no --db: it would fill the empty default database)
            args += ["--db", db]
        args += list(words)
        for action in parser._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            if not action.option_strings:  # positional
                count = 1 if action.nargs in (None, "?") else self.rnd.randint(0, 3)
                if self.rnd.random() < 0.05:
                    count = 0  # missing
                args += [self.value_for(action) for _ in range(count)]
                continue
            if self.rnd.random() > (0.9 if action.required else 0.35):
                continue
            flag = self.rnd.choice(action.option_strings)
            if action.nargs == 0:
                args.append(flag)
            elif self.rnd.random() < 0.1:
                args.append(f"{flag}={self.value_for(action)}")
            else:
                args += [flag, self.value_for(action)]
        r = self.rnd.random()
        if r < 0.03:
            args.append(self.pick(["--nope", "-z", "extra", "--db"]))
        elif r < 0.05 and args:
            del args[self.rnd.randrange(len(args))]
        elif r < 0.06:
            args = args[: self.rnd.randrange(len(args) + 1)]  # a command cut short (may be no command at all)
        return args


# -- the scratch site ---------------------------------------------------------------------------
#: The audit head and a digest of the data a write could change, read without the app.
FINGERPRINT_SQL = (
    "SELECT (SELECT count(*) FROM audit_log), (SELECT max(seq) FROM audit_log), "
    "(SELECT count(*) FROM participants), (SELECT coalesce(sum(version), 0) FROM participants), "
    "(SELECT count(*) FROM visits), (SELECT coalesce(sum(version), 0) FROM visits), "
    "(SELECT count(*) FROM procedure_records), (SELECT count(*) FROM site_closures), "
    "(SELECT coalesce(sum(version), 0) FROM site_settings)")


def _sqlite_fingerprint(path: Path) -> Callable[[], tuple[object, ...]]:
    def read() -> tuple[object, ...]:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            return tuple(conn.execute(FINGERPRINT_SQL).fetchone())
        finally:
            conn.close()

    return read


def _make_site(url: str) -> None:
    c1 = site_today() - timedelta(days=50)
    for args in (("participant", "add", "104-001", "--initials", "AB", "--conditioning-start", c1.isoformat()),
                 ("conditioning", "104-001", "--date", c1.isoformat(), "--days", "3"),
                 ("infusion", "104-001", "--date", (c1 + timedelta(days=5)).isoformat(), "--yes"),
                 ("participant", "add", "104-002", "--initials", "CD")):
        result = run_main("--db", url, *args)
        assert result.status == 0, result


def _side_files(folder: Path) -> tuple[list[str], list[str], list[str]]:
    """Other databases and paths the generator may name instead of the good ones."""
    foreign = folder / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    garbage = folder / "garbage.bin"
    garbage.write_bytes(bytes(range(256)) * 8)
    empty = folder / "empty.toml"
    empty.write_bytes(b"")
    latin1 = folder / "latin1.toml"
    latin1.write_bytes("id = 'caf\xe9'\n".encode("latin-1"))
    badtoml = folder / "bad.toml"
    badtoml.write_text("[[visit]]\nexpect = -3661\n", encoding="utf-8")
    (folder / "adir").mkdir()
    dbs = [str(folder / "missing.sqlite3"), str(folder / "adir"), str(foreign), str(garbage), "sqlite://x",
           "sqlite://", "postgresql://u@127.0.0.1:abc/x", "postgresql+asyncpg://u@127.0.0.1/x", "mysql://u@h/x", "",
           " ", "sqlite:///" + str(folder / "site.sqlite3") + "?mode=ro",
           "sqlite:///" + str(folder / "site.sqlite3") + "?mode=zz", "postgresql://postgres@127.0.0.1:1/x",
           "postgresql://", "sqlite:///" + "x" * 300, "\x00", "file:x.db", str(folder / "nofolder" / "x.db")]
    outputs = ["", " ", "/", str(folder / "adir"), str(folder / "nofolder" / "x.out"), "x" * 300,
               str(folder / ("y" * 300)), "-", "out.csv", "out.ics", "out.pdf", "backup.sqlite3", "\x00x", "a\nb.csv",
               "\x1b[2J.pdf", "/proc/version"]
    inputs = ["", " ", "/", str(folder / "adir"), str(folder / "nofolder" / "x.toml"), "x" * 300, str(garbage),
              str(empty), str(latin1), str(badtoml), str(foreign), "\x00x", "-", "/dev/null"]
    return dbs, outputs, inputs


def _assert_kept(result: Result, argv: list[str], n: int) -> None:
    where = f"input #{n} (seed {SEED}): {argv!r}"
    assert "Traceback" not in result.err, where + "\n" + result.err
    assert "unexpected error" not in result.err, where + "\n" + result.err
    assert result.status in ALLOWED_STATUSES, where + f"\nexit {result.status}\n" + result.err
    lines = result.err.splitlines()
    if result.status != 0:
        assert len(lines) == 1 and result.err.endswith("\n"), where + "\n" + result.err
        assert "\x1b" not in result.err and "\x00" not in result.err, where
    else:
        assert len(lines) <= 1, where + "\n" + result.err


@pytest.fixture
def scratch() -> Iterator[Path]:
    """A scratch folder in memory when the system has one (/dev/shm): every write of the scratch
    site syncs its file (synchronous=FULL), and on a busy disk the syncs, not the checks, would
    set the run's time. Removed afterwards."""
    shm = Path("/dev/shm")
    folder = Path(tempfile.mkdtemp(prefix="ln-fuzz-", dir=shm if shm.is_dir() and os.access(shm, os.W_OK) else None))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def fuzz_env(scratch: Path, env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Path:
    """The site's settings folders, no display (no command: "no display", never a window), and a
    working folder where relative output names land."""
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    for key in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(key, raising=False)
    work = scratch / "a" / "b" / "work"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    return scratch


def _fuzz(folder: Path, site: str, fingerprint: Callable[[], tuple[object, ...]], inputs: int,
          label: str) -> Counter[int]:
    """Run ``inputs`` generated argvs against ``site``; every promise checked after each one."""
    gen = Generator(SEED, folder, site, *_side_files(folder))
    statuses: Counter[int] = Counter()
    commands: Counter[str] = Counter()
    refused_writes = 0
    failures: dict[str, str] = {}  # one example per kind of failure, so one run shows them all
    names = {words[0] for words, _ in gen.cat.commands if words}
    before = fingerprint()
    restored_over_foreign = False
    slow: list[tuple[float, list[str]]] = []
    for n in range(inputs):
        argv = gen.argv()
        t0 = time.perf_counter()
        result = run_main(*argv)
        slow.append((time.perf_counter() - t0, argv))
        try:
            _assert_kept(result, argv, n)
        except AssertionError as exc:
            failures.setdefault(f"{result.status} {result.err[:60]}", str(exc).split("\nassert")[0])
        statuses[result.status] += 1
        commands[next((w for w in argv if w in names), "(none)")] += 1
        if result.status == 0 and "restore" in argv and str(folder / "foreign.db") in argv:
            restored_over_foreign = True  # a confirmed restore replaces it (the old file is kept aside)
        created = list(folder.glob("missing.sqlite3*"))
        if created:  # only the commands that start a database may make one
            if not {"add", "demo"} & set(argv):
                failures.setdefault(f"created {argv[2:4]}", f"input #{n} created a database: {argv!r}")
            for p in created:
                p.unlink()
        after = fingerprint()
        if result.status != 0:
            if after != before:
                failures.setdefault(f"partial {argv[2:4]}", f"input #{n} was refused but changed the data: {argv!r}")
            refused_writes += 1
        before = after
    for t, a in sorted(slow, key=lambda x: -x[0])[:3]:  # the slowest inputs, to keep the run short
        print(f"{t:.3f} s {a!r}"[:240])
    assert not failures, f"{len(failures)} kinds of failure:\n" + "\n\n".join(failures.values())
    if not restored_over_foreign:
        foreign = sqlite3.connect(folder / "foreign.db")
        assert foreign.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # never switched to WAL
        foreign.close()
    print(f"CLI fuzz [{label}]: {inputs} inputs (seed {SEED}); exit statuses {dict(sorted(statuses.items()))}; "
          f"{refused_writes} refused with the data unchanged; 0 tracebacks, 0 'unexpected error'; "
          f"by command {dict(commands.most_common())}")
    assert statuses[2] > inputs * 0.6  # the generator does produce mostly bad inputs
    return statuses


@sizes("inputs", 1_000, INPUTS)
def test_ten_thousand_bad_inputs_each_one_line_exit_2_and_no_partial_write(fuzz_env, inputs):
    path = fuzz_env / "site.sqlite3"
    _make_site(f"sqlite:///{path}")
    statuses = _fuzz(fuzz_env, f"sqlite:///{path}", _sqlite_fingerprint(path), inputs, "sqlite")
    assert sum(statuses.values()) == inputs
    assert inputs in (1_000, INPUTS) and (INPUTS >= 10_000 or "LN_FUZZ_INPUTS" in os.environ)


@pytest.mark.postgres
@sizes("inputs", 150, PG_INPUTS)
def test_bad_inputs_on_a_postgresql_site_are_one_line_and_write_nothing(fuzz_env, inputs):
    """The same promises on the server: fewer inputs (each command connects over TCP)."""
    import psycopg

    from .pg_scratch import scratch_database

    with scratch_database("ln_fuzz") as url:
        _make_site(url)
        with psycopg.connect(url, autocommit=True) as conn:
            def fingerprint() -> tuple[object, ...]:
                row = conn.execute(FINGERPRINT_SQL).fetchone()
                assert row is not None
                return tuple(row)

            _fuzz(fuzz_env, url, fingerprint, inputs, "postgresql")


# -- what only a real process shows --------------------------------------------------------------
def _process(args: list[str | bytes], env: dict[str, str], drop: tuple[str, ...] = ()) -> Result:
    full = {k: v for k, v in {**os.environ, **env}.items() if k not in drop}
    proc = subprocess.run([sys.executable, "-m", "ln_scheduler.cli", *args], capture_output=True, env=full,
                          timeout=120, check=False)
    return Result(proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"))


@pytest.mark.parametrize("args", [[], ["--db", "x.sqlite3"], ["--db=postgresql://u@127.0.0.1:abc/x"],
                                  ["--db", "sqlite:///nope/x.db"]])
def test_no_command_and_no_display_is_one_line_not_a_qt_abort(env, tmp_path, args):
    """Before: Qt aborted the process (exit 134, a core dump, several lines of its own)."""
    result = _process(args, env, drop=("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))
    assert result.status == 2, result
    assert result.err.count("\n") == 1 and "no display" in result.err, result.err


@pytest.mark.parametrize("locale", ["C.UTF-8", "C"])
@pytest.mark.parametrize("args", [[b"participant", b"show", b"\xff"], [b"visit", b"missed", b"104-001", b"M2\xfe",
                                                                     b"--reason", b"x"],
                                  [b"--db", b"/tmp/\xff.db", b"due"]])
def test_argv_bytes_that_are_not_utf8_are_one_line(env, tmp_path, args, locale):
    result = _process([b"--db", str(tmp_path / "s.sqlite3").encode(), *args] if args[0] != b"--db" else args,
                      {**env, "LC_ALL": locale})
    assert result.status == 2, result
    assert result.err.count("\n") == 1 and "not valid text" in result.err, result.err
