"""The issue-12 command line, spelled exactly as site scripts call it: ``plan`` and ``suggest-start``
with ``--protocol-version``, ``--cohort``, ``--dose N=D`` and ``--not-given N``; ``participant add
--cohort/--protocol-version``, ``participant cohort``, ``infusion --dose N`` given or ``--not-given``,
``site enrolment-version``; every refusal one line with exit status 2 naming the dates.

Runner: in-process (``run_main``, and ``cli`` of test_cli_db): what each command answers is the
point; the first test (the worked example's plan) runs a real process, this file's main path."""

from __future__ import annotations

import json
from datetime import date, timedelta

from tests.support.cli_inprocess import run_main

from .cli_runner import assert_one_line_error, run_cli
from .test_cli_db import cli, ok, site_today

EXAMPLE = ("plan", "--conditioning-start", "2027-03-01", "--cohort", "SSC-1B", "--closures", "weekends", "--json")


def _plan(*args: str, process: bool = False) -> dict:  # type: ignore[type-arg]
    r = run_cli(*args) if process else run_main(*args)
    assert r.status == 0, r.err
    return json.loads(r.out)


def _visits(data: dict) -> dict[str, dict]:  # type: ignore[type-arg]
    return {v["code"]: v for v in data["visits"]}


# -- plan -----------------------------------------------------------------------------------------
def test_plan_json_of_the_worked_example_every_dose_on_time():
    data = _plan(*EXAMPLE, process=True)
    assert (data["protocol_version"], data["cohort"]) == ("2.0", "SSC-1B")
    v = _visits(data)
    assert {c: (v[c]["target"], v[c]["anchor"]) for c in ("D1", "D8", "D15", "D43", "M2")} == {
        "D1": ("2027-03-06", "D1"), "D8": ("2027-03-13", "X2"), "D15": ("2027-03-20", "X3"),
        "D43": ("2027-04-17", "LAST"), "M2": ("2027-05-06", "D1")}
    assert all(v[c]["closed_day"] for c in ("D1", "D8", "D15"))  # Saturdays, fixed days: flagged
    assert (v["D43"]["earliest"], v["D43"]["latest"], v["D43"]["scheduled"]) == ("2027-04-17", "2027-04-20",
                                                                                 "2027-04-19")
    assert v["LD1"]["anchor"] == "C1" and not any(x["cancelled"] for x in data["visits"])


def test_plan_json_of_the_worked_example_dose_2_three_days_late():
    on_time = _visits(_plan(*EXAMPLE))
    data = _plan(*EXAMPLE, "--infusion", "2027-03-06", "--dose", "2=2027-03-16")
    v = _visits(data)
    assert {c: v[c]["target"] for c in ("D8", "D9", "D11", "D15", "D43")} == {
        "D8": "2027-03-16", "D9": "2027-03-17", "D11": "2027-03-19", "D15": "2027-03-23", "D43": "2027-04-20"}
    for code in ("D1", "D2", "D3", "D4", "M2", "M3", "M24"):
        assert v[code]["target"] == on_time[code]["target"], code
    assert not any("2027-03-16" in w for w in data["warnings"])  # 3 days late: no warning


def test_plan_with_a_later_dose_takes_the_infusion_on_its_planned_day_as_its_help_says():
    """Seen in a walk: ``plan ... --dose 2=2027-03-16`` without ``--infusion`` was refused ("cannot be
    recorded before dose 1 (planned 2027-03-06) is recorded"), though --infusion defaults to the
    planned day."""
    assert _plan(*EXAMPLE, "--dose", "2=2027-03-16") == _plan(*EXAMPLE, "--infusion", "2027-03-06", "--dose",
                                                               "2=2027-03-16")
    assert _plan(*EXAMPLE, "--not-given", "2") == _plan(*EXAMPLE, "--infusion", "2027-03-06", "--not-given", "2")


def test_plan_refuses_a_dose_too_soon_naming_both_dates():
    r = run_main(*EXAMPLE, "--infusion", "2027-03-06", "--dose", "2=2027-03-12")
    assert_one_line_error(r, "2027-03-12", "2027-03-06")


def test_plan_with_doses_not_given_cancels_their_visits_and_moves_the_dlt():
    v = _visits(_plan(*EXAMPLE, "--infusion", "2027-03-06", "--dose", "2=2027-03-13", "--not-given", "3"))
    assert {c for c, x in v.items() if x["cancelled"]} == {"D15", "D16", "D18", "D22", "D29"}
    assert v["D43"]["target"] == "2027-04-10" and not v["D43"]["cancelled"]  # dose 2 + 28 days
    v = _visits(_plan(*EXAMPLE, "--infusion", "2027-03-06", "--not-given", "2"))
    assert {c for c, x in v.items() if x["cancelled"]} == {"D8", "D9", "D11", "D15", "D16", "D18", "D22", "D29"}
    assert v["D43"]["target"] == "2027-04-03"


def test_plan_without_the_new_options_plans_todays_ln_calendar():
    newest = _plan("plan", "--conditioning-start", "2027-01-26", "--json")
    first = _plan("plan", "--conditioning-start", "2027-01-26", "--protocol-version", "1.0", "--json")
    assert (newest["protocol_version"], newest["cohort"], first["protocol_version"], first["cohort"]) == (
        "2.0", "LN", "1.0", "LN")
    assert newest["visits"] == first["visits"] and newest["warnings"] == first["warnings"]
    text_newest = run_main("plan", "--conditioning-start", "2027-01-26").out.splitlines()
    text_first = run_main("plan", "--conditioning-start", "2027-01-26", "--protocol-version", "1.0").out.splitlines()
    assert text_newest[0].replace("version 2.0", "version 1.0") == text_first[0]
    assert text_newest[1:] == text_first[1:]


def test_plan_refuses_unknown_versions_cohorts_and_dose_options():
    assert_one_line_error(run_main("plan", "--conditioning-start", "2027-03-01", "--protocol-version", "9.9"),
                          "9.9", "1.0, 2.0")
    assert_one_line_error(run_main("plan", "--conditioning-start", "2027-03-01", "--protocol-version", "1.0",
                                   "--cohort", "SSC-1B"), "SSC-1B", "LN")
    assert_one_line_error(run_main("plan", "--conditioning-start", "2027-03-01", "--dose", "2:2027-03-13"),
                          "N=YYYY-MM-DD")
    assert_one_line_error(run_main("plan", "--conditioning-start", "2027-03-01", "--not-given", "1"), "2 or more")
    assert_one_line_error(run_main("plan", "--conditioning-start", "2027-03-01", "--cohort", "LN", "--dose",
                                   "2=2027-03-13"), "dose 2")


def test_suggest_start_for_ssc_1b_keeps_every_fixed_dose_day_open():
    closed = ("--closures", "weekends", "--closed-date", "2027-03-15", "--json", "--count", "3")  # a Monday
    data = _plan("suggest-start", "--from", "2027-03-01", "--cohort", "SSC-1B", "--protocol-version", "2.0", *closed)
    assert (data["protocol_version"], data["cohort"]) == ("2.0", "SSC-1B")
    for s in data["suggestions"]:
        start = date.fromisoformat(s["conditioning_start"])
        days = [start + timedelta(days=n) for n in (0, 1, 2, 5, 6, 7, 8, 12, 13, 19, 20)]  # LD1-3, D1-4, D8-9, D15-16
        assert all(d.weekday() < 5 and d != date(2027, 3, 15) for d in days), s
    ln = _plan("suggest-start", "--from", "2027-03-01", *closed)
    assert ln["cohort"] == "LN"
    assert ln["suggestions"][0]["conditioning_start"] == "2027-03-03"  # its Day 8 (a Monday closed) is no LN day
    assert data["suggestions"][0]["conditioning_start"] == "2027-03-17"


# -- participants and doses -------------------------------------------------------------------------
def _show(db: str, env: dict[str, str], pid: str = "104-001") -> dict:  # type: ignore[type-arg]
    return json.loads(ok(cli(db, env, "participant", "show", pid, "--json")).out)


def _ssc_1b_infused(db: str, env: dict[str, str]) -> date:
    """104-001 in SSC-1B: conditioning 40 days before the CLI's today, infused on the planned day."""
    c1 = site_today() - timedelta(days=40)
    out = ok(cli(db, env, "participant", "add", "104-001", "--initials", "JQD", "--cohort", "SSC-1B",
                 "--conditioning-start", c1.isoformat())).out
    assert "cohort SSC-1B, protocol version 2.0" in out
    ok(cli(db, env, "conditioning", "104-001", "--date", c1.isoformat(), "--days", "3"))
    d1 = c1 + timedelta(days=5)
    ok(cli(db, env, "infusion", "104-001", "--date", d1.isoformat(), "--yes"))
    return d1


def test_participant_add_with_a_cohort_and_a_version_and_show_json_carries_cohort_and_doses(db, env):
    ok(cli(db, env, "participant", "add", "104-001", "--initials", "JQD", "--cohort", "ssc-1b"))
    ok(cli(db, env, "participant", "add", "104-002", "--initials", "AB", "--protocol-version", "1.0"))
    ok(cli(db, env, "participant", "add", "104-003", "--initials", "CD"))
    one, two, three = (_show(db, env, pid) for pid in ("104-001", "104-002", "104-003"))
    assert (one["cohort"], one["protocol"]["version"], [d["number"] for d in one["doses"]]) == ("SSC-1B", "2.0",
                                                                                               [1, 2, 3])
    assert one["doses"][1] == {"number": 2, "anchor": "X2", "planned": None, "actual": None, "state": "planned",
                               "reason": None}
    assert (two["cohort"], two["protocol"]["version"], len(two["doses"])) == ("LN", "1.0", 1)
    assert (three["cohort"], three["protocol"]["version"]) == ("LN", "2.0")
    listed = json.loads(ok(cli(db, env, "participant", "list", "--json")).out)
    assert [p["cohort"] for p in listed] == ["SSC-1B", "LN", "LN"]
    assert_one_line_error(cli(db, env, "participant", "add", "104-004", "--initials", "EF", "--cohort", "SSC-9"),
                          "SSC-9", "LN, SSC-1A, SSC-1B")
    assert_one_line_error(cli(db, env, "participant", "add", "104-004", "--initials", "EF", "--protocol-version",
                              "1.0", "--cohort", "SSC-1A"), "SSC-1A")
    assert_one_line_error(cli(db, env, "participant", "add", "104-004", "--initials", "EF", "--protocol-version",
                              "3.0"), "3.0", "1.0, 2.0")


def test_participant_cohort_changes_with_a_reason_until_conditioning(db, env):
    c1 = site_today() + timedelta(days=10)
    ok(cli(db, env, "participant", "add", "104-001", "--initials", "JQD", "--conditioning-start", c1.isoformat()))
    assert_one_line_error(cli(db, env, "participant", "cohort", "104-001", "SSC-1B", "--reason", " "), "reason")
    r = ok(cli(db, env, "participant", "cohort", "104-001", "SSC-1B", "--reason", "Part 1b consent"))
    assert "now in cohort SSC-1B (was LN); 9 visit(s) added, 5 cancelled" in r.out
    shown = _show(db, env)
    assert shown["cohort"] == "SSC-1B" and len(shown["doses"]) == 3
    audit = json.loads(ok(cli(db, env, "audit", "104-001", "--json")).out)
    assert [(e["old"], e["new"], e["reason"]) for e in audit if e["field"] == "cohort"] == [
        ("LN", "SSC-1B", "Part 1b consent")]
    assert_one_line_error(cli(db, env, "participant", "cohort", "104-001", "SSC-1B", "--reason", "again"),
                          "already in cohort SSC-1B")
    ok(cli(db, env, "participant", "add", "104-002", "--initials", "AB",
           "--conditioning-start", site_today().isoformat()))
    ok(cli(db, env, "conditioning", "104-002", "--date", site_today().isoformat()))
    assert_one_line_error(cli(db, env, "participant", "cohort", "104-002", "SSC-1A", "--reason", "late"),
                          site_today().isoformat(), "can no longer change")


def test_infusion_dose_n_is_previewed_refused_too_soon_and_recorded_with_yes(db, env):
    d1 = _ssc_1b_infused(db, env)
    too_soon = d1 + timedelta(days=6)
    assert_one_line_error(cli(db, env, "infusion", "104-001", "--date", too_soon.isoformat(), "--dose", "2"),
                          too_soon.isoformat(), d1.isoformat())
    late = d1 + timedelta(days=10)  # 3 days after the planned dose 2: no warning
    unconfirmed = cli(db, env, "infusion", "104-001", "--date", late.isoformat(), "--dose", "2")
    assert_one_line_error(unconfirmed, "not confirmed", "re-run with --yes")
    assert unconfirmed.out.startswith(f"104-001: record dose 2 on {late.isoformat()}")
    assert {line.split()[0] for line in unconfirmed.out.splitlines()[3:] if line.strip()} >= {"D8", "D9", "D15",
                                                                                              "D43"}
    assert _show(db, env)["doses"][1]["state"] == "planned"  # nothing saved without confirmation
    done = ok(cli(db, env, "infusion", "104-001", "--date", late.isoformat(), "--dose", "2", "--yes"))
    assert f"dose 2 recorded on {late.isoformat()}" in done.out
    shown = _show(db, env)
    assert shown["doses"][1] == {"number": 2, "anchor": "X2", "planned": (d1 + timedelta(days=7)).isoformat(),
                                 "actual": late.isoformat(), "state": "given", "reason": None}
    visits = {v["code"]: v for v in shown["visits"]}
    assert visits["D8"]["actual"] == late.isoformat()
    assert visits["D15"]["target"] == (late + timedelta(days=7)).isoformat()
    assert_one_line_error(cli(db, env, "infusion", "104-001", "--date", late.isoformat(), "--dose", "2", "--yes"),
                          "already recorded", late.isoformat())


def test_visit_done_on_a_dose_day_previews_warns_and_asks_as_infusion_dose_n_does(db, env):
    """Seen in a walk: ``visit done 104-001 D8`` recorded dose 2 five days late with no warning, no
    preview and no question, and the visits it moved lost their booked times without a "rebook" word.
    Recording a dose re-plans the calendar, whichever command records it."""
    d1 = _ssc_1b_infused(db, env)
    d9 = next(v for v in _show(db, env)["visits"] if v["code"] == "D9")
    ok(cli(db, env, "visit", "book", "104-001", "D9", "--time", "09:30"))
    late = d1 + timedelta(days=12)  # 5 days after the planned dose 2: more than 3
    unconfirmed = cli(db, env, "visit", "done", "104-001", "D8", "--date", late.isoformat())
    assert_one_line_error(unconfirmed, "not confirmed", "re-run with --yes")
    assert unconfirmed.out.startswith(f"104-001: record dose 2 on {late.isoformat()}")
    assert "REBOOK" in unconfirmed.out and "D9" in unconfirmed.out  # the booked D9 must be booked again
    assert "Warning: dose 2 (X2) on" in unconfirmed.out and "(more than 3)" in unconfirmed.out
    shown = _show(db, env)
    assert shown["doses"][1]["state"] == "planned"  # nothing saved without confirmation
    assert {v["code"]: v for v in shown["visits"]}["D9"]["scheduled"] == d9["scheduled"]
    done = ok(cli(db, env, "visit", "done", "104-001", "D8", "--date", late.isoformat(), "--yes"))
    assert f"104-001 D8: done on {late.isoformat()}" in done.out
    assert "Warning: dose 2 (X2) on" in done.out  # said again once saved, as infusion --dose does
    shown = _show(db, env)
    assert shown["doses"][1]["actual"] == late.isoformat()
    assert {v["code"]: v for v in shown["visits"]}["D9"]["target"] == (late + timedelta(days=1)).isoformat()


def test_visit_done_on_a_visit_that_records_no_dose_asks_nothing(db, env):
    d1 = _ssc_1b_infused(db, env)
    d2 = d1 + timedelta(days=1)
    done = ok(cli(db, env, "visit", "done", "104-001", "D2", "--date", d2.isoformat()))
    assert done.out.strip() == f"104-001 D2: done on {d2.isoformat()}"


def test_infusion_not_given_cancels_the_visits_of_that_dose_and_later_with_the_reason(db, env):
    d1 = _ssc_1b_infused(db, env)
    ok(cli(db, env, "infusion", "104-001", "--date", (d1 + timedelta(days=7)).isoformat(), "--dose", "2", "--yes"))
    unconfirmed = cli(db, env, "infusion", "104-001", "--dose", "3", "--not-given", "--reason", "grade 3 CRS")
    assert_one_line_error(unconfirmed, "not confirmed")
    assert "cancelled" in unconfirmed.out
    done = ok(cli(db, env, "infusion", "104-001", "--dose", "3", "--not-given", "--reason", "grade 3 CRS", "--yes"))
    assert "dose 3 recorded not given (with every later dose); 5 visit(s) cancelled" in done.out
    shown = _show(db, env)
    assert shown["doses"][2] == {**shown["doses"][2], "state": "not given", "reason": "dose 3 not given: grade 3 CRS"}
    visits = {v["code"]: v for v in shown["visits"]}
    assert {c for c, v in visits.items() if v["status"] == "cancelled"} == {"D15", "D16", "D18", "D22", "D29"}
    assert visits["D15"]["reason"] == "dose 3 not given: grade 3 CRS"
    assert visits["D43"]["target"] == (d1 + timedelta(days=7 + 28)).isoformat()
    assert_one_line_error(cli(db, env, "infusion", "104-001", "--date", site_today().isoformat(), "--dose", "3",
                              "--yes"), "dose 3", "not given")
    assert ok(cli(db, env, "audit", "verify")).status == 0


def test_infusion_options_that_mean_nothing_are_one_line(db, env):
    ok(cli(db, env, "participant", "add", "104-001", "--initials", "JQD", "--cohort", "SSC-1B"))
    for args, fragment in (
        (("--not-given", "--reason", "x"), "--not-given needs --dose N"),
        (("--dose", "2", "--not-given", "--reason", "x", "--date", "2026-01-05"), "do not go together"),
        (("--dose", "2", "--not-given"), "needs --reason"),
        (("--dose", "2",), "--date is required"),
        (("--date", "2026-01-05", "--reason", "x"), "--reason goes with --not-given"),
        (("--date", "2026-01-05", "--dose", "0"), "1 or more"),
        (("--dose", "1", "--not-given", "--reason", "x", "--yes"), "dose 1 is the infusion"),
    ):
        assert_one_line_error(cli(db, env, "infusion", "104-001", *args), fragment)


def test_the_site_enrolment_version_is_set_and_shown_from_the_command_line(db, env):
    ok(cli(db, env, "participant", "add", "104-001", "--initials", "JQD"))
    shown = json.loads(ok(cli(db, env, "site", "show", "--json")).out)
    assert (shown["enrolment_protocol_version"], shown["enrolment_protocol"]["version"]) == (None, "2.0")
    r = ok(cli(db, env, "site", "enrolment-version", "1.0", "--reason", "site on the first approval"))
    assert "enrolled on protocol TAK007-LN-1001 version 1.0; cohorts LN" in r.out
    ok(cli(db, env, "participant", "add", "104-002", "--initials", "AB"))
    assert _show(db, env, "104-002")["protocol"]["version"] == "1.0"
    assert_one_line_error(cli(db, env, "site", "enrolment-version", "7.0", "--reason", "typo"), "7.0", "1.0, 2.0")
    ok(cli(db, env, "site", "enrolment-version", "newest", "--reason", "amendment approved"))
    assert json.loads(ok(cli(db, env, "site", "show", "--json")).out)["enrolment_protocol_version"] is None
    assert "enrolment:   protocol TAK007-LN-1001 version 2.0 (the newest shipped)" in ok(
        cli(db, env, "site", "show")).out


def test_plan_refuses_a_dose_after_one_not_given_saying_so():
    r = run_main(*EXAMPLE, "--infusion", "2027-03-06", "--not-given", "2", "--dose", "3=2027-03-24")
    assert_one_line_error(r, "dose 3 (X3) on 2027-03-24", "dose 2 (X2) was recorded not given")


def test_a_later_dose_recorded_in_error_is_corrected_from_the_command_line(db, env):
    """``correct ID D8 --field dose``: before, a later dose entered in error could not be corrected at all
    (and the infusion cannot be corrected once a later dose is recorded)."""
    d1 = _ssc_1b_infused(db, env)
    wrong = d1 + timedelta(days=10)
    ok(cli(db, env, "infusion", "104-001", "--date", wrong.isoformat(), "--dose", "2", "--yes"))
    assert "dose" in cli(db, env, "correct", "--help").out
    done = ok(cli(db, env, "correct", "104-001", "D8", "--field", "dose", "--reason", "wrong participant"))
    assert "104-001: dose marked as entered in error" in done.out
    shown = _show(db, env)
    assert shown["doses"][1]["state"] == "planned" and shown["doses"][1]["actual"] is None
    visits = {v["code"]: v for v in shown["visits"]}
    assert visits["D8"]["actual"] is None
    assert visits["D15"]["target"] == (d1 + timedelta(days=14)).isoformat()  # back on the planned dose 2
    assert_one_line_error(cli(db, env, "correct", "104-001", "D8", "--field", "dose", "--reason", "again"),
                          "dose 2 of 104-001 is not recorded")
    assert_one_line_error(cli(db, env, "correct", "104-001", "--field", "dose", "--reason", "no visit"),
                          "needs the code of the visit the dose is given at")
    assert ok(cli(db, env, "audit", "verify")).status == 0


def test_every_printout_and_calendar_of_a_participant_whose_cohort_changed_is_written(db, env, tmp_path):
    """Seen in a walk: after a cohort change the visits of the former cohort stay, cancelled, and
    their codes are not the new cohort's: the site's schedule PDF, the take-home schedule and the
    participant's phone calendar stopped with "unknown visit code 'D8'" (or 'D7' the other way)."""
    from pypdf import PdfReader

    c1 = site_today() + timedelta(days=10)
    for pid, first, then in (("104-001", "SSC-1B", "SSC-1A"), ("104-002", "LN", "SSC-1B")):
        ok(cli(db, env, "participant", "add", pid, "--initials", "JQD", "--cohort", first,
               "--conditioning-start", c1.isoformat()))
        ok(cli(db, env, "participant", "cohort", pid, then, "--reason", "consent changed"))
        site_pdf, plain_pdf, phone = tmp_path / f"{pid}.pdf", tmp_path / f"{pid}-plain.pdf", tmp_path / f"{pid}.ics"
        ok(cli(db, env, "schedule-pdf", pid, "-o", str(site_pdf)))
        ok(cli(db, env, "schedule-pdf", pid, "--plain", "-o", str(plain_pdf)))
        ok(cli(db, env, "export", "ics", pid, "--for-participant", "-o", str(phone)))
        text = "".join(page.extract_text() for page in PdfReader(site_pdf).pages)
        gone = "D8" if first == "SSC-1B" else "D7"
        assert gone in text and "Cancelled" in text  # the former cohort's visit, shown cancelled
        assert "BEGIN:VEVENT" in phone.read_text()
