"""Reading and validating a protocol file (TOML).

Validation is strict because a wrong window is a protocol deviation waiting to happen: every
problem is reported with the file, the visit and the field, and nothing half-loaded escapes.
Unknown tables and keys are refused too, not ignored: ``[[visit]]`` written for ``[[visits]]``
used to drop that visit (Month 24) silently, and moving a participant to the file cancelled it.
Texts stored in the database by an earlier, lenient version are re-read with ``strict=False``, so
a calendar built from one reads back exactly as it was built.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Mapping
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ProtocolError
from .protocol import (
    Anchor,
    ConditioningRules,
    Protocol,
    TimedSample,
    VisitDefinition,
    VisitKind,
)

DEFAULT_PROTOCOL = "tak007-ln-v1.0.toml"
#: Upper bounds that catch typos (a window of 3000 days, Month 999999) before date arithmetic does.
MAX_DAYS = 3660
MAX_MONTHS = 120
MAX_MINUTES = 24 * 60
#: A visit window wider than a year, or a conditioning rule beyond these, is a typo.
MAX_WINDOW_DAYS = 366
MAX_PRE_INFUSION_DAYS = 365
MAX_CONDITIONING_DAYS = 60
VISIT_CODE = re.compile(r"[A-Z][A-Z0-9]{0,9}")


def load_default_protocol() -> Protocol:
    """The protocol the app ships, read through importlib.resources (wheel or frozen bundle)."""
    ref = resources.files("ln_scheduler.resources.protocols").joinpath(DEFAULT_PROTOCOL)
    return parse_protocol(ref.read_bytes(), source=DEFAULT_PROTOCOL)


def load_protocol(path: str | Path | None = None) -> Protocol:
    """Load ``path``, or the shipped default when ``path`` is None."""
    if path is None:
        return load_default_protocol()
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ProtocolError(str(p), f"cannot read the protocol file ({exc.strerror or exc})") from None
    return parse_protocol(data, source=str(p))


#: Every table and key a protocol file may hold (the shipped file's header comment explains them).
TOP_LEVEL = ("protocol", "conditioning", "visits", "timed_samples", "procedures")
PROTOCOL_KEYS = ("id", "version", "title", "registry", "sponsor_drug")
CONDITIONING_KEYS = ("planned_infusion_offset_days", "min_gap_days", "delay_warning_days", "screening_valid_days")
VISIT_KEYS = ("code", "name", "kind", "anchor", "offset_days", "day", "months", "early", "late", "repeatable",
              "procedures", "expect", "urine", "fasting", "reasons")
SAMPLE_KEYS = ("visit", "label", "procedures", "reference", "offset_minutes", "before_minutes", "after_minutes",
               "nominal")


def parse_protocol(data: bytes, source: str = "<protocol>", *, strict: bool = True) -> Protocol:
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ProtocolError(source, "the file is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ProtocolError(source, f"not valid TOML ({exc})") from None
    if strict:
        _check_names(raw, source)
    return _build(raw, source)


def _check_names(raw: Mapping[str, Any], source: str) -> None:
    """Refuse any table or key the loader does not read, naming the visit it sits in."""
    for key, value in raw.items():
        if key not in TOP_LEVEL:
            visit = _first_code(value)
            shown = f"[[{key}]]" if isinstance(value, list) else f"[{key}]" if isinstance(value, Mapping) else key
            lost = f"; visit {visit} in it would be ignored" if visit else ""
            raise ProtocolError(source, f"unknown table {shown}{_did_you_mean(key, TOP_LEVEL)}{lost}", visit, key)
    sections = (("protocol", PROTOCOL_KEYS), ("conditioning", CONDITIONING_KEYS))
    for name, allowed in sections:
        table = raw.get(name)
        if isinstance(table, Mapping):
            for key in table:
                if key not in allowed:
                    raise ProtocolError(source, f"unknown key{_did_you_mean(key, allowed)}", None, f"{name}.{key}")
    for items, allowed, label in ((raw.get("visits"), VISIT_KEYS, "code"), (raw.get("timed_samples"), SAMPLE_KEYS,
                                                                          None)):
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items):
            if not isinstance(item, Mapping):
                continue
            for key in item:
                if key not in allowed:
                    code = item.get(label) if label else None
                    where = str(code) if isinstance(code, str) and code else (
                        f"#{i + 1}" if label else f"timed sample #{i + 1}")
                    raise ProtocolError(source, f"unknown key{_did_you_mean(key, allowed)}", where, key)


def _first_code(value: Any) -> str | None:
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, Mapping) and isinstance(item.get("code"), str):
            return str(item["code"])
    return None


def _did_you_mean(key: str, allowed: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _build(raw: Mapping[str, Any], source: str) -> Protocol:
    head = _table(raw, "protocol", source)
    pid = _str(head, "id", source, None)
    version = _str(head, "version", source, None)
    procedures = _procedures(raw, source)
    cond = _conditioning(raw, source)
    visits = tuple(_visit(i, v, source, procedures) for i, v in enumerate(_array(raw, "visits", source)))
    seen: set[str] = set()
    for v in visits:
        if v.code in seen:
            raise ProtocolError(source, "duplicate visit code", v.code, "code")
        seen.add(v.code)
    for v in visits:
        if v.offset_days is not None and v.offset_days >= cond.planned_infusion_offset_days:
            raise ProtocolError(source, f"{v.offset_days} puts a C1 visit on or after the infusion (planned "
                                f"{cond.planned_infusion_offset_days} days after C1): later visits anchor on D1",
                                v.code, "offset_days")
    if not any(v.anchor is Anchor.C1 for v in visits) or not any(v.anchor is Anchor.D1 for v in visits):
        raise ProtocolError(source, "the protocol needs visits anchored on both C1 and D1", None, "visits")
    raw_samples = raw.get("timed_samples", [])
    if not isinstance(raw_samples, list) or not all(isinstance(x, Mapping) for x in raw_samples):
        raise ProtocolError(source, "must be a list of [[timed_samples]] tables", None, "timed_samples")
    samples = tuple(_sample(i, s, source, procedures, seen) for i, s in enumerate(raw_samples))
    for key in ("title", "registry", "sponsor_drug"):
        _optional_text(head, key, source, None, f"protocol.{key}")
    protocol = Protocol(
        id=pid,
        version=version,
        title=str(head.get("title", pid)),
        registry=str(head.get("registry", "")),
        visits=visits,
        procedures=procedures,
        conditioning=cond,
        timed_samples=samples,
        source=source,
    )
    _check_windows(protocol)
    return protocol


def _table(raw: Mapping[str, Any], key: str, source: str) -> Mapping[str, Any]:
    value = raw.get(key)
    if not isinstance(value, Mapping):
        raise ProtocolError(source, f"missing table [{key}]", None, key)
    return value


def _array(raw: Mapping[str, Any], key: str, source: str) -> list[Mapping[str, Any]]:
    value = raw.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(x, Mapping) for x in value):
        raise ProtocolError(source, f"missing or empty [[{key}]] list", None, key)
    return value


def _str(table: Mapping[str, Any], key: str, source: str, visit: str | None) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ProtocolError(source, "missing or empty text", visit, key)
    return value.strip()


def _optional_text(table: Mapping[str, Any], key: str, source: str, visit: str | None,
                   field: str | None = None) -> str:
    """A text that may be left out (``expect``, ``nominal``...): a number or a list there is a typo
    (``expect = -3661`` was stored as the note "-3661")."""
    value = table.get(key, "")
    if not isinstance(value, str):
        raise ProtocolError(source, f"must be text in quotes, not {_shown(value)}", visit, field or key)
    return value


def _shown(value: Any) -> str:
    return f"'{value}'" if not isinstance(value, list | Mapping) else "a list" if isinstance(value, list) else "a table"


def _int(table: Mapping[str, Any], key: str, source: str, visit: str | None, *, minimum: int | None = None,
         maximum: int = MAX_DAYS, default: int | None = None) -> int:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        shown = "missing" if value is None else f"'{value}' is not a whole number"
        raise ProtocolError(source, f"{shown}", visit, key)
    if minimum is not None and value < minimum:
        raise ProtocolError(source, f"{value} is below the minimum {minimum}", visit, key)
    if abs(value) > maximum:
        raise ProtocolError(source, f"{value} is beyond the sensible limit of {maximum}", visit, key)
    return value


def _procedures(raw: Mapping[str, Any], source: str) -> dict[str, str]:
    table = _table(raw, "procedures", source)
    out: dict[str, str] = {}
    for code, text in table.items():
        if not isinstance(text, str) or not text.strip():
            raise ProtocolError(source, "procedure description missing", None, f"procedures.{code}")
        out[code] = text.strip()
    if not out:
        raise ProtocolError(source, "the procedure catalogue is empty", None, "procedures")
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


def _visit(index: int, t: Mapping[str, Any], source: str, procedures: Mapping[str, str]) -> VisitDefinition:
    code = t.get("code")
    if not isinstance(code, str) or not code.strip():
        raise ProtocolError(source, "missing visit code", f"#{index + 1}", "code")
    code = code.strip()
    if not VISIT_CODE.fullmatch(code):
        raise ProtocolError(source, "a visit code is 1-10 capital letters and digits, starting with a letter",
                            code, "code")
    name = _str(t, "name", source, code)
    try:
        anchor = Anchor(str(t.get("anchor", "")).upper())
    except ValueError:
        message = f"unknown anchor '{t.get('anchor')}' (use C1, D1 or EVENT)"
        raise ProtocolError(source, message, code, "anchor") from None
    kind_raw = t.get("kind", "follow-up")
    try:
        kind = VisitKind(kind_raw)
    except ValueError:
        allowed = ", ".join(k.value for k in VisitKind)
        raise ProtocolError(source, f"unknown kind '{kind_raw}' (use {allowed})", code, "kind") from None
    early = _int(t, "early", source, code, minimum=0, maximum=MAX_WINDOW_DAYS)
    late = _int(t, "late", source, code, minimum=0, maximum=MAX_WINDOW_DAYS)
    procs = t.get("procedures")
    if not isinstance(procs, list) or not all(isinstance(p, str) for p in procs):
        raise ProtocolError(source, "must be a list of procedure codes", code, "procedures")
    for p in procs:
        if p not in procedures:
            raise ProtocolError(source, f"unknown procedure code '{p}'", code, "procedures")
    repeated = sorted({p for p in procs if procs.count(p) > 1})
    if repeated:
        raise ProtocolError(source, f"procedure '{repeated[0]}' is listed twice", code, "procedures")
    offset_days = day = months = None
    if anchor is Anchor.C1:
        offset_days = _int(t, "offset_days", source, code, minimum=-MAX_PRE_INFUSION_DAYS,
                           maximum=MAX_PRE_INFUSION_DAYS)
        _refuse(t, ("day", "months"), source, code, "a C1 visit takes offset_days")
    elif anchor is Anchor.D1:
        if ("day" in t) == ("months" in t):
            raise ProtocolError(source, "a D1 visit takes exactly one of 'day' or 'months'", code, "day")
        if "day" in t:
            day = _int(t, "day", source, code, minimum=1)
        else:
            months = _int(t, "months", source, code, minimum=1, maximum=MAX_MONTHS)
        _refuse(t, ("offset_days",), source, code, "a D1 visit takes day or months")
    else:
        _refuse(t, ("offset_days", "day", "months"), source, code, "an EVENT visit is dated when it happens")
    reasons = t.get("reasons", [])
    if not isinstance(reasons, list) or not all(isinstance(r, str) for r in reasons):
        raise ProtocolError(source, "must be a list of texts", code, "reasons")
    for flag in ("repeatable", "urine", "fasting"):
        if not isinstance(t.get(flag, False), bool):
            raise ProtocolError(source, "must be true or false", code, flag)
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
    )


def _refuse(t: Mapping[str, Any], keys: tuple[str, ...], source: str, code: str, why: str) -> None:
    for k in keys:
        if k in t:
            raise ProtocolError(source, f"not allowed here: {why}", code, k)


def _sample(index: int, t: Mapping[str, Any], source: str, procedures: Mapping[str, str],
            visits: set[str]) -> TimedSample:
    where = f"timed sample #{index + 1}"
    visit = _str(t, "visit", source, where)
    if visit not in visits:
        raise ProtocolError(source, f"unknown visit '{visit}'", where, "visit")
    procs = t.get("procedures", [])
    if not isinstance(procs, list) or any(p not in procedures for p in procs):
        raise ProtocolError(source, "unknown procedure code", where, "procedures")
    return TimedSample(
        visit=visit,
        label=_str(t, "label", source, where),
        procedures=tuple(procs),
        reference=_str(t, "reference", source, where),
        offset_minutes=_int(t, "offset_minutes", source, where, maximum=MAX_MINUTES),
        before_minutes=_int(t, "before_minutes", source, where, minimum=0, maximum=MAX_MINUTES),
        after_minutes=_int(t, "after_minutes", source, where, minimum=0, maximum=MAX_MINUTES),
        nominal=_optional_text(t, "nominal", source, where),
    )


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
    """Refuse a window that swallows a neighbouring visit's target (on any reference date)."""
    from .schedule import nominal_target  # local: schedule imports the protocol model

    visits = protocol.calendar_visits
    for d1 in _REFERENCE_D1:
        c1 = d1.fromordinal(d1.toordinal() - protocol.conditioning.planned_infusion_offset_days)
        targets = [(nominal_target(v, c1, d1), v) for v in visits]
        targets.sort(key=lambda tv: tv[0])
        for i, (target, v) in enumerate(targets):
            for j in (i - 1, i + 1):
                if 0 <= j < len(targets):
                    other_target, other = targets[j]
                    if other_target == target:
                        raise ProtocolError(protocol.source, f"has the same target day as visit {other.code}",
                                            v.code, "day")
                    lo = target.toordinal() - v.early
                    hi = target.toordinal() + v.late
                    if lo <= other_target.toordinal() <= hi:
                        field = "early" if j < i else "late"
                        raise ProtocolError(
                            protocol.source,
                            f"window -{v.early}/+{v.late} days swallows the target of visit {other.code}",
                            v.code,
                            field,
                        )
