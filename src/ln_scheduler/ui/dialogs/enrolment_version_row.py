"""The site setting "Enrol new participants on" protocol version, as one form row added to the site
settings dialog. Built here in code, not in the dialog's Designer form, so the row stays one
self-contained piece that other changes to that form do not collide with."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from ...domain.protocol import Protocol


class EnrolmentVersionRow:
    """A combo of the shipped protocol versions, with "the newest shipped" (None) first: a site that
    keeps the default follows each new release; one that chose a version stays on it until the
    amendment is approved locally. Participants already enrolled keep their version either way."""

    def __init__(self, parent: QWidget, form: QFormLayout, shipped: Sequence[Protocol]) -> None:
        tr = QCoreApplication.translate  # not a QObject: its own context
        self.combo = QComboBox(parent)
        self.combo.setObjectName("enrolment_version_combo")
        self.combo.setAccessibleName(tr("EnrolmentVersionRow", "Protocol version for new enrolments"))
        self.label = QLabel(tr("EnrolmentVersionRow", "Enrol new participants &on:"), parent)
        self.label.setObjectName("enrolment_version_label")
        self.label.setBuddy(self.combo)
        newest = shipped[-1] if shipped else None
        if newest is not None:
            self.combo.addItem(tr("EnrolmentVersionRow", "The newest shipped version (now {version})").format(
                version=newest.version), None)
        for protocol in shipped:
            cohorts = ", ".join(c.code for c in protocol.cohorts)
            self.combo.addItem(tr("EnrolmentVersionRow", "Version {version} (cohorts {cohorts})").format(
                version=protocol.version, cohorts=cohorts), protocol.version)
        self.combo.setToolTip(tr("EnrolmentVersionRow", "The protocol version, and so the cohorts, the New participant "
                                                        "dialog offers. Participants already enrolled keep their "
                                                        "version (Participant › Change protocol version moves one)."))
        form.addRow(self.label, self.combo)

    def set_version(self, version: str | None) -> None:
        index = self.combo.findData(version)
        self.combo.setCurrentIndex(index if index >= 0 else 0)

    def version(self) -> str | None:
        data = self.combo.currentData()
        return str(data) if data is not None else None
