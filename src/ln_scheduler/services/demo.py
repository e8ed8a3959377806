"""A realistic demo site, dated relative to today: about 20 participants at every stage from
screening to end of study, with visits done on time, late, out of window, missed and overdue,
unscheduled visits, bookings with times, and one withdrawal.

Everything goes through the public services (so the audit trail and the rules are the real ones);
identities are invented study IDs and initials only.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, time, timedelta

from ..domain.participant_status import ParticipantStatus
from .app import Services
from .enrolment import NewParticipant
from .errors import ServiceError
from .records import ProcedureOutcome, SiteInfo, VisitRecord

DEMO_SITE = SiteInfo(name="Lakeside Kidney Research Unit", number="104", timezone="America/New_York",
                     closure_rules=("weekends", "us-holidays"))
SETUP_REASON = "demo site set-up"
INITIALS = ("JQD", "MRK", "ALB", "TSW", "KPN", "RHG", "LVE", "DCM", "SYO", "BWF", "NAT", "EJC", "PQR", "GHL",
            "VMS", "CFD", "YKT", "OWB", "HUZ", "IRA", "UXE", "ZSP")
UNSCHEDULED_REASONS = ("Lupus flare", "Infection", "CRS follow-up", "Adverse event follow-up")
MISSED_REASONS = ("participant unwell, could not travel", "participant on holiday", "transport not available")
NOT_DONE_REASONS = {"ECHO": "echocardiography unavailable", "PK": "sample haemolysed", "UA": "no urine sample"}
#: Days since the infusion of the participants in follow-up (a spread over the two years).
FOLLOW_UP_DAYS = (2, 5, 9, 16, 26, 40, 65, 95, 130, 200, 290, 420, 560, 690)


@dataclass(frozen=True)
class DemoSummary:
    participants: int
    by_status: dict[str, int]

    def __str__(self) -> str:
        parts = ", ".join(f"{n} {s}" for s, n in self.by_status.items() if n)
        return f"{self.participants} participants ({parts})"


class _Builder:
    def __init__(self, svc: Services, seed: int):
        self.svc = svc
        self.today = svc.today()
        self.rng = random.Random(seed)
        self.number = 0

    def next_id(self) -> tuple[str, str]:
        self.number += 1
        return f"{DEMO_SITE.number}-{self.number:03d}", INITIALS[(self.number - 1) % len(INITIALS)]

    # -- stages ------------------------------------------------------------------------------
    def screening_only(self, days_ago: int) -> None:
        pid, ini = self.next_id()
        self.svc.enrol(pid, ini, screening_date=self.today - timedelta(days=days_ago))

    def scheduled(self, start_in: int) -> None:
        pid, ini = self.next_id()
        start = self.open_day(self.today + timedelta(days=start_in))
        screening = min(start - timedelta(days=12), self.today - timedelta(days=2))
        self.svc.enrol(pid, ini, conditioning_start=start, screening_date=screening)
        self.book_upcoming(pid)

    def conditioning(self, started_ago: int) -> None:
        pid, ini = self.next_id()
        start = self.today - timedelta(days=started_ago)
        self.svc.enrol(pid, ini, conditioning_start=start, screening_date=start - timedelta(days=9))
        self.svc.record_conditioning(pid, start, days_done=min(3, started_ago + 1))
        self.book_upcoming(pid)

    def infused(self, days_since_infusion: int, *, slip: int = 0) -> str:
        pid, ini = self.next_id()
        infusion = self.today - timedelta(days=days_since_infusion)
        start = infusion - timedelta(days=5 + slip)
        screening = start - timedelta(days=self.rng.randint(5, 20))
        self.svc.enrol(pid, ini, conditioning_start=start, screening_date=screening)
        self.svc.record_conditioning(pid, start, days_done=3)
        self.svc.record_infusion(pid, infusion)
        self.catch_up(pid)
        self.book_upcoming(pid)
        return pid

    # -- visits ------------------------------------------------------------------------------
    def catch_up(self, pid: str, *, leave_overdue: bool = True) -> None:
        """Record what happened to every visit whose date has passed."""
        record = self.svc.participant(pid)
        past = [v for v in record.visits if v.status.is_open and v.scheduled and v.scheduled < self.today]
        for i, v in enumerate(past):
            roll = self.rng.random()
            last = i == len(past) - 1
            if leave_overdue and last and v.latest and v.latest < self.today and roll < 0.25:
                continue  # left open: shows on the overdue list
            if roll < 0.06 and v.code not in ("D2", "D3", "D4"):
                self.svc.miss_visit(pid, v.code, self.rng.choice(MISSED_REASONS))
                continue
            self.complete(pid, v, roll)

    def complete(self, pid: str, v: VisitRecord, roll: float) -> None:
        assert v.scheduled is not None and v.latest is not None
        actual = v.scheduled
        has_window = v.target is not None and v.latest > v.target
        if has_window and 0.06 <= roll < 0.16 and v.latest > v.scheduled:
            actual = min(v.latest, self.today - timedelta(days=1))  # late but in window
        elif has_window and 0.16 <= roll < 0.19:
            actual = min(v.latest + timedelta(days=2), self.today - timedelta(days=1))  # out of window
        actual = max(actual, v.scheduled)
        outcomes = {c: ProcedureOutcome(done=True) for c in v.procedures}
        for code, why in NOT_DONE_REASONS.items():
            if code in outcomes and self.rng.random() < 0.15:
                outcomes[code] = ProcedureOutcome(done=False, not_done_reason=why)
        if "PK" in outcomes and outcomes["PK"].done:
            outcomes["PK"] = ProcedureOutcome(done=True, time=time(10, 15), sample_id=f"PK-{pid}-{v.code}")
        self.svc.complete_visit(pid, v.code, actual, outcomes)

    def book_upcoming(self, pid: str, horizon_days: int = 21) -> None:
        record = self.svc.participant(pid)
        for v in record.visits:
            soon = v.scheduled is not None and self.today <= v.scheduled <= self.today + timedelta(days=horizon_days)
            if soon and v.status.is_open and v.kind.value == "follow-up" and self.rng.random() < 0.7:
                slot = time(self.rng.choice((8, 9, 10, 11, 13, 14)), self.rng.choice((0, 30)))
                self.svc.book_visit(pid, v.code, v.scheduled, time=slot)

    def unscheduled(self, pid: str, days_ago: int) -> None:
        record = self.svc.participant(pid)
        on = self.today - timedelta(days=days_ago)
        if record.infusion_actual and on >= record.infusion_actual:
            self.svc.add_unscheduled_visit(pid, on, self.rng.choice(UNSCHEDULED_REASONS),
                                           ["VS", "CONMED", "AE", "HEME", "CHEM"])

    def open_day(self, d: date) -> date:
        calendar = DEMO_SITE.calendar()
        while not calendar.is_open(d):
            d += timedelta(days=1)
        return d


def fill_demo_site(svc: Services, *, seed: int = 7) -> DemoSummary:
    """Fill an empty database with the demo site; refuses a database that holds participants."""
    existing = svc.participants()
    if existing:
        raise ServiceError(f"the database already holds {len(existing)} participant(s): the demo fills an "
                           "empty database only (use --db with a new file)")
    svc.update_site(DEMO_SITE, SETUP_REASON)
    b = _Builder(svc, seed)
    b.screening_only(4)
    b.screening_only(11)
    b.scheduled(9)
    b.scheduled(20)
    b.conditioning(1)
    followed = [b.infused(days, slip=1 if days in (26, 290) else 0) for days in FOLLOW_UP_DAYS]
    b.unscheduled(followed[4], 8)
    b.unscheduled(followed[7], 30)
    b.unscheduled(followed[10], 100)
    b.infused(745)  # end of study done
    withdrawn = b.infused(160)
    svc.withdraw(withdrawn, b.today - timedelta(days=20), "participant moved away and cannot attend visits")
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
        initials = "".join(rng.choice(letters) for _ in range(rng.choice((2, 3))))
        out.append(NewParticipant(f"{100 + i // 999:03d}-{i % 999 + 1:03d}", initials, start))
    return out
