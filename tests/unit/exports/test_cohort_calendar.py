"""The calendar of an SSC-1B participant (three doses, dose 3 not given): the .ics read back by
icalendar and imported by khal and calcurse, each event titled with the participant ID and the
visit named with its dose number and the cohort code; cancelled dose visits exported CANCELLED
so a second import clears them; the CSV carries cohort and dose columns. LN titles are unchanged."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import icalendar
import pytest

from ln_scheduler.domain.protocol_loader import newest_shipped_protocol
from ln_scheduler.exports import build_csv
from ln_scheduler.services.records import ParticipantRecord
from tests.support.sample_records import SITE, sample_participant

from .helpers import INITIALS, NOW, events_by_uid, export
from .test_calendar_clients import Khal

C1 = date(2027, 3, 1)  # SCHEDULE-v2.md's worked example


@pytest.fixture(scope="module")
def ssc1b() -> ParticipantRecord:
    """Dose 1 on Sat 2027-03-06, dose 2 three days late on Tue 2027-03-16, dose 3 not given."""
    return sample_participant(pid="104-007", initials=INITIALS, conditioning_start=C1,
                              infusion_actual=date(2027, 3, 6), doses={2: date(2027, 3, 16)}, not_given_from=3,
                              today=date(2027, 3, 17), protocol=newest_shipped_protocol(), cohort="SSC-1B",
                              site=SITE)


def test_each_event_is_titled_with_the_id_the_visit_with_its_dose_and_the_cohort(ssc1b):
    events = events_by_uid(export(ssc1b.visits, protocol=newest_shipped_protocol()))
    assert len(events) == len(ssc1b.visits)
    titles = {str(events[v.uid]["SUMMARY"]): v for v in ssc1b.visits}
    assert "104-007 · Day 1: TAK-007 dose 1 · SSC-1B" in titles
    assert "104-007 · Day 8: TAK-007 dose 2 · SSC-1B" in titles
    assert "104-007 · Day 15: TAK-007 dose 3 · SSC-1B" in titles
    assert "104-007 · Day 9 · SSC-1B" in titles
    d15 = events[ssc1b.visit("D15").uid]
    assert str(d15["STATUS"]) == "CANCELLED"  # not given: a re-import clears the appointment
    for event in events.values():
        text = event.to_ical().decode()
        assert INITIALS not in text  # nothing else about the person
    # SSc procedure names come from the SSc cohort's view (not LN's)
    description = str(events[ssc1b.visit("SCR").uid]["DESCRIPTION"])
    assert "Modified Rodnan skin score" in description and "SLEDAI" not in description


def test_an_ln_title_is_what_it_was_before_cohorts():
    ln = sample_participant(protocol=newest_shipped_protocol())
    events = events_by_uid(export(ln.visits))
    assert str(events[ln.visit("D1").uid]["SUMMARY"]) == "104-001 · Day 1: TAK-007 infusion"


def test_the_csv_has_cohort_and_dose_columns_last(ssc1b):
    rows = list(csv.DictReader(io.StringIO(build_csv(ssc1b.visits).decode("utf-8"))))
    header = list(rows[0])
    assert header[-2:] == ["cohort", "dose"]
    by_code = {r["visit_code"]: r for r in rows}
    assert (by_code["D8"]["cohort"], by_code["D8"]["dose"]) == ("SSC-1B", "2")
    assert by_code["D9"]["dose"] == ""


def test_khal_imports_the_ssc_1b_calendar_with_its_dose_titles(tmp_path, ssc1b):
    khal = Khal(tmp_path)
    ics = tmp_path / "104-007.ics"
    ics.write_bytes(export(ssc1b.visits, name="104-007 visits"))
    khal.import_file(ics)
    listed = khal.events()
    assert set(listed) == {v.uid for v in ssc1b.visits}
    assert listed[ssc1b.visit("D8").uid] == ("2027-03-16", "", "104-007 · Day 8: TAK-007 dose 2 · SSC-1B",
                                            "TENTATIVE")
    assert listed[ssc1b.visit("D15").uid][2:] == ("104-007 · Day 15: TAK-007 dose 3 · SSC-1B", "CANCELLED")
    assert listed[ssc1b.visit("D43").uid][0] == "2027-04-13"  # DLT: dose 2 (the last given) + 28 days


@pytest.mark.skipif(shutil.which("calcurse") is None,
                    reason="calcurse is not installed (Debian: apt-get install calcurse); khal covers the acceptance")
def test_calcurse_imports_the_ssc_1b_calendar_without_skipping(tmp_path: Path, ssc1b):
    ics = tmp_path / "104-007.ics"
    ics.write_bytes(export(ssc1b.visits, name="104-007 visits"))
    data = tmp_path / "calcurse"
    data.mkdir()
    env = {**os.environ, "HOME": str(tmp_path), "TZ": "America/Chicago"}
    base = ["calcurse", "-C", str(data), "-D", str(data)]
    imported = subprocess.run([*base, "-i", str(ics)], capture_output=True, text=True, env=env, timeout=60,
                              check=False)
    assert imported.returncode == 0 and imported.stderr == "", imported.stderr
    report = re.search(r"(\d+) apps / (\d+) events / (\d+) todos / (\d+) skipped", imported.stdout)
    assert report, imported.stdout
    apps, events, _todos, skipped = map(int, report.groups())
    assert (apps + events, skipped) == (len(ssc1b.visits), 0)
    day = subprocess.run([*base, "--input-datefmt", "4", "-Q", "--from", "2027-03-16", "--to", "2027-03-16"],
                         capture_output=True, text=True, env=env, timeout=60, check=False)
    assert "104-007 · Day 8: TAK-007 dose 2 · SSC-1B" in day.stdout, day.stdout


def test_the_site_calendar_is_english_whoever_exports_it(ssc1b, spanish_interface):
    """The site .ics, the .csv and the CalDAV events are shared by the whole team: a Spanish window
    publishing and an English ``calendar sync`` must write the same titles, or they overwrite each
    other's. A dose visit whose protocol name does not say its dose gets ``(dose 2)`` in English."""
    from dataclasses import replace as replaced

    from ln_scheduler.exports import event_resource

    d8 = replaced(ssc1b.visit("D8"), name="Day 8")  # a protocol naming the day only
    title = "104-007 · Day 8 (dose 2) · SSC-1B"
    events = events_by_uid(export([d8], protocol=newest_shipped_protocol()))
    assert str(events[d8.uid]["SUMMARY"]) == title
    published = icalendar.Calendar.from_ical(event_resource(d8, SITE, now=NOW))
    assert [str(e["SUMMARY"]) for e in published.walk("VEVENT")] == [title]
    assert "dosis" not in build_csv([d8]).decode()
