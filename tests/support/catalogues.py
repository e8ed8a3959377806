"""Catalogue completeness: every string the code marks for a gettext domain, extracted from the
package with Babel's own extractor (what ``pybabel extract`` finds), against each shipped language's
catalogue of that domain. One helper for both domains: each domain's test passes its keywords.

Keywords (Babel's spec: ``None`` = the first argument; ``((1, "c"), 2)`` = context, message):

- ``take_home`` (:data:`TAKE_HOME_KEYWORDS`): the methods ``gettext`` and ``pgettext`` of
  ``ParticipantTexts`` (and of the take-home's own ``words`` wrapper), called on a literal:
  ``texts.gettext("Your dose days")``, ``texts.pgettext("dose", "second")``. The take-home code
  does not call ``ngettext``: that name belongs to the interface domain's keywords (a method of
  the same name would be extracted into both domains).
- ``interface``: ``_``, ``N_`` and ``ngettext`` (the contract's; the interface test passes them).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.messages.extract import extract_from_dir

import ln_scheduler
from ln_scheduler.i18n import SOURCE_LANGUAGE, available_languages
from ln_scheduler.i18n.catalogues import read_catalogue

PACKAGE = Path(ln_scheduler.__file__).resolve().parent
TAKE_HOME_KEYWORDS: Mapping[str, Any] = {"gettext": None, "pgettext": ((1, "c"), 2)}
INTERFACE_KEYWORDS: Mapping[str, Any] = {"_": None, "N_": None, "ngettext": (1, 2)}


@dataclass(frozen=True)
class Marked:
    """One marked string: its message id (the singular of a plural), context, and where it is."""

    message: str
    context: str | None
    where: str


def marked_strings(keywords: Mapping[str, Any], root: Path = PACKAGE) -> list[Marked]:
    """Every literal string passed to one of ``keywords`` in the package's Python files (the
    generated Qt form modules included: they mark nothing with these names)."""
    found: list[Marked] = []
    for filename, lineno, message, _comments, context in extract_from_dir(
            str(root), method_map=[("**.py", "python")], keywords=dict(keywords), comment_tags=(),
            strip_comment_tags=True):
        text = message[0] if isinstance(message, tuple) else message
        if text:
            found.append(Marked(text, context, f"{filename}:{lineno}"))
    return found


def missing_entries(domain: str, keywords: Mapping[str, Any], root: Path = PACKAGE) -> list[str]:
    """``es: 'Your dose days' (reports/participant_schedule.py:250)`` for every marked string that a
    shipped language's catalogue of ``domain`` lacks or leaves empty (or fuzzy); empty = complete."""
    marked = marked_strings(keywords, root)
    problems: list[str] = []
    for lang in available_languages():
        if lang.code == SOURCE_LANGUAGE:
            continue
        catalogue = read_catalogue(lang.code, domain)  # empty and fuzzy entries are left out there
        for m in marked:
            if catalogue.get(m.message, context=m.context) is None:
                shown = f"{m.context}|{m.message}" if m.context else m.message
                problems.append(f"{lang.code}: {shown!r} ({m.where})")
    return sorted(set(problems))
