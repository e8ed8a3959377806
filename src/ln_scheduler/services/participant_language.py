"""A participant's language: the language of what they take home (the plain schedule, the personal
calendar), chosen at enrolment and changeable with a reason (audited: who, when, old, new, why).

A change is allowed for a withdrawn participant too: a coordinator may still send them letters or a
last schedule, and those should be in a language they read. Like every write, it is refused on a
read-only database (a monitor's account) before anything is tried.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import UnknownLanguage, _, interface_language, language, parse_language
from .errors import ServiceError

if TYPE_CHECKING:
    from .context import ServiceContext


def participant_language(text: str) -> str:
    """The code of a language the application has (``es`` for "ES", "es_MX"...); otherwise a
    ServiceError listing the languages there are, so every caller shows one line."""
    try:
        return parse_language(text)
    except UnknownLanguage as exc:
        raise ServiceError(str(exc)) from None


def language_name(code: str) -> str:
    """The language's name in the interface language, as written mid-sentence ("Spanish" to an
    English reader, "español" to a Spanish one): Babel's locale data, so a new language needs no
    catalogue entry for its name."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code).get_display_name(interface_language()) or language(code).english_name
    except (ValueError, UnknownLocaleError):
        return language(code).english_name


def change_language(ctx: ServiceContext, pid: str, code: str, reason: str, *,
                    expected_version: int | None = None) -> None:
    """Write the participant's new language with the reason; the same language again is refused
    (nothing would change, and an audit row saying so would mislead). The write-side guards are
    imported here: ``participant show`` names the language with this module and stays a light read."""
    from .guards import participant_for_write, require_reason
    from .guards import set_field as set_participant_field

    new = participant_language(code)
    text = require_reason(reason, _("a language change"))
    with ctx.write() as tx:
        p = participant_for_write(ctx, tx, pid, expected_version)
        if p.language == new:
            raise ServiceError(_("participant {id} already takes home texts in {language}").format(
                id=p.study_id, language=language_name(new)))
        set_participant_field(p, tx.audit, "language", new, text)
