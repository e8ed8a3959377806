"""A participant's packet: the worksheets of a chosen set of one participant's visits, previewed,
printed or saved as one PDF (the clinic batch of ``reports/``, for one person). By default the
visits booked in the next N days (the first days after booking the plan); the visits selected in
the timeline when several were; or any ticked by hand."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QDialog, QListWidgetItem, QWidget

from ...domain.protocol import VisitKind
from ...services.records import ParticipantRecord, VisitRecord
from ..formatting import day_text, participant_caption, time_text
from ..forms.ui_packet_dialog import Ui_PacketDialog
from ..settings import AppSettings, Options
from .base import grow_with_messages


def booked_within(participant: ParticipantRecord, today: date, days: int) -> list[VisitRecord]:
    """Open visits booked from today to ``days`` days ahead (today included), in date order."""
    last = today + timedelta(days=days)
    return [v for v in participant.visits if v.booked and v.status.is_open and v.scheduled is not None
            and today <= v.scheduled <= last]


class PacketDialog(QDialog):
    output_requested = Signal(str, object)  # "preview" | "print" | "pdf", list[VisitRecord]

    def __init__(self, participant: ParticipantRecord, today: date, selected: Sequence[VisitRecord],
                 settings: AppSettings, parent: QWidget | None = None, *, chosen: bool = False) -> None:
        """``selected``: the visits selected in the timeline (a choice when more than one), or,
        with ``chosen``, the visits just booked (a choice however many)."""
        super().__init__(parent)
        self.ui = Ui_PacketDialog()
        self.ui.setupUi(self)
        grow_with_messages(self)
        self.participant = participant
        self._today = today
        self._settings = settings
        self.ui.participant_label.setText(participant_caption(participant))
        self._visits = [v for v in participant.visits if v.kind is not VisitKind.UNSCHEDULED or v.scheduled]
        for v in self._visits:
            item = QListWidgetItem(self._label(v))
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.ui.visits_list.addItem(item)
        self.ui.days_spin.setValue(settings.get(Options.PACKET_DAYS))
        keys = {(v.code, v.occurrence) for v in selected} if len(selected) > 1 or chosen else set()
        if keys:
            self.ui.chosen_radio.setChecked(True)
            self._tick(keys)
        else:
            self._tick_booked()
        self.ui.booked_radio.toggled.connect(self._booked_toggled)
        self.ui.days_spin.valueChanged.connect(self._days_changed)
        self.ui.visits_list.itemChanged.connect(self._hand_ticked)
        self.ui.preview_button.clicked.connect(lambda: self._request("preview"))
        self.ui.print_button.clicked.connect(lambda: self._request("print"))
        self.ui.pdf_button.clicked.connect(lambda: self._request("pdf"))
        self.ui.button_box.rejected.connect(self.reject)
        self._summarise()

    @staticmethod
    def _label(v: VisitRecord) -> str:
        day = v.actual or v.scheduled or v.target  # a visit done: the day it was done, as the timeline
        when = day_text(day) if day else QCoreApplication.translate("PacketDialog", "no date yet")
        if not v.status.is_open:
            state = v.status.label.lower()
        elif v.booked and v.scheduled_time:
            state = QCoreApplication.translate("PacketDialog", "booked {time}").format(
                time=time_text(v.scheduled_time))
        elif v.booked:
            state = QCoreApplication.translate("PacketDialog", "booked")
        else:
            state = QCoreApplication.translate("PacketDialog", "proposed")
        return f"{v.label} — {when} ({state})"

    # --- choice ---------------------------------------------------------------------------
    def _tick(self, keys: set[tuple[str, int]]) -> None:
        self.ui.visits_list.blockSignals(True)
        for row, v in enumerate(self._visits):
            wanted = (v.code, v.occurrence) in keys
            self.ui.visits_list.item(row).setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
        self.ui.visits_list.blockSignals(False)
        self._summarise()

    def _tick_booked(self) -> None:
        self._tick({(v.code, v.occurrence)
                    for v in booked_within(self.participant, self._today, self.ui.days_spin.value())})

    def _booked_toggled(self, on: bool) -> None:
        if on:
            self._tick_booked()

    def _days_changed(self, days: int) -> None:
        self._settings.set(Options.PACKET_DAYS, days)
        if self.ui.booked_radio.isChecked():
            self._tick_booked()
        else:
            self.ui.booked_radio.setChecked(True)

    def _hand_ticked(self, _item: QListWidgetItem) -> None:
        if not self.ui.chosen_radio.isChecked():
            self.ui.chosen_radio.blockSignals(True)
            self.ui.chosen_radio.setChecked(True)
            self.ui.chosen_radio.blockSignals(False)
        self._summarise()

    def chosen(self) -> list[VisitRecord]:
        """The ticked visits, in the participant's date order."""
        return [v for row, v in enumerate(self._visits)
                if self.ui.visits_list.item(row).checkState() == Qt.CheckState.Checked]

    def _summarise(self) -> None:
        chosen = self.chosen()
        if chosen:
            codes = ", ".join(v.code for v in chosen)
            text = (self.tr("1 worksheet in one PDF: {visits}") if len(chosen) == 1
                    else self.tr("%n worksheets in one PDF: {visits}", "", len(chosen))).format(visits=codes)
        else:
            text = self.tr("No visit chosen: tick the visits whose worksheets you want, or choose more days.")
        self.ui.summary_label.setText(text)
        for button in (self.ui.preview_button, self.ui.print_button, self.ui.pdf_button):
            button.setEnabled(bool(chosen))

    def _request(self, how: str) -> None:
        chosen = self.chosen()
        if not chosen:
            return
        self.output_requested.emit(how, chosen)
        self.accept()
