"""Random sequences of the services a coordinator uses (enrol, plan, conditioning, infusion, book,
done, missed, unscheduled, withdraw, corrections), on both engines. After every step:

- nothing changed without an audit row: ``verify_audit`` replays the whole trail and compares it
  with the tables (and re-checks the sealed chain), so it must say intact;
- every open visit is where the domain rules put it: the calendar is re-planned with
  ``domain.plan_schedule`` from the participant's anchors and compared, date by date.

Bounded (a few examples of a dozen steps, one database per engine) so that each engine takes well
under a minute; refused actions (a ServiceError) are part of the game and must change nothing.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import date, timedelta
from itertools import count

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test

from ln_scheduler.domain.protocol import VisitKind
from ln_scheduler.domain.schedule import Anchors, plan_schedule
from ln_scheduler.domain.visit_status import VisitStatus
from ln_scheduler.services.app import ServiceError, Services
from ln_scheduler.services.records import ProcedureOutcome

from .helpers import worked_example_site

CLOSED = (VisitStatus.DONE, VisitStatus.MISSED, VisitStatus.CANCELLED)
CORRECTABLE = ("actual", "missed", "visit", "screening", "conditioning", "infusion", "withdrawal")


class CoordinatorDay(RuleBasedStateMachine):
    """One site database shared by every example (IDs never repeat), as a real site accumulates."""

    svc: Services
    ids: count

    def __init__(self) -> None:
        super().__init__()
        self.mine: list[str] = []

    def _try(self, action, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        with suppress(ServiceError):  # refused by a rule: must have written nothing (the invariant checks it)
            action(*args, **kwargs)

    def _visit(self, pid: str, index: int, *, open_only: bool = True):  # type: ignore[no-untyped-def]
        visits = [v for v in self.svc.participant(pid).visits if not open_only or v.status not in CLOSED]
        return visits[index % len(visits)] if visits else None

    @rule(days_ago=st.integers(-20, 150), screened=st.booleans())
    def enrol(self, days_ago: int, screened: bool) -> None:
        today = self.svc.today()
        pid = f"104-{next(self.ids):03d}"
        start = today - timedelta(days=days_ago)
        screening = start - timedelta(days=14) if screened and start - timedelta(days=14) <= today else None
        self._try(self.svc.enrol, pid, "AB", conditioning_start=start, screening_date=screening)
        if any(p.id == pid for p in self.svc.participants()):
            self.mine.append(pid)

    @precondition(lambda self: self.mine)
    @rule(who=st.integers(0, 2), steps=st.integers(1, 4))
    def progress(self, who: int, steps: int) -> None:
        """One of the newest participants takes the next steps of the study, as most of a site's do."""
        pid = self.mine[-1 - who % len(self.mine)]
        for _ in range(steps):
            p = self.svc.participant(pid)
            if p.withdrawal_date is not None or p.conditioning_start is None:
                return
            if p.conditioning_start_actual is None:
                self._try(self.svc.record_conditioning, pid, p.conditioning_start, days_done=3)
            elif p.infusion_actual is None and p.infusion_planned is not None:
                self._try(self.svc.record_infusion, pid, p.infusion_planned)
            else:
                today = self.svc.today()
                due = [v for v in p.visits if v.status not in CLOSED and v.scheduled and v.scheduled <= today]
                if due:
                    self._try(self.svc.complete_visit, pid, due[0].code, due[0].scheduled, occurrence=due[0].occurrence)

    @precondition(lambda self: self.mine)
    @rule(who=st.integers(0, 50), shift=st.integers(-30, 30))
    def plan(self, who: int, shift: int) -> None:
        p = self.svc.participant(self.mine[who % len(self.mine)])
        if p.conditioning_start is not None:
            self._try(self.svc.plan_conditioning, p.id, p.conditioning_start + timedelta(days=shift), reason="re-plan")

    @precondition(lambda self: self.mine)
    @rule(who=st.integers(0, 50), days=st.integers(1, 3))
    def conditioning(self, who: int, days: int) -> None:
        p = self.svc.participant(self.mine[who % len(self.mine)])
        if p.conditioning_start is not None:
            self._try(self.svc.record_conditioning, p.id, p.conditioning_start, days_done=days)

    @precondition(lambda self: self.mine)
    @rule(who=st.integers(0, 50), late=st.integers(0, 9))
    def infusion(self, who: int, late: int) -> None:
        p = self.svc.participant(self.mine[who % len(self.mine)])
        if p.infusion_planned is not None:
            self._try(self.svc.record_infusion, p.id, p.infusion_planned + timedelta(days=late))

    @precondition(lambda self: self.mine)
    @rule(who=st.integers(0, 50), which=st.integers(0, 40), offset=st.integers(-3, 3))
    def book(self, who: int, which: int, offset: int) -> None:
        pid = self.mine[who % len(self.mine)]
        v = self._visit(pid, which)
        if v is not None and v.target is not None:
            self._try(self.svc.book_visit, pid, v.code, v.target + timedelta(days=offset), occurrence=v.occurrence,
                      reason="participant's request")

    @precondition(lambda self: self.mine)
    @rule(who=st.integers(0, 50), which=st.integers(0, 40), with_procedures=st.booleans())
    def done(self, who: int, which: int, with_procedures: bool) -> None:
        pid = self.mine[who % len(self.mine)]
        v = self._visit(pid, which)
        if v is None:
            return
        when = min(v.scheduled or self.svc.today(), self.svc.today())
        outcomes = ({code: ProcedureOutcome(done=i % 2 == 0, not_done_reason=None if i % 2 == 0 else "refused",
                                            sample_id=f"S-{i}" if i % 2 == 0 else None)
                     for i, code in enumerate(v.procedures[:3])} if with_procedures else None)
        self._try(self.svc.complete_visit, pid, v.code, when, outcomes, occurrence=v.occurrence)

    @precondition(lambda self: self.mine)
    @rule(who=st.integers(0, 50), which=st.integers(0, 40))
    def missed(self, who: int, which: int) -> None:
        pid = self.mine[who % len(self.mine)]
        v = self._visit(pid, which)
        if v is not None:
            self._try(self.svc.miss_visit, pid, v.code, "participant unwell", occurrence=v.occurrence)

    @precondition(lambda self: self.mine)
    @rule(who=st.integers(0, 50), days_ago=st.integers(-10, 30))
    def unscheduled(self, who: int, days_ago: int) -> None:
        pid = self.mine[who % len(self.mine)]
        self._try(self.svc.add_unscheduled_visit, pid, self.svc.today() - timedelta(days=days_ago), "flare",
                  ["VS", "HEME"])

    @precondition(lambda self: self.mine)
    @rule(who=st.integers(0, 50))
    def withdraw(self, who: int) -> None:
        self._try(self.svc.withdraw, self.mine[who % len(self.mine)], self.svc.today(), "moved away")

    @precondition(lambda self: self.mine)
    @rule(who=st.integers(0, 2), which=st.integers(0, 40), what=st.sampled_from(CORRECTABLE))
    def correct(self, who: int, which: int, what: str) -> None:
        pid = self.mine[-1 - who % len(self.mine)]  # the newest: the ones with entries to correct
        if what in ("actual", "missed", "visit"):
            wanted = {"actual": VisitStatus.DONE, "missed": VisitStatus.MISSED}.get(what)
            visits = [v for v in self.svc.participant(pid).visits
                      if (v.status is wanted if wanted else v.kind is VisitKind.UNSCHEDULED)]
            if visits:
                v = visits[which % len(visits)]
                self._try(self.svc.correct_entry, pid, v.code, v.occurrence, what, "typed on the wrong row")
            return
        self._try(self.svc.correct_entry, pid, None, 1, what, "typed on the wrong row")

    # -- what must hold after every step -------------------------------------------------------
    @invariant()
    def nothing_changed_without_an_audit_row(self) -> None:
        result = self.svc.verify_audit()
        assert result.ok, result.problems

    @invariant()
    def dates_are_where_the_rules_put_them(self) -> None:
        calendar = self.svc.site().calendar()
        for pid in self.mine:
            p = self.svc.participant(pid)
            if p.conditioning_start is None or p.withdrawal_date is not None:
                continue
            protocol = self.svc.protocol(p.protocol_id, p.protocol_version)
            recorded = [v.actual for v in p.visits if v.kind is VisitKind.CONDITIONING and v.status is VisitStatus.DONE
                        and v.actual is not None]
            schedule = plan_schedule(protocol, Anchors(p.conditioning_start, p.infusion_actual,
                                                       max(recorded, default=None)), calendar)
            assert p.infusion_planned == schedule.infusion or p.infusion_actual is not None
            planned = {v.code: v for v in schedule.visits}
            for v in p.visits:
                want = planned.get(v.code)
                if want is None or v.occurrence != 1 or v.status in CLOSED:
                    continue
                assert (v.target, v.earliest, v.latest) == (want.target, want.earliest, want.latest), (pid, v.code)
                if not v.booked:
                    assert v.scheduled == want.scheduled, (pid, v.code)
                elif v.kind not in (VisitKind.CONDITIONING, VisitKind.INFUSION):
                    assert v.scheduled is not None


def test_random_service_sequences_keep_the_trail_and_the_calendar_true(svc: Services) -> None:
    worked_example_site(svc)
    ids = count(1)

    class Machine(CoordinatorDay):
        pass

    Machine.svc, Machine.ids = svc, ids
    run_state_machine_as_test(Machine, settings=settings(
        max_examples=6, stateful_step_count=15, deadline=None, derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]))
    assert svc.verify_audit().ok
    entries = svc.audit()
    # the sequences reached the interesting writes, not only enrolments
    assert {"infusion_actual", "actual", "scheduled", "state"} <= {e.field for e in entries if e.action == "update"}
    assert any(e.entity == "procedure" for e in entries)
    assert {"correct", "insert"} <= {e.action for e in entries}
    assert any(e.field == "withdrawal_date" for e in entries)


def test_the_first_rule_draws_are_real_calendars(svc: Services) -> None:
    """The machine's dates are not vacuous: an enrolment with a start in the past gets a dated calendar."""
    worked_example_site(svc)
    svc.enrol("104-900", "AB", conditioning_start=date(2027, 1, 26))
    assert all(v.target is not None for v in svc.participant("104-900").visits if v.kind is not VisitKind.UNSCHEDULED)
