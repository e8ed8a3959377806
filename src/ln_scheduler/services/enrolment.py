"""Enrolling participants: one at a time (GUI, CLI) or in bulk (site migration, benchmarks).

The ID format is the site's pattern (default ``NNN-NNN``); only the study ID and initials are
stored, never a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice
from typing import Any

from sqlalchemy import insert, select

from ..domain.dates import check_sensible
from ..domain.errors import DomainError
from ..domain.participant_status import participant_status
from ..domain.protocol import Protocol, VisitDefinition, VisitKind
from ..domain.schedule import Anchors, PlannedVisit, conditioning_start_range, plan_schedule
from ..i18n import _
from ..store.models import DEFAULT_LANGUAGE, STATE_DONE, STATE_OPEN, Participant, Visit
from .calendar import new_uid, new_visit, schedule_for, undated_visit, visit_key, visit_summary
from .context import ServiceContext, Tx
from .errors import ServiceError
from .guards import INITIALS
from .participant_language import participant_language
from .records import SiteInfo
from .site import enrolment_protocol, read_site
from .tables import core_table


@dataclass(frozen=True)
class NewParticipant:
    """One row for :meth:`Services.bulk_enrol`."""

    pid: str
    initials: str
    conditioning_start: date | None = None
    screening_date: date | None = None
    cohort: str | None = None  # None: the enrolment protocol's first cohort (LN)
    language: str = DEFAULT_LANGUAGE  # of what they take home (an i18n code)


def check_identity(pid: str, initials: str, site: SiteInfo) -> tuple[str, str]:
    key = pid.strip()
    if not re.fullmatch(site.participant_id_pattern, key):
        example = "104-001" if site.participant_id_pattern == SiteInfo.participant_id_pattern else ""
        raise ServiceError(
            _("participant ID '{id}' does not match the site's format ({pattern}, e.g. {example})").format(
                id=key, pattern=site.participant_id_pattern, example=example) if example else
            _("participant ID '{id}' does not match the site's format ({pattern})").format(
                id=key, pattern=site.participant_id_pattern)
        )
    ini = initials.strip().upper()
    if not INITIALS.fullmatch(ini):
        raise ServiceError(_("initials '{initials}' are not valid: 1 to 4 letters (never a name), e.g. "
                             "JQD").format(initials=initials.strip()))
    return key, ini


def check_screening(protocol: Protocol, screening: date | None, start: date | None, today: date) -> None:
    if screening is not None:
        check_sensible(screening, _("screening date"))
        if screening > today:
            raise ServiceError(_("screening date {date} is in the future (today is {today})").format(
                date=screening.isoformat(), today=today.isoformat()))
    if screening is not None and start is not None:
        lo, hi = conditioning_start_range(protocol, screening)
        if not lo <= start <= hi:
            raise ServiceError(
                _("conditioning start {date} is outside what screening on {screening} allows ({earliest} to "
                  "{latest})").format(date=start.isoformat(), screening=screening.isoformat(),
                                      earliest=lo.isoformat(), latest=hi.isoformat())
            )


def cohort_view(protocol: Protocol, cohort: str | None) -> Protocol:
    """The view of ``protocol`` for ``cohort`` (None: its first cohort, LN); an unknown code is
    refused with the codes there are."""
    code = protocol.default_cohort.code if cohort is None or not cohort.strip() else cohort.strip().upper()
    protocol.cohort(code)  # a DomainError listing the cohorts of this version
    return protocol.for_cohort(code)


def start_warnings(ctx: ServiceContext, start: date, cohort: str | None) -> tuple[str, ...]:
    """The warnings of the calendar a conditioning start gives a new participant of ``cohort``."""
    with ctx.read() as session:
        site = read_site(session)
    view = cohort_view(enrolment_protocol(ctx, site), cohort)
    try:
        return plan_schedule(view, Anchors(start), site.calendar()).warnings
    except DomainError as exc:
        return (str(exc),)


def enrol(ctx: ServiceContext, pid: str, initials: str, *, conditioning_start: date | None,
          screening_date: date | None, protocol: Protocol | None, cohort: str | None = None,
          language: str = DEFAULT_LANGUAGE) -> None:
    """``protocol`` None: the site's enrolment version (else the newest shipped); ``cohort`` None: its
    first cohort; ``language``: of what the participant takes home (checked: a language we have)."""
    code = participant_language(language)
    if conditioning_start is not None:
        check_sensible(conditioning_start, _("conditioning start"))
    with ctx.write() as tx:
        site = read_site(tx.session)
        whole = protocol or enrolment_protocol(ctx, site)
        view = cohort_view(whole, cohort)
        key, ini = check_identity(pid, initials, site)
        tx.subject = (_("participant {id}").format(id=key), key)
        if tx.session.execute(select(Participant.id).where(Participant.study_id == key)).first():
            raise ServiceError(_("participant {id} is already enrolled").format(id=key))
        check_screening(view, screening_date, conditioning_start, tx.today)
        ctx.protocols.ensure_stored(tx.session, whole, tx.now, tx.audit)
        p = _build(tx, key, ini, view, conditioning_start, screening_date, site, code)
        tx.session.add(p)


def _build(tx: Tx, key: str, ini: str, protocol: Protocol, start: date | None, screening: date | None,
           site: SiteInfo, language: str) -> Participant:
    """``protocol``: the cohort's view."""
    p = Participant(
        study_id=key, initials=ini, protocol_id=protocol.id, protocol_version=protocol.version,
        cohort=protocol.cohort_code, language=language,
        screening_date=screening, conditioning_start_planned=start, created_at=tx.now,
        status=participant_status(conditioning_planned=start, conditioning_actual=None, infusion_actual=None,
                                  withdrawn_on=None, end_of_study_done=False).value,
    )
    if start is not None:
        schedule = schedule_for(protocol, start, None, site.calendar())
        p.infusion_planned = schedule.infusion
        visits = [new_visit(p, pv) for pv in schedule.visits]
    else:
        visits = [undated_visit(d) for d in protocol.calendar_visits]
    for v in visits:
        if screening is not None and v.kind == VisitKind.SCREENING.value:
            v.actual, v.state = screening, STATE_DONE
            v.deviation = v.earliest is not None and v.latest is not None and not (v.earliest <= screening <= v.latest)
    p.visits = visits
    tx.audit.add(action="insert", entity="participant", key=key, participant_id=key, field="participant",
                 new={"initials": ini, "protocol": f"{protocol.id} {protocol.version}", "cohort": p.cohort,
                      "language": language, "screening_date": screening, "conditioning_start_planned": start,
                      "infusion_planned": p.infusion_planned, "status": p.status})
    for v in visits:
        tx.audit.add(action="insert", entity="visit", key=visit_key(key, v.code, 1), participant_id=key,
                     field="visit", new=visit_summary(v))
    return p


def _chunks(items: Iterable[NewParticipant], size: int) -> Iterator[list[NewParticipant]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def bulk_enrol(ctx: ServiceContext, people: Iterable[NewParticipant], *, reason: str,
               batch_size: int = 200) -> int:
    """Core bulk inserts (the ORM's unit of work is ~10x slower for thousands of rows); the same
    checks and the same audit rows as :func:`enrol`. One transaction per batch, on the site's enrolment
    protocol version, each participant in their cohort."""
    total = 0
    for chunk in _chunks(people, batch_size):
        with ctx.write() as tx:
            site = read_site(tx.session)
            calendar = site.calendar()
            whole = enrolment_protocol(ctx, site)
            ctx.protocols.ensure_stored(tx.session, whole, tx.now, tx.audit)
            keys = []
            languages = []
            for person in chunk:
                key, _initials = check_identity(person.pid, person.initials, site)
                keys.append(key)
                languages.append(participant_language(person.language))
            if len(set(keys)) != len(keys):
                raise ServiceError(_("the same participant ID appears twice in the batch"))
            taken = tx.session.execute(
                select(Participant.study_id).where(Participant.study_id.in_(keys))
            ).scalars().all()
            if taken:
                raise ServiceError(_("participant {id} is already enrolled").format(id=sorted(taken)[0]))
            p_rows = []
            plans = []
            for person, key, language in zip(chunk, keys, languages, strict=True):
                protocol = cohort_view(whole, person.cohort)
                ini = person.initials.strip().upper()
                check_screening(protocol, person.screening_date, person.conditioning_start, tx.today)
                start = person.conditioning_start
                schedule = schedule_for(protocol, start, None, calendar) if start else None
                status = participant_status(conditioning_planned=start, conditioning_actual=None,
                                            infusion_actual=None, withdrawn_on=None, end_of_study_done=False).value
                p_rows.append({
                    "study_id": key, "initials": ini, "status": status, "protocol_id": protocol.id,
                    "protocol_version": protocol.version, "cohort": protocol.cohort_code,
                    "language": language, "screening_date": person.screening_date,
                    "conditioning_start_planned": start, "conditioning_start_actual": None,
                    "infusion_planned": schedule.infusion if schedule else None, "infusion_actual": None,
                    "withdrawal_date": None, "withdrawal_reason": None, "created_at": tx.now, "version": 1,
                })
                plans.append((person, key, ini, schedule, protocol))
            ids = dict(tx.session.execute(
                insert(core_table(Participant)).returning(Participant.__table__.c.study_id,
                                                          Participant.__table__.c.id,
                                                        sort_by_parameter_order=True),
                p_rows,
            ).tuples().all())
            v_rows = []
            for (person, key, ini, schedule, protocol), p_row in zip(plans, p_rows, strict=True):
                tx.audit.add(action="insert", entity="participant", key=key, participant_id=key,
                             field="participant", reason=reason,
                             new={"initials": ini, "protocol": f"{protocol.id} {protocol.version}",
                                  "cohort": p_row["cohort"], "language": p_row["language"],
                                  "screening_date": person.screening_date,
                                  "conditioning_start_planned": person.conditioning_start,
                                  "infusion_planned": p_row["infusion_planned"], "status": p_row["status"]})
                planned = schedule.visits if schedule else protocol.calendar_visits
                for pv in planned:
                    row = _visit_row(ids[key], pv)
                    if person.screening_date is not None and row["kind"] == VisitKind.SCREENING.value:
                        row["actual"], row["state"] = person.screening_date, STATE_DONE
                    v_rows.append(row)
                    tx.audit.add(action="insert", entity="visit", key=visit_key(key, row["code"], 1),
                                 participant_id=key, field="visit", reason=reason, new=visit_summary(row))
            tx.session.execute(insert(core_table(Visit)), v_rows)
        total += len(chunk)
    return total


def _visit_row(participant_pk: int, pv: PlannedVisit | VisitDefinition) -> dict[str, Any]:
    """One visit as bulk enrolment inserts it (Core, a column per key): a planned visit dated, a
    protocol's definition (no conditioning start yet) undated. The visits table itself checks the
    keys (Core refuses an unknown column); the columns as read back are ``mapping.StoredVisit``."""
    row: dict[str, Any] = {
        "participant_pk": participant_pk, "code": pv.code, "occurrence": 1, "name": pv.name,
        "kind": pv.kind.value, "study_day": None, "target": None, "earliest": None, "latest": None,
        "scheduled": None, "scheduled_time": None, "closed_day": False, "booked": False,
        "actual": None, "state": STATE_OPEN, "reason": None, "deviation": False, "uid": new_uid(),
        "sequence": 0, "version": 1,
    }
    if isinstance(pv, PlannedVisit):
        row.update({"study_day": pv.study_day, "target": pv.target, "earliest": pv.earliest, "latest": pv.latest,
                    "scheduled": pv.scheduled, "closed_day": pv.closed_day})
    return row
