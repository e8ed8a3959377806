"""Are the audit trail's protection triggers still there, and switched on?

The triggers made by revision 0001 refuse UPDATE, DELETE (and on PostgreSQL TRUNCATE) of audit rows
and any backward move of the chain head. Whoever tampers with the trail must drop or disable them
first, and may put them back afterwards; one left dropped or disabled is evidence in itself and an
open door for the next edit, so ``audit verify`` reports it. A trigger replaced by one of the same
name that no longer raises is reported as changed.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from ..i18n import N_, _

#: name -> table, as revision 0001 creates them.
SQLITE_TRIGGERS = {
    "trg_audit_log_no_update": "audit_log",
    "trg_audit_log_no_delete": "audit_log",
    "trg_audit_head_forward_only": "audit_head",
    "trg_audit_head_no_delete": "audit_head",
}
POSTGRESQL_TRIGGERS = {
    "trg_audit_log_no_update": "audit_log",
    "trg_audit_log_no_truncate": "audit_log",
    "trg_audit_head_forward_only": "audit_head",
    "trg_audit_head_no_truncate": "audit_head",
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


def _sqlite(conn: Connection) -> list[str]:
    found = {name: (table, sql or "") for name, table, sql in conn.execute(
        text("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'"))}
    problems = []
    for name, table in SQLITE_TRIGGERS.items():
        if name not in found:
            problems.append(_(_MISSING).format(name=name, table=table))
        elif found[name][0] != table or "raise(abort" not in " ".join(found[name][1].lower().split()).replace(
                "raise (", "raise("):
            problems.append(_(_REPLACED).format(name=name, table=table))
    return problems


def _postgresql(conn: Connection) -> list[str]:
    rows = conn.execute(text(
        "SELECT t.tgname, c.relname, t.tgenabled, p.prosrc FROM pg_trigger t "
        "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid "
        "WHERE NOT t.tgisinternal AND c.relname IN ('audit_log', 'audit_head') "
        "AND c.relnamespace = to_regnamespace(current_schema())::oid")).all()
    found = {name: (table, str(enabled), source or "") for name, table, enabled, source in rows}
    problems = []
    for name, table in POSTGRESQL_TRIGGERS.items():
        if name not in found:
            problems.append(_(_MISSING).format(name=name, table=table))
            continue
        on, enabled, source = found[name]
        if on != table or "raise exception" not in source.lower():
            problems.append(_(_REPLACED).format(name=name, table=table))
        elif enabled not in _PG_ENABLED:
            problems.append(_("trigger {name} on {table} is disabled (ALTER TABLE … DISABLE TRIGGER): the "
                              "database no longer refuses changes to the audit trail").format(name=name, table=table))
    return problems
