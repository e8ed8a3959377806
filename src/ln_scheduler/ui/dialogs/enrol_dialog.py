"""Enrol a participant: study ID and initials (never a name), the cohort, the language of what they
take home (English unless chosen), optional screening and conditioning dates. The cohorts offered
are those of the protocol version the site enrols new participants on (Site settings), so a site
still on version 1.0 is offered LN only; the languages are those with a catalogue."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

from ...domain.dates import FAR_PAST_CONDITIONING_DAYS, FAR_PAST_SCREENING_DAYS
from ...domain.schedule import conditioning_start_range, planned_infusion
from ...i18n import SOURCE_LANGUAGE, available_languages
from ...services.records import ParticipantRecord, SiteInfo
from ..formatting import cohort_choice_text, day_text, sentence
from ..forms.ui_enrol_dialog import Ui_EnrolDialog
from ..qt_dates import (
    edit_date,
    far_past_question,
    setup_date_edit,
)
from .base import NOTE_STYLE, ServiceDialog

if TYPE_CHECKING:
    from ...services.app import Services

INITIALS = re.compile(r"[A-Z]{2,4}")


class EnrolDialog(ServiceDialog):
    def __init__(self, services: Services, today: date, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.ui = Ui_EnrolDialog()
        self.ui.setupUi(self)
        self._bind(self.ui)
        self._site: SiteInfo = services.site()
        self._enrolment_protocol = services.enrolment_protocol()
        self._protocol = self._enrolment_protocol
        self._today = today
        for cohort in self._enrolment_protocol.cohorts:
            self.ui.cohort_combo.addItem(cohort_choice_text(cohort), cohort.code)
        # the whole name read (it was cut at "Part 1b (three"): the dialog widens to the longest
        self.ui.cohort_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.ui.cohort_combo.setMinimumWidth(self.ui.cohort_combo.sizeHint().width())
        self.ui.cohort_combo.setToolTip(self.tr("The cohorts of protocol {id} version {version}, the version this "
                                                "site enrols on (File › Site settings)").format(
            id=self._enrolment_protocol.id, version=self._enrolment_protocol.version))
        for lang in available_languages():  # "Español (Spanish)": readable by staff and participant
            self.ui.language_combo.addItem(lang.label, lang.code)
        self.ui.language_combo.setCurrentIndex(self.ui.language_combo.findData(SOURCE_LANGUAGE))
        self.ui.cohort_combo.currentIndexChanged.connect(self._cohort_chosen)
        setup_date_edit(self.ui.screening_date_edit, today, today)
        setup_date_edit(self.ui.conditioning_date_edit, today, today)
        self.ui.participant_id_edit.setPlaceholderText(self.tr("e.g. {example}").format(example=self._example_id()))
        for edit in (self.ui.participant_id_edit, self.ui.initials_edit):  # the hint is read in full
            edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance(edit.placeholderText()) + 24)
        self.ui.initials_edit.textEdited.connect(self._upper_initials)
        for signal in (self.ui.conditioning_check.toggled, self.ui.conditioning_date_edit.dateChanged,
                       self.ui.screening_check.toggled, self.ui.screening_date_edit.dateChanged):
            signal.connect(self._update_hint)
        self.save_button.setText(self.tr("Enrol"))
        hint = self.ui.hint_label  # room for a closed-day warning: the buttons do not move as dates are typed
        hint.setMinimumHeight(5 * hint.fontMetrics().lineSpacing() + 22)  # + the note's padding and border
        hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._update_hint()
        # the form's minimum width set in Designer overrides the layout's: as wide as the cohort names
        self.setMinimumWidth(max(self.minimumWidth(), self.minimumSizeHint().width()))

    @property
    def cohort(self) -> str:
        return str(self.ui.cohort_combo.currentData())

    @property
    def language(self) -> str:
        """The code of the language chosen (``en`` unless changed)."""
        return str(self.ui.language_combo.currentData())

    def _cohort_chosen(self) -> None:
        self._protocol = self._enrolment_protocol.for_cohort(self.cohort)
        self._update_hint()

    def _example_id(self) -> str:
        number = self._site.number or "104"
        return f"{number}-001" if self._site.participant_id_pattern == r"\d{3}-\d{3}" else self.tr("(site format)")

    def _upper_initials(self, text: str) -> None:
        upper = text.upper()
        if upper != text:
            pos = self.ui.initials_edit.cursorPosition()
            self.ui.initials_edit.setText(upper)
            self.ui.initials_edit.setCursorPosition(pos)

    def _update_hint(self) -> None:
        doses = self._protocol.dose_count
        dose_days = (self.tr("Cohort {cohort}: {doses} doses, each planned {days} days after the one before. ").format(
            cohort=self._protocol.cohort_code, doses=doses, days=self._protocol.doses[0].planned_days_after_previous)
            if doses > 1 and self._protocol.doses else "")
        if self.ui.conditioning_check.isChecked():
            start = edit_date(self.ui.conditioning_date_edit)
            infusion = day_text(planned_infusion(self._protocol, start))
            if start <= self._today:  # started: no start date left to choose
                hint = self.tr("Infusion (Day 1) planned for {day}.")
            elif doses > 1:
                hint = self.tr("Infusion (Day 1) planned for {day}. Use Plan conditioning later to see start dates "
                               "that keep the dose days and the fixed days after them on open days.")
            else:
                hint = self.tr("Infusion (Day 1) planned for {day}. Use Plan conditioning later to see start dates "
                               "that keep Days 1-4 on open days.")
            closed = self._closed_fixed_days(start)
            said = [f"⚠ {sentence(w)}{'' if w.endswith('.') else '.'}" for w in closed]  # a sentence each
            outside = self._outside_screening(start)
            if outside:  # said as the dates are typed, not first by Enrol's refusal (a walk)
                said.insert(0, f"⚠ {outside}")
            self.ui.hint_label.setText("\n".join([*said, dose_days + hint.format(day=infusion)]))
            self.ui.hint_label.setStyleSheet(NOTE_STYLE if said else "")
        else:
            self.ui.hint_label.setStyleSheet("")
            self.ui.hint_label.setText(dose_days + self.tr("Conditioning can be planned later "
                                                           "(Participant › Plan conditioning)."))

    def _outside_screening(self, start: date) -> str | None:
        """What the screening date allows, when ``start`` is outside it (the services refuse it)."""
        if not self.ui.screening_check.isChecked():
            return None
        screening = edit_date(self.ui.screening_date_edit)
        first, last = conditioning_start_range(self._protocol, screening)
        if first <= start <= last:
            return None
        return self.tr("Screening on {screening} allows a conditioning start from {first} to {last} only.").format(
            screening=screening.isoformat(), first=first.isoformat(), last=last.isoformat())

    def _closed_fixed_days(self, start: date) -> tuple[str, ...]:
        """What the calendar from ``start`` says of fixed days on closed days (conditioning on New
        Year's Day, Day 1 on a Saturday), as Plan conditioning says it: said before Enrol, not found
        later in Book visits."""
        return self.services.start_warnings(start, self.cohort)

    def validate(self) -> str | None:
        pid = self.ui.participant_id_edit.text().strip()
        if not pid:
            return self.tr("Enter the participant ID.")
        if self._site.participant_id_pattern and not re.fullmatch(self._site.participant_id_pattern, pid):
            return self.tr("'{pid}' does not look like a participant ID of this site (e.g. {example}).").format(
                pid=pid, example=self._example_id())
        if not INITIALS.fullmatch(self.ui.initials_edit.text().strip()):
            return self.tr("Initials are 2 to 4 letters (no names are stored).")
        return None

    def confirmations(self) -> list[str]:
        questions = []
        if self.ui.screening_check.isChecked():
            questions.append(far_past_question(self.tr("screening date"), edit_date(self.ui.screening_date_edit),
                                               self._today, FAR_PAST_SCREENING_DAYS))
        if self.ui.conditioning_check.isChecked():
            questions.append(far_past_question(self.tr("conditioning start"), edit_date(self.ui.conditioning_date_edit),
                                               self._today, FAR_PAST_CONDITIONING_DAYS))
        return [q for q in questions if q]

    def save(self) -> ParticipantRecord:
        return self.services.enrol(
            self.ui.participant_id_edit.text().strip(),
            self.ui.initials_edit.text().strip(),
            screening_date=edit_date(self.ui.screening_date_edit) if self.ui.screening_check.isChecked() else None,
            conditioning_start=(edit_date(self.ui.conditioning_date_edit)
                                if self.ui.conditioning_check.isChecked() else None),
            cohort=self.cohort,
            language=self.language,
        )

