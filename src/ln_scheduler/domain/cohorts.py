"""Per-cohort views of one protocol file, without a copy of the file per cohort.

A protocol file lists every visit once, with the cohorts it belongs to (default: all), optional
per-cohort names and take-home notes, and procedure rules applied to whole cohorts (SSc drops the
lupus assessments and adds skin and lung ones). :class:`CohortCatalogue` keeps that cohort-neutral
data and derives the :class:`~ln_scheduler.domain.protocol.Protocol` of each cohort from it: the
rest of the application only ever sees such a view, so a cohort is never a special case downstream.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field

from .protocol import Cohort, DoseRule, Protocol, TimedSample, VisitDefinition

#: The one cohort of a protocol file that lists none (version 1.0, and texts stored in databases by
#: earlier releases): the study as first registered, refractory lupus nephritis, one dose.
IMPLICIT_COHORT = "LN"
IMPLICIT_COHORT_NAME = "Refractory lupus nephritis"


@dataclass(frozen=True)
class VisitEntry:
    """A visit as the file lists it: its definition (default name, procedures before the cohort's
    rules) and the cohorts it belongs to, with per-cohort names and notes where they differ."""

    definition: VisitDefinition
    cohorts: tuple[str, ...] = ()  # empty: every cohort
    names: tuple[tuple[str, str], ...] = ()
    expects: tuple[tuple[str, str], ...] = ()

    def applies_to(self, cohort: str) -> bool:
        return not self.cohorts or cohort in self.cohorts


@dataclass(frozen=True)
class ProcedureRule:
    """Changes to the procedures of every visit of some cohorts, applied in file order: ``drop``
    removes codes, ``replace`` puts codes in another's place (AUTOAB -> SSCAB, SLEDAI -> MRSS HAQ),
    ``add`` appends codes at the visits ``at``; ``describe`` rewords catalogue entries (ELIG)."""

    cohorts: tuple[str, ...]
    drop: tuple[str, ...] = ()
    replace: tuple[tuple[str, tuple[str, ...]], ...] = ()
    add: tuple[str, ...] = ()
    at: tuple[str, ...] = ()
    describe: tuple[tuple[str, str], ...] = ()

    def apply(self, visit_code: str, procedures: tuple[str, ...]) -> tuple[str, ...]:
        replaced = dict(self.replace)
        out: list[str] = []
        for p in procedures:
            if p in self.drop:
                continue
            out.extend(replaced.get(p, (p,)))
        if visit_code in self.at:
            out.extend(self.add)
        return tuple(out)


@dataclass(frozen=True)
class CohortCatalogue:
    """Everything needed to build each cohort's view; views are built once and cached."""

    base: Protocol  # id, version, title, conditioning... (its visits are not used)
    cohorts: tuple[Cohort, ...]
    entries: tuple[VisitEntry, ...]
    rules: tuple[ProcedureRule, ...] = ()
    doses: tuple[DoseRule, ...] = ()
    samples: tuple[TimedSample, ...] = ()
    explicit_cohorts: bool = False  # the file lists [[cohorts]]; else the one implicit cohort LN
    _views: dict[str, Protocol] = field(default_factory=dict, compare=False, repr=False)

    def view(self, code: str) -> Protocol:
        found = self._views.get(code)
        if found is None:
            found = self._views[code] = self._build(code)
        return found

    def visits_for(self, code: str) -> tuple[VisitDefinition, ...]:
        """The cohort's visits in file order, names, notes and procedures resolved."""
        rules = [r for r in self.rules if code in r.cohorts]
        visits = []
        for entry in self.entries:
            if not entry.applies_to(code):
                continue
            v = entry.definition
            procedures = v.procedures
            for rule in rules:
                procedures = rule.apply(v.code, procedures)
            visits.append(dataclasses.replace(
                v, name=dict(entry.names).get(code, v.name), expect=dict(entry.expects).get(code, v.expect),
                procedures=procedures))
        return tuple(visits)

    def procedures_for(self, code: str, visits: tuple[VisitDefinition, ...]) -> dict[str, str]:
        """The cohort's procedure catalogue: with several cohorts, the procedures its visits use (an SSc
        unscheduled visit is not offered SLEDAI), reworded by its rules; else the file's whole catalogue."""
        texts = dict(self.base.procedures)
        for rule in self.rules:
            if code in rule.cohorts:
                texts.update(rule.describe)
        if not self.explicit_cohorts:
            return texts
        used = {p for v in visits for p in v.procedures}
        return {c: t for c, t in texts.items() if c in used}

    def cohort(self, code: str) -> Cohort:
        return next(c for c in self.cohorts if c.code == code)

    def _build(self, code: str) -> Protocol:
        cohort = self.cohort(code)
        visits = self.visits_for(code)
        present = {v.code for v in visits}
        return dataclasses.replace(
            self.base,
            visits=visits,
            procedures=self.procedures_for(code, visits),
            timed_samples=tuple(s for s in self.samples if s.visit in present),
            cohort_code=code,
            cohorts=self.cohorts,
            doses=tuple(d for d in self.doses if d.number <= cohort.doses),
            catalogue=self,
        )


def pairs(mapping: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """A mapping as the hashable pairs the frozen entries keep."""
    return tuple(mapping.items())
