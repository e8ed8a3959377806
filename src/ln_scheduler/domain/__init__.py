"""The pure core: protocol, study days, schedule rules, site calendar, visit status.

Nothing here imports Qt, SQLAlchemy or any other package of ours outside ``domain``; the clock is
always a parameter, so every rule can be tested with any "today".
"""
