"""`export ics ID --for-participant -o FILE.ics [--language CODE]` as a coordinator runs it, on a real
(SQLite) database: the participant's own calendar, in their language or the one asked, private (0600),
with none of the site's identifiers; re-exported after a withdrawal, the same events come back
CANCELLED. The site selections and reminder do not apply to it and are refused in one line (exit 2).

Runner: in-process (``run_main``: what is written is the point); the Spanish calendar written to
standard output comes from a real process, this file's main path."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import icalendar
import pytest

from tests.support.cli_inprocess import run_main

from .cli_runner import assert_one_line_error, run_cli
from .sites import build_site


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A Chicago site with three participants whose conditioning starts about three weeks from today."""
    url = f"sqlite:///{tmp_path_factory.mktemp('personal-ics') / 'site.db'}"
    build_site(url, ("JQD", "AMR", "BKL"), name="Clínica Peña")  # 104-003 is withdrawn below
    return url


def export(db: str, *args: str) -> str:
    result = run_main("--db", db, "export", "ics", *args)
    assert result.status == 0 and result.err == "", result.err
    return result.out


def titles(data: bytes) -> list[str]:
    return [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(data).walk("VEVENT")]


def test_the_participant_s_calendar_in_english_by_default_private_and_without_identifiers(db, tmp_path):
    out = tmp_path / "study-visits.ics"
    said = export(db, "104-001", "--for-participant", "-o", str(out))
    assert said == f"Wrote the calendar of 104-001 for their phone (English, 23 coming visits) to {out}\n"
    data = out.read_bytes()
    assert "Infusion day" in titles(data) and "Chemotherapy: day 1 of 3" in titles(data)
    assert b"104-001" not in data and b"JQD" not in data
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_language_chooses_spanish_and_standard_output_works(db):
    result = run_cli("--db", db, "export", "ics", "104-002", "--for-participant", "--language", "ES", "-o", "-")
    assert result.status == 0 and result.err == "", result.err
    data = result.out.encode("utf-8")
    assert "Día de la infusión" in titles(data) and "Quimioterapia: día 1 de 3" in titles(data)
    assert str(icalendar.Calendar.from_ical(data)["X-WR-CALNAME"]) == "Mis visitas del estudio"
    assert b"104-002" not in data and b"AMR" not in data


def test_after_a_withdrawal_the_same_events_come_back_cancelled(db, tmp_path):
    from ln_scheduler.services.app import open_services

    first, second = tmp_path / "first.ics", tmp_path / "second.ics"
    export(db, "104-003", "--for-participant", "-o", str(first))
    with open_services(db) as svc:
        svc.withdraw("104-003", svc.today(), "moved away")
    said = export(db, "104-003", "--for-participant", "-o", str(second))
    assert "(English, 0 coming visits)" in said

    def statuses(path: Path) -> dict[str, str]:
        return {str(e["UID"]): str(e["STATUS"])
                for e in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")}

    before, after = statuses(first), statuses(second)
    assert set(after) == set(before) and set(before.values()) == {"TENTATIVE"}
    assert set(after.values()) == {"CANCELLED"}  # the phone drops every appointment


@pytest.mark.parametrize(("args", "fragment"), [
    (["104-001", "--language", "es"], "--language goes with --for-participant"),
    (["--all", "--for-participant"], "--for-participant takes one participant ID, not --all"),
    (["104-001", "--for-participant", "--all"], "not --all, --from, --to or --reminder-days"),
    (["104-001", "--for-participant", "--from", "2027-01-01", "--to", "2027-02-01"], "not --all, --from, --to"),
    (["104-001", "--for-participant", "--reminder-days", "2"], "--reminder-days"),
    (["104-001", "104-002", "--for-participant"], "takes exactly one participant ID"),
    (["--for-participant"], "takes exactly one participant ID"),
    (["104-001", "--for-participant", "--language", "fr"],
     "unknown language 'fr': choose one of en (English), es (Spanish)"),
    (["104-404", "--for-participant"], "104-404"),
])
def test_what_does_not_apply_to_a_personal_calendar_is_refused_in_one_line(db, tmp_path, args, fragment):
    out = tmp_path / "x.ics"
    result = run_main("--db", db, "export", "ics", *args, "-o", str(out))
    assert_one_line_error(result, fragment)
    assert not out.exists()


def test_the_site_export_is_unchanged_by_the_new_options(db, tmp_path):
    out = tmp_path / "site.ics"
    assert export(db, "104-001", "-o", str(out)).startswith("Wrote 23 events (104-001)")
    assert all(t.startswith("104-001 · ") for t in titles(out.read_bytes()))
