"""The Spanish personal calendar imported by two real clients, khal and calcurse, and read back as
they show it: accents intact in titles, notes and the clinic's name, the reminders kept, nothing
skipped; a second import after a dose is recorded not given updates the event to CANCELLED in place."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from ln_scheduler.domain.protocol_loader import load_default_protocol, newest_shipped_protocol
from ln_scheduler.exports.personal_calendar import build_personal_calendar, personal_uid
from tests.support.sample_records import SITE, sample_participant

from .helpers import NOW, participant
from .test_calendar_clients import Khal

CLINIC = replace(SITE, name="Clínica Peña del Riñón", phone="+1 312 555 0100")
SSC_NOW = datetime(2027, 3, 13, 15, tzinfo=UTC)


def spanish_ln() -> bytes:
    return build_personal_calendar(participant(), load_default_protocol(), CLINIC, language="es", now=NOW)


def ssc1b(**doses: object) -> bytes:
    protocol = newest_shipped_protocol()
    record = sample_participant(pid="104-007", conditioning_start=date(2027, 3, 1), infusion_actual=date(2027, 3, 6),
                                today=date(2027, 3, 13), protocol=protocol, cohort="SSC-1B", site=SITE,
                                **doses)  # type: ignore[arg-type]
    return build_personal_calendar(record, protocol, CLINIC, language="es", now=SSC_NOW)


def khal_listing(khal: Khal) -> dict[str, list[str]]:
    """uid -> [date, time, title, status, location, alarm symbol, description] as khal shows them."""
    result = khal.run("list", "--day-format", "", "--format",
                      "{uid}¦{start-date}¦{start-time}¦{title}¦{status}¦{location}¦{alarm-symbol}¦{description}¦END",
                      "2026-01-01", "2030-12-31")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    listed = {}
    for chunk in result.stdout.split("¦END"):
        if chunk.strip():
            uid, *fields = chunk.strip("\n").split("¦")
            listed[uid] = [f.strip() for f in fields]
    return listed


def test_khal_shows_the_spanish_calendar_with_accents_and_reminders(tmp_path):
    khal = Khal(tmp_path)
    ics = tmp_path / "study-visits.ics"
    ics.write_bytes(spanish_ln())
    khal.import_file(ics)
    listed = khal_listing(khal)
    p = participant()
    coming = [v for v in p.visits if v.status.is_open and v.scheduled is not None]
    assert set(listed) == {personal_uid(v) for v in coming}
    ld1 = listed[personal_uid(p.visit("LD1"))]
    assert ld1[:6] == ["2027-01-26", "", "Quimioterapia: día 1 de 3", "TENTATIVE", "Clínica Peña del Riñón", "⏰"]
    assert ld1[6].startswith("Fecha prevista: martes, 26 de enero de 2027. Esta fecha todavía no está confirmada")
    assert "quimioterapia" in ld1[2].casefold()
    d7 = listed[personal_uid(p.visit("D7"))]
    assert d7[:4] == ["2027-02-05", "09:30", "Visita del estudio: Día 7", "CONFIRMED"] and d7[5] == "⏰"
    assert "Teléfono del equipo del estudio: +1 312 555 0100" in d7[6]
    stored = "".join(f.read_text(encoding="utf-8") for f in khal.vdir.glob("*.ics"))
    assert stored.count("BEGIN:VALARM") == len(coming) + 2  # two reminders on each of the 2 timed visits
    assert "TRIGGER:-PT15H" in stored and "TRIGGER:-PT2H" in stored and "DESCRIPTION:Mañana: " in stored


def test_khal_updates_a_dose_not_given_to_cancelled_on_the_second_import(tmp_path):
    khal = Khal(tmp_path)
    first, second = tmp_path / "first.ics", tmp_path / "second.ics"
    first.write_bytes(ssc1b())
    second.write_bytes(ssc1b(doses={2: date(2027, 3, 13)}, not_given_from=3))
    khal.import_file(first)
    before = khal_listing(khal)
    khal.import_file(second)
    after = khal_listing(khal)
    assert set(after) == set(before) and khal.stored_events() == len(before)  # updated, not duplicated
    third = [uid for uid, fields in after.items() if fields[2] == "Tercera dosis del tratamiento"]
    assert len(third) == 1
    assert before[third[0]][3] == "TENTATIVE" and after[third[0]][3] == "CANCELLED"


@pytest.mark.skipif(shutil.which("calcurse") is None,
                    reason="calcurse is not installed (Debian: apt-get install calcurse); khal covers the acceptance")
def test_calcurse_imports_the_spanish_calendar_with_accents_notes_and_alarms(tmp_path: Path):
    ics = tmp_path / "study-visits.ics"
    ics.write_bytes(spanish_ln())
    data = tmp_path / "calcurse"
    data.mkdir()
    env = {**os.environ, "HOME": str(tmp_path), "TZ": "America/Chicago", "LC_ALL": "C.UTF-8"}
    base = ["calcurse", "-C", str(data), "-D", str(data)]
    imported = subprocess.run([*base, "-i", str(ics)], capture_output=True, text=True, env=env, timeout=60,
                              check=False)
    assert imported.returncode == 0 and imported.stderr == "", imported.stderr
    report = re.search(r"(\d+) apps / (\d+) events / (\d+) todos / (\d+) skipped", imported.stdout)
    assert report, imported.stdout
    apps, events, _todos, skipped = map(int, report.groups())
    p = participant()
    assert (apps, events, skipped) == (2, sum(1 for v in p.visits if v.status.is_open and v.scheduled) - 2, 0)

    def day(when: str) -> str:
        shown = subprocess.run([*base, "--input-datefmt", "4", "-Q", "--from", when, "--to", when,
                                "--format-event", "%m|%N\n", "--format-apt", "%S|%m|%N\n"],
                               capture_output=True, text=True, env=env, timeout=60, check=False)
        assert shown.returncode == 0, shown.stderr
        return shown.stdout

    ld1 = day("2027-01-26")
    assert "Quimioterapia: día 1 de 3|" in ld1
    assert "Fecha prevista: martes, 26 de enero de 2027" in ld1 and "Clínica: Clínica Peña del Riñón" in ld1
    d7 = day("2027-02-05")
    assert "09:30|Visita del estudio: Día 7|" in d7 and "Su cita: viernes, 5 de febrero de 2027, 9:30" in d7
    # calcurse keeps a reminder as its "notify" flag (!) on timed appointments
    appointments = (data / "apts").read_text(encoding="utf-8")
    assert re.search(r"02/05/2027 @ 09:30 -> 02/05/2027 @ 10:30\S* !Visita del estudio: Día 7", appointments)
