"""``audit verify``: the derived values a person reads, checked against what they derive from.

Why: a visit's study day is not in the audit trail (it follows from its target date and the
participant's Day 1, which are), so the replay does not compare it. Yet it is what the window's
Day column, the worksheets and the timeline show: ``UPDATE visits SET study_day = 15`` beside a
target of Day 14 made the window say "Day 15" and verify said "intact".

Every visit of a participant that has both a target and a study day was given that day from the
same Day 1 (re-planning rewrites them all; see ``calendar.plan_moves``). So each visit's stored day
implies a Day 1, and they must all agree with the participant's Day 1: the recorded infusion, else
the planned one (both stored and audited), else (neither stored) the Day 1 most visits imply. A
visit that disagrees was changed behind the application's back.

A visit's ``closed_day`` flag is not checked here: it derives from the site calendar, whose public
holidays come from the ``holidays`` package and may differ between its releases, so a mismatch is
not evidence of tampering.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.study_days import study_day
from ..i18n import _
from ..store.models import Participant, Visit
from .guards import visit_key


def _implied_day_one(target: date, day: int) -> date:
    """The Day 1 that makes ``target`` study day ``day`` (no Day 0: Day -1 is the day before Day 1)."""
    return target - timedelta(days=day - 1 if day > 0 else day)


def study_day_problems(session: Session) -> list[str]:
    """Visits whose stored study day does not follow from their target and their participant's Day 1."""
    p, v = Participant.__table__, Visit.__table__
    infusion = {pk: actual or planned for pk, actual, planned in session.execute(
        select(p.c.id, p.c.infusion_actual, p.c.infusion_planned)).tuples()}
    pid_of = dict(session.execute(select(p.c.id, p.c.study_id)).tuples().all())
    visits: dict[int, list[tuple[str, int, date, int]]] = defaultdict(list)
    query = select(v.c.participant_pk, v.c.code, v.c.occurrence, v.c.target, v.c.study_day).where(
        v.c.target.is_not(None), v.c.study_day.is_not(None)).order_by(v.c.participant_pk, v.c.id)
    for participant_pk, code, occurrence, target, day in session.execute(query):
        visits[participant_pk].append((code, occurrence, target, day))
    problems: list[str] = []
    for participant_pk, rows in visits.items():
        day_one = infusion.get(participant_pk)
        if day_one is None:
            implied = Counter(_implied_day_one(target, day) for _code, _occ, target, day in rows if day != 0)
            day_one = implied.most_common(1)[0][0] if implied else None
        if day_one is None:
            continue
        pid = pid_of.get(participant_pk, "?")
        for code, occurrence, target, day in rows:
            expected = study_day(target, day_one)
            if day != expected:
                problems.append(_(
                    "visit {key}, study_day: its target {target} is study day {expected} (Day 1 {day_one}), the "
                    "data says {day} (changed without an audit row)").format(
                    key=visit_key(pid, code, occurrence), target=target.isoformat(), expected=expected,
                    day_one=day_one.isoformat(), day=day))
    return problems
