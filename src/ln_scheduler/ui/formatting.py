"""How dates, windows and study days read on screen: one wording everywhere in the GUI.

ISO dates with the weekday (``2027-01-26 Tue``): unambiguous for international sites and the
same spelling as the worksheets and the CLI, while the weekday answers "is that a clinic day?".
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time
from functools import lru_cache
from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from ..domain.protocol import Cohort
from ..dose_wording import name_with_dose
from ..i18n import interface_language
from ..i18n.dates import weekday as weekday_of
from ..i18n.dates import weekday_names
from ..services.records import DoseRecord, ParticipantRecord, VisitRecord
from .translate_noop import QT_TRANSLATE_NOOP

NONE_TEXT = "—"


def _tr(text: str) -> str:
    """A marked constant of this module in the window's language."""
    return QCoreApplication.translate("Formatting", text)


def weekday_name(weekday: int) -> str:
    """``Monday`` (0) ... ``Sunday`` (6), capitalized (a column header, a tooltip's first word),
    in the interface language: ``Lunes`` in Spanish."""
    name = weekday_names(interface_language(), "wide")[weekday]
    return name[:1].upper() + name[1:]


def day_text(d: date | None) -> str:
    """``2027-01-26 Tue``; ``2027-01-26 mar`` in Spanish (the abbreviation of the interface
    language: the ISO date stays, the weekday is read by the coordinator)."""
    return _day_text(d, interface_language()) if d else NONE_TEXT


@lru_cache(maxsize=8192)
def _day_text(d: date, code: str) -> str:
    """Cached: tables repaint the same few hundred dates many times a second."""
    return f"{d.isoformat()} {weekday_of(d, code)}"


def weekday_abbreviation(d: date) -> str:
    """``Tue`` / ``mar``: the weekday as :func:`day_text` writes it."""
    return day_text(d).rsplit(" ", 1)[1]


def sentence(text: str) -> str:
    """``text`` as a sentence in the window: its first letter a capital (the services' and the
    schedule rules' lines start in lower case, as the command line's ``error:`` lines do)."""
    return text[:1].upper() + text[1:]


def sentences(lines: Iterable[str]) -> str:
    """One :func:`sentence` a line (a dialog's warnings)."""
    return "\n".join(sentence(line) for line in lines)


def short_day_text(d: date | None) -> str:
    return d.isoformat() if d else NONE_TEXT


def time_text(t: time | None) -> str:
    return t.strftime("%H:%M") if t else ""


def study_day_text(day: int | None) -> str:
    """``Day 7``, ``Day -5``; there is no Day 0, and the domain never produces one."""
    return _tr(QT_TRANSLATE_NOOP("Formatting", "Day {day}")).format(day=day) if day is not None else NONE_TEXT


def window_text(visit: VisitRecord) -> str:
    """``2027-02-11 … 02-15`` (the year is not repeated within a year), ``2027-12-20 … 2028-01-03``
    across years, or ``2027-02-11 only`` for a fixed-day visit."""
    if visit.earliest is None or visit.latest is None:
        return NONE_TEXT
    if visit.earliest == visit.latest:
        return _tr(QT_TRANSLATE_NOOP("Formatting", "{date} only")).format(date=visit.earliest.isoformat())
    if visit.earliest.year == visit.latest.year:
        return f"{visit.earliest.isoformat()} … {visit.latest.strftime('%m-%d')}"
    return f"{visit.earliest.isoformat()} … {visit.latest.isoformat()}"


def window_span_text(visit: VisitRecord) -> str:
    """The window relative to the target (``-2 / +2 days``), for tooltips."""
    if visit.target is None or visit.earliest is None or visit.latest is None:
        return ""
    early = (visit.target - visit.earliest).days
    late = (visit.latest - visit.target).days
    if early == late == 0:
        return _tr(QT_TRANSLATE_NOOP("Formatting", "no window: this exact day"))
    return _tr(QT_TRANSLATE_NOOP("Formatting", "-{early} / +{late} days around the target")).format(early=early,
                                                                                                    late=late)


#: Marks of the month calendar's visit lines (text, so they survive greyscale printing and colour blindness).
BOOKED_MARK = "✓"
PROPOSED_MARK = "?"
#: Marks a dose day (a visit where a dose is given) in the month calendar and the worklist.
DOSE_MARK = "◆"
#: No-break spaces: a wrapped legend never leaves a mark at the end of a line without its word.
#: The legend of those marks (``{booked}`` ... are the marks), marked for translation.
BOOKING_LEGEND_SOURCE = QT_TRANSLATE_NOOP(
    "Formatting", "{booked}\u00a0booked · {proposed}\u00a0proposed (not booked yet) · {dose}\u00a0dose\u00a0day")


def booking_legend() -> str:
    """The legend of the booking marks in the window's language."""
    return _tr(BOOKING_LEGEND_SOURCE).format(booked=BOOKED_MARK, proposed=PROPOSED_MARK, dose=DOSE_MARK)


def visit_name_text(visit: VisitRecord) -> str:
    """The visit's name as tables show it: a dose day marked ``◆`` and carrying its dose number
    (``◆ Day 8: TAK-007 dose 2``), so the product and PK kits are not forgotten for it."""
    if visit.dose_number is None:
        return visit.label
    return f"{DOSE_MARK} {name_with_dose(visit.label, visit.dose_number)}"


def booking_word(visit: VisitRecord) -> str:
    """``Booked 09:30``, ``Booked`` or ``Proposed``: whether the date is an appointment the site
    booked or only the schedule's suggestion (which looked the same everywhere, and exported as the
    same TENTATIVE event). Empty for a visit without a date, or no longer open (done, missed,
    cancelled: its status says what happened to the appointment)."""
    if visit.booked and visit.scheduled is not None and visit.status.is_open:
        return _tr(QT_TRANSLATE_NOOP("Formatting", "Booked {time}")).format(
            time=time_text(visit.scheduled_time)).rstrip()
    return _proposed() if visit.proposed else ""


def _proposed() -> str:
    return _tr(QT_TRANSLATE_NOOP("Formatting", "Proposed"))


def booking_text(visit: VisitRecord) -> str:
    """``Booked Tue 2027-02-02 09:30`` (the weekday: is the appointment on a clinic day?),
    ``Proposed 2027-02-02``, or the bare date when neither applies (done, missed, cancelled)."""
    word = booking_word(visit)
    if not word or visit.scheduled is None:
        return day_text(visit.scheduled)
    if word == _proposed():
        return _tr(QT_TRANSLATE_NOOP("Formatting", "Proposed {date}")).format(date=visit.scheduled.isoformat())
    return _tr(QT_TRANSLATE_NOOP("Formatting", "Booked {weekday} {date} {time}")).format(
        weekday=weekday_abbreviation(visit.scheduled), date=visit.scheduled.isoformat(),
        time=time_text(visit.scheduled_time)).rstrip()


def booking_tooltip(visit: VisitRecord) -> str | None:
    if visit.booked and visit.scheduled is not None and visit.status.is_open:
        return _tr(QT_TRANSLATE_NOOP("Formatting", "Booked by the site: an appointment (CONFIRMED in calendar files)"))
    if visit.proposed:
        return _tr(QT_TRANSLATE_NOOP("Formatting", "Proposed by the schedule, not booked yet (TENTATIVE in calendar "
                                                   "files): book it to confirm it"))
    return None


def visit_flags_text(visit: VisitRecord) -> str:
    """Short warnings a coordinator must notice in a table (never colour alone)."""
    flags = []
    if visit.closed_day:
        flags.append(_tr(QT_TRANSLATE_NOOP("Formatting", "site closed that day")))
    if visit.deviation:
        flags.append(_tr(QT_TRANSLATE_NOOP("Formatting", "outside window")))
    if visit.reason:
        flags.append(visit.reason)
    return "; ".join(flags)


def parse_time_text(text: str) -> time | None:
    """``9:05``, ``09:05``, ``0905`` or ``9`` as a time of day; None when empty; ValueError with a
    message for a person when it is not a time."""
    value = text.strip().replace(".", ":")
    if not value:
        return None
    if ":" in value:
        hours, _, minutes = value.partition(":")
    elif len(value) in (3, 4):
        hours, minutes = value[:-2], value[-2:]
    else:
        hours, minutes = value, "0"
    try:
        h, m = int(hours), int(minutes)
        return time(h, m)
    except ValueError:
        raise ValueError(_tr(QT_TRANSLATE_NOOP("Formatting", "'{text}' is not a time of day: use HH:MM, e.g. 09:30"))
                         .format(text=text)) from None


def dose_state_text(dose: DoseRecord) -> str:
    """``dose 2 2027-03-16 Tue (given)``, ``dose 3 not given``, ``dose 2 2027-03-13 Sat (planned)``."""
    if dose.given is False:
        return _tr(QT_TRANSLATE_NOOP("Formatting", "dose {number} not given")).format(number=dose.number)
    when = dose.actual if dose.given else dose.planned
    if not when:
        return _tr(QT_TRANSLATE_NOOP("Formatting", "dose {number} (not planned yet)")).format(number=dose.number)
    return _tr(QT_TRANSLATE_NOOP("Formatting", "dose {number} {date} ({state})")).format(
        number=dose.number, date=day_text(when), state=dose.state_label)


def cohort_choice_text(cohort: Cohort) -> str:
    """``SSC-1B: Refractory systemic sclerosis, Part 1b (three doses)``: the code (what every list and
    file shows), the protocol's name for it, and the number of doses unless the name says it."""
    text = f"{cohort.code}: {cohort.name}" if cohort.name and cohort.name != cohort.code else cohort.code
    if "dose" not in text.lower():
        text += (_tr(QT_TRANSLATE_NOOP("Formatting", " (1 dose)")) if cohort.doses == 1 else
                 _tr(QT_TRANSLATE_NOOP("Formatting", " ({count} doses)")).format(count=cohort.doses))
    return text


def participant_caption(p: ParticipantRecord) -> str:
    """Rich-text header: who, which cohort, where in the study, and under which protocol version;
    a multi-dose cohort lists every dose with its state where a one-dose cohort says "infusion"."""
    parts = [f"<b>{escape(p.id)}</b> ({escape(p.initials)})",
             _tr(QT_TRANSLATE_NOOP("Formatting", "cohort <b>{cohort}</b>")).format(cohort=escape(p.cohort)),
             escape(p.status.label),
             _tr(QT_TRANSLATE_NOOP("Formatting", "protocol {protocol} v{version}")).format(
                 protocol=escape(p.protocol_id), version=escape(p.protocol_version))]
    if p.conditioning_start:  # one message per state: the state word agrees with its noun in Spanish
        parts.append(_tr(QT_TRANSLATE_NOOP("Formatting", "conditioning {date} (given)") if p.conditioning_start_actual
                         else QT_TRANSLATE_NOOP("Formatting", "conditioning {date} (planned)")).format(
            date=day_text(p.conditioning_start)))
    if len(p.doses) > 1:
        parts.extend(escape(dose_state_text(d)) for d in p.doses)
    elif p.infusion:
        parts.append(_tr(QT_TRANSLATE_NOOP("Formatting", "infusion {date} (given)") if p.infusion_actual
                         else QT_TRANSLATE_NOOP("Formatting", "infusion {date} (planned)")).format(
            date=day_text(p.infusion)))
    if p.withdrawal_date:
        parts.append(_tr(QT_TRANSLATE_NOOP("Formatting", "withdrawn {date}")).format(date=day_text(p.withdrawal_date)))
    return " · ".join(parts)


def visit_caption(participant_id: str, initials: str, v: VisitRecord) -> str:
    """Rich-text header of a visit dialog: participant, visit, study day, target and window."""
    text = f"<b>{escape(participant_id)}</b> ({escape(initials)}) — <b>{escape(v.label)}</b>"
    if v.study_day is not None:
        text += _tr(QT_TRANSLATE_NOOP("Formatting", ", study day {day}")).format(day=v.study_day)
    if v.target is not None:
        text += _tr(QT_TRANSLATE_NOOP("Formatting", "<br>Target {date}; window {window}")).format(
            date=day_text(v.target), window=escape(window_text(v)))
    return text


def language_caption(code: str) -> str:
    """`` · takes home texts in <b>Spanish</b>``: added to the participant header, so whoever prints
    a take-home schedule sees which language it comes out in (the name in the interface language)."""
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("ParticipantView", " · takes home texts in <b>{language}</b>").format(
        language=escape(interface_language_name(code)))


def interface_language_name(code: str) -> str:
    """The language's name in the interface language, as ``language_name`` writes it; an English
    window takes the English name from Qt's copy of the same CLDR data: the first participant
    shown as the window opens loaded Babel's locale data for it (~0.1 s on the UI thread)."""
    from PySide6.QtCore import QLocale

    from ..i18n import SOURCE_LANGUAGE
    from ..services.participant_language import language_name

    if interface_language() == SOURCE_LANGUAGE:
        known = QLocale(code).language()
        if known != QLocale.Language.C:
            return QLocale.languageToString(known)
    return language_name(code)


def home_relative(path: Path) -> str:
    """``path`` with the home folder written ``~``, as a person reads it in a message with little room
    (``~/.config/ln-scheduler/settings.toml``); whole where it is not under home."""
    home = Path.home()
    try:
        return "~/" + path.relative_to(home).as_posix() if path != home else "~"
    except ValueError:
        return str(path)
