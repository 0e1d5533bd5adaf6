"""The directory's copy for places without a signal (field mode): every office and service
on one dated page with tap-to-call numbers, the fields the person may see (never the
referral note for a partner), private to the person, and a fixed number of queries."""

import pytest

from tests.network.factories import SECRET, SupportOfficeFactory
from tests.network.test_queries import _count, _seed

URL = "/directory/offline/"


@pytest.mark.django_db
def test_partners_read_every_service_without_the_referral_note(
    partner_user, client_for, secret_provider, settings
):
    SupportOfficeFactory(
        slug="gabinete-cuba", title="Gabinete de Apoio de Cuba", phone="284 415 100"
    )
    client = client_for(partner_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"
    html = response.content.decode()
    assert "Saved on" in html
    assert "Gabinete de Apoio de Cuba" in html and "AIMA — Loja de Évora" in html
    assert 'href="tel:284415100"' in html and 'href="tel:217115000"' in html
    assert "Cidadãos estrangeiros com agendamento." in html
    assert "Xerazade" not in html and "4242" not in html
    assert "Referral note" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["staff", "coordinator"])
def test_network_staff_keep_the_referral_note(role_users, client_for, secret_provider, role):
    html = client_for(role_users[role]).get(URL).content.decode()
    assert SECRET in html


@pytest.mark.django_db
def test_the_offline_directory_runs_the_same_queries_however_big(
    languages, partner_user, client_for
):
    SupportOfficeFactory(slug="gabinete-evora", hours=[(0, (9, 0), (17, 0))])
    client = client_for(partner_user)
    _seed(10, languages)
    small = _count(client, URL)
    _seed(300, languages)
    assert _count(client, URL) == small
