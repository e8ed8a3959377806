"""The service dialogs in Spanish: with the shipped catalogue (translations/es/dialogs.ts, compiled
here as the build compiles it) a coordinator reads buttons, hints, counts and the conflict message
in Spanish, plurals agree with the number, and what is stored stays in English (a common reason
for a missed visit is saved as its English text, whatever language the window showed it in)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from ln_scheduler.services.errors import ConflictError
from ln_scheduler.ui.dialogs.base import AuditScope, conflict_message
from ln_scheduler.ui.dialogs.miss_visit_dialog import MissVisitDialog
from ln_scheduler.ui.dialogs.pdf_preview_dialog import PdfPreviewDialog
from ln_scheduler.ui.dialogs.withdraw_dialog import WithdrawDialog

from .conftest import TODAY
from .test_workflows import enrolled_in_follow_up, saved_and_closed

TS = Path(__file__).resolve().parents[2] / "translations" / "es" / "dialogs.ts"


@pytest.fixture
def spanish_dialogs(qapp: Any, tmp_path: Path) -> Iterator[None]:
    """The Spanish dialogs catalogue compiled (lrelease, as the build does) and installed; removed
    after the test, so the other tests read English."""
    qm = tmp_path / "dialogs_es.qm"
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), str(TS), "-qm", str(qm)], check=True, capture_output=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def two_page_pdf() -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    out = BytesIO()
    canvas = Canvas(out)
    for page in (1, 2):
        canvas.drawString(72, 720, f"page {page}")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def test_a_missed_visit_in_spanish_offers_spanish_reasons_and_stores_the_english_one(qtbot, services,
                                                                                    spanish_dialogs):
    enrolled_in_follow_up(services)
    participant = services.participant("104-001", today=TODAY)
    dialog = MissVisitDialog(services, participant, participant.visit("D10"))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.save_button.text() == "Marcar como no realizada"
    # texts of the base classes reach a subclass (PySide looks the context up along the classes)
    assert dialog.audit_scope().noun == "esta visita"
    assert dialog.input_title() == "Revise los datos"
    assert dialog.ui.reason_combo.itemText(1) == "El participante se sentía mal y no pudo viajar"
    dialog.ui.reason_combo.setCurrentIndex(1)
    saved_and_closed(qtbot, dialog)
    missed = services.participant("104-001", today=TODAY).visit("D10")
    assert missed.reason == "Participant unwell, could not travel"  # the audit trail reads the same everywhere


def test_a_reason_typed_in_spanish_is_stored_as_typed(qtbot, services, spanish_dialogs):
    enrolled_in_follow_up(services)
    participant = services.participant("104-001", today=TODAY)
    dialog = MissVisitDialog(services, participant, participant.visit("D10"))
    qtbot.addWidget(dialog)
    dialog.ui.reason_combo.setEditText("No consiguió transporte")
    assert dialog.reason == "No consiguió transporte"


def test_the_conflict_message_in_spanish_names_who_where_and_when(spanish_dialogs):
    exc = ConflictError("changed", changed_by="mkeller", changed_at=datetime(2027, 2, 10, 14, 58, tzinfo=UTC))
    text = conflict_message(exc, (), AuditScope("104-001", "104-001/D14#1", "esta visita"))
    assert text.title == "Cambiado por otra persona"
    assert text.message.startswith("No se guardó: mkeller cambió esta visita el 2027-02-10 a las ")
    assert text.message.endswith(", después de que usted abriera esta ventana.")
    assert text.advice == ("Esta ventana muestra ahora los datos más recientes y conserva lo que usted escribió: "
                           "revíselo y vuelva a guardar.")


def test_the_pdf_preview_in_spanish_counts_pages_with_the_plural(qtbot, spanish_dialogs):
    dialog = PdfPreviewDialog("Hoja de trabajo D14", "letter")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Vista previa — Hoja de trabajo D14"
    assert [dialog.ui.zoom_combo.itemText(i) for i in range(2)] == ["Ajustar al ancho", "Página completa"]
    assert dialog.ui.page_size_combo.currentText() == "Carta"
    dialog.set_pdf(two_page_pdf())
    assert dialog.ui.status_label.text() == "2 páginas"
    dialog.ui.zoom_combo.setCurrentIndex(1)  # the zoom is chosen by its English key, not the text shown
    assert dialog.ui.pdf_view.zoomMode() == dialog.ui.pdf_view.ZoomMode.FitInView


def test_the_withdrawal_preview_in_spanish_is_one_spanish_sentence(qtbot, services, spanish_dialogs):
    enrolled_in_follow_up(services)
    participant = services.participant("104-001", today=TODAY)
    dialog = WithdrawDialog(services, participant, TODAY)
    qtbot.addWidget(dialog)
    text = dialog.ui.consequences_label.text()
    # not "se va a cancelar 22 visitas" (a singular verb with a plural subject): a subject of its own
    assert text.startswith("Al guardar, el programa va a ")
    assert "cancelar " in text and " visitas" in text and " y agregar la visita " in text
    assert text.endswith("Revise la lista de abajo antes de guardar.")
    assert dialog.save_button.text() == "Retirar"
    assert dialog.validate() == "Indique el motivo del retiro."


def test_english_stays_as_it_was_without_the_catalogue(qtbot, services):
    enrolled_in_follow_up(services)
    participant = services.participant("104-001", today=TODAY)
    dialog = MissVisitDialog(services, participant, participant.visit("D10"))
    qtbot.addWidget(dialog)
    assert dialog.save_button.text() == "Mark missed"
    assert dialog.ui.reason_combo.itemText(1) == "Participant unwell, could not travel"


def test_the_withdrawal_date_edge_today_is_allowed_tomorrow_is_not(qtbot, services, spanish_dialogs):
    enrolled_in_follow_up(services)
    participant = services.participant("104-001", today=TODAY)
    dialog = WithdrawDialog(services, participant, TODAY)
    qtbot.addWidget(dialog)
    from ln_scheduler.ui.qt_dates import to_qdate

    dialog.ui.reason_edit.setPlainText("Retiro del consentimiento")
    dialog.ui.date_edit.setDate(to_qdate(TODAY))
    assert dialog.validate() is None
    dialog.ui.date_edit.setDate(to_qdate(date.fromordinal(TODAY.toordinal() + 1)))
    assert dialog.validate() == "La fecha de retiro no puede ser posterior a hoy."
