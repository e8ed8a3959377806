"""Participant › "Personal calendar for the participant's phone…", beside the take-home schedule (menu and
the take-home button): the participant's own .ics saved where the coordinator chooses, under a neutral
suggested name, in the participant's language, private, with no ID or initials in it."""

from __future__ import annotations

import os
import stat
from dataclasses import replace

import icalendar

from .test_workflows import enrolled_in_follow_up, select_participant


def titles(data: bytes) -> list[str]:
    return [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(data).walk("VEVENT")]


def test_the_take_home_button_saves_the_personal_calendar_under_a_neutral_name(qtbot, window, services, prompter,
                                                                                tmp_path):
    enrolled_in_follow_up(services)
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    action = window.ui.action_personal_calendar
    assert action in window.participants.ui.take_home_button.menu().actions()
    assert action in window.ui.menu_participant.actions() and action.isEnabled()
    prompter.save_path = tmp_path / "for-phone"  # no suffix typed: .ics is added
    action.trigger()
    saved = tmp_path / "for-phone.ics"
    data = saved.read_bytes()
    assert prompter.saves[-1][1].name == "study-visits.ics"  # the file leaves the site: no ID in its name
    assert "Study visit: Day 14" in titles(data)  # coming (the test clock is 2027-02-10)
    assert "Study visit: Day 7" not in titles(data) and "Infusion day" not in titles(data)  # past
    assert b"104-001" not in data and b"JQD" not in data
    if os.name == "posix":
        assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    bar = window.statusBar()
    assert str(saved) in (bar.toolTip() or bar.currentMessage())  # whole, or shortened and whole on hover
    assert prompter.errors == []


def test_the_calendar_is_in_the_participant_s_language(qtbot, window, services, prompter, tmp_path, monkeypatch):
    enrolled_in_follow_up(services)
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    read = services.participant
    monkeypatch.setattr(services, "participant", lambda pid, **kw: replace(read(pid, **kw), language="es"))
    prompter.save_path = tmp_path / "visitas.ics"
    window.ui.action_personal_calendar.trigger()
    data = prompter.save_path.read_bytes()
    assert "Visita del estudio: Día 14" in titles(data)
    assert "Mis visitas del estudio" in data.decode("utf-8")
    assert "Español (Spanish)" in window.statusBar().currentMessage()


def test_cancelling_the_file_dialog_writes_nothing(qtbot, window, services, prompter, tmp_path):
    enrolled_in_follow_up(services)
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    prompter.save_path = None
    window.ui.action_personal_calendar.trigger()
    assert list(tmp_path.glob("*.ics")) == [] and prompter.errors == []
