"""Schedule-engine throughput and `ln-scheduler plan` start-up.

Prints participants planned per second (10,000 participants, random conditioning starts from 2026
to 2030, default closures) and the wall time of one `ln-scheduler plan` process (median of 15),
beside the floor of a bare `python -c pass` measured in the same run. Target: a non-GUI command
starts in under 0.3 s.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta

from ln_scheduler.domain.protocol_loader import load_default_protocol
from ln_scheduler.domain.schedule import Anchors, plan_schedule
from ln_scheduler.domain.site_calendar import SiteCalendar
from ln_scheduler.holiday_cache import install_holiday_cache


def plan_throughput(n: int = 10_000) -> float:
    protocol = load_default_protocol()
    calendar = SiteCalendar()
    rng = random.Random(7)
    starts = [date(2026, 1, 1) + timedelta(days=rng.randrange(5 * 365)) for _ in range(n)]
    begin = time.perf_counter()
    for s in starts:
        plan_schedule(protocol, Anchors(s), calendar)
    return n / (time.perf_counter() - begin)


def process_time(args: list[str], runs: int = 15) -> float:
    times = []
    for _ in range(runs):
        begin = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - begin)
    return statistics.median(times)


def main() -> None:
    install_holiday_cache()
    rate = plan_throughput()
    print(f"plan_schedule: {rate:,.0f} participants/s (10,000 participants, 23 visits each)")
    floor = process_time([sys.executable, "-c", "pass"])
    # One warm-up run fills the holiday cache, as the first run on a workstation does.
    cmd = [sys.executable, "-m", "ln_scheduler.cli", "plan", "--conditioning-start", "2027-01-26", "--json"]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    start = process_time(cmd)
    print(f"python -c pass (floor): {floor * 1000:.0f} ms")
    print(f"ln-scheduler plan --json: {start * 1000:.0f} ms (target < 300 ms; {start - floor:.3f} s above floor)")


if __name__ == "__main__":
    main()
