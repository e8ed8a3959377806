"""The withdraw dialog shows, before Save, every visit the save records missed, cancels or adds.

Issue 10, defect 3: the dialog said "13 later visits will be cancelled"; the save cancelled 14 and
recorded Screening, Day 4 and Day 7 as missed without mentioning them."""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ln_scheduler.domain.visit_status import VisitStatus
from ln_scheduler.services.records import WithdrawalOutcome
from ln_scheduler.ui.dialogs.withdraw_dialog import WithdrawDialog
from ln_scheduler.ui.formatting import day_text
from ln_scheduler.ui.qt_dates import to_qdate

from .conftest import TODAY, change_elsewhere
from .test_workflows import enrolled_in_follow_up, saved_and_closed, select_participant, wait_dialog


def open_withdraw(qtbot: Any, window: Any) -> WithdrawDialog:
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    window.ui.action_withdraw.trigger()
    dialog = wait_dialog(qtbot, window, WithdrawDialog)
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    return dialog


def shown_groups(dialog: WithdrawDialog) -> dict[str, list[tuple[str, str, str]]]:
    """What the list says: group heading (without its count) -> (visit, name, date) rows."""
    tree = dialog.ui.preview_tree
    groups = {}
    for i in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(i)
        heading = group.text(0).split(" (")[0]
        groups[heading] = [tuple(group.child(j).text(c) for c in range(3)) for j in range(group.childCount())]
    return groups


def test_the_dialog_lists_every_visit_the_save_records_missed_cancels_or_adds(qtbot, window, services):
    enrolled_in_follow_up(services)  # infused 2027-01-31; today 2027-02-10: SCR, Day 2 .. Day 7 never recorded
    before = services.participant("104-001")
    dialog = open_withdraw(qtbot, window)

    groups = shown_groups(dialog)
    missed = groups["Will be recorded missed"]
    assert [code for code, _, _ in missed] == ["SCR", "D2", "D3", "D4", "D7"]  # the issue: SCR, D4, D7 unsaid
    assert ("D4", "Day 4", "2027-02-03 Wed") in missed
    cancelled = [code for code, _, _ in groups["Will be cancelled"]]
    assert cancelled[0] == "D10" and cancelled[-1] == "M24"
    assert groups["Will be added"] == [("ET", "Early termination", "2027-02-10 Wed")]
    summary = dialog.ui.consequences_label.text()
    assert summary.startswith("Saving will record 5 visits missed (window closed before the withdrawal date: a "
                              f"protocol deviation), cancel {len(cancelled)} visits and add the Early termination")
    assert all(dialog.ui.preview_tree.topLevelItem(i).isExpanded() for i in range(3))

    dialog.ui.reason_edit.setPlainText("participant moved away")
    saved_and_closed(qtbot, dialog)
    after = {v.code: v for v in services.participant("104-001").visits}
    for code, _, _ in missed:
        assert after[code].status is VisitStatus.MISSED, code
    for code in cancelled:
        assert after[code].status is VisitStatus.CANCELLED, code
    untouched = {v.code for v in before.visits} - {c for c, _, _ in missed} - set(cancelled)
    assert all(after[c].status == before.visit(c).status for c in untouched)
    assert after["ET"].status.is_open and after["ET"].scheduled == TODAY


def test_another_date_re_reads_the_preview_and_a_refused_date_says_why(qtbot, window, services):
    enrolled_in_follow_up(services)
    services.complete_visit("104-001", "D2", date(2027, 2, 1))
    dialog = open_withdraw(qtbot, window)
    dialog.ui.date_edit.setDate(dialog.ui.date_edit.date().addDays(-6))  # 2027-02-04
    expected = services.preview_withdrawal("104-001", date(2027, 2, 4))
    assert [c for c, _, _ in shown_groups(dialog)["Will be recorded missed"]] == [
        c.code for c in expected.of(WithdrawalOutcome.MISSED)] == ["SCR", "D3", "D4"]
    dialog.ui.date_edit.setDate(dialog.ui.date_edit.date().addDays(-5))  # 2027-01-28: before D2 was done
    assert shown_groups(dialog) == {}
    # a refusal looks like one, as in Record infusion: said in red, Withdraw greyed (a walk saw it in the
    # amber of a warning, with Withdraw enabled, refused only on the click)
    assert "before the last visit done (2027-02-01)" in dialog.ui.error_label.text()
    assert dialog.ui.error_label.isVisible() and not dialog.save_button.isEnabled()
    assert not dialog.ui.consequences_label.isVisible()  # said once: no empty note beside it (a walk)
    dialog.ui.reason_edit.setPlainText("moved away")
    assert services.participant("104-001").withdrawal_date is None
    # the refused date typed again, key by key (a text that is no date on the way): still refused
    # (it came back as the same date, and Withdraw was enabled with no word of the refusal)
    field = dialog.ui.date_edit
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    for pause in (False, True):  # typed straight through, or with a pause half-way ("not a date" said)
        qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
        qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(field, "2027012")  # 20270128: no other date on the way
        if pause:
            qtbot.waitUntil(lambda: "not a date" in dialog.ui.error_label.text())
        qtbot.keyClicks(field, "8")
        assert "before the last visit done (2027-02-01)" in dialog.ui.error_label.text()
        assert dialog.ui.error_label.isVisible() and not dialog.save_button.isEnabled()
    dialog.ui.date_edit.setDate(to_qdate(TODAY + timedelta(days=3)))
    assert "is in the future" in dialog.ui.error_label.text() and not dialog.save_button.isEnabled()
    dialog.ui.date_edit.setDate(to_qdate(TODAY))
    assert dialog.save_button.isEnabled() and not dialog.ui.error_label.isVisible()
    assert dialog.ui.consequences_label.isVisible()


def test_a_visit_recorded_elsewhere_after_the_preview_stops_the_save_and_the_list_is_re_read(
        qtbot, window, services, db_url):
    enrolled_in_follow_up(services)
    dialog = open_withdraw(qtbot, window)
    assert "D7" in [c for c, _, _ in shown_groups(dialog)["Will be recorded missed"]]
    change_elsewhere(db_url, lambda other: other.complete_visit("104-001", "D7", date(2027, 2, 6)))

    dialog.ui.reason_edit.setPlainText("participant moved away")
    dialog.try_save()
    assert dialog.isVisible() and dialog.last_error is not None
    assert "Not saved" in dialog.last_error.full
    assert services.participant("104-001").withdrawal_date is None
    assert "D7" not in [c for c, _, _ in shown_groups(dialog)["Will be recorded missed"]]  # re-read
    assert dialog.ui.reason_edit.toPlainText() == "participant moved away"  # kept
    saved_and_closed(qtbot, dialog)
    assert services.participant("104-001").visit("D7").status is VisitStatus.DONE


def test_a_long_list_scrolls_inside_a_dialog_no_taller_than_the_screen(qtbot, window, services):
    enrolled_in_follow_up(services)
    dialog = open_withdraw(qtbot, window)
    tree = dialog.ui.preview_tree
    rows = sum(1 + tree.topLevelItem(i).childCount() for i in range(tree.topLevelItemCount()))
    assert rows > 20
    screen = dialog.screen().availableGeometry()
    assert dialog.frameGeometry().height() <= screen.height()
    assert tree.height() >= 6 * tree.sizeHintForRow(0)  # a real list, not a sliver
    bar = tree.verticalScrollBar()
    assert bar.maximum() > 0 or tree.viewport().height() >= rows * tree.sizeHintForRow(0)
    last = tree.topLevelItem(tree.topLevelItemCount() - 1)
    tree.scrollToItem(last.child(last.childCount() - 1))
    assert tree.visualItemRect(last.child(last.childCount() - 1)).bottom() <= tree.viewport().height()


def test_a_booked_appointment_the_withdrawal_cancels_is_named_with_its_time_to_tell_the_participant(
        qtbot, window, services):
    """A walk: Month 2, booked for 13:30, was listed as a bare date among the visits to cancel; the
    appointment the participant was given must be called off with them."""
    enrolled_in_follow_up(services)
    m2 = services.participant("104-001").visit("M2")
    services.book_visit("104-001", "M2", m2.scheduled, time=time(13, 30))
    dialog = open_withdraw(qtbot, window)
    rows = {code: (name, when) for code, name, when in shown_groups(dialog)["Will be cancelled"]}
    assert rows["M2"][1] == f"{day_text(m2.scheduled)} 13:30, booked"
    assert rows["M3"][1] == day_text(services.participant("104-001").visit("M3").scheduled)  # only proposed
    text = dialog.ui.consequences_label.text()
    assert "Of the visits to cancel, 1 is a booked appointment (M2): tell the participant it is called off." in text


def test_a_refused_date_does_not_move_the_list_under_the_mouse(qtbot, window, services):
    """A walk: the summary above the list went with a refused date and the list jumped up 46 px,
    then back down once the date was right."""
    enrolled_in_follow_up(services)
    services.complete_visit("104-001", "D2", date(2027, 2, 1))
    dialog = open_withdraw(qtbot, window)
    tree = dialog.ui.preview_tree
    at = tree.mapTo(dialog, tree.rect().topLeft())
    dialog.ui.date_edit.setDate(to_qdate(date(2027, 1, 28)))  # before D2 was done: refused
    QApplication.processEvents()
    assert dialog.ui.error_label.isVisible() and not dialog.ui.consequences_label.isVisible()
    assert tree.mapTo(dialog, tree.rect().topLeft()) == at
