"""Site settings: name, number, time zone, closure rules and dates, participant ID pattern, the
protocol version new participants are enrolled on (None: the newest shipped), and the study team's
phone participants call (printed on what they take home)."""

from __future__ import annotations

import re
from dataclasses import replace
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..domain.protocol import Protocol
from ..domain.site_calendar import SiteCalendar
from ..i18n import _
from ..store.models import STATE_OPEN, SiteClosure, SiteSettings, Visit
from .context import ServiceContext, Tx
from .errors import ServiceError
from .records import SiteInfo
from .tables import core_table

SITE_KEY = "site"


#: Table columns (Core), not ORM attributes: this read runs at every start-up and a first ORM
#: query costs ~10 ms of compiling that a command line such as ``participant show`` would pay.
_SETTINGS, _CLOSED_ON = SiteSettings.__table__, SiteClosure.__table__.c.closed_on


def read_site(session: Session) -> SiteInfo:
    row = session.execute(select(_SETTINGS).where(_SETTINGS.c.id == 1)).first()
    closures = tuple(session.execute(select(_CLOSED_ON).order_by(_CLOSED_ON)).scalars())
    if row is None:
        return SiteInfo(closed_dates=closures)
    rules = tuple(r for r in row.closure_rules.split(",") if r)
    return SiteInfo(name=row.name, number=row.number, timezone=row.timezone, closure_rules=rules,
                    closed_dates=closures, participant_id_pattern=row.participant_id_pattern,
                    enrolment_protocol_version=row.enrolment_protocol_version, phone=row.phone, stored=True)


def enrolment_protocol(ctx: ServiceContext, info: SiteInfo) -> Protocol:
    """The protocol new participants are enrolled on: the site's chosen shipped version, else the newest."""
    if info.enrolment_protocol_version is None:
        return ctx.protocols.default
    return ctx.protocols.shipped_version(info.enrolment_protocol_version)


def site_calendar(session: Session) -> SiteCalendar:
    return read_site(session).calendar()


def get_site(ctx: ServiceContext) -> SiteInfo:
    with ctx.read() as session:
        info = read_site(session)
    ctx.set_timezone(info.timezone)
    return info


def validate_site(info: SiteInfo) -> None:
    if not info.name.strip():
        raise ServiceError(_("the site name cannot be empty"))
    try:
        ZoneInfo(info.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ServiceError(_("unknown time zone '{zone}': use an IANA name such as America/New_York").format(
            zone=info.timezone)) from None
    SiteCalendar.from_rules(info.closure_rules or ("none",), info.closed_dates)  # DomainError if bad
    check_phone(info.phone)
    try:
        re.compile(info.participant_id_pattern)
    except re.error as exc:
        raise ServiceError(_("the participant ID pattern is not a valid regular expression: {error}").format(
            error=exc)) from None


#: What a phone number may hold: digits, spaces, + ( ) - . and "ext" (an extension), at most 40.
PHONE = re.compile(r"(?:[0-9 +().\-]|ext)*", re.IGNORECASE)
PHONE_LENGTH = 40


def check_phone(phone: str) -> str:
    """The study team's phone as stored (trimmed); refused when it holds anything a phone number does
    not (a participant dials it from a printed page: no letters, no names)."""
    text = phone.strip()
    if len(text) > PHONE_LENGTH or not PHONE.fullmatch(text) or (text and not any(c.isdigit() for c in text)):
        raise ServiceError(_("the study team phone '{phone}' is not a phone number: use digits, spaces, "
                             "+ ( ) - . and 'ext' only, at most {limit} characters").format(phone=text,
                                                                                         limit=PHONE_LENGTH))
    return text


def update_site(ctx: ServiceContext, info: SiteInfo, reason: str) -> SiteInfo:
    """Change site settings. Closure changes apply to visits planned from now on; visits already
    on calendars keep their dates (re-anchoring re-plans them), but an open visit now on a closed
    day says so (and one on a day that reopened no longer does), so the coordinator sees which
    appointments to move."""
    validate_site(info)
    if info.enrolment_protocol_version is not None:
        ctx.protocols.shipped_version(info.enrolment_protocol_version)  # one line naming the shipped ones
        info = replace(info, enrolment_protocol_version=info.enrolment_protocol_version.strip())
    with ctx.write() as tx:
        _apply(tx, info, reason)
    return get_site(ctx)


def _apply(tx: Tx, info: SiteInfo, reason: str) -> None:
    session, audit = tx.session, tx.audit
    tx.subject = (_("the site settings"), SITE_KEY)
    row = session.get(SiteSettings, 1)
    rules = ",".join(info.closure_rules)
    new = {"name": info.name.strip(), "number": info.number.strip(), "timezone": info.timezone,
           "closure_rules": rules, "participant_id_pattern": info.participant_id_pattern,
           "enrolment_protocol_version": info.enrolment_protocol_version, "phone": info.phone.strip()}
    if row is None:
        row = SiteSettings(id=1, **new)
        session.add(row)
        for field, value in new.items():
            if value is None or (field == "phone" and not value):  # unset (the enrolment version: the
                continue  # newest shipped; no phone: the audit replay knows a new site's is empty)
            audit.add(action="insert", entity="site", key=SITE_KEY, participant_id=None, field=field,
                      new=value, reason=reason)
    else:
        for field, value in new.items():
            if audit.change(entity="site", key=SITE_KEY, participant_id=None, field=field,
                            old=getattr(row, field), new=value, reason=reason):
                setattr(row, field, value)
    existing = {c.closed_on: c for c in session.execute(select(SiteClosure)).scalars()}
    wanted = set(info.closed_dates)
    for d in sorted(wanted - existing.keys()):
        session.add(SiteClosure(closed_on=d, reason=""))
        audit.add(action="insert", entity="site", key=SITE_KEY, participant_id=None, field="closed_date",
                  new=d, reason=reason)
    for d in sorted(existing.keys() - wanted):
        session.delete(existing[d])  # a closure date is configuration, its history is in the audit
        audit.add(action="update", entity="site", key=SITE_KEY, participant_id=None, field="closed_date",
                  old=d, new=None, reason=reason)
    session.flush()
    _flag_closed_days(session)


def _flag_closed_days(session: Session) -> None:
    """``closed_day`` of every open, dated visit, from the site calendar as it now is. The flag is
    derived from the audited site settings (as a visit's study day is from its dates), so it
    changes without audit rows of its own, and without raising the visit's version: a dialog open
    on that visit elsewhere may still save (booking recomputes the flag)."""
    calendar = site_calendar(session)
    visits = core_table(Visit)
    rows = session.execute(select(visits.c.id, visits.c.scheduled, visits.c.closed_day).where(
        visits.c.state == STATE_OPEN, visits.c.actual.is_(None), visits.c.scheduled.is_not(None)))
    flips: dict[bool, list[int]] = {True: [], False: []}
    for visit_id, scheduled, closed_day in rows:
        closed = not calendar.is_open(scheduled)
        if bool(closed_day) != closed:
            flips[closed].append(visit_id)
    for closed, ids in flips.items():
        for start in range(0, len(ids), 500):
            session.execute(update(visits).where(visits.c.id.in_(ids[start:start + 500])).values(closed_day=closed))
