"""`export ics` and `export csv` as a site script calls them, on a real (SQLite) database.

The CLI runs with the real clock, so the calendars start a few weeks from today at the site (the
services' own today, in the site's time zone, never the machine's UTC date): every visit is still
open whatever day and hour the tests run. Changes between two exports go through the services, so
these tests also prove what the store does with UID and SEQUENCE.

Runner: in-process (``run_main``: what is exported is the point); the calendar written to standard output
comes from a real process (a site script's pipe), this file's main path.
"""

from __future__ import annotations

import csv
import io
from datetime import date, time, timedelta
from pathlib import Path

import icalendar
import pytest
import vobject

from tests.support.cli_inprocess import run_main

from .cli_runner import assert_one_line_error, run_cli
from .sites import SITE_NAME, build_site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, date]:
    """A site database (Chicago, closed on weekends) with three enrolled participants, and the
    first conditioning start: three weeks after today at the site."""
    url = f"sqlite:///{tmp_path_factory.mktemp('export-cli') / 'site.db'}"
    return url, build_site(url, ("JQD", "AMR", "BKL"))


@pytest.fixture(scope="module")
def db(site: tuple[str, date]) -> str:
    return site[0]


@pytest.fixture(scope="module")
def start(site: tuple[str, date]) -> date:
    return site[1]


def services(url: str):  # type: ignore[no-untyped-def]
    from ln_scheduler.services.app import open_services

    return open_services(url)


def export(db: str, *args: str) -> str:
    result = run_main("--db", db, "export", *args)
    assert result.status == 0, result.err
    assert result.err == ""
    return result.out


def events(path: Path) -> dict[str, icalendar.Event]:
    data = path.read_bytes()
    parsed = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}
    assert set(parsed) == {e.uid.value for e in vobject.readOne(data.decode()).vevent_list}
    return parsed


def test_a_participant_export_has_every_dated_visit_and_no_initials(db, tmp_path):
    out = tmp_path / "104-001.ics"
    assert export(db, "ics", "104-001", "-o", str(out)) == (
        f"Wrote 23 events (104-001) to {out}\n")
    with services(db) as svc:
        record = svc.participant("104-001")
    parsed = events(out)
    assert set(parsed) == {v.uid for v in record.visits if v.scheduled}
    assert all(str(e["SUMMARY"]).startswith("104-001 · ") for e in parsed.values())
    text = out.read_text(encoding="utf-8")
    assert "JQD" not in text and "104-002" not in text
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    assert str(calendar["X-WR-CALNAME"]) == f"{SITE_NAME}: 104-001"
    assert b"VALARM" not in out.read_bytes()


def test_a_reschedule_then_a_second_export_raises_sequence_of_exactly_the_moved_visits(db, tmp_path):
    first, second = tmp_path / "first.ics", tmp_path / "second.ics"
    export(db, "ics", "104-002", "-o", str(first))
    with services(db) as svc:
        d14 = svc.participant("104-002").visit("D14")
        new_day = next(d for d in (d14.earliest + timedelta(days=i) for i in range(5))
                       if d != d14.scheduled and d.weekday() < 5 and d <= d14.latest)
        svc.book_visit("104-002", "D14", new_day)
        m2 = svc.participant("104-002").visit("M2")
        svc.book_visit("104-002", "M2", m2.scheduled, time=time(10, 30))
        m3 = svc.participant("104-002").visit("M3")
        svc.book_visit("104-002", "M3", m3.scheduled)  # the proposed day booked as it is, no time
    export(db, "ics", "104-002", "-o", str(second))

    before, after = events(first), events(second)
    assert set(after) == set(before)
    raised = {uid for uid in before if after[uid]["SEQUENCE"] > before[uid]["SEQUENCE"]}
    assert raised == {d14.uid, m2.uid, m3.uid}
    assert str(before[m3.uid]["STATUS"]) == "TENTATIVE" and str(after[m3.uid]["STATUS"]) == "CONFIRMED"
    assert after[m3.uid].start == m3.scheduled  # same all-day event, now an appointment
    assert str(after[d14.uid]["STATUS"]) == "CONFIRMED"
    m4 = next(v for v in after.values() if str(v["SUMMARY"]).endswith("Month 4"))
    assert str(m4["STATUS"]) == "TENTATIVE"  # only proposed
    assert after[d14.uid].start == new_day
    assert after[m2.uid].start.time() == time(10, 30)
    assert str(after[m2.uid]["DTSTART"].params["TZID"]) == "America/Chicago"
    assert str(after[m2.uid]["STATUS"]) == "CONFIRMED"


def test_a_withdrawal_exports_the_cancelled_visits_as_cancelled(db, tmp_path):
    before, after = tmp_path / "before.ics", tmp_path / "after.ics"
    export(db, "ics", "104-003", "-o", str(before))
    with services(db) as svc:
        svc.withdraw("104-003", svc.today(), "moved away; Jane Doe's sister called")
    export(db, "ics", "104-003", "--reminder-days", "2", "-o", str(after))
    old, new = events(before), events(after)
    assert set(new) == set(old)
    assert {str(e["STATUS"]) for e in new.values()} == {"CANCELLED"}
    assert all(new[uid]["SEQUENCE"] == old[uid]["SEQUENCE"] + 1 for uid in new)
    assert b"VALARM" not in after.read_bytes()  # no reminder for visits that will not happen
    assert "Jane" not in after.read_text(encoding="utf-8")


def test_all_participants_and_a_date_range(db, start, tmp_path):
    with services(db) as svc:
        everyone = [svc.participant(s.id) for s in svc.participants()]
    dated = [v for p in everyone for v in p.visits if v.actual or v.scheduled]
    out = tmp_path / "all.ics"
    assert f"Wrote {len(dated)} events (all participants)" in export(db, "ics", "--all", "-o", str(out))
    assert len(events(out)) == len(dated)

    end = start + timedelta(days=13)
    in_range = {v.uid for v in dated if start <= (v.actual or v.scheduled) <= end}
    out = tmp_path / "range.ics"
    export(db, "ics", "--from", start.isoformat(), "--to", end.isoformat(), "-o", str(out))
    assert set(events(out)) == in_range
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    assert str(calendar["NAME"]) == f"{SITE_NAME}: {start.isoformat()} to {end.isoformat()}"


def test_reminders_and_standard_output(db):
    result = run_cli("--db", db, "export", "ics", "104-001", "--reminder-days", "3", "-o", "-")
    assert result.status == 0, result.err
    calendar = icalendar.Calendar.from_ical(result.out.encode("utf-8"))
    alarms = calendar.walk("VALARM")
    assert len(alarms) == 23 and {a["TRIGGER"].dt for a in alarms} == {timedelta(days=-3)}
    none = run_main("--db", db, "export", "ics", "104-001", "--reminder-days", "0", "-o", "-")
    assert none.status == 0 and "VALARM" not in none.out  # 0 = no reminder, as in the GUI's preferences


def test_csv_of_a_participant(db, tmp_path):
    out = tmp_path / "104-001.csv"
    assert export(db, "csv", "104-001", "-o", str(out)) == f"Wrote 23 rows (104-001) to {out}\n"
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert len(rows) == 23 and {r["participant_id"] for r in rows} == {"104-001"}
    assert rows[0]["visit_code"] == "SCR" and date.fromisoformat(rows[0]["date"])
    assert "JQD" not in out.read_text(encoding="utf-8")
    piped = run_main("--db", db, "export", "csv", "104-001", "-o", "-")
    assert piped.out.encode("utf-8") == out.read_bytes().replace(b"\r\n", b"\n")
    assert piped.out_bytes == out.read_bytes()  # standard output's bytes are the file's


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (("ics", "-o", "x.ics"), ("exactly one",)),
        (("ics", "104-001", "--all", "-o", "x.ics"), ("exactly one",)),
        (("ics", "--from", "2027-01-01", "-o", "x.ics"), ("--from and --to go together",)),
        (("csv", "--from", "2027-02-01", "--to", "2027-01-01", "-o", "x.csv"), ("before --from",)),
        (("ics", "999-999", "-o", "x.ics"), ("999-999",)),
        (("ics", "104-001", "-o", "x.ics", "--reminder-days", "-1"), ("0 or more",)),
        (("ics", "104-001"), ("-o",)),
        (("ics", "104-001", "-o", "/no/such/dir/x.ics"), ("cannot write /no/such/dir/x.ics",)),
        (("pdf", "104-001", "-o", "x.pdf"), ("invalid choice",)),
    ],
)
def test_bad_usage_is_one_line_on_stderr_with_exit_2(db, args, fragments):
    assert_one_line_error(run_main("--db", db, "export", *args), *fragments)
