"""vCards that a real parser (vobject) reads back."""

import pytest
import vobject

from tests.network.factories import SupportOfficeFactory


@pytest.mark.django_db
def test_provider_vcard_round_trip(secret_provider, partner_user, client_for):
    response = client_for(partner_user).get("/directory/services/aima-evora/vcard.vcf")
    assert response["Content-Type"].startswith("text/vcard")
    assert "aima-evora.vcf" in response["Content-Disposition"]
    card = vobject.readOne(response.content.decode())
    assert card.fn.value == "AIMA — Loja de Évora"
    assert card.tel.value == "217 115 000"
    assert card.email.value == "evora@aima.example"
    assert "Rua da Fonte Nova, 1" in card.adr.value.street
    assert "09:00–16:00" in card.note.value


@pytest.mark.django_db
def test_office_vcard_round_trip(partner_user, client_for):
    SupportOfficeFactory(
        slug="gabinete-alvito",
        title="Gabinete de Apoio de Alvito",
        municipality="Alvito",
        host_organisation="Câmara Municipal de Alvito",
        phone="284 480 810",
        email="gabinete@cm-alvito.example",
        address="Largo do Relógio, 1\n7920-024 Alvito",
        hours=[(1, (9, 0), (13, 0))],
    )
    response = client_for(partner_user).get("/directory/offices/gabinete-alvito/vcard.vcf")
    card = vobject.readOne(response.content.decode())
    assert card.fn.value == "Gabinete de Apoio de Alvito"
    assert card.org.value == ["Câmara Municipal de Alvito"]
    assert card.tel.value == "284 480 810"
    assert card.url.value.endswith("/directory/gabinete-alvito/")
    assert "7920-024 Alvito" in card.adr.value.street


@pytest.mark.django_db
def test_unknown_vcard_is_404(partner_user, client_for):
    assert client_for(partner_user).get("/directory/offices/nada/vcard.vcf").status_code == 404
