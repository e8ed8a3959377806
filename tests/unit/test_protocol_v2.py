"""Version 2.0 of the protocol file: cohorts LN, SSC-1A and SSC-1B, doses X2 and X3, the SSc
procedures; and a broken 2.0 file refused with one line naming the file, the visit and the field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ln_scheduler.domain.errors import DomainError, ProtocolError
from ln_scheduler.domain.protocol import Anchor, Cohort, DoseRule, VisitKind
from ln_scheduler.domain.protocol_loader import (
    IMPLICIT_COHORT,
    SHIPPED_PROTOCOLS,
    load_default_protocol,
    load_protocol,
    newest_shipped_protocol,
    parse_protocol,
    shipped_protocol_text,
    shipped_protocols,
)

V1, V2 = shipped_protocols()
TEXT = shipped_protocol_text(SHIPPED_PROTOCOLS[-1])
SSC_ONLY_DROPPED = {"BIOPSY", "UPCR", "COMPL", "DSDNA", "ANA", "SLEDAI", "AUTOAB"}


def _block(code: str, nth: int = 0) -> str:
    found = re.findall(rf'\[\[visits\]\]\ncode = "{code}"\n.*?(?=\n\[\[|\n\[procedures\]|\n#)', TEXT, re.S)
    return found[nth]


def _edited(code: str, old: str, new: str) -> str:
    block = _block(code)
    assert old in block, block
    return TEXT.replace(block, block.replace(old, new, 1))


def _refusal(tmp_path: Path, text: str) -> str:
    path = tmp_path / "amended-v2.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProtocolError) as refused:
        load_protocol(path)
    message = str(refused.value)
    assert message.startswith(str(path)) and "\n" not in message, message
    return message


# --- the shipped files -------------------------------------------------------------------------
def test_both_versions_ship_oldest_first_and_the_default_is_the_newest():
    assert [(p.id, p.version) for p in shipped_protocols()] == [("TAK007-LN-1001", "1.0"),
                                                               ("TAK007-LN-1001", "2.0")]
    assert newest_shipped_protocol() is load_default_protocol() is V2
    assert load_protocol(None) is V2


def test_version_1_has_the_one_implicit_cohort_ln_with_one_dose():
    assert IMPLICIT_COHORT == "LN"
    assert [c.code for c in V1.cohorts] == ["LN"] and V1.cohort_code == "LN"
    assert V1.dose_count == 1 and V1.doses == ()
    assert V1.for_cohort("LN") is V1 and V1.for_cohort("ln") == V1
    with pytest.raises(DomainError, match=r"unknown cohort 'SSC-1B' .*has: LN"):
        V1.for_cohort("SSC-1B")


def test_version_2_lists_the_three_cohorts_ln_first():
    assert V2.cohorts == (Cohort("LN", "Refractory lupus nephritis", 1),
                          Cohort("SSC-1A", "Refractory systemic sclerosis, Part 1a (one dose)", 1),
                          Cohort("SSC-1B", "Refractory systemic sclerosis, Part 1b (three doses)", 3))
    assert V2.default_cohort.code == "LN" and V2.cohort_code == "LN"
    assert V2.cohort("ssc-1b").doses == 3
    with pytest.raises(DomainError, match=r"unknown cohort 'SSC-2' .*has: LN, SSC-1A, SSC-1B"):
        V2.cohort("SSC-2")


def test_ln_in_version_2_is_version_1_visit_for_visit():
    ln = V2.for_cohort("LN")
    assert ln is V2
    assert ln.visits == V1.visits
    assert ln.procedures == V1.procedures
    assert ln.timed_samples == V1.timed_samples
    assert ln.conditioning == V1.conditioning
    assert ln.doses == () and ln.dose_count == 1


def test_ssc_1a_has_the_visits_dates_and_windows_of_ln_and_other_procedures():
    a = V2.for_cohort("SSC-1A")
    assert a.cohort_code == "SSC-1A" and a.dose_count == 1
    fields = [(v.code, v.anchor, v.offset_days, v.day, v.months, v.early, v.late, v.kind) for v in a.visits]
    assert fields == [(v.code, v.anchor, v.offset_days, v.day, v.months, v.early, v.late, v.kind)
                      for v in V1.visits]
    for v in a.visits:
        assert not SSC_ONLY_DROPPED & set(v.procedures), v.code
        if "SLEDAI" in V1.visit(v.code).procedures:
            assert {"MRSS", "HAQ"} <= set(v.procedures), v.code
    assert a.visit("SCR").procedures.index("SSCAB") == V1.visit("SCR").procedures.index("AUTOAB") - 1  # BIOPSY gone
    assert [v.code for v in a.visits if "PFT" in v.procedures] == ["SCR", "M3", "M6", "M12", "M18", "M24", "ET"]
    assert [v.code for v in a.visits if "HRCT" in v.procedures] == ["SCR", "M12", "M24", "ET"]
    assert a.procedure_name("ELIG").startswith("Eligibility review: ACR/EULAR 2013 SSc classification")
    assert "SLEDAI" not in a.procedures and a.procedure_name("MRSS") == "Modified Rodnan skin score"
    assert a.visit("D1").name == "Day 1: TAK-007 infusion"
    assert "Disease flare" in a.visit("UNS").reasons and "Lupus flare" not in a.visit("UNS").reasons


def test_ssc_1b_has_the_visit_list_of_the_spec():
    b = V2.for_cohort("SSC-1B")
    rows = [(v.code, v.anchor_label, v.offset_days if v.anchor is not Anchor.D1 else v.day, v.early, v.late)
            for v in b.calendar_visits if not v.code.startswith("M")]
    assert rows == [
        ("SCR", "C1", -7, 23, 6), ("LD1", "C1", 0, 0, 0), ("LD2", "C1", 1, 0, 0), ("LD3", "C1", 2, 0, 0),
        ("D1", "D1", 1, 0, 0), ("D2", "D1", 2, 0, 0), ("D3", "D1", 3, 0, 0), ("D4", "D1", 4, 0, 0),
        ("D8", "X2", 0, 0, 0), ("D9", "X2", 1, 0, 0), ("D11", "X2", 3, 1, 1),
        ("D15", "X3", 0, 0, 0), ("D16", "X3", 1, 0, 0), ("D18", "X3", 3, 1, 1), ("D22", "X3", 7, 1, 1),
        ("D29", "X3", 14, 2, 2), ("D43", "LAST", 28, 0, 3),
    ]
    months = [(v.code, v.months, v.early, v.late) for v in b.visits if v.code.startswith("M")]
    assert months == [(v.code, v.months, v.early, v.late) for v in V1.visits if v.code.startswith("M")]
    assert [(v.code, v.dose_number) for v in b.visits if v.dose_number] == [("D1", 1), ("D8", 2), ("D15", 3)]
    assert all(b.visit(c).kind is VisitKind.INFUSION for c in ("D1", "D8", "D15"))
    assert b.visit("D1").name == "Day 1: TAK-007 dose 1" and b.visit("D8").name == "Day 8: TAK-007 dose 2"
    assert "three" in b.visit("D1").expect
    assert b.doses == (DoseRule(2, "X2", 7, 7, 3), DoseRule(3, "X3", 7, 7, 3)) and b.dose_count == 3
    assert b.visit("D43").anchor is Anchor.LAST_DOSE and b.visit("D43").anchor_label == "LAST"
    assert b.visit("D8").anchor is Anchor.DOSE and b.visit("D8").dose == 2


def test_ssc_1b_procedures_of_the_dose_days_and_the_dlt_visit():
    b = V2.for_cohort("SSC-1B")
    dose_day = ("PE", "VS", "HEME", "CHEM", "CONMED", "AE", "CRS", "PK", "CYTO", "INFUSE")
    assert b.visit("D8").procedures == dose_day and b.visit("D15").procedures == dose_day
    assert b.visit("D9").procedures == b.visit("D16").procedures == ("VS", "HEME", "CHEM", "AE", "CRS", "PK", "CYTO")
    assert b.visit("D29").procedures[-1] == "BCELL"
    # D43 is version 1.0's D30 (with DLT), with the SSc changes
    d30 = [p for p in V1.visit("D30").procedures if p not in SSC_ONLY_DROPPED]
    assert [p for p in b.visit("D43").procedures if p not in ("MRSS", "HAQ")] == d30 and "DLT" in d30
    assert "28 days after the last dose" in b.procedure_name("DLT")
    assert b.visit("D1").procedures == V2.for_cohort("SSC-1A").visit("D1").procedures


def test_every_dose_day_carries_the_timed_pk_and_cytokine_grid():
    b = V2.for_cohort("SSC-1B")
    grid = [(s.label, s.procedures, s.offset_minutes) for s in V1.samples_for("D1")]
    for code in ("D1", "D8", "D15"):
        assert [(s.label, s.procedures, s.offset_minutes) for s in b.samples_for(code)] == grid
    assert V2.samples_for("D8") == ()  # LN has no D8


def test_views_are_cached_frozen_and_reachable_from_each_other():
    b = V2.for_cohort("SSC-1B")
    assert V2.for_cohort("SSC-1B") is b
    assert b.for_cohort("LN") is V2 and b.for_cohort("SSC-1A") is V2.for_cohort("SSC-1A")
    with pytest.raises(AttributeError):
        b.cohort_code = "LN"  # type: ignore[misc]
    with pytest.raises(DomainError, match="cohort SSC-1B"):
        b.visit("D30")


def test_dose_rule_lookup_names_the_cohort():
    with pytest.raises(DomainError, match="cohort SSC-1A has 1 dose: there is no dose 2"):
        V2.for_cohort("SSC-1A").dose_rule(2)


# --- broken 2.0 files --------------------------------------------------------------------------
def test_a_visit_naming_an_unknown_cohort_is_refused(tmp_path):
    text = _edited("D9", 'cohorts = ["SSC-1B"]', 'cohorts = ["SSC-1C"]')
    assert ("visit D9, field 'cohorts': unknown cohort 'SSC-1C' (cohorts: LN, SSC-1A, SSC-1B)"
            in _refusal(tmp_path, text))


def test_a_dose_anchor_beyond_the_cohorts_doses_is_refused(tmp_path):
    text = _edited("D16", 'cohorts = ["SSC-1B"]', 'cohorts = ["SSC-1A", "SSC-1B"]')
    assert ("visit D16, field 'anchor': anchored on X3 (dose 3), but cohort SSC-1A has 1 dose"
            in _refusal(tmp_path, text))


def test_a_visit_on_a_dose_anchor_with_no_cohorts_list_is_refused_for_ln(tmp_path):
    text = _edited("D11", '\ncohorts = ["SSC-1B"]', "")
    assert "visit D11, field 'anchor': anchored on X2 (dose 2), but cohort LN has 1 dose" in _refusal(tmp_path, text)


def test_a_code_twice_in_one_cohort_is_refused_and_in_disjoint_cohorts_is_not(tmp_path):
    text = _edited("D9", 'code = "D9"', 'code = "D8"')
    assert "visit D8, field 'code': duplicate visit code in cohort SSC-1B" in _refusal(tmp_path, text)
    overlapping = TEXT.replace(_block("UNS", 1), _block("UNS", 1).replace('cohorts = ["SSC-1A", "SSC-1B"]',
                                                                          'cohorts = ["LN", "SSC-1A"]'))
    assert "visit UNS, field 'code': duplicate visit code in cohort LN" in _refusal(tmp_path, overlapping)


def test_an_unknown_anchor_lists_the_dose_anchors(tmp_path):
    text = _edited("D9", 'anchor = "X2"', 'anchor = "X4"')
    assert "visit D9, field 'anchor': unknown anchor 'X4' (use C1, D1, X2, X3, LAST or EVENT)" in _refusal(
        tmp_path, text)


def test_a_dose_visit_takes_offset_days_not_day(tmp_path):
    text = _edited("D9", "offset_days = 1", "day = 9")
    assert "visit D9, field 'offset_days': missing" in _refusal(tmp_path, text)
    text = _edited("D9", "offset_days = 1", "offset_days = 1\nday = 9")
    assert "visit D9, field 'day': not allowed here: a visit anchored on X2 takes offset_days" in _refusal(
        tmp_path, text)
    text = _edited("D9", "offset_days = 1", "offset_days = -1")
    assert "visit D9, field 'offset_days': -1 is below the minimum 0" in _refusal(tmp_path, text)


def test_an_infusion_visit_off_its_dose_day_is_refused(tmp_path):
    text = _edited("D9", 'kind = "follow-up"', 'kind = "infusion"')
    assert "visit D9, field 'kind': a visit of kind 'infusion' is the day a dose is given" in _refusal(
        tmp_path, text)


def test_a_dose_without_its_dose_visit_is_refused(tmp_path):
    text = _edited("D15", 'kind = "infusion"', 'kind = "follow-up"')
    assert ("field 'visits': dose 3 of cohort SSC-1B has no visit of kind 'infusion' anchored on X3 with "
            "offset_days = 0" in _refusal(tmp_path, text))


def test_unknown_keys_of_the_new_tables_are_refused(tmp_path):
    assert "field 'cohorts.SSC-1B.dose': unknown key (did you mean 'doses'?)" in _refusal(
        tmp_path, TEXT.replace('code = "SSC-1B"\n', 'code = "SSC-1B"\ndose = 3\n'))
    assert "field 'doses.2.min_days': unknown key" in _refusal(
        tmp_path, TEXT.replace("number = 2\n", "number = 2\nmin_days = 7\n"))
    assert "field 'procedure_rules #1.drops': unknown key (did you mean 'drop'?)" in _refusal(
        tmp_path, TEXT.replace('drop = ["BIOPSY"', 'drops = ["BIOPSY"'))
    assert "visit D43, field 'name': unknown key" not in _refusal(
        tmp_path, _edited("D43", 'anchor = "LAST"', 'anchor = "LAST"\nnamess = { LN = "x" }'))


def test_cohort_and_dose_tables_are_checked(tmp_path):
    assert "field 'cohorts.SSC-1B.doses': cohort SSC-1B is given 4 doses but [[doses]] defines 3 doses" in _refusal(
        tmp_path, TEXT.replace("doses = 3", "doses = 4"))
    assert "field 'doses.3': dose 3 is given in no cohort (the most is 2)" in _refusal(
        tmp_path, TEXT.replace("doses = 3", "doses = 2"))
    assert "field 'cohorts.SSC-1A.code': cohort SSC-1A is listed twice" in _refusal(
        tmp_path, TEXT.replace('code = "SSC-1B"\nname', 'code = "SSC-1A"\nname'))
    assert "field 'cohorts #2.code': a cohort code is 1-12 capital letters" in _refusal(
        tmp_path, TEXT.replace('code = "SSC-1A"\nname', 'code = "ssc 1a"\nname'))
    assert "field 'doses #2.number': dose 4 is out of order" in _refusal(
        tmp_path, TEXT.replace("number = 3", "number = 4"))
    assert "field 'doses.3.anchor': anchor X2 is already dose 2" in _refusal(
        tmp_path, TEXT.replace('anchor = "X3"\nplanned', 'anchor = "X2"\nplanned'))
    assert "field 'doses.2.anchor': a dose anchor is a code such as 'X2', not one of C1, D1, LAST" in _refusal(
        tmp_path, TEXT.replace('anchor = "X2"\nplanned', 'anchor = "LAST"\nplanned'))
    assert ("field 'doses.2.min_days_after_previous': 8 days is more than the 7 planned after the previous dose"
            in _refusal(tmp_path, TEXT.replace("min_days_after_previous = 7", "min_days_after_previous = 8", 1)))


def test_doses_in_a_file_without_cohorts_are_refused(tmp_path):
    v1 = shipped_protocol_text(SHIPPED_PROTOCOLS[0])
    doses = TEXT[TEXT.index("\n[[doses]]\n") + 1:TEXT.index("\n[[visits]]\n") + 1]
    text = v1.replace("\n[[visits]]\n", "\n" + doses + "[[visits]]\n", 1)
    assert "field 'doses': [[doses]] needs [[cohorts]]" in _refusal(tmp_path, text)


def test_per_cohort_names_must_name_a_cohort_of_the_visit(tmp_path):
    text = _edited("D8", 'cohorts = ["SSC-1B"]', 'cohorts = ["SSC-1B"]\nnames = { LN = "Day 8" }')
    assert "visit D8, field 'names': cohort 'LN' is not one of this visit's cohorts (SSC-1B)" in _refusal(
        tmp_path, text)


def test_procedure_rules_are_checked(tmp_path):
    assert "field 'procedure_rules #1.drop': unknown procedure code 'BIOPSYY'" in _refusal(
        tmp_path, TEXT.replace('drop = ["BIOPSY"', 'drop = ["BIOPSYY"'))
    assert "field 'procedure_rules #2.at': cohort SSC-1A has no visit D43" in _refusal(
        tmp_path, TEXT.replace('at = ["SCR", "M3"', 'at = ["D43", "M3"'))
    assert "field 'procedure_rules #1': no visit of cohort SSC-1A has 'LDC' to drop or replace" not in _refusal(
        tmp_path, TEXT.replace('drop = ["BIOPSY"', 'drop = ["LDC", "BIOPSYY"'))
    assert "field 'procedure_rules #1.cohorts': unknown cohort 'SSC'" in _refusal(
        tmp_path, TEXT.replace('cohorts = ["SSC-1A", "SSC-1B"]\ndrop', 'cohorts = ["SSC"]\ndrop'))
    assert "field 'procedure_rules #2.at': 'add' and 'at' go together" in _refusal(
        tmp_path, TEXT.replace('add = ["PFT"]\n', ""))
    assert "field 'procedure_rules #1.replace.AUTOAB': must be a list of procedure codes in quotes" in _refusal(
        tmp_path, TEXT.replace('AUTOAB = ["SSCAB"]', 'AUTOAB = "SSCAB"'))
    assert "field 'procedure_rules #1.describe': unknown procedure code 'ELIGG'" in _refusal(
        tmp_path, TEXT.replace('describe = { ELIG =', 'describe = { ELIGG ='))
    assert "field 'procedure_rules #1.replace': 'ANA' is both dropped and replaced" in _refusal(
        tmp_path, TEXT.replace('AUTOAB = ["SSCAB"]', 'AUTOAB = ["SSCAB"], ANA = ["SSCAB"]'))
    rule = '[[procedure_rules]]\ncohorts = ["LN"]\ndrop = ["MRSS"]\n\n'
    assert "field 'procedure_rules #1': no visit of cohort LN has 'MRSS' to drop or replace" in _refusal(
        tmp_path, TEXT.replace("# [A] SSc: every visit", rule + "# [A] SSc: every visit"))


def test_a_procedure_doubled_by_a_rule_is_refused_naming_the_cohort(tmp_path):
    text = TEXT.replace('add = ["PFT"]', 'add = ["PE"]')
    assert "visit SCR, field 'procedures': procedure 'PE' is listed twice in cohort SSC-1A" in _refusal(
        tmp_path, text)


def test_windows_are_checked_per_cohort(tmp_path):
    text = _edited("D11", "early = 1", "early = 2")
    assert "visit D11, field 'early': window -2/+1 days swallows the target of visit D9 in cohort SSC-1B" in _refusal(
        tmp_path, text)


def test_a_timed_sample_for_an_unknown_visit_is_refused(tmp_path):
    text = TEXT.replace('visits = ["D1", "D8", "D15"]', 'visits = ["D1", "D8", "D51"]', 1)
    assert "visit timed sample #1, field 'visits': unknown visit 'D51'" in _refusal(tmp_path, text)
    text = TEXT.replace('visits = ["D1", "D8", "D15"]', 'visit = "D1"\nvisits = ["D8"]', 1)
    assert "field 'visit': takes exactly one of 'visit' or 'visits'" in _refusal(tmp_path, text)


def test_the_version_2_text_reads_back_leniently_too():
    stored = parse_protocol(TEXT.encode(), source=SHIPPED_PROTOCOLS[-1], strict=False)
    assert stored == V2 and stored.for_cohort("SSC-1B") == V2.for_cohort("SSC-1B")


def test_visits_after_the_infusion_include_those_on_later_doses_and_the_last_dose():
    b = V2.for_cohort("SSC-1B")
    assert [v.code for v in b.calendar_visits if not v.after_infusion] == ["SCR", "LD1", "LD2", "LD3"]
    assert not b.visit("UNS").after_infusion


def test_a_cohort_without_a_name_or_doses_is_refused(tmp_path):
    assert "field 'cohorts.SSC-1A.name': missing or empty text" in _refusal(
        tmp_path, TEXT.replace('name = "Refractory systemic sclerosis, Part 1a (one dose)"', 'name = " "'))
    assert "field 'cohorts.LN.doses': missing" in _refusal(
        tmp_path, TEXT.replace('name = "Refractory lupus nephritis"\ndoses = 1', 'name = "Refractory lupus nephritis"'))


def test_every_protocol_file_in_the_package_is_listed_as_shipped():
    from importlib import resources

    folder = resources.files("ln_scheduler.resources.protocols")
    assert sorted(f.name for f in folder.iterdir() if f.name.endswith(".toml")) == sorted(SHIPPED_PROTOCOLS)
