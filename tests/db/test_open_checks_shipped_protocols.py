"""Opening a database reads the shipped protocol files; an installed file that is not the bytes
the test suite checked (edited after installation) is checked in full there and refuses the open
with the message any broken protocol file gets (``protocol_loader.CHECKED_SHIPPED_TEXTS``)."""

from collections.abc import Iterator

import pytest

from ln_scheduler.domain import protocol_loader
from ln_scheduler.services import protocols
from ln_scheduler.services.app import open_services
from ln_scheduler.services.errors import ServiceError


@pytest.fixture
def shipped_texts(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """The shipped files' texts as this process reads them; edit one to edit the installed file."""
    texts = {name: protocol_loader.shipped_protocol_text(name) for name in protocol_loader.SHIPPED_PROTOCOLS}
    monkeypatch.setattr(protocol_loader, "shipped_protocol_text", texts.__getitem__)
    monkeypatch.setattr(protocols, "shipped_protocol_text", texts.__getitem__)
    protocol_loader.shipped_protocols.cache_clear()  # parsed once per process: read them again
    protocols._shipped.cache_clear()
    yield texts
    protocol_loader.shipped_protocols.cache_clear()
    protocols._shipped.cache_clear()


def test_a_shipped_file_edited_after_installation_refuses_the_open(db_url, shipped_texts):
    name = protocol_loader.SHIPPED_PROTOCOLS[-1]
    text = shipped_texts[name]
    block = text.index('code = "M6"')
    late = text.index("late = 14", block)
    shipped_texts[name] = text[:late] + "late = 200" + text[late + len("late = 14"):]
    with pytest.raises(ServiceError) as refused:
        open_services(db_url)
    assert str(refused.value) == (f"{name}, visit M6, field 'late': window -14/+200 days swallows the target of "
                                  "visit M9 in cohort LN")


def test_the_shipped_files_as_installed_open(db_url, shipped_texts):
    svc = open_services(db_url)
    try:
        assert [p.version for p in svc.shipped_protocols] == ["1.0", "2.0"]
    finally:
        svc.close()
