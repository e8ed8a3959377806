"""LN Visit Scheduler: the participant-visit calendar of study NCT06377228 (TAK-007 in LN)."""

__version__ = "0.1.0"
