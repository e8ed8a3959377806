"""The protocol as plain, frozen data: cohorts, doses, visits, windows, procedures and conditioning rules.

It is built by :mod:`ln_scheduler.domain.protocol_loader` from a data file, never written in
code, so that a site can load an amended protocol without a new release.

A protocol file may describe several cohorts (version 2.0: LN, SSC-1A, SSC-1B) that share most
visits and procedures. A :class:`Protocol` object is always the view of ONE cohort: its visits,
names, procedures and dose rules are that cohort's, so everything downstream (schedule, reports,
exports, GUI) works on it without knowing cohorts exist. The object the loader returns is the view
of the first cohort listed (LN, which is what version 1.0 always was); :meth:`Protocol.for_cohort`
gives the view of another one.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, field
from enum import StrEnum

from ..i18n import _, ngettext
from .errors import DomainError


class Anchor(StrEnum):
    """What a visit's target is counted from."""

    C1 = "C1"  # first conditioning day (nominal Day -5)
    D1 = "D1"  # dose 1, the infusion day (Day 1)
    DOSE = "DOSE"  # a later dose (X2, X3...): VisitDefinition.dose says which
    LAST_DOSE = "LAST"  # the last dose given (the DLT assessment); the last planned one before
    EVENT = "EVENT"  # dated when it happens (unscheduled visit, early termination)


#: The anchor written in a protocol file for "the last dose given".
LAST_DOSE_LABEL = "LAST"


#: The procedure code of the cell infusion itself, at every visit a dose is given at: recorded not
#: done there, the dose was not given (worksheets print its description, which states the dose).
DOSE_PROCEDURE = "INFUSE"


class VisitKind(StrEnum):
    SCREENING = "screening"
    CONDITIONING = "conditioning"
    INFUSION = "infusion"  # a dose is given at this visit (D1; D8 and D15 in SSC-1B): see dose_number
    FOLLOW_UP = "follow-up"
    UNSCHEDULED = "unscheduled"
    TERMINATION = "termination"


#: The visits whose done date can be corrected alone: no other visit's date hangs on theirs (the
#: dose days, screening and conditioning are corrected with their own entries, then recorded again).
DATED_ALONE = frozenset({VisitKind.FOLLOW_UP, VisitKind.UNSCHEDULED, VisitKind.TERMINATION})


def plain_name(name: str) -> str:
    """The visit name a participant reads: without its technical suffix (``Day 30: DLT assessment``
    -> ``Day 30``; ``Day 1: TAK-007 dose 1`` -> ``Day 1``). The take-home schedule and the personal
    calendar show it, so it is one of the texts a protocol file translates."""
    short = name.split(":", 1)[0].strip()
    return short or name


#: The words of a visit's description that already ask for the urine sample (the protocol files are
#: written in English, the source language of every participant text).
URINE_SAMPLE = "urine sample"


@dataclass(frozen=True)
class VisitDefinition:
    """One row of the schedule of assessments (of one cohort, once the cohort view is built)."""

    code: str
    name: str
    kind: VisitKind
    anchor: Anchor
    early: int
    late: int
    procedures: tuple[str, ...]
    offset_days: int | None = None  # C1, dose and last-dose visits: days after the anchor's date
    day: int | None = None  # D1 visits: study day of the target
    months: int | None = None  # D1 visits: calendar months after D1
    repeatable: bool = False
    expect: str = ""
    urine: bool = False
    fasting: bool = False
    reasons: tuple[str, ...] = ()
    dose: int | None = None  # DOSE visits: the number of the dose anchoring it (2 for X2)
    dose_label: str | None = None  # DOSE visits: that dose's anchor as the file names it ("X2")

    @property
    def plain_name(self) -> str:
        """The name without its technical suffix: what the participant reads (:func:`plain_name`)."""
        return plain_name(self.name)

    @property
    def asks_urine_sample(self) -> bool:
        """Whether what a participant reads about the visit must add that a urine sample is asked
        for: a ``urine`` visit whose description (``expect``, in the protocol's language) does not
        say so already ("…blood tests and a urine sample." was followed by "We will ask you for a
        urine sample.")."""
        return self.urine and URINE_SAMPLE not in self.expect.lower()

    @property
    def on_fixed_calendar(self) -> bool:
        return self.anchor is not Anchor.EVENT

    @property
    def fixed_day(self) -> bool:
        """A visit with no window keeps its date even when the site is closed (flagged)."""
        return self.early == 0 and self.late == 0

    @property
    def after_infusion(self) -> bool:
        """Counted from dose 1 or a later dose: such a visit cannot happen before the infusion (the
        services asked ``anchor is Anchor.D1`` before doses X2, X3 and LAST existed)."""
        return self.anchor in (Anchor.D1, Anchor.DOSE, Anchor.LAST_DOSE)

    @property
    def anchor_label(self) -> str:
        """The anchor as people and files write it: C1, D1, X2, X3, LAST or EVENT (JSON, CLI, worksheets)."""
        if self.anchor is Anchor.DOSE:
            return self.dose_label or f"X{self.dose}"
        return self.anchor.value

    @property
    def dose_number(self) -> int | None:
        """The dose GIVEN at this visit (1 at D1; 2 and 3 at D8 and D15 in SSC-1B), None when no dose
        is given. The loader guarantees an infusion visit sits on its dose's day (D1 Day 1, offset 0)."""
        if self.kind is not VisitKind.INFUSION:
            return None
        if self.anchor is Anchor.D1:
            return 1
        if self.anchor is Anchor.DOSE:
            return self.dose
        return None


@dataclass(frozen=True)
class TimedSample:
    """A timed sample on a visit day (the PK and cytokine grid of each dose day)."""

    visit: str
    label: str
    procedures: tuple[str, ...]
    reference: str
    offset_minutes: int
    before_minutes: int
    after_minutes: int
    nominal: str

    @property
    def allowed_range(self) -> str:
        """Human wording of the allowed range relative to the reference."""
        lo = self.offset_minutes - self.before_minutes
        hi = self.offset_minutes + self.after_minutes
        return _("{start} to {end} from {reference}").format(start=_minutes(lo), end=_minutes(hi),
                                                              reference=self.reference)


def _minutes(m: int) -> str:
    sign = "-" if m < 0 else "+"
    m = abs(m)
    return f"{sign}{m // 60} h {m % 60:02d} min" if m >= 60 else f"{sign}{m} min"


@dataclass(frozen=True)
class ConditioningRules:
    """Dose 1 (the infusion): planned C1 + offset, refused before LD3 + gap + 1, warned when late."""

    planned_infusion_offset_days: int = 5
    min_gap_days: int = 2
    delay_warning_days: int = 7
    screening_valid_days: int = 30


@dataclass(frozen=True)
class DoseRule:
    """A dose after the first (dose 1 keeps the conditioning rules): planned a fixed number of days
    after the previous dose (its recorded date once recorded), refused when given sooner than
    ``min_days_after_previous`` after it, accepted with a warning when more than
    ``delay_warning_days`` after its planned date."""

    number: int
    anchor_label: str
    planned_days_after_previous: int
    min_days_after_previous: int
    delay_warning_days: int


@dataclass(frozen=True)
class Cohort:
    """A group of participants with its own visit list, procedures and number of doses."""

    code: str
    name: str
    doses: int = 1


@dataclass(frozen=True)
class Translations:
    """A protocol file's translations of its participant-facing texts (``[translations.es]``):
    for each language, the English text and its translation. Keyed by the English text, so a note
    that forty visits share is translated once, and a third language is one more table of data.
    English needs no table: it is the language every text is written in."""

    tables: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(code for code, _unused in self.tables)

    def text(self, language: str, english: str) -> str | None:
        """The translation of ``english`` into ``language``; None where the file has none."""
        for code, pairs in self.tables:
            if code == language:
                return dict(pairs).get(english)
        return None

    def get(self, language: str, english: str) -> str:
        """``english`` in ``language``: the translation, else the English text itself (a text
        left untranslated still reads, never blank)."""
        return self.text(language, english) or english

    def completed_by(self, other: Translations) -> Translations:
        """These translations, with ``other``'s for the texts (and languages) these lack."""
        merged: dict[str, dict[str, str]] = {code: dict(pairs) for code, pairs in other.tables}
        for code, pairs in self.tables:
            merged.setdefault(code, {}).update(pairs)
        return Translations(tuple((code, tuple(texts.items())) for code, texts in merged.items()))


class CohortViews(typing.Protocol):
    """What a protocol of several cohorts asks of its catalogue (:class:`~ln_scheduler.domain.cohorts.
    CohortCatalogue`, which the loader attaches): another cohort's view. Named here as a protocol so
    that this module does not import cohorts.py, which is built on it (no import cycle)."""

    def view(self, code: str) -> Protocol: ...


@dataclass(frozen=True)
class Protocol:
    """A validated protocol definition seen for one cohort; ``id`` + ``version`` (+ the participant's
    cohort) identify it on every calendar."""

    id: str
    version: str
    title: str
    registry: str
    visits: tuple[VisitDefinition, ...]
    procedures: dict[str, str] = field(hash=False, compare=False)
    conditioning: ConditioningRules = ConditioningRules()
    timed_samples: tuple[TimedSample, ...] = ()
    source: str = ""
    cohort_code: str = "LN"
    cohorts: tuple[Cohort, ...] = (Cohort("LN", "LN", 1),)
    doses: tuple[DoseRule, ...] = ()  # this cohort's doses after the first
    catalogue: CohortViews | None = field(default=None, hash=False, compare=False, repr=False)
    #: Not part of the definition: a file that only adds a language defines the same calendars.
    translations: Translations = field(default=Translations(), hash=False, compare=False, repr=False)

    def defined_visit(self, code: str) -> VisitDefinition | None:
        """The visit with this code, or None: a participant's stored visits may include visits this
        view does not define (a former cohort's, kept cancelled after a cohort change)."""
        return next((v for v in self.visits if v.code == code.upper()), None)

    def visit(self, code: str) -> VisitDefinition:
        """The visit with this code, or a DomainError listing the codes there are."""
        for v in self.visits:
            if v.code == code.upper():
                return v
        known = ", ".join(v.code for v in self.visits)
        raise DomainError(_("unknown visit code '{code}' (protocol {protocol} {version}{cohort} has: {known})").format(
            code=code, protocol=self.id, version=self.version, cohort=self._in_cohort, known=known))

    @property
    def _in_cohort(self) -> str:
        return _(", cohort {cohort}").format(cohort=self.cohort_code) if len(self.cohorts) > 1 else ""

    @property
    def calendar_visits(self) -> tuple[VisitDefinition, ...]:
        return tuple(v for v in self.visits if v.on_fixed_calendar)

    def participant_texts(self) -> dict[str, str]:
        """Every text of this cohort view a participant reads (the take-home schedule, the personal
        calendar), each with where it comes from: the study title, each visit's plain name and its
        take-home note. These are the texts a ``[translations.<lang>]`` table must translate."""
        found = {self.title: "the study title"}
        for v in self.visits:
            found.setdefault(v.plain_name, f"the plain name of visit {v.code}")
            if v.expect:
                found.setdefault(v.expect, f"the take-home note of visit {v.code}")
        return found

    def procedure_name(self, code: str) -> str:
        return self.procedures.get(code, code)

    def samples_for(self, visit_code: str) -> tuple[TimedSample, ...]:
        return tuple(s for s in self.timed_samples if s.visit == visit_code)

    # --- cohorts and doses ------------------------------------------------------------------
    def cohort(self, code: str | None = None) -> Cohort:
        """The cohort with this code (this view's own when None), or a DomainError listing the codes."""
        wanted = (code or self.cohort_code).strip().upper()
        for c in self.cohorts:
            if c.code == wanted:
                return c
        known = ", ".join(c.code for c in self.cohorts)
        raise DomainError(_("unknown cohort '{code}' (protocol {protocol} {version} has: {known})").format(
            code=code, protocol=self.id, version=self.version, known=known))

    @property
    def default_cohort(self) -> Cohort:
        """The first cohort listed (LN): what a participant enrolled without a cohort belongs to."""
        return self.cohorts[0]

    @property
    def dose_count(self) -> int:
        """How many doses this cohort is given (dose 1 included)."""
        return 1 + len(self.doses)

    def dose_rule(self, number: int) -> DoseRule:
        """The rule of dose ``number`` (2 or later) in this cohort, or a DomainError."""
        for d in self.doses:
            if d.number == number:
                return d
        raise DomainError(_("cohort {cohort} has {count}: there is no dose {dose}").format(
            cohort=self.cohort_code, count=_doses(self.dose_count), dose=number)
                          if number > 1 else _("dose 1 is the infusion: it follows the conditioning rules"))

    def for_cohort(self, code: str) -> Protocol:
        """The view of cohort ``code``: only its visits, names, procedures and doses (cached; frozen).
        A protocol file with no cohorts has the one implicit cohort LN, whose view is this protocol."""
        cohort = self.cohort(code)
        if cohort.code == self.cohort_code:
            return self
        assert self.catalogue is not None, "a protocol with several cohorts is built by the loader"
        return self.catalogue.view(cohort.code)


def _doses(n: int) -> str:
    return ngettext("{count} dose", "{count} doses", n).format(count=n)
