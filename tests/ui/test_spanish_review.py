"""Review of the Spanish window (issue 14): what a coordinator saw in Spanish that was still
English or wrong — the audit trail's language change, the calendar's short reason in the status
bar, and the database dialog's starting URL of a read-only file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from ln_scheduler.i18n import language
from ln_scheduler.services.calendar_publishing import PublishingStatus, PublishState, SyncReport
from ln_scheduler.ui.audit_wording import field_label, value_text
from ln_scheduler.ui.calendar_status import calendar_words
from ln_scheduler.ui.translations import install_language
from ln_scheduler.ui.views import month_view  # imported in English, as the tests before this one do

from .conftest import NOW, TODAY, open_test_services

URL = "https://cloud.example.org/remote.php/dav/calendars/site104/ln-visits/"


@pytest.fixture
def spanish(qapp: Any) -> Iterator[None]:
    """The whole Spanish catalogue installed as the window installs it; English again afterwards."""
    installed = install_language("es")
    assert installed.application_catalogue, "run: python translations/build.py"
    yield
    install_language("en")


@pytest.mark.parametrize("code", ["es", "en"])
def test_the_audit_trail_names_the_take_home_language_not_its_code(code):
    assert value_text("language", code) == language(code).label


def test_the_audit_trail_in_spanish_says_the_new_fields_in_spanish(spanish):
    assert field_label("participant", "language") == "Idioma"
    assert field_label("site", "phone") == "Teléfono"
    assert field_label("participant", "cohort") == "Cohorte"


def test_the_audit_trail_in_english_is_unchanged():
    assert [field_label("participant", "language"), field_label("site", "phone"),
            field_label("participant", "cohort")] == ["Language", "Phone", "Cohort"]


def test_no_password_here_is_said_in_a_few_spanish_words(spanish):
    """The one failure said in the interface language (this workstation's, never stored): the
    status bar read the first 32 characters of the Spanish sentence instead of the short reason."""
    stored = PublishingStatus(PublishState.PENDING, URL, "site104", NOW, 2, None, None)
    report = SyncReport(pending=2, error="no hay contraseña para site104 en …", error_kind="no-password")
    words = calendar_words(stored.as_seen_after(report))
    assert words is not None and words.failing
    assert words.text == "⚠ Calendario: con fallos (sin contraseña guardada aquí)"


def test_the_database_dialog_starts_at_the_read_only_file_itself(qtbot, window, services, db_url, tmp_path):
    read_only = open_test_services(db_url + "?mode=ro")
    try:
        assert read_only.url_display.endswith(" (read-only)")
        window.services = read_only
        window.choose_database()  # File › Open database…
        dialog: Any = window.active_dialog
        assert dialog.url() == db_url
        dialog.reject()
    finally:
        window.services = services
        read_only.close()


def test_the_month_legend_is_in_the_language_of_the_window_not_of_the_import(qtbot, spanish, settings):
    """The view took the legend's text when its module was first imported (a name read once)."""
    view = month_view.MonthView(settings, TODAY)
    qtbot.addWidget(view)
    legend = view.ui.legend_label.text()
    assert "✓\u00a0agendada · ?\u00a0propuesta (aún sin agendar)" in legend
    assert "booked" not in legend


def test_at_1280_in_spanish_the_list_shows_who_and_the_cohort_filter_whole(qtbot, spanish, window, services):
    """Spanish words are wider: the timeline took its natural width first and left the list its ID
    column only, so "Acondicionamiento" ran off the list and "Todas las cohortes" was cut."""
    from ln_scheduler.ui.models import participant_list_model as pl

    from .test_layout import elided, off_screen, settle
    from .test_workflows import enrolled_in_follow_up, select_participant

    enrolled_in_follow_up(services)
    services.enrol("104-002", "MRK", conditioning_start=TODAY)
    services.record_conditioning("104-002", TODAY, days_done=1)
    services.enrol("104-003", "KLM", cohort="SSC-1B")
    window.resize(1280, 800)
    window.refresh(force=True)
    select_participant(qtbot, window, "104-002")
    settle(qtbot)
    people = window.participants.ui.participant_table
    shown = [str(people.model().headerData(c, Qt.Orientation.Horizontal)) for c in range(pl.STATUS + 1)]
    assert not set(shown) & set(off_screen(people))
    assert elided(people, pl.STATUS) == []
    combo = window.participants.ui.cohort_filter
    assert combo.isVisible() and combo.width() >= combo.sizeHint().width()


def test_a_spanish_speaking_participants_take_home_from_the_english_window_is_in_spanish(
        qtbot, window, services, prompter, tmp_path):
    """The window speaks English; what the participant takes home (saved as PDF, and printed) speaks
    theirs: Spanish words and dates, no English heading, no visit codes."""
    from pypdf import PdfReader

    from .test_workflows import C1, select_participant

    services.enrol("104-001", "JQD", conditioning_start=C1, language="es")
    services.record_conditioning("104-001", C1, days_done=3)
    services.record_infusion("104-001", date(2027, 1, 31))
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    prompter.save_path = tmp_path / "saved.pdf"
    window.ui.action_save_take_home_pdf.trigger()
    qtbot.waitUntil(lambda: window.printing.last_saved == prompter.save_path, timeout=20000)
    prompter.print_to = tmp_path / "printed.pdf"
    window.ui.action_print_take_home.trigger()
    # the print job ends when the worker has closed the printer, not when the file first has bytes
    # (read earlier, the PDF's end was not yet written: a failure seen once in CI)
    qtbot.waitUntil(lambda: window.printing.last_printed_pages > 0, timeout=30000)
    saved = "\n".join(page.extract_text() for page in PdfReader(str(tmp_path / "saved.pdf")).pages)
    assert "Estas son sus próximas visitas del estudio" in saved and "Teléfono del equipo del estudio" in saved
    assert "12 de febrero" in saved and "Viernes" in saved
    assert not {"Your", "February", "Friday", "visit"} & set(saved.split())
    assert "D14" not in saved
    assert len(PdfReader(str(prompter.print_to)).pages) == window.printing.last_printed_pages
    assert window.services.participant("104-001").language == "es"


def test_the_book_button_in_spanish_agrees_in_number(qtbot, spanish, window, services):
    """Seen in the window: "Agendar 4 visita"."""
    from .test_book_plan_packet_day import _book_plan_of_a_planned_participant

    dialog = _book_plan_of_a_planned_participant(qtbot, window, services)
    ticked = sum(dialog.is_ticked(r) for r in range(dialog.ui.visits_table.rowCount()))
    assert ticked > 1
    assert dialog.save_button.text() == f"A&gendar {ticked} visitas"  # Alt+G books


def test_the_site_settings_in_spanish_fit_a_1280_by_800_screen_with_its_title_bar(qtbot, spanish, services):
    """Seen at 1280 x 800: the Spanish dialog (longer, wrapped words) was 798 px tall plus its title
    bar, and its Save and Cancel buttons were below the screen's edge."""
    from ln_scheduler.ui.dialogs.base import TITLE_BAR_ROOM
    from ln_scheduler.ui.dialogs.site_settings_dialog import SiteSettingsDialog

    dialog = SiteSettingsDialog(services, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.wait(1)
    room = dialog.screen().availableGeometry().height() - TITLE_BAR_ROOM
    assert dialog.height() <= room
    assert dialog.ui.closures_table.height() >= dialog.ui.closures_table.minimumSizeHint().height()


def test_rebuilding_the_catalogue_never_rewrites_the_file_a_running_window_has_open(tmp_path):
    """Qt maps a loaded .qm into memory: rebuilt in place under a running window, its Spanish turned
    to garbage ("Agendar 4 visita", the singular for four). A new file replaces the old one instead."""
    from .test_translatable_strings import _translations_build

    build = _translations_build()
    first = build.compile_all(tmp_path)[0]
    inode = first.stat().st_ino
    assert build.compile_all(tmp_path)[0].stat().st_ino != inode


def fits_a_1024_screen_on_every_tab(qtbot: Any, window: Any, services: Any) -> None:
    """Seen in a walk at 1024 x 768: the window opened 1,047 px wide in Spanish, 1,102 px once an SSc
    participant was shown (1,052 in English): its right edge, its close button, "Withdraw…" and
    "Change protocol…" were off the screen. The rows of buttons wrap instead."""
    from .test_cohorts_gui import PID, ssc1b_after_dose_1
    from .test_workflows import select_participant

    ssc1b_after_dose_1(services)
    window.refresh(force=True)
    window.resize(1024, 740)
    for tab in (0, 1, 2):
        window.show_tab(tab)
        if tab == 2:
            select_participant(qtbot, window, PID)
        QApplication.processEvents()
        assert window.minimumSizeHint().width() <= 1000, (tab, window.minimumSizeHint())
        assert window.width() <= 1024
        for button in window.findChildren(QPushButton):
            if button.isVisible():
                right = button.mapTo(window, button.rect().topRight()).x()
                assert right <= window.width(), (tab, button.text(), right, window.width())


def test_the_main_window_fits_a_1024_screen_on_every_tab(qtbot, window, services):
    fits_a_1024_screen_on_every_tab(qtbot, window, services)


def test_the_main_window_fits_a_1024_screen_on_every_tab_in_spanish(qtbot, spanish, window, services):
    fits_a_1024_screen_on_every_tab(qtbot, window, services)


def test_a_moved_date_in_a_preview_names_its_weekday_in_spanish(spanish):
    """Seen in a walk: Record dose's preview in Spanish read "2026-12-01 mar → 12-05 Sat"."""
    from datetime import date

    from ln_scheduler.ui.models.schedule_preview_model import _dates

    assert _dates(date(2026, 12, 1), date(2026, 12, 5)) == "2026-12-01 mar → 12-05 sáb"


def test_the_audit_trail_names_which_dose_a_row_is_about():
    """Seen in a walk: a later dose's audit rows said "Dose" in the Record column, not which one."""
    from datetime import UTC, datetime

    from ln_scheduler.services.records import AuditEntry
    from ln_scheduler.ui.audit_wording import record_text

    entry = AuditEntry(7, datetime(2027, 2, 3, tzinfo=UTC), "nurse", "ws", "insert", "dose", "104-007/dose#2",
                       "104-007", "dose", None, '{"given_on": "2027-02-03"}', None)
    assert record_text(entry) == "Dose 2"


def test_book_visits_says_what_its_button_does_in_plain_words(qtbot, window, services):
    """Seen in a walk: "7 of 7 visits ticked: Book books them all at once."."""
    from .test_book_plan_packet_day import _book_plan_of_a_planned_participant

    dialog = _book_plan_of_a_planned_participant(qtbot, window, services)
    text = dialog.ui.hint_label.text()
    assert "Book books" not in text and "are booked at once when you press Book" in text, text


def test_every_audited_field_has_its_own_words_in_spanish(spanish):
    """A walk read "Dose (establecido)", "Given on: 2026-11-10 mar" and "Not given reason: …" in the
    Spanish audit trail: fields without a label fell back to their stored English names."""
    from ln_scheduler.store import audit_replay as replay
    from ln_scheduler.ui.audit_wording import FIELD_LABELS

    fields = {"participant": replay.PARTICIPANT_FIELDS, "visit": replay.VISIT_FIELDS,
              "procedure": replay.PROCEDURE_FIELDS, "dose": (*replay.DOSE_FIELDS, "dose"),
              "site": replay.SITE_FIELDS, "calendar": replay.CALENDAR_FIELDS}
    unlabelled = [f"{entity}.{field}" for entity, names in fields.items() for field in names
                  if field != "created_at" and (entity, field) not in FIELD_LABELS and field not in FIELD_LABELS]
    assert unlabelled == []
    assert field_label("dose", "dose") == "Dosis"
    assert field_label("dose", "given_on") == "Administrada el"
    assert field_label("dose", "not_given_reason") == "Motivo de no administración"


def test_this_week_is_the_same_days_whatever_the_window_language(spanish):
    """A walk: on the same day the English window's "This week" was Mon-Sun and the Spanish one's
    Sun-Sat (the language's locale, es_US), so the two listed different visits. The week is the
    workstation's, in every language."""
    from PySide6.QtCore import QLocale

    from ln_scheduler.ui.main_window import workstation_week_start
    from ln_scheduler.ui.translations import install_language

    spanish_week = workstation_week_start()
    install_language("en")
    try:
        assert workstation_week_start() == spanish_week == QLocale.system().firstDayOfWeek().value - 1
    finally:
        install_language("es")
