"""Record conditioning as given: the real first day (it re-anchors the pre-infusion visits) and
how many of the three days were given so far."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from ...domain.dates import FAR_PAST_CONDITIONING_DAYS
from ...domain.schedule import planned_infusion
from ...services.records import ParticipantRecord
from ..formatting import day_text, participant_caption
from ..forms.ui_record_conditioning_dialog import Ui_RecordConditioningDialog
from ..qt_dates import edit_date, far_past_question, setup_date_edit
from ..translate_noop import QT_TRANSLATE_NOOP
from .base import ServiceDialog

if TYPE_CHECKING:
    from ...services.app import Services

DAY_CHOICES = (QT_TRANSLATE_NOOP("RecordConditioningDialog", "LD1 only"),
               QT_TRANSLATE_NOOP("RecordConditioningDialog", "LD1 and LD2"),
               QT_TRANSLATE_NOOP("RecordConditioningDialog", "LD1, LD2 and LD3 (conditioning complete)"))


class RecordConditioningDialog(ServiceDialog):
    def __init__(self, services: Services, participant: ParticipantRecord, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.ui = Ui_RecordConditioningDialog()
        self.ui.setupUi(self)
        self._bind(self.ui)
        self.participant = participant
        self._protocol = services.protocol(participant.protocol_id, participant.protocol_version, participant.cohort)
        self._today = today
        self.ui.participant_label.setText(participant_caption(participant))
        self.ui.day_combo.addItems([self.tr(choice) for choice in DAY_CHOICES])
        start = participant.conditioning_start or today
        setup_date_edit(self.ui.date_edit, start, today)
        given = min(max((today - start).days + 1, 1), len(DAY_CHOICES))
        self.ui.day_combo.setCurrentIndex(given - 1)
        self.ui.date_edit.dateChanged.connect(self._update_hint)
        self.ui.day_combo.currentIndexChanged.connect(self._update_hint)
        self.save_button.setText(self.tr("Record"))
        self._update_hint()

    @property
    def days_done(self) -> int:
        return self.ui.day_combo.currentIndex() + 1

    def _update_hint(self) -> None:
        start = edit_date(self.ui.date_edit)
        days = ", ".join(f"LD{n + 1} {day_text(start + timedelta(days=n))}" for n in range(self.days_done))
        text = self.tr("Recorded as given: {days}. Infusion (Day 1) then planned for {infusion}.").format(
            days=days, infusion=day_text(planned_infusion(self._protocol, start)))
        if self.participant.conditioning_start_planned and start != self.participant.conditioning_start_planned:
            text += self.tr(" The plan said {day}: the visits before the infusion move with the real date.").format(
                day=day_text(self.participant.conditioning_start_planned))
        self.ui.hint_label.setText(text)

    def validate(self) -> str | None:
        start = edit_date(self.ui.date_edit)
        last = start + timedelta(days=self.days_done - 1)
        if last > self._today:
            return self.tr("LD{day} would be on {date}, after today: record only days already given.").format(
                day=self.days_done, date=last.isoformat())
        return None

    def confirmations(self) -> list[str]:
        """Screening never recorded, or a start more than two weeks ago: usually a slip, so ask."""
        questions = [] if self.participant.screening_date else [self.screening_question()]
        late = far_past_question(self.tr("conditioning start"), edit_date(self.ui.date_edit), self._today,
                                 FAR_PAST_CONDITIONING_DAYS)
        return questions + ([late] if late else [])

    def reload(self) -> None:
        self.participant = self.services.participant(self.participant.id)
        self.ui.participant_label.setText(participant_caption(self.participant))

    def save(self) -> ParticipantRecord:
        return self.services.record_conditioning(self.participant.id, edit_date(self.ui.date_edit),
                                                 days_done=self.days_done,
                                                 expected_version=self.participant.version)
