"""Withdraw a participant: the date and reason, and before Save the whole preview of what the save
writes, grouped as it will happen: visits recorded missed (their window closed before the date: a
deviation), visits cancelled, the early-termination visit added.

The list comes from ``Services.preview_withdrawal`` (the plan the save itself writes) and Save hands
that preview back, so the dialog can neither say less than the save does (it once said "13 later
visits will be cancelled" while 14 were cancelled and 3 recorded missed) nor save after someone
else changed the calendar unseen: that is a conflict, the preview is re-read and shown again."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHeaderView, QTreeWidgetItem, QWidget

from ...domain.errors import DomainError
from ...services.records import (
    ParticipantRecord,
    VisitRecord,
    WithdrawalChange,
    WithdrawalOutcome,
    WithdrawalPreview,
)
from ..errors import describe
from ..formatting import day_text, participant_caption, time_text
from ..forms.ui_withdraw_dialog import Ui_WithdrawDialog
from ..qt_dates import edit_date, setup_date_edit
from .base import NOTE_STYLE, ServiceDialog

if TYPE_CHECKING:
    from ...services.app import Services

#: Rows of the preview list shown without scrolling when the screen has room; more scroll.
VISIBLE_ROWS = 14


class WithdrawDialog(ServiceDialog):
    def __init__(self, services: Services, participant: ParticipantRecord, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.ui = Ui_WithdrawDialog()
        self.ui.setupUi(self)
        self._bind(self.ui)
        self.participant = participant
        self.preview: WithdrawalPreview | None = None
        self._preview_problem: str | None = None
        self._today = today
        self.ui.participant_label.setText(participant_caption(participant))
        self.ui.consequences_label.setStyleSheet(NOTE_STYLE)
        # hidden with a refused date, its room kept: the list below jumped up and back (a walk)
        policy = self.ui.consequences_label.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.ui.consequences_label.setSizePolicy(policy)
        self.ui.main_layout.setStretchFactor(self.ui.preview_tree, 1)  # extra height goes to the list
        header = self.ui.preview_tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        setup_date_edit(self.ui.date_edit, today, today)
        self.ui.date_edit.dateChanged.connect(self._update_consequences)
        self.save_button.setText(self.tr("Withdraw"))
        self._update_consequences()
        self._fit_to_screen()

    def _update_consequences(self) -> None:
        """Re-read the plan for the date shown; a date the service refuses says why instead."""
        when = edit_date(self.ui.date_edit)
        try:
            self.preview = self.services.preview_withdrawal(self.participant.id, when)
            self._preview_problem = None
        except DomainError as exc:
            self.preview, self._preview_problem = None, describe(exc).full
        self._show_preview()

    def _show_preview(self) -> None:
        tree = self.ui.preview_tree
        tree.clear()
        if self.preview is None:  # a date the services refuse: said as a refusal (red), Withdraw greyed
            self.ui.consequences_label.setVisible(False)  # no note beside the refusal (its text keeps its room)
            self.show_error(self._preview_problem or self.tr("The withdrawal cannot be previewed."))
            self.save_button.setEnabled(False)
            return
        self.clear_error()
        self.ui.consequences_label.setVisible(True)
        self.save_button.setEnabled(True)
        parts = []
        for outcome in WithdrawalOutcome:
            changes = self.preview.of(outcome)
            if not changes:
                continue
            parts.append(_count_words(outcome, changes))
            group = QTreeWidgetItem(tree, [self.tr("{heading} ({count})").format(heading=outcome.heading,
                                                                                 count=len(changes))])
            group.setFirstColumnSpanned(True)
            group.setToolTip(0, outcome.why)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            for c in changes:
                code = c.code if c.occurrence == 1 else f"{c.code} #{c.occurrence}"
                item = QTreeWidgetItem(group, [code, c.name, self._when(c)])
                item.setToolTip(1, self.tr("{visit}: {outcome}").format(visit=c.name, outcome=outcome.value))
        tree.expandAll()
        summary = (self.tr("Saving will {actions}. Check the list below before you save.").format(actions=_join(parts))
                   if parts else self.tr("Saving changes no visit. Check the list below before you save."))
        self.ui.consequences_label.setText(summary + self._booked_words())

    def _booked(self, change: WithdrawalChange) -> VisitRecord | None:
        """The participant's booked appointment a cancelled visit calls off (None: only proposed)."""
        if change.outcome is not WithdrawalOutcome.CANCELLED:
            return None
        v = self.participant.visit(change.code, change.occurrence)
        return v if v.booked and v.scheduled == change.day else None

    def _when(self, change: WithdrawalChange) -> str:
        """``2027-03-31 Wed 13:30, booked``: an appointment the participant was given says so."""
        booked = self._booked(change)
        if booked is None:
            return day_text(change.day)
        at = f" {time_text(booked.scheduled_time)}" if booked.scheduled_time else ""
        return self.tr("{day}{time}, booked").format(day=day_text(change.day), time=at)

    def _booked_words(self) -> str:
        """`` Of the visits to cancel, 1 is a booked appointment (M2): tell the participant it is called off.``"""
        assert self.preview is not None
        codes = [c.code for c in self.preview.of(WithdrawalOutcome.CANCELLED) if self._booked(c) is not None]
        if not codes:
            return ""
        if len(codes) == 1:
            return " " + self.tr("Of the visits to cancel, 1 is a booked appointment ({visits}): tell the participant "
                                 "it is called off.").format(visits=codes[0])
        return " " + self.tr("Of the visits to cancel, {count} are booked appointments ({visits}): tell the "
                             "participant they are called off.").format(count=len(codes), visits=", ".join(codes))

    def _fit_to_screen(self) -> None:
        """Tall enough to show about :data:`VISIBLE_ROWS` rows of the list, never taller than the
        screen (the list scrolls for the rest)."""
        tree = self.ui.preview_tree
        row = max(tree.sizeHintForRow(0), tree.fontMetrics().height() + 4)
        tree.setMinimumHeight(row * 6)
        wanted = self.sizeHint().height() + row * max(0, VISIBLE_ROWS - 6)
        screen = self.screen()
        if screen is not None:
            wanted = min(wanted, int(screen.availableGeometry().height() * 0.9))
        self.resize(max(self.width(), 560), max(wanted, self.minimumSizeHint().height()))

    def validate(self) -> str | None:
        if edit_date(self.ui.date_edit) > self._today:
            return self.tr("The withdrawal date cannot be after today.")
        if self.preview is None:
            return self._preview_problem or self.tr("The withdrawal cannot be previewed.")
        if not self.ui.reason_edit.toPlainText().strip():
            return self.tr("Give the reason for the withdrawal.")
        return None

    def reload(self) -> None:
        self.participant = self.services.participant(self.participant.id)
        self._update_consequences()

    def save(self) -> ParticipantRecord:
        assert self.preview is not None  # validate() refuses without one
        return self.services.withdraw(self.participant.id, self.preview.on,
                                      self.ui.reason_edit.toPlainText().strip(), preview=self.preview)


def _count_words(outcome: WithdrawalOutcome, changes: tuple[WithdrawalChange, ...]) -> str:
    """``record 3 visits missed (…)``, ``cancel 1 visit``, ``add the Early termination visit``: one
    part of the sentence "Saving will …"."""
    # singular and plural are two messages ({count}): pyside6-lupdate marks plural forms only in self.tr
    n = len(changes)
    if outcome is WithdrawalOutcome.MISSED:
        text = (QCoreApplication.translate("WithdrawDialog", "record 1 visit missed ({why})") if n == 1
                else QCoreApplication.translate("WithdrawDialog", "record {count} visits missed ({why})"))
        return text.format(count=n, why=WithdrawalOutcome.MISSED.why)
    if outcome is WithdrawalOutcome.CANCELLED:
        text = (QCoreApplication.translate("WithdrawDialog", "cancel 1 visit") if n == 1
                else QCoreApplication.translate("WithdrawDialog", "cancel {count} visits"))
        return text.format(count=n)
    visit = QCoreApplication.translate("WithdrawDialog", "the {visit} visit")
    return QCoreApplication.translate("WithdrawDialog", "add {visits}").format(
        visits=_join([visit.format(visit=c.name) for c in changes]))


def _join(parts: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c`` in the interface language."""
    if len(parts) == 1:
        return parts[0]
    return QCoreApplication.translate("WithdrawDialog", "{first} and {last}").format(first=", ".join(parts[:-1]),
                                                                                     last=parts[-1])
