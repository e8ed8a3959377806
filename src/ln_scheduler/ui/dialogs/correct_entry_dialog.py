"""Correct an entry made in error (a visit marked done or missed by mistake, a wrong screening,
conditioning, infusion or withdrawal date). The reason is required; nothing is deleted.

Nothing is chosen for the user unless the selected visit has an entry of its own: un-recording the
infusion or the conditioning start re-plans the whole calendar, so it is never a default, and the
dialog says before saving which corrections re-plan visits and how many open visits that touches
(counted here from the record: the services offer no preview of a correction)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QWidget

from ...domain.doses import counted_from_dose
from ...domain.protocol import DATED_ALONE, Anchor, Protocol, VisitKind
from ...domain.visit_status import VisitStatus
from ...services.records import DoseRecord, ParticipantRecord, VisitRecord
from ..formatting import day_text, participant_caption, short_day_text
from ..forms.ui_correct_entry_dialog import Ui_CorrectEntryDialog
from ..qt_dates import edit_date, setup_date_edit
from .base import NOTE_STYLE, AuditScope, ServiceDialog

if TYPE_CHECKING:
    from ...services.app import Services

#: Where a visit's dates are counted from when the protocol cannot be read (the study's own rule).
ANCHOR_OF_KIND = {VisitKind.SCREENING: Anchor.C1, VisitKind.CONDITIONING: Anchor.C1, VisitKind.INFUSION: Anchor.D1,
                  VisitKind.FOLLOW_UP: Anchor.D1}


#: The entry of a done date corrected alone (the visits of :data:`DATED_ALONE`).
REDATE = "done_date"


@dataclass(frozen=True)
class Correction:
    """One entry that can be corrected, as the service names it; ``visit`` is the visit the entry
    is recorded on (code, occurrence), so selecting that visit selects this entry."""

    field: str
    code: str | None
    occurrence: int
    text: str
    visit: tuple[str, int] | None = None

    @property
    def key(self) -> tuple[str, str | None, int]:
        return self.field, self.code, self.occurrence


def _first(participant: ParticipantRecord, kind: VisitKind) -> VisitRecord | None:
    return next((v for v in participant.visits if v.kind is kind), None)


def _at(v: VisitRecord | None) -> tuple[str, int] | None:
    return (v.code, v.occurrence) if v is not None else None


def _is_conditioning_start(participant: ParticipantRecord, visit: VisitRecord) -> bool:
    """The first conditioning day carries the conditioning start: the services correct it with the
    'conditioning' field, never as a visit done."""
    return (visit.kind is VisitKind.CONDITIONING and visit.actual is not None
            and visit.actual == participant.conditioning_start_actual)


def _last_recorded_later_dose(participant: ParticipantRecord) -> DoseRecord | None:
    """The last later dose (2 or 3) recorded given or not given: the only one the services correct
    (a later one first). A dose that is "not given" only because an earlier one was is not recorded."""
    recorded = [d for d in participant.doses if d.number > 1 and (
        d.given or (d.given is False and (d.reason or "").startswith(f"dose {d.number} not given")))]
    return recorded[-1] if recorded else None


def corrections_for(participant: ParticipantRecord, visit: VisitRecord | None) -> list[Correction]:
    """What can be undone for this participant (and the selected visit), most specific first.

    The infusion visit, the screening visit and the first conditioning day are not offered as "not
    done": the services refuse that and want the infusion, screening or conditioning entry instead,
    which is listed as belonging to that visit."""
    found: list[Correction] = []
    p = participant
    if visit is not None:
        own_field = visit.kind in (VisitKind.INFUSION, VisitKind.SCREENING) or _is_conditioning_start(p, visit)
        if visit.actual is not None and not own_field:
            text = QCoreApplication.translate("CorrectEntryDialog", "{visit} was not done on {day}: reopen it")
            found.append(Correction("actual", visit.code, visit.occurrence,
                                    text.format(visit=visit.label, day=short_day_text(visit.actual)), _at(visit)))
        if visit.actual is not None and visit.status.is_done and visit.kind in DATED_ALONE:
            text = QCoreApplication.translate("CorrectEntryDialog",
                                              "{visit} was done on another day than {day}: correct the date")
            found.append(Correction("done_date", visit.code, visit.occurrence,
                                    text.format(visit=visit.label, day=short_day_text(visit.actual)), _at(visit)))
        if visit.status is VisitStatus.MISSED:
            text = QCoreApplication.translate("CorrectEntryDialog", "{visit} was not missed: reopen it")
            found.append(Correction("missed", visit.code, visit.occurrence, text.format(visit=visit.label),
                                    _at(visit)))
        if visit.kind in (VisitKind.UNSCHEDULED, VisitKind.TERMINATION) and visit.status is not VisitStatus.CANCELLED:
            text = QCoreApplication.translate("CorrectEntryDialog", "The whole {visit} was entered in error: cancel it")
            found.append(Correction("visit", visit.code, visit.occurrence, text.format(visit=visit.label),
                                    _at(visit)))
    dose = _last_recorded_later_dose(p)
    if dose is not None:
        at = next((v for v in p.visits if v.dose_number == dose.number and v.occurrence == 1), None)
        if dose.given:
            text = QCoreApplication.translate(
                "CorrectEntryDialog", "Dose {number} given on {day} was entered in error: back to planned").format(
                number=dose.number, day=short_day_text(dose.actual) if dose.actual else "")
        else:
            text = QCoreApplication.translate(
                "CorrectEntryDialog", "Dose {number} recorded not given was entered in error: plan it again").format(
                number=dose.number)
        found.append(Correction("dose", at.code if at is not None else None, 1, text, _at(at)))
    if p.withdrawal_date is not None:
        text = QCoreApplication.translate("CorrectEntryDialog", "The withdrawal on {day} was wrong: undo it")
        found.append(Correction("withdrawal", None, 1, text.format(day=short_day_text(p.withdrawal_date))))
    if p.infusion_actual is not None:
        text = QCoreApplication.translate("CorrectEntryDialog", "The infusion date {day} was wrong: back to planned")
        found.append(Correction("infusion", None, 1, text.format(day=short_day_text(p.infusion_actual)),
                                _at(_first(p, VisitKind.INFUSION))))
    if p.conditioning_start_actual is not None:
        start = next((v for v in p.visits if _is_conditioning_start(p, v)), None)
        text = QCoreApplication.translate("CorrectEntryDialog",
                                          "The conditioning start {day} was wrong: back to planned")
        found.append(Correction("conditioning", None, 1, text.format(day=short_day_text(p.conditioning_start_actual)),
                                _at(start)))
    if p.screening_date is not None:
        text = QCoreApplication.translate("CorrectEntryDialog",
                                          "The screening date {day} was wrong: reopen screening")
        found.append(Correction("screening", None, 1, text.format(day=short_day_text(p.screening_date)),
                                _at(_first(p, VisitKind.SCREENING))))
    return found


def belonging_to(choices: list[Correction], visit: VisitRecord | None) -> int:
    """Index of the first entry recorded on ``visit``; -1 (nothing chosen) when it has none."""
    if visit is None:
        return -1
    return next((i for i, c in enumerate(choices) if c.visit == (visit.code, visit.occurrence)), -1)


def consequence(participant: ParticipantRecord, choice: Correction | None,
                protocol: Protocol | None = None, new_date: date | None = None) -> tuple[str, bool]:
    """What saving ``choice`` does to the calendar, in words, and whether it re-plans visits (then
    the dialog shows it as a warning). ``protocol`` says which visits count from which anchor;
    ``new_date``: the day typed for a done date corrected."""
    p = participant
    if choice is None:
        return QCoreApplication.translate("CorrectEntryDialog", "Choose the entry that was made in error."), False

    def anchor(v: VisitRecord) -> Anchor | None:
        definition = next((d for d in protocol.visits if d.code == v.code), None) if protocol is not None else None
        return definition.anchor if definition is not None else ANCHOR_OF_KIND.get(v.kind)

    def open_from(*anchors: Anchor, besides: VisitKind | None = None) -> int:
        return sum(1 for v in p.visits if v.status.is_open and anchor(v) in anchors and v.kind is not besides)

    def visits(n: int) -> str:
        # singular and plural are two messages ({count}): pyside6-lupdate marks plural forms only in self.tr
        if n == 1:
            return QCoreApplication.translate("CorrectEntryDialog", "1 open visit")
        return QCoreApplication.translate("CorrectEntryDialog", "{count} open visits").format(count=n)

    rebook = QCoreApplication.translate(
        "CorrectEntryDialog", "Booked appointments that fall outside their new window move to the suggested date. "
                              "Check the calendar after saving and tell the participant of any change.")
    if choice.field == "infusion":
        planned = f" ({day_text(p.infusion_planned)})" if p.infusion_planned else ""
        n = open_from(Anchor.D1, besides=VisitKind.INFUSION)
        text = QCoreApplication.translate(
            "CorrectEntryDialog", "⚠ Saving re-plans the calendar: Day 1 is reopened and goes back to the planned "
                                  "infusion day{planned}; the {visits} counted from Day 1 get new dates from it. "
                                  "{rebook}")
        return text.format(planned=planned, visits=visits(n), rebook=rebook), True
    if choice.field == "conditioning":
        planned = f" ({day_text(p.conditioning_start_planned)})" if p.conditioning_start_planned else ""
        days = sum(1 for v in p.visits if v.kind is VisitKind.CONDITIONING and v.actual is not None)
        n = open_from(Anchor.C1, Anchor.D1)
        if days == 1:
            text = QCoreApplication.translate(
                "CorrectEntryDialog", "⚠ Saving re-plans the calendar: the 1 conditioning day given is reopened, the "
                                      "calendar goes back to the planned conditioning start{planned}; the {visits} get "
                                      "new dates from it. {rebook}")
        else:
            text = QCoreApplication.translate(
                "CorrectEntryDialog", "⚠ Saving re-plans the calendar: the {days} conditioning days given are "
                                      "reopened, the calendar goes back to the planned conditioning start{planned}; "
                                      "the {visits} get new dates from it. {rebook}")
        return text.format(days=days, planned=planned, visits=visits(n), rebook=rebook), True
    if choice.field == "dose":
        return _dose_consequence(p, choice, protocol, rebook), True
    visit = p.visit(choice.code, choice.occurrence) if choice.code else None
    if visit is not None and visit.kind is VisitKind.CONDITIONING and p.infusion_actual is None:
        n = open_from(Anchor.D1, besides=VisitKind.INFUSION)
        text = QCoreApplication.translate(
            "CorrectEntryDialog", "⚠ Saving can re-plan the calendar: the planned infusion day is counted from the "
                                  "last conditioning day given, so Day 1 and the {visits} counted from it may get new "
                                  "dates. {rebook}")
        return text.format(visits=visits(n), rebook=rebook), True
    label = visit.label if visit is not None else ""
    if choice.field == "actual":
        text = QCoreApplication.translate(
            "CorrectEntryDialog", "{visit} becomes open again and its procedure results are cleared. No other visit "
                                  "moves.")
        return text.format(visit=label), False
    if choice.field == REDATE and visit is not None and visit.actual is not None:
        kept = QCoreApplication.translate("CorrectEntryDialog",
                                          "Its checklist stays as recorded. No other visit moves.")
        if new_date is None or new_date == visit.actual:
            text = QCoreApplication.translate("CorrectEntryDialog", "Type the day {visit} was done.").format(
                visit=label)
        else:
            text = QCoreApplication.translate(
                "CorrectEntryDialog", "{visit} was done on {day}, not {recorded}: only its date is corrected.").format(
                visit=label, day=day_text(new_date), recorded=day_text(visit.actual))
            window = visit.window
            if window is not None and new_date not in window:
                text += " " + QCoreApplication.translate(
                    "CorrectEntryDialog", "That day is outside its window: it becomes a protocol deviation.")
        return f"{text} {kept}", False
    if choice.field == "missed":
        text = QCoreApplication.translate("CorrectEntryDialog", "{visit} becomes open again. No other visit moves.")
        return text.format(visit=label), False
    if choice.field == "visit":
        text = QCoreApplication.translate(
            "CorrectEntryDialog", "{visit} stays in the record as cancelled, with your reason. No other visit moves.")
        return text.format(visit=label), False
    if choice.field == "screening":
        return QCoreApplication.translate(
            "CorrectEntryDialog", "The screening date is cleared and the screening visit is open again. No other "
                                  "visit moves."), False
    if choice.field == "withdrawal":
        return QCoreApplication.translate(
            "CorrectEntryDialog", "The participant is back in the study: the visits the withdrawal cancelled or "
                                  "marked missed are open again, and its early-termination visit is cancelled."), False
    return "", False


def _dose_consequence(p: ParticipantRecord, choice: Correction, protocol: Protocol | None, rebook: str) -> str:
    """What un-recording a later dose does: its visit reopened (when given), the visits counted from it
    (and from the last dose) back on the plan, or reopened when its "not given" had cancelled them."""
    visit = p.visit(choice.code) if choice.code else None
    number = visit.dose_number if visit is not None and visit.dose_number else 0
    given = p.dose(number).given if number else None
    moved = sum(1 for v in p.visits
                if protocol is not None and counted_from_dose(protocol, v.code, number)
                and not (given and v.code == choice.code)  # said apart: reopened
                and (v.status.is_open or (not given and v.status is VisitStatus.CANCELLED)))
    label = visit.label if visit is not None else ""
    if given:
        text = QCoreApplication.translate(
            "CorrectEntryDialog", "⚠ Saving re-plans the calendar: dose {number} is no longer recorded and {visit} is "
                                  "reopened; the visits counted from it ({count}) go back to their planned dates. "
                                  "{rebook}")
    else:
        text = QCoreApplication.translate(
            "CorrectEntryDialog", "⚠ Saving re-plans the calendar: dose {number} is no longer recorded not given; "
                                  "the visits its \u201cnot given\u201d cancelled or moved ({count}) are "
                                  "planned again. {rebook}")
    return text.format(number=number, visit=label, count=moved, rebook=rebook)


class CorrectEntryDialog(ServiceDialog):
    def __init__(self, services: Services, participant: ParticipantRecord, visit: VisitRecord | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.ui = Ui_CorrectEntryDialog()
        self.ui.setupUi(self)
        self._bind(self.ui)
        self.participant = participant
        self.visit = visit
        self._protocol = self._read_protocol()
        self.save_button.setText(self.tr("Correct"))
        self._explanation = self.ui.explanation_label.text()
        # as wide as its longest entry (sized when it opens: "… correct t" was cut)
        self.ui.field_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.ui.field_combo.currentIndexChanged.connect(self._choice_changed)
        self.ui.date_edit.dateChanged.connect(lambda _d: self._show_choice())
        self._fill(None)

    def _read_protocol(self) -> Protocol | None:
        """The participant's protocol version, for which visits count from which anchor; without
        it the study's usual anchors are assumed (the count is a guide, not what gets written)."""
        try:
            return self.services.protocol(self.participant.protocol_id, self.participant.protocol_version,
                                          self.participant.cohort)
        except Exception:  # the wording falls back to the visit kinds; saving does not depend on it
            return None

    def _fill(self, keep: Correction | None) -> None:
        """List the entries; choose ``keep`` again after a reload, else the selected visit's own."""
        self.ui.target_label.setText(participant_caption(self.participant))
        self.choices = corrections_for(self.participant, self.visit)
        combo = self.ui.field_combo
        combo.blockSignals(True)
        combo.clear()
        for c in self.choices:
            combo.addItem(c.text)
        index = belonging_to(self.choices, self.visit)
        if keep is not None:
            index = next((i for i, c in enumerate(self.choices) if c.key == keep.key), -1)
        combo.setCurrentIndex(index)
        combo.blockSignals(False)
        if not self.choices:
            self.show_error(self.tr("Nothing recorded for this participant can be corrected here."))
        self._choice_changed()

    def _choice_changed(self) -> None:
        """The date row is for a done date to correct, starting from the date recorded; greyed and
        empty for the other entries (always there: choosing an entry moves no field under the mouse)."""
        c = self.chosen
        redating = c is not None and c.field == REDATE and c.code is not None
        self.ui.date_edit.blockSignals(True)
        done = self.participant.visit(c.code, c.occurrence).actual if c is not None and c.code and redating else None
        if done is not None:
            setup_date_edit(self.ui.date_edit, done, self.services.today())
        else:
            self.ui.date_edit.clear()
        self.ui.date_edit.blockSignals(False)
        for widget in (self.ui.date_label, self.ui.date_edit):
            widget.setEnabled(redating)  # greyed: no date of its own to check
        self._show_choice()

    @property
    def new_date(self) -> date | None:
        """The day typed for a done date corrected (None for the other entries)."""
        c = self.chosen
        return edit_date(self.ui.date_edit) if c is not None and c.field == REDATE else None

    def _show_choice(self) -> None:
        """Say what the chosen correction does; Save only once something is chosen (and, for a
        done date, once another day than the one recorded is typed)."""
        c = self.chosen
        text, replans = consequence(self.participant, c, self._protocol, self.new_date)
        label = self.ui.consequence_label
        label.setText(text)
        label.setStyleSheet(NOTE_STYLE if replans else "")
        self.ui.explanation_label.setText(self.tr(
            "The date is corrected as “entered in error”; nothing is deleted: the audit trail keeps the old "
            "date, who corrected it, when and why.") if c is not None and c.field == REDATE else self._explanation)
        ready = c is not None
        if c is not None and c.field == REDATE and c.code is not None:
            ready = (self.ui.date_edit.problem() is None
                     and self.new_date != self.participant.visit(c.code, c.occurrence).actual)
        self.save_button.setEnabled(ready)

    @property
    def chosen(self) -> Correction | None:
        i = self.ui.field_combo.currentIndex()
        return self.choices[i] if 0 <= i < len(self.choices) else None

    def validate(self) -> str | None:
        if self.chosen is None:
            return self.tr("Choose the entry to correct.")
        if not self.ui.reason_edit.text().strip():
            return self.tr("Give the reason for the correction (it goes in the audit trail).")
        return None

    def reload(self) -> None:
        chosen = self.chosen
        self.participant = self.services.participant(self.participant.id)
        if self.visit is not None:
            self.visit = self.participant.visit(self.visit.code, self.visit.occurrence)
        self._fill(chosen)

    def audit_scope(self) -> AuditScope | None:
        """The visit's key for a visit entry (the services check that visit's version), else the
        participant's."""
        c = self.chosen
        if c is not None and c.code is not None:
            pid = self.participant.id
            return AuditScope(pid, f"{pid}/{c.code}#{c.occurrence}", self.tr("this visit"))
        return super().audit_scope()

    def save(self) -> ParticipantRecord:
        c = self.chosen
        assert c is not None
        version = self.participant.version
        if c.code is not None:
            version = self.participant.visit(c.code, c.occurrence).version
        return self.services.correct_entry(self.participant.id, c.code, c.occurrence, c.field,
                                           self.ui.reason_edit.text().strip(), expected_version=version,
                                           new_date=self.new_date)
