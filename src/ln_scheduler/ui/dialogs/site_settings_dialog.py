"""Site settings: name, number, the study team's phone (printed on what participants take home), time
zone, the weekly and holiday closure rules, and the site's own closure dates. Changes are audited,
so a reason is asked for; the very first set-up creates the site (audited as a create) and changes
nothing earlier, so it asks for none.

Below them, calendar publishing (its own widget, dialogs/calendar_publishing_box.py): Save stores
the site first, then the calendar set-up, which checks the server in a worker while the dialog
waits open (not closable meanwhile, the window behind it painting); a server that refuses keeps
the dialog open with the reason, the site's own changes already saved."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QAbstractItemView, QCompleter, QHeaderView, QWidget

from ...services.records import SiteInfo
from ..forms.ui_site_settings_dialog import Ui_SiteSettingsDialog
from ..models.closure_dates_model import ClosureDatesModel
from ..qt_dates import edit_date, setup_date_edit
from .base import AuditScope, ServiceDialog
from .calendar_publishing_box import CalendarPublishingBox
from .enrolment_version_row import EnrolmentVersionRow

if TYPE_CHECKING:
    from ...services.app import Services

WEEKENDS, HOLIDAYS = "weekends", "us-holidays"


def _time_zones() -> list[str]:
    from zoneinfo import available_timezones

    return sorted(z for z in available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/")))


class SiteSettingsDialog(ServiceDialog):
    def __init__(self, services: Services, today: date, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.ui = Ui_SiteSettingsDialog()
        self.ui.setupUi(self)
        self._bind(self.ui)
        self.site = services.site()
        self.model = ClosureDatesModel(self)
        table = self.ui.closures_table
        table.setModel(self.model)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        zones = _time_zones()
        self.ui.timezone_combo.addItems(zones)
        completer = QCompleter(zones, self)
        completer.setFilterMode(completer.filterMode().MatchContains)
        completer.setCaseSensitivity(completer.caseSensitivity().CaseInsensitive)
        self.ui.timezone_combo.setCompleter(completer)
        setup_date_edit(self.ui.closure_date_edit, today, today)
        self.ui.add_closure_button.clicked.connect(self._add_closure)
        self.ui.remove_closure_button.clicked.connect(self._remove_closures)
        self.enrolment_version = EnrolmentVersionRow(self, self.ui.form_layout, services.shipped_protocols)
        self._fill(self.site)
        self.calendar_box = self._add_calendar_box(parent)
        creating = not self.site.stored
        self.ui.reason_label.setVisible(not creating)
        self.ui.reason_edit.setVisible(not creating)

    def _add_calendar_box(self, parent: QWidget | None) -> CalendarPublishingBox:
        """The calendar publishing group, under the closure dates, with the main window's task
        runner and calendar worker (a dialog opened without the window gets its own runner)."""
        from ..tasks import TaskRunner

        runner = getattr(parent, "runner", None) or TaskRunner(self)
        box = CalendarPublishingBox(self.services, runner, getattr(parent, "calendar", None), self)
        layout = self.ui.main_layout
        layout.insertWidget(layout.indexOf(self.ui.closures_group) + 1, box)
        QWidget.setTabOrder(self.ui.remove_closure_button, box.ui.url_edit)
        QWidget.setTabOrder(box.ui.publish_button, self.ui.reason_edit)
        box.ui.url_edit.textEdited.connect(self.input_changed)
        return box

    def _fill(self, site: SiteInfo) -> None:
        self.ui.name_edit.setText(site.name)
        self.ui.number_edit.setText(site.number)
        self.ui.phone_edit.setText(site.phone)
        self.ui.timezone_combo.setCurrentText(site.timezone)
        self.ui.weekends_check.setChecked(WEEKENDS in site.closure_rules)
        self.ui.holidays_check.setChecked(HOLIDAYS in site.closure_rules)
        self.model.set_rows(sorted(site.closed_dates))
        self.enrolment_version.set_version(site.enrolment_protocol_version)

    def _add_closure(self) -> None:
        if not self.model.add(edit_date(self.ui.closure_date_edit)):
            self.show_error(self.tr("That date is already in the list."))
        else:
            self.clear_error()

    def _remove_closures(self) -> None:
        rows = {i.row() for i in self.ui.closures_table.selectionModel().selectedRows()}
        self.model.remove([self.model.record(r) for r in rows])

    def edited_site(self) -> SiteInfo:
        rules = tuple(r for r, on in ((WEEKENDS, self.ui.weekends_check.isChecked()),
                                      (HOLIDAYS, self.ui.holidays_check.isChecked())) if on)
        return replace(self.site, name=self.ui.name_edit.text().strip(), number=self.ui.number_edit.text().strip(),
                       phone=self.ui.phone_edit.text().strip(), timezone=self.ui.timezone_combo.currentText().strip(),
                       closure_rules=rules,
                       closed_dates=tuple(self.model.rows()),
                       enrolment_protocol_version=self.enrolment_version.version())

    def validate(self) -> str | None:
        if not self.ui.name_edit.text().strip():
            return self.tr("The site needs a name.")
        if self.calendar_box.setting_up:
            return self.tr("The calendar server is being checked: wait for its answer.")
        calendar = self.calendar_box.url_problem()
        if calendar:
            return calendar
        if self.site.stored and self.edited_site() != self.site and not self.ui.reason_edit.text().strip():
            return self.tr("Give the reason for the change (it goes in the audit trail).")
        return None

    def audit_scope(self) -> AuditScope:
        """The site's audit rows carry no participant: they are read from the whole trail."""
        return AuditScope(None, "site", self.tr("the site settings"))

    def reload(self) -> None:
        self.site = self.services.site()  # the typed values stay in the widgets

    def save(self) -> SiteInfo:
        edited = self.edited_site()
        if edited == self.site and self.site.stored:
            return self.site
        self.site = self.services.update_site(edited, self.ui.reason_edit.text().strip())
        return self.site  # saved: a calendar server that refuses next leaves nothing to save twice

    def after_save(self, result: SiteInfo) -> None:
        """The site is saved; then the calendar set-up, if it changed (in a worker: it checks the
        server), and only then the dialog closes."""
        if not self.calendar_box.changed():
            super().after_save(result)
            return
        buttons = self.ui.button_box
        buttons.setEnabled(False)

        def done() -> None:
            buttons.setEnabled(True)
            super(SiteSettingsDialog, self).after_save(result)

        def failed(message: str) -> None:
            buttons.setEnabled(True)
            self.show_error(self.tr("The calendar is not set up: {message} The site settings themselves are saved.")
                            .format(message=message))
            self.saved.emit(result)  # the window shows the saved site now, even if the dialog is cancelled

        self.calendar_box.start_set_up(done, failed)

    def reject(self) -> None:
        if not self.calendar_box.setting_up:  # the set-up runs to its end (at most the server's time-out)
            super().reject()
