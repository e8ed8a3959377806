"""Participants: the list (filter by status, search by ID) and the selected participant's
timeline (every visit, the current window highlighted) and audit trail."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QPushButton, QStyle, QWidget

from ...domain.participant_status import ParticipantStatus
from ...services.records import ParticipantRecord, ParticipantSummary, VisitRecord
from ..flow_layout import wrap_row
from ..formatting import language_caption, participant_caption
from ..forms.ui_participant_view import Ui_ParticipantView
from ..give_way import give_way, user_acted
from ..models import audit_model as am
from ..models import participant_list_model as pl
from ..models import timeline_model as tl
from ..models.record_table_model import RecordFilterProxy
from ..models.roles import Role
from ..settings import AppSettings
from .table_setup import restore_header, save_header, setup_table

if TYPE_CHECKING:
    from ...services.app import Services
    from ...services.records import AuditEntry

# Which read a refresh's answer is for: the participant shown (None: only the list) and today.
ParticipantToken = tuple["str | None", date]
# What it read: the list, the participant shown, their audit trail (when its tab is shown).
ParticipantData = tuple["list[ParticipantSummary]", "ParticipantRecord | None", "list[AuditEntry] | None"]

TIMELINE_TAB, AUDIT_TAB = range(2)
SPLITTER_KEY = "participants/splitter.v2"  # v2: the list as wide as its columns, the timeline the rest


class ParticipantView(QWidget):
    participant_changed = Signal()  # a participant was selected (or reloaded)
    visit_changed = Signal()  # the selected visit of the timeline changed
    visit_activated = Signal(object, object)  # ParticipantRecord, VisitRecord

    def __init__(self, settings: AppSettings, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ParticipantView()
        self.ui.setupUi(self)
        # the rows of actions wrap: in one line they made the window wider than a 1024 px screen
        self._button_rows = (wrap_row(self.ui.actions_row), wrap_row(self.ui.output_row))
        self._settings = settings
        self._today = today
        self._services: Services | None = None
        self.record: ParticipantRecord | None = None
        self._audit_for: str | None = None

        self.list_model = pl.ParticipantListModel(self)
        self.list_model.set_today(today)
        self.list_proxy = pl.ParticipantFilterProxy(self)
        self.list_proxy.setSourceModel(self.list_model)
        people = self.ui.participant_table
        people.setModel(self.list_proxy)
        self._list_fitter = setup_table(people)
        people.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        people.sortByColumn(pl.PARTICIPANT, Qt.SortOrder.AscendingOrder)
        # v2: the Cohort column (a state saved with seven columns would misplace the eighth)
        restore_header(settings, "participants.v2", people, hidden_by_default=(pl.CONDITIONING, pl.INFUSION))
        people.selectionModel().selectionChanged.connect(self._participant_selected)

        self.ui.status_filter.addItem(self.tr("All statuses"), None)
        for status in ParticipantStatus:
            self.ui.status_filter.addItem(status.label, status)
        self.ui.status_filter.addItem(self.tr("With an overdue visit"), pl.ParticipantListModel.OVERDUE)
        self.ui.status_filter.currentIndexChanged.connect(
            lambda _i: self.list_proxy.set_status(self.ui.status_filter.currentData()))
        self.ui.cohort_filter.addItem(self.tr("All cohorts"), None)
        self.ui.cohort_filter.setVisible(False)  # until participants of two cohorts are listed
        self.ui.cohort_filter.currentIndexChanged.connect(
            lambda _i: self.list_proxy.set_cohort(self.ui.cohort_filter.currentData()))
        self.ui.search_edit.textChanged.connect(self._search)

        self.timeline_model = tl.TimelineModel(today, self)
        timeline = self.ui.timeline_table
        timeline.setModel(self.timeline_model)
        self._timeline_fitter = setup_table(timeline)
        restore_header(settings, "timeline.v2", timeline)  # v2: Scheduled and Done on became one Date column
        timeline.selectionModel().selectionChanged.connect(lambda *_: self.visit_changed.emit())
        timeline.activated.connect(self._visit_activated)

        self.audit_model = am.AuditModel(self)
        self.audit_proxy = RecordFilterProxy(self)
        self.audit_proxy.setSourceModel(self.audit_model)
        audit = self.ui.audit_table
        audit.setModel(self.audit_proxy)
        setup_table(audit)
        audit.sortByColumn(am.WHEN, Qt.SortOrder.DescendingOrder)
        restore_header(settings, "audit", audit, hidden_by_default=(am.WORKSTATION,))  # in the User tooltip
        self.ui.detail_tabs.currentChanged.connect(lambda _i: self._load_audit_if_shown())

        # The list keeps its width when the window grows; the timeline takes the rest. Until the
        # user moves the splitter, the list is exactly as wide as its columns.
        splitter = self.ui.splitter
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        state = settings.restore_state(SPLITTER_KEY)
        self._splitter_fitted = not (state is None or not splitter.restoreState(state))
        self._timeline_need = 0  # the widest the timeline has wanted (fit_splitter)
        self._header_width = self._header_need = 0  # the header's tallest wrapping at its width (_steady_header)
        splitter.splitterMoved.connect(self._splitter_moved)
        self.list_model.modelReset.connect(self.fit_splitter)
        # and when the timeline's content changes (a participant shown, dates booked with times): fitted
        # once while it was empty, the list kept ~480 px and "Booked Wed 2026-12-09 09:30" ran off the
        # view (connected after the column fitter's own reset handler, so it sees the new widths)
        self.timeline_model.modelReset.connect(self.fit_splitter)
        splitter.installEventFilter(self)
        self.ui.header_label.installEventFilter(self)
        self._show_header()

    # --- layout ---------------------------------------------------------------------------
    def fit_splitter(self) -> None:
        """The timeline first: as wide as its columns need (visit names whole: at 1280 px the list
        took a third of the width, mostly empty, and cut "Day 1: TAK-00…"), the widest it has been
        so far (the list never grows back under the mouse as participants are clicked through);
        the list the rest, at most as wide as its columns and at least through its Status column
        (the dates scroll). Only until the user places the splitter (then it is theirs, and
        remembered)."""
        splitter = self.ui.splitter
        total = splitter.width() - splitter.handleWidth()
        if self._splitter_fitted or total <= 0:
            return
        margins = self.ui.list_layout.contentsMargins()
        frame = margins.left() + margins.right()
        # the detail pane around the timeline (margins, the tab frame), once it has been laid out
        detail = splitter.widget(1)
        chrome = (detail.width() if detail is not None else 0) - self.ui.timeline_table.width()
        # less the scroll bar room counted in the natural width: with a scroll bar, the stretched
        # last column (notes) gives up that room, never the visit names
        timeline = self._timeline_fitter.natural_width() + (chrome if 0 < chrome < 100 else 40) - \
            self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        # the widest timeline shown so far: clicking from an SSC-1B participant (longer visit names)
        # back to an LN one widened the list again, and the next click landed on another row
        if 0 < chrome < 100:  # laid out: measured, not guessed
            timeline = self._timeline_need = max(self._timeline_need, timeline)
        table = self.ui.participant_table
        # who, in which cohort, in which state: the dates after them may scroll, these not (Spanish
        # words are wider, and "Acondicionamiento" ran off a list left its ID column only)
        header = table.horizontalHeader()
        who = header.sectionPosition(pl.STATUS) + header.sectionSize(pl.STATUS)
        scroll_bar = table.verticalScrollBar().sizeHint().width() if table.verticalScrollBar().isVisible() else 0
        least = who + scroll_bar + frame + 2 * table.frameWidth()
        wanted = max(least, min(self._list_fitter.natural_width() + frame, total - timeline))
        splitter.blockSignals(True)
        splitter.setSizes([wanted, total - wanted])
        splitter.blockSignals(False)

    def _splitter_moved(self, _pos: int, _index: int) -> None:
        self._splitter_fitted = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.ui.splitter and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.fit_splitter()
        if watched is self.ui.header_label and event.type() == QEvent.Type.Resize:
            self._steady_header()  # its own width, once laid out: another wrapping
        return super().eventFilter(watched, event)

    # --- data -----------------------------------------------------------------------------
    def set_services(self, services: Services | None) -> None:
        if services is not self._services and self.record is not None:
            # another database: the participant shown is not one of its own (reading them there
            # failed, and the window said the whole database could not be read)
            self.record = None
            self.timeline_model.set_rows([])
            self.audit_model.set_rows([])
            self._audit_for = None
            self._show_header()
            self.participant_changed.emit()
        self._services = services
        self.refresh()

    def set_today(self, today: date) -> None:
        self._today = today
        self.timeline_model.set_today(today)
        self.list_model.set_today(today)

    def refresh(self) -> None:
        """Reload the list and the selected participant, keeping the selection."""
        if self._services is None:
            return
        self._set_list(self._services.participants())
        if self.record is not None:
            self.load_participant(self.record.id, keep_visit=True)
        elif self.list_proxy.rowCount():
            self.ui.participant_table.selectRow(0)

    def refresh_job(self, changed: frozenset[str] | None = None
                    ) -> tuple[ParticipantToken, Callable[[], ParticipantData | None]]:
        """For a refresh in a worker thread (see ``MainWindow.refresh_in_background``). The list
        is read whole; the participant shown only if ``changed`` may include them."""
        services, today = self._services, self._today
        pid = self.record.id if self.record else None
        audit = self.ui.detail_tabs.currentIndex() == AUDIT_TAB
        if changed is not None and pid not in changed:
            pid = None

        def read() -> ParticipantData | None:
            if services is None:
                return None
            record = services.participant(pid, today=today) if pid else None
            give_way()  # between reads, a click meanwhile has the interpreter first
            people = services.participants()
            give_way()
            return people, record, services.audit(pid) if pid and audit else None

        return (pid, today), read

    def apply_refresh(self, token: ParticipantToken, data: ParticipantData | None) -> None:
        """Show what a refresh read: the list always (it does not depend on the selection); the
        participant only if still the one shown (another one chosen meanwhile was read then)."""
        if data is None or token[1] != self._today:
            return
        people, record, audit = data
        self._set_list(people)
        shown = self.record.id if self.record else None
        if record is not None and record.id == shown:
            self._show_record(record, keep_visit=True)
            if audit is not None:
                self.audit_model.set_rows(audit)
                self._audit_for = record.id

    def _set_list(self, people: list[ParticipantSummary]) -> None:
        """New rows for the list; the participant shown stays selected in it (a participant added
        elsewhere resets the list, which would otherwise drop the selection)."""
        self.list_model.set_rows(people)
        self._offer_cohorts(sorted({p.cohort for p in people}))
        if self.record is not None and not self.ui.participant_table.selectionModel().hasSelection():
            self.select_participant(self.record.id, reveal=False)  # not when the filters hide it

    def _offer_cohorts(self, cohorts: list[str]) -> None:
        """The cohort filter lists the cohorts of the participants listed (the one chosen stays,
        even when nobody is left in it); it is shown once there are two to tell apart."""
        combo = self.ui.cohort_filter
        chosen = combo.currentData()
        wanted = sorted({*cohorts, *([chosen] if chosen else [])})
        if [combo.itemData(i) for i in range(1, combo.count())] != wanted:
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for code in wanted:
                combo.addItem(self.tr("Cohort {code}").format(code=code), code)
            combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen else 0)
            combo.blockSignals(False)
        combo.setVisible(len(wanted) > 1)

    def load_participant(self, pid: str, *, keep_visit: bool = False) -> None:
        """Show one participant: one services read, then the timeline (and the audit if shown)."""
        if self._services is None:
            return
        user_acted()
        self._show_record(self._services.participant(pid, today=self._today), keep_visit=keep_visit)

    def _show_record(self, record: ParticipantRecord, *, keep_visit: bool) -> None:
        visit_key = self._selected_visit_key() if keep_visit else None
        self.record = record
        self.timeline_model.set_rows(record.visits)
        self._audit_for = None
        self._load_audit_if_shown()
        self._show_header()
        row = self.timeline_model.row_of_key(visit_key) if visit_key else -1
        if row < 0:
            row = self.timeline_model.current_row()
        if row >= 0:
            self.ui.timeline_table.selectRow(row)
            self.ui.timeline_table.scrollTo(self.timeline_model.index(row, 0),
                                            QAbstractItemView.ScrollHint.PositionAtCenter)
        self.participant_changed.emit()

    def _load_audit_if_shown(self) -> None:
        if self._services is None or self.record is None:
            self.audit_model.set_rows([])
            return
        if self.ui.detail_tabs.currentIndex() == AUDIT_TAB and self._audit_for != self.record.id:
            self.audit_model.set_timezone(self._services.site_timezone)
            self.audit_model.set_rows(self._services.audit(self.record.id))
            self._audit_for = self.record.id

    def _show_header(self) -> None:
        if self.record is None:
            self.ui.header_label.setText(self.tr("Select a participant, or enrol one (Ctrl+N)."))
        else:
            self.ui.header_label.setText(participant_caption(self.record) + language_caption(self.record.language))
        self._steady_header()
        # only a multi-dose cohort has later doses: the button would only ever be greyed otherwise
        self.ui.dose_button.setVisible(self.record is not None and len(self.record.doses) > 1)

    def _steady_header(self) -> None:
        """The header keeps the tallest height it has needed at this width: a caption wraps to one,
        two or three lines, and the buttons and timeline under it moved 14-28 px from one participant
        to the next (a walk at 1024 px). They move at most when a longer caption first appears."""
        label = self.ui.header_label
        width = label.width()
        if width != self._header_width:  # another width, other wrapping: measured afresh
            self._header_width, self._header_need = width, 0
        label.setMinimumHeight(0)  # a QLabel's height for a width is at least its minimum: measured without
        self._header_need = max(self._header_need, label.heightForWidth(width))
        label.setMinimumHeight(self._header_need)  # set again before anything is laid out

    # --- selection ------------------------------------------------------------------------
    def _participant_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = selected.indexes()
        if rows:
            summary = rows[0].data(Role.RECORD)
            if self.record is None or summary.id != self.record.id:
                self.load_participant(summary.id)

    def select_participant(self, pid: str, *, reveal: bool = True) -> bool:
        """Select ``pid`` in the list; ``reveal``: clear the filters if they hide it."""
        row = self.list_model.row_of_key(pid)
        if row < 0:
            return False
        index = self.list_proxy.mapFromSource(self.list_model.index(row, 0))
        if not index.isValid() and not reveal:
            return False
        if not index.isValid():  # filtered out: clear the filters, then select
            self.ui.status_filter.setCurrentIndex(0)
            self.ui.cohort_filter.setCurrentIndex(0)
            self.ui.search_edit.clear()
            index = self.list_proxy.mapFromSource(self.list_model.index(row, 0))
        self.ui.participant_table.selectRow(index.row())
        self.ui.participant_table.scrollTo(index)
        return True

    def select_visit(self, code: str, occurrence: int = 1) -> None:
        row = self.timeline_model.row_of_key((code, occurrence))
        if row >= 0:
            self.ui.timeline_table.selectRow(row)

    def current_visit(self) -> VisitRecord | None:
        """The visit the visit commands act on: the current row when it is selected (several
        may be, for a worksheet packet), else the first selected one."""
        table = self.ui.timeline_table
        index = table.currentIndex()
        if index.isValid() and table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            return self.timeline_model.record(index.row())
        rows = table.selectionModel().selectedRows()
        return self.timeline_model.record(min(r.row() for r in rows)) if rows else None

    def selected_visits(self) -> list[VisitRecord]:
        """Every selected visit of the timeline, in its order (a worksheet packet's choice)."""
        rows = sorted(r.row() for r in self.ui.timeline_table.selectionModel().selectedRows())
        return [self.timeline_model.record(r) for r in rows]

    def _selected_visit_key(self) -> tuple[str, int] | None:
        v = self.current_visit()
        return (v.code, v.occurrence) if v else None

    def _visit_activated(self, index: QModelIndex) -> None:
        if self.record is not None and index.isValid():
            self.visit_activated.emit(self.record, self.timeline_model.record(index.row()))

    def _search(self, text: str) -> None:
        self.list_proxy.set_search(text)
        if self.list_proxy.rowCount() == 1:
            self.ui.participant_table.selectRow(0)

    def focus_search(self) -> None:
        self.ui.search_edit.setFocus()
        self.ui.search_edit.selectAll()

    def save_state(self) -> None:
        save_header(self._settings, "participants.v2", self.ui.participant_table)
        save_header(self._settings, "timeline.v2", self.ui.timeline_table)
        save_header(self._settings, "audit", self.ui.audit_table)
        if self._splitter_fitted:  # placed by the user: keep it; else fit it again next time
            self._settings.save_state(SPLITTER_KEY, self.ui.splitter.saveState())

    # --- what the view offers the commands ------------------------------------------------
    def action_buttons(self) -> dict[str, QAbstractButton]:
        """The buttons that trigger the window's actions, by action name: the commands connect
        each to its action (one command, one enabled state, however it is reached)."""
        ui = self.ui
        return {"enrol": ui.enrol_button, "plan_conditioning": ui.plan_button, "book_plan": ui.book_plan_button,
                "worksheet_packet": ui.packet_button, "record_conditioning": ui.conditioning_button,
                "record_infusion": ui.infusion_button, "record_dose": ui.dose_button,
                "unscheduled_visit": ui.unscheduled_button, "change_protocol": ui.protocol_button,
                "withdraw": ui.withdraw_button, "export_participant_ics": ui.export_ics_button,
                "export_participant_csv": ui.export_csv_button}

    def menu_buttons(self) -> list[tuple[QPushButton, tuple[str, ...]]]:
        """The buttons that open a menu of actions (both schedules: preview, print, PDF), with the
        actions' names in menu order; a button is enabled with its first action."""
        return [(self.ui.schedule_button, ("preview_schedule", "print_schedule", "save_schedule_pdf")),
                (self.ui.take_home_button, ("preview_take_home", "print_take_home", "save_take_home_pdf",
                                            "personal_calendar"))]

    def listed_status(self, pid: str) -> ParticipantStatus | None:
        """``pid``'s status from what the view already holds (the record shown, else the list):
        no database read on every selection change; None when not loaded yet."""
        if self.record is not None and self.record.id == pid:
            return self.record.status
        row = self.list_model.row_of_key(pid)
        return self.list_model.record(row).status if row >= 0 else None

    def focus_list(self) -> None:
        self.ui.participant_table.setFocus()
