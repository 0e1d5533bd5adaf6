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


@pytest.mark.django_db
def test_demo_providers_come_through_the_importer(tmp_path):
    """The demo's CSV is the importer's own format: `manage.py import_providers` reads it
    as it is, and the demo loader leaves the same trail (a revision and a log entry)."""
    from wagtail.models import ModelLogEntry

    from intranet.core.demo import data_file
    from network import demo as network_demo

    network_demo.load_languages()
    out = io.StringIO()
    call_command("import_providers", data_file(network_demo.__file__, "providers.csv"), stdout=out)
    created = ServiceProvider.objects.count()
    assert f"{created} created, 0 updated." in out.getvalue()
    assert created >= 40
    ServiceProvider.objects.all().delete()

    assert network_demo.load_providers() == created
    provider = ServiceProvider.objects.get(slug="aima-evora")
    assert provider.languages.count() == 2 and provider.opening_hours.count() == 5
    assert provider.referral_note.startswith("Sem agendamento")
    assert provider.revisions.count() == 1
    assert ModelLogEntry.objects.for_instance(provider).filter(action="wagtail.create").exists()
    assert network_demo.load_providers() == 0, "idempotent"
