"""The SQL script that sets up the owner, coordinator and monitor roles of a shared PostgreSQL
database (``resources/sql/postgres_roles.sql``), with the site's own names filled in.

The script is a template and not a function of ours that runs the SQL: a site's database
administrator reads what will be run, and runs it with psql as a superuser the app never has.
Names are restricted to lower-case SQL identifiers (letters, digits, ``_``), so they need no
quoting anywhere in the script (identifiers and string literals alike) and a name can never
smuggle SQL in. Plain Python: ``ln-scheduler db roles-sql`` prints it without loading SQLAlchemy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from importlib.resources import files

from ..i18n import _
from .errors import StoreConfigError

SCRIPT_PACKAGE, SCRIPT_NAME = "ln_scheduler.resources.sql", "postgres_roles.sql"
#: Lower-case identifiers of at most 63 bytes (PostgreSQL's NAMEDATALEN - 1), not starting with pg_.
_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


@dataclass(frozen=True)
class RoleNames:
    """The database and the three roles the script creates (defaults for a single-study site)."""

    database: str = "ln_scheduler"
    owner: str = "ln_owner"
    coordinator: str = "ln_coordinator"
    monitor: str = "ln_monitor"

    def __post_init__(self) -> None:
        for f in fields(self):
            check_name(f.name, getattr(self, f.name))
        roles = [self.owner, self.coordinator, self.monitor]
        if len(set(roles)) != len(roles):
            raise StoreConfigError(_("the owner, coordinator and monitor roles must have three different names"))


def check_name(what: str, name: str) -> None:
    if not _NAME.fullmatch(name) or name.startswith("pg_"):
        raise StoreConfigError(_("--{option} {name!r} is not a usable name: use lower-case letters, digits and _, "
                                 "starting with a letter or _ (at most 63 characters, not pg_...)").format(
            option=what, name=name))


def template() -> str:
    """The shipped script with its ``{{database}}``, ``{{owner}}``... placeholders."""
    return files(SCRIPT_PACKAGE).joinpath(SCRIPT_NAME).read_text(encoding="utf-8")


def roles_sql(names: RoleNames | None = None) -> str:
    """The script with ``names`` filled in, ready for ``psql -f``."""
    names = names or RoleNames()
    text = template()
    for f in fields(names):
        text = text.replace("{{" + f.name + "}}", getattr(names, f.name))
    return text
