"""No two controls of one window answer the same Alt+letter. In Site settings Alt+H, meant for
the Reason field, silently unticked "US federal holidays"; Visit done (Alt+R), the PDF preview
(Alt+P), the visit dialog (Alt+D) and the main window (Alt+P and Alt+W opened tabs instead of the
Participant and View menus) clashed too."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QWidget

from ln_scheduler.ui.dialogs.base import ServiceDialog
from ln_scheduler.ui.dialogs.packet_dialog import PacketDialog
from ln_scheduler.ui.dialogs.pdf_preview_dialog import PdfPreviewDialog
from ln_scheduler.ui.dialogs.preferences_dialog import PreferencesDialog
from ln_scheduler.ui.dialogs.site_settings_dialog import SiteSettingsDialog
from ln_scheduler.ui.dialogs.visit_dialog import VisitDialog
from ln_scheduler.ui.main_window import CALENDAR_TAB, PARTICIPANTS_TAB, WORKLIST_TAB

from .mnemonics import clashes, mnemonic
from .stages import trigger_at_stage
from .test_date_entry import activated
from .test_workflows import enrolled_in_follow_up, wait_dialog

FORMS = sorted((Path(__file__).resolve().parents[2] / "forms").glob("*.ui"))
HOSTS = {"QDialog": QDialog, "QWidget": QWidget, "QMainWindow": QMainWindow}


def test_the_mnemonic_reader_reads_qt_s_ampersands():
    assert mnemonic("Reason for the c&hange:") == "h"
    assert mnemonic("Salt && &Pepper") == "p"
    assert mnemonic("Fish && chips") is None


@pytest.mark.parametrize("form", FORMS, ids=lambda p: p.stem)
def test_no_form_uses_one_mnemonic_twice(qtbot, form):
    base, name = re.search(r'<widget class="(\w+)" name="(\w+)">', form.read_text(encoding="utf-8")).groups()
    module = importlib.import_module(f"ln_scheduler.ui.forms.ui_{form.stem}")
    host = HOSTS[base]()
    qtbot.addWidget(host)
    getattr(module, f"Ui_{name}")().setupUi(host)
    assert clashes(host) == []


def test_the_main_window_with_its_menus_and_every_tab_uses_each_mnemonic_once(qtbot, window, services):
    enrolled_in_follow_up(services)
    for tab in (WORKLIST_TAB, CALENDAR_TAB, PARTICIPANTS_TAB):  # every view built and shown
        window.show_tab(tab)
    assert clashes(window) == []


@pytest.mark.parametrize(("key", "menu"), [(Qt.Key.Key_P, "menu_participant"), (Qt.Key.Key_W, "menu_view")])
def test_alt_p_and_alt_w_open_the_participant_and_view_menus_not_a_tab(qtbot, window, key, menu):
    window.show_tab(CALENDAR_TAB)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, key, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is getattr(window.ui, menu))
    QApplication.activePopupWidget().close()
    assert window.current_tab() == CALENDAR_TAB


@pytest.mark.parametrize("action", ["enrol", "plan_conditioning", "record_conditioning", "record_infusion",
                                    "record_dose", "change_cohort",
                                    "unscheduled_visit", "change_protocol", "withdraw", "book_visit",
                                    "complete_visit", "miss_visit", "correct_entry", "site_settings",
                                    "open_visit", "preview_worksheet", "preferences", "book_plan", "worksheet_packet"])
def test_every_dialog_as_opened_uses_each_mnemonic_once(qtbot, window, services, action):
    trigger_at_stage(qtbot, window, services, action)
    kinds = (ServiceDialog, VisitDialog, PdfPreviewDialog, PreferencesDialog, PacketDialog)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget() or window.active_dialog, kinds)
                    or window.printing.preview_dialog is not None)
    dialog = window.printing.preview_dialog if action == "preview_worksheet" else \
        (window.active_dialog or QApplication.activeModalWidget())
    qtbot.waitUntil(dialog.isVisible)
    assert clashes(dialog) == []


def test_alt_s_in_site_settings_goes_to_the_reason_and_leaves_the_holidays_ticked(qtbot, window):
    window.ui.action_site_settings.trigger()
    dialog = activated(qtbot, wait_dialog(qtbot, window, SiteSettingsDialog))
    assert dialog.ui.holidays_check.isChecked()
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.ui.reason_edit.hasFocus)
    qtbot.keyClicks(dialog.ui.reason_edit, "holiday")
    assert dialog.ui.holidays_check.isChecked()
    assert dialog.ui.reason_edit.text() == "holiday"
