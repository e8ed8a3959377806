"""Protocol files carry translations of what a participant reads ([translations.<lang>]): the loader
refuses an incomplete language naming file, field, language and the text; translations change no
calendar; version 1.0 stays byte for byte what databases stored and reads Spanish from 2.0."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from ln_scheduler.domain.errors import ProtocolError
from ln_scheduler.domain.protocol_loader import (
    SHIPPED_PROTOCOLS,
    parse_protocol,
    participant_translations,
    shipped_protocol_text,
    shipped_protocols,
)
from tests.support.amended_protocol import amended_text

V2 = shipped_protocol_text(SHIPPED_PROTOCOLS[-1])
RELEASE_0004 = Path(__file__).resolve().parents[1] / "support" / "release_0004" / "database.json"


def _refusal(text: str) -> str:
    with pytest.raises(ProtocolError) as info:
        parse_protocol(text.encode("utf-8"), source="edited.toml")
    return str(info.value)


def test_every_participant_text_of_every_cohort_has_spanish():
    v2 = shipped_protocols()[-1]
    assert v2.translations.languages == ("es",)
    for cohort in v2.cohorts:
        view = v2.for_cohort(cohort.code)
        for text in view.participant_texts():
            assert view.translations.text("es", text), (cohort.code, text)
    assert v2.for_cohort("SSC-1B").translations.get("es", "Day 43") == "Día 43"


def test_a_missing_translation_is_refused_naming_file_field_language_and_text():
    text = V2.replace('"Day 43" = "Día 43"\n', "")
    assert _refusal(text) == ("edited.toml, field 'translations.es': language es has no translation of 'Day 43' "
                              "(the plain name of visit D43 in cohort SSC-1B)")
    edited = V2.replace('expect = "Extra visit arranged by the study team."',
                        'expect = "Extra visit the study team sets up."', 1)
    assert "language es has no translation of 'Extra visit the study team sets up.' (the take-home note of " \
           "visit UNS in cohort LN)" in _refusal(edited)


@pytest.mark.parametrize(("old", "new", "message"), [
    ('"Day 43" = "Día 43"', '"Day 43" = "  "', "field 'translations.es': language es: the translation of 'Day 43' "
     "is missing or empty"),
    ("\n[translations.es]\n", "\n[translations.EN]\n",
     "field 'translations.EN': 'EN' is not a language to translate into"),
    ("\n[translations.es]\n", "\n[translations.en]\n",
     "field 'translations.en': 'en' is not a language to translate into"),
])
def test_a_malformed_translation_table_is_refused(old, new, message):
    assert message in _refusal(V2.replace(old, new, 1))


def test_a_third_language_is_data_only():
    table = V2[V2.index("\n[translations.es]\n"):]
    other = table.replace("[translations.es]", "[translations.pt]")
    protocol = parse_protocol((V2 + "\n" + other).encode("utf-8"), source="three.toml")
    assert protocol.translations.languages == ("es", "pt")


def test_translations_change_no_calendar():
    bare = V2[:V2.index("# Spanish (plain")]
    with_es, without = parse_protocol(V2.encode("utf-8")), parse_protocol(bare.encode("utf-8"))
    assert without.translations.languages == ()
    for cohort in with_es.cohorts:
        assert with_es.for_cohort(cohort.code) == without.for_cohort(cohort.code)
        assert with_es.for_cohort(cohort.code).visits == without.for_cohort(cohort.code).visits


def test_version_1_0_is_kept_byte_for_byte_as_databases_stored_it():
    """Databases store the 1.0 text with its SHA-256 (release 0004's fixture has it): 1.0 is
    not edited; its participants read Spanish from 2.0's table, for the very same English texts."""
    stored = [p for p in json.loads(RELEASE_0004.read_text(encoding="utf-8"))["protocols"]
              if p["protocol_version"] == "1.0"]
    text = shipped_protocol_text(SHIPPED_PROTOCOLS[0])
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == stored[0]["sha256"]
    v1 = shipped_protocols()[0]
    assert v1.translations.languages == ()
    spanish = participant_translations(v1)
    assert [t for t in v1.participant_texts() if spanish.text("es", t) is None] == []


def test_an_amended_copy_without_translations_reads_spanish_for_the_texts_it_shares():
    amended = parse_protocol(amended_text("1.1").encode("utf-8"), source="amended.toml")
    spanish = participant_translations(amended)
    assert spanish.get("es", "Month 2") == "Mes 2"
    assert spanish.get("es", "Week 6") == "Week 6"  # its own new visit: English until its file translates it
