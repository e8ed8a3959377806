"""Small builders shared by the database tests."""

from __future__ import annotations

from datetime import date

from ln_scheduler.services.app import Services
from ln_scheduler.services.records import ProcedureOutcome, SiteInfo

WEEKENDS_ONLY = SiteInfo(name="Lakeside Kidney Research Unit", number="104", timezone="America/New_York",
                         closure_rules=("weekends",))
C1 = date(2027, 1, 26)  # the worked example of SCHEDULE.md
SCREENING = date(2027, 1, 12)


def worked_example_site(svc: Services) -> None:
    svc.update_site(WEEKENDS_ONLY, "site set-up")


def enrol_worked_example(svc: Services, pid: str = "104-001", *, conditioned: bool = True,
                         infusion: date | None = None) -> None:
    """The SCHEDULE.md participant: conditioning 2027-01-26 (recorded, 3 days), optionally infused."""
    worked_example_site(svc)
    svc.enrol(pid, "JQD", conditioning_start=C1, screening_date=SCREENING)
    if conditioned:
        svc.record_conditioning(pid, C1, days_done=3)
    if infusion is not None:
        svc.record_infusion(pid, infusion)


def dates(svc: Services, pid: str, field: str = "scheduled") -> dict[str, date | None]:
    return {v.code: getattr(v, field) for v in svc.participant(pid).visits if v.occurrence == 1}


#: The site of :func:`populate_every_kind_of_record`: weekends and one date closed.
POPULATED_SITE = SiteInfo(name="Lakeside Kidney Research Unit", number="104", timezone="America/New_York",
                          closure_rules=("weekends",), closed_dates=(date(2027, 4, 2),))


def populate_every_kind_of_record(svc: Services) -> None:
    """Every kind of record: site settings and a closure, participants, visits, procedure records."""
    enrol_worked_example(svc, infusion=date(2027, 2, 3))
    svc.update_site(POPULATED_SITE, "site set-up")
    svc.complete_visit("104-001", "D7", date(2027, 2, 9), {
        "VS": ProcedureOutcome(done=True), "PK": ProcedureOutcome(done=False, not_done_reason="sample lost"),
        "HEME": ProcedureOutcome(done=True, sample_id="S-0001")})
    svc.book_visit("104-001", "M2", date(2027, 4, 1), reason="participant travelling")
    svc.enrol("104-002", "AB", conditioning_start=date(2027, 4, 5))
