"""How cohorts and doses are named on paper, in calendar files and on screen: one wording for the
worksheets, the schedules, the .ics/.csv exports and the GUI, so "dose 2 of 3" never reads
"2nd infusion" in one place and "X2" in another.

Pure text from a protocol (the participant's cohort view, ``Protocol.for_cohort``) and numbers:
no Qt, no reportlab, no database, so every edge may import it at no start-up cost.

Staff wording (:func:`dose_text`, :func:`name_with_dose`) is in the interface language
(``ln_scheduler.i18n._``), except the shared calendar's titles (``name_with_dose(..., shared=True)``),
which stay English whoever exports or publishes them; :func:`ordinal` is the take-home schedule's
English counting word, which the take-home texts translate in the participant's language.
"""

from __future__ import annotations

import re

from .domain.protocol import Protocol
from .i18n import N_, SOURCE_LANGUAGE, ParticipantTexts, _, participant_texts

_SAYS_DOSE = re.compile(r"\bdose\s+(\d+)\b", re.IGNORECASE)
_NAME_WITH_DOSE = N_("{name} (dose {number})")


def cohort_view(protocol: Protocol, cohort: str | None) -> Protocol:
    """The participant's cohort view of ``protocol``: the same object when it is already that
    cohort's view (or no cohort is known), else ``protocol.for_cohort(cohort)``. The CLI and the
    GUI both hand reports the protocol of (id, version); a report asks for the cohort's visits,
    names and procedures here once, instead of trusting every caller to have derived it."""
    if not cohort or protocol.cohort_code == cohort:
        return protocol
    return protocol.for_cohort(cohort)


def dose_of(protocol: Protocol, code: str) -> int | None:
    """The dose given at visit ``code`` of this cohort view (1 for Day 1, 2 for Day 8 ...), None
    for a visit that gives no dose or that the cohort does not have."""
    for visit in protocol.visits:
        if visit.code == code:
            return visit.dose_number
    return None


def dose_count(protocol: Protocol) -> int:
    """How many doses this cohort view gives (1 for LN and SSC-1A, 3 for SSC-1B)."""
    return protocol.dose_count


def dose_text(number: int, count: int) -> str:
    """``Dose 2 of 3``; a single-dose cohort's only dose is ``Dose 1 of 1`` (said, not implied:
    a worksheet of an LN Day 1 and one of an SSC-1B Day 1 must not read alike)."""
    return _("Dose {number} of {count}").format(number=number, count=count)


def ordinal(number: int, texts: ParticipantTexts | None = None) -> str:
    """``second``: how the take-home schedule counts doses (no digits to misread in large type), in
    the participant's language (``texts``; English when None): ``segunda`` for *la dosis*."""
    return (texts or participant_texts(SOURCE_LANGUAGE)).ordinal(number)


def name_with_dose(name: str, number: int | None, *, shared: bool = False) -> str:
    """A visit name that carries its dose number: unchanged when the protocol's name already says
    ``dose N`` (``Day 8: TAK-007 dose 2``), else ``Day 8 (dose 2)``. Dose 1 is every cohort's Day 1
    infusion and its name says so: it is left as it is (LN's "Day 1: TAK-007 infusion" reads the
    same as before cohorts, on screen and in every file). Only the number is added: a calendar
    event's title is the participant ID and the visit name, nothing else about the person.

    ``shared``: the words of the site's calendar (.ics, CalDAV events), which the whole team shares:
    English, the protocol's language, never the interface language, or a Spanish window publishing
    and an English ``calendar sync`` would keep rewriting each other's titles."""
    if number is None or number == 1:
        return name
    said = _SAYS_DOSE.search(name)
    if said is not None and int(said.group(1)) == number:
        return name
    template = _NAME_WITH_DOSE if shared else _(_NAME_WITH_DOSE)
    return template.format(name=name, number=number)

