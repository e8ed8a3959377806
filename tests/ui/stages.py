"""Open a participant dialog through the main window at the stage where its action applies."""

from __future__ import annotations

from datetime import date
from typing import Any

from .test_workflows import C1, enrolled_in_follow_up, select_participant


def trigger_at_stage(qtbot: Any, window: Any, services: Any, action: str, screening: date | None = None,
                     visit: str = "D14") -> None:
    """Put participant 104-001 where ``action`` applies (else it is greyed: planning before
    conditioning, recording conditioning before the infusion, the rest in follow-up), select them
    and their ``visit`` (Day 14), and trigger the window's action. ``screening``: their screening
    date, for the stages before follow-up."""
    if action == "plan_conditioning":
        services.enrol("104-001", "JQD", screening_date=screening)
    elif action == "record_conditioning":
        services.enrol("104-001", "JQD", screening_date=screening, conditioning_start=C1)
    elif action == "record_infusion":
        services.enrol("104-001", "JQD", screening_date=screening, conditioning_start=C1)
        services.record_conditioning("104-001", C1, days_done=3)
    elif action == "change_cohort":
        services.enrol("104-001", "JQD", screening_date=screening, conditioning_start=C1)
    elif action == "record_dose":  # a multi-dose cohort, dose 1 given on its planned day
        services.enrol("104-001", "JQD", screening_date=screening, conditioning_start=C1, cohort="SSC-1B")
        services.record_conditioning("104-001", C1, days_done=3)
        services.record_infusion("104-001", date(2027, 1, 31))
    else:
        enrolled_in_follow_up(services)
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    window.participants.select_visit(visit)
    getattr(window.ui, f"action_{action}").trigger()
