"""Plain language, measured: every take-home text (the catalogue's marked strings and the
protocols' participant texts, in English and in each shipped translation) at or below about an
8th-grade reading level.

Thresholds, and why:
- English: Flesch-Kincaid grade of all the texts together <= 8.0 (the US 8th grade, the level
  health-literacy guidance asks of patient material); each text of six words or more <= 10.0. A
  text is allowed a little more than the whole because a one-line list of named procedures
  ("Screening: consent, medical history, physical exam...") scores on its long nouns, and those are
  the words the study team says aloud at the visit.
- Spanish: Fernández-Huerta >= 70 for all texts together and for each text of six words or more
  (70-80 is "bastante fácil", about a 7th-grade reader), and Szigriszt-Pazos (INFLESZ) >= 65 for all
  together (INFLESZ 65-80: "bastante fácil").
Placeholders are filled with short sample values and markup dropped before measuring. Syllables
are counted by textstat's pyphen fallback (its CMU dictionary would be downloaded at run time; the
tests never use the network), so English grades are pyphen's, within a few tenths of the CMU ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import textstat
import textstat.backend.counts._count_syllables as syllables

from ln_scheduler.domain.protocol_loader import participant_translations, shipped_protocols
from ln_scheduler.i18n import SOURCE_LANGUAGE, available_languages, participant_texts
from tests.support.catalogues import TAKE_HOME_KEYWORDS, marked_strings

SAMPLES = {"count": "3", "days": "7", "number": "2", "total": "4", "ordinal": "second", "time": "9:30"}
MIN_WORDS = 6


@pytest.fixture(autouse=True)
def _offline_syllables(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(syllables, "get_cmudict", lambda lang: None)
    yield
    textstat.set_lang("en")


def _plain(text: str) -> str:
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"\{(\w+)\}", lambda m: SAMPLES.get(m.group(1), "Ana"), text)


def take_home_texts(code: str) -> list[str]:
    """Every take-home text in language ``code``: the catalogue's and the protocols' (all cohorts,
    every shipped version; the registered study title left out: it is a name, printed so the sheet
    matches the consent form)."""
    texts = participant_texts(code)
    found = [texts.pgettext(m.context, m.message) if m.context else texts.gettext(m.message)
             for m in marked_strings(TAKE_HOME_KEYWORDS)]
    for protocol in shipped_protocols():
        translations = participant_translations(protocol)
        for cohort in protocol.cohorts:
            for text in protocol.for_cohort(cohort.code).participant_texts():
                if text != protocol.title:
                    found.append(text if code == SOURCE_LANGUAGE else translations.get(code, text))
    return sorted({_plain(t) for t in found})


def _long(texts: list[str]) -> list[str]:
    return [t for t in texts if len(t.split()) >= MIN_WORDS]


def test_english_take_home_texts_read_at_about_8th_grade():
    textstat.set_lang("en")
    texts = take_home_texts(SOURCE_LANGUAGE)
    assert textstat.flesch_kincaid_grade(" ".join(texts)) <= 8.0
    hard = {t: textstat.flesch_kincaid_grade(t) for t in _long(texts)}
    assert {t: g for t, g in hard.items() if g > 10.0} == {}


@pytest.mark.parametrize("code", [lang.code for lang in available_languages() if lang.code == "es"])
def test_spanish_take_home_texts_are_bastante_facil(code):
    textstat.set_lang(code)
    texts = take_home_texts(code)
    assert textstat.fernandez_huerta(" ".join(texts)) >= 70
    assert textstat.szigriszt_pazos(" ".join(texts)) >= 65
    hard = {t: textstat.fernandez_huerta(t) for t in _long(texts)}
    assert {t: s for t, s in hard.items() if s < 70} == {}


def test_the_measure_tells_hard_from_plain():
    """Guards the guard: a sentence of clinical jargon fails where the plain one passes."""
    textstat.set_lang("es")
    jargon = ("Evaluación de toxicidad limitante de dosis con determinación farmacocinética "
              "de la expansión celular posterior a la administración intravenosa.")
    assert textstat.fernandez_huerta(jargon) < 70
    assert textstat.fernandez_huerta("Le pediremos una muestra de orina.") >= 70
