"""A domain's area files (``resources/locale/<lang>/<domain>/*.po``) are merged into one catalogue,
which keeps ONE translation per English text: two files translating the same text differently would
make one of them wrong wherever the other's word is kept (a participant's status read "Retiro", the
schedule's header label, instead of "Retirado del estudio"). This test names every such pair."""

from __future__ import annotations

import pytest
from babel.messages.pofile import read_po

from ln_scheduler.i18n import SOURCE_LANGUAGE, available_languages
from ln_scheduler.i18n.catalogues import DOMAINS, locale_root


@pytest.mark.parametrize("domain", sorted(DOMAINS))
def test_no_two_area_files_translate_one_text_differently(domain: str) -> None:
    disagreements = []
    for lang in available_languages():
        if lang.code == SOURCE_LANGUAGE:
            continue
        seen: dict[tuple[object, str | None], tuple[str, object]] = {}
        for po in sorted((locale_root() / lang.code / domain).glob("*.po")):
            with po.open("rb") as fp:
                for message in read_po(fp, locale=lang.locale):
                    if not message.id or not message.string or message.fuzzy:
                        continue
                    key = (message.id, message.context)
                    first = seen.setdefault(key, (po.name, message.string))
                    if first[1] != message.string:
                        disagreements.append(f"{lang.code}/{domain}: {message.id!r} is {first[1]!r} in "
                                             f"{first[0]} but {message.string!r} in {po.name}")
    assert not disagreements, "\n".join(disagreements)
