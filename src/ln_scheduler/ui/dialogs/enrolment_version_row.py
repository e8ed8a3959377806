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
        self.combo = QComboBox(parent)
        self.combo.setObjectName("enrolment_version_combo")
        # not a QObject: its texts have a context of their own, named after the class
        self.combo.setAccessibleName(QCoreApplication.translate("EnrolmentVersionRow",
                                                                "Protocol version for new enrolments"))
        self.label = QLabel(QCoreApplication.translate("EnrolmentVersionRow", "Enrol new participants &on:"), parent)
        self.label.setObjectName("enrolment_version_label")
        self.label.setBuddy(self.combo)
        newest = shipped[-1] if shipped else None
        if newest is not None:
            text = QCoreApplication.translate("EnrolmentVersionRow", "The newest shipped version (now {version})")
            self.combo.addItem(text.format(version=newest.version), None)
        for protocol in shipped:
            cohorts = ", ".join(c.code for c in protocol.cohorts)
            text = QCoreApplication.translate("EnrolmentVersionRow", "Version {version} (cohorts {cohorts})")
            self.combo.addItem(text.format(version=protocol.version, cohorts=cohorts), protocol.version)
        self.combo.setToolTip(QCoreApplication.translate(
            "EnrolmentVersionRow", "The protocol version, and so the cohorts, the New participant dialog offers. "
                                   "Participants already enrolled keep their version (Participant › Change protocol "
                                   "version moves one)."))
        form.addRow(self.label, self.combo)

    def set_version(self, version: str | None) -> None:
        index = self.combo.findData(version)
        self.combo.setCurrentIndex(index if index >= 0 else 0)

    def version(self) -> str | None:
        data = self.combo.currentData()
        return str(data) if data is not None else None
