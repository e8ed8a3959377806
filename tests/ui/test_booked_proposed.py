"""Booked and merely proposed dates look different everywhere, in words and not only in colour.

Issue 10, defect 5: the timeline, the worklist, the month calendar and the calendar files showed a
date the site booked with the participant and a date the schedule only suggested the same way."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette

from ln_scheduler.services.records import WorklistItem
from ln_scheduler.ui.dialogs.visit_dialog import VisitDialog
from ln_scheduler.ui.models import month_model, timeline_model, worklist_model
from ln_scheduler.ui.views.month_delegate import visit_lines
from tests.support.sample_records import SITE, sample_participant, with_visit

TODAY = date(2027, 2, 10)


@pytest.fixture
def participant():
    """Done through 5 February; Day 14 booked at 09:30, Day 21 booked for the day, the rest proposed."""
    p = sample_participant(today=TODAY, done_through=date(2027, 2, 5))
    p = with_visit(p, "D14", booked=True, scheduled_time=time(9, 30))
    return with_visit(p, "D21", booked=True)


def _timeline(participant) -> tuple[timeline_model.TimelineModel, dict[str, int]]:
    model = timeline_model.TimelineModel(TODAY)
    model.set_rows(participant.visits)
    return model, {v.code: i for i, v in enumerate(participant.visits)}


def test_the_timeline_says_booked_with_the_time_or_proposed_in_italic_grey(participant):
    model, row = _timeline(participant)

    def cell(code: str, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        return model.index(row[code], timeline_model.SCHEDULED).data(role)

    d14, d21, m2 = (participant.visit(c).scheduled for c in ("D14", "D21", "M2"))
    assert cell("D14") == f"Booked {d14:%a} {d14.isoformat()} 09:30"
    assert cell("D21") == f"Booked {d21:%a} {d21.isoformat()}"
    assert cell("M2") == f"Proposed {m2.isoformat()}"
    assert cell("D7") == "Done 2027-02-05 Fri"
    assert cell("M2", Qt.ItemDataRole.FontRole).italic()
    assert cell("M2", Qt.ItemDataRole.ForegroundRole) == QGuiApplication.palette().color(
        QPalette.ColorRole.PlaceholderText)
    assert cell("D14", Qt.ItemDataRole.FontRole) is None or not cell("D14", Qt.ItemDataRole.FontRole).italic()
    assert "not booked yet" in cell("M2", Qt.ItemDataRole.ToolTipRole)
    assert "Booked by the site" in cell("D14", Qt.ItemDataRole.ToolTipRole)
    assert model.headerData(timeline_model.SCHEDULED, Qt.Orientation.Horizontal) == "Date"


def test_the_worklist_has_a_booking_column_in_words(qtmodeltester, participant):
    model = worklist_model.WorklistModel()
    model.set_rows([WorklistItem(participant.id, participant.initials, participant.visit(c))
                    for c in ("D10", "D14", "D21")])
    qtmodeltester.check(model)
    assert model.headerData(worklist_model.TIME, Qt.Orientation.Horizontal) == "Booking"
    booking = {model.record(r).visit.code: model.index(r, worklist_model.TIME) for r in range(3)}
    assert booking["D14"].data() == "Booked 09:30"
    assert booking["D21"].data() == "Booked"
    assert booking["D10"].data() == "Proposed"
    assert booking["D10"].data(Qt.ItemDataRole.FontRole).italic()
    assert booking["D10"].data(Qt.ItemDataRole.ForegroundRole) is not None
    assert booking["D14"].data(Qt.ItemDataRole.FontRole) is None
    assert "TENTATIVE" in booking["D10"].data(Qt.ItemDataRole.ToolTipRole)


def test_the_month_calendar_marks_booked_and_proposed_visits_and_its_tooltip_says_it(participant):
    items = {c: WorklistItem(participant.id, participant.initials, participant.visit(c)) for c in ("D14", "M2")}
    assert visit_lines(items["D14"])[0] == "✓ 104-001 D14 09:30"
    assert visit_lines(items["M2"])[0] == "? 104-001 M2"
    done = WorklistItem(participant.id, participant.initials, participant.visit("D7"))
    assert visit_lines(done)[0] == "104-001 D7 done"  # what happened says it all

    model = month_model.MonthModel(TODAY, SITE.calendar())
    model.set_month(2027, 2, [items["D14"], WorklistItem(participant.id, participant.initials,
                                                         participant.visit("D10"))])
    tip = model.index_of(participant.visit("D14").scheduled).data(Qt.ItemDataRole.ToolTipRole)
    assert "Day 14 (Upcoming, booked 09:30)" in tip
    tip = model.index_of(participant.visit("D10").scheduled).data(Qt.ItemDataRole.ToolTipRole)
    assert "Day 10 (Late, proposed)" in tip


def test_the_month_legend_explains_the_marks(qtbot, window):
    legend = window.month.ui.legend_label.text().replace("\u00a0", " ")
    assert "✓ booked" in legend and "? proposed (not booked yet)" in legend


def test_the_visit_dialog_says_booked_or_proposed(qtbot, participant):
    booked = VisitDialog(participant, participant.visit("D14"), TODAY)
    qtbot.addWidget(booked)
    d14 = participant.visit("D14").scheduled
    assert booked.ui.scheduled_value.text() == f"Booked {d14:%a} {d14.isoformat()} 09:30"
    proposed = with_visit(participant, "M2")
    dialog = VisitDialog(proposed, proposed.visit("M2"), TODAY)
    qtbot.addWidget(dialog)
    assert dialog.ui.scheduled_value.text() == f"Proposed {proposed.visit('M2').scheduled.isoformat()} (not booked yet)"
