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

from ..domain.participant_status import ParticipantStatus
from ..services.records import AuditEntry
from .formatting import NONE_TEXT, day_text

#: (entity, field) -> label; a field alone applies to every entity.
FIELD_LABELS: dict[tuple[str, str] | str, str] = {
    ("participant", "participant"): "Enrolment",
    ("visit", "visit"): "Visit added",
    ("procedure", "outcome"): "Outcome",
    ("participant", "status"): "Participant status",
    ("visit", "state"): "State",
    ("visit", "reason"): "Reason noted",
    ("site", "name"): "Site name",
    ("site", "number"): "Site number",
    ("site", "closed_date"): "Closure date",
    "initials": "Initials",
    "protocol": "Protocol",
    "protocol_id": "Protocol",
    "protocol_version": "Protocol version",
    "screening_date": "Screening date",
    "conditioning_start_planned": "Conditioning start (planned)",
    "conditioning_start_actual": "Conditioning start (given)",
    "infusion_planned": "Infusion (planned)",
    "infusion_actual": "Infusion (given)",
    "withdrawal_date": "Withdrawal date",
    "withdrawal_reason": "Withdrawal reason",
    "target": "Target date",
    "earliest": "Window opens",
    "latest": "Window closes",
    "scheduled": "Scheduled date",
    "scheduled_time": "Appointment time",
    "actual": "Done on",
    "booked": "Booked",
    "deviation": "Outside window (deviation)",
    "closed_day": "On a closed day",
    "done": "Done",
    "not_done_reason": "Reason not done",
    "time_done": "Time done",
    "sample_id": "Tube / result id",
    "timezone": "Time zone",
    "closure_rules": "Closure rules",
    "participant_id_pattern": "Participant ID format",
    "status": "Status",
}

ACTION_TEXT = {"insert": "Created", "update": "Changed", "correct": "Corrected (entered in error)"}

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_STATES = {"open": "Open", "done": "Done", "missed": "Missed", "cancelled": "Cancelled"}


def field_label(entity: str, field: str) -> str:
    return FIELD_LABELS.get((entity, field)) or FIELD_LABELS.get(field) or field.replace("_", " ").capitalize()


def value_text(field: str, value: Any) -> str:
    """One stored value as the GUI writes it elsewhere."""
    if value is None or value == "":
        return NONE_TEXT
    if isinstance(value, bool):
        return "Yes" if value else "No"
    text = str(value)
    if _ISO_DATE.fullmatch(text):
        return day_text(date.fromisoformat(text))
    if text in ("yes", "no"):
        return text.capitalize()
    if field == "status" and text in ParticipantStatus.__members__.values():
        return ParticipantStatus(text).label
    if field == "state":
        return _STATES.get(text, text)
    return text


def _procedure_outcome(code: str, values: Mapping[str, Any]) -> str:
    """``PK: done at 09:05, tube T-0412`` or ``PK: not done (sample haemolysed)``."""
    done = values.get("done")
    if done is False:
        return f"{code}: not done ({values.get('not_done_reason') or 'no reason given'})"
    text = f"{code}: {'done' if done else 'not recorded'}"
    if values.get("time_done"):
        text += f" at {values['time_done']}"
    if values.get("sample_id"):
        text += f", tube / result {values['sample_id']}"
    return text


def _new_visit(values: Mapping[str, Any]) -> str:
    """``Target 2027-03-10 Wed, window 2027-03-08 … 03-12, scheduled 2027-03-10 Wed``."""
    parts = []
    if values.get("actual"):
        parts.append(f"done on {value_text('actual', values['actual'])}")
    if values.get("target"):
        parts.append(f"target {value_text('target', values['target'])}")
    earliest, latest = values.get("earliest"), values.get("latest")
    if earliest and latest:
        same_year = latest[:4] == earliest[:4]
        parts.append(f"window {earliest} only" if earliest == latest else
                     f"window {earliest} … {latest[5:] if same_year else latest}")
    if values.get("scheduled") and not values.get("actual"):
        parts.append(f"scheduled {value_text('scheduled', values['scheduled'])}")
    if not parts:
        parts.append("not planned yet")
    state = values.get("state")
    if state and state not in ("open", "done"):
        parts.append(_STATES.get(state, state).lower())
    text = ", ".join(parts)
    return text[0].upper() + text[1:]


def _generic(values: Mapping[str, Any]) -> str:
    return "; ".join(f"{field_label('', k)}: {value_text(k, v)}" for k, v in values.items() if v not in (None, ""))


def _dict_text(entry: AuditEntry, values: Mapping[str, Any]) -> str:
    if entry.entity == "procedure":
        return _procedure_outcome(entry.entity_key.rsplit("/", 1)[-1], values)
    if entry.entity == "visit" and entry.field == "visit":
        return _new_visit(values)
    return _generic(values)


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
        return f"Visit {code}{suffix}"
    if entry.entity == "procedure" and len(parts) >= 3:
        code = parts[1].partition("#")[0]
        return f"{parts[2]} at {code}"
    return entry.entity.capitalize()


def change_text(entry: AuditEntry) -> str:
    """What happened to the field: its label, and the kind of change when it is not a plain edit."""
    label = field_label(entry.entity, entry.field)
    if entry.action == "insert" and entry.field in ("participant", "visit", "outcome"):
        return label
    if entry.action == "insert":
        return f"{label} (set)"
    if entry.action == "correct":
        return f"{label}: corrected"
    return label
