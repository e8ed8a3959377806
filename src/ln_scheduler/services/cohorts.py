"""A participant's cohort (LN, SSC-1A, SSC-1B in version 2.0): chosen at enrolment, changeable with a
reason until conditioning is recorded, never after (the doses a participant is planned for follow
from the conditioning they were given). A change moves the calendar onto the new cohort's view of
the same protocol version exactly as a protocol change does: previewed, visits the new cohort has
added (or reopened when an earlier change cancelled them), open visits it lacks cancelled, audited."""

from __future__ import annotations

from ..domain.protocol import Protocol
from ..i18n import _
from ..store.models import Participant
from .context import ServiceContext
from .errors import ServiceError
from .guards import load_participant_row, participant_for_write, refresh_status, require_active, require_reason
from .guards import set_field as set_participant_field
from .protocol_change import apply_target, target_preview
from .records import SchedulePreview

#: The reason on visits a cohort change cancelled; a change back to a cohort that has them reopens them.
COHORT_CANCEL_PREFIX = "not in cohort"


def _target(ctx: ServiceContext, p: Participant, cohort: str) -> Protocol:
    """The new cohort's view of the participant's version, after the checks."""
    require_active(p)
    code = cohort.strip().upper()
    if p.conditioning_start_actual is not None:
        raise ServiceError(_("conditioning of {id} was recorded as starting on {date}: the cohort ({cohort}) can "
                             "no longer change").format(id=p.study_id, date=p.conditioning_start_actual.isoformat(),
                                                        cohort=p.cohort))
    whole = ctx.protocols.get(p.protocol_id, p.protocol_version)
    whole.cohort(code)  # unknown: a DomainError listing this version's cohorts
    if code == p.cohort:
        raise ServiceError(_("{id} is already in cohort {cohort}").format(id=p.study_id, cohort=code))
    return whole.for_cohort(code)


def _description(p: Participant, code: str) -> str:
    """What the preview says it does, in the interface language (shown, compared within one process,
    never stored)."""
    return _("move {id} from cohort {old} to cohort {new}").format(id=p.study_id, old=p.cohort, new=code)


def preview_cohort_change(ctx: ServiceContext, pid: str, cohort: str) -> SchedulePreview:
    with ctx.read() as session:
        p = load_participant_row(session, pid)
        target = _target(ctx, p, cohort)
        return target_preview(ctx, session, p, target, _description(p, target.cohort_code), COHORT_CANCEL_PREFIX)


def change_cohort(ctx: ServiceContext, pid: str, cohort: str, reason: str, *, expected_version: int | None,
                  preview: SchedulePreview | None = None) -> None:
    text = require_reason(reason, _("a cohort change"))
    if preview is not None:
        if preview.participant_id != pid.strip():
            raise ServiceError(_("the preview is of participant {shown}, not of {id}").format(
                shown=preview.participant_id, id=pid.strip()))
        expected_version = preview.version if expected_version is None else expected_version
    with ctx.write() as tx:
        p = participant_for_write(ctx, tx, pid, expected_version)
        target = _target(ctx, p, cohort)
        if preview is not None:
            now = target_preview(ctx, tx.session, p, target, _description(p, target.cohort_code), COHORT_CANCEL_PREFIX)
            if (now.description, now.changes) != (preview.description, preview.changes):
                raise ctx.conflict(tx.subject)
        apply_target(ctx, tx, p, target, text, f"{COHORT_CANCEL_PREFIX} {target.cohort_code}", COHORT_CANCEL_PREFIX)
        set_participant_field(p, tx.audit, "cohort", target.cohort_code, text)
        refresh_status(p, target, tx.audit, text)
