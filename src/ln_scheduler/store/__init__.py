"""Persistence: SQLAlchemy models, engine and URL handling, Alembic migrations, the audit trail.

Only ``services`` uses this package; what leaves it is detached data, never a live Session.
Importing it imports SQLAlchemy (~0.26 s), so nothing on the CLI start-up path imports it.
"""
