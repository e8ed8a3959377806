"""Amended copies of the shipped protocol file, as a sponsor amendment would arrive at the site:
the same protocol id, a new version, and schedule changes a coordinator must see before the
calendar moves (GUI and CLI tests of the protocol change use the same files)."""

from __future__ import annotations

from pathlib import Path

from ln_scheduler.domain.protocol_loader import SHIPPED_PROTOCOLS, shipped_protocol_text

#: The visit amendment 1.1 adds: Week 6, study day 43, -3 / +3 days.
WEEK_6 = """[[visits]]
code = "W6"
name = "Week 6"
kind = "follow-up"
anchor = "D1"
day = 43
early = 3
late = 3
procedures = ["VS", "HEME", "CHEM", "CONMED", "AE"]
expect = "Check-up: vital signs and blood tests."

"""


def _visit_block(text: str, code: str) -> tuple[int, int]:
    """Start and end (the next ``[[`` table) of the visit ``code`` in the protocol text."""
    start = text.rindex("[[visits]]", 0, text.index(f'code = "{code}"'))
    return start, text.index("[[", start + 2)


def amended_text(version: str = "1.1", *, protocol_id: str | None = None) -> str:
    """Shipped version 1.0 (one cohort) as amendment ``version``: Month 2's window widened from ±7 to
    ±10 days, a Week 6 visit added, Month 21 dropped (open Month 21 visits are cancelled)."""
    text = shipped_protocol_text(SHIPPED_PROTOCOLS[0])
    text = text.replace('version = "1.0"', f'version = "{version}"', 1)
    if protocol_id is not None:
        text = text.replace('id = "TAK007-LN-1001"', f'id = "{protocol_id}"', 1)
    start, end = _visit_block(text, "M2")
    text = text[:start] + text[start:end].replace("early = 7\nlate = 7", "early = 10\nlate = 10") + text[end:]
    start, end = _visit_block(text, "M21")
    text = text[:start] + text[end:]
    start, _ = _visit_block(text, "M2")
    return text[:start] + WEEK_6 + text[start:]


def write_amended(folder: Path, version: str = "1.1", *, protocol_id: str | None = None) -> Path:
    path = folder / f"tak007-ln-v{version}{'-' + protocol_id if protocol_id else ''}.toml"
    path.write_text(amended_text(version, protocol_id=protocol_id), encoding="utf-8")
    return path


def write_broken(folder: Path) -> Path:
    """An amended file with a typo a person could make: Month 2's window has no ``late``."""
    text = amended_text()
    start, end = _visit_block(text, "M2")
    path = folder / "tak007-ln-v1.1-broken.toml"
    path.write_text(text[:start] + text[start:end].replace("late = 10\n", "") + text[end:], encoding="utf-8")
    return path
