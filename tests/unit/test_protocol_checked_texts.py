"""The shipped protocol files' window check runs here, once per file content, instead of at every
start of the app (``protocol_loader.CHECKED_SHIPPED_TEXTS``): these tests hold the digests to the
files, run every check on the files' content, and show that any other bytes are checked in full."""

import hashlib

import pytest

from ln_scheduler.domain.errors import ProtocolError
from ln_scheduler.domain.protocol_loader import (
    CHECKED_SHIPPED_TEXTS,
    SHIPPED_PROTOCOLS,
    parse_protocol,
    shipped_protocol_text,
    shipped_protocols,
)

#: One byte more than a shipped file: not the checked bytes, so parsed with every check.
NOT_THE_SHIPPED_BYTES = "\n# one more line: not the bytes the digest names\n"


@pytest.mark.parametrize("name", SHIPPED_PROTOCOLS)
def test_the_digest_of_each_shipped_file_is_the_one_recorded_as_checked(name):
    digest = hashlib.sha256(shipped_protocol_text(name).encode("utf-8")).hexdigest()
    assert CHECKED_SHIPPED_TEXTS.get(name) == digest, (
        f"{name} changed: once the tests in this file pass, set CHECKED_SHIPPED_TEXTS[{name!r}] = {digest!r} "
        "in domain/protocol_loader.py")


def test_only_shipped_files_are_recorded_as_checked():
    assert sorted(CHECKED_SHIPPED_TEXTS) == sorted(SHIPPED_PROTOCOLS)


@pytest.mark.parametrize("index", range(len(SHIPPED_PROTOCOLS)))
def test_each_shipped_file_passes_every_check_the_window_check_included(index):
    name = SHIPPED_PROTOCOLS[index]
    text = shipped_protocol_text(name) + NOT_THE_SHIPPED_BYTES
    checked = parse_protocol(text.encode("utf-8"), source=name)  # every check, windows included
    shipped = shipped_protocols()[index]
    assert checked == shipped
    for cohort in shipped.cohorts:
        assert checked.for_cohort(cohort.code) == shipped.for_cohort(cohort.code)


@pytest.mark.parametrize("strict", [True, False])
def test_a_shipped_file_with_a_window_widened_is_refused_under_its_own_name(strict):
    """An installed file someone edited is not the checked bytes: its windows are checked, and the
    refusal is the one any other file gets (read strictly at start, or leniently when stored)."""
    name = SHIPPED_PROTOCOLS[0]
    text = shipped_protocol_text(name)
    block_start = text.index('code = "M6"')
    late = text.index("late = 14", block_start)
    edited = text[:late] + "late = 200" + text[late + len("late = 14"):]
    with pytest.raises(ProtocolError) as refused:
        parse_protocol(edited.encode("utf-8"), source=name, strict=strict)
    assert str(refused.value) == (f"{name}, visit M6, field 'late': window -14/+200 days swallows the target of "
                                  "visit M9")
