"""A Spanish interface gets the services' refusals in Spanish, end to end (a real booking refused by
the real rules, on both engines), and English is unchanged before and after."""

from __future__ import annotations

from datetime import date

import pytest

from ln_scheduler.domain.visit_status import VisitStatus
from ln_scheduler.i18n import interface_language, use_language
from ln_scheduler.services.errors import ServiceError

from .helpers import enrol_worked_example

INFUSION = date(2027, 1, 31)


@pytest.fixture
def infused(svc):
    enrol_worked_example(svc, infusion=INFUSION)
    return svc


def test_a_booking_outside_its_window_is_refused_in_spanish(infused, spanish_interface):
    window = infused.participant("104-001").visit("M2")
    with pytest.raises(ServiceError) as refused:
        infused.book_visit("104-001", "M2", date(2027, 6, 1))
    assert str(refused.value) == (
        f"2027-06-01 está fuera de la ventana de M2 ({window.earliest} a {window.latest}): indique un motivo; "
        "la cita se marcará como desviación del protocolo")


def test_a_withdrawn_participant_is_refused_in_spanish_and_english_comes_back(infused, spanish_interface):
    infused.withdraw("104-001", date(2027, 2, 10), "moved away")
    with pytest.raises(ServiceError,
                       match=r"^el participante 104-001 se retiró del estudio el 2027-02-10: ya no se registra ni se"):
        infused.book_visit("104-001", "M2", date(2027, 3, 29))
    assert VisitStatus.DONE_OUT_OF_WINDOW.label == "Realizada fuera de ventana"
    use_language("en")
    assert interface_language() == "en"
    with pytest.raises(ServiceError, match=r"^participant 104-001 withdrew on 2027-02-10: nothing more is recorded"):
        infused.book_visit("104-001", "M2", date(2027, 3, 29))
    assert VisitStatus.DONE_OUT_OF_WINDOW.label == "Done out of window"
