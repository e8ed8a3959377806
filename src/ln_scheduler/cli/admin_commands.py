"""``ln-scheduler db ...``: what a site's database administrator needs, none of it touching the
database itself (``db roles-sql`` prints the PostgreSQL roles script for psql to run)."""

from __future__ import annotations

import argparse
import sys

from ..i18n import _
from .common import CliError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``db`` group to ``ln-scheduler``."""
    db = sub.add_parser("db", help=_("database administration (PostgreSQL roles)"))
    actions = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    roles = actions.add_parser(
        "roles-sql",
        help=_("print the SQL that creates the owner, coordinator and read-only monitor roles of a shared "
          "PostgreSQL database (run it with psql as a superuser)"),
        description=_("Print the SQL script (for psql, run as a superuser) that creates a database and its "
          "owner role (creates and upgrades the schema), coordinator role (reads and writes, appends to the "
          "audit trail, no DDL) and read-only monitor role. It is idempotent: run it again after the owner's "
          "first start, and after every upgrade."),
    )
    roles.add_argument("--database", default="ln_scheduler", metavar="NAME", help=_("database name (ln_scheduler)"))
    roles.add_argument("--owner", default="ln_owner", metavar="ROLE", help=_("schema owner role (ln_owner)"))
    roles.add_argument("--coordinator", default="ln_coordinator", metavar="ROLE",
                       help=_("coordinators' read-write role (ln_coordinator)"))
    roles.add_argument("--monitor", default="ln_monitor", metavar="ROLE", help=_("read-only role (ln_monitor)"))
    roles.set_defaults(handler=run_roles_sql)


def run_roles_sql(args: argparse.Namespace) -> int:
    from ..domain.errors import DomainError
    from ..store.roles_script import RoleNames, roles_sql

    try:
        names = RoleNames(database=args.database, owner=args.owner, coordinator=args.coordinator,
                          monitor=args.monitor)
    except DomainError as exc:
        raise CliError(str(exc)) from None
    sys.stdout.write(roles_sql(names))
    return 0
