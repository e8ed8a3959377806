"""The three views in Spanish: their own sentences from translations/es/views.ts, counts that
agree in number ("1 realizada", "2 realizadas"), weekday and month names in Spanish (strftime's
were English whatever the window spoke), and the English texts unchanged without a catalogue."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from ln_scheduler.domain.visit_status import VisitStatus
from ln_scheduler.i18n import use_language
from ln_scheduler.ui.main_window import CALENDAR_TAB, PARTICIPANTS_TAB, WORKLIST_TAB
from ln_scheduler.ui.views.month_delegate import status_word

from .test_workflows import enrolled_in_follow_up

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = [ROOT / "translations" / "es" / f"{area}.ts" for area in ("views", "forms")]
#: What a translation must carry over exactly: {named} fields, %n / %1, and rich-text tags.
KEPT = re.compile(r"\{\w+\}|%n|%\d|</?\w+>")


@pytest.fixture
def spanish(tmp_path: Path) -> Iterator[None]:
    """The views and forms catalogues compiled and installed, the services' language Spanish (as
    the window sets both at start); English again afterwards. Ask for it before ``window``."""
    qm = tmp_path / "views_es.qm"
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), "-silent", *map(str, CATALOGUES), "-qm", str(qm)], check=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    use_language("es")
    yield
    use_language("en")
    QCoreApplication.removeTranslator(translator)


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda p: p.stem)
def test_every_translation_keeps_the_fields_counts_and_tags_of_its_source(catalogue):
    changed = []
    for message in ET.parse(catalogue).getroot().iter("message"):
        source = message.findtext("source", "")
        forms = [f.text or "" for f in message.iter("numerusform")] or [message.findtext("translation", "")]
        changed += [(source, form) for form in forms if sorted(KEPT.findall(form)) != sorted(KEPT.findall(source))]
    assert changed == []


def test_the_month_view_speaks_spanish(qtbot, spanish, window, services):
    enrolled_in_follow_up(services)
    window.show_tab(CALENDAR_TAB)
    month = window.month
    month.refresh()
    assert re.fullmatch(r"<b>Febrero de 2027</b> — \d+ visitas", month.ui.month_label.text())
    assert month.ui.day_label.text().startswith("<b>Miércoles 2027-02-10</b>: ")
    assert "visit" not in month.ui.day_label.text().replace("visita", "")
    assert month.ui.legend_label.text().startswith("Todas las visitas del centro")
    assert [month.status_count(VisitStatus.DONE, n) for n in (1, 2)] == ["1 realizada", "2 realizadas"]
    assert status_word(VisitStatus.DONE) == "hecha"  # the grid's short word


def test_the_worklist_and_participants_speak_spanish(qtbot, spanish, window, services):
    window.show_tab(WORKLIST_TAB)
    worklist = window.worklist
    worklist.set_period("week")
    qtbot.waitUntil(lambda: "Esta semana" in worklist.ui.summary_label.text())
    assert worklist.ui.summary_label.text() == "<b>Esta semana, del 2027-02-07 al 2027-02-13</b>: 0 visitas por hacer"
    worklist.set_period("day")
    qtbot.waitUntil(lambda: "Resumen del día" in worklist.ui.summary_label.text())
    assert worklist.ui.summary_label.text().startswith("<b>Resumen del día, miércoles 2027-02-10</b>: agendadas hoy: 0")
    assert worklist.day_panel.boxes["closing_soon"].title() == \
        "Por cerrar: la ventana cierra en 2 días, nada registrado (0)"
    window.show_tab(PARTICIPANTS_TAB)
    people = window.participants
    assert people.ui.status_filter.itemText(0) == "Todos los estados"
    assert people.ui.header_label.text() == "Seleccione un participante o inscriba uno (Ctrl+N)."


def test_without_a_catalogue_the_views_say_it_in_english_as_before(qtbot, window, services):
    enrolled_in_follow_up(services)
    window.show_tab(CALENDAR_TAB)
    month = window.month
    month.refresh()
    assert re.fullmatch(r"<b>February 2027</b> — \d+ visits", month.ui.month_label.text())
    assert month.ui.day_label.text().startswith("<b>Wednesday 2027-02-10</b>: ")
    assert [month.status_count(VisitStatus.DONE, n) for n in (1, 2)] == ["1 done", "2 done"]
    window.show_tab(WORKLIST_TAB)
    window.worklist.set_period("today")
    qtbot.waitUntil(lambda: "Today" in window.worklist.ui.summary_label.text())
    assert window.worklist.ui.summary_label.text().startswith("<b>Today, Wednesday 2027-02-10</b>: ")
