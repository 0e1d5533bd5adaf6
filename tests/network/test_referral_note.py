"""The referral note reaches staff and coordinators and never a partner, by any route."""

import csv
import io

import pytest
import vobject

from tests.network.factories import SECRET

ROUTES = [
    "/directory/services/aima-evora/",
    "/directory/services/aima-evora/vcard.vcf",
    "/directory/export.csv",
    "/directory/export.csv?q=Xerazade",
    "/directory/?print=1",
    "/directory/?q=aima",
    "/directory/offline/",
]


def _text(response):
    return (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else response.content.decode()
    )


@pytest.mark.django_db
@pytest.mark.parametrize("url", ROUTES)
def test_partner_never_gets_the_referral_note(partner_user, client_for, secret_provider, url):
    response = client_for(partner_user).get(url)
    assert response.status_code == 200
    body = _text(response)
    assert "Xerazade" not in body
    assert "4242" not in body


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["staff", "coordinator", "admin"])
def test_staff_see_the_referral_note_on_the_provider_page(
    role_users, client_for, secret_provider, role
):
    html = client_for(role_users[role]).get("/directory/services/aima-evora/").content.decode()
    assert 'data-testid="referral-note"' in html
    assert SECRET in html


@pytest.mark.django_db
def test_partner_cannot_find_a_provider_by_words_in_its_referral_note(
    partner_user, staff_user, client_for, secret_provider
):
    partner_html = client_for(partner_user).get("/directory/?q=Xerazade").content.decode()
    assert "AIMA — Loja de Évora" not in partner_html
    staff_html = client_for(staff_user).get("/directory/?q=Xerazade").content.decode()
    assert "AIMA — Loja de Évora" in staff_html


@pytest.mark.django_db
def test_csv_columns_depend_on_role(partner_user, staff_user, client_for, secret_provider):
    partner_rows = list(
        csv.reader(
            io.StringIO(
                client_for(partner_user).get("/directory/export.csv").content.decode("utf-8-sig")
            )
        )
    )
    assert "Nota de encaminhamento (interna)" not in partner_rows[0]
    assert any("AIMA — Loja de Évora" in row for row in partner_rows)
    staff_rows = list(
        csv.reader(
            io.StringIO(
                client_for(staff_user).get("/directory/export.csv").content.decode("utf-8-sig")
            )
        )
    )
    assert staff_rows[0][:-1] == partner_rows[0]
    assert staff_rows[0][-1] == "Nota de encaminhamento (interna)"
    aima = next(row for row in staff_rows if "AIMA — Loja de Évora" in row)
    assert aima[-1] == SECRET


@pytest.mark.django_db
def test_vcard_note_only_for_staff(partner_user, staff_user, client_for, secret_provider):
    url = "/directory/services/aima-evora/vcard.vcf"
    partner_card = vobject.readOne(client_for(partner_user).get(url).content.decode())
    assert SECRET not in partner_card.note.value
    staff_card = vobject.readOne(client_for(staff_user).get(url).content.decode())
    assert SECRET in staff_card.note.value


@pytest.mark.django_db
def test_site_search_does_not_expose_providers(partner_user, client_for, secret_provider):
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    html = client_for(partner_user).get("/search/?q=Xerazade").content.decode()
    assert 'data-testid="search-results"' not in html
    assert "AIMA" not in html
