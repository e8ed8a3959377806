"""The calendar's bytes, folded by ``exports.ical_lines`` in slices: the same bytes as icalendar's
own character-by-character folding, on any text (accents, symbols outside the BMP, backslash and
caret escapes at every position), and lines RFC 5545 clients read back whole."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar, Event
from icalendar.parser import Contentline

from ln_scheduler.exports.ical_lines import calendar_bytes, fold_line

#: Characters of one, two, three and four octets, and the two escapes icalendar keeps whole.
TEXT = st.text(alphabet=st.sampled_from(list("ab \\^;,:\"é€ñ😀日"))
               | st.characters(blacklist_characters="\r\n", blacklist_categories=("Cs",)),  # no lone surrogates
               max_size=400)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_a_line_folds_as_icalendar_folds_it(line: str) -> None:
    assert fold_line(line) == Contentline(line).to_ical()


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_each_folded_line_is_at_most_75_octets_and_unfolds_to_the_line(line: str) -> None:
    physical = fold_line(line).split(b"\r\n")
    assert all(len(p) <= 75 for p in physical)
    assert all(p.startswith(b" ") for p in physical[1:])
    assert b"".join([physical[0], *(p[1:] for p in physical[1:])]).decode("utf-8") == line


def test_an_escape_is_never_left_at_the_end_of_a_folded_line() -> None:
    for at in range(70, 78):
        line = "x" * at + "\\," + "y" * 100
        physical = fold_line(line).split(b"\r\n")
        assert not any(p.endswith(b"\\") for p in physical[:-1]), at


def test_a_whole_calendar_is_the_bytes_icalendar_writes() -> None:
    calendar = Calendar()
    calendar.add("PRODID", "-//test//EN")
    calendar.add("VERSION", "2.0")
    for n in range(20):
        event = Event()
        event.add("UID", f"{n}@example.org")
        event.add("DTSTAMP", datetime(2027, 2, 10, 15, tzinfo=UTC))
        event.add("DTSTART", date(2027, 2, 10 + n % 5))
        event.add("SUMMARY", f"104-0{n:02d} Día {n}: evaluación")
        event.add("DESCRIPTION", "Procedimientos:\n" + "\n".join(
            f"- Examen físico, análisis; orina\\proteína^{k} {'€' * (n % 4)}" for k in range(n)))
        event.add("CATEGORIES", ["Seguimiento", "Visita; con punto y coma"])
        calendar.add_component(event)
    assert calendar_bytes(calendar) == calendar.to_ical()
