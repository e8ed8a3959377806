"""The languages the application speaks and how it picks one: catalogues found on disk, the
environment read as POSIX says, dates written by CLDR rules (no hand-written month names)."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from ln_scheduler import i18n
from ln_scheduler.i18n import (
    UnknownLanguage,
    available_languages,
    language_from_environment,
    parse_language,
    participant_texts,
)
from ln_scheduler.i18n.catalogues import read_catalogue, translation


def test_english_and_every_catalogue_folder_are_the_languages_offered() -> None:
    codes = [lang.code for lang in available_languages()]
    assert codes[0] == "en"
    assert "es" in codes
    assert i18n.language("es").label == "Español (Spanish)"
    assert i18n.language("es").locale == "es_US"  # from the catalogues' Language header
    assert i18n.language("en").label == "English"


def test_a_language_is_offered_in_its_own_name_and_the_windows_language() -> None:
    """The Spanish window offered "English" and "Español (Spanish)" while its participant header
    said "textos para llevar a casa en inglés" (a walk): the second name is the reader's."""
    from ln_scheduler.i18n.interface import interface_language, use_language

    before = interface_language()
    use_language("es")
    try:
        assert i18n.language("en").label == "English (inglés)"
        assert i18n.language("es").label == "Español"
    finally:
        use_language(before)
    assert i18n.language("en").label == "English"
    assert i18n.language("es").label == "Español (Spanish)"


@pytest.mark.parametrize("typed", ["es", "ES", " es ", "es_MX", "es-US", "es_ES"])
def test_any_spelling_of_spanish_is_spanish(typed: str) -> None:
    assert parse_language(typed) == "es"


@pytest.mark.parametrize("typed", ["fr", "", "spanish", "xx_YY"])
def test_a_language_without_catalogue_is_refused_naming_the_choices(typed: str) -> None:
    with pytest.raises(UnknownLanguage) as caught:
        parse_language(typed)
    message = str(caught.value)
    assert "\n" not in message
    assert "en (English)" in message and "es (Spanish)" in message


@pytest.mark.parametrize(("environ", "expected"), [
    ({}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "POSIX"}, "en"),
    ({"LANG": "es_US.UTF-8"}, "es"),
    ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "es_MX.UTF-8"}, "es"),
    ({"LC_ALL": "en_GB.UTF-8", "LC_MESSAGES": "es_MX.UTF-8"}, "en"),  # LC_ALL wins over LC_MESSAGES
    ({"LANGUAGE": "fr:es", "LANG": "en_US.UTF-8"}, "es"),  # first of the list we have
    ({"LANGUAGE": "fr:de", "LANG": "es_ES@euro"}, "es"),  # none of the list: fall through
    ({"LN_SCHEDULER_LANGUAGE": "en", "LANG": "es_US.UTF-8"}, "en"),  # the override wins
    ({"LN_SCHEDULER_LANGUAGE": "es", "LC_ALL": "C"}, "es"),
    ({"LC_ALL": "C", "LANG": "es_US.UTF-8"}, "en"),  # LC_ALL=C: English, as gettext does
    ({"LANGUAGE": "es", "LANG": "C.UTF-8"}, "en"),  # the C locale disables LANGUAGE (GNU gettext)
    ({"LANGUAGE": "es", "LANG": "en_US.UTF-8"}, "es"),
    ({"LN_SCHEDULER_LANGUAGE": "fr", "LANG": "es_US.UTF-8"}, "es"),  # an override we cannot honour
])
def test_the_interface_language_follows_the_environment_in_posix_order(environ: dict[str, str],
                                                                       expected: str) -> None:
    assert language_from_environment(environ) == expected


def test_underscore_is_english_by_default_and_spanish_when_asked(spanish_interface: None) -> None:
    # an entry that is surely in the Spanish take-home catalogue is not in the interface one:
    # the two domains do not leak into each other
    assert i18n._("Your study visit schedule") == "Your study visit schedule"
    assert i18n.ngettext("visit", "visits", 1) == "visit"
    i18n.use_language("en")
    assert i18n._("anything at all") == "anything at all"


def test_an_empty_or_fuzzy_entry_falls_back_to_english(tmp_path, monkeypatch) -> None:
    folder = tmp_path / "es" / "take_home"
    folder.mkdir(parents=True)
    (folder / "a.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: es_US\\n"\n\n'
        'msgid "Done"\nmsgstr "Hecho"\n\n'
        'msgid "Empty"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Guess"\nmsgstr "Adivinanza"\n', encoding="utf-8")
    (folder / "b.po").write_text('msgid ""\nmsgstr ""\n"Language: es_US\\n"\n\nmsgid "Later"\nmsgstr "Después"\n',
                                 encoding="utf-8")
    monkeypatch.setattr("ln_scheduler.i18n.languages.locale_root", lambda: tmp_path)
    monkeypatch.setattr("ln_scheduler.i18n.catalogues.locale_root", lambda: tmp_path)
    i18n.languages.available_languages.cache_clear()
    translation.cache_clear()
    try:
        catalogue = read_catalogue("es", "take_home")
        assert {m.id for m in catalogue if m.id} == {"Done", "Later"}  # both files merged
        texts = participant_texts("es")
        assert texts.gettext("Done") == "Hecho"
        assert texts.gettext("Empty") == "Empty"
        assert texts.gettext("Guess") == "Guess"
    finally:
        i18n.languages.available_languages.cache_clear()
        translation.cache_clear()


@pytest.mark.parametrize(("day", "spanish", "english"), [
    (date(2027, 2, 1), "lunes, 1 de febrero de 2027", "Monday, February 1, 2027"),
    (date(2028, 2, 29), "martes, 29 de febrero de 2028", "Tuesday, February 29, 2028"),  # leap day
    (date(2027, 12, 31), "viernes, 31 de diciembre de 2027", "Friday, December 31, 2027"),
    (date(2027, 9, 1), "miércoles, 1 de septiembre de 2027", "Wednesday, September 1, 2027"),
    (date(2027, 1, 2), "sábado, 2 de enero de 2027", "Saturday, January 2, 2027"),
])
def test_long_dates_read_as_each_language_writes_them(day: date, spanish: str, english: str) -> None:
    assert participant_texts("es").long_date(day) == spanish
    assert participant_texts("en").long_date(day) == english


def test_ranges_across_a_year_end_and_clock_times_in_spanish() -> None:
    es = participant_texts("es")
    dash = "\u2009\u2013\u2009"  # CLDR: an en dash between thin spaces
    assert es.date_range(date(2027, 12, 20), date(2028, 1, 3)) == f"20 de diciembre de 2027{dash}3 de enero de 2028"
    assert es.date_range(date(2027, 7, 17), date(2027, 8, 14)) == f"17 de julio{dash}14 de agosto de 2027"
    assert es.month_day(date(2027, 8, 14)) == "14 de agosto"
    assert es.clock(time(14, 5)) == "2:05 p.m."  # a plain space, as printed schedules always had
    assert participant_texts("en").clock(time(9, 30)).replace("\u202f", " ") == "9:30 AM"


def test_an_unknown_language_is_refused_in_the_interface_language(spanish_interface) -> None:
    """The one-line refusal of ``--language fr`` (CLI, services, personal calendar) is the
    interface's sentence like every other refusal, the languages named as a Spanish reader names them."""
    with pytest.raises(i18n.UnknownLanguage) as refused:
        i18n.parse_language("fr")
    assert str(refused.value) == "idioma desconocido 'fr': elija uno de en (inglés), es (español)"


def test_an_unknown_language_is_refused_in_english_as_before() -> None:
    with pytest.raises(i18n.UnknownLanguage) as refused:
        i18n.parse_language(" fr ")
    assert str(refused.value) == "unknown language 'fr': choose one of en (English), es (Spanish)"


@pytest.mark.parametrize("code", ["en", "es"])
def test_the_staff_date_words_are_cldrs_in_every_language(code: str) -> None:
    """English is written from our own tables (no Babel at an English start), so they are held to
    Babel's en_US words; Spanish comes from Babel. Every day of a leap year and its neighbours."""
    from babel.dates import format_date, format_skeleton

    from ln_scheduler.i18n.dates import month_names, month_year, staff_day, weekday

    locale = i18n.language(code).locale
    day = date(2027, 12, 25)
    while day < date(2029, 1, 5):
        assert weekday(day, code) == format_date(day, "EEE", locale=locale)
        assert weekday(day, code, "wide") == format_date(day, "EEEE", locale=locale)
        assert month_names(code, "abbreviated")[day.month - 1] == format_date(day, "MMM", locale=locale)
        assert month_year(day, code) == format_skeleton("yMMMM", day, locale=locale)
        assert staff_day(day, code) == format_date(day, "dd-MMM-yyyy", locale=locale)
        day += timedelta(days=1)
