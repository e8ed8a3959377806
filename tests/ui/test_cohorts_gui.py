"""Cohorts and doses through the real main window (issue 12): enrol in SSC-1B from the keyboard,
record dose 2 late after reading the preview of every visit it moves, record dose 3 not given
with a reason (its visits shown cancelled), change a cohort with a reason, the list's cohort
filter, dose days marked in the month calendar and the worklist, and the site's enrolment
protocol version deciding which cohorts the enrol dialog offers."""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ln_scheduler.domain.visit_status import VisitStatus
from ln_scheduler.ui.dialogs.change_cohort_dialog import ChangeCohortDialog
from ln_scheduler.ui.dialogs.complete_visit_dialog import CompleteVisitDialog
from ln_scheduler.ui.dialogs.enrol_dialog import EnrolDialog
from ln_scheduler.ui.dialogs.record_dose_dialog import RecordDoseDialog
from ln_scheduler.ui.dialogs.site_settings_dialog import SiteSettingsDialog
from ln_scheduler.ui.main_window import WORKLIST_TAB
from ln_scheduler.ui.models import participant_list_model as pl
from ln_scheduler.ui.models import schedule_preview_model as preview
from ln_scheduler.ui.models import timeline_model as tl
from ln_scheduler.ui.models import worklist_model as wl
from ln_scheduler.ui.qt_dates import to_qdate
from ln_scheduler.ui.views.month_delegate import visit_lines

from .test_date_entry import activated, retype
from .test_workflows import save, saved_and_closed, select_participant, timeline_status, wait_dialog

PID = "104-007"
C1 = date(2027, 1, 18)  # Monday; dose 1 planned Sat 01-23, dose 2 Sat 01-30, dose 3 Sat 02-06
DOSE1 = date(2027, 1, 23)
LATE_DOSE2 = date(2027, 2, 3)  # Wednesday: 4 days after its planned date (a warning, not a refusal)


def ssc1b_after_dose_1(services: Any, pid: str = PID) -> None:
    services.enrol(pid, "KLM", conditioning_start=C1, cohort="SSC-1B")
    services.record_conditioning(pid, C1, days_done=3)
    services.record_infusion(pid, DOSE1)


def preview_rows(dialog: Any) -> dict[str, int]:
    return {dialog.model.record(r).code: r for r in range(dialog.model.rowCount())}


def cell(model: Any, row: int, column: int) -> str:
    return model.data(model.index(row, column))


def test_enrol_in_ssc_1b_from_the_keyboard_shows_the_cohort_everywhere(qtbot, window, services):
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = activated(qtbot, wait_dialog(qtbot, window, EnrolDialog))
    cohorts = [dialog.ui.cohort_combo.itemData(i) for i in range(dialog.ui.cohort_combo.count())]
    assert cohorts == ["LN", "SSC-1A", "SSC-1B"]  # version 2.0's, the site's default
    assert dialog.ui.cohort_combo.currentData() == "LN"
    qtbot.keyClicks(dialog.ui.participant_id_edit, PID)
    qtbot.keyClicks(dialog.ui.initials_edit, "klm")
    qtbot.keyClick(dialog, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)  # Co&hort
    qtbot.waitUntil(dialog.ui.cohort_combo.hasFocus)
    qtbot.keyClick(dialog.ui.cohort_combo, Qt.Key.Key_End)  # the last: SSC-1B
    assert dialog.ui.cohort_combo.currentData() == "SSC-1B"
    assert "3 doses, each planned 7 days after the one before" in dialog.ui.hint_label.text()
    assert dialog.ui.cohort_combo.currentText() == "SSC-1B: Refractory systemic sclerosis, Part 1b (three doses)"
    saved_and_closed(qtbot, dialog)

    record = services.participant(PID)
    assert record.cohort == "SSC-1B" and record.protocol_version == "2.0"
    qtbot.waitUntil(lambda: window.participants.record is not None and window.participants.record.id == PID)
    assert "cohort <b>SSC-1B</b>" in window.participants.ui.header_label.text()
    model = window.participants.list_model
    assert cell(model, model.row_of_key(PID), pl.COHORT) == "SSC-1B"


def test_the_cohort_filter_shows_one_cohort(qtbot, window, services):
    services.enrol("104-001", "JQD")
    services.enrol(PID, "KLM", cohort="SSC-1B")
    window.refresh(force=True)
    view = window.participants
    qtbot.waitUntil(lambda: view.list_proxy.rowCount() == 2)
    combo = view.ui.cohort_filter
    assert not combo.isHidden()  # two cohorts listed: the filter is offered
    combo.setCurrentIndex(combo.findData("SSC-1B"))
    assert view.list_proxy.rowCount() == 1
    assert view.list_proxy.index(0, pl.PARTICIPANT).data() == PID
    combo.setCurrentIndex(0)
    assert view.list_proxy.rowCount() == 2


def test_record_dose_2_late_with_the_preview_then_dose_3_not_given(qtbot, window, services, prompter):
    ssc1b_after_dose_1(services)
    window.refresh(force=True)
    select_participant(qtbot, window, PID)
    assert window.participants.ui.dose_button.isVisible() and window.participants.ui.dose_button.isEnabled()
    assert "dose 2 2027-01-30 Sat (planned)" in window.participants.ui.header_label.text()

    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = wait_dialog(qtbot, window, RecordDoseDialog)
    assert dialog.ui.dose_combo.currentData() == 2
    assert dialog.ui.date_edit.date() == to_qdate(date(2027, 1, 30))  # its planned date first
    dialog.ui.date_edit.setDate(to_qdate(LATE_DOSE2))
    rows = preview_rows(dialog)
    assert {"D8", "D9", "D11", "D15", "D16", "D18", "D22", "D29", "D43"} <= rows.keys()
    assert not {"SCR", "LD1", "D1", "D2", "D3", "D4", "M2", "M24"} & rows.keys()  # dose 1's visits stay
    assert cell(dialog.model, rows["D9"], preview.TARGET) == "2027-01-31 → 02-04"
    assert cell(dialog.model, rows["D15"], preview.TARGET) == "2027-02-06 → 02-10"  # X3 = dose 2 + 7
    assert "Recording dose 2 on 2027-02-03 moves" in dialog.ui.summary_label.text()
    assert "4 days after its planned date" in dialog.ui.warnings_label.text()
    # each warning a sentence in the window (a walk read "dose 2 (X2) on…" in lower case)
    assert all(line[:1].isupper() for line in dialog.ui.warnings_label.text().splitlines())
    assert dialog.ui.warnings_label.isVisible()
    assert services.participant(PID).dose(2).given is None  # the preview wrote nothing
    assert dialog.save_button.text() == "Record dose"
    saved_and_closed(qtbot, dialog)

    record = services.participant(PID)
    assert (record.dose(2).given, record.dose(2).actual) == (True, LATE_DOSE2)
    assert record.visit("D15").target == date(2027, 2, 10)
    assert record.visit("D2").target == date(2027, 1, 24)  # dose 1's visits did not move
    qtbot.waitUntil(lambda: "dose 2 2027-02-03 Wed (given)" in window.participants.ui.header_label.text())

    # dose 3: not given, with a reason; its visits are cancelled and the DLT visit follows dose 2
    window.ui.action_record_dose.trigger()
    dialog = activated(qtbot, wait_dialog(qtbot, window, RecordDoseDialog))
    assert [dialog.ui.dose_combo.itemData(i) for i in range(dialog.ui.dose_combo.count())] == [3]
    qtbot.keyClick(dialog, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # &Not given
    qtbot.waitUntil(dialog.ui.not_given_radio.isChecked)
    assert dialog.ui.reason_edit.isEnabled() and not dialog.ui.date_edit.isEnabled()
    # what is typed next is the reason (a walk's "grade 3 CRS" went to the radio button, and was lost)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.ui.reason_edit)
    rows = preview_rows(dialog)
    cancelled = {code for code, r in rows.items() if cell(dialog.model, r, preview.ACTION) == "Cancelled"}
    assert cancelled == {"D15", "D16", "D18", "D22", "D29"}
    assert cell(dialog.model, rows["D43"], preview.TARGET) == "2027-03-10 → 03-03"  # dose 2 + 28 days
    assert "Recording dose 3 as not given cancels 5 visits and moves 1" in dialog.ui.summary_label.text()
    save(qtbot, dialog)  # no reason yet: refused, nothing saved
    assert dialog.isVisible() and "reason" in dialog.ui.error_label.text()
    assert services.participant(PID).dose(3).given is None
    qtbot.keyClicks(dialog.ui.reason_edit, "grade 3 CRS after dose 2")
    assert dialog.save_button.text() == "Record not given"
    saved_and_closed(qtbot, dialog)

    record = services.participant(PID)
    assert record.dose(3).given is False
    for code in ("D15", "D16", "D18", "D22", "D29"):
        assert record.visit(code).status is VisitStatus.CANCELLED
        qtbot.waitUntil(lambda c=code: timeline_status(window, c) == "Cancelled")
    assert record.visit("D43").target == date(2027, 3, 3)
    assert "dose 3 not given" in window.participants.ui.header_label.text()
    model = window.participants.timeline_model
    assert model.data(model.index(model.row_of_key(("D8", 1)), tl.VISIT)) == "◆ Day 8: TAK-007 dose 2"
    # no later dose is left to record: the action and its button are greyed
    qtbot.waitUntil(lambda: not window.ui.action_record_dose.isEnabled())
    assert not window.participants.ui.dose_button.isEnabled()


def test_done_on_a_dose_day_says_what_recording_the_dose_moves_and_asks_no_window_reason(qtbot, window, services):
    """Seen in a walk (the command line): "Done" on D8 recorded dose 2 four days late with no word of
    the visits it moved, nor of the booked D9 to rebook; the dialog asked for an out-of-window reason
    although the dose day moves with the dose. What the Record dose dialog says, this one says."""
    ssc1b_after_dose_1(services)
    d9 = services.participant(PID).visit("D9")
    assert d9.scheduled is not None
    services.book_visit(PID, "D9", d9.scheduled, time=time(9, 30))
    window.refresh(force=True)
    select_participant(qtbot, window, PID)
    window.participants.select_visit("D8")
    window.ui.action_complete_visit.trigger()
    dialog = activated(qtbot, wait_dialog(qtbot, window, CompleteVisitDialog))
    retype(qtbot, dialog.ui.date_edit, LATE_DOSE2.isoformat())
    qtbot.keyClick(dialog.ui.date_edit, Qt.Key.Key_Tab)
    hint = dialog.ui.hint_label.text()
    assert "records dose 2 on 2027-02-03" in hint, hint
    assert "4 days after its planned date" in hint and "rebook" in hint
    assert "outside the window" not in hint
    qtbot.mouseClick(dialog.ui.all_done_button, Qt.MouseButton.LeftButton)
    saved_and_closed(qtbot, dialog)  # no reason asked
    record = services.participant(PID)
    assert record.dose(2).actual == LATE_DOSE2 and record.visit("D8").actual == LATE_DOSE2
    assert record.visit("D9").target == LATE_DOSE2 + timedelta(days=1)


def _done_dialog_on(qtbot: Any, window: Any, code: str) -> Any:
    select_participant(qtbot, window, PID)
    window.participants.select_visit(code)
    window.ui.action_complete_visit.trigger()
    return activated(qtbot, wait_dialog(qtbot, window, CompleteVisitDialog))


def test_the_dose_day_message_is_shown_whole_and_an_impossible_date_cannot_be_saved(qtbot, window, services):
    """Seen in a walk: with four booked visits to rebook the message needed ~180 px and got two lines
    (the rebook lines invisible); a date the dose rules refuse (too soon) left Record as done enabled
    and, saved, said the same sentence twice; on the planned date it said "moves 0 later visits"."""
    ssc1b_after_dose_1(services)
    for code in ("D9", "D11", "D15", "D16"):
        planned = services.participant(PID).visit(code).scheduled
        services.book_visit(PID, code, planned, time=time(9, 30))
    window.refresh(force=True)
    dialog = _done_dialog_on(qtbot, window, "D8")
    hint = dialog.ui.hint_label
    assert "moves no later visit" in hint.text(), hint.text()  # its planned date: nothing moves
    retype(qtbot, dialog.ui.date_edit, LATE_DOSE2.isoformat())
    qtbot.keyClick(dialog.ui.date_edit, Qt.Key.Key_Tab)
    qtbot.wait(1)
    assert hint.text().count("rebook it") == 4, hint.text()
    assert hint.height() >= hint.heightForWidth(hint.width()), (hint.height(), hint.heightForWidth(hint.width()))
    assert dialog.save_button.isEnabled()
    too_soon = DOSE1 + timedelta(days=3)
    retype(qtbot, dialog.ui.date_edit, too_soon.isoformat())
    qtbot.keyClick(dialog.ui.date_edit, Qt.Key.Key_Tab)
    assert "too soon" in hint.text()
    assert not dialog.save_button.isEnabled()
    retype(qtbot, dialog.ui.date_edit, LATE_DOSE2.isoformat())
    qtbot.keyClick(dialog.ui.date_edit, Qt.Key.Key_Tab)
    assert dialog.save_button.isEnabled()


def test_done_on_a_visit_that_records_no_dose_says_nothing_of_doses(qtbot, window, services):
    ssc1b_after_dose_1(services)
    window.refresh(force=True)
    select_participant(qtbot, window, PID)
    window.participants.select_visit("D2")
    window.ui.action_complete_visit.trigger()
    dialog = activated(qtbot, wait_dialog(qtbot, window, CompleteVisitDialog))
    assert "dose" not in dialog.ui.hint_label.text()


def test_the_record_dose_preview_shows_every_visit_name_whole(qtbot, window, services):
    """Seen in a walk: with four booked visits to rebook (bold rows) the preview cut "Day 15: TAK-007
    dos…" and "Day 43: DLT assessme…" at the dialog's size on a 1280 px screen."""
    from PySide6.QtGui import QFont, QFontMetrics

    ssc1b_after_dose_1(services)
    for code in ("D9", "D11", "D15", "D16"):
        planned = services.participant(PID).visit(code).scheduled
        services.book_visit(PID, code, planned, time=time(9, 30))
    window.refresh(force=True)
    select_participant(qtbot, window, PID)
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = wait_dialog(qtbot, window, RecordDoseDialog)
    dialog.resize(1256, dialog.height())  # its size on a 1,280 px screen (the tests' is 800 px)
    dialog.ui.date_edit.setDate(to_qdate(LATE_DOSE2))
    qtbot.wait(1)
    table = dialog.ui.preview_table
    bold = QFont(table.font())
    bold.setBold(True)
    widest = max(QFontMetrics(bold).horizontalAdvance(cell(dialog.model, r, preview.VISIT))
                 for r in range(dialog.model.rowCount()))
    assert table.columnWidth(preview.VISIT) >= widest + 6, (table.columnWidth(preview.VISIT), widest)


def test_a_dose_too_soon_after_the_previous_one_is_refused_in_the_dialog(qtbot, window, services):
    ssc1b_after_dose_1(services)
    window.refresh(force=True)
    select_participant(qtbot, window, PID)
    window.ui.action_record_dose.trigger()
    dialog = wait_dialog(qtbot, window, RecordDoseDialog)
    dialog.ui.date_edit.setDate(to_qdate(date(2027, 1, 29)))  # 6 days after dose 1
    assert "2027-01-23" in dialog.ui.error_label.text() and "2027-01-29" in dialog.ui.error_label.text()
    assert not dialog.save_button.isEnabled()
    assert dialog.model.rowCount() == 0


def test_record_dose_is_greyed_and_its_button_hidden_for_a_one_dose_cohort(qtbot, window, services):
    from .test_workflows import enrolled_in_follow_up

    enrolled_in_follow_up(services)
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    qtbot.waitUntil(lambda: not window.ui.action_record_dose.isEnabled())
    assert window.participants.ui.dose_button.isHidden()


def test_change_cohort_with_a_reason_previews_the_visits_it_adds(qtbot, window, services):
    services.enrol(PID, "KLM", conditioning_start=C1)  # LN by mistake
    window.refresh(force=True)
    select_participant(qtbot, window, PID)
    window.ui.action_change_cohort.trigger()
    dialog = wait_dialog(qtbot, window, ChangeCohortDialog)
    dialog.ui.cohort_combo.setCurrentIndex(dialog.ui.cohort_combo.findData("SSC-1B"))
    rows = preview_rows(dialog)
    added = {code for code, r in rows.items() if cell(dialog.model, r, preview.ACTION) == "New visit"}
    assert {"D8", "D15", "D43"} <= added
    assert "to <b>SSC-1B</b>" in dialog.ui.hint_label.text()
    save(qtbot, dialog)
    assert dialog.isVisible() and "reason" in dialog.ui.error_label.text()
    qtbot.keyClicks(dialog.ui.reason_edit, "eligibility review: refractory SSc, Part 1b")
    saved_and_closed(qtbot, dialog)
    assert services.participant(PID).cohort == "SSC-1B"
    qtbot.waitUntil(lambda: "cohort <b>SSC-1B</b>" in window.participants.ui.header_label.text())


def test_dose_days_are_marked_in_the_month_calendar_and_the_worklist(qtbot, window, services):
    ssc1b_after_dose_1(services)
    window.refresh(force=True)
    window.month.show_month(2027, 1)
    model = window.month.model
    qtbot.waitUntil(lambda: any(i.visit.code == "D8" for i in model.all_items()))
    lines = {i.visit.code: visit_lines(i)[0] for i in model.all_items() if i.participant_id == PID}
    assert lines["D8"].startswith("? 104-007 D8◆")  # proposed, and a dose day
    assert "◆" not in lines["D9"]
    assert "◆\u00a0dose\u00a0day" in window.month.ui.legend_label.text()
    tooltip = model.data(model.index_of(date(2027, 1, 30)), Qt.ItemDataRole.ToolTipRole)
    assert "104-007 ◆ Day 8: TAK-007 dose 2" in tooltip

    window.show_tab(WORKLIST_TAB)
    window.worklist.set_period("range", date(2027, 1, 18), date(2027, 2, 28))
    rows = window.worklist.model
    qtbot.waitUntil(lambda: any(rows.record(r).visit.code == "D15" for r in range(rows.rowCount())))
    texts = {rows.record(r).visit.code: cell(rows, r, wl.VISIT) for r in range(rows.rowCount())
             if rows.record(r).participant_id == PID}
    assert texts["D15"] == "◆ Day 15: TAK-007 dose 3"
    assert not texts["D16"].startswith("◆")


def test_the_site_enrolment_version_decides_the_cohorts_offered(qtbot, window, services):
    window.ui.action_site_settings.trigger()
    dialog = activated(qtbot, wait_dialog(qtbot, window, SiteSettingsDialog))
    combo = dialog.enrolment_version.combo
    assert combo.currentData() is None  # the newest shipped, by default
    qtbot.keyClick(dialog, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)  # Enrol new participants &on
    qtbot.waitUntil(combo.hasFocus)
    combo.setCurrentIndex(combo.findData("1.0"))
    qtbot.keyClicks(dialog.ui.reason_edit, "site approved version 1.0 only")
    saved_and_closed(qtbot, dialog)
    assert services.site().enrolment_protocol_version == "1.0"

    window.ui.action_enrol.trigger()
    dialog = wait_dialog(qtbot, window, EnrolDialog)
    assert [dialog.ui.cohort_combo.itemData(i) for i in range(dialog.ui.cohort_combo.count())] == ["LN"]
    qtbot.keyClicks(dialog.ui.participant_id_edit, PID)
    qtbot.keyClicks(dialog.ui.initials_edit, "KLM")
    saved_and_closed(qtbot, dialog)
    assert services.participant(PID).protocol_version == "1.0"


def test_plan_conditioning_of_an_ssc_1b_participant_keeps_every_dose_day_open(qtbot, window, services):
    from ln_scheduler.ui.dialogs.plan_conditioning_dialog import PlanConditioningDialog

    services.enrol(PID, "KLM", cohort="SSC-1B")
    window.refresh(force=True)
    select_participant(qtbot, window, PID)
    window.ui.action_plan_conditioning.trigger()
    dialog = wait_dialog(qtbot, window, PlanConditioningDialog)
    assert "(D1, D2, D3, D4, D8, D9, D15, D16)" in dialog.ui.suggestions_label.text()
    calendar = services.site().calendar()
    for row in range(dialog.model.rowCount()):
        start, _infusion = dialog.model.record(row)
        offsets = {"D1": 5, "D2": 6, "D3": 7, "D4": 8, "D8": 12, "D9": 13, "D15": 19, "D16": 20}
        for code, days in offsets.items():
            day = start + timedelta(days=days)
            assert calendar.is_open(day), (start, code, day)
    dialog.ui.start_date_edit.setDate(to_qdate(date(2027, 3, 1)))  # the spec's Monday: every dose on a Saturday
    assert "(D1, D2, D3, D4, D8, D9, D15, D16) on a day the site is closed" in dialog.ui.warnings_label.text()


def test_plan_conditioning_suggests_only_starts_the_screening_allows(qtbot, window, services):
    """Screening done on 2027-02-03: a start from 02-04 to 03-05 only. The suggestions went on past it
    (03-10, 03-17...), and picking one then said "Screening ... allows a start ... only" (a walk)."""
    from ln_scheduler.ui.dialogs.plan_conditioning_dialog import PlanConditioningDialog

    services.enrol(PID, "KLM", screening_date=date(2027, 2, 3))
    window.refresh(force=True)
    select_participant(qtbot, window, PID)
    window.ui.action_plan_conditioning.trigger()
    dialog = wait_dialog(qtbot, window, PlanConditioningDialog)
    starts = [dialog.model.record(row)[0] for row in range(dialog.model.rowCount())]
    assert starts, "some start in the allowed month keeps every fixed day open"
    assert all(date(2027, 2, 10) <= s <= date(2027, 3, 5) for s in starts), starts  # from today (02-10) on
    dialog.ui.suggestions_table.selectRow(len(starts) - 1)
    assert "allows a start" not in dialog.ui.warnings_label.text()


def test_plan_conditioning_says_why_no_start_is_suggested_before_the_screening_expires(qtbot, window, services):
    from ln_scheduler.ui.dialogs.plan_conditioning_dialog import PlanConditioningDialog

    services.enrol(PID, "KLM", screening_date=date(2027, 1, 13))  # allows 01-14 … 02-12; today is 02-10
    window.refresh(force=True)
    select_participant(qtbot, window, PID)
    window.ui.action_plan_conditioning.trigger()
    dialog = wait_dialog(qtbot, window, PlanConditioningDialog)
    assert dialog.model.rowCount() == 0
    assert "No start date up to 2027-02-12, when this screening expires" in dialog.ui.warnings_label.text()
    dialog.ui.start_date_edit.setDate(to_qdate(date(2027, 1, 27)))  # in range, every fixed day open
    assert dialog.ui.start_date_edit.date() == to_qdate(date(2027, 1, 27))
    assert "No start date up to" not in dialog.ui.warnings_label.text()  # a good start typed: said no more
