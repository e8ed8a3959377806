"""Plan conditioning: a start date, with the start dates on which conditioning and Days 1-4 all
fall on open days offered first (a Sunday infusion is what these suggestions avoid)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QItemSelection
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QWidget

from ...domain.conditioning import critical_visits, suggest_conditioning_starts
from ...domain.dates import FAR_PAST_CONDITIONING_DAYS
from ...domain.errors import DomainError
from ...domain.protocol import Protocol, VisitKind
from ...domain.schedule import Anchors, conditioning_start_range, plan_schedule, planned_infusion
from ...services.records import ParticipantRecord
from ..formatting import day_text, participant_caption, sentences
from ..forms.ui_plan_conditioning_dialog import Ui_PlanConditioningDialog
from ..models.suggestion_model import SuggestionModel
from ..qt_dates import edit_date, far_past_question, setup_date_edit, to_qdate
from .base import NOTE_STYLE, ServiceDialog

if TYPE_CHECKING:
    from ...services.app import Services

SUGGESTIONS = 8


def fixed_days_text(protocol: Protocol) -> str:
    """The dose-related fixed days a start must keep open, as the coordinator reads them: "Days 1-4"
    for a one-dose cohort (the wording before cohorts), else every one (``D1, D2, ..., D16``)."""
    days = [v.code for v in critical_visits(protocol) if v.kind is not VisitKind.CONDITIONING]
    if protocol.dose_count == 1:
        return QCoreApplication.translate("PlanConditioningDialog", "Days 1-4")
    return QCoreApplication.translate("PlanConditioningDialog",
                                      "the dose days and the days after them ({days})").format(days=", ".join(days))


class PlanConditioningDialog(ServiceDialog):
    def __init__(self, services: Services, participant: ParticipantRecord, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.ui = Ui_PlanConditioningDialog()
        self.ui.setupUi(self)
        self._bind(self.ui)
        self.participant = participant
        self._today = today
        self._protocol = services.protocol(participant.protocol_id, participant.protocol_version, participant.cohort)
        self._calendar = services.site().calendar()
        self._fixed_days = fixed_days_text(self._protocol)
        if self._protocol.dose_count > 1:  # the label names the days these suggestions keep open
            self.ui.suggestions_label.setText(self.tr("&Suggested start dates: conditioning and {days} all fall on "
                                                      "days the site is open").format(days=self._fixed_days))
        self.ui.participant_label.setText(participant_caption(participant))
        self.ui.warnings_label.setStyleSheet(NOTE_STYLE)
        self.model = SuggestionModel(self)
        self.ui.suggestions_table.setModel(self.model)
        self.ui.suggestions_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.ui.suggestions_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.ui.suggestions_table.verticalHeader().hide()
        self.ui.suggestions_table.selectionModel().selectionChanged.connect(self._pick_suggestion)
        replanning = participant.conditioning_start_planned is not None
        self.ui.reason_edit.setEnabled(replanning)
        self.ui.reason_label.setEnabled(replanning)
        search_from = max(today, self._allowed_range()[0]) if participant.screening_date else today
        setup_date_edit(self.ui.search_from_edit, search_from, today)
        setup_date_edit(self.ui.start_date_edit, participant.conditioning_start_planned or search_from, today)
        self.ui.search_from_edit.dateChanged.connect(self._suggest)
        self.ui.start_date_edit.dateChanged.connect(self._update_consequences)
        self.save_button.setText(self.tr("Plan"))
        self.ui.book_after_check.setChecked(not replanning)  # a first plan is booked right after
        self._suggest()
        if not replanning and self.model.rowCount():
            self.ui.suggestions_table.selectRow(0)
        self._update_consequences()

    def _allowed_range(self) -> tuple[date, date]:
        assert self.participant.screening_date is not None
        return conditioning_start_range(self._protocol, self.participant.screening_date)

    def _suggest(self) -> None:
        start = edit_date(self.ui.search_from_edit)
        until = self._allowed_range()[1] if self.participant.screening_date else None  # what screening allows
        found = suggest_conditioning_starts(self._protocol, self._calendar, start, SUGGESTIONS, until)
        self.model.set_rows([(s, planned_infusion(self._protocol, s)) for s in found])
        self._update_consequences()  # "no start before the screening expires" follows the search

    def _pick_suggestion(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = selected.indexes()
        if rows:
            start, _ = self.model.record(rows[0].row())
            self.ui.start_date_edit.setDate(to_qdate(start))

    def _update_consequences(self) -> None:
        start = edit_date(self.ui.start_date_edit)
        self.ui.infusion_value_label.setText(day_text(planned_infusion(self._protocol, start)))
        notes: list[str] = []
        try:
            schedule = plan_schedule(self._protocol, Anchors(start), self._calendar)
            notes += schedule.warnings
        except DomainError as exc:
            notes.append(str(exc))
        closes_a_day = suggest_conditioning_starts(self._protocol, self._calendar, start, 1) != [start]
        if self.participant.screening_date is not None:
            first, last = self._allowed_range()
            allowed = first <= start <= last
            if not self.model.rowCount() and not (allowed and not closes_a_day):  # a good start typed: said no more
                notes.append(self.tr("No start date up to {last}, when this screening expires, keeps conditioning "
                                     "and {days} on open days: repeat the screening, or plan on a date and book "
                                     "around the closed day.").format(last=last.isoformat(), days=self._fixed_days))
            if not allowed:
                notes.append(self.tr("Screening on {screening} allows a start from {first} to {last} only.").format(
                    screening=self.participant.screening_date.isoformat(), first=first.isoformat(),
                    last=last.isoformat()))
        if closes_a_day:
            notes.append(self.tr("This start date puts conditioning or {days} on a day the site is closed.").format(
                days=self._fixed_days))
        self.ui.warnings_label.setText(sentences(notes))
        self.ui.warnings_label.setVisible(bool(notes))

    @property
    def book_after(self) -> bool:
        """Open the booking of screening to Day 4 once the plan is saved."""
        return self.ui.book_after_check.isChecked()

    def validate(self) -> str | None:
        if self.ui.reason_edit.isEnabled() and not self.ui.reason_edit.text().strip():
            return self.tr("Give the reason for changing the planned conditioning start (it goes in the audit trail).")
        return None

    def confirmations(self) -> list[str]:
        question = far_past_question(self.tr("conditioning start"), edit_date(self.ui.start_date_edit), self._today,
                                     FAR_PAST_CONDITIONING_DAYS)
        return [question] if question else []

    def reload(self) -> None:
        self.participant = self.services.participant(self.participant.id)
        self.ui.participant_label.setText(participant_caption(self.participant))

    def save(self) -> ParticipantRecord:
        reason = self.ui.reason_edit.text().strip() or None
        return self.services.plan_conditioning(self.participant.id, edit_date(self.ui.start_date_edit),
                                               reason=reason, expected_version=self.participant.version)
