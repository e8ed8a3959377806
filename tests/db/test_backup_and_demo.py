"""`backup` gives a consistent SQLite copy of either engine; `demo` fills a realistic site."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from ln_scheduler.domain.participant_status import ParticipantStatus
from ln_scheduler.domain.visit_status import VisitStatus
from ln_scheduler.services.app import open_services
from ln_scheduler.services.demo import fill_demo_site
from ln_scheduler.services.errors import ServiceError

from .helpers import enrol_worked_example


def test_backup_is_a_complete_consistent_sqlite_copy(svc, tmp_path, clock):
    enrol_worked_example(svc, infusion=date(2027, 2, 3))
    svc.add_unscheduled_visit("104-001", date(2027, 2, 20), "Lupus flare", ["HEME"])
    path = svc.backup(tmp_path / "backup.sqlite3")
    with open_services(f"sqlite:///{path}", clock=clock) as copy:
        assert copy.participant("104-001") == svc.participant("104-001")
        assert copy.audit() == svc.audit()
        assert copy.verify_audit().ok and copy.verify_audit().last_hash == svc.verify_audit().last_hash
        assert copy.site() == svc.site()
    with pytest.raises(ServiceError, match="already exists"):
        svc.backup(path)


def test_demo_fills_a_site_at_every_stage(svc):
    summary = fill_demo_site(svc)
    people = svc.participants()
    assert 18 <= summary.participants == len(people) <= 24
    by_status = Counter(p.status for p in people)
    assert set(by_status) == set(ParticipantStatus)
    assert by_status[ParticipantStatus.WITHDRAWN] == 1
    statuses = Counter(v.status for p in people for v in svc.participant(p.id).visits)
    for wanted in (VisitStatus.DONE, VisitStatus.DONE_OUT_OF_WINDOW, VisitStatus.MISSED, VisitStatus.OVERDUE,
                   VisitStatus.UPCOMING, VisitStatus.CANCELLED):
        assert statuses[wanted] > 0, wanted
    assert any(v.code == "UNS" for p in people for v in svc.participant(p.id).visits)
    today = svc.today()
    assert svc.worklist(today, today.fromordinal(today.toordinal() + 13))
    assert svc.verify_audit().ok
    with pytest.raises(ServiceError, match="empty database only"):
        fill_demo_site(svc)
