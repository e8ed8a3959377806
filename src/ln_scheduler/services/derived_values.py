"""``audit verify``: the derived values a person reads, checked against what they derive from.

Why: a visit's study day is not in the audit trail (it follows from its target date and the
participant's Day 1, which are), so the replay does not compare it. Yet it is what the window's
Day column, the worksheets and the timeline show: ``UPDATE visits SET study_day = 15`` beside a
target of Day 14 made the window say "Day 15" and verify said "intact".

Every visit of a participant that has both a target and a study day was given that day from the
same Day 1 (re-planning rewrites them all; see ``calendar.plan_moves``): the recorded infusion, else
the planned one (both stored and audited). A participant with neither has no study days yet; a
dated visit of one with a Day 1 has one. A visit that disagrees was changed behind the
application's back.

A visit's ``closed_day`` flag is not checked here: it derives from the site calendar, whose public
holidays come from the ``holidays`` package and may differ between its releases, so a mismatch is
not evidence of tampering.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.study_days import study_day
from ..i18n import _
from ..store.models import Participant, Visit
from .guards import visit_key


def study_day_problems(session: Session) -> list[str]:
    """Visits whose stored study day does not follow from their target and their participant's Day 1
    (none without a Day 1, and none missing with one)."""
    p, v = Participant.__table__, Visit.__table__
    day_one, pid_of = {}, {}
    for pk, pid, actual, planned in session.execute(
            select(p.c.id, p.c.study_id, p.c.infusion_actual, p.c.infusion_planned)).tuples():
        day_one[pk], pid_of[pk] = actual or planned, pid
    query = select(v.c.participant_pk, v.c.code, v.c.occurrence, v.c.target, v.c.study_day).where(
        v.c.target.is_not(None) | v.c.study_day.is_not(None)).order_by(v.c.participant_pk, v.c.id)
    problems: list[str] = []
    for participant_pk, code, occurrence, target, day in session.execute(query):
        d1 = day_one.get(participant_pk)
        expected = study_day(target, d1) if d1 is not None and target is not None else None
        if day == expected:
            continue
        key = visit_key(pid_of.get(participant_pk, "?"), code, occurrence)
        if expected is None:
            problems.append(_("visit {key}, study_day: the data says {day}, but it has no study day (no target, or no "
                              "Day 1 yet) (changed without an audit row)").format(key=key, day=day))
        else:
            assert target is not None and d1 is not None  # expected is computed from both
            problems.append(_(
                "visit {key}, study_day: its target {target} is study day {expected} (Day 1 {day_one}), the "
                "data says {day} (changed without an audit row)").format(
                key=key, target=target.isoformat(), expected=expected, day_one=d1.isoformat(),
                day=day if day is not None else _("(empty)")))
    return problems
