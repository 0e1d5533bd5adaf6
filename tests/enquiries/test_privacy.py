"""The log is anonymous: a note with an identifier in it is refused, saying which kind
and why; an ordinary note with dates, hours, money and law numbers passes."""

import pytest

from intranet.enquiries.models import Enquiry
from intranet.enquiries.privacy import identifiers_in

from .factories import form_data


@pytest.mark.parametrize(
    ("note", "kind"),
    [
        ("Escreve para joao.silva@gmail.com", "email"),
        ("contacto: ana_p+migra@sapo.pt", "email"),
        ("ligar para 912 345 678", "phone"),
        ("ligar para 912345678 depois das 18h", "phone"),
        ("telefone fixo 266 123 456", "phone"),
        ("tel. +351 266 123 456", "phone"),
        ("tel +351912345678", "phone"),
        ("00351 963 222 111", "phone"),
        ("número do Reino Unido +44 20 7946 0958", "phone"),
        ("primo na Roménia 0040 721 234 567", "phone"),
        ("whatsapp +977 980-1234567", "phone"),
        ("telemóvel 91-234-5678", "phone"),
        ("NIF 123456789", "document"),
        ("NIF: 123 456 789", "document"),
        ("NISS 12345678901", "document"),
        ("número de utente 876 543 210", "document"),
        ("passaporte C123456", "document"),
        ("passaporte FA1234567", "document"),
        ("passaporte n.º PA 1234567", "document"),
        ("título de residência 12345678ZX1", "document"),
        ("cartão de cidadão 12345678", "document"),
        ("AR n.º 7654321", "document"),
        ("mora na Rua do Rossio, 12", "address"),
        ("Av. da República 100", "address"),
        ("Rua Direita n.º 5", "address"),
        ("vive na Travessa das Flores 3, Cuba", "address"),
        ("código postal 7090-201 Alcáçovas", "address"),
        ("7940-123", "address"),
        ("vive no 3.º esq.", "address"),
        ("r/c dto, ao pé da igreja", "address"),
    ],
)
def test_identifiers_are_recognised(note, kind):
    assert kind in identifiers_in(note)


@pytest.mark.parametrize(
    "note",
    [
        "Veio no dia 12/03/2025 às 9h30",
        "Marcação para 2025-04-01 às 14:00",
        "A AIMA marcou para 15-05-2025, às 10h",
        "Entrevista a 3.10.2025",
        "Renda de 450 € e dívida de 1.200 euros",
        "Salário de 820,50€ em atraso desde março",
        "Pediu adiantamento de € 1 500",
        "Lei 23/2007, art. 88.º, n.º 2",
        "Decreto-Lei n.º 41/2023 de 2 de junho",
        "Despacho n.º 25360/2001 sobre o acesso ao SNS",
        "ano letivo 2024-2025",
        "pedido feito em 2023/24",
        "Falou na rua com 3 pessoas",
        "Volta dentro de 2 semanas com o contrato",
        "das 9:00-17:00, 5 dias por semana",
        "subsídio de 35 %",
        "Desde 2019 em Portugal, 3 filhos, 2 na escola",
        "Trabalha na estrada nacional perto de Cuba",
        "Quinta-feira às 18h no café",
        "Família de 4 pessoas, quarto de 12 m2",
        "",
    ],
)
def test_ordinary_notes_pass(note):
    assert identifiers_in(note) == []


def test_the_form_refuses_the_note_saying_why_and_keeps_what_was_typed(
    login, staff_at_alcacovas, offices
):
    client = login(staff_at_alcacovas)
    data = form_data(
        offices["alcacovas"],
        topic="health",
        subtopic="sns-number",
        note="NIF 123456789, tel 912345678",
    )
    response = client.post("/enquiries/new/", data)
    assert response.status_code == 200
    assert not Enquiry.objects.exists()
    errors = response.context["form"].errors["note"]
    assert any("document number" in e for e in errors)
    assert any("phone number" in e for e in errors)
    html = response.content.decode()
    # Tied to the field, and nothing typed is lost.
    assert 'id="id_note_error"' in html
    assert 'aria-describedby="id_note_helptext id_note_error"' in html
    assert 'value="sns-number" selected data-topic="health"' in html
    assert "NIF 123456789, tel 912345678</textarea>" in html


@pytest.mark.parametrize(
    ("path", "field", "extra"),
    [
        ("/enquiries/outreach/new/", "place", {}),
        ("/enquiries/outreach/new/", "note", {}),
        ("/service-gaps/new/", "description", {}),
    ],
)
def test_other_free_text_is_checked_too(
    login, staff_at_alcacovas, offices, providers, path, field, extra
):
    client = login(staff_at_alcacovas)
    data = {
        "date": form_data(offices["alcacovas"])["date"],
        "office": offices["alcacovas"].pk,
        "municipality": "Cuba",
        "place_kind": "workplace",
        "people_reached": "10",
        "provider": providers["cs-cuba"].pk,
        "title": "Recusa de inscrição",
        "description": "Recusam a inscrição.",
        "period_start": "2026-01-01",
        "period_end": "2026-03-31",
        "outcomes": ["refused"],
        field: "Falar com a Sra. Maria, 912 345 678",
        **extra,
    }
    response = client.post(path, data)
    assert response.status_code == 200
    assert "phone number" in " ".join(response.context["form"].errors[field])
