"""What every service dialog shares: Save runs the service; an error keeps the dialog open with
the user's input and says why; a conflict (someone else saved first) reloads the record, keeps
what was typed, and says who changed it, when and what.

Messages are shown whole: a word-wrapped label in a dialog is clipped by Qt as soon as its text
needs more lines than the dialog's height leaves it (a top-level window's minimum size ignores
height-for-width), which hid the "save again" of the conflict message. :func:`grow_with_messages`
makes the dialog grow instead."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ...domain.errors import DomainError
from ...services.errors import ConflictError
from ...services.records import AuditEntry, VisitChange
from ...services.site_day import site_time
from ..audit_wording import field_label, stored_value_text
from ..errors import ErrorText, describe
from ..formatting import sentence
from ..qt_dates import DateField
from ..translate_noop import QT_TRANSLATE_NOOP

if TYPE_CHECKING:  # the services package imports SQLAlchemy: only for annotations here
    from ...services.app import Services

ERROR_STYLE = (
    "QLabel { background: rgba(217, 54, 54, 40); border-left: 4px solid #d93636; padding: 6px; }"
)
NOTE_STYLE = (
    "QLabel { background: rgba(224, 155, 0, 40); border-left: 4px solid #e09b00; padding: 6px; }"
)

#: Asked before conditioning or the infusion is recorded for a participant whose screening is not
#: (translated at use: :meth:`ServiceDialog.screening_question`).
SCREENING_NOT_RECORDED = QT_TRANSLATE_NOOP("ServiceDialog",
                                           "Screening is not recorded for this participant — record anyway?")
#: How many changed fields a conflict message names before it says "and N more".
CONFLICT_FIELDS_SHOWN = 4
#: How much of the participant's audit trail is read to name them (the newest rows; a conflict is
#: about the last change, which is among them unless one save wrote more than this).
CONFLICT_AUDIT_ROWS = 200


# --- messages shown whole ------------------------------------------------------------------------
class _GrowToFit(QObject):
    """Event filter on a dialog: whenever its layout changes (a message shown, a hint rewritten)
    or it is shown, it grows to the height its word-wrapped labels need at its width."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            _choices_whole(watched)
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Show) and isinstance(watched, QWidget):
            grow_to_fit(watched)
            if event.type() == QEvent.Type.Show:  # Qt sized it to its layout: keep the buttons on screen
                fit_to_screen(watched)
        return False


def _choices_whole(window: QWidget) -> None:
    """Each list of fixed choices as wide as its longest choice when the dialog opens (within half
    the screen): Record conditioning opened on "LD1, LD2 and LD3 (c" (a walk). The dialog widens
    with it, once, as it appears."""
    cap = window.screen().availableGeometry().width() // 2
    for combo in window.findChildren(QComboBox):
        if not combo.isEditable() and combo.count():
            combo.setMinimumWidth(min(cap, max(combo.minimumWidth(), combo.sizeHint().width())))


def grow_to_fit(window: QWidget) -> None:
    """Make ``window`` tall enough for every word-wrapped label in its layout at its current width
    (never taller than the screen). Qt sets a window's minimum size from its layout's minimum,
    which counts a wrapped label as one line: a message of four lines got the room of one or two
    and the rest was cut off. The window only grows here; the user may still make it smaller."""
    layout = window.layout()
    if layout is None:
        return
    layout.activate()  # the request being handled: lay out now, then measure
    if not layout.hasHeightForWidth():
        return
    needed = layout.totalHeightForWidth(window.width())
    screen = window.screen()
    if screen is not None:
        needed = min(needed, screen.availableGeometry().height() - TITLE_BAR_ROOM)
    if needed > window.height():
        window.resize(window.width(), needed)


# Room for a window's title bar and frame, which the window manager adds outside its geometry.
TITLE_BAR_ROOM = 48


def fit_to_screen(window: QWidget, margin: int = TITLE_BAR_ROOM) -> None:
    """No taller or wider than the screen's available area, less room for the title bar and the
    frame (``margin``), and never below the window's minimum: the PDF preview opened 1,000 px tall
    on a 900 px screen with its buttons out of reach, the Spanish site settings 798 px tall on an
    800 px one, Record infusion 1,100 px wide (its Designer size) on a 1,024 px one with Cancel off
    the edge. A table in a capped dialog scrolls its columns rather than squeezing them."""
    screen = window.screen()
    if screen is None:
        return
    area = screen.availableGeometry()
    width = min(window.width(), max(window.minimumWidth(), area.width() - margin // 2))
    height = min(window.height(), max(window.minimumHeight(), area.height() - margin))
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)


def grow_with_messages(window: QWidget) -> None:
    """Install :func:`grow_to_fit` on ``window`` (once): every wrapped message in it is then shown
    whole, however its text is set."""
    if window.property("growsWithMessages"):
        return
    window.setProperty("growsWithMessages", True)
    window.installEventFilter(_GrowToFit(window))


def show_message(label: QLabel, text: str) -> None:
    """Show ``text`` in a word-wrapped label and grow its window at once (not at the next turn of
    the event loop), so the first paint after it already shows the whole text."""
    label.setWordWrap(True)
    label.setText(text)
    label.setVisible(True)
    grow_to_fit(label.window())


# --- conflicts -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class AuditScope:
    """The record a dialog saves, as the audit trail names it: which participant's trail to read
    (None: the site's), the record's key, and the words for it in a message."""

    participant_id: str | None
    key: str
    noun: str


def conflict_message(exc: ConflictError, entries: Sequence[AuditEntry] = (),
                     scope: AuditScope | None = None, timezone: str | None = None) -> ErrorText:
    """One plain message for a save that lost to someone else's: who changed the record and
    when, what they changed when the audit trail says so, and what to do (the dialog has reloaded
    the record and kept the input).

    ``entries`` are audit rows around the conflict; the ones of the other person's save are those
    with the conflict's user and time (one save writes all its rows with one time stamp) on the
    record (``scope.key``) or records inside it (a visit's procedures, a participant's visits)."""
    noun = scope.noun if scope is not None else QCoreApplication.translate("ServiceDialog", "this record")
    who, when = exc.changed_by, exc.changed_at
    theirs = [e for e in entries if who and when is not None and e.user == who and e.at == when
              and scope is not None and (e.entity_key == scope.key or e.entity_key.startswith(f"{scope.key}/"))]
    if who:
        station = at = ""
        if theirs and theirs[0].workstation:
            station = QCoreApplication.translate("ServiceDialog", " (on {workstation})").format(
                workstation=theirs[0].workstation)
        if when is not None:
            local = site_time(when, timezone)  # the site's wall clock, as the audit trail shows it
            at = QCoreApplication.translate("ServiceDialog", " on {date} at {time}").format(
                date=f"{local:%Y-%m-%d}", time=f"{local:%H:%M}")
        head = QCoreApplication.translate(
            "ServiceDialog", "Not saved: {who}{station} changed {noun}{at}, after you opened this window.").format(
            who=who, station=station, noun=noun, at=at)
    else:
        head = QCoreApplication.translate(
            "ServiceDialog", "Not saved: someone else changed {noun} after you opened this window.").format(noun=noun)
    what = _changes_text(theirs, scope.key) if scope is not None else ""
    return ErrorText(
        QCoreApplication.translate("ServiceDialog", "Changed by someone else"),
        f"{head} {what}".strip(),
        QCoreApplication.translate("ServiceDialog", "This window now shows the latest data, and what you typed is "
                                                    "kept: check it, then save again."),
    )


def _changes_text(entries: Sequence[AuditEntry], key: str) -> str:
    """``They changed: Scheduled date to 2027-02-11 Thu; Booked to Yes.`` (empty when unknown)."""
    own: list[str] = []
    children: dict[str, set[str]] = {}
    for e in entries:
        if e.entity_key == key:
            item = QCoreApplication.translate("ServiceDialog", "{field} to {value}").format(
                field=field_label(e.entity, e.field), value=stored_value_text(e, e.new))
            if item not in own:
                own.append(item)
        else:
            children.setdefault(e.entity, set()).add(e.entity_key)
    parts = own[:CONFLICT_FIELDS_SHOWN]
    if len(own) > CONFLICT_FIELDS_SHOWN:
        parts.append(QCoreApplication.translate("ServiceDialog", "{count} more").format(
            count=len(own) - CONFLICT_FIELDS_SHOWN))
    for entity, keys in sorted(children.items()):
        parts.append(_child_count(entity, len(keys)))
    if not parts:
        return ""
    return QCoreApplication.translate("ServiceDialog", "They changed: {changes}.").format(changes="; ".join(parts))


def _child_count(entity: str, n: int) -> str:
    """``2 visits``, ``1 procedure outcome``: records inside the one saved.

    Module functions carry singular and plural as two messages (``{count}``, not Qt's ``%n``):
    pyside6-lupdate marks plural forms only in ``self.tr`` calls, and English has no catalogue."""
    if entity == "visit":
        return (QCoreApplication.translate("ServiceDialog", "1 visit") if n == 1
                else QCoreApplication.translate("ServiceDialog", "{count} visits").format(count=n))
    if entity == "procedure":
        return (QCoreApplication.translate("ServiceDialog", "1 procedure outcome") if n == 1
                else QCoreApplication.translate("ServiceDialog", "{count} procedure outcomes").format(count=n))
    if entity == "dose":
        return (QCoreApplication.translate("ServiceDialog", "1 dose") if n == 1
                else QCoreApplication.translate("ServiceDialog", "{count} doses").format(count=n))
    return f"{n} {entity if n == 1 else entity + 's'}"  # an audit entity name, as the trail stores it


def moved_apart_text(changes: Sequence[VisitChange]) -> str:
    """`` 11 of them get a new date; the others keep theirs, in a new window.`` after "changes N
    visits" (empty when every one of them gets a new date: then the sentence says "moves"). The
    others change only their window: a booked date that stays inside it, or a suggestion that is
    still the nearest open day."""
    kept = [c for c in changes if not c.removed]
    moved = sum(1 for c in kept if c.old_scheduled != c.new_scheduled)
    if moved == len(kept):
        return ""
    return " " + QCoreApplication.translate(
        "ServiceDialog", "{moved} of them get a new date; the others keep theirs, in a new window.").format(
        moved=moved)


def rebook_text(rebooks: int) -> str:
    """The booked appointments a re-dating pushes out of their window (infusion, doses, amendment):
    one sentence, bold where the coordinator must act."""
    if rebooks == 1:
        return QCoreApplication.translate(
            "ServiceDialog", "<b>1 booked appointment falls outside the new window</b> and will be re-booked on the "
                             "suggested date: tell the participant.")
    return QCoreApplication.translate(
        "ServiceDialog", "<b>{count} booked appointments fall outside the new window</b> and will be re-booked on the "
                         "suggested date: tell the participant.").format(count=rebooks)


def _room_above_the_message(label: QLabel) -> None:
    """Height the dialog gains goes between its form and the message, so the form stays where it
    is. A message grows the dialog (:func:`grow_to_fit`), which keeps that height once the message
    is gone; a form with nothing to stretch shared it out, and every field dropped (44 px in Enrol:
    a click landed on the field below). Dialogs with a list that takes the height are left alone."""
    parent = label.parentWidget()
    layout = parent.layout() if parent is not None else None
    if not isinstance(layout, QBoxLayout) or layout.direction() not in (QBoxLayout.Direction.TopToBottom,
                                                                         QBoxLayout.Direction.BottomToTop):
        return
    index = layout.indexOf(label)
    if index < 0 or layout.expandingDirections() & Qt.Orientation.Vertical:
        return
    layout.insertStretch(index, 1)


# --- the dialog ----------------------------------------------------------------------------------
class ServiceDialog(QDialog):
    """Subclasses build their form, then call ``_bind(ui)``; implement ``save`` (and ``validate``,
    ``reload``, ``audit_scope`` where it applies)."""

    saved = Signal(object)  # what the service returned

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._error_label: QLabel | None = None
        self._button_box: QDialogButtonBox | None = None
        self.last_error: ErrorText | None = None
        self._refused_input = False  # the message shown is the services' refusal of the input as it was
        grow_with_messages(self)

    # --- for subclasses -------------------------------------------------------------------
    def validate(self) -> str | None:
        """A message when the input cannot be saved as it is (checked before the service)."""
        return None

    def save(self) -> Any:
        raise NotImplementedError

    def confirmations(self) -> list[str]:
        """Questions to confirm before saving input that is valid but unusual (a screening date
        months ago); asked once per Save, all together."""
        return []

    def reload(self) -> None:
        """Re-read the records this dialog edits (after a conflict), keeping the typed input."""

    def audit_scope(self) -> AuditScope | None:
        """The record Save writes, so a conflict can say what the other person changed in it.
        By default the dialog's ``participant`` (every participant dialog has one)."""
        pid = getattr(getattr(self, "participant", None), "id", None)
        return AuditScope(pid, pid, self.tr("this participant's record")) if isinstance(pid, str) else None

    def screening_question(self) -> str:
        """:data:`SCREENING_NOT_RECORDED` in the interface language."""
        return QCoreApplication.translate("ServiceDialog", SCREENING_NOT_RECORDED)

    def input_title(self) -> str:
        """The title of a message about the input (compared to know which message is shown)."""
        return self.tr("Check the input")

    def date_title(self) -> str:
        """The title of a message about a date field that holds no real date."""
        return self.tr("Check the date")

    # --- machinery ------------------------------------------------------------------------
    def _bind(self, ui: Any) -> None:
        self._error_label = ui.error_label
        self._error_label.setStyleSheet(ERROR_STYLE)
        self._error_label.setVisible(False)
        _room_above_the_message(self._error_label)
        self._button_box = ui.button_box
        self._button_box.accepted.connect(self.try_save)
        self._button_box.rejected.connect(self.reject)
        for field in self.findChildren(DateField):
            field.validityChanged.connect(self._dates_checked)
            field.dateChanged.connect(lambda _date: self.input_changed())
        for box in self.findChildren(QCheckBox):
            box.toggled.connect(lambda _on: self.input_changed())
        for edit in self.findChildren(QLineEdit):
            if not isinstance(edit, DateField):
                edit.textEdited.connect(self.input_changed)
        # Enter in a one-line field saves (when Save is enabled), whichever button was clicked
        # last: an auto-default button ("Mark remaining done", "Add date") took Enter once focused.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        if self.save_button is not None:
            self.save_button.setDefault(True)
        for combo in self.findChildren(QComboBox):
            # a choice picked from a list is input too: "give a reason" stayed after one was picked
            combo.currentTextChanged.connect(lambda _text: self.input_changed())
            line_edit = combo.lineEdit()
            if combo.isEditable() and line_edit is not None:
                # an editable combo (the missed visit's reason) keeps Enter to accept its inline
                # completion, so Enter saved only after a Tab; after that turn of the loop, save
                # unless the dialog already did
                line_edit.returnPressed.connect(lambda: QTimer.singleShot(0, self._enter_pressed))

    def _enter_pressed(self) -> None:
        if self.isVisible() and self.save_button is not None and self.save_button.isEnabled():
            self.try_save()

    def input_changed(self) -> None:
        """The input changed after Save said what was wrong: say it again as it is now, and
        nothing once it is fixed ("give a reason" stayed on screen after the reason was typed). A
        refusal by the services was about the input as it was: it goes (Enrol kept "Conditioning
        start 2027-01-06 is outside what screening allows" under a start typed again: a walk)."""
        if self._refused_input:
            self.clear_error()
            return
        if self.last_error is None or self.last_error.title != self.input_title():
            return
        problem = self.validate()
        if problem is None:
            self.clear_error()
        elif problem != self.last_error.message:
            self.show_error(ErrorText(self.input_title(), problem))

    # --- date fields: only real dates are saved -------------------------------------------------
    def date_problem(self) -> str | None:
        """What is wrong with the first date field that holds no real date, named by its label."""
        for field in self.findChildren(DateField):
            problem = field.problem()
            if problem:
                return self.tr("{field}: {problem}").format(field=self._field_name(field), problem=problem)
        return None

    def _field_name(self, field: QWidget) -> str:
        """The words beside ``field``: its buddy label, else its form row's label or check box."""
        labels: list[QWidget] = [lab for lab in self.findChildren(QLabel) if lab.buddy() is field]
        labels += [w for form in self.findChildren(QFormLayout)  # Qt: None for a row without a label
                   if (w := form.labelForField(field)) is not None]  # type: ignore[redundant-expr]  # stub: never None
        text = getattr(labels[0], "text", lambda: "")() if labels else ""
        return text.replace("&", "").rstrip(": ") or field.accessibleName() or self.tr("Date")

    def _dates_checked(self) -> None:
        """A date field turned readable or unreadable: say what is wrong, right away, and keep
        Save disabled until it is a real date."""
        problem = self.date_problem()
        if problem:
            self.show_error(ErrorText(self.date_title(), problem))
        elif self.last_error is not None and self.last_error.title == self.date_title():
            self.clear_error()
        if self.save_button is not None:
            self.save_button.setEnabled(problem is None)

    def _confirmed(self) -> bool:
        questions = self.confirmations()
        if not questions:
            return True
        prompter = getattr(self.parentWidget(), "prompter", None)
        if prompter is None:
            from ..prompter import Prompter

            prompter = Prompter(self)
        return bool(prompter.confirm(self.tr("Check before saving"), "\n\n".join(questions), self.tr("Save anyway")))

    @property
    def save_button(self) -> Any:
        assert self._button_box is not None
        for which in (QDialogButtonBox.StandardButton.Save, QDialogButtonBox.StandardButton.Ok,
                      QDialogButtonBox.StandardButton.Open):
            button = self._button_box.button(which)
            if button is not None:
                return button
        return None

    def try_save(self) -> bool:
        """Validate, run the service, close on success; otherwise stay open and explain."""
        for field in self.findChildren(DateField):  # a date typed a moment ago: its preview first
            field.settle()
        dates = self.date_problem()
        if dates:
            self.show_error(ErrorText(self.date_title(), dates))
            return False
        problem = self.validate()
        if problem:
            self.show_error(ErrorText(self.input_title(), problem))
            return False
        if self.save_button is not None and not self.save_button.isEnabled():
            return False  # what the settled dates showed (a refusal) stops the save
        if not self._confirmed():
            return False
        try:
            result = self.save()
        except ConflictError as exc:
            self._reload_quietly()
            self.show_error(self.conflict_text(exc))  # after the reload, which may clear messages
            return False
        except DomainError as exc:  # ServiceError, ScheduleError, ...: the message says why
            self.show_error(describe(exc))
            self._refused_input = True  # about this input: it goes when the input changes
            return False
        except Exception as exc:  # database gone, disk full: say so, keep the input
            self.show_error(describe(exc))
            return False
        self.clear_error()
        self.after_save(result)
        return True

    def after_save(self, result: Any) -> None:
        """What a successful save does: tell the window and close. A dialog with work left that must
        not hold the UI thread (site settings checking a calendar server) overrides it and calls
        this when that work is done."""
        self.saved.emit(result)
        self.accept()

    def conflict_text(self, exc: ConflictError) -> ErrorText:
        """The conflict message, naming the other person's changes from the audit trail (one
        read of its newest rows, only after a conflict); without them if that read fails."""
        scope = self.audit_scope()
        entries: list[AuditEntry] = []
        if scope is not None and exc.changed_by:
            try:
                entries = self.services.audit(scope.participant_id, limit=CONFLICT_AUDIT_ROWS)
            except Exception:  # who and when are known already; what they changed is a bonus
                entries = []
        return conflict_message(exc, entries, scope, self.services.site_timezone)

    def _reload_quietly(self) -> None:
        try:
            self.reload()
        except Exception as exc:  # the conflict message already tells what to do
            self.show_error(describe(exc))

    def show_error(self, text: ErrorText | str) -> None:
        self._refused_input = False
        self.last_error = text if isinstance(text, ErrorText) else ErrorText("", text)
        if self._error_label is not None:
            show_message(self._error_label, f"⚠ {sentence(self.last_error.full)}")

    def clear_error(self) -> None:
        self._refused_input = False
        self.last_error = None
        if self._error_label is not None:
            self._error_label.clear()
            self._error_label.setVisible(False)
