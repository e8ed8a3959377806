"""Are the audit trail's protection triggers still there, and switched on?

The triggers made by revision 0001 refuse UPDATE, DELETE (and on PostgreSQL TRUNCATE) of audit rows
and any backward move of the chain head. Whoever tampers with the trail must drop or disable them
first, and may put them back afterwards; one left dropped or disabled is evidence in itself and an
open door for the next edit, so ``audit verify`` reports it.

A trigger is checked whole, not for a word in it: put back under its name with its RAISE behind a
condition never true (``WHEN 0``), or on fewer events, it passed a check for "raise" and refused
nothing. SQLite keeps each trigger's CREATE statement as it was run: its fingerprint (SHA-256 of the
statement, lower case, whitespace collapsed) must be the one the migrations wrote. PostgreSQL keeps
the parts: the table, the timing and events (``tgtype``), no WHEN condition, the function called,
and that function's source (fingerprinted the same way). A migration that changes a trigger changes
its fingerprint here too; ``tests/db/test_tamper_catalogue.py`` verifies a freshly migrated database
of each engine intact, so a fingerprint left behind fails there.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import Connection, text

from ..i18n import N_, _

#: name -> (table, fingerprint of its CREATE statement), as revisions 0001 and 0004 make them.
SQLITE_TRIGGERS = {
    "trg_audit_log_no_update": ("audit_log", "7fdc12bde6d9c3dd"),
    "trg_audit_log_no_delete": ("audit_log", "64ab65ffc5f38f61"),
    "trg_audit_head_forward_only": ("audit_head", "b5b8ca39d7c7dd18"),
    "trg_audit_head_no_delete": ("audit_head", "0e9ed3364f8fb481"),
}
#: pg_trigger.tgtype: ROW 1, BEFORE 2, INSERT 4, DELETE 8, UPDATE 16, TRUNCATE 32.
_ROW_BEFORE_UPDATE_OR_DELETE = 1 | 2 | 8 | 16
_STATEMENT_BEFORE_TRUNCATE = 2 | 32
_APPEND_ONLY = ("ln_audit_append_only", "e185700461508f30")
#: name -> (table, tgtype, (function, fingerprint of its source)).
POSTGRESQL_TRIGGERS = {
    "trg_audit_log_no_update": ("audit_log", _ROW_BEFORE_UPDATE_OR_DELETE, _APPEND_ONLY),
    "trg_audit_log_no_truncate": ("audit_log", _STATEMENT_BEFORE_TRUNCATE, _APPEND_ONLY),
    "trg_audit_head_forward_only": ("audit_head", _ROW_BEFORE_UPDATE_OR_DELETE,
                                    ("ln_audit_head_forward_only", "35dcf3c78fe573bf")),
    "trg_audit_head_no_truncate": ("audit_head", _STATEMENT_BEFORE_TRUNCATE, _APPEND_ONLY),
}
#: pg_trigger.tgenabled: O fires in origin sessions, A always; D is disabled, R fires only in replicas.
_PG_ENABLED = ("O", "A")


def trigger_problems(conn: Connection) -> list[str]:
    if conn.dialect.name == "sqlite":
        return _sqlite(conn)
    return _postgresql(conn)


#: The problems both engines report, marked for the catalogue (``_()`` at use).
_MISSING = N_("trigger {name} on {table} is missing (dropped): the database no longer refuses changes to the "
              "audit trail")
_REPLACED = N_("trigger {name} on {table} was replaced by one that does not refuse changes")


def fingerprint(sql: str) -> str:
    """SHA-256 (16 hex digits) of ``sql`` in lower case with its whitespace collapsed."""
    return hashlib.sha256(" ".join(sql.lower().split()).encode("utf-8")).hexdigest()[:16]


def _sqlite(conn: Connection) -> list[str]:
    found = {name: (table, sql or "") for name, table, sql in conn.execute(
        text("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'"))}
    problems = []
    for name, (table, expected) in SQLITE_TRIGGERS.items():
        if name not in found:
            problems.append(_(_MISSING).format(name=name, table=table))
        elif found[name][0] != table or fingerprint(found[name][1]) != expected:
            problems.append(_(_REPLACED).format(name=name, table=table))
    return problems


def _postgresql(conn: Connection) -> list[str]:
    rows = conn.execute(text(
        "SELECT t.tgname, c.relname, t.tgenabled, t.tgtype, t.tgqual IS NULL, p.proname, p.prosrc "
        "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid "
        "WHERE NOT t.tgisinternal AND c.relname IN ('audit_log', 'audit_head') "
        "AND c.relnamespace = to_regnamespace(current_schema())::oid")).all()
    found = {name: (table, str(enabled), (int(kind), bool(unconditional), function, fingerprint(source or "")))
             for name, table, enabled, kind, unconditional, function, source in rows}
    problems = []
    for name, (table, kind, function) in POSTGRESQL_TRIGGERS.items():
        if name not in found:
            problems.append(_(_MISSING).format(name=name, table=table))
            continue
        on, enabled, made = found[name]
        if on != table or made != (kind, True, *function):
            problems.append(_(_REPLACED).format(name=name, table=table))
        elif enabled not in _PG_ENABLED:
            problems.append(_("trigger {name} on {table} is disabled (ALTER TABLE … DISABLE TRIGGER): the "
                              "database no longer refuses changes to the audit trail").format(name=name, table=table))
    return problems
