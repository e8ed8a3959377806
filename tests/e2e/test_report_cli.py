"""`worksheet`, `worksheets` and `schedule-pdf` as a site script calls them, on a real database.

The CLI runs with the real clock, so the calendars here start a few weeks from today at the site
(the services' own today, in the site's time zone, never the machine's UTC date): every visit is
still open and upcoming whatever day and hour the tests run.

Runner: in-process (``run_main``, the database named by ``LN_SCHEDULER_DB`` in the environment it
is given: what is printed is the point); the take-home schedule written to standard output comes
from a real process (a PDF down a pipe), this file's main path.
"""

from __future__ import annotations

import getpass
import io
import os
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.support.cli_inprocess import run_main

from .cli_runner import assert_one_line_error
from .sites import build_site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], date]:
    """A SQLite database with a named site and two participants; the env that points at it and
    the first conditioning start (three weeks after today at the site)."""
    root = tmp_path_factory.mktemp("reports-cli")
    env = {"LN_SCHEDULER_CONFIG_DIR": str(root / "config"),
           "LN_SCHEDULER_DATA_DIR": str(root / "data"),
           "LN_SCHEDULER_DB": f"sqlite:///{root / 'site.db'}"}
    return env, build_site(env["LN_SCHEDULER_DB"], ("JQD", "AMR"), env=env)


@pytest.fixture(scope="module")
def site_db(site: tuple[dict[str, str], date]) -> dict[str, str]:
    return site[0]


@pytest.fixture(scope="module")
def start(site: tuple[dict[str, str], date]) -> date:
    return site[1]


def read(path: Path | bytes) -> list[str]:
    data = path if isinstance(path, bytes) else path.read_bytes()
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]


def test_worksheet_for_day1(site_db, tmp_path):
    out = tmp_path / "d1.pdf"
    r = run_main("worksheet", "104-001", "d1", "-o", str(out), env=site_db)
    assert r.status == 0, r.err
    pages = read(out)
    assert f"{len(pages)} pages written to {out}" in r.out
    for n, text in enumerate(pages, start=1):
        assert "PARTICIPANT ID 104-001" in text and "INITIALS JQD" in text
        assert "VISIT Day 1: TAK-007 infusion" in text
        assert "SITE 104 · Lakeside Kidney Research Unit" in text
        assert "Protocol TAK007-LN-1001 version 2.0" in text
        assert f"Page {n} of {len(pages)}" in text
        assert f"by {getpass.getuser()}" in text
    assert "Timed PK and cytokine samples" in " ".join(pages)
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height)))
            for p in PdfReader(out).pages} == {(612, 792)}


def test_worksheet_on_a4(site_db, tmp_path):
    out = tmp_path / "m6.pdf"
    r = run_main("worksheet", "104-002", "M6", "-o", str(out), "--page-size", "a4", env=site_db)
    assert r.status == 0, r.err
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height)))
            for p in PdfReader(out).pages} == {(595, 842)}
    assert "VISIT Month 6" in read(out)[0]


def test_worksheets_for_a_week_of_clinic_in_date_then_participant_order(site_db, start, tmp_path):
    out = tmp_path / "week.pdf"
    end = start + timedelta(days=6)
    r = run_main("worksheets", "--from", start.isoformat(), "--to", end.isoformat(),
                 "-o", str(out), env=site_db)
    assert r.status == 0, r.err
    firsts = [t for t in read(out) if re.search(r"Page 1 of \d+", t)]
    order = [(re.search(r"SCHEDULED \w{3} (\S+)", t).group(1),  # type: ignore[union-attr]
              re.search(r"PARTICIPANT ID (\S+)", t).group(1)) for t in firsts]  # type: ignore[union-attr]
    assert {pid for _, pid in order} == {"104-001", "104-002"}
    as_dates = [(date.fromisoformat(_iso(d)), pid) for d, pid in order]
    assert as_dates == sorted(as_dates)
    assert all(start <= d <= end for d, _ in as_dates)
    assert f"{len(firsts)} worksheets for 2 participants" in r.out


def _iso(day_text: str) -> str:
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    d, m, y = day_text.split("-")
    return f"{y}-{months.index(m) + 1:02d}-{d}"


def test_schedule_pdf_site_and_take_home(site_db, tmp_path):
    site = tmp_path / "site.pdf"
    r = run_main("schedule-pdf", "104-001", "-o", str(site), env=site_db)
    assert r.status == 0, r.err
    text = " ".join(read(site))
    assert "Participant visit schedule" in text and "M24 Month 24 / End of study" in text

    proc = subprocess.run([sys.executable, "-m", "ln_scheduler.cli", "schedule-pdf", "104-001",
                           "--plain", "-o", "-"], capture_output=True,
                          env={**os.environ, **site_db}, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(b"%PDF-")
    assert b"written to standard output" in proc.stderr
    plain = " ".join(read(proc.stdout))
    assert "Your study visit schedule" in plain
    assert not re.search(r"\b(SCR|LD1|D1|M6|PK|CYTO)\b", plain)


@pytest.mark.parametrize(("args", "fragment"), [
    (("worksheet", "104-999", "D1"), "104-999"),
    (("worksheet", "104-001", "D99"), "D99"),
    (("schedule-pdf", "104-999"), "104-999"),
    (("worksheets", "--from", "2099-01-01", "--to", "2099-01-31"), "no open visits"),
    (("worksheets", "--from", "2027-02-01", "--to", "2027-01-01"), "before it starts"),
    (("worksheet", "104-001", "D1", "--page-size", "legal"), "legal"),
])
def test_bad_requests_are_one_line_errors(site_db, tmp_path, args, fragment):
    out = tmp_path / "x.pdf"
    r = run_main(*args, "-o", str(out), env=site_db)
    assert_one_line_error(r, fragment)
    assert not out.exists()


def test_an_output_folder_that_does_not_exist(site_db, tmp_path):
    r = run_main("worksheet", "104-001", "D1", "-o", str(tmp_path / "nope" / "d1.pdf"), env=site_db)
    assert_one_line_error(r, "does not exist")


def test_worksheet_with_several_codes_writes_one_packet_one_worksheet_each(site_db, tmp_path):
    out = tmp_path / "packet.pdf"
    r = run_main("worksheet", "104-001", "SCR", "LD1", "d4", "-o", str(out), env=site_db)
    assert r.status == 0, r.err
    assert "3 visits (SCR LD1 D4)" in r.out
    pages = read(out)
    visits = [m.group(1) for text in pages if (m := re.search(r"VISIT (.+?) STUDY DAY", text))
              and "Page 1 of" in text]
    assert len(visits) == 3, visits
    assert all("PARTICIPANT ID 104-001" in text for text in pages)


@pytest.mark.parametrize(("args", "fragment"), [
    (("SCR", "D2", "--occurrence", "2"), "--occurrence goes with one visit code"),
    (("D2", "d2"), "listed twice"),
])
def test_a_bad_packet_is_one_line_and_no_file(site_db, tmp_path, args, fragment):
    out = tmp_path / "bad.pdf"
    assert_one_line_error(run_main("worksheet", "104-001", *args, "-o", str(out), env=site_db), fragment)
    assert not out.exists()


def test_schedule_pdf_take_home_in_spanish(site_db, tmp_path):
    out = tmp_path / "take-home-es.pdf"
    r = run_main("schedule-pdf", "104-001", "--plain", "--language", "ES", "-o", str(out), env=site_db)
    assert r.status == 0, r.err
    text = " ".join(read(out))
    assert "Su calendario de visitas del estudio" in text and "Visita de selección" in text
    assert "Your study visit schedule" not in text


@pytest.mark.parametrize(("args", "fragments"), [
    (("--language", "es"), ("--language is for the take-home version: add --plain",)),
    (("--plain", "--language", "fr"), ("unknown language 'fr': choose one of en (English), es (Spanish)",)),
], ids=["without-plain", "unknown-language"])
def test_schedule_pdf_language_is_refused_in_one_line(site_db, tmp_path, args, fragments):
    out = tmp_path / "never.pdf"
    assert_one_line_error(run_main("schedule-pdf", "104-001", *args, "-o", str(out), env=site_db), *fragments)
    assert not out.exists()
