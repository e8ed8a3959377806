"""A worksheet printed from a Spanish interface, read back: Spanish labels, Spanish dates
(31-ene-2027), the footer in Spanish, /Lang es-US; the protocol's own texts (visit and
procedure names, from the protocol file) stay as the protocol writes them."""

from __future__ import annotations

from ln_scheduler import i18n
from tests.support.sample_records import sample_participant

from .pdf_reading import Pdf
from .test_worksheet import worksheet

#: Words of our own on the worksheet (labels, headings, footer) that must not be left in English.
ENGLISH_LABELS = (
    "Visit worksheet", "PARTICIPANT ID", "INITIALS", "NOMINAL STUDY DAY", "TARGET DATE", "WINDOW",
    "SCHEDULED", "Date of visit", "Arrival time", "Procedures", "Tick Done", "Reason if not done",
    "Result / tube ID", "Timed PK and cytokine samples", "Nominal time", "Allowed range", "Actual time",
    "Infusion record", "Product identity", "Bag integrity", "Infusion start time", "Notes", "Completed by",
    "Reviewed by investigator", "Signature", "Printed", "Page 1 of", "(site closed)", "Yes", "Jan-2027",
    "Sun ",
)


def test_a_spanish_day1_worksheet_has_no_english_label_and_spanish_dates(participant, protocol,
                                                                         spanish_interface):
    d1 = participant.visit("D1")
    pdf = worksheet(participant, d1, protocol)
    pages = pdf.pages()
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        for label in ENGLISH_LABELS:
            assert label not in text, label
        assert "Hoja de trabajo de la visita" in text
        assert "ID DEL PARTICIPANTE" in text
        assert "DÍA NOMINAL Día 1" in text
        assert "FECHA OBJETIVO 31-ene-2027" in text
        assert "VENTANA solo el 31-ene-2027" in text
        assert "PROGRAMADO dom 31-ene-2027 (centro cerrado)" in text
        assert "Impreso el 20-ene-2027 14:32 por nurse.jones" in text
        assert f"Página {number} de {len(pages)}" in text
    text = pdf.text
    for heading in ("Procedimientos", "Registro de la infusión", "Muestras cronometradas de FC y citocinas",
                    "Fecha de la visita", "Firma", "Revisado por el investigador", "☐ Sí ☐ No"):
        assert heading in text
    assert pdf.reader.trailer["/Root"]["/Lang"] == "es-US"


def test_a_spanish_worksheet_window_spans_two_spanish_months(protocol, spanish_interface):
    """M6 of the worked example: a window across July and August, booked on a Friday."""
    participant = sample_participant(protocol=protocol)
    m6 = participant.visit("M6")
    text = worksheet(participant, m6, protocol).text
    assert "VENTANA 17-jul-2027 a 14-ago-2027" in text
    assert "PROGRAMADO vie 30-jul-2027" in text


def test_english_is_back_once_the_interface_is(participant, protocol):
    """The language is read at print time: an English print after a Spanish one is English."""
    i18n.use_language("es")
    i18n.use_language("en")
    text = Pdf(worksheet(participant, participant.visit("D1"), protocol).data).text
    assert "Visit worksheet" in text and "Page 1 of" in text and "31-Jan-2027" in text
