"""Participant records built from the schedule engine alone, for tests of reports and exports
that need realistic data but no database."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

from ln_scheduler.domain.participant_status import participant_status
from ln_scheduler.domain.protocol import Protocol
from ln_scheduler.domain.protocol_loader import load_default_protocol
from ln_scheduler.domain.schedule import Anchors, plan_schedule
from ln_scheduler.domain.visit_status import VisitStatus, visit_status
from ln_scheduler.services.records import DoseRecord, ParticipantRecord, ProcedureRecord, SiteInfo, VisitRecord

SITE = SiteInfo(name="Lakeside Kidney Research Unit", number="104", timezone="America/Chicago",
                closure_rules=("weekends", "us-holidays"))


def sample_participant(
    pid: str = "104-001",
    initials: str = "JQD",
    conditioning_start: date = date(2027, 1, 26),
    infusion_actual: date | None = None,
    today: date = date(2027, 1, 20),
    protocol: Protocol | None = None,
    site: SiteInfo = SITE,
    done_through: date | None = None,
    cohort: str | None = None,
    doses: dict[int, date] | None = None,
    not_given_from: int | None = None,
) -> ParticipantRecord:
    """A participant with every fixed visit; visits scheduled on or before ``done_through`` are
    recorded as done on their scheduled date. ``cohort``: planned on that cohort's view of the
    protocol, with the later ``doses`` recorded given and ``not_given_from`` on not given (their
    visits cancelled)."""
    protocol = protocol or load_default_protocol()
    if cohort is not None:
        protocol = protocol.for_cohort(cohort)
    anchors = Anchors(conditioning_start, infusion_actual, doses=doses or {}, not_given_from=not_given_from)
    schedule = plan_schedule(protocol, anchors, site.calendar())
    visits = []
    for i, v in enumerate(schedule.visits, start=1):
        actual = v.scheduled if done_through and v.scheduled <= done_through and not v.cancelled else None
        visits.append(
            VisitRecord(
                id=i,
                participant_id=pid,
                code=v.code,
                name=v.name,
                kind=v.kind,
                occurrence=1,
                study_day=v.study_day,
                target=v.target,
                earliest=v.earliest,
                latest=v.latest,
                scheduled=v.scheduled,
                scheduled_time=None,
                actual=actual,
                status=VisitStatus.CANCELLED if v.cancelled else visit_status(v.window, today, actual),
                closed_day=v.closed_day,
                procedures=v.procedures,
                procedure_records=tuple(
                    ProcedureRecord(code=c, description=protocol.procedure_name(c), done=True if actual else None)
                    for c in v.procedures
                ),
                uid=str(uuid.uuid5(uuid.NAMESPACE_URL, f"ln-scheduler-test:{pid}:{v.code}")),
                dose_number=v.dose_number,
                anchor_label=v.anchor_label,
                cohort=protocol.cohort_code,
            )
        )
    status = participant_status(
        conditioning_planned=conditioning_start,
        conditioning_actual=conditioning_start if done_through and done_through >= conditioning_start else None,
        infusion_actual=infusion_actual,
        withdrawn_on=None,
        end_of_study_done=False,
    )
    return ParticipantRecord(
        id=pid,
        initials=initials,
        status=status,
        protocol_id=protocol.id,
        protocol_version=protocol.version,
        screening_date=None,
        conditioning_start_planned=conditioning_start,
        conditioning_start_actual=None,
        infusion_planned=schedule.infusion,
        infusion_actual=infusion_actual,
        withdrawal_date=None,
        withdrawal_reason=None,
        visits=tuple(visits),
        cohort=protocol.cohort_code,
        doses=tuple(DoseRecord(d.number, d.anchor_label, d.planned, d.date if d.recorded else None, d.given,
                               "toxicity" if d.given is False else None) for d in schedule.doses),
    )


def with_visit(record: ParticipantRecord, code: str, **changes: object) -> ParticipantRecord:
    """A copy of ``record`` with one visit changed (``scheduled=...``, ``status=...``)."""
    visits = tuple(replace(v, **changes) if v.code == code else v for v in record.visits)  # type: ignore[arg-type]
    return replace(record, visits=visits)
