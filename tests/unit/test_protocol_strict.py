"""A protocol file is read strictly: a table or key the loader does not know, a value of the wrong
type and an impossible value are refused with the file, the visit and the field named. Lenient
reading dropped a visit written ``[[visit]]`` (Month 24) without a word."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from ln_scheduler.domain.errors import ProtocolError
from ln_scheduler.domain.protocol_loader import SHIPPED_PROTOCOLS, load_default_protocol, load_protocol, parse_protocol

#: Version 1.0, the file with no cohorts (tests/unit/test_protocol_v2.py holds version 2.0's).
SHIPPED = resources.files("ln_scheduler.resources.protocols").joinpath(SHIPPED_PROTOCOLS[0]).read_text("utf-8")


def _block(code: str) -> str:
    match = re.search(rf'\[\[visits\]\]\ncode = "{code}"\n.*?(?=\n\[\[|\n\[procedures\])', SHIPPED, re.S)
    assert match
    return match.group(0)


def _edited(code: str, old: str, new: str) -> str:
    block = _block(code)
    assert old in block
    return SHIPPED.replace(block, block.replace(old, new, 1))


def _refusal(tmp_path: Path, text: str) -> str:
    path = tmp_path / "amended.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProtocolError) as refused:
        load_protocol(path)
    message = str(refused.value)
    assert message.startswith(str(path)), message
    return message


def test_the_shipped_protocol_still_loads_strictly():
    assert len(load_default_protocol().visits) == 25


def test_a_visit_written_as_visit_instead_of_visits_is_refused_not_dropped(tmp_path):
    text = _edited("M24", '[[visits]]\ncode = "M24"', '[[visit]]\ncode = "M24"')
    message = _refusal(tmp_path, text)
    assert "visit M24, field 'visit': unknown table [[visit]] (did you mean 'visits'?)" in message
    assert "visit M24 in it would be ignored" in message


@pytest.mark.parametrize(
    ("code", "old", "new", "where"),
    [
        ("M6", "late = 14", "late = 14\nlatest = 20", "visit M6, field 'latest': unknown key (did you mean 'late'?)"),
        ("D7", "early = ", "erly = 1\nearly = ", "visit D7, field 'erly': unknown key (did you mean 'early'?)"),
        ("M12", "expect = ", "expect = -3661\n# ", "visit M12, field 'expect': must be text in quotes, not '-3661'"),
        ("M3", "early = 7", "early = 400", "visit M3, field 'early': 400 is beyond the sensible limit of 366"),
        ("M3", "late = 7", "late = -1", "visit M3, field 'late': -1 is below the minimum 0"),
        ("SCR", "offset_days = -7", "offset_days = -3661",
         "visit SCR, field 'offset_days': -3661 is below the minimum -365"),
        ("LD3", "offset_days = 2", "offset_days = 9", "visit LD3, field 'offset_days': 9 puts a C1 visit on or after"),
        ("M9", "urine = true", 'urine = "yes"', "visit M9, field 'urine': must be true or false"),
    ],
)
def test_wrong_keys_types_and_impossible_values_are_refused(tmp_path, code, old, new, where):
    assert where in _refusal(tmp_path, _edited(code, old, new))


def test_unknown_keys_in_the_header_conditioning_and_timed_samples_are_refused(tmp_path):
    header = SHIPPED.replace('registry = "NCT06377228"', 'registry = "NCT06377228"\nregistery = "x"', 1)
    assert "field 'protocol.registery': unknown key (did you mean 'registry'?)" in _refusal(tmp_path, header)
    cond = SHIPPED.replace("min_gap_days = 2", "min_gap_days = 2\nmin_gap = 3", 1)
    assert "field 'conditioning.min_gap': unknown key (did you mean 'min_gap_days'?)" in _refusal(tmp_path, cond)
    sample = SHIPPED.replace("[[timed_samples]]\n", "[[timed_samples]]\noffset_minute = 5\n", 1)
    assert "timed sample #1, field 'offset_minute': unknown key" in _refusal(tmp_path, sample)
    absurd = SHIPPED.replace("planned_infusion_offset_days = 5", "planned_infusion_offset_days = 500", 1)
    assert "field 'planned_infusion_offset_days': 500 is beyond the sensible limit of 60" in _refusal(tmp_path,
                                                                                                       absurd)
    title = SHIPPED.replace('registry = "NCT06377228"', "registry = 6377228", 1)
    assert "field 'protocol.registry': must be text in quotes" in _refusal(tmp_path, title)


def test_duplicate_codes_are_refused(tmp_path):
    text = _edited("M21", 'code = "M21"', 'code = "M18"')
    assert "visit M18, field 'code': duplicate visit code" in _refusal(tmp_path, text)


def test_a_text_stored_by_an_earlier_lenient_version_still_reads_back():
    text = _edited("M24", '[[visits]]\ncode = "M24"', '[[visit]]\ncode = "M24"')
    protocol = parse_protocol(text.encode(), source="stored", strict=False)
    assert "M24" not in [v.code for v in protocol.visits]
