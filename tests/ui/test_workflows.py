"""Acceptance: a coordinator's day driven through the real window on a temporary database —
enrol, plan, record conditioning and infusion (with the re-anchor preview), complete a visit,
miss one, withdraw; conflicts and errors keep what was typed and say why."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt

from ln_scheduler.domain.participant_status import ParticipantStatus
from ln_scheduler.domain.visit_status import VisitStatus
from ln_scheduler.ui.dialogs.book_visit_dialog import BookVisitDialog
from ln_scheduler.ui.dialogs.complete_visit_dialog import CompleteVisitDialog
from ln_scheduler.ui.dialogs.enrol_dialog import EnrolDialog
from ln_scheduler.ui.dialogs.miss_visit_dialog import MissVisitDialog
from ln_scheduler.ui.dialogs.plan_conditioning_dialog import PlanConditioningDialog
from ln_scheduler.ui.dialogs.record_conditioning_dialog import RecordConditioningDialog
from ln_scheduler.ui.dialogs.record_infusion_dialog import RecordInfusionDialog
from ln_scheduler.ui.dialogs.visit_dialog import VisitDialog
from ln_scheduler.ui.dialogs.withdraw_dialog import WithdrawDialog
from ln_scheduler.ui.main_window import PARTICIPANTS_TAB, WORKLIST_TAB
from ln_scheduler.ui.models import procedure_checklist_model as checklist
from ln_scheduler.ui.models import schedule_preview_model as preview
from ln_scheduler.ui.models import timeline_model as tl
from ln_scheduler.ui.models.roles import Role
from ln_scheduler.ui.qt_dates import to_qdate

from .conftest import TODAY, open_test_services
from .dialog_waits import wait_closed

C1 = date(2027, 1, 26)  # conditioning start of the schedule's worked example (a Tuesday)


def wait_dialog(qtbot: Any, window: Any, cls: type) -> Any:
    qtbot.waitUntil(lambda: isinstance(window.active_dialog, cls) and window.active_dialog.isVisible())
    return window.active_dialog


def save(qtbot: Any, dialog: Any) -> None:
    """Press the dialog's Save button as a user would."""
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def saved_and_closed(qtbot: Any, dialog: Any) -> None:
    save(qtbot, dialog)
    assert dialog.last_error is None, dialog.last_error
    wait_closed(qtbot, dialog)


def select_participant(qtbot: Any, window: Any, pid: str) -> None:
    window.show_tab(PARTICIPANTS_TAB)
    assert window.participants.select_participant(pid)
    qtbot.waitUntil(lambda: window.participants.record is not None and window.participants.record.id == pid)


def timeline_status(window: Any, code: str) -> str:
    model = window.participants.timeline_model
    return model.data(model.index(model.row_of_key((code, 1)), tl.STATUS))


def enrolled_in_follow_up(services: Any, pid: str = "104-001", infusion: date = date(2027, 1, 31)) -> None:
    services.enrol(pid, "JQD", conditioning_start=C1)
    services.record_conditioning(pid, C1, days_done=3)
    services.record_infusion(pid, infusion)


# --- the acceptance flow ---------------------------------------------------------------------------
def test_enrol_from_the_keyboard_then_the_participant_is_selected(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # Ctrl+N
    dialog = wait_dialog(qtbot, window, EnrolDialog)
    qtbot.keyClicks(dialog.ui.participant_id_edit, "104-001")
    qtbot.keyClicks(dialog.ui.initials_edit, "jqd")  # typed lower case, stored upper case
    saved_and_closed(qtbot, dialog)
    assert window.services.participant("104-001").initials == "JQD"
    assert window.current_tab() == PARTICIPANTS_TAB
    assert window.participants.record.id == "104-001"
    assert "Screening" in window.participants.ui.header_label.text()


def test_enrol_refuses_a_malformed_id_and_keeps_the_dialog_open(qtbot, window):
    window.ui.action_enrol.trigger()
    dialog = wait_dialog(qtbot, window, EnrolDialog)
    qtbot.keyClicks(dialog.ui.participant_id_edit, "Jane Doe")
    qtbot.keyClicks(dialog.ui.initials_edit, "JD")
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.ui.error_label.isVisibleTo(dialog)
    assert "does not look like a participant ID" in dialog.ui.error_label.text()
    assert dialog.ui.participant_id_edit.text() == "Jane Doe"  # nothing typed is lost
    assert window.services.participants() == []


def test_plan_conditioning_offers_start_dates_that_keep_days_1_to_4_open(qtbot, window, services):
    services.enrol("104-001", "JQD")
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    window.ui.action_plan_conditioning.trigger()
    dialog = wait_dialog(qtbot, window, PlanConditioningDialog)
    suggestions = [dialog.model.record(r) for r in range(dialog.model.rowCount())]
    assert suggestions, "no suggested start dates"
    calendar = services.site().calendar()
    for start, infusion in suggestions:
        assert start >= TODAY
        assert calendar.is_open(start) and calendar.is_open(infusion)
    first_start = suggestions[0][0]
    assert dialog.ui.start_date_edit.date() == to_qdate(first_start)  # the first suggestion is chosen
    saved_and_closed(qtbot, dialog)
    record = services.participant("104-001")
    assert record.conditioning_start_planned == first_start
    assert record.status is ParticipantStatus.SCHEDULED
    assert timeline_status(window, "LD1") == "Upcoming"
    ld1 = window.participants.timeline_model.row_of_key(("LD1", 1))
    assert window.participants.timeline_model.record(ld1).target == first_start


def test_plan_conditioning_warns_when_the_infusion_would_fall_on_a_sunday(qtbot, window, services):
    services.enrol("104-001", "JQD")
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    window.ui.action_plan_conditioning.trigger()
    dialog = wait_dialog(qtbot, window, PlanConditioningDialog)
    dialog.ui.start_date_edit.setDate(to_qdate(date(2027, 3, 2)))  # Tuesday: Day 1 is Sunday 7 March
    assert dialog.ui.warnings_label.isVisibleTo(dialog)
    assert "closed" in dialog.ui.warnings_label.text()


def test_record_conditioning_then_infusion_with_the_reanchor_preview(qtbot, window, services):
    services.enrol("104-001", "JQD", conditioning_start=C1)
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")

    window.ui.action_record_conditioning.trigger()
    dialog = wait_dialog(qtbot, window, RecordConditioningDialog)
    assert dialog.ui.date_edit.date() == to_qdate(C1)
    assert dialog.days_done == 3  # all three days are in the past
    saved_and_closed(qtbot, dialog)
    assert services.participant("104-001").status is ParticipantStatus.CONDITIONING

    # The site booked Day 7 on its suggested date; then the infusion slips from Sun 31 Jan to Wed 3 Feb.
    services.book_visit("104-001", "D7", date(2027, 2, 5))
    window.refresh(force=True)
    window.ui.action_record_infusion.trigger()
    dialog = wait_dialog(qtbot, window, RecordInfusionDialog)
    dialog.ui.date_edit.setDate(to_qdate(date(2027, 2, 3)))
    rows = {dialog.model.record(r).code: r for r in range(dialog.model.rowCount())}
    assert {"D7", "D10", "M24"} <= rows.keys()
    assert not {"SCR", "LD1", "LD2", "LD3"} & rows.keys()  # conditioning-anchored visits never move
    d7 = rows["D7"]
    assert dialog.model.data(dialog.model.index(d7, preview.SCHEDULED)) == "2027-02-05 Fri → 02-09 Tue"
    assert "outside the new window" in dialog.model.data(dialog.model.index(d7, preview.ACTION))
    assert "1 booked appointment falls outside the new window" in dialog.ui.summary_label.text()
    assert services.participant("104-001").infusion_actual is None  # the preview wrote nothing

    saved_and_closed(qtbot, dialog)
    record = services.participant("104-001")
    assert record.infusion_actual == date(2027, 2, 3)
    assert record.visit("D7").scheduled == date(2027, 2, 9)
    assert record.visit("LD1").target == C1
    assert timeline_status(window, "D1") == "Done"


def test_record_infusion_refuses_a_date_too_soon_after_conditioning(qtbot, window, services):
    services.enrol("104-001", "JQD", conditioning_start=C1)
    services.record_conditioning("104-001", C1, days_done=3)
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    window.ui.action_record_infusion.trigger()
    dialog = wait_dialog(qtbot, window, RecordInfusionDialog)
    dialog.ui.date_edit.setDate(to_qdate(date(2027, 1, 29)))  # LD3 + 1 day: too soon
    assert "too soon" in dialog.ui.error_label.text()
    assert not dialog.save_button.isEnabled()
    assert dialog.model.rowCount() == 0


def test_complete_a_visit_with_the_procedure_checklist(qtbot, window, services):
    enrolled_in_follow_up(services)
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    window.participants.select_visit("D7")
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)  # Ctrl+D: visit done
    dialog = wait_dialog(qtbot, window, CompleteVisitDialog)
    assert "Day 7" in dialog.ui.visit_label.text()
    dialog.ui.date_edit.setDate(to_qdate(date(2027, 2, 5)))
    model = dialog.model
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter alone must not record every procedure done
    assert dialog.isVisible() and "not recorded yet" in dialog.ui.error_label.text()
    assert services.participant("104-001").visit("D7").actual is None
    pk = [r.code for r in model.rows()].index("PK")
    model.setData(model.index(pk, checklist.NOT_DONE), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    qtbot.mouseClick(dialog.ui.all_done_button, Qt.MouseButton.LeftButton)  # the rest, explicitly
    save(qtbot, dialog)
    assert dialog.isVisible() and "reason for each procedure not done" in dialog.ui.error_label.text()
    model.setData(model.index(pk, checklist.REASON), "sample haemolysed")
    saved_and_closed(qtbot, dialog)
    visit = services.participant("104-001").visit("D7")
    assert visit.status is VisitStatus.DONE and visit.actual == date(2027, 2, 5)
    pk_record = next(r for r in visit.procedure_records if r.code == "PK")
    assert pk_record.done is False and pk_record.not_done_reason == "sample haemolysed"
    assert all(r.done for r in visit.procedure_records if r.code != "PK")
    assert timeline_status(window, "D7") == "Done"


def test_miss_a_visit_from_the_worklist(qtbot, window, services):
    enrolled_in_follow_up(services)
    window.refresh(force=True)
    window.show_tab(WORKLIST_TAB)
    assert window.worklist.select_visit("104-001", "D10")  # Day 10: window 8..10 Feb, due today
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = wait_dialog(qtbot, window, MissVisitDialog)
    save(qtbot, dialog)
    assert dialog.isVisible() and "reason" in dialog.ui.error_label.text()
    dialog.ui.reason_combo.setCurrentIndex(1)
    with qtbot.waitSignal(window.refreshed, timeout=20000):  # the worklist reloads in the background
        saved_and_closed(qtbot, dialog)
    assert services.participant("104-001").visit("D10").status is VisitStatus.MISSED
    visits = [window.worklist.model.record(r).visit.code for r in range(window.worklist.model.rowCount())]
    assert "D10" not in visits  # a missed visit leaves the worklist


def test_a_late_visit_booked_before_this_week_stays_on_the_worklist(qtbot, window, services):
    """Withdrawn on 1 Feb: the early-termination visit (window 1 Feb .. 3 Mar) is late, not overdue,
    and was scheduled before this week; it must still be on the list until it is done."""
    enrolled_in_follow_up(services)
    services.withdraw("104-001", date(2027, 2, 1), "participant moved away")
    window.refresh(force=True)
    window.show_tab(WORKLIST_TAB)

    def listed() -> dict[str, VisitStatus]:
        rows = [window.worklist.model.record(r) for r in range(window.worklist.model.rowCount())]
        return {i.visit.code: i.visit.status for i in rows}

    qtbot.waitUntil(lambda: "ET" in listed(), timeout=10000)
    assert listed()["ET"] is VisitStatus.LATE
    assert "D10" not in listed()  # cancelled by the withdrawal


def test_withdraw_adds_early_termination_and_cancels_later_visits(qtbot, window, services):
    enrolled_in_follow_up(services)
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    window.ui.action_withdraw.trigger()
    dialog = wait_dialog(qtbot, window, WithdrawDialog)
    tree = dialog.ui.preview_tree
    shown = {tree.topLevelItem(i).child(j).text(1) for i in range(tree.topLevelItemCount())
             for j in range(tree.topLevelItem(i).childCount())}
    assert {"Month 24 / End of study", "Early termination"} <= shown
    dialog.ui.reason_edit.setPlainText("participant moved away")
    saved_and_closed(qtbot, dialog)
    record = services.participant("104-001")
    assert record.status is ParticipantStatus.WITHDRAWN
    assert record.visit("M24").status is VisitStatus.CANCELLED
    assert record.visit("ET").status.is_open
    assert timeline_status(window, "M24") == "Cancelled"
    assert "withdrawn" in window.participants.ui.header_label.text()


# --- visits, conflicts, errors ---------------------------------------------------------------------
def book_move_d14(qtbot: Any, window: Any, services: Any) -> BookVisitDialog:
    """Book / move opened on D14 of 104-001, in follow-up (infused 2027-01-31)."""
    enrolled_in_follow_up(services)
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    window.participants.select_visit("D14")
    window.ui.action_book_visit.trigger()
    return wait_dialog(qtbot, window, BookVisitDialog)


def test_booking_outside_the_window_needs_a_reason(qtbot, window, services):
    dialog = book_move_d14(qtbot, window, services)  # window 2027-02-11 .. 02-15
    dialog.ui.date_edit.setDate(to_qdate(date(2027, 2, 17)))
    assert "outside the window" in dialog.ui.hint_label.text()
    save(qtbot, dialog)
    assert dialog.isVisible() and "give a reason" in dialog.ui.error_label.text()
    dialog.ui.reason_edit.setText("participant travelling")
    saved_and_closed(qtbot, dialog)
    visit = services.participant("104-001").visit("D14")
    assert visit.scheduled == date(2027, 2, 17) and visit.deviation


def test_a_conflicting_save_says_who_changed_it_reloads_and_keeps_the_input(qtbot, window, services, db_url):
    dialog = book_move_d14(qtbot, window, services)
    dialog.ui.date_edit.setDate(to_qdate(date(2027, 2, 15)))
    dialog.ui.time_check.setChecked(True)
    dialog.ui.reason_edit.setText("first choice of the participant")
    other = open_test_services(db_url, user="mkeller")  # another workstation books it first
    try:
        other.book_visit("104-001", "D14", date(2027, 2, 11))
    finally:
        other.close()
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert "mkeller" in dialog.ui.error_label.text()
    assert "what you typed is kept" in dialog.ui.error_label.text()
    assert dialog.ui.date_edit.date() == to_qdate(date(2027, 2, 15))
    assert dialog.ui.reason_edit.text() == "first choice of the participant"
    assert services.participant("104-001").visit("D14").scheduled == date(2027, 2, 11)
    saved_and_closed(qtbot, dialog)  # after the reload, saving again applies the user's choice
    assert services.participant("104-001").visit("D14").scheduled == date(2027, 2, 15)


def test_changes_from_another_workstation_appear_on_refresh(qtbot, window, services, db_url):
    enrolled_in_follow_up(services)
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    other = open_test_services(db_url, user="mkeller")
    try:
        other.enrol("104-002", "ABC")
    finally:
        other.close()
    with qtbot.waitSignal(window.refreshed, timeout=20000):
        window.refresh_in_background()  # what the timer and regaining focus do: read in a worker
    ids = [window.participants.list_model.record(r).id for r in range(window.participants.list_model.rowCount())]
    assert ids == ["104-001", "104-002"]
    assert window.participants.record.id == "104-001"  # the selection stayed
    with qtbot.assertNotEmitted(window.refreshed, wait=100):
        window.refresh_in_background()  # nothing changed since: nothing is read again


def test_an_unreachable_database_is_reported_and_the_app_keeps_running(qtbot, window, prompter, monkeypatch):
    from ln_scheduler.services.errors import DatabaseUnavailableError

    def down(*_args: Any, **_kwargs: Any) -> None:
        raise DatabaseUnavailableError("cannot open the database (PostgreSQL: db.example/ln): connection refused")

    monkeypatch.setattr(window.services, "audit", down)
    window.refresh_in_background()  # the timer: no dialog, a warning in the status bar
    assert "Database not available" in window.sync_label.text()
    assert prompter.errors == []
    window.ui.action_refresh.trigger()  # F5: the user asked, so a dialog says what to do
    assert prompter.errors and prompter.errors[-1][0] == "Database not available"
    assert window.isVisible()


def test_a_click_selects_and_a_double_click_opens_a_visit_in_the_month_calendar(qtbot, window, services):
    enrolled_in_follow_up(services)
    window.refresh(force=True)
    window.show_tab(1)
    month = window.month
    month.select_date(date(2027, 2, 12))  # Day 14's suggested date (a Friday)
    assert [i.visit.code for i in month.model.items_on(date(2027, 2, 12))] == ["D14"]
    index = month.model.index_of(date(2027, 2, 12))
    rect = month.ui.month_table.visualRect(index)
    metrics = month.ui.month_table.fontMetrics()
    line_y = rect.top() + month.delegate.header_height(metrics) + month.delegate.line_height(metrics) // 2
    qtbot.mouseClick(month.ui.month_table.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(rect.left() + 20, line_y))
    assert month.current_item().visit.code == "D14"  # one click selects the visit (README: double-click opens)
    assert window.active_dialog is None
    qtbot.mouseDClick(month.ui.month_table.viewport(), Qt.MouseButton.LeftButton,
                      pos=QPoint(rect.left() + 20, line_y))
    dialog = wait_dialog(qtbot, window, VisitDialog)
    assert dialog.visit.code == "D14" and dialog.participant.id == "104-001"
    shaded = [month.model.date_at(month.model.index(r, c)) for r in range(6) for c in range(7)
              if month.model.index(r, c).data(Role.SHADED)]
    assert shaded == [date(2027, 2, d) for d in range(11, 16)]  # the window of the visit


def test_the_month_shows_done_visits_on_their_day_and_skips_cancelled_ones(qtbot, window, services):
    enrolled_in_follow_up(services)
    services.enrol("104-002", "ABC", conditioning_start=date(2027, 1, 5))
    services.withdraw("104-002", date(2027, 1, 8), "moved away")
    window.refresh(force=True)
    window.month.show_month(2027, 1)
    day1 = window.month.model.items_on(date(2027, 1, 31))
    assert [(i.participant_id, i.visit.code, i.visit.status) for i in day1] == [("104-001", "D1", VisitStatus.DONE)]
    assert day1[0].initials == "JQD"
    january = window.month.model.all_items()
    assert not [i for i in january if i.participant_id == "104-002" and i.visit.status is VisitStatus.CANCELLED]
    assert "done" in window.month.model.index_of(date(2027, 1, 31)).data(Qt.ItemDataRole.ToolTipRole).lower()


def test_actions_from_the_visit_dialog_update_it(qtbot, window, services):
    enrolled_in_follow_up(services)
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    window.participants.select_visit("D10")
    window.ui.action_open_visit.trigger()
    visit_dialog = wait_dialog(qtbot, window, VisitDialog)
    qtbot.mouseClick(visit_dialog.ui.missed_button, Qt.MouseButton.LeftButton)
    dialog = wait_dialog(qtbot, window, MissVisitDialog)
    dialog.ui.reason_combo.setEditText("participant unwell")
    saved_and_closed(qtbot, dialog)
    qtbot.waitUntil(lambda: visit_dialog.ui.status_value.text() == "Missed")
    assert not visit_dialog.ui.missed_button.isEnabled()
    assert visit_dialog.ui.correct_button.isEnabled()  # a mistake can be corrected


@pytest.mark.parametrize("pid", ["104-001"])
def test_every_model_of_a_live_window_passes_the_model_tester(qtmodeltester, window, services, pid):
    enrolled_in_follow_up(services, pid)
    window.refresh(force=True)
    window.participants.select_participant(pid)
    window.participants.ui.detail_tabs.setCurrentIndex(1)  # loads the audit trail
    for model in (window.worklist.model, window.worklist.proxy, window.month.model, window.month.day_model,
                  window.participants.list_model, window.participants.list_proxy,
                  window.participants.timeline_model, window.participants.audit_model):
        qtmodeltester.check(model, force_py=True)
    assert window.participants.audit_model.rowCount() > 0


def test_site_settings_add_a_closure_date_that_the_calendar_greys(qtbot, window, services):
    from ln_scheduler.ui.dialogs.site_settings_dialog import SiteSettingsDialog

    window.ui.action_site_settings.trigger()
    dialog = wait_dialog(qtbot, window, SiteSettingsDialog)
    dialog.ui.closure_date_edit.setDate(to_qdate(date(2027, 2, 17)))
    qtbot.mouseClick(dialog.ui.add_closure_button, Qt.MouseButton.LeftButton)
    save(qtbot, dialog)
    assert dialog.isVisible() and "reason" in dialog.ui.error_label.text()  # audited: a reason is required
    dialog.ui.reason_edit.setText("site audit")
    saved_and_closed(qtbot, dialog)
    assert date(2027, 2, 17) in services.site().closed_dates
    window.month.show_month(2027, 2)
    assert window.month.model.index_of(date(2027, 2, 17)).data(Role.CLOSED_REASON) == "site closure"


def test_add_an_unscheduled_visit_with_its_procedures(qtbot, window, services):
    from ln_scheduler.ui.dialogs.unscheduled_visit_dialog import UnscheduledVisitDialog
    from ln_scheduler.ui.models.procedure_pick_model import PICK

    enrolled_in_follow_up(services)
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    qtbot.keyClick(window, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    dialog = wait_dialog(qtbot, window, UnscheduledVisitDialog)
    assert set(dialog.model.chosen()) == {"VS", "CONMED", "AE"}  # the protocol's defaults
    crs = dialog.model.row_of_key("CRS")
    dialog.model.setData(dialog.model.index(crs, PICK), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    save(qtbot, dialog)
    assert dialog.isVisible() and "reason" in dialog.ui.error_label.text()
    dialog.ui.reason_combo.setEditText("CRS follow-up")
    saved_and_closed(qtbot, dialog)
    uns = services.participant("104-001").visit("UNS")
    assert uns.reason == "CRS follow-up" and "CRS" in uns.procedures
    assert timeline_status(window, "UNS") is not None


def test_correct_a_visit_marked_done_by_mistake(qtbot, window, services):
    from ln_scheduler.ui.dialogs.correct_entry_dialog import CorrectEntryDialog

    enrolled_in_follow_up(services)
    services.complete_visit("104-001", "D2", date(2027, 2, 1))
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    window.participants.select_visit("D2")
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = wait_dialog(qtbot, window, CorrectEntryDialog)
    assert dialog.chosen.field == "actual" and dialog.chosen.code == "D2"  # the selected visit comes first
    save(qtbot, dialog)
    assert dialog.isVisible() and "reason" in dialog.ui.error_label.text()
    dialog.ui.reason_edit.setText("recorded for the wrong participant")
    saved_and_closed(qtbot, dialog)
    visit = services.participant("104-001").visit("D2")
    assert visit.actual is None and visit.status.is_open
    window.participants.ui.detail_tabs.setCurrentIndex(1)  # the audit trail keeps the old value and why
    audit = window.participants.audit_model
    corrections = [audit.record(r) for r in range(audit.rowCount()) if audit.record(r).action == "correct"]
    assert any(e.old == "2027-02-01" and "wrong participant" in (e.reason or "") for e in corrections)


def test_this_week_on_the_worklist_is_the_month_calendar_row_of_today(qtbot, window):
    """A US site (weeks start on Sunday): "This week" is Sunday to Saturday, as in the calendar."""
    window.worklist.set_period("week")
    start, end = window.worklist.period()
    row = window.month.model.index_of(TODAY).row()
    model = window.month.model
    assert (start, end) == (model.date_at(model.index(row, 0)), model.date_at(model.index(row, 6)))
    assert (start, end) == (date(2027, 2, 7), date(2027, 2, 13))
    window.worklist.set_period("next_week")
    assert window.worklist.period() == (date(2027, 2, 14), date(2027, 2, 20))


def test_switching_the_worklist_period_reads_in_the_background_and_keeps_the_latest(qtbot, window, services):
    enrolled_in_follow_up(services)
    window.refresh(force=True)
    window.show_tab(WORKLIST_TAB)
    view = window.worklist
    with qtbot.waitSignal(view.filled, timeout=10000):
        view.set_period("next_week")
        view.set_period("today")  # a second click before the first read came back: today wins
    qtbot.waitUntil(lambda: not view.reading)
    assert view.period() == (TODAY, TODAY)
    shown = {view.model.record(r).visit.code for r in range(view.model.rowCount())}
    assert "D10" in shown  # Day 10 is due today (window 8..10 Feb)
    assert "D14" not in shown  # next week's visit is not what is shown
    assert "Today" in view.ui.summary_label.text()


def test_record_infusion_warns_of_a_long_delay_before_anything_is_saved(qtbot, window, services):
    services.enrol("104-001", "JQD", conditioning_start=C1)
    services.record_conditioning("104-001", C1, days_done=3)  # infusion planned 2027-01-31
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    window.ui.action_record_infusion.trigger()
    dialog = wait_dialog(qtbot, window, RecordInfusionDialog)
    dialog.ui.date_edit.setDate(to_qdate(date(2027, 2, 1)))  # a Monday, a day late: nothing to warn of
    assert not dialog.ui.warnings_label.isVisibleTo(dialog), dialog.ui.warnings_label.text()
    dialog.ui.date_edit.setDate(to_qdate(date(2027, 2, 8)))  # the Monday after: 8 days late (limit 7)
    assert dialog.ui.warnings_label.isVisibleTo(dialog)
    assert "8 days after its planned date 2027-01-31 (more than 7)" in dialog.ui.warnings_label.text()
    assert dialog.save_button.isEnabled(), "a warning, not a refusal: the coordinator decides"
    assert services.participant("104-001").infusion_actual is None


def test_a_save_after_a_visit_window_was_closed_says_saved_not_unexpected_error(qtbot, window, services, prompter):
    """Seen in a walk: open a visit (Ctrl+O), Close it, then book from the menu: the booking was saved
    but the window said "Something went wrong that the application did not expect: RuntimeError:
    Internal C++ object (VisitDialog) already deleted", and did so after every later save."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from ln_scheduler.ui.dialogs.book_visit_dialog import BookVisitDialog
    from ln_scheduler.ui.dialogs.visit_dialog import VisitDialog

    enrolled_in_follow_up(services)
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    window.participants.select_visit("D14")
    window.ui.action_open_visit.trigger()
    visit_window = wait_dialog(qtbot, window, VisitDialog)
    visit_window.ui.button_box.rejected.emit()  # Close
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # closed windows are deleted
    window.ui.action_book_visit.trigger()
    dialog = wait_dialog(qtbot, window, BookVisitDialog)
    saved_and_closed(qtbot, dialog)
    qtbot.wait(1)
    assert prompter.errors == []
    assert window.statusBar().currentMessage().startswith("Saved: 104-001 Day 14 booked for 2027-02-1")


def _time_typed_in_book_move(qtbot: Any, window: Any, services: Any, typed: str) -> BookVisitDialog:
    """Book / move on D14, "At a time" ticked, ``typed`` over the whole time (Ctrl+A), as a person does."""
    dialog = book_move_d14(qtbot, window, services)
    dialog.ui.time_check.setChecked(True)
    dialog.ui.time_edit.setFocus()
    qtbot.keyClick(dialog.ui.time_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.ui.time_edit, typed)
    return dialog


@pytest.mark.parametrize(("typed", "booked"), [("10:30", (10, 30)), ("11:45", (11, 45)), ("7:05", (7, 5)),
                                               ("1415", (14, 15))])
def test_the_time_typed_over_the_selected_time_is_the_time_booked(qtbot, window, services, typed, booked):
    """Seen in a walk: Alt+T, Tab, Ctrl+A, "10:30", Enter booked 09:30 (a spin box's sections kept the
    hour and took the minutes): a wrong hour on a booked visit is a participant waiting for nobody."""
    from datetime import time

    saved_and_closed(qtbot, _time_typed_in_book_move(qtbot, window, services, typed))
    assert services.participant("104-001").visit("D14").scheduled_time == time(*booked)


def test_a_time_that_is_not_a_time_is_refused_and_nothing_is_booked(qtbot, window, services):
    dialog = _time_typed_in_book_move(qtbot, window, services, "25:00")
    save(qtbot, dialog)
    assert dialog.isVisible() and "'25:00' is not a time of day" in dialog.ui.error_label.text()
    assert services.participant("104-001").visit("D14").scheduled_time is None


def test_the_infusion_preview_counts_the_visits_whose_date_moves_apart_from_the_windows_that_change(
        qtbot, window, services):
    """A walk read "moves 19 visits" where 8 of the rows said only "Window changes": their dates
    stay."""
    services.enrol("104-001", "JQD", conditioning_start=C1)
    services.record_conditioning("104-001", C1, days_done=3)
    for code in ("D14", "D21", "M2"):  # booked inside windows that a day's slip keeps them in
        services.book_visit("104-001", code, services.participant("104-001").visit(code).scheduled)
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    window.ui.action_record_infusion.trigger()
    dialog = wait_dialog(qtbot, window, RecordInfusionDialog)
    dialog.ui.date_edit.setDate(to_qdate(date(2027, 2, 1)))  # planned Sun 2027-01-31: one day later
    actions = [dialog.model.data(dialog.model.index(r, preview.ACTION)) for r in range(dialog.model.rowCount())]
    moved = sum(a == "Suggested date moves" for a in actions)
    assert 0 < moved < len(actions)
    summary = dialog.ui.summary_label.text()
    assert f"changes {len(actions)} visits" in summary and f"moves {len(actions)} visits" not in summary
    assert f"{moved} of them get a new date; the others keep theirs, in a new window" in summary


def test_the_status_bar_says_what_was_saved(qtbot, window, services):
    """After a booking, a visit done, a visit missed or a correction the status bar said only
    "Saved", naming neither the participant nor the visit nor the date (a walk)."""
    dialog = book_move_d14(qtbot, window, services)  # window 2027-02-11 .. 02-15
    dialog.ui.date_edit.setDate(to_qdate(date(2027, 2, 12)))
    dialog.ui.time_check.setChecked(True)
    dialog.ui.time_edit.setText("09:30")
    saved_and_closed(qtbot, dialog)
    assert window.statusBar().currentMessage() == "Saved: 104-001 Day 14 booked for 2027-02-12 Fri at 09:30"
    window.participants.select_visit("D10")
    window.ui.action_miss_visit.trigger()
    missed = wait_dialog(qtbot, window, MissVisitDialog)
    missed.ui.reason_combo.setCurrentIndex(1)
    saved_and_closed(qtbot, missed)
    assert window.statusBar().currentMessage() == "Saved: 104-001 Day 10 missed"


def test_a_save_keeps_the_row_it_saved_selected_in_the_worklist(qtbot, window, services):
    """After booking the 9th row the selection jumped to the pinned top row, and the next Ctrl+D or
    Ctrl+B would have acted on another visit (a walk)."""
    services.enrol("104-001", "JQD", conditioning_start=date(2027, 2, 3))  # LD1-LD3 behind, Day 1 this week
    services.enrol("104-002", "ABC", conditioning_start=date(2027, 2, 9))
    window.refresh(force=True)
    worklist = window.worklist
    with qtbot.waitSignal(worklist.filled, timeout=10000):  # read in a worker thread
        worklist.set_period("next_week")
    assert worklist.select_visit("104-001", "D10"), [(i.participant_id, i.visit.code) for i in worklist.all_items()]
    assert worklist.ui.table.currentIndex().row() > 0
    window.ui.action_book_visit.trigger()
    dialog = wait_dialog(qtbot, window, BookVisitDialog)
    dialog.ui.date_edit.setDate(to_qdate(date(2027, 2, 18)))  # a day later: after 104-002's Day 4 of 02-17
    saved_and_closed(qtbot, dialog)
    qtbot.waitUntil(lambda: any(i.visit.code == "D10" and i.visit.booked for i in worklist.all_items()))
    qtbot.wait(10)
    after = worklist.current_item()
    assert after is not None
    assert (after.participant_id, after.visit.code) == ("104-001", "D10")
