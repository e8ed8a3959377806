"""`ln-scheduler plan` and `suggest-start`, as site scripts call them.

Runner: in-process (``run_main``: what the commands print is the point); real processes for the
first plan (its JSON, this file's main path) and for what a fresh process imports."""

import json
from datetime import date, timedelta

import pytest

from tests.support.cli_inprocess import run_main

from .cli_runner import assert_one_line_error, run_cli


def test_plan_json_has_the_documented_shape_in_date_order():
    r = run_cli("plan", "--conditioning-start", "2027-01-26", "--closures", "weekends", "--json")
    assert r.status == 0, r.err
    data = json.loads(r.out)
    assert data["protocol"] == {"id": "TAK007-LN-1001", "version": "2.0"}  # the newest shipped; LN = 1.0's calendar
    assert (data["protocol_version"], data["cohort"]) == ("2.0", "LN")
    assert any("D1 2027-01-31" in w for w in data["warnings"])
    first = data["visits"][0]
    assert set(first) >= {"code", "name", "study_day", "target", "earliest", "latest", "scheduled",
                          "closed_day", "procedures", "anchor", "cancelled"}
    assert first == {**first, "code": "SCR", "study_day": -12, "target": "2027-01-19",
                     "earliest": "2026-12-27", "latest": "2027-01-25", "scheduled": "2027-01-19"}
    d14 = next(v for v in data["visits"] if v["code"] == "D14")
    assert (d14["target"], d14["scheduled"], d14["closed_day"]) == ("2027-02-13", "2027-02-12", False)
    assert [v["target"] for v in data["visits"]] == sorted(v["target"] for v in data["visits"])
    assert data["visits"][-1]["code"] == "M24" and data["visits"][-1]["study_day"] == 732


def test_plan_default_closures_include_us_holidays_and_extra_closed_dates():
    r = run_main("plan", "--conditioning-start", "2027-01-26", "--closed-date", "2027-03-31", "--json")
    visits = {v["code"]: v for v in json.loads(r.out)["visits"]}
    assert visits["M4"]["scheduled"] == "2027-06-01"  # Memorial Day 2027-05-31
    assert visits["M2"]["scheduled"] == "2027-03-30"  # the site's own closure


def test_plan_with_a_slipped_infusion():
    r = run_main("plan", "--conditioning-start", "2027-01-26", "--infusion", "2027-02-03", "--json")
    visits = {v["code"]: v for v in json.loads(r.out)["visits"]}
    assert visits["SCR"]["study_day"] == -15
    assert visits["LD1"]["study_day"] == -8 and visits["LD1"]["target"] == "2027-01-26"
    assert visits["D7"]["target"] == "2027-02-09"


def test_plan_prints_a_readable_table():
    r = run_main("plan", "--conditioning-start", "2027-01-26", "--closures", "weekends")
    assert r.status == 0
    lines = r.out.splitlines()
    assert lines[0].startswith("Protocol TAK007-LN-1001 version 2.0")
    assert any(line.startswith("D1 ") and "CLOSED DAY" in line for line in lines)
    assert any(line.startswith("M24") and "2029-01-31" in line for line in lines)


def test_suggest_start_json():
    r = run_main("suggest-start", "--from", "2026-12-20", "--count", "3", "--json")
    assert r.status == 0, r.err
    data = json.loads(r.out)
    assert [s["conditioning_start"] for s in data["suggestions"]] == ["2027-01-06", "2027-01-20", "2027-01-27"]
    assert data["suggestions"][0]["infusion"] == "2027-01-11"


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (("plan", "--conditioning-start", "2027-02-30"), ("'2027-02-30' is not a valid date",)),
        (("plan", "--conditioning-start", "26/01/2027"), ("use YYYY-MM-DD",)),
        (("plan", "--conditioning-start", "0207-01-26"), ("outside any sensible range",)),
        (("plan", "--conditioning-start", "2027-W04-2"), ("use YYYY-MM-DD",)),
        (("plan", "--conditioning-start", "20270126"), ("use YYYY-MM-DD",)),
        (("plan", "--conditioning-start", "2027-01-26", "--infusion", "2027-01-30"),
         ("too soon", "2027-01-31 or later")),
        (("plan", "--conditioning-start", "2027-01-26", "--closures", "sundays"), ("unknown closure rule",)),
        (("plan", "--conditioning-start", "2027-01-26", "--protocol", "/no/such.toml"),
         ("cannot read the protocol file",)),
        (("suggest-start", "--from", "2027-01-01", "--count", "0"), ("must be 1 or more",)),
        (("plan",), ("--conditioning-start",)),
    ],
)
def test_bad_input_exits_2_with_one_clear_line(args, fragments):
    assert_one_line_error(run_main(*args), *fragments)


def test_broken_protocol_file_exits_2_naming_file_visit_and_field(tmp_path):
    from importlib import resources

    text = resources.files("ln_scheduler.resources.protocols").joinpath("tak007-ln-v1.0.toml").read_text()
    broken = tmp_path / "broken.toml"
    broken.write_text(text.replace('"VS", "HEME", "CHEM", "AE", "CRS", "PK", "CYTO"]',
                                   '"VS", "HEME", "CHEM", "AE", "CRS", "PK", "CYT0"]', 1))
    r = run_main("plan", "--conditioning-start", "2027-01-26", "--protocol", str(broken))
    assert_one_line_error(r, "broken.toml", "visit D2", "field 'procedures'", "CYT0")


@pytest.mark.parametrize("output", [[], ["--json"]])
def test_non_gui_commands_import_neither_qt_nor_the_database_layer(output):
    """Nor Babel in English: its locale data (language names, dates) costs a start-up an English
    ``plan`` never needs; a Spanish one loads it when it writes a word."""
    code = (
        "import sys, runpy, io, contextlib\n"
        f"sys.argv = ['ln-scheduler', 'plan', '--conditioning-start', '2027-01-26', *{output!r}]\n"
        "from ln_scheduler.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main()\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'sqlalchemy', 'reportlab', "
        "'icalendar', 'alembic', 'babel'))\n"
        "print(heavy)\n"
    )
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], (True, None)),
        (["--db", "sqlite:///x.db"], (True, "sqlite:///x.db")),
        (["--db=postgresql://u@h/d"], (True, "postgresql://u@h/d")),
        (["--db", "sqlite:///x.db", "participant", "list"], (False, None)),
        (["--db", "--help"], (False, None)),
        (["plan"], (False, None)),
    ],
)
def test_only_a_bare_call_or_db_url_opens_the_gui(args, expected):
    from ln_scheduler.cli import _gui_only

    assert _gui_only(args) == expected


def test_the_english_weekdays_are_babels():
    """The English weekdays the CLI holds (no Babel at an English start) are CLDR's en_US ones."""
    from babel.dates import format_date

    from ln_scheduler.cli.common import weekday_text

    week = [date(2028, 2, 28) + timedelta(days=n) for n in range(7)]  # Monday, Feb 28 2028 to Sunday
    assert [weekday_text(d) for d in week] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] == \
        [format_date(d, "EEE", locale="en_US") for d in week]
