"""What each menu action, shortcut and view button does: find the participant or visit it acts
on, read it fresh from the services, open the dialog, and refresh the views after a save.

Actions are declared (with their shortcuts) in the main window's Designer form; the view buttons
(each view names the actions it offers) trigger the same actions, so a command exists once
whichever way it is reached. The commands know the window only as a :class:`CommandContext`."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import date
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QDialog, QMenu

from ..domain.participant_status import ParticipantStatus
from ..services.records import ParticipantRecord, VisitRecord, WorklistItem
from .about_dialog import add_about_qt_action
from .documents import batch_document, packet_document, schedule_document, worksheet_document
from .errors import describe
from .exporting import ask_file_to_write
from .saved_message import saved_text
from .standard_keys import STANDARD_KEYS, apply_standard_keys
from .tabs import Tab
from .tasks import Progress

if TYPE_CHECKING:
    from .command_context import CommandContext
    from .dialogs.visit_dialog import VisitDialog

#: Actions that need a selected participant / a selected visit.
PARTICIPANT_ACTIONS = ("plan_conditioning", "record_conditioning", "record_infusion", "record_dose", "change_cohort",
                       "change_language", "unscheduled_visit",
                       "withdraw", "preview_schedule", "print_schedule", "save_schedule_pdf", "preview_take_home",
                       "print_take_home", "save_take_home_pdf", "export_participant_ics", "export_participant_csv",
                       "worksheet_packet", "personal_calendar")
VISIT_ACTIONS = ("open_visit", "book_visit", "complete_visit", "miss_visit", "preview_worksheet",
                 "print_worksheet", "save_worksheet_pdf")
#: Visit actions for an open visit only.
OPEN_VISIT_ACTIONS = ("book_visit", "complete_visit", "miss_visit")
DATABASE_ACTIONS = ("enrol", "site_settings", "verify_audit", "backup_database", "refresh", "correct_entry",
                    "publish_calendar")
BACKUP_FILTER = QT_TRANSLATE_NOOP("Commands", "SQLite database (*.sqlite3)")
#: Actions that change the database: greyed on a read-only connection (a monitor's account,
#: ``?mode=ro``), with the buttons that trigger them; reading, printing and exporting stay.
EDIT_ACTIONS = ("enrol", "plan_conditioning", "record_conditioning", "record_infusion", "record_dose", "change_cohort",
                "change_language", "unscheduled_visit",
                "withdraw", "change_protocol", "book_visit", "book_plan", "complete_visit", "miss_visit",
                "correct_entry", "site_settings", "publish_calendar")
#: Actions that need a selected participant still in the study: a protocol amendment re-plans
#: visits to come, and a withdrawn or completed participant has none (the services refuse a
#: withdrawn one anyway; greying the action says so before the dialog is opened).
ACTIVE_PARTICIPANT_ACTIONS = ("change_protocol", "book_plan")
CLOSED_STATUSES = (ParticipantStatus.WITHDRAWN, ParticipantStatus.COMPLETED)
_S = ParticipantStatus
#: Participant actions that only apply at some stages (the others apply at every stage): a
#: button that can only answer "refused" should not look clickable.
STAGE_ACTIONS: dict[str, frozenset[ParticipantStatus]] = {
    "plan_conditioning": frozenset({_S.SCREENING, _S.SCHEDULED}),
    "record_conditioning": frozenset({_S.SCREENING, _S.SCHEDULED, _S.CONDITIONING}),
    "record_infusion": frozenset({_S.CONDITIONING}),
    "record_dose": frozenset({_S.FOLLOW_UP}),  # after dose 1, and only in a multi-dose cohort (below)
    "change_cohort": frozenset({_S.SCREENING, _S.SCHEDULED}),  # until conditioning is recorded
    "withdraw": frozenset(set(_S) - set(CLOSED_STATUSES)),
    # a completed participant may still come for one (a safety follow-up); a withdrawn one cannot
    "unscheduled_visit": frozenset(set(_S) - {_S.WITHDRAWN}),
}


def backup_file_name(site_number: str, day: date) -> str:
    """``ln-scheduler-backup-104-2027-03-10.sqlite3``: which site and which day, so a folder of
    backups sorts by date and a restore picks the right one. Characters a file name cannot hold
    in a site number become "-"."""
    site = re.sub(r"[^0-9A-Za-z_-]+", "-", site_number.strip()).strip("-")
    return f"ln-scheduler-backup-{site + '-' if site else ''}{day.isoformat()}.sqlite3"


class Commands(QObject):
    def __init__(self, window: CommandContext) -> None:
        super().__init__(window.dialog_parent)
        self.w = window
        self.visit_dialog: VisitDialog | None = None
        handlers: dict[str, Callable[[], object]] = {
            "open_database": self.open_database, "site_settings": self.site_settings,
            "verify_audit": self.verify_audit, "backup_database": self.backup_database, "quit": window.close,
            "publish_calendar": self.publish_calendar,
            "preferences": self.preferences,
            "enrol": self.enrol, "plan_conditioning": self.plan_conditioning,
            "record_conditioning": self.record_conditioning, "record_infusion": self.record_infusion,
            "record_dose": self.record_dose, "change_cohort": self.change_cohort,
            "change_language": self.change_language,
            "unscheduled_visit": self.unscheduled_visit, "withdraw": self.withdraw,
            "change_protocol": self.change_protocol, "book_plan": self.book_plan,
            "worksheet_packet": lambda: self.worksheet_packet(), "show_today": self.show_today,
            "preview_schedule": lambda: self._schedule("preview"),
            "print_schedule": lambda: self._schedule("print"),
            "save_schedule_pdf": lambda: self._schedule("pdf"),
            "preview_take_home": lambda: self._schedule("preview", plain=True),
            "print_take_home": lambda: self._schedule("print", plain=True),
            "save_take_home_pdf": lambda: self._schedule("pdf", plain=True),
            "personal_calendar": self.personal_calendar,
            "export_participant_ics": lambda: self.export_participant("ics"),
            "export_participant_csv": lambda: self.export_participant("csv"),
            "open_visit": self.open_visit, "book_visit": lambda: self.visit_action("book"),
            "complete_visit": lambda: self.visit_action("done"), "miss_visit": lambda: self.visit_action("missed"),
            "correct_entry": self.correct_entry,
            "preview_worksheet": lambda: self.visit_action("preview"),
            "print_worksheet": lambda: self.visit_action("print"),
            "save_worksheet_pdf": lambda: self.visit_action("pdf"),
            "show_worklist": lambda: self._show(Tab.WORKLIST),
            "show_calendar": lambda: self._show(Tab.CALENDAR),
            "show_participants": lambda: self._show(Tab.PARTICIPANTS),
            "find": self.find, "refresh": lambda: window.request_refresh(force=True, user_asked=True),
            "shortcuts": self.shortcuts, "about": self.about,
        }
        for name, handler in handlers.items():
            self.action(name).triggered.connect(lambda _=False, h=handler: self._run(h))
        add_about_qt_action(window.help_menu)
        apply_standard_keys({name: self.action(name) for name in STANDARD_KEYS})
        self._wire_buttons()

    def action(self, name: str) -> QAction:
        return self.w.action(name)

    def _wire_buttons(self) -> None:
        """View buttons trigger the same actions as the menus (one command, one enabled state)."""
        pv, wv = self.w.participants, self.w.worklist
        pairs: list[tuple[QAbstractButton, str]] = [
            (button, name) for view in (pv, wv) for name, button in view.action_buttons().items()]
        for button, name in pairs:
            action = self.action(name)
            button.clicked.connect(action.trigger)
            action.changed.connect(lambda b=button, a=action: b.setEnabled(a.isEnabled()))
            shortcut = action.shortcut().toString()
            if shortcut:
                button.setToolTip(f"{action.text().replace('&', '')} ({shortcut})")
        # both schedules are menu buttons (preview, print, PDF), and the rare protocol change sits at
        # the right end of the second row: two rows of seven or eight buttons made the participant
        # view alone wider than a 1024-pixel screen
        for button, names in pv.menu_buttons():
            menu = QMenu(button)
            for name in names:
                menu.addAction(self.action(name))
            button.setMenu(menu)
            first = self.action(names[0])
            first.changed.connect(lambda b=button, a=first: b.setEnabled(a.isEnabled()))
        batch = wv.batch_buttons()
        batch["preview"].clicked.connect(lambda: self._run(lambda: self.worklist_batch("preview")))
        batch["print"].clicked.connect(lambda: self._run(lambda: self.worklist_batch("print")))
        batch["pdf"].clicked.connect(lambda: self._run(lambda: self.worklist_batch("pdf")))
        batch["ics"].clicked.connect(lambda: self._run(lambda: self.export_worklist("ics")))
        batch["csv"].clicked.connect(lambda: self._run(lambda: self.export_worklist("csv")))
        self.w.worklist.visit_activated.connect(lambda item: self._run(lambda: self.open_item(item)))
        self.w.month.visit_activated.connect(lambda item: self._run(lambda: self.open_item(item)))
        self.w.participants.visit_activated.connect(
            lambda p, v: self._run(lambda: self.open_visit_dialog(p, v)))

    def update_enabled(self) -> None:
        has_db = self.w.services is not None
        pid = self.w.selected_participant_id() if has_db else None
        visit = self.w.selected_visit() if has_db else None
        for name in PARTICIPANT_ACTIONS:
            self.action(name).setEnabled(pid is not None)
        for name in VISIT_ACTIONS:
            # a visit recorded done, missed or cancelled is not booked or recorded again: Book / move
            # opened for one and suggested a date, and only Book refused (a walk)
            self.action(name).setEnabled(visit is not None and (name not in OPEN_VISIT_ACTIONS or visit.status.is_open))
        status = self._status_of(pid) if pid is not None else None
        active = pid is not None and status not in CLOSED_STATUSES
        for name in ACTIVE_PARTICIPANT_ACTIONS:
            self.action(name).setEnabled(active)
        for name, stages in STAGE_ACTIONS.items():  # not loaded yet (None): the services decide
            self.action(name).setEnabled(pid is not None and (status is None or status in stages))
        if pid is not None and self._later_doses_left(pid) is False:  # one-dose cohort, or all recorded
            self.action("record_dose").setEnabled(False)
        for name in DATABASE_ACTIONS:
            self.action(name).setEnabled(has_db)
        if self.w.is_read_only():
            for name in EDIT_ACTIONS:
                self.action(name).setEnabled(False)
        self.w.worklist.set_batch_enabled(has_db and self.w.worklist.has_rows())

    def _status_of(self, pid: str) -> ParticipantStatus | None:
        """The selected participant's status from what the views already hold (no database read
        on every selection change); None when not loaded yet."""
        return self.w.participants.listed_status(pid)

    def _later_doses_left(self, pid: str) -> bool | None:
        """Whether the selected participant has a later dose still to record (a one-dose cohort has
        none; nor has one whose doses are all recorded given or not given), from the record the
        participant view holds (None: not loaded yet, the services decide)."""
        record = self.w.participants.record
        if record is None or record.id != pid or not record.doses:
            return None
        return any(d.number > 1 and d.given is None for d in record.doses)

    # --- plumbing -------------------------------------------------------------------------
    def _run(self, handler: Callable[[], object]) -> None:
        """Run a command; a database or rule error becomes a clear message, never a crash."""
        try:
            handler()
        except Exception as exc:  # shown to the user, never a crash
            self.show_error(exc)

    run = _run

    def show_error(self, exc: BaseException) -> None:
        text = describe(exc)
        self.w.prompter.error(text.title, text.message, text.advice or None)

    def _participant(self) -> ParticipantRecord | None:
        pid = self.w.selected_participant_id()
        if pid is None or self.w.services is None:
            return None
        return self.w.services.participant(pid, today=self.w.today())

    def _visit(self) -> tuple[ParticipantRecord, VisitRecord] | None:
        visit = self.w.selected_visit()
        participant = self._participant()
        if visit is None or participant is None:
            return None
        return participant, participant.visit(visit.code, visit.occurrence)

    def _open(self, dialog: QDialog, *, then: Callable[[object], None] | None = None) -> QDialog:
        saved = getattr(dialog, "saved", None)
        if saved is not None:
            saved.connect(lambda result: self._after_save(result, then))
        return self.w.show_dialog(dialog)

    def _after_save(self, result: object, then: Callable[[object], None] | None) -> None:
        pid = getattr(result, "participant_id", None) or getattr(result, "id", None)
        self.w.after_save(pid if isinstance(pid, str) else None)
        if then is not None:
            then(result)
        if self.visit_dialog is not None and self.visit_dialog.isVisible() and self.w.services is not None:
            p = self.w.services.participant(self.visit_dialog.participant.id, today=self.w.today())
            v = self.visit_dialog.visit
            self.visit_dialog.show_record(p, p.visit(v.code, v.occurrence))
        self.w.show_message(saved_text(result), 5000)

    def _show(self, tab: Tab) -> None:
        """Show ``tab`` with the keyboard in its list."""
        self.w.show_tab(tab)
        (self.w.worklist, self.w.month, self.w.participants)[tab].focus_list()

    # --- participant commands -------------------------------------------------------------
    def enrol(self) -> None:
        from .dialogs.enrol_dialog import EnrolDialog

        assert self.w.services is not None

        def select(record: object) -> None:
            self.w.show_tab(Tab.PARTICIPANTS)
            self.w.participants.refresh()  # the new participant must be in the list to select
            self.w.participants.select_participant(record.id)  # type: ignore[attr-defined]

        self._open(EnrolDialog(self.w.services, self.w.today(), self.w.dialog_parent), then=select)

    def plan_conditioning(self) -> None:
        from .dialogs.plan_conditioning_dialog import PlanConditioningDialog

        p = self._participant()
        if p is not None and self.w.services is not None:
            dialog = PlanConditioningDialog(self.w.services, p, self.w.today(), self.w.dialog_parent)
            self._open(dialog, then=lambda record: self._book_after_planning(dialog, record))

    def _book_after_planning(self, dialog: QDialog, record: object) -> None:
        """The plan-conditioning dialog's "Book screening–Day 4 now": the booking opens as soon
        as the plan dialog has closed (the next turn of the event loop)."""
        if getattr(dialog, "book_after", False) and isinstance(record, ParticipantRecord):
            QTimer.singleShot(0, self, lambda: self._run(lambda: self.book_plan(record.id)))

    def book_plan(self, pid: str | None = None) -> None:
        from .dialogs.book_plan_dialog import BookPlanDialog

        services = self.w.services
        p = services.participant(pid, today=self.w.today()) if pid and services else self._participant()
        if p is not None and self.w.services is not None:
            dialog = BookPlanDialog(self.w.services, p, self.w.today(), self.w.dialog_parent)
            self._open(dialog, then=lambda record: self._packet_after_booking(dialog, record))

    def _packet_after_booking(self, dialog: QDialog, record: object) -> None:
        """Book visits' "Then open their worksheet packet": the packet of exactly the visits just
        booked, once the booking dialog has closed."""
        if not getattr(dialog, "packet_after", False) or not isinstance(record, ParticipantRecord):
            return
        keys = [(b.code, b.occurrence) for b in dialog.bookings()]  # type: ignore[attr-defined]
        QTimer.singleShot(0, self, lambda: self._run(lambda: self.worksheet_packet(record.id, keys)))

    def worksheet_packet(self, pid: str | None = None, visits: list[tuple[str, int]] | None = None) -> None:
        from .dialogs.packet_dialog import PacketDialog

        services = self.w.services
        p = services.participant(pid, today=self.w.today()) if pid and services else self._participant()
        if p is not None and self.w.services is not None:
            if visits is not None:
                chosen = [p.visit(code, occurrence) for code, occurrence in visits]
            else:
                chosen = self.w.participants.selected_visits() if self.w.current_tab() == Tab.PARTICIPANTS else []
            dialog = PacketDialog(p, self.w.today(), chosen, self.w.settings, self.w.dialog_parent,
                                  chosen=visits is not None)

            def output(how: str, visits: list[VisitRecord]) -> None:
                services = self.w.services  # the database shown when the button is pressed
                assert services is not None, "no database"  # notr: the packet dialog is modal over one
                self._output(how, packet_document(services, p, visits))

            dialog.output_requested.connect(lambda how, visits: self._run(lambda: output(how, visits)))
            self.w.show_dialog(dialog)

    def show_today(self) -> None:
        self._show(Tab.WORKLIST)
        self.w.worklist.set_period("day")

    def record_conditioning(self) -> None:
        from .dialogs.record_conditioning_dialog import RecordConditioningDialog

        p = self._participant()
        if p is not None and self.w.services is not None:
            self._open(RecordConditioningDialog(self.w.services, p, self.w.today(), self.w.dialog_parent))

    def record_infusion(self) -> None:
        from .dialogs.record_infusion_dialog import RecordInfusionDialog

        p = self._participant()
        if p is not None and self.w.services is not None:
            self._open(RecordInfusionDialog(self.w.services, p, self.w.today(), self.w.dialog_parent))

    def record_dose(self) -> None:
        from .dialogs.record_dose_dialog import RecordDoseDialog

        p = self._participant()
        if p is not None and self.w.services is not None:
            self._open(RecordDoseDialog(self.w.services, p, self.w.today(), self.w.dialog_parent))

    def change_cohort(self) -> None:
        from .dialogs.change_cohort_dialog import ChangeCohortDialog

        p = self._participant()
        if p is not None and self.w.services is not None:
            self._open(ChangeCohortDialog(self.w.services, p, self.w.dialog_parent))

    def change_language(self) -> None:
        from .dialogs.change_language_dialog import ChangeLanguageDialog

        p = self._participant()
        if p is not None and self.w.services is not None:
            self._open(ChangeLanguageDialog(self.w.services, p, self.w.dialog_parent))

    def unscheduled_visit(self) -> None:
        from .dialogs.unscheduled_visit_dialog import UnscheduledVisitDialog

        p = self._participant()
        if p is not None and self.w.services is not None:
            self._open(UnscheduledVisitDialog(self.w.services, p, self.w.today(), self.w.dialog_parent))

    def withdraw(self) -> None:
        from .dialogs.withdraw_dialog import WithdrawDialog

        p = self._participant()
        if p is not None and self.w.services is not None:
            self._open(WithdrawDialog(self.w.services, p, self.w.today(), self.w.dialog_parent))

    def change_protocol(self) -> None:
        from .dialogs.change_protocol_dialog import ChangeProtocolDialog

        p = self._participant()
        if p is not None and self.w.services is not None:
            self._open(ChangeProtocolDialog(self.w.services, p, self.w.today(), self.w.prompter, self.w.dialog_parent))

    def correct_entry(self) -> None:
        from .dialogs.correct_entry_dialog import CorrectEntryDialog

        p = self._participant()
        if p is not None and self.w.services is not None:
            v = self.w.selected_visit()
            visit = p.visit(v.code, v.occurrence) if v is not None else None
            self._open(CorrectEntryDialog(self.w.services, p, visit, self.w.dialog_parent))

    def _schedule(self, how: str, *, plain: bool = False) -> None:
        p = self._participant()
        if p is not None and self.w.services is not None:
            self._output(how, schedule_document(self.w.services, p, plain=plain))

    def personal_calendar(self) -> None:
        from .personal_calendar import save_personal_calendar

        p = self._participant()
        if p is not None and self.w.services is not None:
            save_personal_calendar(self.w, self.w.services, p)

    def export_participant(self, kind: str) -> None:
        p = self._participant()
        if p is not None and self.w.services is not None:
            self.w.exporting.export_participant(self.w.services, p, kind)

    # --- visit commands -------------------------------------------------------------------
    def open_visit(self) -> None:
        found = self._visit()
        if found is not None:
            self.open_visit_dialog(*found)

    def open_item(self, item: WorklistItem) -> None:
        if self.w.services is None:
            return
        p = self.w.services.participant(item.participant_id, today=self.w.today())
        self.open_visit_dialog(p, p.visit(item.visit.code, item.visit.occurrence))

    def open_visit_dialog(self, participant: ParticipantRecord, visit: VisitRecord) -> VisitDialog:
        from .dialogs.visit_dialog import VisitDialog

        dialog = VisitDialog(participant, visit, self.w.today(), self.w.dialog_parent, read_only=self.w.is_read_only())
        dialog.action_requested.connect(
            lambda name: self._run(lambda: self._visit_dialog_action(dialog, name)))
        self.visit_dialog = dialog
        # Closed, the window is deleted (show_dialog): forget it then, or the next save anywhere asked a
        # deleted window whether it was visible ("Internal C++ object (VisitDialog) already deleted")
        dialog.finished.connect(lambda _result: self._forget_visit_dialog(dialog))
        self.w.show_dialog(dialog)
        return dialog

    def _forget_visit_dialog(self, dialog: VisitDialog) -> None:
        if self.visit_dialog is dialog:
            self.visit_dialog = None

    def _visit_dialog_action(self, dialog: VisitDialog, name: str) -> None:
        assert self.w.services is not None
        p = self.w.services.participant(dialog.participant.id, today=self.w.today())
        self._act_on_visit(p, p.visit(dialog.visit.code, dialog.visit.occurrence), name, parent=dialog)

    def visit_action(self, name: str) -> None:
        found = self._visit()
        if found is not None:
            self._act_on_visit(*found, name, parent=None)

    def _act_on_visit(self, p: ParticipantRecord, v: VisitRecord, name: str, parent: QDialog | None) -> None:
        services = self.w.services
        assert services is not None
        owner = parent or self.w.dialog_parent
        today = self.w.today()
        if name == "book":
            from .dialogs.book_visit_dialog import BookVisitDialog

            self._open(BookVisitDialog(services, p, v, today, owner))
        elif name == "done":
            from .dialogs.complete_visit_dialog import CompleteVisitDialog

            self._open(CompleteVisitDialog(services, p, v, today, owner))
        elif name == "missed":
            from .dialogs.miss_visit_dialog import MissVisitDialog

            self._open(MissVisitDialog(services, p, v, owner))
        elif name == "correct":
            from .dialogs.correct_entry_dialog import CorrectEntryDialog

            self._open(CorrectEntryDialog(services, p, v, owner))
        else:
            self._output(name, worksheet_document(services, p, v))

    def _output(self, how: str, doc: object) -> None:
        from .documents import Document

        assert isinstance(doc, Document)
        if how == "preview":
            self.w.printing.preview(doc)
        elif how == "print":
            self.w.printing.print_document(doc)
        else:
            self.w.printing.save_pdf(doc)

    # --- worklist commands ----------------------------------------------------------------
    def worklist_batch(self, how: str) -> None:
        items = self.w.worklist.selected_items()
        if len(items) < 2:
            items = self.w.worklist.all_items()
        if items and self.w.services is not None:
            start, end = self.w.worklist.period()
            self._output(how, batch_document(self.w.services, items, start, end))

    def export_worklist(self, kind: str) -> None:
        items = self.w.worklist.all_items()
        if items and self.w.services is not None:
            start, end = self.w.worklist.period()
            self.w.exporting.export_worklist(self.w.services, items, start, end, kind)

    # --- application commands -------------------------------------------------------------
    def find(self) -> None:
        if self.w.current_tab() == Tab.WORKLIST:
            self.w.worklist.focus_search()
        else:
            self.w.show_tab(Tab.PARTICIPANTS)
            self.w.participants.focus_search()

    def site_settings(self) -> None:
        from .dialogs.site_settings_dialog import SiteSettingsDialog

        assert self.w.services is not None
        self._open(SiteSettingsDialog(self.w.services, self.w.today(), self.w.dialog_parent),
                   then=lambda site: self.w.month.set_calendar(site.calendar()))  # type: ignore[attr-defined]

    def publish_calendar(self) -> None:
        """File › Publish calendar now: the worker sends what waits at once, back-off or not (the status bar shows
        how it went); without a published calendar, say where to set one up."""
        from .calendar_status import calendar_words

        if calendar_words(self.w.calendar.status) is None and self.w.calendar.status is not None:
            self.w.prompter.info(self.tr("No calendar published"),
                                 self.tr("This site publishes no calendar yet. Set one up in File › Site settings, "
                                         "under Calendar publishing."))
            return
        self.w.calendar.sync_now(force=True)  # a person asked: not after the back-off
        self.w.show_message(self.tr("Publishing the calendar…"), 5000)

    def preferences(self) -> None:
        from .dialogs.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(self.w.settings, self.w.dialog_parent)

        def saved(_settings: object) -> None:
            self.w.apply_preferences()
            self.w.worklist.preferences_changed()

        dialog.saved.connect(saved)
        self.w.show_dialog(dialog)

    def open_database(self) -> None:
        self.w.choose_database()

    def verify_audit(self) -> None:
        services = self.w.services
        assert services is not None

        def done(result: object) -> None:
            ok, rows, problems = result.ok, result.rows, result.problems  # type: ignore[attr-defined]
            notes = "\n".join(result.notes)  # type: ignore[attr-defined]
            if ok:
                self.w.prompter.info(self.tr("Audit trail intact"), self.tr(
                    "All {count} audit entries check out: none was edited, forged, deleted or reordered, the data "
                    "matches the trail and the protection triggers are in place.").format(count=rows)
                    + f"\n\n{notes}")
            else:
                count = result.problem_count  # type: ignore[attr-defined]
                rest = result.not_listed  # type: ignore[attr-defined]
                listed = [*problems, *([self.tr("... {count} further problem(s) not listed (ln-scheduler audit "
                                                "verify --all lists every one)").format(count=rest)] if rest else [])]
                self.w.prompter.error(self.tr("Audit trail damaged"),
                                      self.tr("{count} problem(s) in {rows} entries.").format(count=count, rows=rows),
                                      "\n".join(listed) + f"\n\n{notes}")

        self.w.runner.run(lambda _p: services.verify_audit(), on_done=done,
                          on_error=lambda exc, _trace: self.show_error(exc),
                          title=self.tr("Verifying the audit trail"))

    def backup_database(self) -> None:
        """File › Back up database…: what ``ln-scheduler backup PATH`` does, for a coordinator
        without a terminal. The copy is a SQLite file from either engine, checked by SQLite before
        it is reported written, so the message can say it opens with File › Open database. The copy
        runs in a worker: a large site takes seconds, and the window must keep painting."""
        services = self.w.services
        assert services is not None
        path = ask_file_to_write(self.w.prompter, self.w.settings, self.tr("Back up the database"),
                                 backup_file_name(services.site().number, self.w.today()), self.tr(str(BACKUP_FILTER)),
                                 ".sqlite3")
        if path is None:
            return

        def work(progress: Progress) -> tuple[Path, str]:
            progress(0, 0, self.tr("Backing up the database to {path}…").format(path=path))
            return services.backup(path), services.audit_checkpoint()

        def done(outcome: tuple[Path, str]) -> None:
            written, checkpoint = outcome
            self.w.show_message(self.tr("Backed up to {path}").format(path=written), 8000)
            self.w.prompter.info(
                self.tr("Backup written"),
                self.tr("The database was copied to {path} and the copy passed SQLite's integrity check.\n\n"
                        "Keep it somewhere safe (not only on this computer). To look at it or restore from it, open "
                        "it with File › Open database….\n\nNote this line in the site log: {checkpoint}").format(
                    path=written, checkpoint=checkpoint))

        def failed(exc: BaseException, trace: str) -> None:
            if trace:
                logging.getLogger("ln_scheduler.ui").error("backup failed\n%s", trace)
            self.show_error(exc)

        self.w.runner.run(work, on_done=done, on_error=failed, title=self.tr("Backing up the database"))

    def shortcuts(self) -> None:
        rows = []
        for menu in self.w.shortcut_menus():
            for a in menu.actions():
                if a.shortcut().toString():
                    rows.append(f"<tr><td><b>{escape(a.shortcut().toString())}</b></td>"
                                f"<td>{escape(a.text().replace('&', ''))}</td></tr>")
        extra = "".join(f"<tr><td><b>{escape(key)}</b></td><td>{escape(what)}</td></tr>" for key, what in (
            (self.tr("Enter"), self.tr("Open the selected visit")),
            (self.tr("Page Up / Page Down"), self.tr("Previous / next month (calendar)")),
            (self.tr("Tab"), self.tr("Move between lists, buttons and fields"))))
        self.w.prompter.info(self.tr("Keyboard shortcuts"), f"<table cellpadding='3'>{''.join(rows)}{extra}</table>")

    def about(self) -> None:
        from .about_dialog import AboutDialog

        svc = self.w.services
        db = f"{svc.url_display} ({svc.url_source})" if svc else self.tr("none")
        protocol = f"{svc.default_protocol.id} v{svc.default_protocol.version}" if svc else "—"
        AboutDialog(self.w.dialog_parent, database=db, protocol=protocol).exec()
