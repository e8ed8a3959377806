"""The audit trail in words a coordinator and a monitor read: field labels instead of column
names (``Scheduled date``, not ``scheduled``), values as the rest of the GUI writes them (dates
with their weekday, Yes/No) and the values of a created record as a sentence
(``PK: not done (sample haemolysed)``), not the JSON the trail stores.

Only the wording changes: what is stored, and hashed, stays as it is (the audit model shows it
in the tooltip).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication

from ..domain.participant_status import ParticipantStatus
from ..i18n import UnknownLanguage, language
from ..services.records import AuditEntry
from .formatting import NONE_TEXT, day_text
from .translate_noop import (  # not on one line: lupdate would take a bare name at the line's end for
    QT_TRANSLATE_NOOP,  # a call and drop the translators' comment below
)

#: (entity, field) -> label; a field alone applies to every entity.
FIELD_LABELS: dict[tuple[str, str] | str, str] = {
    ("participant", "participant"): QT_TRANSLATE_NOOP("AuditWording", "Enrolment"),
    ("visit", "visit"): QT_TRANSLATE_NOOP("AuditWording", "Visit added"),
    ("procedure", "outcome"): QT_TRANSLATE_NOOP("AuditWording", "Outcome"),
    ("participant", "status"): QT_TRANSLATE_NOOP("AuditWording", "Participant status"),
    ("visit", "state"): QT_TRANSLATE_NOOP("AuditWording", "State"),
    ("visit", "reason"): QT_TRANSLATE_NOOP("AuditWording", "Reason noted"),
    ("site", "name"): QT_TRANSLATE_NOOP("AuditWording", "Site name"),
    ("site", "number"): QT_TRANSLATE_NOOP("AuditWording", "Site number"),
    ("site", "closed_date"): QT_TRANSLATE_NOOP("AuditWording", "Closure date"),
    ("protocol", "sha256"): QT_TRANSLATE_NOOP("AuditWording", "Text stored (its SHA-256)"),
    ("calendar", "url"): QT_TRANSLATE_NOOP("AuditWording", "Published to (address)"),
    ("calendar", "user_name"): QT_TRANSLATE_NOOP("AuditWording", "Published as (account)"),
    ("visit", "name"): QT_TRANSLATE_NOOP("AuditWording", "Visit name"),
    ("visit", "kind"): QT_TRANSLATE_NOOP("AuditWording", "Kind of visit"),
    ("dose", "dose"): QT_TRANSLATE_NOOP("AuditWording", "Dose"),
    ("dose", "given_on"): QT_TRANSLATE_NOOP("AuditWording", "Given on"),
    ("dose", "not_given_reason"): QT_TRANSLATE_NOOP("AuditWording", "Reason not given"),
    ("site", "enrolment_protocol_version"): QT_TRANSLATE_NOOP("AuditWording", "Protocol version for enrolments"),
    "initials": QT_TRANSLATE_NOOP("AuditWording", "Initials"),
    "protocol": QT_TRANSLATE_NOOP("AuditWording", "Protocol"),
    "protocol_id": QT_TRANSLATE_NOOP("AuditWording", "Protocol"),
    "protocol_version": QT_TRANSLATE_NOOP("AuditWording", "Protocol version"),
    "screening_date": QT_TRANSLATE_NOOP("AuditWording", "Screening date"),
    "conditioning_start_planned": QT_TRANSLATE_NOOP("AuditWording", "Conditioning start (planned)"),
    "conditioning_start_actual": QT_TRANSLATE_NOOP("AuditWording", "Conditioning start (given)"),
    "infusion_planned": QT_TRANSLATE_NOOP("AuditWording", "Infusion (planned)"),
    "infusion_actual": QT_TRANSLATE_NOOP("AuditWording", "Infusion (given)"),
    "withdrawal_date": QT_TRANSLATE_NOOP("AuditWording", "Withdrawal date"),
    "withdrawal_reason": QT_TRANSLATE_NOOP("AuditWording", "Withdrawal reason"),
    "target": QT_TRANSLATE_NOOP("AuditWording", "Target date"),
    "earliest": QT_TRANSLATE_NOOP("AuditWording", "Window opens"),
    "latest": QT_TRANSLATE_NOOP("AuditWording", "Window closes"),
    "scheduled": QT_TRANSLATE_NOOP("AuditWording", "Scheduled date"),
    "scheduled_time": QT_TRANSLATE_NOOP("AuditWording", "Appointment time"),
    "actual": QT_TRANSLATE_NOOP("AuditWording", "Done on"),
    "booked": QT_TRANSLATE_NOOP("AuditWording", "Booked"),
    "deviation": QT_TRANSLATE_NOOP("AuditWording", "Outside window (deviation)"),
    "closed_day": QT_TRANSLATE_NOOP("AuditWording", "On a closed day"),
    "done": QT_TRANSLATE_NOOP("AuditWording", "Done"),
    "not_done_reason": QT_TRANSLATE_NOOP("AuditWording", "Reason not done"),
    "time_done": QT_TRANSLATE_NOOP("AuditWording", "Time done"),
    "sample_id": QT_TRANSLATE_NOOP("AuditWording", "Tube / result id"),
    "timezone": QT_TRANSLATE_NOOP("AuditWording", "Time zone"),
    "closure_rules": QT_TRANSLATE_NOOP("AuditWording", "Closure rules"),
    "participant_id_pattern": QT_TRANSLATE_NOOP("AuditWording", "Participant ID format"),
    "status": QT_TRANSLATE_NOOP("AuditWording", "Status"),
    "language": QT_TRANSLATE_NOOP("AuditWording", "Language"),
    "phone": QT_TRANSLATE_NOOP("AuditWording", "Phone"),
    "cohort": QT_TRANSLATE_NOOP("AuditWording", "Cohort"),
}

ACTION_TEXT = {"insert": QT_TRANSLATE_NOOP("AuditWording", "Created"),
               "update": QT_TRANSLATE_NOOP("AuditWording", "Changed"),
               "correct": QT_TRANSLATE_NOOP("AuditWording", "Corrected (entered in error)")}

#: Record kinds as the Record column names them (``Participant``, ``Site``).
ENTITY_NAMES = {"participant": QT_TRANSLATE_NOOP("AuditWording", "Participant"),
                "site": QT_TRANSLATE_NOOP("AuditWording", "Site"),
                "visit": QT_TRANSLATE_NOOP("AuditWording", "Visit"),
                "procedure": QT_TRANSLATE_NOOP("AuditWording", "Procedure"),
                "dose": QT_TRANSLATE_NOOP("AuditWording", "Dose"),
                "protocol": QT_TRANSLATE_NOOP("AuditWording", "Protocol"),
                "calendar": QT_TRANSLATE_NOOP("AuditWording", "Site calendar")}

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_STATES = {"open": QT_TRANSLATE_NOOP("AuditWording", "Open"), "done": QT_TRANSLATE_NOOP("AuditWording", "Done"),
           "missed": QT_TRANSLATE_NOOP("AuditWording", "Missed"),
           "cancelled": QT_TRANSLATE_NOOP("AuditWording", "Cancelled")}


translate = QCoreApplication.translate


def _t(text: str) -> str:
    """``text`` (a marked constant) in the window's language."""
    return QCoreApplication.translate("AuditWording", text)


def action_text(action: str) -> str:
    """``Created``, ``Changed``, ``Corrected (entered in error)``: the kind of audit entry."""
    return _t(ACTION_TEXT[action]) if action in ACTION_TEXT else action.capitalize()


def field_label(entity: str, field: str) -> str:
    label = FIELD_LABELS.get((entity, field)) or FIELD_LABELS.get(field)
    return _t(label) if label else field.replace("_", " ").capitalize()


def value_text(field: str, value: Any) -> str:
    """One stored value as the GUI writes it elsewhere."""
    if value is None or value == "":
        return NONE_TEXT
    if isinstance(value, bool):
        return _t(QT_TRANSLATE_NOOP("AuditWording", "Yes")) if value else _t(QT_TRANSLATE_NOOP("AuditWording", "No"))
    text = str(value)
    if _ISO_DATE.fullmatch(text):
        return day_text(date.fromisoformat(text))
    if text == "yes":
        return _t(QT_TRANSLATE_NOOP("AuditWording", "Yes"))
    if text == "no":
        return _t(QT_TRANSLATE_NOOP("AuditWording", "No"))
    if field == "status" and text in ParticipantStatus.__members__.values():
        return ParticipantStatus(text).label
    if field == "state":
        return _t(_STATES[text]) if text in _STATES else text
    if field == "language":  # the take-home language by its name, not its code ("Español (Spanish)")
        try:
            return language(text).label
        except UnknownLanguage:  # a catalogue no longer shipped: the stored code, as stored
            return text
    return text


def _procedure_outcome(code: str, values: Mapping[str, Any]) -> str:
    """``PK: done at 09:05, tube T-0412`` or ``PK: not done (sample haemolysed)``."""
    done = values.get("done")
    if done is False:
        reason = values.get("not_done_reason") or QCoreApplication.translate("AuditWording", "no reason given")
        return QCoreApplication.translate("AuditWording", "{code}: not done ({reason})").format(code=code,
                                                                                                 reason=reason)
    if done:
        text = QCoreApplication.translate("AuditWording", "{code}: done").format(code=code)
    else:
        text = QCoreApplication.translate("AuditWording", "{code}: not recorded").format(code=code)
    if values.get("time_done"):
        text += QCoreApplication.translate("AuditWording", " at {time}").format(time=values["time_done"])
    if values.get("sample_id"):
        text += QCoreApplication.translate("AuditWording", ", tube / result {sample}").format(
            sample=values["sample_id"])
    return text


def _new_visit(values: Mapping[str, Any]) -> str:
    """``Target 2027-03-10 Wed, window 2027-03-08 … 03-12, scheduled 2027-03-10 Wed``."""
    parts = []
    if values.get("actual"):
        parts.append(translate("AuditWording", "done on {date}").format(date=value_text("actual", values["actual"])))
    if values.get("target"):
        parts.append(translate("AuditWording", "target {date}").format(date=value_text("target", values["target"])))
    earliest, latest = values.get("earliest"), values.get("latest")
    if earliest and latest:
        same_year = latest[:4] == earliest[:4]
        parts.append(translate("AuditWording", "window {date} only").format(date=earliest) if earliest == latest else
                     translate("AuditWording", "window {first} … {last}").format(
                         first=earliest, last=latest[5:] if same_year else latest))
    if values.get("scheduled") and not values.get("actual"):
        parts.append(translate("AuditWording", "scheduled {date}").format(
            date=value_text("scheduled", values["scheduled"])))
    if not parts:
        parts.append(translate("AuditWording", "not planned yet"))
    state = values.get("state")
    if state and state not in ("open", "done"):
        parts.append(_t(_STATES[state]).lower() if state in _STATES else state)
    text = ", ".join(parts)
    return text[0].upper() + text[1:]


def _generic(values: Mapping[str, Any], entity: str = "") -> str:
    """``Given on: 2027-02-07 Sun; …``: the values of a record created or removed, each by its label
    for that kind of record (a dose's "Given on" read "Given on" in the Spanish trail)."""
    return "; ".join(f"{field_label(entity, k)}: {value_text(k, v)}" for k, v in values.items()
                     if v not in (None, ""))


def _dict_text(entry: AuditEntry, values: Mapping[str, Any]) -> str:
    if entry.entity == "procedure":
        return _procedure_outcome(entry.entity_key.rsplit("/", 1)[-1], values)
    if entry.entity == "visit" and entry.field == "visit":
        return _new_visit(values)
    return _generic(values, entry.entity)


def stored_value_text(entry: AuditEntry, stored: str | None) -> str:
    """An old or new value of ``entry`` in words (empty for the old value of a created record)."""
    if stored is None:
        return "" if entry.action == "insert" else NONE_TEXT
    if stored.startswith("{"):
        try:
            values = json.loads(stored)
        except ValueError:
            return stored
        if isinstance(values, dict):
            return _dict_text(entry, values)
    if entry.entity == "procedure" and entry.field == "outcome":  # e.g. "planned" (unscheduled visit)
        return f"{entry.entity_key.rsplit('/', 1)[-1]}: {stored}"
    return value_text(entry.field, stored)


def record_text(entry: AuditEntry) -> str:
    """Which record: ``Visit D7``, ``PK at D7`` (a procedure), ``Participant``, ``Site`` (the
    participant ID is the one shown; the tooltip has the stored key)."""
    parts = entry.entity_key.split("/")
    if entry.entity == "visit" and len(parts) >= 2:
        code, _, occurrence = parts[1].partition("#")
        suffix = f" #{occurrence}" if occurrence and occurrence != "1" else ""
        return QCoreApplication.translate("AuditWording", "Visit {code}").format(code=code) + suffix
    if entry.entity == "procedure" and len(parts) >= 3:
        code = parts[1].partition("#")[0]
        return QCoreApplication.translate("AuditWording", "{procedure} at {visit}").format(procedure=parts[2],
                                                                                           visit=code)
    if entry.entity == "dose" and "#" in entry.entity_key:  # "104-007/dose#2": which dose
        return QCoreApplication.translate("AuditWording", "Dose {number}").format(
            number=entry.entity_key.rpartition("#")[2])
    if entry.entity == "protocol":  # no participant to name it by: the version stored
        return QCoreApplication.translate("AuditWording", "Protocol {key}").format(key=entry.entity_key)
    entity = ENTITY_NAMES.get(entry.entity)
    return _t(entity) if entity else entry.entity.capitalize()


def change_text(entry: AuditEntry) -> str:
    """What happened to the field: its label, and the kind of change when it is not a plain edit."""
    label = field_label(entry.entity, entry.field)
    if entry.action == "insert" and entry.field in ("participant", "visit", "outcome"):
        return label
    if entry.action == "insert":
        return QCoreApplication.translate("AuditWording", "{label} (set)").format(label=label)
    if entry.action == "correct":
        return QCoreApplication.translate("AuditWording", "{label}: corrected").format(label=label)
    return label
