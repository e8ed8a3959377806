"""Cohorts and later doses through the services, on SQLite and PostgreSQL: enrolment in each cohort of
version 2.0, doses recorded on time, late (a warning), too early (refused, nothing saved) and not
given (visits cancelled with the reason, the DLT visit on the last dose given), the cohort changed
before conditioning and refused after, the site's enrolment version. Dates: SCHEDULE-v2.md's worked
example (conditioning Monday 2027-03-01, site closed on weekends only)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from ln_scheduler.domain.visit_status import VisitStatus
from ln_scheduler.services.errors import ConflictError, ServiceError

from .helpers import worked_example_site

C1 = date(2027, 3, 1)
SCREENING = date(2027, 2, 15)
D1 = date(2027, 3, 6)
SSC_1B_ONLY = ("D8", "D9", "D11", "D15", "D16", "D18", "D22", "D29", "D43")
LN_ONLY = ("D7", "D10", "D14", "D21", "D30")


@pytest.fixture(autouse=True)
def _after_the_example(clock) -> None:  # type: ignore[no-untyped-def]
    clock.now = datetime(2027, 4, 1, 15, 0, tzinfo=UTC)  # every date of the example has happened


def _enrol(svc, pid: str = "104-001", cohort: str = "SSC-1B", *, infused: bool = True):  # type: ignore[no-untyped-def]
    worked_example_site(svc)
    svc.enrol(pid, "JQD", conditioning_start=C1, screening_date=SCREENING, cohort=cohort)
    svc.record_conditioning(pid, C1, days_done=3)
    if infused:
        svc.record_infusion(pid, D1)
    return svc.participant(pid)


def _late(warnings: tuple[str, ...]) -> list[str]:
    """The warnings about a late dose (not those about fixed days on closed days)."""
    return [w for w in warnings if "after its planned date" in w]


def _targets(record, codes=None) -> dict[str, date | None]:  # type: ignore[no-untyped-def]
    return {v.code: v.target for v in record.visits if v.occurrence == 1 and (codes is None or v.code in codes)}


# -- enrolment ---------------------------------------------------------------------------------
@pytest.mark.parametrize("cohort", ["LN", "SSC-1A", "SSC-1B"])
def test_enrolment_in_each_cohort_plans_its_own_visits_and_doses(svc, cohort):
    worked_example_site(svc)
    r = svc.enrol("104-001", "JQD", conditioning_start=C1, cohort=cohort)
    codes = {v.code for v in r.visits}
    assert (r.cohort, r.protocol_version) == (cohort, svc.default_protocol.version)
    assert [d.number for d in r.doses] == ([1, 2, 3] if cohort == "SSC-1B" else [1])
    assert all(d.state == "planned" for d in r.doses)
    if cohort == "SSC-1B":
        assert codes >= set(SSC_1B_ONLY) and not codes & set(LN_ONLY)
        assert [(d.number, d.anchor_label, d.planned) for d in r.doses] == [
            (1, "D1", D1), (2, "X2", date(2027, 3, 13)), (3, "X3", date(2027, 3, 20))]
        assert [v.dose_number for v in r.visits if v.dose_number] == [1, 2, 3]
        assert r.visit("D43").target == date(2027, 4, 17) and r.visit("D43").scheduled == date(2027, 4, 19)
        assert r.visit("M2").target == date(2027, 5, 6)
    else:
        assert codes >= set(LN_ONLY) and not codes & set(SSC_1B_ONLY)
    assert {p.id: p.cohort for p in svc.participants(cohort=cohort)} == {"104-001": cohort}
    assert svc.verify_audit().ok


def test_an_unknown_cohort_is_refused_with_the_cohorts_there_are(svc):
    with pytest.raises(ServiceError, match=r"SSC-9.*LN, SSC-1A, SSC-1B"):
        svc.enrol("104-001", "JQD", cohort="SSC-9")
    assert svc.participants() == []


def test_the_site_chooses_the_version_new_participants_are_enrolled_on(svc):
    assert svc.site().enrolment_protocol_version is None
    assert svc.enrolment_protocol().version == svc.shipped_protocols[-1].version == "2.0"
    assert [c.code for c in svc.enrolment_cohorts()] == ["LN", "SSC-1A", "SSC-1B"]
    svc.set_enrolment_protocol_version("1.0", "site still on the first IRB approval")
    assert svc.site().enrolment_protocol_version == "1.0"
    assert [c.code for c in svc.enrolment_cohorts()] == ["LN"]
    assert svc.enrol("104-001", "JQD").protocol_version == "1.0"
    with pytest.raises(ServiceError, match="SSC-1B"):
        svc.enrol("104-002", "JQD", cohort="SSC-1B")
    with pytest.raises(ServiceError, match=r"'9\.9' is not shipped.*1\.0, 2\.0"):
        svc.set_enrolment_protocol_version("9.9", "typo")
    svc.set_enrolment_protocol_version(None, "amendment approved")
    assert svc.enrol("104-003", "AB", cohort="SSC-1A").protocol_version == "2.0"
    assert svc.verify_audit().ok
    assert [(e.field, e.new) for e in svc.audit() if e.field == "enrolment_protocol_version"] == [
        ("enrolment_protocol_version", "1.0"), ("enrolment_protocol_version", None)]


# -- cohort changes --------------------------------------------------------------------------------
def test_the_cohort_changes_with_a_reason_until_conditioning_and_visits_follow(svc):
    worked_example_site(svc)
    svc.enrol("104-001", "JQD", conditioning_start=C1, screening_date=SCREENING)
    preview = svc.preview_cohort_change("104-001", "SSC-1B")
    assert {c.code for c in preview.changes if c.added} == set(SSC_1B_ONLY)
    assert {c.code for c in preview.changes if c.removed} == set(LN_ONLY)
    with pytest.raises(ServiceError, match="needs a reason"):
        svc.change_cohort("104-001", "SSC-1B", " ")
    r = svc.change_cohort("104-001", "SSC-1B", "Part 1b consent signed", preview=preview)
    assert r.cohort == "SSC-1B" and len(r.doses) == 3
    assert {v.code: v.reason for v in r.visits if v.code in LN_ONLY} == dict.fromkeys(LN_ONLY, "not in cohort SSC-1B")
    assert r.visit("D8").target == date(2027, 3, 13)
    back = svc.change_cohort("104-001", "ln", "consent withdrawn for Part 1b")
    assert {v.code for v in back.visits if v.status is not VisitStatus.CANCELLED and v.code in LN_ONLY} == set(LN_ONLY)
    assert all(back.visit(code).status is VisitStatus.CANCELLED for code in SSC_1B_ONLY)
    assert [(e.old, e.new, e.reason) for e in svc.audit("104-001") if e.field == "cohort"] == [
        ("LN", "SSC-1B", "Part 1b consent signed"), ("SSC-1B", "LN", "consent withdrawn for Part 1b")]
    svc.record_conditioning("104-001", C1, days_done=1)
    with pytest.raises(ServiceError, match=r"2027-03-01: the cohort \(LN\) can no longer change"):
        svc.change_cohort("104-001", "SSC-1B", "too late")
    assert svc.participant("104-001").cohort == "LN"
    assert svc.verify_audit().ok


def test_an_undated_participant_changes_cohort_too(svc):
    r = svc.enrol("104-001", "JQD", cohort="SSC-1A")
    assert r.visit("D7").target is None
    r = svc.change_cohort("104-001", "SSC-1B", "Part 1b")
    assert {v.code for v in r.visits if v.status is not VisitStatus.CANCELLED} >= set(SSC_1B_ONLY)
    assert svc.verify_audit().ok


# -- doses given -----------------------------------------------------------------------------------
def test_dose_2_on_time_is_recorded_and_moves_nothing(svc):
    r = _enrol(svc)
    before = _targets(r)
    preview = svc.preview_dose("104-001", 2, date(2027, 3, 13))
    assert preview.changes == () and _late(preview.warnings) == []
    r = svc.record_dose("104-001", 2, date(2027, 3, 13), preview=preview)
    assert r.dose(2).given is True and r.dose(2).actual == date(2027, 3, 13)
    assert r.visit("D8").status is VisitStatus.DONE and r.visit("D8").actual == date(2027, 3, 13)
    assert _targets(r) == before
    assert svc.verify_audit().ok


def test_dose_2_three_days_late_moves_only_what_hangs_on_it_as_the_worked_example_says(svc):
    r = _enrol(svc)
    before = _targets(r)
    preview = svc.preview_dose("104-001", 2, date(2027, 3, 16))
    assert _late(preview.warnings) == []  # 3 days late: accepted without warning
    assert {c.code for c in preview.changes} == set(SSC_1B_ONLY)
    r = svc.record_dose("104-001", 2, date(2027, 3, 16), preview=preview)
    assert _targets(r, ("D9", "D11", "D15", "D43")) == {
        "D9": date(2027, 3, 17), "D11": date(2027, 3, 19), "D15": date(2027, 3, 23), "D43": date(2027, 4, 20)}
    assert r.dose(3).planned == date(2027, 3, 23)
    unmoved = ("D1", "D2", "D3", "D4", "M2", "M3", "M24")
    assert _targets(r, unmoved) == {code: before[code] for code in unmoved}
    assert svc.verify_audit().ok


def test_dose_2_more_than_three_days_late_is_accepted_with_a_warning_naming_the_dates(svc):
    _enrol(svc)
    preview = svc.preview_dose("104-001", 2, date(2027, 3, 17))
    late = _late(preview.warnings)
    assert len(late) == 1 and "2027-03-17" in late[0] and "2027-03-13" in late[0]
    r = svc.record_dose("104-001", 2, date(2027, 3, 17), preview=preview)
    assert r.dose(2).actual == date(2027, 3, 17)


def test_a_later_dose_warns_of_itself_not_again_of_an_earlier_late_dose(svc, clock):
    """Seen in a walk: the infusion recorded 8 days late warned once, rightly; recording dose 2 a day
    late, and dose 3, warned again of the infusion (and dose 3 of dose 2): each dose's preview says
    what recording that dose brings, not what was said and accepted before."""
    clock.now = datetime(2027, 5, 1, 15, 0, tzinfo=UTC)  # every dose below has happened
    worked_example_site(svc)
    svc.enrol("104-001", "JQD", conditioning_start=C1, screening_date=SCREENING, cohort="SSC-1B")
    svc.record_conditioning("104-001", C1, days_done=3)
    late_infusion = D1 + timedelta(days=8)
    assert _late(svc.preview_dose("104-001", 1, late_infusion).warnings)
    svc.record_infusion("104-001", late_infusion)
    dose_2 = late_infusion + timedelta(days=8)  # one day after its planned date: no warning of its own
    assert _late(svc.preview_dose("104-001", 2, dose_2).warnings) == []
    svc.record_dose("104-001", 2, dose_2)
    dose_3 = dose_2 + timedelta(days=12)  # five days late: its own warning only
    late = _late(svc.preview_dose("104-001", 3, dose_3).warnings)
    assert len(late) == 1 and dose_3.isoformat() in late[0], late
    # nor does recording dose 3 not given warn again of the infusion (seen in a walk: "dose 2 (X2) ... is
    # 4 days after its planned date" in the preview of dose 3 not given), nor of past closed days
    assert svc.preview_dose_not_given("104-001", 3).warnings == ()


def test_a_dose_too_soon_after_the_previous_one_is_refused_naming_both_dates_and_nothing_is_saved(svc):
    _enrol(svc)
    rows = len(svc.audit())
    for call in (lambda: svc.preview_dose("104-001", 2, date(2027, 3, 12)),
                 lambda: svc.record_dose("104-001", 2, date(2027, 3, 12))):
        with pytest.raises(ServiceError) as refused:
            call()
        assert "2027-03-12" in str(refused.value) and "2027-03-06" in str(refused.value)
        assert "\n" not in str(refused.value)
    assert len(svc.audit()) == rows and svc.participant("104-001").dose(2).given is None


def test_doses_come_in_order_after_the_infusion(svc):
    r = _enrol(svc, infused=False)
    assert r.dose(1).given is None
    with pytest.raises(ServiceError, match="dose 1"):
        svc.record_dose("104-001", 2, date(2027, 3, 13))
    svc.record_dose("104-001", 1, D1)  # dose 1 is the infusion
    r = svc.participant("104-001")
    assert r.infusion_actual == D1 and r.dose(1).given is True
    with pytest.raises(ServiceError, match=r"dose 3 \(X3\) on 2027-03-27 cannot be recorded before dose 2"):
        svc.record_dose("104-001", 3, date(2027, 3, 27))  # dose 2 not recorded yet
    with pytest.raises(ServiceError, match="4"):
        svc.record_dose("104-001", 4, date(2027, 3, 27))  # SSC-1B has 3 doses
    with pytest.raises(ServiceError, match="in the future"):
        svc.record_dose("104-001", 2, date(2027, 4, 2))
    svc.record_dose("104-001", 2, date(2027, 3, 13))
    with pytest.raises(ServiceError, match="already recorded as given on 2027-03-13"):
        svc.record_dose("104-001", 2, date(2027, 3, 14))
    with pytest.raises(ServiceError, match="correct"):
        svc.correct_entry("104-001", None, 1, "infusion", "wrong date")


def test_an_ln_participant_has_one_dose(svc):
    _enrol(svc, cohort="LN")
    with pytest.raises(ServiceError, match=r"no dose 2|1 dose"):
        svc.record_dose("104-001", 2, date(2027, 3, 13))


def test_the_save_refuses_a_preview_that_is_no_longer_what_would_be_written(svc):
    _enrol(svc)
    preview = svc.preview_dose("104-001", 2, date(2027, 3, 16))
    svc.book_visit("104-001", "D11", date(2027, 3, 16))  # another workstation books a moving visit
    with pytest.raises(ConflictError):
        svc.record_dose("104-001", 2, date(2027, 3, 16), preview=preview)
    assert svc.participant("104-001").dose(2).given is None


# -- doses not given -------------------------------------------------------------------------------
def test_dose_3_not_given_cancels_its_visits_with_the_reason_and_the_dlt_follows_dose_2(svc):
    _enrol(svc)
    svc.record_dose("104-001", 2, date(2027, 3, 16))
    preview = svc.preview_dose_not_given("104-001", 3)
    assert {c.code for c in preview.changes if c.removed} == {"D15", "D16", "D18", "D22", "D29"}
    assert [c.new_target for c in preview.changes if c.code == "D43"] == [date(2027, 4, 13)]  # dose 2 + 28
    r = svc.record_dose_not_given("104-001", 3, "grade 3 CRS after dose 2", preview=preview)
    assert r.dose(3).given is False and r.dose(3).reason == "dose 3 not given: grade 3 CRS after dose 2"
    cancelled = {v.code: v.reason for v in r.visits if v.status is VisitStatus.CANCELLED}
    assert cancelled == dict.fromkeys(("D15", "D16", "D18", "D22", "D29"), "dose 3 not given: grade 3 CRS after dose 2")
    assert r.visit("D43").target == date(2027, 4, 13) and r.visit("D43").status is not VisitStatus.CANCELLED
    assert r.visit("M2").target == date(2027, 5, 6)
    reasons = {e.reason for e in svc.audit("104-001")
               if e.entity_key.endswith(("D15#1", "dose#3")) and e.field in ("state", "reason", "dose")}
    assert reasons == {"grade 3 CRS after dose 2", "dose 3 not given: grade 3 CRS after dose 2"}
    with pytest.raises(ServiceError, match="dose 3 of 104-001 on 2027-03-23 cannot be recorded: dose 3 was recorded "
                                           "not given"):
        svc.record_dose("104-001", 3, date(2027, 3, 23))
    assert svc.verify_audit().ok


def test_dose_2_not_given_ends_every_later_dose_and_the_dlt_follows_dose_1(svc):
    _enrol(svc)
    r = svc.record_dose_not_given("104-001", 2, "infection")
    assert [d.state for d in r.doses] == ["given", "not given", "not given"]
    assert {v.code for v in r.visits if v.status is VisitStatus.CANCELLED} == {
        "D8", "D9", "D11", "D15", "D16", "D18", "D22", "D29"}
    assert r.visit("D43").target == date(2027, 4, 3)  # dose 1 + 28
    with pytest.raises(ServiceError, match="dose 3 of 104-001 cannot be recorded not given: dose 2 was recorded not "
                                           "given"):
        svc.record_dose_not_given("104-001", 3, "again")
    assert svc.verify_audit().ok


@pytest.mark.parametrize(("not_given", "counted_from", "target"), [(3, 2, date(2027, 4, 13)), (2, 1, date(2027, 4, 3))])
def test_the_dlt_visit_says_which_dose_it_counts_from_once_a_dose_is_not_given(svc, not_given, counted_from, target):
    """Two walks read "Day 43: DLT assessment (dose 3 + 28 days)" on Day 36, after dose 3 was recorded
    not given: SCHEDULE-v2.md's text anchors it on the last dose given, and its name, read as it
    stands, says dose 3. Everywhere a visit's name is read (the participant, the worklist, the
    exports), it names the dose its date counts from; the stored name stays the protocol's."""
    _enrol(svc)
    if not_given == 3:
        svc.record_dose("104-001", 2, date(2027, 3, 16))
    assert svc.participant("104-001").visit("D43").name == "Day 43: DLT assessment (dose 3 + 28 days)"
    svc.record_dose_not_given("104-001", not_given, "grade 3 CRS")
    name = f"Day 43: DLT assessment (dose {counted_from} + 28 days)"
    d43 = svc.participant("104-001").visit("D43")
    assert d43.target == target and d43.name == name
    on = d43.scheduled  # the target, or the nearest open day of its window
    assert [i.visit.name for i in svc.worklist(on, on, today=on) if i.visit.code == "D43"] == [name]
    assert [v.name for v in svc.visits(on, on, today=on) if v.code == "D43"] == [name]
    assert svc.verify_audit().ok


def test_dose_1_cannot_be_not_given_and_a_reason_is_required(svc):
    _enrol(svc, infused=False)
    with pytest.raises(ServiceError, match="dose 1 is the infusion"):
        svc.record_dose_not_given("104-001", 1, "no product")
    svc.record_infusion("104-001", D1)
    with pytest.raises(ServiceError, match="needs a reason"):
        svc.record_dose_not_given("104-001", 2, "  ")


# -- the audit replay knows cohorts, doses and the enrolment version --------------------------------
def _tampered(db_url: str, sql: str) -> None:
    from sqlalchemy import create_engine, text

    from ln_scheduler.store.location import normalize_url

    engine = create_engine(normalize_url(db_url))
    try:
        with engine.begin() as conn:
            conn.execute(text(sql))
    finally:
        engine.dispose()


@pytest.mark.parametrize(("sql", "expected"), [
    ("UPDATE participants SET cohort = 'SSC-1A'", r"participant 104-001, cohort .*'SSC-1B'.*'SSC-1A' \(changed"),
    ("UPDATE doses SET given_on = '2027-03-14' WHERE number = 2",
     r"dose 104-001/dose#2, given_on .*'2027-03-13'.*'2027-03-14'"),
    ("UPDATE doses SET not_given_reason = 'other' WHERE number = 3",
     r"dose 104-001/dose#3, not_given_reason .*'infection'.*'other'"),
    ("DELETE FROM doses WHERE number = 3", r"dose 104-001/dose#3 .*deleted without an audit row"),
    ("UPDATE site_settings SET enrolment_protocol_version = '2.0'",
     r"site site, enrolment_protocol_version .*'1\.0'.*'2\.0'"),
])
def test_audit_verify_finds_cohorts_doses_and_the_enrolment_version_changed_behind_its_back(svc, db_url, sql,
                                                                                           expected):
    import re

    _enrol(svc)
    svc.record_dose("104-001", 2, date(2027, 3, 13))
    svc.record_dose_not_given("104-001", 3, "infection")
    svc.set_enrolment_protocol_version("1.0", "first approval")
    assert svc.verify_audit().ok
    _tampered(db_url, sql)
    result = svc.verify_audit()
    assert not result.ok and any(re.search(expected, p) for p in result.problems), result.problems


def test_a_read_only_connection_refuses_every_new_write_before_any_sql(svc):
    from ln_scheduler.services.errors import ReadOnlyDatabaseError

    _enrol(svc)
    rows = len(svc.audit())
    svc.context.write_refusal = "it was opened read-only (mode=ro)"  # what open_services sets for a monitor / ?mode=ro
    for write in (lambda: svc.change_cohort("104-001", "LN", "x"),
                  lambda: svc.record_dose("104-001", 2, date(2027, 3, 13)),
                  lambda: svc.record_dose_not_given("104-001", 2, "x"),
                  lambda: svc.set_enrolment_protocol_version("1.0", "x"),
                  lambda: svc.enrol("104-002", "AB", cohort="SSC-1A")):
        with pytest.raises(ReadOnlyDatabaseError, match="read-only"):
            write()
    svc.context.write_refusal = None
    assert len(svc.audit()) == rows


def test_completing_the_visit_a_dose_is_given_at_records_that_dose(svc):
    from ln_scheduler.services.records import ProcedureOutcome

    _enrol(svc, infused=False)
    svc.complete_visit("104-001", "D1", D1)
    with pytest.raises(ServiceError, match="too soon"):
        svc.complete_visit("104-001", "D8", date(2027, 3, 12))
    v = svc.complete_visit("104-001", "D8", date(2027, 3, 16), {"PK": ProcedureOutcome(done=True)})
    r = svc.participant("104-001")
    assert (r.infusion_actual, r.dose(2).actual, v.actual) == (D1, date(2027, 3, 16), date(2027, 3, 16))
    assert r.visit("D15").target == date(2027, 3, 23)
    assert svc.verify_audit().ok


@pytest.mark.parametrize(("code", "infused"), [("D8", True), ("D1", False)])
def test_a_dose_day_done_with_its_dose_marked_not_done_is_refused_and_says_what_to_record(svc, code, infused):
    """Seen in a walk: Done on D8 with the TAK-007 infusion (INFUSE) ticked "Not done, grade 3 CRS,
    dose held" recorded dose 2 as given on that day and re-planned eight visits. A dose not given is
    recorded not given (or, for the infusion, the participant withdrawn): never given by its checklist."""
    from ln_scheduler.services.errors import ServiceError
    from ln_scheduler.services.records import ProcedureOutcome

    record = _enrol(svc, infused=infused)
    visit = record.visit(code)
    outcomes = {c: ProcedureOutcome(done=True) for c in visit.procedures}
    outcomes["INFUSE"] = ProcedureOutcome(done=False, not_done_reason="grade 3 CRS, dose held")
    day = D1 + timedelta(days=7) if infused else D1
    with pytest.raises(ServiceError, match="not given"):
        svc.complete_visit("104-001", code, day, outcomes)
    after = svc.participant("104-001")
    assert after.visit(code).actual is None
    assert (after.dose(2).given if infused else after.infusion_actual) is None


def test_moving_an_ln_participant_from_1_0_to_2_0_changes_no_date_and_ssc_cannot_go_back_to_1_0(svc):
    from dataclasses import replace

    from .helpers import WEEKENDS_ONLY

    svc.update_site(replace(WEEKENDS_ONLY, enrolment_protocol_version="1.0"), "site on the first approval")
    svc.enrol("104-001", "JQD", conditioning_start=C1, screening_date=SCREENING)
    svc.record_conditioning("104-001", C1, days_done=3)
    svc.record_infusion("104-001", D1)
    before = svc.participant("104-001")
    v2 = svc.shipped_protocol("2.0")
    assert svc.preview_protocol_change("104-001", v2).changes == ()
    after = svc.change_protocol("104-001", v2, "amendment 2.0 approved")
    assert (after.protocol_version, after.cohort) == ("2.0", "LN")
    assert [(v.code, v.target, v.scheduled, v.name) for v in after.visits] == [
        (v.code, v.target, v.scheduled, v.name) for v in before.visits]
    svc.enrol("104-002", "AB", protocol=v2, cohort="SSC-1B")
    with pytest.raises(ServiceError, match=r"SSC-1B.*1\.0 has: LN"):
        svc.preview_protocol_change("104-002", svc.shipped_protocol("1.0"))
    with pytest.raises(ServiceError, match="SSC-1B"):
        svc.change_protocol("104-002", svc.shipped_protocol("1.0"), "wrong")
    assert svc.participant("104-002").protocol_version == "2.0"
    assert svc.verify_audit().ok


def test_a_withdrawal_after_a_dose_not_given_keeps_the_dose_reason_on_its_visits(svc):
    _enrol(svc)
    svc.record_dose("104-001", 2, date(2027, 3, 13))
    svc.record_dose_not_given("104-001", 3, "infection")
    preview = svc.preview_withdrawal("104-001", date(2027, 3, 25))
    assert not {c.code for c in preview.changes} & {"D15", "D16", "D18", "D22", "D29"}  # already cancelled
    r = svc.withdraw("104-001", date(2027, 3, 25), "consent withdrawn", preview=preview)
    assert r.visit("D15").reason == "dose 3 not given: infection"
    assert r.visit("D43").reason.startswith("participant withdrawn on 2027-03-25")
    with pytest.raises(ServiceError, match="withdrew on 2027-03-25"):
        svc.record_dose_not_given("104-001", 2, "late entry")
    assert svc.verify_audit().ok


def test_a_dose_visit_is_not_corrected_as_an_ordinary_visit(svc):
    _enrol(svc)
    svc.record_dose("104-001", 2, date(2027, 3, 13))
    with pytest.raises(ServiceError, match="a later dose with the 'dose' field"):
        svc.correct_entry("104-001", "D8", 1, "actual", "wrong day")
    assert svc.participant("104-001").dose(2).actual == date(2027, 3, 13)


def test_a_withdrawn_participants_doses_not_recorded_read_not_given_never_planned(svc):
    """After a withdrawal no dose is coming: `participant show` said "3 planned (planned ...)" and the JSON
    "planned", which a coordinator reads as a dose to prepare. Doses recorded before stay as recorded."""
    _enrol(svc)
    svc.record_dose("104-001", 2, date(2027, 3, 13))
    preview = svc.preview_withdrawal("104-001", date(2027, 3, 16))
    r = svc.withdraw("104-001", date(2027, 3, 16), "moved away", preview=preview)
    assert [(d.number, d.state) for d in r.doses] == [(1, "given"), (2, "given"), (3, "not given")]
    assert r.dose(3).reason == "participant withdrawn on 2027-03-16"


def test_the_not_given_preview_names_the_dlt_visit_by_the_dose_it_will_count_from(svc):
    """A walk: Record dose 3 not given previewed "Day 43: DLT assessment (dose 3 + 28 days)" moving to
    Day 36; after the save the visit reads "(dose 2 + 28 days)"."""
    _enrol(svc)
    svc.record_dose("104-001", 2, date(2027, 3, 16))
    preview = svc.preview_dose_not_given("104-001", 3)
    assert [c.name for c in preview.changes if c.code == "D43"] == ["Day 43: DLT assessment (dose 2 + 28 days)"]
    svc.record_dose_not_given("104-001", 3, "grade 3 CRS", preview=preview)  # the preview is what is saved
