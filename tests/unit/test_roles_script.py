"""The shipped PostgreSQL roles script: every table of the schema has its grants in it (a new
table without them would lock the coordinator out, or give it rights nobody chose), the audit
trail is append-only for the coordinator, and only safe names are filled in."""

from __future__ import annotations

import re

import pytest

from ln_scheduler.domain.errors import DomainError
from ln_scheduler.store.models import Base
from ln_scheduler.store.roles_script import RoleNames, roles_sql, template


def coordinator_grants(script: str) -> dict[str, set[str]]:
    """The ('table', 'RIGHTS') rows of the script's grant loop."""
    rows = re.findall(r"\('([a-z_]+)',\s*'([A-Z, ]+)'\)", script)
    return {table: {r.strip() for r in rights.split(",")} for table, rights in rows}


def test_every_table_of_the_schema_and_alembic_version_is_granted():
    grants = coordinator_grants(template())
    assert set(grants) == set(Base.metadata.tables) | {"alembic_version"}


def test_the_coordinator_may_only_append_to_the_audit_trail_and_deletes_nothing_but_closures_and_doses():
    grants = coordinator_grants(template())
    assert grants["audit_log"] == {"SELECT", "INSERT"}
    assert grants["audit_head"] == {"SELECT", "UPDATE"}
    assert grants["alembic_version"] == {"SELECT"}
    # study data: a later dose corrected as entered in error, a reopened day (both audited); besides,
    # the calendar's plumbing (an outbox row goes once its event is on the server; 'calendar off'
    # forgets the target, audited)
    assert [t for t, rights in grants.items() if "DELETE" in rights] == [
        "doses", "site_closures", "calendar_outbox", "calendar_targets"]
    assert all(rights <= {"SELECT", "INSERT", "UPDATE", "DELETE"} for rights in grants.values())  # no TRUNCATE


def test_the_names_are_filled_in_everywhere():
    script = roles_sql(RoleNames(database="site104", owner="o104", coordinator="c104", monitor="m104"))
    assert "{{" not in script and "}}" not in script
    assert "CREATE ROLE c104 LOGIN" in script and "\\connect site104" in script
    assert "ALTER ROLE m104 SET default_transaction_read_only = on" in script


@pytest.mark.parametrize("names", [
    {"owner": "Owner"}, {"owner": "1owner"}, {"monitor": "pg_read_all_data"}, {"database": "a-b"},
    {"coordinator": "x'; DROP TABLE audit_log; --"}, {"monitor": "m" * 64}, {"coordinator": "ln_owner"},
])
def test_unsafe_or_clashing_names_are_refused(names):
    with pytest.raises(DomainError):
        RoleNames(**names)
