"""The Core table behind a mapped class, for the Core statements (insert, update) that want one."""

from __future__ import annotations

from sqlalchemy import Table

from ..store.models import Base


def core_table(model: type[Base]) -> Table:
    """``model.__table__`` as the :class:`Table` it is. SQLAlchemy types ``__table__`` as any
    FromClause (a class may be mapped to a join or a select), which Core ``insert`` and ``update``
    refuse; every model of the store maps one table, so this only names what is there."""
    table = model.__table__
    if not isinstance(table, Table):  # not one of the store's models: a mistake in the calling code
        raise TypeError(f"{model.__name__} is not mapped to one table")
    return table
