"""Move a participant's calendar to an amended protocol version: the coordinator chooses the
amended file, sees which version the participant follows now and which one they would follow,
and every visit the change adds, cancels or re-dates, then gives the reason (the amendment and
its approval) that goes into every audit row. Nothing is written before Save.

The file is checked before any preview is shown: a broken file, the version the participant
already follows, or another protocol's file is refused in the dialog and Save stays disabled."""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

from ...domain.protocol import Protocol as StudyProtocol
from ...services.records import ParticipantRecord, SchedulePreview, VisitChange
from ..errors import ErrorText, describe
from ..formatting import NONE_TEXT, participant_caption, sentences
from ..forms.ui_change_protocol_dialog import Ui_ChangeProtocolDialog
from ..models import schedule_preview_model as spm
from ..translate_noop import QT_TRANSLATE_NOOP
from ..views.table_setup import setup_table
from .base import NOTE_STYLE, ServiceDialog, rebook_text

if TYPE_CHECKING:
    from ...services.app import Services

FILE_FILTER = QT_TRANSLATE_NOOP("ChangeProtocolDialog", "Protocol files (*.toml);;All files (*)")


class FileChooser(Protocol):
    """The part of ``ui.prompter.Prompter`` this dialog uses (tests pass their fake prompter)."""

    def open_file(self, title: str, start: Path, file_filter: str) -> Path | None: ...


class ProtocolChangePreviewModel(spm.SchedulePreviewModel):
    """The re-anchoring preview with the window shown old → new: after an amendment the window is
    often the only thing that changes, and "Window changes" alone would not say how.

    Its headers, samples and tooltips are its own, all marked with its own context: the table model
    translates a class's constants with the context of the class that sets them."""

    HEADERS = (QT_TRANSLATE_NOOP("ProtocolChangePreviewModel", "Visit"),
               QT_TRANSLATE_NOOP("ProtocolChangePreviewModel", "What happens"),
               QT_TRANSLATE_NOOP("ProtocolChangePreviewModel", "Day"),
               QT_TRANSLATE_NOOP("ProtocolChangePreviewModel", "Target"),
               QT_TRANSLATE_NOOP("ProtocolChangePreviewModel", "Window (old → new)"),
               QT_TRANSLATE_NOOP("ProtocolChangePreviewModel", "Scheduled"))
    SAMPLES = (QT_TRANSLATE_NOOP("ProtocolChangePreviewModel", "Day 2"),
               QT_TRANSLATE_NOOP("ProtocolChangePreviewModel", "Suggested date moves"), "", "2027-03-06 → 03-08",
               "2027-03-24 … 04-07 → 03-21 … 04-10",
               QT_TRANSLATE_NOOP("ProtocolChangePreviewModel", "2027-03-06 Sat → 03-08 Mon"))
    TOOLTIPS = ("",
                QT_TRANSLATE_NOOP("ProtocolChangePreviewModel", "What happens to the appointment"),
                QT_TRANSLATE_NOOP("ProtocolChangePreviewModel", "Study day of the target (old → new when it changes)"),
                QT_TRANSLATE_NOOP("ProtocolChangePreviewModel", "The protocol's ideal date, old → new"),
                QT_TRANSLATE_NOOP("ProtocolChangePreviewModel", "The allowed dates before and after the change"),
                QT_TRANSLATE_NOOP("ProtocolChangePreviewModel", "The appointment or suggested date, old → new"))

    def cell(self, c: VisitChange, column: int, role: int) -> Any:
        if column == spm.WINDOW and role == Qt.ItemDataRole.DisplayRole:
            return window_change_text(c)
        if column == spm.STUDY_DAY and role == Qt.ItemDataRole.DisplayRole and (c.added or c.removed):
            day = c.new_study_day if c.added else c.old_study_day  # the visit has only one
            return NONE_TEXT if day is None else str(day)
        if column == spm.WINDOW and role == Qt.ItemDataRole.ToolTipRole:
            return None  # the cell already shows the old window
        return super().cell(c, column, role)


def window_change_text(c: VisitChange) -> str:
    """``2027-03-24 … 04-07 → 03-21 … 04-10``; one window when it does not change, or for a visit
    added (only a new window) or cancelled (only the old one)."""
    old = spm._window(c.old_earliest, c.old_latest)
    new = spm._window(c.new_earliest, c.new_latest)
    if c.added or old == new:
        return new
    if c.removed:
        return old
    if c.old_earliest and c.new_earliest and c.old_earliest.year == c.new_earliest.year:
        new = new[5:]  # the year once, as in the date columns
    return f"{old}{spm.ARROW}{new}"


def change_summary(current_version: str, target: StudyProtocol, changes: list[VisitChange]) -> str:
    """One line a coordinator can read before saving: how many visits, and of which kind."""
    versions = {"old": escape(current_version), "new": escape(target.version)}
    if not changes:
        return QCoreApplication.translate(
            "ChangeProtocolDialog", "Moving from version {old} to version {new} changes no visit: only the protocol "
                                    "version recorded for the participant.").format(**versions)
    added = sum(1 for c in changes if c.added)
    removed = sum(1 for c in changes if c.removed)
    redated = len(changes) - added - removed
    # singular and plural are two messages ({count}): pyside6-lupdate marks plural forms only in self.tr
    kinds = (
        (added, QCoreApplication.translate("ChangeProtocolDialog", "1 new"),
         QCoreApplication.translate("ChangeProtocolDialog", "{count} new")),
        (removed, QCoreApplication.translate("ChangeProtocolDialog", "1 cancelled"),
         QCoreApplication.translate("ChangeProtocolDialog", "{count} cancelled")),
        (redated, QCoreApplication.translate("ChangeProtocolDialog", "1 with new dates or window"),
         QCoreApplication.translate("ChangeProtocolDialog", "{count} with new dates or window")),
    )
    parts = [one if n == 1 else many.format(count=n) for n, one, many in kinds if n]
    if len(changes) == 1:
        head = QCoreApplication.translate(
            "ChangeProtocolDialog", "Moving from version {old} to version {new} changes 1 visit: {parts}.")
    else:
        head = QCoreApplication.translate(
            "ChangeProtocolDialog", "Moving from version {old} to version {new} changes {count} visits: {parts}.")
    return head.format(**versions, count=len(changes), parts=", ".join(parts))


class ChangeProtocolDialog(ServiceDialog):
    def __init__(self, services: Services, participant: ParticipantRecord, today: date, chooser: FileChooser,
                 parent: QWidget | None = None, *, start_folder: Path | None = None) -> None:
        super().__init__(services, parent)
        self.ui = Ui_ChangeProtocolDialog()
        self.ui.setupUi(self)
        self._bind(self.ui)
        self.participant = participant
        self._today = today
        self._chooser = chooser
        self._start_folder = start_folder or Path.home()
        self.path: Path | None = None
        self.protocol: StudyProtocol | None = None
        self.preview: SchedulePreview | None = None
        self.model = ProtocolChangePreviewModel(self)
        table = self.ui.preview_table
        table.setModel(self.model)
        setup_table(table)
        self.ui.warnings_label.setStyleSheet(NOTE_STYLE)
        self.ui.warnings_label.setVisible(False)
        self.ui.browse_button.clicked.connect(self.choose_file)
        self.ui.reason_edit.textChanged.connect(self._update_save)
        self.save_button.setText(self.tr("Change protocol"))
        self._show_participant()
        self._show_preview()

    # --- input ----------------------------------------------------------------------------
    @property
    def reason(self) -> str:
        return self.ui.reason_edit.toPlainText().strip()

    def choose_file(self) -> None:
        """Ask for the amended file (the prompter: a file dialog, or the tests' answer)."""
        start = self.path.parent if self.path is not None else self._start_folder
        chosen = self._chooser.open_file(self.tr("Amended protocol file"), start, self.tr(FILE_FILTER))
        if chosen is not None:
            self.load_file(chosen)

    def load_file(self, path: Path) -> None:
        """Parse ``path`` and preview the change; any refusal is shown here and disables Save."""
        self.path = Path(path)
        self.ui.file_edit.setText(str(self.path))
        self.ui.file_edit.setCursorPosition(0)
        self.protocol = None
        self.preview = None
        try:
            self.protocol = self.services.load_protocol_file(self.path)
        except Exception as exc:  # unreadable, not TOML, a field wrong, a reused version: shown, never a crash
            self._show_preview(describe(exc))
            return
        self._refresh_preview()

    def _refresh_preview(self) -> None:
        """Ask the services what the change would do (nothing is written)."""
        self.preview = None
        if self.protocol is not None:
            try:
                self.preview = self.services.preview_protocol_change(self.participant.id, self.protocol)
            except Exception as exc:  # the same version, another protocol, a withdrawn participant, no database
                self._show_preview(describe(exc))
                return
        self._show_preview()

    # --- display --------------------------------------------------------------------------
    def _show_participant(self) -> None:
        p = self.participant
        self.ui.participant_label.setText(participant_caption(p))
        self.ui.current_label.setText(self.tr("<b>{protocol}</b> version <b>{version}</b>").format(
            protocol=escape(p.protocol_id), version=escape(p.protocol_version)))

    def _show_preview(self, problem: ErrorText | None = None) -> None:
        self.clear_error()
        target, preview = self.protocol, self.preview
        if target is None:
            self.ui.target_label.setText(self.tr("— (choose the amended protocol file)") if self.path is None
                                         else self.tr("— (this file cannot be used)"))
        else:
            refused = "" if preview is not None else self.tr(" — <b>refused</b>, see below")
            self.ui.target_label.setText(self.tr(
                "<b>{protocol}</b> version <b>{version}</b> ({title}){refused}").format(
                protocol=escape(target.id), version=escape(target.version), title=escape(target.title),
                refused=refused))
        changes = [c for c in preview.changes if c.moves] if preview is not None else []
        self.model.set_rows(changes)
        if preview is None or target is None:
            self.ui.summary_label.setText(
                self.tr("Choose the amended protocol file: every visit it adds, cancels or moves is listed here "
                        "before anything is saved.") if self.path is None else
                self.tr("Nothing can be changed with this file (the reason is shown below); choose another file."))
            self.ui.warnings_label.setVisible(False)
        else:
            summary = change_summary(self.participant.protocol_version, target, changes)
            rebooks = len(preview.rebooks)
            if rebooks:
                summary += " " + rebook_text(rebooks)
            self.ui.summary_label.setText(summary)
            self.ui.warnings_label.setText(sentences(preview.warnings))
            self.ui.warnings_label.setVisible(bool(preview.warnings))
        if problem is not None:
            self.show_error(problem)
        self._update_save()

    def _update_save(self) -> None:
        """Save only with a previewed change and a reason: both are what the audit trail needs."""
        self.save_button.setEnabled(self.preview is not None and bool(self.reason))

    # --- ServiceDialog --------------------------------------------------------------------
    def validate(self) -> str | None:
        if self.preview is None or self.protocol is None:
            return self.tr("Choose the amended protocol file first; its changes are shown before anything is saved.")
        if not self.reason:
            return self.tr("Give the reason for the protocol change (the amendment and its approval).")
        return None

    def reload(self) -> None:
        """After a conflict: the participant as saved by the other user, the preview computed
        again against it, the chosen file and the typed reason kept."""
        self.participant = self.services.participant(self.participant.id, today=self._today)
        self._show_participant()
        self._refresh_preview()

    def save(self) -> ParticipantRecord:
        assert self.protocol is not None
        return self.services.change_protocol(self.participant.id, self.protocol, self.reason,
                                             expected_version=self.participant.version)
