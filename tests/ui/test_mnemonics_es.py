"""The Spanish forms keep their keyboard mnemonics, and no two controls of one Spanish window
(or items of one menu) answer the same Alt+letter: a translation picks its own letters, so the
English check (test_mnemonics.py) says nothing about them. "&Reason" became "&Motivo" in every
dialog; in Site settings that letter was already Número del centro's until it moved to "cen&tro"."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QDialog, QMainWindow, QWidget

from .mnemonics import clashes, mnemonic

ROOT = Path(__file__).resolve().parents[2]
FORMS = sorted((ROOT / "forms").glob("*.ui"))
FORMS_TS = ROOT / "translations" / "es" / "forms.ts"
HOSTS = {"QDialog": QDialog, "QWidget": QWidget, "QMainWindow": QMainWindow}


def _messages() -> list[tuple[str, str, str]]:
    """(context, source, translation) of every message of the Spanish forms catalogue."""
    root = ET.parse(FORMS_TS).getroot()
    return [(ctx.findtext("name", ""), m.findtext("source", ""), m.findtext("translation", ""))
            for ctx in root.iter("context") for m in ctx.iter("message")]


@pytest.fixture(scope="module")
def spanish_forms(tmp_path_factory: pytest.TempPathFactory, qapp) -> Iterator[None]:
    """The Spanish forms catalogue compiled (as the build does) and installed for the module."""
    qm = tmp_path_factory.mktemp("qm") / "forms_es.qm"
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), "-silent", str(FORMS_TS), "-qm", str(qm)], check=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def test_every_spanish_label_keeps_a_mnemonic_where_the_english_has_one():
    lost = [(ctx, src, tr) for ctx, src, tr in _messages() if mnemonic(src) and not mnemonic(tr)]
    gained = [(ctx, src, tr) for ctx, src, tr in _messages() if tr and not mnemonic(src) and mnemonic(tr)]
    assert (lost, gained) == ([], [])


@pytest.mark.parametrize("form", FORMS, ids=lambda p: p.stem)
def test_no_spanish_form_uses_one_mnemonic_twice(qtbot, spanish_forms, form):
    base, name = re.search(r'<widget class="(\w+)" name="(\w+)">', form.read_text(encoding="utf-8")).groups()
    module = importlib.import_module(f"ln_scheduler.ui.forms.ui_{form.stem}")
    host = HOSTS[base]()
    qtbot.addWidget(host)
    getattr(module, f"Ui_{name}")().setupUi(host)
    texts = [w.text() for w in host.findChildren(QWidget) if hasattr(w, "text") and callable(w.text)]
    if form.stem == "main_window":  # the catalogue really is in use: the menus speak Spanish
        assert "&Archivo" in [a.text() for a in host.menuBar().actions()]
    elif form.stem == "site_settings_dialog":
        assert "&Motivo del cambio:" in texts
    assert clashes(host) == []


def test_site_settings_with_its_calendar_box_uses_each_spanish_mnemonic_once(qtbot, spanish_forms):
    """The publishing box sits inside the Site settings dialog: one Alt+letter space."""
    from ln_scheduler.ui.forms.ui_calendar_publishing_box import Ui_CalendarPublishingBox
    from ln_scheduler.ui.forms.ui_site_settings_dialog import Ui_SiteSettingsDialog

    dialog = QDialog()
    qtbot.addWidget(dialog)
    Ui_SiteSettingsDialog().setupUi(dialog)
    box = QWidget(dialog)
    Ui_CalendarPublishingBox().setupUi(box)
    dialog.layout().addWidget(box)
    assert clashes(dialog) == []
