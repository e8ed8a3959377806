"""Pages per second for a 200-visit worksheet batch, beside reportlab's own floor.

The floor is what reportlab does with the least work per page, measured in the same run on the
same machine: one plain 30-row table of short strings per page, base-14 font, no header or
footer. Target: the worksheet batch at least half as fast as the floor.

Run: python benchmarks/bench_reports.py [--visits 200] [--repeat 5]
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.support without install

from reportlab.lib.pagesizes import LETTER
from reportlab.platypus import PageBreak, SimpleDocTemplate, Table

from ln_scheduler.domain.protocol_loader import load_default_protocol
from ln_scheduler.reports import write_worksheet_batch
from tests.support.sample_records import SITE, sample_participant


def floor_pdf(pages: int) -> int:
    """reportlab's floor: a plain 30-row table per page."""
    rows = [[f"Row {r}", "Item", "12:00", "", ""] for r in range(30)]
    story: list[object] = []
    for i in range(pages):
        if i:
            story.append(PageBreak())
        story.append(Table(rows))
    doc = SimpleDocTemplate(io.BytesIO(), pagesize=LETTER)
    doc.build(story)
    return pages


def batch_items(visits: int):  # type: ignore[no-untyped-def]
    """``visits`` real visits: whole calendars of participants starting a week apart."""
    protocol = load_default_protocol()
    items = []
    start = date(2027, 1, 5)
    n = 0
    while len(items) < visits:
        n += 1
        p = sample_participant(pid=f"104-{n:03d}", initials="ABC",
                               conditioning_start=start + timedelta(weeks=n), protocol=protocol)
        items.extend((p, v) for v in p.visits)
    return protocol, items[:visits]


def best_rates(runs: dict[str, Callable[[], int]], repeat: int) -> dict[str, tuple[float, int]]:
    """Best pages/second of each run, the runs interleaved so that load from other processes
    hits both alike."""
    best = dict.fromkeys(runs, float("inf"))
    pages = dict.fromkeys(runs, 0)
    for _ in range(repeat):
        for name, run in runs.items():
            t0 = time.perf_counter()
            pages[name] = run()
            best[name] = min(best[name], time.perf_counter() - t0)
    return {name: (pages[name] / best[name], pages[name]) for name in runs}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    protocol, items = batch_items(args.visits)
    printed_at = datetime(2027, 1, 4, 8, 0)

    def batch() -> int:
        return write_worksheet_batch(io.BytesIO(), items, lambda _i, _v: protocol, SITE,
                                     printed_by="bench", printed_at=printed_at)

    batch_pages = batch()  # warm-up: font registration, imports, caches
    rates = best_rates({"batch": batch, "floor": lambda: floor_pdf(batch_pages)}, args.repeat)
    (batch_rate, _), (floor_rate, floor_pages) = rates["batch"], rates["floor"]
    ratio = batch_rate / floor_rate
    print(f"worksheet batch: {args.visits} visits, {batch_pages} pages, "
          f"{batch_rate:7.1f} pages/s (best of {args.repeat})")
    print(f"reportlab floor: {floor_pages} pages of a plain 30-row table, "
          f"{floor_rate:7.1f} pages/s (best of {args.repeat})")
    print(f"ratio: {ratio:.2f} of the floor (target >= 0.50): {'OK' if ratio >= 0.5 else 'BELOW'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
