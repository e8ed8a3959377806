"""Moving a participant to an amended protocol version through the real window: the action, the
file chosen, the preview a coordinator reads before saving (a visit added, one whose window
widens, one cancelled), the required reason, the calendar and audit trail afterwards, and every
file the dialog must refuse without saving anything."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from ln_scheduler.domain.visit_status import VisitStatus
from ln_scheduler.services.protocols import default_protocol_text
from ln_scheduler.ui.dialogs.change_protocol_dialog import ChangeProtocolDialog
from ln_scheduler.ui.models import schedule_preview_model as preview
from ln_scheduler.ui.models import timeline_model as tl
from tests.support.amended_protocol import write_amended, write_broken

from .conftest import open_test_services
from .test_layout import elided, off_screen
from .test_workflows import enrolled_in_follow_up, save, saved_and_closed, select_participant, wait_dialog

REASON = "Amendment 2 approved by the IRB on 2027-02-01"


def open_dialog(qtbot: Any, window: Any, prompter: Any, path: Path) -> ChangeProtocolDialog:
    """Participant › Change protocol version…, then Choose file… answered with ``path``."""
    prompter.save_path = path  # what the file dialog answers
    window.ui.action_change_protocol.trigger()
    dialog = wait_dialog(qtbot, window, ChangeProtocolDialog)
    qtbot.mouseClick(dialog.ui.browse_button, Qt.MouseButton.LeftButton)
    return dialog


def preview_rows(dialog: ChangeProtocolDialog) -> dict[str, dict[str, str]]:
    """The preview table as the coordinator reads it: visit name -> column header -> text."""
    model = dialog.ui.preview_table.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return {model.index(r, preview.VISIT).data(): {h: model.index(r, c).data() for c, h in enumerate(headers)}
            for r in range(model.rowCount())}


@pytest.fixture
def in_follow_up(qtbot: Any, window: Any, services: Any) -> Any:
    """104-001 infused on Sunday 2027-01-31 (the worked example), selected in the participant view."""
    enrolled_in_follow_up(services)
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    return services


def test_the_amendment_is_previewed_needs_a_reason_and_moves_the_calendar(qtbot, window, prompter, in_follow_up,
                                                                          tmp_path):
    services = in_follow_up
    assert window.participants.ui.protocol_button.isEnabled()
    dialog = open_dialog(qtbot, window, prompter, write_amended(tmp_path))
    assert "version <b>2.0</b>" in dialog.ui.current_label.text()
    assert "<b>TAK007-LN-1001</b> version <b>1.1</b>" in dialog.ui.target_label.text()
    assert dialog.ui.file_edit.text().endswith("tak007-ln-v1.1.toml")

    rows = preview_rows(dialog)
    assert set(rows) == {"Week 6", "Month 2", "Month 21"}  # every visit that changes, and only those
    assert rows["Week 6"] == {"Visit": "Week 6", "What happens": "New visit", "Day": "43", "Target": "2027-03-14",
                              "Window (old → new)": "2027-03-11 … 03-17", "Scheduled": "2027-03-15 Mon"}
    assert rows["Month 2"]["What happens"] == "Window changes"
    assert rows["Month 2"]["Window (old → new)"] == "2027-03-24 … 04-07 → 03-21 … 04-10"  # ±7 → ±10 days
    assert rows["Month 21"]["What happens"] == "Cancelled"
    assert "changes 3 visits: 1 new, 1 cancelled, 1 with new dates or window" in dialog.ui.summary_label.text()
    dialog.resize(1180, dialog.height())  # its size on a 1,280 px screen (the tests' is 800 px)
    table = dialog.ui.preview_table
    qtbot.waitUntil(lambda: off_screen(table) == [])  # every column on screen, none of them cut
    for column in (preview.VISIT, preview.ACTION, preview.STUDY_DAY, preview.TARGET, preview.WINDOW, preview.SCHEDULED):
        assert elided(table, column) == [], table.model().headerData(column, Qt.Orientation.Horizontal)

    assert not dialog.save_button.isEnabled()  # no reason yet
    assert dialog.try_save() is False  # and the dialog refuses it even if asked directly
    assert "reason" in dialog.ui.error_label.text()
    assert services.participant("104-001").protocol_version == "2.0"

    qtbot.keyClicks(dialog.ui.reason_edit, REASON)
    assert dialog.save_button.isEnabled()
    saved_and_closed(qtbot, dialog)

    qtbot.waitUntil(lambda: "v1.1" in window.participants.ui.header_label.text())
    timeline = window.participants.timeline_model
    w6 = timeline.record(timeline.row_of_key(("W6", 1)))
    assert (w6.target, w6.earliest, w6.latest) == (date(2027, 3, 14), date(2027, 3, 11), date(2027, 3, 17))
    m2 = timeline.index(timeline.row_of_key(("M2", 1)), tl.WINDOW).data()
    assert m2 == "2027-03-21 … 04-10"
    assert timeline.record(timeline.row_of_key(("M21", 1))).status is VisitStatus.CANCELLED

    trail = services.audit("104-001")
    version = [e for e in trail if e.field == "protocol_version"]
    assert [(e.old, e.new, e.reason) for e in version] == [("2.0", "1.1", REASON)]
    assert any(e.entity_key == "104-001/M2#1" and e.field == "earliest" and e.reason == REASON for e in trail)
    assert any(e.entity_key == "104-001/W6#1" and e.reason == REASON for e in trail)


def test_a_broken_file_is_refused_in_the_dialog_and_nothing_is_saved(qtbot, window, prompter, in_follow_up,
                                                                     tmp_path):
    services = in_follow_up
    audit_rows = len(services.audit("104-001"))
    dialog = open_dialog(qtbot, window, prompter, write_broken(tmp_path))
    qtbot.keyClicks(dialog.ui.reason_edit, REASON)
    assert dialog.ui.error_label.isVisibleTo(dialog)
    assert "visit M2, field 'late': missing" in dialog.ui.error_label.text()
    assert "cannot be used" in dialog.ui.target_label.text()
    assert dialog.ui.preview_table.model().rowCount() == 0
    assert not dialog.save_button.isEnabled()
    assert dialog.try_save() is False
    assert dialog.isVisible()
    assert services.participant("104-001").protocol_version == "2.0"
    assert len(services.audit("104-001")) == audit_rows

    prompter.save_path = write_amended(tmp_path)  # the corrected file: the reason typed is kept
    qtbot.mouseClick(dialog.ui.browse_button, Qt.MouseButton.LeftButton)
    assert not dialog.ui.error_label.isVisibleTo(dialog)
    assert dialog.ui.reason_edit.toPlainText() == REASON
    saved_and_closed(qtbot, dialog)
    assert services.participant("104-001").protocol_version == "1.1"


def _shipped_copy(folder: Path) -> Path:
    path = folder / "tak007-v2.0-copy.toml"
    path.write_text(default_protocol_text()[1], encoding="utf-8")
    return path


@pytest.mark.parametrize(("make", "message"), [
    (_shipped_copy, "already follows TAK007-LN-1001 version 2.0"),
    (lambda folder: write_amended(folder, "2.0", protocol_id="TAK007-SLE-2002"),
     "TAK007-SLE-2002 is a different protocol, not an amendment of it"),
], ids=["same-version", "other-protocol"])
def test_the_version_followed_now_or_another_protocol_is_refused(qtbot, window, prompter, in_follow_up, tmp_path,
                                                                 make, message):
    dialog = open_dialog(qtbot, window, prompter, make(tmp_path))
    qtbot.keyClicks(dialog.ui.reason_edit, REASON)
    assert message in dialog.ui.error_label.text()
    assert "refused" in dialog.ui.target_label.text()  # what the file says, and that it cannot be used
    assert not dialog.save_button.isEnabled()
    assert in_follow_up.participant("104-001").protocol_version == "2.0"


def test_a_conflicting_save_says_who_changed_it_and_keeps_the_input(qtbot, window, prompter, in_follow_up,
                                                                    tmp_path, db_url):
    amended = write_amended(tmp_path)
    dialog = open_dialog(qtbot, window, prompter, amended)
    qtbot.keyClicks(dialog.ui.reason_edit, REASON)
    other = open_test_services(db_url, user="mkeller")  # another coordinator applies the amendment first
    try:
        other.change_protocol("104-001", other.load_protocol_file(amended), "amendment 2, done at the front desk")
    finally:
        other.close()
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert "mkeller" in dialog.ui.error_label.text()
    assert "what you typed is kept" in dialog.ui.error_label.text()
    assert dialog.ui.reason_edit.toPlainText() == REASON
    assert dialog.ui.file_edit.text() == str(amended)
    assert "v1.1" in dialog.ui.participant_label.text()  # reloaded: the participant as mkeller left it
    assert not dialog.save_button.isEnabled()  # nothing left to change: 104-001 already follows 1.1
    changes = [e for e in in_follow_up.audit("104-001") if e.field == "protocol_version"]
    assert [(e.user, e.new) for e in changes] == [("mkeller", "1.1")]  # recorded once, not overwritten


def test_the_action_needs_a_participant_still_in_the_study_and_is_in_the_participant_menu(qtbot, window, services):
    action = window.ui.action_change_protocol
    assert not action.isEnabled()  # nobody selected
    assert action in window.ui.menu_participant.actions()
    mnemonics = [a.text().split("&")[1][0].lower() for a in window.ui.menu_participant.actions() if "&" in a.text()]
    assert mnemonics.count("r") == 1 and "p&rotocol" in action.text()  # Alt+P, R from the keyboard

    enrolled_in_follow_up(services)
    services.enrol("104-002", "MRK")
    services.withdraw("104-002", date(2027, 2, 8), "moved away")
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    assert action.isEnabled() and window.participants.ui.protocol_button.isEnabled()
    select_participant(qtbot, window, "104-002")
    qtbot.waitUntil(lambda: not action.isEnabled())
    assert not window.participants.ui.protocol_button.isEnabled()
