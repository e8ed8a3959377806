"""Desktop start-up and UI-thread latency.

Prints, each beside the floor measured in the same run (a bare script that imports PySide6,
shows an empty QMainWindow and quits; median of RUNS processes):
  - process start -> main window painted        (target: floor + 0.1 s)
  - process start -> worklist filled, demo site  (target: floor + 0.3 s)
  - the process's CPU time (all threads) when the worklist is filled, beside the floor's when it
    paints: the UI thread and the worker that opens the database share one interpreter lock, so
    the wall time follows the CPU time, which other work on a busy machine inflates least
and, in-process with 1,000 participants (conditioning starts spread over two years, nothing
recorded, so ~15,000 visits are overdue: a worst case), the time to open the window on the site
(until the worklist, read in a worker, is shown, and until every view is read) with the longest
time the UI thread was blocked meanwhile, the time to open the site view, the participant list with the first
participant's timeline (target: < 300 ms), beside its floor (the same view on an empty site,
measured in the same run), the longest UI-thread operation when
switching participants or months (target: < 100 ms), with the medians; for switching the
worklist's week and for refreshes (which read in a worker thread), the longest time the event
loop was blocked (target: < 100 ms) and how long until the rows were shown.

Runs headless (QT_QPA_PLATFORM=offscreen) unless a display is set and --display is given.
Usage: python benchmarks/bench_gui.py [--runs N] [--participants N]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

FLOOR_SCRIPT = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(f"painted {time.time():.6f}", flush=True)
            print(f"painted_cpu {time.process_time():.6f}", flush=True)
            QTimer.singleShot(0, app.quit)
            obj.removeEventFilter(self)
        return False
probe = Painted()
window.installEventFilter(probe)
window.show()
app.exec()
"""


def pump_until(app, done, begin: float, last: float, what: str) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Run the event loop until ``done()``: the longest time between two passes (the UI thread
    blocked) and when the last pass ended. Gives up after 60 s from ``begin``."""
    longest = 0.0
    while not done():
        app.processEvents()
        tick = time.perf_counter()
        longest, last = max(longest, tick - last), tick
        time.sleep(0.001)
        if tick - begin > 60:
            raise SystemExit(f"the window never {what}: a refresh or read did not come back in 60 s")
    return longest, last


def _env(tmp: Path, display: bool) -> dict[str, str]:
    env = dict(os.environ)
    if not display:
        env["QT_QPA_PLATFORM"] = "offscreen"
    for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"), ("XDG_CACHE_HOME", "cache")):
        env[var] = str(tmp / sub)
    env.pop("LN_SCHEDULER_DB", None)
    # Bytecode as an installed application has it (pip and the packaged build compile it): with
    # PYTHONDONTWRITEBYTECODE set, every start compiled the application's modules from source
    # again (~0.1 s of CPU before the worklist). Kept in the run's folder, never beside the sources;
    # the warm-up runs fill it for the app and the floor alike.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    return env


def _timed_markers(args: list[str], env: dict[str, str]) -> dict[str, float]:
    """Seconds from spawning ``args`` to each ``<marker> <epoch>`` line it prints, and to its exit;
    a ``<marker>_cpu <seconds>`` line is the process's CPU time at that marker, kept as it is."""
    begin = time.time()
    result = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)
    end = time.time()
    if result.returncode != 0:
        raise SystemExit(f"{args} failed:\n{result.stderr}")
    marks = {"exit": end - begin}
    for line in result.stdout.splitlines():
        name, _, stamp = line.partition(" ")
        if stamp.replace(".", "", 1).isdigit() and name not in marks:
            marks[name] = float(stamp) - (0 if name.endswith("_cpu") else begin)
    return marks


def startup(runs: int, display: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="ln-bench-gui-") as folder:
        tmp = Path(folder)
        env = _env(tmp, display)
        db = f"sqlite:///{tmp / 'demo.sqlite3'}"
        prepare = ("from ln_scheduler.services.app import open_services\n"
                   "from ln_scheduler.services.demo import fill_demo_site\n"
                   f"fill_demo_site(open_services({db!r}))\n")
        subprocess.run([sys.executable, "-c", prepare], env=env, check=True)
        app = [sys.executable, "-m", "ln_scheduler.cli", "--db", db]
        app_env = dict(env, LN_SCHEDULER_TRACE_STARTUP="exit")
        _timed_markers(app, app_env)  # warm-up: file caches, the holiday cache, settings created
        _timed_markers([sys.executable, "-c", FLOOR_SCRIPT], env)
        floors, floor_cpu, painted, views, filled, filled_cpu, ready = [], [], [], [], [], [], []
        for _ in range(runs):
            marks = _timed_markers([sys.executable, "-c", FLOOR_SCRIPT], env)
            floors.append(marks["painted"])
            floor_cpu.append(marks["painted_cpu"])
            marks = _timed_markers(app, app_env)
            painted.append(marks["painted"])
            views.append(marks["views"])
            filled.append(marks["worklist"])
            filled_cpu.append(marks["worklist_cpu"])
            ready.append(marks["ready"])
    floor = statistics.median(floors)
    p, v, f = statistics.median(painted), statistics.median(views), statistics.median(filled)
    print(f"floor (import PySide6, show empty QMainWindow): {floor:.3f} s  (median of {runs})")
    print(f"start -> main window painted:  {p:.3f} s  = floor + {p - floor:.3f} s  (target floor + 0.100 s)")
    print(f"start -> views built (tables, calendar, empty): {v:.3f} s  = floor + {v - floor:.3f} s")
    print(f"start -> worklist filled (demo site): {f:.3f} s  = floor + {f - floor:.3f} s  (target floor + 0.300 s)")
    r = statistics.median(ready)
    print(f"start -> ready to act (services open, worklist read again): {r:.3f} s  = floor + {r - floor:.3f} s")
    fc, wc = statistics.median(floor_cpu), statistics.median(filled_cpu)
    print(f"CPU time (all threads) by then: floor {fc:.3f} s, worklist filled {wc:.3f} s = floor + {wc - fc:.3f} s  "
          "(the interpreter runs one thread at a time: wall time follows CPU time; other work on the machine "
          "inflates CPU time least)")


def collector_watch() -> list[float]:
    """The duration (ms) of every full garbage-collection pass from now on: a pass stops every
    thread, so a long one shows up as a stall wherever it happens to run."""
    import gc

    passes: list[float] = []
    started: list[float] = []

    def watch(phase: str, info: dict[str, int]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            started.append(time.perf_counter())
        elif started:
            passes.append((time.perf_counter() - started.pop()) * 1000)

    gc.callbacks.append(watch)
    return passes


def open_participant_list(app, services, ini: Path) -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
    """Milliseconds from giving a participant list (the site view, shown, 1440 px wide) the
    services to its rows and the first participant's timeline painted (the read, the model, the
    column fitting, the selection and the repaint), the UI thread's CPU time of it (what a busy
    machine cannot inflate) and the list's read alone just before."""
    from PySide6.QtCore import QSettings

    from ln_scheduler.ui.settings import AppSettings
    from ln_scheduler.ui.views.participant_view import ParticipantView

    view = ParticipantView(AppSettings(QSettings(str(ini), QSettings.Format.IniFormat)), services.today())
    view.resize(1440, 820)
    view.show()
    app.processEvents()
    begin = time.perf_counter()
    services.participants()
    read = (time.perf_counter() - begin) * 1000
    begin, cpu = time.perf_counter(), time.thread_time()
    view.set_services(services)
    app.processEvents()  # includes the repaint
    elapsed, cpu = (time.perf_counter() - begin) * 1000, (time.thread_time() - cpu) * 1000
    view.close()
    view.deleteLater()
    app.processEvents()
    return elapsed, cpu, read


def ui_latency(participants: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="ln-bench-gui-") as folder:
        tmp = Path(folder)
        os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
        from PySide6.QtCore import QSettings

        from ln_scheduler.services.app import open_services
        from ln_scheduler.services.demo import synthetic_participants
        from ln_scheduler.services.records import SiteInfo
        from ln_scheduler.ui.app import create_application, settle_after_startup
        from ln_scheduler.ui.main_window import MainWindow
        from ln_scheduler.ui.settings import AppSettings

        app = create_application([])
        now = datetime(2027, 2, 10, 15, tzinfo=UTC)
        svc = open_services(f"sqlite:///{tmp / 'big.sqlite3'}", clock=lambda: now)
        svc.update_site(SiteInfo(name="Benchmark site", number="104"), "benchmark")
        rng = random.Random(7)
        # Conditioning starts from two years ago to two months ahead; nothing recorded, so every
        # past visit is overdue: a worst case for the worklist, far beyond any real site.
        people = synthetic_participants(participants, svc.today())
        begin = time.perf_counter()
        svc.bulk_enrol(people)
        print(f"(set-up: {participants:,} participants enrolled in {time.perf_counter() - begin:.1f} s)")
        window = MainWindow(AppSettings(QSettings(str(tmp / "gui.ini"), QSettings.Format.IniFormat)))
        window.resize(1440, 900)
        window.show()
        app.processEvents()
        first_rows: list[float] = []
        window.first_read_ended.connect(lambda: first_rows.append(time.perf_counter()))
        begin = time.perf_counter()
        window.set_services(svc)
        last = time.perf_counter()
        given = last - begin
        stalled, last = pump_until(app, lambda: bool(first_rows and window.views_ready), begin, last,
                                   "showed the site")
        blocked = max(given, stalled)
        app.processEvents()  # the repaint of the last view
        tick = time.perf_counter()
        blocked, whole = max(blocked, tick - last), tick - begin
        settle_after_startup()  # as the application does once the worklist is first filled
        print(f"open the window on the site with {participants:,} participants: worklist shown after "
              f"{(first_rows[0] - begin) * 1000:.0f} ms (~15,000 overdue visits, read in a worker), every view "
              f"after {whole * 1000:.0f} ms; the UI thread blocked at most {blocked * 1000:.0f} ms "
              f"(set_services itself {given * 1000:.0f} ms)")
        empty = open_services(f"sqlite:///{tmp / 'empty.sqlite3'}", clock=lambda: now)
        empty.update_site(SiteInfo(name="Empty site", number="105"), "benchmark")
        floor, listed = [], []
        for run in range(7):  # interleaved: the machine's load falls on both alike
            floor.append(open_participant_list(app, empty, tmp / f"floor{run}.ini"))
            listed.append(open_participant_list(app, svc, tmp / f"list{run}.ini"))
        f, v = (statistics.median(m[0] for m in floor), statistics.median(m[0] for m in listed))
        f_cpu, v_cpu = (statistics.median(m[1] for m in floor), statistics.median(m[1] for m in listed))
        read = statistics.median(m[2] for m in listed)
        print(f"floor (the participant list on an empty site): {f:.0f} ms, UI-thread CPU {f_cpu:.0f} ms  "
              f"(median of {len(floor)})")
        print(f"open the participant list (site view) with {participants:,} participants: {v:.0f} ms  "
              f"= floor + {v - f:.0f} ms, UI-thread CPU {v_cpu:.0f} ms; the list's read alone {read:.0f} ms  "
              "(target < 300 ms)")
        empty.close()
        full_passes = collector_watch()

        def measure(action) -> float:  # type: ignore[no-untyped-def]
            """One user action, with the repaint it causes, after the idle moment a person
            leaves between two clicks (read-ahead work runs then, as it would)."""
            settle = time.perf_counter() + 0.5
            while time.perf_counter() < settle:
                app.processEvents()
                time.sleep(0.005)
            begin = time.perf_counter()
            action()
            app.processEvents()  # includes the repaint
            return (time.perf_counter() - begin) * 1000

        def longest_stall(action, finished, latencies=None) -> float:  # type: ignore[no-untyped-def]
            """The longest time the event loop was blocked while ``action`` ran to ``finished``
            (the click itself included); the time until ``finished`` goes to ``latencies``."""
            settle = time.perf_counter() + 0.5
            while time.perf_counter() < settle:
                app.processEvents()
                time.sleep(0.005)
            done: list[bool] = []
            finished.connect(lambda: done.append(True))
            begin = last = time.perf_counter()
            action()
            longest, last = pump_until(app, lambda: bool(done), begin, last, "finished")
            app.processEvents()  # the repaint of what arrived
            now = time.perf_counter()
            longest = max(longest, now - last)
            finished.disconnect()
            if latencies is not None:
                latencies.append((now - begin) * 1000)
            return longest * 1000

        window.show_tab(2)
        app.processEvents()
        picks = rng.sample([p.pid for p in people], 60)
        switch = [measure(lambda pid=pid: window.participants.select_participant(pid)) for pid in picks]
        window.show_tab(1)
        app.processEvents()
        months = [measure(lambda d=d: window.month.step(d)) for d in [1] * 12 + [-1] * 12]
        window.show_tab(0)
        app.processEvents()
        week_shown: list[float] = []
        weeks = [longest_stall(lambda p=p: window.worklist.set_period(p), window.worklist.filled, week_shown)
                 for p in ("next_week", "week") * 5]
        idle = [measure(window.refresh_in_background) for _ in range(20)]
        background, saved = [], []
        for n in range(3):  # another workstation changed something: the timer's refresh
            svc.book_visit(people[n].pid, "SCR", svc.today() + timedelta(days=1), reason="benchmark")
            background.append(longest_stall(window.refresh_in_background, window.refreshed))
        window.show_tab(2)
        for n in range(3, 6):  # a save in this window: that participant at once, the rest after
            window.participants.select_participant(people[n].pid)
            svc.book_visit(people[n].pid, "SCR", svc.today() + timedelta(days=2), reason="benchmark")
            saved.append(longest_stall(lambda n=n: window.after_save(people[n].pid), window.refreshed))
        def while_refreshing(n: int, action) -> float:  # type: ignore[no-untyped-def]
            """A click that lands while a refresh after another workstation's change is reading
            (the worst moment; the other figures are taken after an idle moment): at once, or 20,
            40 or 60 ms into the refresh (a read step already running is not interrupted)."""
            settle = time.perf_counter() + 0.5
            while time.perf_counter() < settle:
                app.processEvents()
                time.sleep(0.005)
            svc.book_visit(people[n].pid, "SCR", svc.today() + timedelta(days=3), reason="benchmark")
            done: list[bool] = []
            window.refreshed.connect(lambda: done.append(True))
            window.refresh_in_background()
            into = time.perf_counter() + (n % 4) * 0.020
            while time.perf_counter() < into:
                app.processEvents()
                time.sleep(0.001)
            begin = time.perf_counter()
            action()
            app.processEvents()
            elapsed = (time.perf_counter() - begin) * 1000
            while not done:
                app.processEvents()
                time.sleep(0.001)
                if time.perf_counter() - begin > 60:
                    raise SystemExit("a refresh did not come back in 60 s")
            window.refreshed.disconnect()
            return elapsed

        busy_switch = [while_refreshing(n, lambda pid=pid: window.participants.select_participant(pid))
                       for n, pid in enumerate(picks[:8], start=10)]
        window.show_tab(1)
        busy_months = [while_refreshing(n, lambda d=d: window.month.step(d))
                       for n, d in enumerate([1, -1] * 4, start=20)]
        for name, values in (("switch participant", switch), ("switch month", months),
                             ("switch participant while a refresh reads", busy_switch),
                             ("switch month while a refresh reads", busy_months),
                             ("switch worklist week: UI thread blocked", weeks),
                             ("switch worklist week: until the rows are shown", week_shown),
                             ("timer refresh, nothing changed", idle),
                             ("refresh after another workstation's change: blocked", background),
                             ("refresh after a save here: blocked", saved)):
            print(f"{name:50s} median {statistics.median(values):6.1f} ms   longest {max(values):6.1f} ms")
        longest = max(max(switch), max(months))
        print(f"longest UI-thread operation switching participants or months: {longest:.1f} ms (target < 100 ms)")
        print(f"longest UI-thread block switching the worklist week: {max(weeks):.1f} ms (target < 100 ms)")
        busy = max(max(busy_switch), max(busy_months))
        print(f"... the same switches landing while a refresh reads: longest {busy:.1f} ms")
        if full_passes:
            print(f"full garbage-collection passes meanwhile: {len(full_passes)}, longest {max(full_passes):.1f} ms "
                  "(they stop every thread)")
        window.services = None
        svc.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument("--display", action="store_true", help="use the real display instead of offscreen")
    parser.add_argument("--skip-startup", action="store_true", help="only the 1,000-participant latencies")
    parser.add_argument("--startup-only", action="store_true", help="only the start-up times")
    args = parser.parse_args()
    if not args.skip_startup:
        startup(args.runs, args.display)
    if not args.startup_only:
        ui_latency(args.participants)


if __name__ == "__main__":
    main()
