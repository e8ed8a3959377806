"""Reading and validating a protocol file (TOML).

Validation is strict because a wrong window is a protocol deviation waiting to happen: every
problem is reported with the file, the visit and the field, and nothing half-loaded escapes.
Unknown tables and keys are refused too, not ignored: ``[[visit]]`` written for ``[[visits]]``
used to drop that visit (Month 24) silently, and moving a participant to the file cancelled it.
Texts stored in the database by an earlier, lenient version are re-read with ``strict=False``, so
a calendar built from one reads back exactly as it was built.

``[translations.<lang>]`` tables translate what a participant reads (study title, plain visit
names, take-home notes), keyed by the English text: a language listed must translate every such
text of every cohort (strict only); translations are not part of the definition, so adding a
language changes no calendar. :func:`participant_translations` completes a file's own table with
those of the shipped versions of the same protocol id (version 1.0 is never edited).
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import re
import tomllib
from collections.abc import Mapping
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from ..i18n import _, ngettext
from .cohorts import IMPLICIT_COHORT, IMPLICIT_COHORT_NAME, CohortCatalogue, ProcedureRule, VisitEntry, pairs
from .errors import ProtocolError
from .protocol import (
    LAST_DOSE_LABEL,
    Anchor,
    Cohort,
    ConditioningRules,
    DoseRule,
    Protocol,
    TimedSample,
    Translations,
    VisitDefinition,
    VisitKind,
)

#: The language every text of a protocol file is written in (``ln_scheduler.i18n.SOURCE_LANGUAGE``;
#: not imported: the domain core does not depend on the catalogues).
SOURCE_LANGUAGE = "en"

__all__ = [
    "DEFAULT_PROTOCOL",
    "IMPLICIT_COHORT",
    "SHIPPED_PROTOCOLS",
    "load_default_protocol",
    "load_protocol",
    "newest_shipped_protocol",
    "parse_protocol",
    "participant_translations",
    "shipped_protocol_text",
    "shipped_protocols",
]

#: The protocol files the app ships, oldest version first. A participant keeps the version that
#: built the calendar, so every one stays loadable; new enrolments take the newest by default.
SHIPPED_PROTOCOLS = ("tak007-ln-v1.0.toml", "tak007-v2.0.toml")
#: The file :func:`load_default_protocol` reads: the newest shipped version.
DEFAULT_PROTOCOL = SHIPPED_PROTOCOLS[-1]
#: The SHA-256 of each shipped file's bytes as the test suite checks them, the window check included
#: (``tests/unit/test_protocol_checked_texts.py`` fails, naming the new digest, when a file changes).
#: Those exact bytes pass the same checks wherever they are parsed, so their window check (every
#: visit's window against its neighbours' targets on 107 reference dates per cohort: ~25 ms of the
#: ~33 ms it takes to read both files, at every start of the app, on the way to the first worklist)
#: is not repeated. Any other bytes (an installed file someone edited, an amended copy, a checkout
#: that rewrote line endings) are checked in full and refused with the same messages.
CHECKED_SHIPPED_TEXTS: Mapping[str, str] = {
    "tak007-ln-v1.0.toml": "53180ba04d650c8641165d67306becef3b3a7792bdb94f6e16dcd44afa200227",
    "tak007-v2.0.toml": "972ad984298acf9ee2254ffea9d2f20dd07bc0278416624a9dae9cf0ee7667de",
}
#: Upper bounds that catch typos (a window of 3000 days, Month 999999) before date arithmetic does.
MAX_DAYS = 3660
MAX_MONTHS = 120
MAX_MINUTES = 24 * 60
MAX_DOSES = 20
#: A visit window wider than a year, or a conditioning rule beyond these, is a typo.
MAX_WINDOW_DAYS = 366
MAX_PRE_INFUSION_DAYS = 365
MAX_CONDITIONING_DAYS = 60
VISIT_CODE = re.compile(r"[A-Z][A-Z0-9]{0,9}")
COHORT_CODE = re.compile(r"[A-Z][A-Z0-9-]{0,11}")
#: Anchors with a fixed meaning: a dose's anchor label may not be one of them.
RESERVED_ANCHORS = ("C1", "D1", LAST_DOSE_LABEL, "EVENT", Anchor.DOSE.value)


def shipped_protocol_text(name: str) -> str:
    """The text of a shipped protocol file, read through importlib.resources (wheel or frozen bundle)."""
    return resources.files("ln_scheduler.resources.protocols").joinpath(name).read_text(encoding="utf-8")


@functools.cache
def shipped_protocols() -> tuple[Protocol, ...]:
    """Every shipped protocol (its default cohort's view), oldest version first; parsed once per process
    (the window checks take a while) and frozen, so sharing them is safe."""
    return tuple(parse_protocol(shipped_protocol_text(name).encode("utf-8"), source=name)
                 for name in SHIPPED_PROTOCOLS)


def newest_shipped_protocol() -> Protocol:
    """The newest shipped version: what new enrolments get unless the site chose another."""
    return shipped_protocols()[-1]


def participant_translations(protocol: Protocol) -> Translations:
    """The translations a participant's take-home texts are read with: the protocol's own, completed
    by those of every shipped version of the same protocol id, newest first, for identical English
    texts. So version 1.0 (kept byte for byte as databases stored it) and an amended copy a site
    loaded without translations read in Spanish wherever their texts are those of version 2.0; a text
    of their own stays English (never blank) until their file translates it."""
    found = protocol.translations
    for shipped in reversed(shipped_protocols()):
        if shipped.id == protocol.id and shipped is not protocol:
            found = found.completed_by(shipped.translations)
    return found


def load_default_protocol() -> Protocol:
    """The protocol the app ships, newest version (its default cohort, LN: the calendar of version 1.0)."""
    return newest_shipped_protocol()


def load_protocol(path: str | Path | None = None) -> Protocol:
    """Load ``path``, or the shipped default when ``path`` is None."""
    if path is None:
        return load_default_protocol()
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ProtocolError(str(p), _("cannot read the protocol file ({error})").format(
            error=exc.strerror or exc)) from None
    return parse_protocol(data, source=str(p))


#: Every table and key a protocol file may hold (the shipped files' header comments explain them).
TOP_LEVEL = ("protocol", "conditioning", "cohorts", "doses", "visits", "procedure_rules", "timed_samples",
             "procedures", "translations")
PROTOCOL_KEYS = ("id", "version", "title", "registry", "sponsor_drug")
CONDITIONING_KEYS = ("planned_infusion_offset_days", "min_gap_days", "delay_warning_days", "screening_valid_days")
COHORT_KEYS = ("code", "name", "doses")
DOSE_KEYS = ("number", "anchor", "planned_days_after_previous", "min_days_after_previous", "delay_warning_days")
VISIT_KEYS = ("code", "name", "kind", "anchor", "offset_days", "day", "months", "early", "late", "repeatable",
              "procedures", "expect", "urine", "fasting", "reasons", "cohorts", "names", "expects")
RULE_KEYS = ("cohorts", "drop", "replace", "add", "at", "describe")
SAMPLE_KEYS = ("visit", "visits", "label", "procedures", "reference", "offset_minutes", "before_minutes",
               "after_minutes", "nominal")
#: The list tables, with their keys and how an item is named in an error.
LISTS: tuple[tuple[str, tuple[str, ...], str | None, str | None], ...] = (
         ("visits", VISIT_KEYS, "code", None), ("timed_samples", SAMPLE_KEYS, None, "timed sample"),
         ("cohorts", COHORT_KEYS, "code", "cohorts"), ("doses", DOSE_KEYS, "number", "doses"),
         ("procedure_rules", RULE_KEYS, None, "procedure_rules"))


def parse_protocol(data: bytes, source: str = "<protocol>", *, strict: bool = True) -> Protocol:
    """The protocol ``data`` defines, its default cohort's view; a ProtocolError naming the file,
    the visit and the field for anything wrong. ``strict=False``: a text stored by an earlier,
    lenient version (unknown keys and unusable translations tolerated). The window check is skipped
    only for the exact bytes of a shipped file the test suite checked (:data:`CHECKED_SHIPPED_TEXTS`)."""
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ProtocolError(source, _("the file is not UTF-8 text")) from None
    except tomllib.TOMLDecodeError as exc:
        raise ProtocolError(source, _("not valid TOML ({error})").format(error=exc)) from None
    if strict:
        _check_names(raw, source)
    checked = hashlib.sha256(data).hexdigest() in CHECKED_SHIPPED_TEXTS.values()
    return _build(raw, source, strict=strict, check_windows=not checked)


def _check_names(raw: Mapping[str, Any], source: str) -> None:
    """Refuse any table or key the loader does not read, naming the visit it sits in."""
    for key, value in raw.items():
        if key not in TOP_LEVEL:
            visit = _first_code(value)
            shown = f"[[{key}]]" if isinstance(value, list) else f"[{key}]" if isinstance(value, Mapping) else key
            lost = _("; visit {visit} in it would be ignored").format(visit=visit) if visit else ""
            raise ProtocolError(source, _("unknown table {table}{hint}{lost}").format(
                table=shown, hint=_did_you_mean(key, TOP_LEVEL), lost=lost), visit, key)
    sections: tuple[tuple[str, tuple[str, ...]], ...] = (
        ("protocol", PROTOCOL_KEYS), ("conditioning", CONDITIONING_KEYS))
    for name, allowed in sections:
        table = raw.get(name)
        if isinstance(table, Mapping):
            for key in table:
                if key not in allowed:
                    raise ProtocolError(source, _unknown_key(key, allowed), None, f"{name}.{key}")
    for table, allowed, label, prefix in LISTS:
        items = raw.get(table)
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items):
            if not isinstance(item, Mapping):
                continue
            for key in item:
                if key not in allowed:
                    code = item.get(label) if label else None
                    named = isinstance(code, str | int) and not isinstance(code, bool) and str(code)
                    if prefix is None:  # a visit: named by its code
                        raise ProtocolError(source, _unknown_key(key, allowed),
                                            str(code) if named else f"#{i + 1}", key)
                    if prefix == "timed sample":
                        raise ProtocolError(source, _unknown_key(key, allowed),
                                            f"timed sample #{i + 1}", key)
                    where = f"{prefix}.{code}" if named else f"{prefix} #{i + 1}"
                    raise ProtocolError(source, _unknown_key(key, allowed), None, f"{where}.{key}")


def _first_code(value: Any) -> str | None:
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, Mapping) and isinstance(item.get("code"), str):
            return str(item["code"])
    return None


def _did_you_mean(key: str, allowed: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    return _(" (did you mean '{key}'?)").format(key=close[0]) if close else ""


def _unknown_key(key: str, allowed: tuple[str, ...]) -> str:
    return _("unknown key{hint}").format(hint=_did_you_mean(key, allowed))


def _build(raw: Mapping[str, Any], source: str, *, strict: bool = True, check_windows: bool = True) -> Protocol:
    head = _table(raw, "protocol", source)
    pid = _str(head, "id", source, None)
    version = _str(head, "version", source, None)
    procedures = _procedures(raw, source)
    cond = _conditioning(raw, source)
    cohorts, explicit = _cohorts(raw, source)
    doses = _doses(raw, source, cohorts, explicit)
    labels = {d.anchor_label: d for d in doses}
    entries = tuple(_entry(i, v, source, procedures, labels, cohorts)
                    for i, v in enumerate(_array(raw, "visits", source)))
    codes = {e.definition.code for e in entries}
    raw_samples = raw.get("timed_samples", [])
    if not isinstance(raw_samples, list) or not all(isinstance(x, Mapping) for x in raw_samples):
        raise ProtocolError(source, _("must be a list of [[timed_samples]] tables"), None, "timed_samples")
    samples = tuple(s for i, t in enumerate(raw_samples) for s in _samples(i, t, source, procedures, codes))
    rules = _rules(raw, source, procedures, cohorts, entries)
    for key in ("title", "registry", "sponsor_drug"):
        _optional_text(head, key, source, None, f"protocol.{key}")
    base = Protocol(
        id=pid,
        version=version,
        title=str(head.get("title", pid)),
        registry=str(head.get("registry", "")),
        visits=(),
        procedures=procedures,
        conditioning=cond,
        source=source,
        cohorts=cohorts,
        translations=_translations(raw, source) if strict else _stored_translations(raw, source),
    )
    catalogue = CohortCatalogue(base, cohorts, entries, rules, doses, samples, explicit)
    for cohort in cohorts:
        _check_cohort(catalogue.view(cohort.code), explicit, check_windows=check_windows)
    if strict:
        _check_translations(catalogue, cohorts, source)
    return catalogue.view(cohorts[0].code)


#: A language of a [translations.<code>] table: a two- or three-letter ISO 639 code (``es``).
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


def _translations(raw: Mapping[str, Any], source: str) -> Translations:
    """``[translations.<lang>]`` tables of ``"English text" = "translation"``: each language a
    code, each entry a non-empty text. English is the source language and takes no table."""
    tables = _mapping(raw, "translations", source, "translations", 'tables [translations.<language>] of '
                      '"English text" = "translation"')
    out: list[tuple[str, tuple[tuple[str, str], ...]]] = []
    for code, table in tables.items():
        field = f"translations.{code}"
        if not LANGUAGE_CODE.fullmatch(code) or code == SOURCE_LANGUAGE:
            raise ProtocolError(source, f"'{code}' is not a language to translate into: use a two-letter code "
                                "such as 'es' (the texts themselves are English)", None, field)
        if not isinstance(table, Mapping):
            raise ProtocolError(source, f'language {code}: must be a table of "English text" = "translation"',
                                None, field)
        texts: dict[str, str] = {}
        for english, text in table.items():
            if not isinstance(text, str) or not text.strip():
                raise ProtocolError(source, f"language {code}: the translation of {english!r} is missing or empty",
                                    None, field)
            texts[english.strip()] = text.strip()
        out.append((code, tuple(texts.items())))
    return Translations(tuple(out))


def _stored_translations(raw: Mapping[str, Any], source: str) -> Translations:
    """A stored text's translations: a table it cannot use is left out, never a reason to refuse a
    calendar that was built from it (a participant's text then reads in English)."""
    try:
        return _translations(raw, source)
    except ProtocolError:
        return Translations()


def _check_translations(catalogue: CohortCatalogue, cohorts: tuple[Cohort, ...], source: str) -> None:
    """A language listed translates every participant-facing text of every cohort (a Spanish
    schedule with one English sentence in it is not a Spanish schedule). An entry no text of this file
    uses is allowed: an amendment that drops a visit need not touch its translations, and version
    2.0 carries the title of 1.0 (:func:`participant_translations`)."""
    needed: dict[str, str] = {}
    for cohort in cohorts:
        for text, where in catalogue.view(cohort.code).participant_texts().items():
            needed.setdefault(text, f"{where}{f' in cohort {cohort.code}' if catalogue.explicit_cohorts else ''}")
    translations = catalogue.base.translations
    for code, entries in translations.tables:
        given = dict(entries)
        for text, where in needed.items():
            if text not in given:
                raise ProtocolError(source, f"language {code} has no translation of {text!r} ({where})", None,
                                    f"translations.{code}")


def _check_cohort(protocol: Protocol, explicit: bool, *, check_windows: bool = True) -> None:
    """Everything that must hold within one cohort's view: codes unique, anchors it has, one dose visit
    per dose, procedures not doubled by the cohort's rules, windows apart (``check_windows=False``:
    bytes the test suite checked, see :data:`CHECKED_SHIPPED_TEXTS`)."""
    source = protocol.source
    cohort = protocol.cohort_code
    where = _(" in cohort {cohort}").format(cohort=cohort) if explicit else ""
    seen: set[str] = set()
    for v in protocol.visits:
        if v.code in seen:
            raise ProtocolError(source, _("duplicate visit code{where}").format(where=where), v.code, "code")
        seen.add(v.code)
    cond = protocol.conditioning
    for v in protocol.visits:
        if v.anchor is Anchor.C1 and v.offset_days is not None and v.offset_days >= cond.planned_infusion_offset_days:
            raise ProtocolError(source, _("{offset} puts a C1 visit on or after the infusion (planned {days} days "
                                          "after C1): later visits anchor on D1").format(
                offset=v.offset_days, days=cond.planned_infusion_offset_days), v.code, "offset_days")
        if v.anchor is Anchor.DOSE and v.dose is not None and v.dose > protocol.dose_count:
            raise ProtocolError(source, _("anchored on {anchor} (dose {dose}), but cohort {cohort} has {count}: list "
                                          "the visit's cohorts").format(anchor=v.anchor_label, dose=v.dose,
                                                                        cohort=cohort,
                                                                        count=_doses_text(protocol.dose_count)),
                                v.code, "anchor")
        repeated = sorted({p for p in v.procedures if v.procedures.count(p) > 1})
        if repeated:  # only [[procedure_rules]] can do this: the visit's own list was checked already
            raise ProtocolError(source, _("procedure '{code}' is listed twice{where} after its "
                                          "procedure_rules").format(code=repeated[0], where=where),
                                v.code, "procedures")
    if not any(v.anchor is Anchor.C1 for v in protocol.visits) or not any(
            v.anchor is Anchor.D1 for v in protocol.visits):
        raise ProtocolError(source, _("the protocol needs visits anchored on both C1 and D1{where}").format(
            where=where), None, "visits")
    for number in range(2, protocol.dose_count + 1):
        given = [v for v in protocol.visits if v.dose_number == number]
        if len(given) != 1:
            label = protocol.dose_rule(number).anchor_label
            what = _("no visit") if not given else _("{count} visits ({codes})").format(
                count=len(given), codes=", ".join(v.code for v in given))
            raise ProtocolError(source, _("dose {dose} of cohort {cohort} has {what} of kind 'infusion' anchored on "
                                          "{anchor} with offset_days = 0: it needs exactly one").format(
                dose=number, cohort=cohort, what=what, anchor=label), None, "visits")
    if check_windows:
        _check_windows(protocol)


def _doses_text(n: int) -> str:
    return ngettext("{count} dose", "{count} doses", n).format(count=n)


def _cohorts(raw: Mapping[str, Any], source: str) -> tuple[tuple[Cohort, ...], bool]:
    """The file's [[cohorts]], or the one implicit cohort LN of a file that lists none (version 1.0)."""
    if "cohorts" not in raw:
        return (Cohort(IMPLICIT_COHORT, IMPLICIT_COHORT_NAME, 1),), False
    items = _array(raw, "cohorts", source)
    out: list[Cohort] = []
    for i, t in enumerate(items):
        code = t.get("code")
        field = f"cohorts #{i + 1}"
        if not isinstance(code, str) or not COHORT_CODE.fullmatch(code.strip()):
            raise ProtocolError(source, _("a cohort code is 1-12 capital letters, digits and '-', starting with a "
                                          "letter (got {value})").format(value=_shown(code)), None, f"{field}.code")
        code = code.strip()
        field = f"cohorts.{code}"
        if any(c.code == code for c in out):
            raise ProtocolError(source, _("cohort {code} is listed twice").format(code=code), None, f"{field}.code")
        name = t.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ProtocolError(source, _("missing or empty text"), None, f"{field}.name")
        name = name.strip()
        count = _int(t, "doses", source, None, minimum=1, maximum=MAX_DOSES, field=f"{field}.doses")
        out.append(Cohort(code, name, count))
    return tuple(out), True


def _doses(raw: Mapping[str, Any], source: str, cohorts: tuple[Cohort, ...], explicit: bool) -> tuple[DoseRule, ...]:
    """The [[doses]] after the first, numbered 2, 3... in order; every cohort's doses defined, none unused."""
    items = raw.get("doses", [])
    if not isinstance(items, list) or not all(isinstance(x, Mapping) for x in items):
        raise ProtocolError(source, _("must be a list of [[doses]] tables"), None, "doses")
    if items and not explicit:
        raise ProtocolError(source, _("[[doses]] needs [[cohorts]] saying which cohort is given them (a file with "
                                      "no cohorts has the one cohort {cohort}, given 1 dose)").format(
            cohort=IMPLICIT_COHORT), None, "doses")
    out: list[DoseRule] = []
    for i, t in enumerate(items):
        field = f"doses #{i + 1}"
        number = _int(t, "number", source, None, minimum=2, maximum=MAX_DOSES, field=f"{field}.number")
        if number != i + 2:
            raise ProtocolError(source, _("dose {dose} is out of order: [[doses]] list dose 2, 3... in order, so "
                                          "this one must be dose {expected}").format(dose=number, expected=i + 2),
                                None, f"{field}.number")
        field = f"doses.{number}"
        label = t.get("anchor")
        if not isinstance(label, str) or not VISIT_CODE.fullmatch(label) or label in RESERVED_ANCHORS:
            raise ProtocolError(source, _("a dose anchor is a code such as 'X{dose}', not one of {reserved} (got "
                                          "{value})").format(dose=number, reserved=", ".join(RESERVED_ANCHORS),
                                                             value=_shown(label)), None, f"{field}.anchor")
        taken = next((d.number for d in out if d.anchor_label == label), None)
        if taken is not None:
            raise ProtocolError(source, _("anchor {anchor} is already dose {dose}").format(anchor=label, dose=taken),
                                None, f"{field}.anchor")
        planned = _int(t, "planned_days_after_previous", source, None, minimum=1, maximum=MAX_PRE_INFUSION_DAYS,
                       field=f"{field}.planned_days_after_previous")
        minimum = _int(t, "min_days_after_previous", source, None, minimum=1, maximum=MAX_PRE_INFUSION_DAYS,
                       field=f"{field}.min_days_after_previous")
        if minimum > planned:
            raise ProtocolError(source, _("{minimum} days is more than the {planned} planned after the previous "
                                          "dose: every dose given on its planned date would be refused").format(
                minimum=minimum, planned=planned), None, f"{field}.min_days_after_previous")
        warn = _int(t, "delay_warning_days", source, None, minimum=0, maximum=MAX_PRE_INFUSION_DAYS,
                    field=f"{field}.delay_warning_days")
        out.append(DoseRule(number, label, planned, minimum, warn))
    most = max(c.doses for c in cohorts)
    for c in cohorts:
        if c.doses > 1 + len(out):
            raise ProtocolError(source, _("cohort {cohort} is given {count} doses but [[doses]] defines "
                                          "{defined}").format(cohort=c.code, count=c.doses,
                                                              defined=_doses_text(1 + len(out))),
                                None, f"cohorts.{c.code}.doses")
    if len(out) + 1 > most:
        raise ProtocolError(source, _("dose {dose} is given in no cohort (the most is {most})").format(
            dose=most + 1, most=most), None, f"doses.{most + 1}")
    return tuple(out)


def _cohort_list(t: Mapping[str, Any], key: str, source: str, visit: str | None, cohorts: tuple[Cohort, ...],
                 field: str | None = None) -> tuple[str, ...]:
    """A list of cohort codes (``cohorts = [...]``), each known, none twice."""
    value = t.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(c, str) for c in value):
        raise ProtocolError(source, _("must be a non-empty list of cohort codes"), visit, field or key)
    known = [c.code for c in cohorts]
    for c in value:
        if c not in known:
            raise ProtocolError(source, _("unknown cohort '{code}' (cohorts: {known})").format(
                code=c, known=", ".join(known)), visit, field or key)
        if value.count(c) > 1:
            raise ProtocolError(source, _("cohort {code} is listed twice").format(code=c), visit, field or key)
    return tuple(value)


def _per_cohort_texts(t: Mapping[str, Any], key: str, source: str, code: str,
                      cohorts: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """``names = { SSC-1B = "Day 1: TAK-007 dose 1" }``: texts for some of the visit's cohorts."""
    value = t.get(key, {})
    if not isinstance(value, Mapping):
        raise ProtocolError(source, _("must be a table of cohort = \"text\""), code, key)
    for cohort, text in value.items():
        if cohort not in cohorts:
            raise ProtocolError(source, _("cohort '{cohort}' is not one of this visit's cohorts ({cohorts})").format(
                cohort=cohort, cohorts=", ".join(cohorts)), code, key)
        if not isinstance(text, str) or (key == "names" and not text.strip()):
            raise ProtocolError(source, _("cohort {cohort}: must be text in quotes, not {value}").format(
                cohort=cohort, value=_shown(text)), code, key)
    return pairs({c: str(v).strip() for c, v in value.items()})


def _table(raw: Mapping[str, Any], key: str, source: str) -> Mapping[str, Any]:
    value = raw.get(key)
    if not isinstance(value, Mapping):
        raise ProtocolError(source, _("missing table [{table}]").format(table=key), None, key)
    return value


def _array(raw: Mapping[str, Any], key: str, source: str) -> list[Mapping[str, Any]]:
    value = raw.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(x, Mapping) for x in value):
        raise ProtocolError(source, _("missing or empty [[{table}]] list").format(table=key), None, key)
    return value


def _str(table: Mapping[str, Any], key: str, source: str, visit: str | None) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ProtocolError(source, _("missing or empty text"), visit, key)
    return value.strip()


def _optional_text(table: Mapping[str, Any], key: str, source: str, visit: str | None,
                   field: str | None = None) -> str:
    """A text that may be left out (``expect``, ``nominal``...): a number or a list there is a typo
    (``expect = -3661`` was stored as the note "-3661")."""
    value = table.get(key, "")
    if not isinstance(value, str):
        raise ProtocolError(source, _("must be text in quotes, not {value}").format(value=_shown(value)), visit,
                            field or key)
    return value


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return _("a list")
    return _("a table") if isinstance(value, Mapping) else f"'{value}'"


def _int(table: Mapping[str, Any], key: str, source: str, visit: str | None, *, minimum: int | None = None,
         maximum: int = MAX_DAYS, default: int | None = None, field: str | None = None) -> int:
    value = table.get(key, default)
    name = field or key
    if isinstance(value, bool) or not isinstance(value, int):
        shown = _("missing") if value is None else _("'{value}' is not a whole number").format(value=value)
        raise ProtocolError(source, shown, visit, name)
    if minimum is not None and value < minimum:
        raise ProtocolError(source, _("{value} is below the minimum {minimum}").format(value=value, minimum=minimum),
                            visit, name)
    if abs(value) > maximum:
        raise ProtocolError(source, _("{value} is beyond the sensible limit of {maximum}").format(
            value=value, maximum=maximum), visit, name)
    return value


def _procedures(raw: Mapping[str, Any], source: str) -> dict[str, str]:
    table = _table(raw, "procedures", source)
    out: dict[str, str] = {}
    for code, text in table.items():
        if not isinstance(text, str) or not text.strip():
            raise ProtocolError(source, _("procedure description missing"), None, f"procedures.{code}")
        out[code] = text.strip()
    if not out:
        raise ProtocolError(source, _("the procedure catalogue is empty"), None, "procedures")
    return out


def _conditioning(raw: Mapping[str, Any], source: str) -> ConditioningRules:
    t = _table(raw, "conditioning", source)
    return ConditioningRules(
        planned_infusion_offset_days=_int(t, "planned_infusion_offset_days", source, None, minimum=1,
                                          maximum=MAX_CONDITIONING_DAYS),
        min_gap_days=_int(t, "min_gap_days", source, None, minimum=0, maximum=MAX_CONDITIONING_DAYS),
        delay_warning_days=_int(t, "delay_warning_days", source, None, minimum=0, maximum=MAX_PRE_INFUSION_DAYS),
        screening_valid_days=_int(t, "screening_valid_days", source, None, minimum=1, default=30,
                                  maximum=MAX_PRE_INFUSION_DAYS),
    )


def _entry(index: int, t: Mapping[str, Any], source: str, procedures: Mapping[str, str],
           doses: Mapping[str, DoseRule], cohorts: tuple[Cohort, ...]) -> VisitEntry:
    """One [[visits]] table: its definition and the cohorts it belongs to (default: all)."""
    visit = _visit(index, t, source, procedures, doses)
    code = visit.code
    every = tuple(c.code for c in cohorts)
    listed = _cohort_list(t, "cohorts", source, code, cohorts) if "cohorts" in t else ()
    own = listed or every
    return VisitEntry(visit, listed, _per_cohort_texts(t, "names", source, code, own),
                      _per_cohort_texts(t, "expects", source, code, own))


def _visit(index: int, t: Mapping[str, Any], source: str, procedures: Mapping[str, str],
           doses: Mapping[str, DoseRule]) -> VisitDefinition:
    code = t.get("code")
    if not isinstance(code, str) or not code.strip():
        raise ProtocolError(source, _("missing visit code"), f"#{index + 1}", "code")
    code = code.strip()
    if not VISIT_CODE.fullmatch(code):
        raise ProtocolError(source, _("a visit code is 1-10 capital letters and digits, starting with a letter"),
                            code, "code")
    name = _str(t, "name", source, code)
    anchor_text = str(t.get("anchor", "")).upper()
    dose = doses.get(anchor_text)
    try:
        anchor = Anchor.DOSE if dose is not None else Anchor(anchor_text)
        if anchor is Anchor.DOSE and dose is None:
            raise ValueError(anchor_text)
    except ValueError:
        names = ["C1", "D1", *doses, LAST_DOSE_LABEL, "EVENT"] if doses else ["C1", "D1", "EVENT"]
        message = _("unknown anchor '{anchor}' (use {choices} or {last})").format(
            anchor=t.get("anchor"), choices=", ".join(names[:-1]), last=names[-1])
        raise ProtocolError(source, message, code, "anchor") from None
    kind_raw = t.get("kind", "follow-up")
    try:
        kind = VisitKind(kind_raw)
    except ValueError:
        allowed = ", ".join(k.value for k in VisitKind)
        raise ProtocolError(source, _("unknown kind '{kind}' (use {allowed})").format(kind=kind_raw, allowed=allowed),
                            code, "kind") from None
    early = _int(t, "early", source, code, minimum=0, maximum=MAX_WINDOW_DAYS)
    late = _int(t, "late", source, code, minimum=0, maximum=MAX_WINDOW_DAYS)
    procs = t.get("procedures")
    if not isinstance(procs, list) or not all(isinstance(p, str) for p in procs):
        raise ProtocolError(source, _("must be a list of procedure codes"), code, "procedures")
    for p in procs:
        if p not in procedures:
            raise ProtocolError(source, _("unknown procedure code '{code}'").format(code=p), code, "procedures")
    repeated = sorted({p for p in procs if procs.count(p) > 1})
    if repeated:
        raise ProtocolError(source, _("procedure '{code}' is listed twice").format(code=repeated[0]), code,
                            "procedures")
    offset_days = day = months = None
    if anchor is Anchor.C1:
        offset_days = _int(t, "offset_days", source, code, minimum=-MAX_PRE_INFUSION_DAYS,
                           maximum=MAX_PRE_INFUSION_DAYS)
        _refuse(t, ("day", "months"), source, code, _("a C1 visit takes offset_days"))
    elif anchor is Anchor.D1:
        if ("day" in t) == ("months" in t):
            raise ProtocolError(source, _("a D1 visit takes exactly one of 'day' or 'months'"), code, "day")
        if "day" in t:
            day = _int(t, "day", source, code, minimum=1)
        else:
            months = _int(t, "months", source, code, minimum=1, maximum=MAX_MONTHS)
        _refuse(t, ("offset_days",), source, code, _("a D1 visit takes day or months"))
    elif anchor in (Anchor.DOSE, Anchor.LAST_DOSE):
        # on or after its dose: a visit before a dose anchors on the dose before it
        offset_days = _int(t, "offset_days", source, code, minimum=0, maximum=MAX_PRE_INFUSION_DAYS)
        _refuse(t, ("day", "months"), source, code, _("a visit anchored on {anchor} takes offset_days (days after "
                                                        "that dose; 0 = the dose day)").format(anchor=anchor_text))
    else:
        _refuse(t, ("offset_days", "day", "months"), source, code, _("an EVENT visit is dated when it happens"))
    if kind is VisitKind.INFUSION and not (
            (anchor is Anchor.D1 and day == 1) or (anchor is Anchor.DOSE and offset_days == 0)):
        raise ProtocolError(source, _("a visit of kind 'infusion' is the day a dose is given: anchor D1 with "
                                      "day = 1, or a dose anchor (X2...) with offset_days = 0"), code, "kind")
    reasons = t.get("reasons", [])
    if not isinstance(reasons, list) or not all(isinstance(r, str) for r in reasons):
        raise ProtocolError(source, _("must be a list of texts"), code, "reasons")
    for flag in ("repeatable", "urine", "fasting"):
        if not isinstance(t.get(flag, False), bool):
            raise ProtocolError(source, _("must be true or false"), code, flag)
    expect = _optional_text(t, "expect", source, code)
    return VisitDefinition(
        code=code,
        name=name,
        kind=kind,
        anchor=anchor,
        early=early,
        late=late,
        procedures=tuple(procs),
        offset_days=offset_days,
        day=day,
        months=months,
        repeatable=bool(t.get("repeatable", False)),
        expect=expect,
        urine=bool(t.get("urine", False)),
        fasting=bool(t.get("fasting", False)),
        reasons=tuple(reasons),
        dose=dose.number if dose is not None else None,
        dose_label=dose.anchor_label if dose is not None else None,
    )


def _refuse(t: Mapping[str, Any], keys: tuple[str, ...], source: str, code: str, why: str) -> None:
    for k in keys:
        if k in t:
            raise ProtocolError(source, _("not allowed here: {why}").format(why=why), code, k)


def _samples(index: int, t: Mapping[str, Any], source: str, procedures: Mapping[str, str],
             visits: set[str]) -> tuple[TimedSample, ...]:
    """One [[timed_samples]] table: for ``visit = "D1"``, or for each of ``visits = ["D1", "D8", "D15"]``
    (every dose day shares the PK / cytokine grid without copying it)."""
    where = f"timed sample #{index + 1}"
    if ("visit" in t) == ("visits" in t):
        raise ProtocolError(source, _("takes exactly one of 'visit' or 'visits'"), where, "visit")
    if "visit" in t:
        names = [_str(t, "visit", source, where)]
    else:
        listed = t.get("visits")
        if not isinstance(listed, list) or not listed or not all(isinstance(n, str) for n in listed):
            raise ProtocolError(source, _("must be a non-empty list of visit codes"), where, "visits")
        names = list(listed)
    for visit in names:
        if visit not in visits:
            raise ProtocolError(source, _("unknown visit '{code}'").format(code=visit), where,
                                "visit" if "visit" in t else "visits")
        if names.count(visit) > 1:
            raise ProtocolError(source, _("visit {code} is listed twice").format(code=visit), where, "visits")
    procs = t.get("procedures", [])
    if not isinstance(procs, list) or any(p not in procedures for p in procs):
        raise ProtocolError(source, _("unknown procedure code"), where, "procedures")
    label = _str(t, "label", source, where)
    reference = _str(t, "reference", source, where)
    offset = _int(t, "offset_minutes", source, where, maximum=MAX_MINUTES)
    before = _int(t, "before_minutes", source, where, minimum=0, maximum=MAX_MINUTES)
    after = _int(t, "after_minutes", source, where, minimum=0, maximum=MAX_MINUTES)
    nominal = _optional_text(t, "nominal", source, where)
    return tuple(TimedSample(visit=v, label=label, procedures=tuple(procs), reference=reference,
                             offset_minutes=offset, before_minutes=before, after_minutes=after, nominal=nominal)
                 for v in names)


def _rules(raw: Mapping[str, Any], source: str, procedures: Mapping[str, str], cohorts: tuple[Cohort, ...],
           entries: tuple[VisitEntry, ...]) -> tuple[ProcedureRule, ...]:
    """The [[procedure_rules]], each checked against the catalogue and the cohorts it names."""
    items = raw.get("procedure_rules", [])
    if not isinstance(items, list) or not all(isinstance(x, Mapping) for x in items):
        raise ProtocolError(source, _("must be a list of [[procedure_rules]] tables"), None, "procedure_rules")
    rules = tuple(_rule(f"procedure_rules #{i + 1}", t, source, procedures, cohorts) for i, t in enumerate(items))
    for i, rule in enumerate(rules):
        _check_rule_fits(rule, f"procedure_rules #{i + 1}", source, entries)
    return rules


def _rule(field: str, t: Mapping[str, Any], source: str, procedures: Mapping[str, str],
          cohorts: tuple[Cohort, ...]) -> ProcedureRule:
    """One rule as written: known cohorts and procedure codes; ``add`` and ``at`` together."""
    listed = _cohort_list(t, "cohorts", source, None, cohorts, f"{field}.cohorts")
    drop = _codes(t.get("drop", []), source, procedures, f"{field}.drop")
    replace_raw = _mapping(t, "replace", source, f"{field}.replace", _('a table of CODE = ["NEW", ...]'))
    replace = tuple((_codes([old], source, procedures, f"{field}.replace")[0],
                     _codes(new, source, procedures, f"{field}.replace.{old}")) for old, new in replace_raw.items())
    both = [old for old, _new in replace if old in drop]
    if both:
        raise ProtocolError(source, _("'{code}' is both dropped and replaced").format(code=both[0]), None,
                            f"{field}.replace")
    add = _codes(t.get("add", []), source, procedures, f"{field}.add")
    at = t.get("at", [])
    if not isinstance(at, list) or not all(isinstance(c, str) for c in at) or bool(add) != bool(at):
        raise ProtocolError(source, _("'add' and 'at' go together: the procedures and the visits they are added "
                                      "at"), None, f"{field}.at")
    describe = _mapping(t, "describe", source, f"{field}.describe", _('a table of CODE = "text"'))
    for code, text in describe.items():
        _codes([code], source, procedures, f"{field}.describe")
        if not isinstance(text, str) or not text.strip():
            raise ProtocolError(source, _("procedure description missing"), None, f"{field}.describe.{code}")
    return ProcedureRule(listed, drop, replace, add, tuple(at), pairs({c: str(x).strip() for c, x in describe.items()}))


def _check_rule_fits(rule: ProcedureRule, field: str, source: str, entries: tuple[VisitEntry, ...]) -> None:
    """Every visit of ``at`` exists in each cohort named, and every dropped or replaced code is in some
    visit of it: a rule that changes nothing is a typo (BIOPSYY), not a harmless line."""
    for cohort in rule.cohorts:
        present = [e.definition for e in entries if e.applies_to(cohort)]
        for v in rule.at:
            if not any(d.code == v for d in present):
                raise ProtocolError(source, _("cohort {cohort} has no visit {code}").format(cohort=cohort, code=v),
                                    None, f"{field}.at")
        used = {p for d in present for p in d.procedures}
        for code in (*rule.drop, *(old for old, _new in rule.replace)):
            if code not in used:
                raise ProtocolError(source, _("no visit of cohort {cohort} has '{code}' to drop or replace").format(
                    cohort=cohort, code=code), None, field)


def _codes(value: Any, source: str, procedures: Mapping[str, str], field: str) -> tuple[str, ...]:
    """A list of procedure codes of the catalogue."""
    if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
        raise ProtocolError(source, _("must be a list of procedure codes in quotes"), None, field)
    for c in value:
        if c not in procedures:
            raise ProtocolError(source, _("unknown procedure code '{code}'").format(code=c), None, field)
    return tuple(value)


def _mapping(t: Mapping[str, Any], key: str, source: str, field: str, shape: str) -> Mapping[str, Any]:
    value = t.get(key, {})
    if not isinstance(value, Mapping):
        raise ProtocolError(source, _("must be {shape}").format(shape=shape), None, field)
    return value


# Reference infusion dates used to check windows against neighbours' targets: every month end
# and month start of a leap and a common year, where calendar-month visits are shortest/longest.
_REFERENCE_D1 = tuple(
    date(y, m, d)
    for y in (2027, 2028)
    for m in range(1, 13)
    for d in (1, 28, 29, 30, 31)
    if d <= (date(y + (m == 12), m % 12 + 1, 1) - date(y, m, 1)).days
)


def _check_windows(protocol: Protocol) -> None:
    """Refuse a window that swallows a neighbouring visit's target (on any reference date, every dose
    on its planned date)."""
    from .schedule import planned_targets  # local: schedule imports the protocol model

    visits = {v.code: v for v in protocol.calendar_visits}
    for d1 in _REFERENCE_D1:
        c1 = d1.fromordinal(d1.toordinal() - protocol.conditioning.planned_infusion_offset_days)
        targets = [(target, visits[code]) for code, target in planned_targets(protocol, c1).items()]
        targets.sort(key=lambda tv: tv[0])
        for i, (target, v) in enumerate(targets):
            for j in (i - 1, i + 1):
                if 0 <= j < len(targets):
                    other_target, other = targets[j]
                    if other_target == target:
                        same = _("has the same target day as visit {code}{cohort}").format(
                            code=other.code, cohort=_cohort_note(protocol))
                        raise ProtocolError(protocol.source, same, v.code, "day")
                    lo = target.toordinal() - v.early
                    hi = target.toordinal() + v.late
                    if lo <= other_target.toordinal() <= hi:
                        field = "early" if j < i else "late"
                        raise ProtocolError(
                            protocol.source,
                            _("window -{early}/+{late} days swallows the target of visit {code}{cohort}").format(
                                early=v.early, late=v.late, code=other.code, cohort=_cohort_note(protocol)),
                            v.code,
                            field,
                        )


def _cohort_note(protocol: Protocol) -> str:
    return _(" in cohort {cohort}").format(cohort=protocol.cohort_code) if len(protocol.cohorts) > 1 else ""
