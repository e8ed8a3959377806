"""Move a participant to another cohort of their protocol version (enrolled in the wrong one, or the
eligibility review decided otherwise). Allowed until conditioning is recorded: the services refuse
it after, and say so. The new cohort's visit list replaces the old one, so the dialog shows every
visit it adds, cancels or moves before anything is saved, and a reason is required (audited)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from ...domain.errors import DomainError
from ...services.records import ParticipantRecord, SchedulePreview
from ..errors import describe
from ..formatting import cohort_choice_text, participant_caption
from ..forms.ui_change_cohort_dialog import Ui_ChangeCohortDialog
from ..views.table_setup import setup_table
from .base import ServiceDialog
from .change_protocol_dialog import ProtocolChangePreviewModel

if TYPE_CHECKING:
    from ...services.app import Services


class ChangeCohortDialog(ServiceDialog):
    def __init__(self, services: Services, participant: ParticipantRecord, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.ui = Ui_ChangeCohortDialog()
        self.ui.setupUi(self)
        self._bind(self.ui)
        self.participant = participant
        self.preview: SchedulePreview | None = None
        self.model = ProtocolChangePreviewModel(self)
        self.ui.preview_table.setModel(self.model)
        setup_table(self.ui.preview_table)
        protocol = services.protocol(participant.protocol_id, participant.protocol_version)
        for cohort in protocol.cohorts:
            if cohort.code != participant.cohort:
                self.ui.cohort_combo.addItem(cohort_choice_text(cohort), cohort.code)
        self.ui.participant_label.setText(participant_caption(participant))
        self.ui.cohort_combo.currentIndexChanged.connect(lambda _i: self.refresh_preview())
        self.save_button.setText(self.tr("Change cohort"))
        self.refresh_preview()

    @property
    def cohort(self) -> str | None:
        return self.ui.cohort_combo.currentData()

    def refresh_preview(self) -> None:
        self.clear_error()
        code = self.cohort
        self.model.set_rows([])
        if code is None:
            self.ui.hint_label.setText(self.tr("Protocol version {version} has no other cohort.").format(
                version=escape(self.participant.protocol_version)))
            self.save_button.setEnabled(False)
            return
        try:
            self.preview = self.services.preview_cohort_change(self.participant.id, code)
        except DomainError as exc:
            self.preview = None
            self.ui.hint_label.setText("")
            self.show_error(describe(exc))
            self.save_button.setEnabled(False)
            return
        changes = [c for c in self.preview.changes if c.moves]
        self.model.set_rows(changes)
        added = sum(1 for c in changes if c.added)
        removed = sum(1 for c in changes if c.removed)
        moved = len(changes) - added - removed
        names = {"id": escape(self.participant.id), "old": escape(self.participant.cohort), "new": escape(code)}
        if not changes:
            self.ui.hint_label.setText(self.tr(
                "Moving {id} from cohort <b>{old}</b> to <b>{new}</b> changes no visit date (the calendar is not "
                "planned yet, or the visits are the same); the procedures follow the new cohort.").format(**names))
        else:
            self.ui.hint_label.setText(self.tr(
                "Moving {id} from cohort <b>{old}</b> to <b>{new}</b>: {added} visit(s) added, {removed} cancelled, "
                "{moved} moved. Procedures follow the new cohort.").format(**names, added=added, removed=removed,
                                                                            moved=moved))
        self.save_button.setEnabled(True)

    def validate(self) -> str | None:
        if self.cohort is None:
            return self.tr("Choose the new cohort.")
        if not self.ui.reason_edit.text().strip():
            return self.tr("Give the reason for the change (it goes in the audit trail).")
        return None

    def reload(self) -> None:
        self.participant = self.services.participant(self.participant.id)
        self.ui.participant_label.setText(participant_caption(self.participant))
        self.refresh_preview()

    def save(self) -> ParticipantRecord:
        code = self.cohort
        assert code is not None
        return self.services.change_cohort(self.participant.id, code, self.ui.reason_edit.text().strip(),
                                           expected_version=self.participant.version, preview=self.preview)
