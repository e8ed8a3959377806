"""The site the CLI end-to-end tests export and print from, built once per module: a Chicago site
closed on weekends, participants 104-001, 104-002... enrolled with conditioning a day apart from
three weeks after today at the site (the CLI runs with the real clock, so every visit is still
open and upcoming whatever day and hour the tests run; "today" is the services', never the
machine's UTC date); and copies of the demo site (the ``demo_sqlite`` fixture of conftest.py)."""

from __future__ import annotations

import shutil
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path

import pytest

SITE_NAME = "Lakeside Kidney Research Unit"


def build_site(url: str, initials: Sequence[str], *, name: str = SITE_NAME,
               env: Mapping[str, str] | None = None) -> date:
    """Make the site at ``url`` (with ``env`` set while it is made: the folders the CLI will be
    given too) and return the first conditioning start."""
    from ln_scheduler.services.app import open_services
    from ln_scheduler.services.records import SiteInfo

    with pytest.MonkeyPatch.context() as mp:
        for key, value in (env or {}).items():
            mp.setenv(key, value)
        with open_services(url) as svc:
            svc.update_site(SiteInfo(name=name, number="104", timezone="America/Chicago",
                                     closure_rules=("weekends",)), "site set-up")
            start = svc.today() + timedelta(days=21)
            for n, person in enumerate(initials):
                svc.enrol(f"104-{n + 1:03d}", person, conditioning_start=start + timedelta(days=n))
    return start


def copy_demo(demo_sqlite: Path, dest: Path) -> Path:
    """A writable copy at ``dest`` of the demo site (the ``demo_sqlite`` fixture, made once per test
    process): what ``ln-scheduler --db DEST demo`` would write, without seconds of writes each time."""
    shutil.copyfile(demo_sqlite, dest)
    return dest
