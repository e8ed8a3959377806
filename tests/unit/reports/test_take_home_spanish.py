"""The take-home schedule of a Spanish-speaking participant, read back as they would read it: with
pypdf and with poppler's pdftotext, no English sentence left, dates written the Spanish way, accents
present and every font embedded (pdffonts). An LN participant on version 1.0 (whose file carries
no translations: they come from version 2.0 for the same texts) and an SSC-1B participant with
three doses, the third not given."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date, time
from pathlib import Path

import pytest

from ln_scheduler.domain.protocol import Protocol
from ln_scheduler.domain.protocol_loader import shipped_protocols
from ln_scheduler.reports import write_participant_schedule
from ln_scheduler.services.records import ParticipantRecord
from tests.support.sample_records import SITE, sample_participant, with_visit

from .conftest import PRINTED_AT, PRINTED_BY
from .pdf_reading import Pdf, flat, pdffonts_rows

#: Words of English sentences that no Spanish take-home line has (a Spanish sentence can hold
#: "a", "de", "me"...; "Día" is not "day" once accents are kept, so matching is on whole words,
#: case-folded, after the PDF's text is read back).
ENGLISH_WORDS = {"the", "your", "you", "will", "please", "visit", "visits", "day", "days", "with", "from",
                 "and", "to", "of", "on", "at", "we", "is", "are", "if", "it", "can", "not", "given",
                 "page", "printed", "by", "study", "schedule", "date", "dose", "doses", "month", "call",
                 "first", "second", "third", "monday", "tuesday", "wednesday", "thursday", "friday",
                 "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july",
                 "august", "september", "october", "november", "december", "am", "pm", "check-up",
                 "infusion", "urine", "sample", "fasting", "phone", "site", "initials"}
#: What may stay as it is: names and numbers (the app, the drug, the registry, the site's name).
NAMES = ("LN Visit Scheduler", "Lakeside Kidney Research Unit", "nurse.jones")
C1 = date(2027, 3, 1)


def english_left(lines: list[str]) -> list[str]:
    """The lines that still hold an English word."""
    found = []
    for line in lines:
        for name in NAMES:
            line = line.replace(name, "")
        words = {w.casefold() for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)?", line)}
        if words & ENGLISH_WORDS:
            found.append(f"{line!r}: {sorted(words & ENGLISH_WORDS)}")
    return found


@pytest.fixture(scope="module")
def versions() -> tuple[Protocol, Protocol]:
    return shipped_protocols()[0], shipped_protocols()[1]


@pytest.fixture(scope="module")
def ln_spanish(versions: tuple[Protocol, Protocol]) -> ParticipantRecord:
    """Version 1.0's worked example, Spanish-speaking, Month 2 booked at 9:30."""
    record = sample_participant(today=date(2027, 1, 20), protocol=versions[0])
    return replace(with_visit(record, "M2", scheduled_time=time(9, 30)), language="es")


@pytest.fixture(scope="module")
def ssc_spanish(versions: tuple[Protocol, Protocol]) -> ParticipantRecord:
    record = sample_participant(pid="104-008", initials="KLM", conditioning_start=C1,
                                infusion_actual=date(2027, 3, 6), doses={2: date(2027, 3, 16)}, not_given_from=3,
                                today=date(2027, 3, 17), protocol=versions[1], cohort="SSC-1B")
    return replace(record, language="es")


def take_home(participant: ParticipantRecord, protocol: Protocol, path: Path, **kwargs: object) -> Pdf:
    out = io.BytesIO()
    write_participant_schedule(out, participant, protocol, kwargs.pop("site", SITE), plain=True,  # type: ignore[arg-type]
                               printed_by=PRINTED_BY, printed_at=PRINTED_AT, **kwargs)  # type: ignore[arg-type]
    path.write_bytes(out.getvalue())
    return Pdf(out.getvalue())


def pdftotext_lines(path: Path) -> list[str]:
    exe = shutil.which("pdftotext")
    assert exe, "pdftotext is missing: install poppler-utils"
    out = subprocess.run([exe, "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [flat(line) for line in out.splitlines() if line.strip()]


def test_an_ln_participant_on_version_1_0_reads_every_word_in_spanish(ln_spanish, versions, tmp_path):
    path = tmp_path / "ln-es.pdf"
    pdf = take_home(ln_spanish, versions[0], path)  # the participant's language: no language= given
    lines = pdftotext_lines(path)
    assert english_left(lines) == []
    assert english_left(pdf.pages()) == []  # pypdf's reading too
    text = pdf.text
    assert "Su calendario de visitas del estudio" in text
    assert "NÚMERO DE PARTICIPANTE 104-001" in text
    assert "nefritis lúpica difícil de tratar" in text  # version 1.0's own title, from 2.0's table
    assert "Visita de selección" in text and "Día 1 de quimioterapia (Día -5)" in text
    assert "Domingo 31 de enero de 2027" in text and "(su día de infusión)" in text
    assert "Le pediremos una muestra de orina." in text
    assert "a las 9:30 a.m." in text
    assert "Teléfono del equipo del estudio: ______" in text  # no phone set: a line to write it on
    assert re.search(r"Si hace falta, la visita se puede pasar a otro día de clínica, del \d+ de \w+ al \d+ de "
                     r"\w+ de 2027\.", text)
    assert "Impreso el 20-ene-2027 14:32 por" in text
    assert "Página 1 de" in text
    meta = pdf.reader
    assert meta.metadata.title == "Su calendario de visitas del estudio"
    assert meta.trailer["/Root"]["/Lang"] == "es-US"


def test_an_ssc_1b_participant_reads_the_dose_days_in_spanish(ssc_spanish, versions, tmp_path):
    path = tmp_path / "ssc-es.pdf"
    pdf = take_home(ssc_spanish, versions[1], path, site=replace(SITE, phone="+1 555 0100"))
    lines = pdftotext_lines(path)
    assert english_left(lines) == []
    assert english_left(pdf.pages()) == []
    text = pdf.text
    assert "Sus días de dosis" in text
    # dose 3 was not given: no promise of 3 (the English sheet says "2 times, not 3")
    assert "El médico del estudio decidió que usted reciba el tratamiento del estudio 2 veces, no 3. Entre una dosis" \
           in text
    assert "unos 7 días (una semana)" in text
    assert "• Primera dosis (Día 1): recibida el sábado, 6 de marzo de 2027" in text
    assert "• Segunda dosis (Día 8): recibida el martes, 16 de marzo de 2027" in text
    assert "• Tercera dosis (Día 15): no se le dio" in text
    assert "Teléfono del equipo del estudio: +1 555 0100" in text
    assert "Control cuatro semanas después de su última infusión" in text
    for code in ("SSC-1B", "X2", "X3", "PK", "CYTO", "D43"):
        assert code not in text, code


def test_accents_are_in_the_text_and_every_font_is_embedded(ln_spanish, versions, tmp_path):
    path = tmp_path / "ln-es.pdf"
    take_home(ln_spanish, versions[0], path)
    text = " ".join(pdftotext_lines(path))
    for letter in "áéíóúÚ":  # (no ñ in these texts)
        assert letter in text, letter
    rows = pdffonts_rows(path)
    assert rows and all(emb == "yes" for _name, emb in rows), rows


def test_the_language_can_be_chosen_over_the_participants(ln_spanish, versions, tmp_path):
    english = take_home(ln_spanish, versions[0], tmp_path / "en.pdf", language="en").text
    assert "Your study visit schedule" in english and "Page 1 of" in english
    assert "Su calendario" not in english


def test_the_site_file_follows_the_interface_and_the_take_home_the_participant(
        spanish_interface, versions, tmp_path):
    english_participant = sample_participant(today=date(2027, 1, 20), protocol=versions[0])
    out = io.BytesIO()
    write_participant_schedule(out, english_participant, versions[0], SITE, printed_by=PRINTED_BY,
                               printed_at=PRINTED_AT)
    site_file = Pdf(out.getvalue()).text
    assert "Calendario de visitas del participante" in site_file
    assert "VISITA DÍA DEL ESTUDIO PROGRAMADO VENTANA ESTADO QUÉ ESPERAR" in site_file.upper()
    assert "Inicio del acondicionamiento".upper() in site_file
    take_home_text = take_home(english_participant, versions[0], tmp_path / "en.pdf").text
    assert "Your study visit schedule" in take_home_text and "Página" not in take_home_text


@pytest.mark.parametrize(("earliest", "latest", "expected"), [
    (date(2027, 12, 20), date(2028, 1, 3), "del 20 de diciembre de 2027 al 3 de enero de 2028."),  # across a year
    (date(2027, 7, 19), date(2027, 8, 13), "del 19 de julio al 13 de agosto de 2027."),
])
def test_a_window_reads_as_spanish_days_the_clinic_is_open(ln_spanish, versions, earliest, latest, expected):
    from ln_scheduler.reports.participant_schedule import _plain_what, _words

    visit = replace(ln_spanish.visit("M6"), earliest=earliest, latest=latest)
    text = _plain_what(visit, versions[0].visit("M6"), date(2027, 1, 20), SITE.calendar(), 1,
                       _words(versions[0], "es"))
    assert flat(text).endswith("Si hace falta, la visita se puede pasar a otro día de clínica, " + expected)
