"""Exports imported into real command-line calendar programs: khal (from PyPI, always) and
calcurse (Debian package, when installed), with no warning and no skipped event."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path

import pytest

from ln_scheduler.domain.visit_status import VisitStatus
from tests.support.sample_records import with_visit

from .helpers import export, participant


@dataclass
class Khal:
    """khal with its own config, vdir and cache under a temporary directory."""

    home: Path

    def __post_init__(self) -> None:
        self.vdir = self.home / "calendar"
        self.vdir.mkdir()
        self.config = self.home / "khal.conf"
        self.config.write_text(
            f"[calendars]\n[[study]]\npath = {self.vdir}\ntype = calendar\n\n"
            "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
            "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
            "local_timezone = America/Chicago\ndefault_timezone = America/Chicago\n"
        )

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "XDG_DATA_HOME": str(self.home / "data"),
               "XDG_CONFIG_HOME": str(self.home / "config"), "HOME": str(self.home)}
        return subprocess.run([sys.executable, "-m", "khal", "-c", str(self.config), *args],
                              capture_output=True, text=True, env=env, timeout=120, check=False)

    def import_file(self, path: Path) -> None:
        result = self.run("import", "--batch", "-a", "study", str(path))
        assert result.returncode == 0, result.stderr
        assert result.stderr == "", result.stderr  # no warning, nothing skipped

    def events(self) -> dict[str, tuple[str, str, str, str]]:
        """uid -> (date, time, title, status) of every event khal lists."""
        result = self.run("list", "--day-format", "", "--format",
                          "{uid}|{start-date}|{start-time}|{title}|{status}",
                          "2026-01-01", "2030-12-31")
        assert result.returncode == 0 and result.stderr == "", result.stderr
        listed = {}
        for line in result.stdout.splitlines():
            if not line.strip():
                continue
            uid, day, at, title, status = line.split("|")
            assert uid not in listed, f"{uid} listed twice"
            listed[uid] = (day, at, title, status.strip())
        return listed

    def stored_events(self) -> int:
        return len(list(self.vdir.glob("*.ics")))


@pytest.fixture
def khal(tmp_path: Path) -> Khal:
    return Khal(tmp_path)


def test_khal_imports_every_event_of_a_participant_export_at_the_right_time(khal, tmp_path):
    p = participant()
    ics = tmp_path / "104-001.ics"
    ics.write_bytes(export(p.visits, reminder_days=2))
    khal.import_file(ics)
    listed = khal.events()
    assert set(listed) == {v.uid for v in p.visits}
    assert khal.stored_events() == len(p.visits)
    assert listed[p.visit("D7").uid] == ("2027-02-05", "09:30", "104-001 · Day 7", "CONFIRMED")
    assert listed[p.visit("M3").uid] == ("2027-04-30", "14:00", "104-001 · Month 3", "CONFIRMED")
    assert listed[p.visit("D14").uid] == ("2027-02-12", "", "104-001 · Day 14", "TENTATIVE")
    assert listed[p.visit("D21").uid] == ("2027-02-19", "", "104-001 · Day 21", "CONFIRMED")


def test_khal_updates_rescheduled_and_cancelled_events_on_a_second_import(khal, tmp_path):
    p = participant()
    first = tmp_path / "first.ics"
    first.write_bytes(export(p.visits))
    khal.import_file(first)

    d14 = p.visit("D14")
    later = with_visit(p, "D14", scheduled=d14.scheduled + timedelta(days=1), sequence=1)
    later = with_visit(later, "M4", status=VisitStatus.MISSED, sequence=1)
    second = tmp_path / "second.ics"
    second.write_bytes(export(later.visits))
    khal.import_file(second)

    listed = khal.events()
    assert khal.stored_events() == len(p.visits)  # updated in place, not duplicated
    assert len(listed) == len(p.visits)
    assert listed[d14.uid][0] == (d14.scheduled + timedelta(days=1)).isoformat()
    assert listed[p.visit("M4").uid][3] == "CANCELLED"


def test_khal_imports_a_site_wide_export_of_several_participants(khal, tmp_path):
    people = [participant(f"104-{n:03d}") for n in range(1, 4)]
    visits = [replace(v, uid=f"{n}-{v.uid}") for n, p in enumerate(people) for v in p.visits]
    ics = tmp_path / "site.ics"
    ics.write_bytes(export(visits, name="Lakeside: all participants"))
    khal.import_file(ics)
    assert len(khal.events()) == khal.stored_events() == len(visits)


@pytest.mark.skipif(shutil.which("calcurse") is None,
                    reason="calcurse is not installed (Debian: apt-get install calcurse); "
                    "khal covers the acceptance")
def test_calcurse_imports_every_event_without_skipping_and_in_site_time(tmp_path):
    p = participant()
    ics = tmp_path / "104-001.ics"
    ics.write_bytes(export(p.visits, reminder_days=1))
    data = tmp_path / "calcurse"
    data.mkdir()
    env = {**os.environ, "HOME": str(tmp_path), "TZ": "America/Chicago"}
    base = ["calcurse", "-C", str(data), "-D", str(data)]

    imported = subprocess.run([*base, "-i", str(ics)], capture_output=True, text=True, env=env,
                              timeout=60, check=False)
    assert imported.returncode == 0 and imported.stderr == "", imported.stderr
    report = re.search(r"(\d+) apps / (\d+) events / (\d+) todos / (\d+) skipped", imported.stdout)
    assert report, imported.stdout
    apps, events, _todos, skipped = map(int, report.groups())
    timed = sum(1 for v in p.visits if v.scheduled_time is not None)
    assert (apps, events, skipped) == (timed, len(p.visits) - timed, 0)

    day = subprocess.run([*base, "--input-datefmt", "4", "-Q", "--from", "2027-02-05",
                          "--to", "2027-02-05"], capture_output=True, text=True, env=env,
                         timeout=60, check=False)
    assert "09:30 -> 10:30" in day.stdout and "104-001 · Day 7" in day.stdout, day.stdout
