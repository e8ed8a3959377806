"""A broken protocol file is refused with the file, the visit and the field named."""

import re
from importlib import resources

import pytest

from ln_scheduler.domain.errors import ProtocolError
from ln_scheduler.domain.protocol import Anchor, VisitKind
from ln_scheduler.domain.protocol_loader import SHIPPED_PROTOCOLS, load_protocol, shipped_protocols

#: Version 1.0, the file with no cohorts (tests/unit/test_protocol_v2.py holds version 2.0's).
SHIPPED = resources.files("ln_scheduler.resources.protocols").joinpath(SHIPPED_PROTOCOLS[0]).read_text("utf-8")


def test_shipped_protocol_encodes_the_schedule_of_assessments():
    p = shipped_protocols()[0]
    assert (p.id, p.version) == ("TAK007-LN-1001", "1.0")
    codes = [v.code for v in p.visits]
    assert codes == ["SCR", "LD1", "LD2", "LD3", "D1", "D2", "D3", "D4", "D7", "D10", "D14", "D21", "D30",
                     "M2", "M3", "M4", "M6", "M9", "M12", "M15", "M18", "M21", "M24", "UNS", "ET"]
    assert p.visit("D30").early == 0 and p.visit("D30").late == 3
    assert p.visit("M15").months == 15 and p.visit("M15").early == 30
    assert p.visit("SCR").offset_days == -7 and p.visit("SCR").anchor is Anchor.C1
    assert p.visit("UNS").repeatable and p.visit("UNS").procedures == ("VS", "CONMED", "AE")
    assert p.visit("ET").procedures == p.visit("M24").procedures and p.visit("ET").late == 30
    assert p.visit("D1").kind is VisitKind.INFUSION and "INFUSE" in p.visit("D1").procedures
    assert len(p.procedures) == 35 and p.procedure_name("INFUSE").startswith("TAK-007 infusion")
    assert [s.label for s in p.samples_for("D1")] == ["Predose", "EOI + 15 min", "EOI + 1 h", "EOI + 4 h"]
    assert [s.label for s in p.samples_for("D1") if "CYTO" in s.procedures] == ["Predose", "EOI + 4 h"]
    assert p.conditioning.min_gap_days == 2 and p.conditioning.delay_warning_days == 7


def _write(tmp_path, text):
    path = tmp_path / "amended.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _visit_block(code):
    """The text of one [[visits]] block of the shipped file."""
    match = re.search(rf'\[\[visits\]\]\ncode = "{code}"\n.*?(?=\n\[\[|\n\[procedures\])', SHIPPED, re.S)
    assert match
    return match.group(0)


@pytest.mark.parametrize(
    ("visit", "old", "new", "field", "message"),
    [
        ("D7", '"PK", "CYTO", "BCELL"]', '"PK", "CYTOKINE", "BCELL"]', "procedures",
         "unknown procedure code 'CYTOKINE'"),
        ("D10", 'code = "D10"', 'code = "D7"', "code", "duplicate visit code"),
        ("M2", "early = 7", "early = -7", "early", "below the minimum 0"),
        ("M3", 'anchor = "D1"', 'anchor = "D2"', "anchor", "unknown anchor 'D2'"),
        ("M6", "late = 14", "late = 200", "late", "swallows the target of visit M9"),
        ("D14", "day = 14", 'day = "fourteen"', "day", "'fourteen' is not a whole number"),
        ("M9", "early = 14", "early = 1.5", "early", "'1.5' is not a whole number"),
        ("M12", "months = 12", "months = 999999999", "months", "beyond the sensible limit of 120"),
        ("D21", "day = 21", "day = 9223372036854775807", "day", "beyond the sensible limit"),
        ("D4", '"CRS", "PK", "CYTO"]', '"CRS", "PK", "PK"]', "procedures", "procedure 'PK' is listed twice"),
    ],
)
def test_broken_visit_is_refused_naming_file_visit_and_field(tmp_path, visit, old, new, field, message):
    block = _visit_block(visit)
    assert old in block
    path = _write(tmp_path, SHIPPED.replace(block, block.replace(old, new, 1)))
    with pytest.raises(ProtocolError) as err:
        load_protocol(path)
    text = str(err.value)
    reported_visit = "D7" if field == "code" else visit
    assert str(path) in text and f"visit {reported_visit}" in text and f"field '{field}'" in text
    assert message in text


def test_not_toml_at_all(tmp_path):
    with pytest.raises(ProtocolError, match=r"amended.toml: not valid TOML"):
        load_protocol(_write(tmp_path, "[protocol\nid = 1"))


def test_missing_file():
    with pytest.raises(ProtocolError, match="cannot read the protocol file"):
        load_protocol("/nonexistent/protocol.toml")


def test_a_visit_with_both_day_and_months_is_refused(tmp_path):
    block = _visit_block("M4")
    path = _write(tmp_path, SHIPPED.replace(block, block.replace("months = 4", "months = 4\nday = 120")))
    with pytest.raises(ProtocolError, match="visit M4, field 'day': a D1 visit takes exactly one"):
        load_protocol(path)


def test_amended_protocol_loads_with_its_own_version(tmp_path):
    amended = SHIPPED.replace('version = "1.0"', 'version = "1.1"', 1)
    block = _visit_block("M15")
    amended = amended.replace(block, block.replace("early = 30", "early = 21"))
    p = load_protocol(_write(tmp_path, amended))
    assert p.version == "1.1" and p.visit("M15").early == 21


def test_a_lower_case_visit_code_is_refused(tmp_path):
    block = _visit_block("D10")
    path = _write(tmp_path, SHIPPED.replace(block, block.replace('code = "D10"', 'code = "d10"')))
    with pytest.raises(ProtocolError, match=r"visit d10, field 'code': a visit code is 1-10 capital letters"):
        load_protocol(path)


def test_timed_samples_that_are_not_tables_are_refused(tmp_path):
    start, end = SHIPPED.index("\n[[timed_samples]]"), SHIPPED.index("\n[procedures]\n")
    broken = "timed_samples = [1]\n" + SHIPPED[:start] + SHIPPED[end:]
    with pytest.raises(ProtocolError, match=r"field 'timed_samples': must be a list of \[\[timed_samples\]\] tables"):
        load_protocol(_write(tmp_path, broken))
