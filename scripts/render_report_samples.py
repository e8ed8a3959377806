"""Render sample reports to PNG under docs/reports/, to look at them without printing.

Builds a Day 1 worksheet, a Month 6 worksheet, a conditioning-day worksheet and both versions of
the participant schedule from the sample participant of the test suite (the worked example of the
protocol: conditioning from Tue 2027-01-26, infusion Sun 2027-01-31), then turns every page into a
PNG with pdftoppm (poppler-utils). Re-run after any layout change and look at the result:

    python scripts/render_report_samples.py [--dpi 90] [--out docs/reports] [--keep-pdf]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.support, not installed

from ln_scheduler.domain.protocol_loader import load_default_protocol
from ln_scheduler.reports import write_participant_schedule, write_worksheet
from tests.support.sample_records import SITE, sample_participant

ROOT = Path(__file__).resolve().parents[1]
PRINTED_AT = datetime(2027, 1, 20, 14, 32)
PRINTED_BY = "coordinator"


def build_samples(folder: Path) -> list[Path]:
    protocol = load_default_protocol()
    participant = sample_participant(today=date(2027, 1, 20), protocol=protocol)
    common = {"printed_by": PRINTED_BY, "printed_at": PRINTED_AT}
    pdfs = []
    for code, stem in (("D1", "worksheet-day1"), ("M6", "worksheet-month6"),
                       ("LD1", "worksheet-conditioning-day1")):
        path = folder / f"{stem}.pdf"
        write_worksheet(path, participant, participant.visit(code), protocol, SITE, **common)
        pdfs.append(path)
    for plain, stem in ((False, "schedule-site"), (True, "schedule-take-home")):
        path = folder / f"{stem}.pdf"
        write_participant_schedule(path, participant, protocol, SITE, plain=plain, **common)
        pdfs.append(path)
    return pdfs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, default=90)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "reports")
    parser.add_argument("--keep-pdf", action="store_true", help="copy the PDFs beside the PNGs")
    args = parser.parse_args()
    pdftoppm = shutil.which("pdftoppm")
    if not pdftoppm:
        print("pdftoppm is missing: sudo apt-get install poppler-utils", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for pdf in build_samples(Path(tmp)):
            for old in args.out.glob(f"{pdf.stem}-*.png"):
                old.unlink()
            subprocess.run([pdftoppm, "-r", str(args.dpi), "-png", str(pdf),
                            str(args.out / pdf.stem)], check=True)
            if args.keep_pdf:
                shutil.copy(pdf, args.out / pdf.name)
            pages = sorted(args.out.glob(f"{pdf.stem}-*.png"))
            print(f"{pdf.stem}: {len(pages)} page(s) -> {', '.join(p.name for p in pages)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
