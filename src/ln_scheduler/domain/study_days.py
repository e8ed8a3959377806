"""Study-day arithmetic. There is no Day 0: Day 1 is the infusion day, Day -1 the day before."""

from datetime import date, timedelta

from ..i18n import _


def study_day(d: date, infusion: date) -> int:
    """The study day of date ``d`` for infusion date ``infusion`` (never 0)."""
    delta = (d - infusion).days
    return delta + 1 if delta >= 0 else delta


def date_of_study_day(day: int, infusion: date) -> date:
    """The date of study day ``day``; refuses Day 0, which does not exist."""
    if day == 0:
        raise ValueError(_("there is no study day 0: Day 1 is the infusion day, Day -1 the day before"))
    return infusion + timedelta(days=day - 1 if day > 0 else day)
