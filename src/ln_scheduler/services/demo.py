"""A realistic demo site, dated relative to today: about 20 participants at every stage from
screening to end of study, with visits done on time, late, out of window, missed and overdue,
unscheduled visits, bookings with times, one slipped infusion and one withdrawal; most in cohort LN,
and the amended study's cohorts too (protocol 2.0): one SSC-1A participant scheduled, two SSC-1B
participants, one given all three doses and one whose third dose was not given.

Dates are the ones a site would choose. Every conditioning start is one that
:func:`~ln_scheduler.domain.conditioning.suggest_conditioning_starts` offers (conditioning days and
Days 1-4 on open days: no infusion on a Saturday or on Thanksgiving); visits are done, screened and
booked on open days only, and a visit whose whole window falls on closed days is booked on the
nearest open day with a reason. Every stage is there whatever today is (a Tuesday, a holiday week):
the visits that are due, late and overdue are chosen from the calendars the domain plans for today.

Everything goes through the public services (so the audit trail and the rules are the real ones);
identities are invented study IDs and initials only.
"""

from __future__ import annotations

import random
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

from ..domain.conditioning import suggest_conditioning_starts
from ..domain.participant_status import ParticipantStatus
from ..domain.protocol import VisitKind
from ..domain.schedule import Anchors, nominal_target, plan_schedule, planned_infusion
from ..domain.visit_status import VisitStatus, visit_status
from ..i18n import _
from .app import Services
from .enrolment import NewParticipant
from .errors import ServiceError
from .records import ProcedureOutcome, SiteInfo, VisitRecord

DEMO_SITE = SiteInfo(name="Lakeside Kidney Research Unit", number="104", timezone="America/New_York",
                     closure_rules=("weekends", "us-holidays"), phone="(212) 555-0142")  # 555-01xx: fictional
#: The participants (by enrolment order) who take home their schedule in Spanish, as a few do at a
#: US site: one scheduled (104-003), two in follow-up (104-008 due today, 104-014 with a missed
#: visit), the SSC-1B participant whose dose 3 was not given (104-022) and the withdrawn one
#: (104-024), so a demo shows Spanish take-home schedules and personal calendars at their edges.
SPANISH_SPEAKERS = frozenset({3, 8, 14, 22, 24})
SETUP_REASON = "demo site set-up"
INITIALS = ("JQD", "MRK", "ALB", "TSW", "KPN", "RHG", "LVE", "DCM", "SYO", "BWF", "NAT", "EJC", "PQR", "GHL",
            "VMS", "CFD", "YKT", "OWB", "HUZ", "IRA", "UXE", "ZSP")
UNSCHEDULED_REASONS = ("Lupus flare", "Infection", "CRS follow-up", "Adverse event follow-up")
MISSED_REASONS = ("participant unwell, could not travel", "participant on holiday", "transport not available")
NOT_DONE_REASONS = {"ECHO": "echocardiography unavailable", "PK": "sample haemolysed", "UA": "no urine sample"}
CLOSED_WINDOW_REASON = "site closed on every day of the window"
SSC_1A, SSC_1B = "SSC-1A", "SSC-1B"
DOSE_NOT_GIVEN_REASON = "grade 2 CRS after dose 2: investigator decided not to give dose 3"
#: Days since the infusion of the two SSC-1B participants: all three doses given; dose 3 not given.
SSC_1B_DAYS = (70, 40)
#: Days since the infusion of the participants in follow-up with no special role (a spread over the
#: two years); the due, late, overdue, slipped, completed and withdrawn ones are added around them.
FOLLOW_UP_DAYS = (2, 9, 65, 290, 420, 560, 690)
#: Early follow-up: study days up to the Month 2 visit.
EARLY_FOLLOW_UP_LAST_DAY = 75
COMPLETED_DAYS = 745
WITHDRAWN_DAYS = 160


@dataclass(frozen=True)
class DemoSummary:
    participants: int
    by_status: dict[str, int]

    def __str__(self) -> str:
        parts = ", ".join(f"{n} {s}" for s, n in self.by_status.items() if n)
        return _("{count} participants ({parts})").format(count=self.participants, parts=parts)


class _Builder:
    def __init__(self, svc: Services, seed: int):
        self.svc = svc
        self.today = svc.today()
        self.rng = random.Random(seed)
        self.number = 0
        self.protocol = svc.default_protocol
        self.calendar = svc.site().calendar()
        first = self.today - timedelta(days=COMPLETED_DAYS + 60)
        weeks = (self.today + timedelta(days=60) - first).days // 7 + 1
        #: every start the site would choose, from before the oldest calendar to two months ahead
        self.starts = suggest_conditioning_starts(self.protocol, self.calendar, first, count=weeks)
        self.taken: set[date] = set()  # one participant per start: calendars spread over the weeks
        #: the starts that also keep SSC-1B's dose days (8, 9, 15, 16) open
        self.ssc_1b_starts = frozenset(suggest_conditioning_starts(self.protocol.for_cohort(SSC_1B), self.calendar,
                                                                   first, count=weeks))

    def next_id(self) -> tuple[str, str]:
        self.number += 1
        return f"{DEMO_SITE.number}-{self.number:03d}", INITIALS[(self.number - 1) % len(INITIALS)]

    def enrol(self, pid: str, ini: str, **details: Any) -> None:
        """Enrol the participant just numbered, in Spanish when it is one of :data:`SPANISH_SPEAKERS`."""
        self.svc.enrol(pid, ini, language="es" if self.number in SPANISH_SPEAKERS else "en", **details)

    # -- stages ------------------------------------------------------------------------------
    def screening_only(self, days_ago: int) -> None:
        pid, ini = self.next_id()
        self.enrol(pid, ini, screening_date=self.open_on_or_before(self.today - timedelta(days=days_ago)))

    def scheduled(self, start_in: int, cohort: str | None = None) -> None:
        """Conditioning planned at the first start offered from ``start_in`` days ahead; screened
        already when the start is close enough for the screening results to hold."""
        pid, ini = self.next_id()
        start = self.take(min(s for s in self.free_starts() if s >= self.today + timedelta(days=start_in)))
        screening: date | None = self.open_on_or_before(min(start - timedelta(days=12),
                                                            self.today - timedelta(days=2)))
        if screening is not None and (start - screening).days > self.protocol.conditioning.screening_valid_days:
            screening = None  # screening is still to come, in its window before the start
        self.enrol(pid, ini, conditioning_start=start, screening_date=screening, cohort=cohort)
        self.book_upcoming(pid)

    def ssc_1b(self, days_since_infusion: int, *, dose_3_not_given: bool = False) -> str:
        """A participant of cohort SSC-1B (doses on Days 1, 8 and 15), infused that many days (or more)
        ago at a start that keeps every dose day open; doing the dose visits records the doses. With
        ``dose_3_not_given``, dose 3 was recorded not given after dose 2 (its visits cancelled)."""
        pid, ini = self.next_id()
        offset = self.protocol.conditioning.planned_infusion_offset_days
        latest = self.today - timedelta(days=days_since_infusion + offset)
        start = self.take(max(s for s in self.free_starts() if s <= latest and s in self.ssc_1b_starts))
        infusion = planned_infusion(self.protocol, start)
        screening = self.open_on_or_before(start - timedelta(days=self.rng.randint(5, 20)))
        self.enrol(pid, ini, conditioning_start=start, screening_date=screening, cohort=SSC_1B)
        self.svc.record_conditioning(pid, start, days_done=3)
        self.svc.record_infusion(pid, infusion)
        if dose_3_not_given:
            self.catch_up(pid, until=infusion + timedelta(days=8))  # up to dose 2 (Day 8) given
            self.svc.record_dose_not_given(pid, 3, DOSE_NOT_GIVEN_REASON)
        self.catch_up(pid)
        self.book_upcoming(pid)
        return pid

    def conditioning(self) -> None:
        """Conditioning under way: the latest start offered whose infusion is today or later. When
        none is under way (on a Tuesday, or in a holiday week, no start is offered), the latest
        start offered, its infusion postponed: not given yet, Day 1 overdue."""
        pid, ini = self.next_id()
        started = [s for s in self.free_starts() if s <= self.today]
        running = [s for s in started if planned_infusion(self.protocol, s) >= self.today]
        start = self.take((running or started)[-1])
        infusion = planned_infusion(self.protocol, start)
        days = [nominal_target(v, start, infusion) for v in self.protocol.visits if v.kind is VisitKind.CONDITIONING]
        self.enrol(pid, ini, conditioning_start=start,
                       screening_date=self.open_on_or_before(start - timedelta(days=9)))
        self.svc.record_conditioning(pid, start, days_done=sum(1 for d in days if d <= self.today))
        if running:
            self.book_upcoming(pid)  # a postponed infusion leaves the Day visits to be re-planned

    def infused(self, days_since_infusion: int, *, start: date | None = None, slipped: bool = False,
                until: date | None = None, leave_in_window: bool = False, leave_overdue: bool = False,
                miss: Collection[str] = (), out_of_window: Collection[str] = ()) -> str:
        """A participant infused on the planned day of the latest start offered that many days
        (or more) ago; with ``slipped``, on the first later day that keeps Days 1-4 open."""
        pid, ini = self.next_id()
        if start is None:
            offset = self.protocol.conditioning.planned_infusion_offset_days
            latest = self.today - timedelta(days=days_since_infusion + offset)
            start = max(s for s in self.free_starts() if s <= latest)
        self.take(start)
        infusion = planned_infusion(self.protocol, start)
        if slipped:
            infusion = self.slipped_infusion(start, infusion)
        screening = self.open_on_or_before(start - timedelta(days=self.rng.randint(5, 20)))
        self.enrol(pid, ini, conditioning_start=start, screening_date=screening)
        self.svc.record_conditioning(pid, start, days_done=3)
        self.svc.record_infusion(pid, infusion)
        self.catch_up(pid, until=until, leave_in_window=leave_in_window, leave_overdue=leave_overdue,
                      miss=miss, out_of_window=out_of_window)
        if until is None:
            self.book_upcoming(pid)
        return pid

    def infused_with(self, status: VisitStatus, *, fallback_days: int) -> str:
        """A participant in follow-up with a visit in ``status`` today (due or late), its visits
        still in their window left open: the latest start whose planned calendar has one in early
        follow-up, else later on (on some days every early visit open today is past its target)."""
        start = self.start_with(status, EARLY_FOLLOW_UP_LAST_DAY) or self.start_with(status, 10_000)
        return self.infused(fallback_days, start=start, leave_in_window=True)

    def start_with(self, status: VisitStatus, last_study_day: int) -> date | None:
        for start in reversed(self.free_starts()):
            if planned_infusion(self.protocol, start) > self.today - timedelta(days=6):
                continue
            schedule = plan_schedule(self.protocol, Anchors(start), self.calendar)
            if any(v.kind is VisitKind.FOLLOW_UP and v.study_day <= last_study_day
                   and visit_status(v.window, self.today) is status for v in schedule.visits):
                return start
        return None

    def free_starts(self) -> list[date]:
        return [s for s in self.starts if s not in self.taken]

    def take(self, start: date) -> date:
        self.taken.add(start)
        return start

    def slipped_infusion(self, start: date, planned: date) -> date:
        for delay in range(1, self.protocol.conditioning.delay_warning_days + 1):
            day = planned + timedelta(days=delay)
            if day <= self.today and not any(
                v.closed_day for v in plan_schedule(self.protocol, Anchors(start, day), self.calendar).visits
            ):
                return day
        return planned

    # -- visits ------------------------------------------------------------------------------
    def catch_up(self, pid: str, *, until: date | None = None, leave_in_window: bool = False,
                 leave_overdue: bool = False, miss: Collection[str] = (), out_of_window: Collection[str] = ()) -> None:
        """Record what happened to every visit booked before ``until`` (default today)."""
        before = until or self.today
        record = self.svc.participant(pid)
        past = [v for v in record.visits if v.status.is_open and v.scheduled and v.scheduled < before]
        closed = [v for v in past if v.latest is not None and v.latest < self.today]
        forgotten = closed[-1] if leave_overdue and closed else None
        for v in past:
            assert v.latest is not None
            if v.code in miss:
                self.svc.miss_visit(pid, v.code, self.rng.choice(MISSED_REASONS))
            elif leave_in_window and v.latest >= self.today:
                continue  # still in its window: due or late on the worklist
            elif v is forgotten:
                continue  # window closed, nothing recorded: overdue
            else:
                self.complete(pid, v, before=before, out_of_window=v.code in out_of_window)

    def complete(self, pid: str, v: VisitRecord, *, before: date, out_of_window: bool = False) -> None:
        """Done on its booked day, now and then later in the window, always on an open day before
        ``before``. A visit whose whole window was closed is first booked on the next open day."""
        assert v.scheduled is not None and v.latest is not None
        last = before - timedelta(days=1)
        booked = v.scheduled
        if not self.calendar.is_open(booked):
            booked = self.open_on_or_after(booked)
            if booked > last:
                return  # its day has not come yet
            self.svc.book_visit(pid, v.code, booked, reason=CLOSED_WINDOW_REASON)
        actual = booked
        if out_of_window:
            actual = max(booked, self.open_on_or_after(v.latest + timedelta(days=1)))
        elif v.latest > booked and self.rng.random() < 0.1:
            actual = max(booked, self.open_on_or_before(min(v.latest, last)))  # late but in window
        if actual > last:
            actual = booked
        outcomes = {c: ProcedureOutcome(done=True) for c in v.procedures}
        for code, why in NOT_DONE_REASONS.items():
            if code in outcomes and self.rng.random() < 0.15:
                outcomes[code] = ProcedureOutcome(done=False, not_done_reason=why)
        if "PK" in outcomes and outcomes["PK"].done:
            outcomes["PK"] = ProcedureOutcome(done=True, time=time(10, 15), sample_id=f"PK-{pid}-{v.code}")
        self.svc.complete_visit(pid, v.code, actual, outcomes)

    def book_upcoming(self, pid: str, horizon_days: int = 21) -> None:
        """Appointments of the next three weeks: a time for most follow-up visits, and a visit whose
        whole window is closed moved to the nearest open day (a deviation, with the reason)."""
        record = self.svc.participant(pid)
        horizon = self.today + timedelta(days=horizon_days)
        for v in record.visits:
            if not (v.status.is_open and v.scheduled is not None and self.today <= v.scheduled <= horizon):
                continue
            on, reason = v.scheduled, None
            if not self.calendar.is_open(on):
                on, reason = self.open_on_or_after(on), CLOSED_WINDOW_REASON
            if v.kind is VisitKind.FOLLOW_UP and self.rng.random() < 0.7:
                slot = time(self.rng.choice((8, 9, 10, 11, 13, 14)), self.rng.choice((0, 30)))
                self.svc.book_visit(pid, v.code, on, time=slot, reason=reason)
            elif reason is not None:
                self.svc.book_visit(pid, v.code, on, reason=reason)

    def unscheduled(self, pid: str, days_ago: int) -> None:
        record = self.svc.participant(pid)
        on = self.open_on_or_before(self.today - timedelta(days=days_ago))
        if record.infusion_actual and on >= record.infusion_actual:
            self.svc.add_unscheduled_visit(pid, on, self.rng.choice(UNSCHEDULED_REASONS),
                                           ["VS", "CONMED", "AE", "HEME", "CHEM"])

    def open_on_or_before(self, d: date) -> date:
        while not self.calendar.is_open(d):
            d -= timedelta(days=1)
        return d

    def open_on_or_after(self, d: date) -> date:
        while not self.calendar.is_open(d):
            d += timedelta(days=1)
        return d


def fill_demo_site(svc: Services, *, seed: int = 7) -> DemoSummary:
    """Fill an empty database with the demo site; refuses a database that holds participants."""
    existing = svc.participants()
    if existing:
        raise ServiceError(_("the database already holds {count} participant(s): the demo fills an empty "
                             "database only (use --db with a new file)").format(count=len(existing)))
    svc.update_site(DEMO_SITE, SETUP_REASON)
    b = _Builder(svc, seed)
    b.screening_only(4)
    b.screening_only(11)
    b.scheduled(9)
    b.scheduled(20)
    b.scheduled(30, cohort=SSC_1A)
    b.conditioning()
    b.infused_with(VisitStatus.LATE, fallback_days=40)  # first pick of the starts: the rarer case
    b.infused_with(VisitStatus.DUE, fallback_days=5)
    b.infused(10, leave_overdue=True)  # the last visit whose window has closed: overdue
    for days in FOLLOW_UP_DAYS[:2]:
        b.infused(days)  # Days 1-4 just done, the first weekly visits coming
    slipped = b.infused(26, slipped=True)
    b.infused(FOLLOW_UP_DAYS[2])
    missed_early = b.infused(95, miss=("D21",))
    b.infused(130, out_of_window=("M3",))
    b.infused(200, miss=("M4",))
    long_follow_up = [b.infused(days) for days in FOLLOW_UP_DAYS[3:]]
    b.unscheduled(slipped, 8)
    b.unscheduled(missed_early, 30)
    b.unscheduled(long_follow_up[0], 100)
    b.ssc_1b(SSC_1B_DAYS[0])
    b.ssc_1b(SSC_1B_DAYS[1], dose_3_not_given=True)
    b.infused(COMPLETED_DAYS)  # end of study done
    withdrawal = b.open_on_or_before(b.today - timedelta(days=20))
    withdrawn = b.infused(WITHDRAWN_DAYS, until=withdrawal)
    svc.withdraw(withdrawn, withdrawal, "participant moved away and cannot attend visits")
    people = svc.participants()
    counts = {s.value: sum(1 for p in people if p.status is s) for s in ParticipantStatus}
    return DemoSummary(len(people), counts)


def synthetic_participants(n: int, today: date, *, seed: int = 11) -> list[NewParticipant]:
    """``n`` participants with conditioning starts spread from two years ago to two months ahead,
    for :meth:`Services.bulk_enrol` in benchmarks (the GUI's 1,000-participant benchmark too)."""
    rng = random.Random(seed)
    letters = "ABCDEFGHJKLMNPRSTVW"
    out = []
    for i in range(n):
        start = today - timedelta(days=rng.randrange(-60, 730))
        initials = "".join(rng.choice(letters) for _letter in range(rng.choice((2, 3))))
        out.append(NewParticipant(f"{100 + i // 999:03d}-{i % 999 + 1:03d}", initials, start))
    return out
