import io

from django.core.management import call_command

import pytest

from network.models import (
    PartnerOrganisation,
    ServiceCategory,
    ServiceProvider,
    SupportOfficePage,
)

OFFICE_SLUGS = {
    "gabinete-alcacovas",
    "gabinete-viana-do-alentejo",
    "gabinete-alvito",
    "gabinete-cuba",
    "gabinete-vidigueira",
    "gabinete-portel",
    "gabinete-evora",
    "gabinete-montemor-o-novo",
}


@pytest.mark.django_db
def test_demo_builds_the_network_directory(client_for, partner_user):
    call_command("load_demo", stdout=io.StringIO())
    offices = SupportOfficePage.objects.live()
    assert set(offices.values_list("slug", flat=True)) == OFFICE_SLUGS
    assert offices.filter(in_town_hall=True).count() == 7
    assert not offices.get(slug="gabinete-alcacovas").in_town_hall
    assert all(office.opening_hours.exists() for office in offices)
    assert sum(office.has_after_hours for office in offices) >= 5
    assert ServiceProvider.objects.count() >= 40
    assert set(ServiceProvider.objects.values_list("category", flat=True)) == set(
        ServiceCategory.values
    )
    names = set(PartnerOrganisation.objects.values_list("name", flat=True))
    assert "Associação Terras Dentro" in names and "FACETS" in names
    assert PartnerOrganisation.objects.filter(kind="municipality").count() == 7
    assert PartnerOrganisation.objects.filter(kind="transnational").count() == 2
    html = client_for(partner_user).get("/directory/map/").content.decode()
    assert html.count("<circle") == 8


@pytest.mark.django_db
def test_directory_speaks_english_when_chosen(client_for, partner_user):
    client = client_for(partner_user)
    assert "Gabinetes de apoio" in client.get("/directory/").content.decode()
    client.cookies["django_language"] = "en"
    html = client.get("/directory/").content.decode()
    assert "Support offices" in html and "Open now" in html
