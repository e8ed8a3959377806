"""The participant's personal calendar (.ics for their phone): coming visits only, in plain words in
their language, the clinic's name and phone, reminders a phone shows; nothing that identifies the
participant or speaks the site's codes; the same opaque UIDs on every export so a re-import updates
(a dose not given turns the event CANCELLED). Read back by icalendar and libical here; by khal and
calcurse in test_personal_calendar_clients.py."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import icalendar
import pytest

from ln_scheduler.domain.protocol_loader import load_default_protocol, newest_shipped_protocol
from ln_scheduler.domain.visit_status import VisitStatus
from ln_scheduler.exports import ExportError
from ln_scheduler.exports.personal_calendar import (
    build_personal_calendar,
    personal_uid,
    write_personal_calendar,
)
from ln_scheduler.i18n import participant_texts
from ln_scheduler.services.records import ParticipantRecord
from tests.support.sample_records import SITE, sample_participant, with_visit

from .helpers import INITIALS, NOTE, NOW, participant
from .libical_check import libical_problems

PHONE_SITE = replace(SITE, name="Clínica Peña del Riñón", phone="+1 312 555 0100")
TEXT_PROPERTIES = ("SUMMARY", "DESCRIPTION", "LOCATION")
DOSE_2 = date(2027, 3, 13)
UUID5 = r"[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"
SSC_NOW = datetime(2027, 3, 13, 15, tzinfo=UTC)


def personal(record: ParticipantRecord, language: str = "en", *, now: datetime = NOW, site=PHONE_SITE,
             protocol=None, **options) -> bytes:
    return build_personal_calendar(record, protocol or load_default_protocol(), site, language=language,
                                   now=now, **options)


def events(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def by_title(data: bytes) -> dict[str, icalendar.Event]:
    found = {str(e["SUMMARY"]): e for e in events(data)}
    assert len(found) == len(events(data)), "two events share a title"
    return found


def triggers(event: icalendar.Event) -> list[timedelta]:
    return [a["TRIGGER"].dt for a in event.walk("VALARM")]


@pytest.fixture(scope="module")
def ln() -> ParticipantRecord:
    """Screening done; Day 7 booked at 9:30, Day 21 booked for the day, Month 3 booked at 14:00;
    the rest proposed (helpers.participant)."""
    return participant()


@pytest.fixture(scope="module")
def ssc1b() -> ParticipantRecord:
    """SSC-1B on dose 2's day (Sat 2027-03-13, given, its visit not recorded yet): dose 3 recorded
    not given, its visits cancelled."""
    return sample_participant(pid="104-007", initials=INITIALS, conditioning_start=date(2027, 3, 1),
                              infusion_actual=date(2027, 3, 6), doses={2: DOSE_2}, not_given_from=3,
                              today=DOSE_2,
                              protocol=newest_shipped_protocol(), cohort="SSC-1B", site=SITE)


def test_english_events_are_the_coming_visits_in_plain_words(ln):
    data = personal(ln)
    titles = by_title(data)
    coming = [v for v in ln.visits if v.status.is_open and v.scheduled is not None]
    assert len(titles) == len(coming)  # screening (done) and the undated visits are left out
    assert {"Chemotherapy: day 1 of 3", "Chemotherapy: day 3 of 3", "Infusion day", "Study visit: Day 7",
            "Study visit: Month 3", "Study visit: Month 24 / End of study"} <= set(titles)
    assert "Study visit: screening" not in titles
    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["X-WR-CALNAME"]) == "My study visits"
    d1 = str(titles["Infusion day"]["DESCRIPTION"])
    assert d1.startswith("Planned for Sunday, January 31, 2027. This date is not confirmed yet")
    assert "TAK-007 cell infusion" in d1  # what to expect, from the protocol
    assert "We will ask you for a urine sample." in d1
    m3 = str(titles["Study visit: Month 3"]["DESCRIPTION"])  # its description asks for it: once
    assert m3.count("urine sample") == 1 and "blood tests and a urine sample." in m3
    assert "Clinic: Clínica Peña del Riñón\nStudy team phone: +1 312 555 0100" in d1
    assert str(titles["Infusion day"]["LOCATION"]) == "Clínica Peña del Riñón"
    assert libical_problems(data) == []


def test_a_booked_time_is_a_timed_event_in_the_site_zone_with_two_reminders(ln):
    titles = by_title(personal(ln))
    d7, d21, d14 = titles["Study visit: Day 7"], titles["Study visit: Day 21"], titles["Study visit: Day 14"]
    assert d7["DTSTART"].dt == datetime(2027, 2, 5, 9, 30, tzinfo=d7["DTSTART"].dt.tzinfo)
    assert str(d7["DTSTART"].params["TZID"]) == "America/Chicago"
    assert str(d7["STATUS"]) == "CONFIRMED"
    nine_thirty = participant_texts("en").clock(time(9, 30))
    assert str(d7["DESCRIPTION"]).startswith(f"Your appointment: Friday, February 5, 2027, {nine_thirty}\n")
    assert triggers(d7) == [timedelta(days=-1), timedelta(hours=-2)]
    assert [str(a["DESCRIPTION"]) for a in d7.walk("VALARM")] == ["Tomorrow: Study visit: Day 7",
                                                                   "In 2 hours: Study visit: Day 7"]
    # booked for the day, no time: all-day, one reminder at 9:00 the day before (15 h before midnight)
    assert d21["DTSTART"].dt == date(2027, 2, 19) and d21["DTEND"].dt == date(2027, 2, 20)
    assert str(d21["STATUS"]) == "CONFIRMED" and triggers(d21) == [timedelta(hours=-15)]
    assert "The study team will tell you the time." in str(d21["DESCRIPTION"])
    assert str(d14["STATUS"]) == "TENTATIVE" and triggers(d14) == [timedelta(hours=-15)]  # proposed only


def test_spanish_events_dates_and_calendar_name(ln):
    data = personal(ln, "es")
    titles = by_title(data)
    assert {"Quimioterapia: día 1 de 3", "Día de la infusión", "Visita del estudio: Día 7",
            "Visita del estudio: Mes 3", "Visita del estudio: Mes 24 / Fin del estudio"} <= set(titles)
    assert str(icalendar.Calendar.from_ical(data)["X-WR-CALNAME"]) == "Mis visitas del estudio"
    d7 = titles["Visita del estudio: Día 7"]
    description = str(d7["DESCRIPTION"])
    assert description.startswith("Su cita: viernes, 5 de febrero de 2027, 9:30")
    assert "Clínica: Clínica Peña del Riñón\nTeléfono del equipo del estudio: +1 312 555 0100" in description
    assert "Si no puede venir, llame al equipo del estudio lo antes posible." in description
    assert [str(a["DESCRIPTION"]) for a in d7.walk("VALARM")] == ["Mañana: Visita del estudio: Día 7",
                                                                   "En 2 horas: Visita del estudio: Día 7"]
    d1 = str(titles["Día de la infusión"]["DESCRIPTION"])
    assert d1.startswith("Fecha prevista: domingo, 31 de enero de 2027. Esta fecha todavía no está confirmada")
    assert "Le pediremos una muestra de orina." in d1
    assert "la infusión de células TAK-007" in d1  # what to expect, as the protocol file translates it
    for event in events(data):  # no English sentence of ours in a Spanish calendar
        text = str(event["SUMMARY"]) + str(event["DESCRIPTION"])
        assert not re.search(r"\b(Study|visit|Planned|Clinic|phone|Your|Tomorrow|the)\b", text), text


def test_multi_dose_participant_dose_days_named_and_a_dose_not_given_sent_cancelled(ssc1b):
    protocol = newest_shipped_protocol()
    data = personal(ssc1b, "es", now=SSC_NOW, protocol=protocol)
    titles = by_title(data)
    second, third = titles["Segunda dosis del tratamiento"], titles["Tercera dosis del tratamiento"]
    assert second["DTSTART"].dt == ssc1b.visit("D8").scheduled and str(second["STATUS"]) == "TENTATIVE"
    assert str(third["STATUS"]) == "CANCELLED"  # dose 3 not given: a phone that had it drops it
    assert str(third["DESCRIPTION"]).startswith("La visita del ")
    assert list(third.walk("VALARM")) == []  # no reminder for a cancelled visit
    # study days as the protocol names the visits (Day 9 follows dose 2), not the first dose's Day 1
    assert "Visita del estudio: Día 9" in titles and "Visita del estudio: Día 43" in titles
    assert "Primera dosis del tratamiento" not in titles  # dose 1 is done
    english = by_title(personal(ssc1b, now=SSC_NOW, protocol=protocol))
    assert "Second treatment dose" in english and "Third treatment dose" in english


def test_a_dose_not_given_later_turns_the_same_event_cancelled_on_re_import(ssc1b):
    protocol = newest_shipped_protocol()
    now = SSC_NOW
    before = sample_participant(pid="104-007", initials=INITIALS, conditioning_start=date(2027, 3, 1),
                                infusion_actual=date(2027, 3, 6), today=DOSE_2, protocol=protocol,
                                cohort="SSC-1B", site=SITE)
    first = {str(e["UID"]): e for e in events(personal(before, now=now, protocol=protocol))}
    second = {str(e["UID"]): e for e in events(personal(ssc1b, now=now, protocol=protocol))}
    uid = personal_uid(ssc1b.visit("D15"))
    assert str(first[uid]["STATUS"]) == "TENTATIVE" and str(second[uid]["STATUS"]) == "CANCELLED"
    assert set(first) == set(second)  # the same events, updated in place
    assert personal_uid(before.visit("D15")) == uid  # stable per visit
    site_uids = {v.uid for v in ssc1b.visits}
    assert not set(second) & site_uids  # never the site calendar's UIDs


def test_a_withdrawn_participant_has_no_coming_event_only_cancellations(ln):
    withdrawn = replace(ln, visits=tuple(
        replace(v, status=VisitStatus.CANCELLED, sequence=v.sequence + 1) if v.status.is_open else v
        for v in ln.visits))
    data = personal(withdrawn)
    assert {str(e["STATUS"]) for e in events(data)} == {"CANCELLED"}
    assert all(not list(e.walk("VALARM")) for e in events(data))


def test_cancelled_visits_already_past_are_left_out_and_write_counts_the_coming_ones(ln, tmp_path):
    later = NOW + timedelta(days=30)  # 2027-02-19: LD1..D14 are past
    moved = with_visit(ln, "D10", status=VisitStatus.CANCELLED)  # cancelled, 2027-02-08: already past
    moved = with_visit(moved, "M4", status=VisitStatus.CANCELLED)  # cancelled, still ahead
    uids = {str(e["UID"]) for e in events(personal(moved, now=later))}
    assert personal_uid(moved.visit("D10")) not in uids
    assert personal_uid(moved.visit("M4")) in uids
    out = tmp_path / "study-visits.ics"
    count = write_personal_calendar(out, moved, load_default_protocol(), PHONE_SITE, language="es", now=later)
    coming = [e for e in events(out.read_bytes()) if str(e["STATUS"]) != "CANCELLED"]
    assert count == len(coming) > 0
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600  # like every file the app writes


@pytest.mark.parametrize("language", ["en", "es"])
def test_nothing_identifies_the_participant_or_speaks_a_site_code(ln, ssc1b, language):
    protocol = newest_shipped_protocol()
    ln_noted = with_visit(ln, "M3", reason=NOTE)
    codes = {v.code for cohort in protocol.cohorts for v in protocol.for_cohort(cohort.code).visits}
    codes |= {c for cohort in protocol.cohorts for c in protocol.for_cohort(cohort.code).procedures}
    codes |= {cohort.code for cohort in protocol.cohorts} | {"X2", "X3", "LAST", "C1"}
    for record, proto in ((ln_noted, load_default_protocol()), (ssc1b, protocol)):
        data = personal(record, language, protocol=proto)
        for needle in (record.id, INITIALS, "Jane", protocol.registry, "SSc", "lupus"):
            assert needle.encode() not in data, needle
        for event in events(data):
            texts = [str(event[p]) for p in TEXT_PROPERTIES] + [str(a["DESCRIPTION"]) for a in event.walk("VALARM")]
            for text in texts:
                spoken = [c for c in codes if re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])", text)]
                assert spoken == [], (spoken, text)
            assert re.fullmatch(UUID5, str(event["UID"]))  # opaque: nothing of the ID or the visit
            assert "CATEGORIES" not in event  # the site's visit kinds, in English


def test_a_visit_other_than_a_follow_up_keeps_its_translated_plain_name():
    fresh = sample_participant(today=date(2027, 1, 10))  # screening still to come
    assert "Visita de selección" in by_title(personal(fresh, "es"))
    assert "Screening" in by_title(personal(fresh))


def test_month_end_and_leap_day_bookings(ln):
    leap = with_visit(ln, "M12", scheduled=date(2028, 2, 29), booked=True, scheduled_time=time(8, 0))
    leap = with_visit(leap, "M2", scheduled=date(2027, 3, 31), booked=True)
    titles = by_title(personal(leap, "es"))
    m12, m2 = titles["Visita del estudio: Mes 12"], titles["Visita del estudio: Mes 2"]
    assert m12["DTSTART"].dt.date() == date(2028, 2, 29)
    assert str(m12["DESCRIPTION"]).startswith("Su cita: martes, 29 de febrero de 2028, 8:00")
    assert (m2["DTSTART"].dt, m2["DTEND"].dt) == (date(2027, 3, 31), date(2027, 4, 1))
    assert str(m2["DESCRIPTION"]).startswith("Su visita: miércoles, 31 de marzo de 2027.")


def test_no_reminders_when_asked_and_a_wrong_protocol_clock_or_language_is_refused(ln):
    assert all(not list(e.walk("VALARM")) for e in events(personal(ln, reminders=False)))
    with pytest.raises(ExportError, match="the export time must carry a time zone"):
        personal(ln, now=datetime(2027, 1, 20, 15))
    with pytest.raises(ExportError, match="unknown language 'fr': choose one of en"):
        personal(ln, "fr")
    with pytest.raises(ExportError, match="follows protocol"):
        personal(ln, protocol=replace(load_default_protocol(), version="9.9"))


def test_the_same_records_and_clock_give_the_same_bytes(ln):
    assert personal(ln, "es") == personal(ln, "es")
