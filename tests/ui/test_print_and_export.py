"""Print, Save as PDF, the in-app preview and the calendar exports, from the participant view,
the visit dialog and the worklist: files a coordinator can open, built off the UI thread."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt

from ln_scheduler.ui.dialogs.visit_dialog import VisitDialog
from ln_scheduler.ui.main_window import PARTICIPANTS_TAB, WORKLIST_TAB
from ln_scheduler.ui.pdf_rendering import MAX_PRINT_DPI

from .test_workflows import enrolled_in_follow_up, select_participant, wait_dialog


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_save_worksheet_as_pdf_from_the_visit_dialog(qtbot, window, services, prompter, tmp_path):
    enrolled_in_follow_up(services)
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    window.participants.select_visit("D14")
    window.ui.action_open_visit.trigger()
    dialog = wait_dialog(qtbot, window, VisitDialog)
    prompter.save_path = tmp_path / "out" / "d14"  # no suffix typed: .pdf is added
    prompter.save_path.parent.mkdir()
    qtbot.mouseClick(dialog.ui.pdf_button, Qt.MouseButton.LeftButton)
    target = tmp_path / "out" / "d14.pdf"
    qtbot.waitUntil(lambda: window.printing.last_saved == target, timeout=20000)
    text = pdf_text(target)
    assert "104-001" in text and "Day 14" in text
    assert PdfReader(str(target)).pages[0].mediabox.width == 612  # Letter by default


def test_print_worksheet_renders_at_a_capped_resolution(qtbot, window, services, prompter, tmp_path):
    enrolled_in_follow_up(services)
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    window.participants.select_visit("D14")
    prompter.print_to = tmp_path / "printed.pdf"
    window.ui.action_print_worksheet.trigger()
    qtbot.waitUntil(lambda: window.printing.last_printed_pages > 0, timeout=20000)
    printed = PdfReader(str(prompter.print_to))
    assert len(printed.pages) == window.printing.last_printed_pages
    # printed to a file (the print dialog's "Print to File"): said so, with the file (a walk read
    # "Sent 1 page(s) … to the printer")
    shown = window.statusBar().currentMessage() + window.statusBar().toolTip()
    assert "to the printer" not in shown and str(prompter.print_to) in shown
    assert "1 page(s)" not in shown
    image = next(iter(printed.pages[0].images))
    assert image.image.width <= 8.5 * MAX_PRINT_DPI + 1  # a 300 dpi page, not a 1,200 dpi bitmap


def test_preview_shows_the_schedule_and_switches_to_a4(qtbot, window, services):
    enrolled_in_follow_up(services)
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    window.ui.action_preview_schedule.trigger()
    qtbot.waitUntil(lambda: window.printing.preview_dialog is not None
                    and window.printing.preview_dialog.document.pageCount() > 0, timeout=20000)
    preview = window.printing.preview_dialog
    letter = preview.document.pagePointSize(0)
    assert round(letter.width()) == 612
    preview.ui.page_size_combo.setCurrentIndex(1)  # A4
    qtbot.waitUntil(lambda: round(preview.document.pagePointSize(0).width()) == 595, timeout=20000)
    assert "pages" in preview.ui.status_label.text() or "page" in preview.ui.status_label.text()
    preview.close()


def test_print_the_weeks_worksheets_from_the_worklist(qtbot, window, services, prompter, tmp_path):
    enrolled_in_follow_up(services)
    services.enrol("104-002", "ABC", conditioning_start=date(2027, 2, 9))
    window.refresh(force=True)
    window.show_tab(WORKLIST_TAB)
    rows = window.worklist.all_items()
    assert len(rows) >= 3
    prompter.save_path = tmp_path / "week.pdf"
    window.commands.worklist_batch("pdf")
    qtbot.waitUntil(lambda: window.printing.last_saved == prompter.save_path, timeout=30000)
    text = pdf_text(prompter.save_path)
    assert "104-001" in text and "104-002" in text


def test_take_home_schedule_preview_and_pdf_like_the_site_schedule(qtbot, window, services, prompter, tmp_path):
    enrolled_in_follow_up(services)
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    menu = window.participants.ui.take_home_button.menu()
    assert [a.objectName() for a in menu.actions()] == [
        "action_preview_take_home", "action_print_take_home", "action_save_take_home_pdf", "action_personal_calendar"]
    assert window.participants.ui.take_home_button.isEnabled()
    menu.actions()[0].trigger()  # Preview, from the participant view's button
    qtbot.waitUntil(lambda: window.printing.preview_dialog is not None
                    and window.printing.preview_dialog.document.pageCount() > 0, timeout=20000)
    assert "take-home" in window.printing.preview_dialog.windowTitle()
    window.printing.preview_dialog.close()
    prompter.save_path = tmp_path / "take-home.pdf"
    window.ui.action_save_take_home_pdf.trigger()
    qtbot.waitUntil(lambda: window.printing.last_saved == prompter.save_path, timeout=20000)
    prompter.save_path = tmp_path / "site.pdf"
    window.ui.action_save_schedule_pdf.trigger()
    qtbot.waitUntil(lambda: window.printing.last_saved == prompter.save_path, timeout=20000)
    take_home, site = pdf_text(tmp_path / "take-home.pdf"), pdf_text(tmp_path / "site.pdf")
    assert "104-001" in take_home and take_home != site
    assert "D14" in site and "D14" not in take_home  # plain words, no internal visit codes


def test_save_the_worklists_worksheets_as_pdf_with_one_click(qtbot, window, services, prompter, tmp_path):
    enrolled_in_follow_up(services)
    window.refresh(force=True)
    window.show_tab(WORKLIST_TAB)
    button = window.worklist.ui.pdf_batch_button
    qtbot.waitUntil(button.isEnabled)
    prompter.save_path = tmp_path / "worksheets.pdf"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.printing.last_saved == prompter.save_path, timeout=30000)
    assert window.printing.preview_dialog is None  # straight to the file, no preview on the way
    assert "104-001" in pdf_text(prompter.save_path)


def test_export_participant_calendar_and_worklist_csv(qtbot, window, services, prompter, tmp_path):
    import icalendar

    enrolled_in_follow_up(services)
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    prompter.save_path = tmp_path / "104-001.ics"
    window.ui.action_export_participant_ics.trigger()
    qtbot.waitUntil(lambda: window.exporting.last_export is not None, timeout=20000)
    path, count = window.exporting.last_export
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == count == len(services.participant("104-001").visits)
    assert all(str(e["SUMMARY"]).startswith("104-001") for e in events)
    assert b"JQD" not in path.read_bytes()  # initials never leave the site in a calendar file

    window.exporting.last_export = None
    window.show_tab(WORKLIST_TAB)
    prompter.save_path = tmp_path / "clinic.csv"
    qtbot.mouseClick(window.worklist.ui.export_csv_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.exporting.last_export is not None, timeout=20000)
    lines = prompter.save_path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 + window.worklist.proxy.rowCount()


def test_a_cancelled_save_dialog_writes_nothing(qtbot, window, services, prompter, tmp_path):
    enrolled_in_follow_up(services)
    window.refresh(force=True)
    window.show_tab(PARTICIPANTS_TAB)
    select_participant(qtbot, window, "104-001")
    prompter.save_path = None  # the user pressed Cancel
    window.ui.action_save_schedule_pdf.trigger()
    window.ui.action_export_participant_csv.trigger()
    assert not window.runner.busy
    assert list(tmp_path.glob("*.pdf")) == [] and window.exporting.last_export is None


def test_a_worklist_batchs_pdf_is_titled_as_its_preview_window(qtbot, window, services):
    """The preview read "Worksheets 2026-12-07 to 2026-12-13 (7 visits)" and the PDF it saved was
    titled "Visit worksheets 16-Nov-2026 to 11-Dec-2026" (the overdue visits' dates: a walk)."""
    import io

    from pypdf import PdfReader

    from ln_scheduler.ui.documents import batch_document

    services.enrol("104-001", "JQD", conditioning_start=date(2027, 1, 26))  # conditioning overdue, Day 1 ...
    items = services.worklist(date(2027, 2, 8), date(2027, 2, 14), today=date(2027, 2, 10))
    assert min(i.visit.scheduled for i in items) < date(2027, 2, 8)  # the overdue ones come along
    document = batch_document(services, items, date(2027, 2, 8), date(2027, 2, 14))
    pdf = PdfReader(io.BytesIO(document.build("letter", lambda *_args: None)))
    assert pdf.metadata.title == document.title == f"Worksheets 2027-02-08 to 2027-02-14 ({len(items)} visits)"
